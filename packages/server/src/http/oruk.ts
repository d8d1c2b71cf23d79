/**
 * The hub's directory as Open Referral UK (HSDS 3.0) read endpoints under `/oruk`, so that any
 * ORUK consumer can read it: `/`, `/services`, `/services/{id}`, `/service_at_locations`,
 * `/service_at_locations/{id}`, `/organizations`, `/organizations/{id}`, `/taxonomies`,
 * `/taxonomies/{id}`, `/taxonomy_terms` and `/taxonomy_terms/{id}`, lists in HSDS's page envelope.
 *
 * Public and read-only: a directory is public information, so no key is asked for and any
 * website may read it (`Access-Control-Allow-Origin: *`). Defunct services are left out
 * everywhere. Parameters HSDS defines that the hub cannot answer (`modified_after`, `minimal`)
 * are ignored, as HSDS allows; `format` other than `json` is refused rather than ignored, since
 * a caller asking for ndjson could not read a JSON page.
 */
import type { Context, Hono } from 'hono';
import {
  CORRELATION_ID_HEADER,
  REQUEST_ID_HEADER,
  distanceKm,
  districtOf,
  locate,
  needCodes,
  postcodeDistrict,
  validate,
  type FieldError,
  type GeoPoint,
  type Located,
  type NeedCode,
  type Service,
  type ServiceOrganisation,
} from '@hubkit/schema';
import {
  OrukListQuery,
  childId,
  needTerm,
  orukApiInfo,
  orukTaxonomies,
  orukTaxonomyTerms,
  organizationListItem,
  organizationToOruk,
  serviceAtLocationDetails,
  serviceAtLocationItems,
  serviceToOruk,
  serviceToOrukListItem,
  toOrukPage,
  type OrukPage,
} from '@hubkit/schema/oruk';
import type { Hub } from '../domain/hub.ts';
import { ProblemError } from '../domain/problem.ts';
import type { HubEnv } from './app.ts';
import { queryObject } from './request.ts';

const BASE = '/oruk';
const METHODS = 'GET, HEAD, OPTIONS';
// Any UUID: hubkit's own ids are version 4, the ORUK module's derived ids version 8.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The paths served, for telling a wrong method (405) from a wrong address (404). */
const KNOWN_PATHS = [
  /^\/oruk\/?$/,
  /^\/oruk\/(services|service_at_locations|organizations|taxonomies|taxonomy_terms)(\/[^/]+)?$/,
];

type Param =
  | 'page'
  | 'per_page'
  | 'search'
  | 'taxonomy_term_id'
  | 'taxonomy_id'
  | 'organization_id'
  | 'postcode'
  | 'proximity'
  | 'full'
  | 'full_service'
  | 'top_only'
  | 'parent_id'
  | 'format';

/** What each list endpoint answers (HSDS 3.0's openapi.json); other parameters are ignored. */
const PAGED: readonly Param[] = ['page', 'per_page', 'format'];
const SERVICE_FILTERS: readonly Param[] = [
  ...PAGED,
  'search',
  'taxonomy_term_id',
  'taxonomy_id',
  'organization_id',
  'full',
];
const accepts = {
  services: SERVICE_FILTERS,
  serviceAtLocations: [...SERVICE_FILTERS, 'postcode', 'proximity'],
  organizations: [...PAGED, 'search', 'taxonomy_term_id', 'taxonomy_id', 'full', 'full_service'],
  organization: ['full_service'],
  taxonomies: [...PAGED, 'search'],
  taxonomyTerms: [...PAGED, 'search', 'taxonomy_id', 'top_only', 'parent_id'],
} satisfies Record<string, readonly Param[]>;

interface ListQuery {
  page: number;
  perPage: number;
  search: string | undefined;
  taxonomyTermId: string | undefined;
  taxonomyId: string | undefined;
  organizationId: string | undefined;
  parentId: string | undefined;
  /** The centre of the postcode's district. */
  origin: Located | undefined;
  proximityKm: number | undefined;
  full: boolean;
  fullService: boolean;
}

/**
 * Parameters checked here rather than by `OrukListQuery`: ones it does not know, and the
 * postcode, since an outward code alone (`N1`) is enough to place it and shares less.
 */
const CHECKED_HERE: ReadonlySet<Param> = new Set<Param>([
  'postcode',
  'full_service',
  'top_only',
  'parent_id',
]);

const needByTermId: ReadonlyMap<string, NeedCode> = new Map(
  needCodes.codes.map((code) => [needTerm(code).id, code]),
);

const idMessages: Record<string, string> = {
  taxonomy_term_id: 'Use the id of a taxonomy term from /taxonomy_terms',
  taxonomy_id: 'Use the id of a taxonomy from /taxonomies',
  organization_id: 'Use the id of an organization from /organizations',
  parent_id: 'Use the id of a taxonomy term from /taxonomy_terms',
};

/** Reads and checks the parameters an endpoint accepts; every mistake at once, as a 400. */
function readQuery(c: Context<HubEnv>, accepted: readonly Param[]): ListQuery {
  const lang = c.get('lang');
  const raw = queryObject(c.req.url);
  const given = (name: Param): string | undefined => (accepted.includes(name) ? raw[name] : undefined);
  const errors: FieldError[] = [];

  const picked: Record<string, string> = {};
  for (const name of accepted) {
    const value = raw[name];
    if (value !== undefined && !CHECKED_HERE.has(name)) picked[name] = value;
  }
  const parsed = validate(OrukListQuery, picked, { lang });
  if (!parsed.success) errors.push(...parsed.errors);
  const query = parsed.data;

  // Booleans HSDS has beyond `full` read the way `full` does, with the same messages.
  const flag = (name: Param): boolean => {
    const value = given(name);
    if (value === undefined) return false;
    const read = validate(OrukListQuery, { full: value }, { lang });
    if (!read.success) errors.push(...read.errors.map((e) => ({ ...e, path: `/${name}` })));
    return read.data?.full === true;
  };
  const fullService = flag('full_service');
  flag('top_only');

  // Ids are UUIDs here; an empty or overlong one is already reported by the schema.
  const id = (name: Param): string | undefined => {
    const value = given(name)?.trim();
    if (!value || errors.some((e) => e.path === `/${name}`)) return undefined;
    if (UUID.test(value)) return value.toLowerCase();
    errors.push({ path: `/${name}`, code: 'invalid_format', message: idMessages[name] ?? 'Use a UUID' });
    return undefined;
  };
  const taxonomyTermId = id('taxonomy_term_id');
  const taxonomyId = id('taxonomy_id');
  const organizationId = id('organization_id');
  const parentId = id('parent_id');

  const format = given('format');
  if (format !== undefined && format !== 'json') {
    errors.push({
      path: '/format',
      code: 'invalid_option',
      message: 'Only json is available here: leave format out',
    });
  }

  let origin: Located | undefined;
  const postcode = given('postcode');
  if (postcode !== undefined) {
    if (districtOf(postcode) === null) {
      const read = validate(OrukListQuery, { postcode }, { lang });
      errors.push(
        ...(read.errors ?? [
          { path: '/postcode', code: 'invalid', message: 'Enter a postcode, like N1 1AA' },
        ]),
      );
    } else {
      origin = locate(postcode) ?? undefined;
      if (!origin) {
        errors.push({
          path: '/postcode',
          code: 'postcode_not_found',
          message:
            'That postcode is outside the postcode districts this hub covers; search without it, or try another',
        });
      }
    }
  } else if (given('proximity') !== undefined) {
    errors.push({
      path: '/postcode',
      code: 'required',
      message: 'Give a postcode to search within a distance of it',
    });
  }

  if (errors.length > 0 || !query) {
    throw new ProblemError(400, 'invalid_query', 'Some query parameters need changing: see errors.', {
      errors,
    });
  }
  return {
    page: query.page,
    perPage: query.per_page,
    search: query.search,
    taxonomyTermId,
    taxonomyId,
    organizationId,
    parentId,
    origin,
    proximityKm: query.proximity === undefined ? undefined : query.proximity / 1000,
    full: query.full === true,
    fullService,
  };
}

const notFound = (what: string) => new ProblemError(404, 'not_found', `There is no ${what} with that id.`);

/** The id in the path, lower case, or a 404: nothing here has an id that is not a UUID. */
function pathId(c: Context<HubEnv>, what: string): string {
  const id = c.req.param('id') ?? '';
  if (!UUID.test(id)) throw notFound(what);
  return id.toLowerCase();
}

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
}

/** One page of `items`, each turned into what the endpoint lists only once it is on the page. */
function pageOf<T, U>(items: readonly T[], query: ListQuery, toItem: (item: T) => U): OrukPage<U> {
  const start = (query.page - 1) * query.perPage;
  const contents = items.slice(start, start + query.perPage).map(toItem);
  return toOrukPage(contents, { page: query.page, perPage: query.perPage, totalItems: items.length });
}

/** Every query word starts a word of the text, as the store's full-text search matches. */
function matchesWords(search: string | undefined, ...texts: readonly (string | undefined)[]): boolean {
  if (search === undefined) return true;
  const words = (text: string) =>
    text
      .normalize('NFKC')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  const haystack = words(texts.filter((t) => t !== undefined).join(' '));
  return words(search).every((word) => haystack.some((candidate) => candidate.startsWith(word)));
}

/** The taxonomy terms and taxonomies a service is linked to, as its ORUK attributes say. */
function linksOf(service: Service): { terms: Set<string>; taxonomies: Set<string> } {
  const attributes = serviceToOruk(service).attributes;
  return {
    terms: new Set(attributes.map((a) => a.taxonomy_term_id)),
    taxonomies: new Set(attributes.map((a) => a.taxonomy_term.taxonomy_id)),
  };
}

/** The directory's current services matching the query's words and filters, best match first. */
async function servicesFor(
  hub: Hub,
  query: Pick<ListQuery, 'search' | 'taxonomyTermId' | 'taxonomyId' | 'organizationId'>,
): Promise<Service[]> {
  // A need's term is filtered by the store; other terms by the attributes the service is published with.
  const need = query.taxonomyTermId === undefined ? undefined : needByTermId.get(query.taxonomyTermId);
  const found = await hub.store.findServices({ q: query.search, need });
  return found.filter((service) => {
    if (service.status === 'defunct') return false;
    if (query.organizationId !== undefined && service.organisation.id !== query.organizationId) return false;
    if (query.taxonomyTermId === undefined && query.taxonomyId === undefined) return true;
    const links = linksOf(service);
    return (
      (query.taxonomyTermId === undefined || links.terms.has(query.taxonomyTermId)) &&
      (query.taxonomyId === undefined || links.taxonomies.has(query.taxonomyId))
    );
  });
}

const allServices = (hub: Hub) =>
  servicesFor(hub, {
    search: undefined,
    taxonomyTermId: undefined,
    taxonomyId: undefined,
    organizationId: undefined,
  });

/** The item for a location: the ORUK module makes one for each location, in their order. */
function atIndex<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`No service at location ${index}`);
  return item;
}

interface Placed {
  service: Service;
  index: number;
  km: number | null;
}

/** Where a location is: its coordinates, or else the centre of its postcode district. */
function pointOf(location: Service['locations'][number]): GeoPoint | null {
  if (location.latitude !== undefined && location.longitude !== undefined) {
    return { latitude: location.latitude, longitude: location.longitude };
  }
  return locate(postcodeDistrict(location.address.postcode));
}

/**
 * Each location of each service, as HSDS's `postcode` and `proximity` ask: with a postcode, only
 * services whose areas cover it (where they name areas), nearest first, locations that cannot be
 * placed last; with `proximity` too, only those within that distance of the district's centre.
 */
function placed(services: readonly Service[], query: ListQuery): Placed[] {
  const { origin, proximityKm } = query;
  let items: Placed[] = services.flatMap((service) => {
    if (origin && service.areas.length > 0 && !service.areas.includes(origin.area)) return [];
    return service.locations.map((location, index) => {
      const point = origin ? pointOf(location) : null;
      return { service, index, km: origin && point ? distanceKm(origin, point) : null };
    });
  });
  if (!origin) return items;
  if (proximityKm !== undefined) items = items.filter((item) => item.km !== null && item.km <= proximityKm);
  // Stable: equally near locations keep the relevance order.
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => (a.item.km ?? Infinity) - (b.item.km ?? Infinity) || a.i - b.i)
    .map(({ item }) => item);
}

/** The organisations of `services`, each once, by name. */
function organisationsOf(services: readonly Service[]): ServiceOrganisation[] {
  const byId = new Map<string, ServiceOrganisation>();
  for (const service of services)
    if (!byId.has(service.organisation.id)) byId.set(service.organisation.id, service.organisation);
  return [...byId.values()].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1,
  );
}

/** A fully nested organisation with its services: list items, or in full with `full_service`. */
function nestedOrganisation(
  organisation: ServiceOrganisation,
  services: readonly Service[],
  fullService: boolean,
) {
  const own = services.filter((s) => s.organisation.id === organisation.id);
  return {
    ...organizationToOruk(organisation),
    services: own.map((s) => (fullService ? serviceToOruk(s) : serviceToOrukListItem(s))),
  };
}

export function orukRoutes(app: Hono<HubEnv>, hub: Hub): void {
  // Public: any website may read the directory, so CORS is `*`, and answers may be cached a while.
  app.use(`${BASE}/*`, async (c, next) => {
    if (c.req.method === 'OPTIONS') {
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': METHODS,
        'Access-Control-Allow-Headers': ['Accept', 'Accept-Language', CORRELATION_ID_HEADER].join(', '),
        'Access-Control-Max-Age': '86400',
      });
    }
    await next();
    const headers = c.res.headers;
    headers.set('Access-Control-Allow-Origin', '*');
    headers.set('Access-Control-Expose-Headers', [REQUEST_ID_HEADER, CORRELATION_ID_HEADER].join(', '));
    headers.set('Cache-Control', c.res.ok ? 'public, max-age=300' : 'no-store');
    return undefined;
  });

  const info = () =>
    json(
      orukApiInfo({
        description:
          'The service directory of a community referral hub, as Open Referral UK (HSDS 3.0). All of it is public information.',
      }),
    );
  app.get(BASE, info);
  app.get(`${BASE}/`, info);

  app.get(`${BASE}/services`, async (c) => {
    const query = readQuery(c, accepts.services);
    const services = await servicesFor(hub, query);
    return json(pageOf(services, query, query.full ? serviceToOruk : serviceToOrukListItem));
  });

  app.get(`${BASE}/services/:id`, async (c) => {
    const service = await hub.store.getService(pathId(c, 'service'));
    if (!service || service.status === 'defunct') throw notFound('service');
    return json(serviceToOruk(service));
  });

  app.get(`${BASE}/service_at_locations`, async (c) => {
    const query = readQuery(c, accepts.serviceAtLocations);
    const items = placed(await servicesFor(hub, query), query);
    return json(
      pageOf(items, query, ({ service, index }) =>
        atIndex(query.full ? serviceAtLocationDetails(service) : serviceAtLocationItems(service), index),
      ),
    );
  });

  app.get(`${BASE}/service_at_locations/:id`, async (c) => {
    const id = pathId(c, 'service at location');
    // Its id is derived from its service's and its place among the locations: find which it is.
    for (const service of await allServices(hub)) {
      const index = service.locations.findIndex(
        (_, i) => childId(service.id, 'service_at_location', i) === id,
      );
      if (index >= 0) return json(atIndex(serviceAtLocationDetails(service), index));
    }
    throw notFound('service at location');
  });

  app.get(`${BASE}/organizations`, async (c) => {
    const query = readQuery(c, accepts.organizations);
    // The words search the organisations themselves; the taxonomy filters go through their services.
    const services = await servicesFor(hub, { ...query, search: undefined });
    const organisations = organisationsOf(services).filter((o) =>
      matchesWords(query.search, o.name, o.description),
    );
    const nested = query.full || query.fullService;
    return json(
      pageOf(organisations, query, (o) =>
        nested ? nestedOrganisation(o, services, query.fullService) : organizationListItem(o),
      ),
    );
  });

  app.get(`${BASE}/organizations/:id`, async (c) => {
    const id = pathId(c, 'organization');
    const query = readQuery(c, accepts.organization);
    const services = await allServices(hub);
    const organisation = services.find((s) => s.organisation.id === id)?.organisation;
    if (!organisation) throw notFound('organization');
    return json(nestedOrganisation(organisation, services, query.fullService));
  });

  app.get(`${BASE}/taxonomies`, async (c) => {
    const query = readQuery(c, accepts.taxonomies);
    const taxonomies = orukTaxonomies(await allServices(hub)).filter((t) =>
      matchesWords(query.search, t.name, t.description),
    );
    return json(pageOf(taxonomies, query, (t) => t));
  });

  app.get(`${BASE}/taxonomies/:id`, async (c) => {
    const id = pathId(c, 'taxonomy');
    const found = orukTaxonomies(await allServices(hub)).find((t) => t.id === id);
    if (!found) throw notFound('taxonomy');
    return json(found);
  });

  app.get(`${BASE}/taxonomy_terms`, async (c) => {
    const query = readQuery(c, accepts.taxonomyTerms);
    const terms = orukTaxonomyTerms(await allServices(hub)).filter(
      (t) =>
        (query.taxonomyId === undefined || t.taxonomy_id === query.taxonomyId) &&
        // hubkit's vocabularies are flat: no term has a parent, so every term is a top one.
        query.parentId === undefined &&
        matchesWords(query.search, t.name, t.description, t.code),
    );
    return json(pageOf(terms, query, (t) => t));
  });

  app.get(`${BASE}/taxonomy_terms/:id`, async (c) => {
    const id = pathId(c, 'taxonomy term');
    const found = orukTaxonomyTerms(await allServices(hub)).find((t) => t.id === id);
    if (!found) throw notFound('taxonomy term');
    return json(found);
  });

  // Read-only: anything but GET, HEAD and OPTIONS at a known path is 405; an unknown path 404.
  app.all(`${BASE}/*`, (c) => {
    if (KNOWN_PATHS.some((path) => path.test(c.req.path))) {
      throw new ProblemError(
        405,
        'method_not_allowed',
        'The Open Referral UK directory is read-only: use GET here.',
        {
          headers: { Allow: METHODS },
        },
      );
    }
    throw new ProblemError(404, 'not_found', 'There is nothing at this address.');
  });
}
