/**
 * The directory as Open Referral UK (HSDS 3.0) read endpoints, as a hub serves them under
 * `/oruk`: `/`, `/services`, `/services/{id}`, `/service_at_locations`,
 * `/service_at_locations/{id}`, `/organizations`, `/organizations/{id}`, `/taxonomies`,
 * `/taxonomies/{id}`, `/taxonomy_terms` and `/taxonomy_terms/{id}`, lists in HSDS's page envelope.
 * The reference server mounts them on Hono and the mocks on msw, so both answer alike.
 *
 * Public and read-only: a directory is public information. Defunct services are left out
 * everywhere. Parameters HSDS defines that a hub cannot answer (`modified_after`, `minimal`) are
 * ignored, as HSDS allows; `format` other than `json` is refused rather than ignored, since a
 * caller asking for ndjson could not read a JSON page.
 */
import {
  needCodes,
  postcodeDistrict,
  validate,
  type FieldError,
  type Lang,
  type NeedCode,
  type Service,
  type ServiceOrganisation,
} from '@hubkit/schema';
import {
  childId,
  needTerm,
  organizationListItem,
  organizationToOruk,
  orukApiInfo,
  OrukListQuery,
  orukTaxonomies,
  orukTaxonomyTerms,
  serviceAtLocationDetails,
  serviceAtLocationItems,
  serviceToOruk,
  serviceToOrukListItem,
  toOrukPage,
  type OrukPage,
} from '@hubkit/schema/oruk';
import type { SearchDistances } from './directory-search.ts';
import { distanceKm, districtOf, locate, type GeoPoint, type Located } from './geo.ts';
import { ProblemError } from './problems.ts';
import { queryObject } from './request.ts';

/**
 * Where the endpoints read the directory: the hub's store, or the mocks' memory. `findServices`
 * finds current and defunct services alike, best match first; the endpoints leave defunct out.
 */
export interface OrukDirectory {
  findServices(query: { q: string | undefined; need: NeedCode | undefined }): Promise<readonly Service[]>;
  getService(id: string): Promise<Service | undefined>;
  /**
   * One window of the current services matching `q`, in `findServices`' order, and how many
   * match: a directory that can read a page without reading every service (the hub's indexed
   * store) gives this, and `/services` without other filters uses it.
   */
  pageServices?(
    query: { q: string | undefined },
    window: { offset: number; limit: number },
  ): Promise<{ services: readonly Service[]; total: number }>;
  /**
   * A number that changes whenever a service is added, changed or removed: a directory that gives
   * it has what the unfiltered endpoints derive from every service worked out once per number,
   * rather than on every request.
   */
  version?(): Promise<number>;
  /**
   * Told once of each object the endpoints keep and answer again unchanged (each of a service's
   * ORUK forms, and each item of those that are lists): a host that writes answers out may write
   * each once and keep its text. (Forms are kept with the Service object: the directory that
   * first answers with it is the one told.)
   */
  lasting?(value: object): void;
}

/**
 * The page property of `/service_at_locations` that says whether the order is by distance from
 * the `postcode` given: `from_postcode`, `no_postcode`, or `postcode_not_found` (a real
 * postcode the hub cannot place: the page is as without one, and no `proximity` was applied).
 */
export const ORUK_DISTANCES_PROPERTY = 'hubkit_distances';

/** The methods the endpoints answer. */
export const ORUK_METHODS = 'GET, HEAD, OPTIONS';
// Any UUID: hubkit's own ids are version 4, the ORUK module's derived ids version 8.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  origin: Located | undefined;
  /** Whether distance could be used: a real postcode the hub cannot place is answered as without one. */
  distances: SearchDistances;
  proximityKm: number | undefined;
  full: boolean;
  fullService: boolean;
}

/** Parameters checked here rather than by `OrukListQuery`. */
const CHECKED_HERE: ReadonlySet<Param> = new Set<Param>([
  'postcode',
  'full_service',
  'top_only',
  'parent_id',
]);

const idMessages: Record<string, string> = {
  taxonomy_term_id: 'Use the id of a taxonomy term from /taxonomy_terms',
  taxonomy_id: 'Use the id of a taxonomy from /taxonomies',
  organization_id: 'Use the id of an organization from /organizations',
  parent_id: 'Use the id of a taxonomy term from /taxonomy_terms',
};

let needByTermIdCache: ReadonlyMap<string, NeedCode> | undefined;
/** Built when first asked for, so importing the mocks does no work. */
function needByTermId(): ReadonlyMap<string, NeedCode> {
  needByTermIdCache ??= new Map(needCodes.codes.map((code) => [needTerm(code).id, code]));
  return needByTermIdCache;
}

/** Reads and checks the parameters an endpoint accepts; every mistake at once, as a 400. */
function readQuery(params: OrukRequest['params'], lang: Lang, accepted: readonly Param[]): ListQuery {
  const raw = queryObject(params);
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

  const flag = (name: Param): boolean => {
    const value = given(name);
    if (value === undefined) return false;
    const read = validate(OrukListQuery, { full: value }, { lang });
    if (!read.success) errors.push(...read.errors.map((e) => ({ ...e, path: `/${name}` })));
    return read.data?.full === true;
  };
  const fullService = flag('full_service');
  flag('top_only');

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
      // A real postcode outside the districts the hub knows: answered as without one, and said so.
      origin = locate(postcode) ?? undefined;
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
    distances: origin ? 'from_postcode' : postcode === undefined ? 'no_postcode' : 'postcode_not_found',
    // Without a place to measure from, no distance is applied.
    proximityKm: query.proximity === undefined || !origin ? undefined : query.proximity / 1000,
    full: query.full === true,
    fullService,
  };
}

const notFound = (what: string) => new ProblemError(404, 'not_found', `There is no ${what} with that id.`);

/** The id in the path, lower case, or a 404: nothing here has an id that is not a UUID. */
function pathId(raw: string | undefined, what: string): string {
  let id = raw ?? '';
  try {
    id = decodeURIComponent(id);
  } catch {
    throw notFound(what);
  }
  if (!UUID.test(id)) throw notFound(what);
  return id.toLowerCase();
}

/** One page of `items`, each turned into what the endpoint lists only once it is on the page. */
function pageOf<T, U>(items: readonly T[], query: ListQuery, toItem: (item: T) => U): OrukPage<U> {
  const start = (query.page - 1) * query.perPage;
  const contents = items.slice(start, start + query.perPage).map(toItem);
  return toOrukPage(contents, { page: query.page, perPage: query.perPage, totalItems: items.length });
}

/** Every query word starts a word of the text. */
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

/** How a service is written in ORUK: as `/services` lists it, in full, and at each of its locations. */
const FORMS = {
  listItem: serviceToOrukListItem,
  full: serviceToOruk,
  atLocations: serviceAtLocationItems,
  atLocationDetails: serviceAtLocationDetails,
};
type Forms = { [K in keyof typeof FORMS]: ReturnType<(typeof FORMS)[K]> };

/**
 * Each service's ORUK forms, worked out once for each Service object and kept with it (weakly:
 * they go when it goes). The services a directory keeps, the ones derived once per version and
 * the ones the hub's store reuses while their text stands, are written once, not on every
 * request (the forms' derived ids were a fifth of `/service_at_locations`' CPU). What is kept is
 * only ever written out, never changed.
 */
const formsOf = new WeakMap<Service, Partial<Forms>>();

function orukForm<K extends keyof Forms>(directory: OrukDirectory, kind: K, service: Service): Forms[K] {
  let forms = formsOf.get(service);
  if (!forms) formsOf.set(service, (forms = {}));
  const kept = forms[kind];
  if (kept !== undefined) return kept;
  const form = FORMS[kind](service) as Forms[K];
  forms[kind] = form;
  const items: readonly object[] = Array.isArray(form) ? form : [form];
  for (const item of items) directory.lasting?.(item);
  return form;
}

/** A service as `/services` lists it: `full`, or as a list item. */
const listed = (directory: OrukDirectory, full: boolean) => (service: Service) =>
  orukForm(directory, full ? 'full' : 'listItem', service);

function linksOf(
  directory: OrukDirectory,
  service: Service,
): { terms: Set<string>; taxonomies: Set<string> } {
  const attributes = orukForm(directory, 'full', service).attributes;
  return {
    terms: new Set(attributes.map((a) => a.taxonomy_term_id)),
    taxonomies: new Set(attributes.map((a) => a.taxonomy_term.taxonomy_id)),
  };
}

/** The directory's current services matching the query's words and filters. */
async function servicesFor(
  directory: OrukDirectory,
  query: Pick<ListQuery, 'search' | 'taxonomyTermId' | 'taxonomyId' | 'organizationId'>,
): Promise<Service[]> {
  // A need's term is filtered by the directory; other terms by the attributes the service is published with.
  const need = query.taxonomyTermId === undefined ? undefined : needByTermId().get(query.taxonomyTermId);
  const found = await directory.findServices({ q: query.search, need });
  return found.filter((service) => {
    if (service.status === 'defunct') return false;
    if (query.organizationId !== undefined && service.organisation.id !== query.organizationId) return false;
    if (query.taxonomyTermId === undefined && query.taxonomyId === undefined) return true;
    const links = linksOf(directory, service);
    return (
      (query.taxonomyTermId === undefined || links.terms.has(query.taxonomyTermId)) &&
      (query.taxonomyId === undefined || links.taxonomies.has(query.taxonomyId))
    );
  });
}

const NO_FILTERS = {
  search: undefined,
  taxonomyTermId: undefined,
  taxonomyId: undefined,
  organizationId: undefined,
} as const;

/** What the endpoints derive from every current service, for one version of the directory. */
interface Derived {
  version: number;
  /** In `findServices`' order. */
  services: readonly Service[];
  organisations: readonly ServiceOrganisation[];
  byOrganisation: ReadonlyMap<string, readonly Service[]>;
  taxonomies: ReturnType<typeof orukTaxonomies>;
  terms: ReturnType<typeof orukTaxonomyTerms>;
  /** Each location of each service, in order, as `/service_at_locations` without a postcode lists them. */
  atLocations: readonly Placed[];
  atLocationById: ReadonlyMap<string, Placed>;
}

/**
 * Kept per directory object (each host builds one, once), as long as its version stands: the
 * Service objects themselves are kept (10,000 services are some tens of MB), so a page of them is
 * not read again.
 */
const derivedByDirectory = new WeakMap<OrukDirectory, Derived>();

function derive(version: number, services: readonly Service[]): Derived {
  const byOrganisation = new Map<string, Service[]>();
  for (const service of services) {
    const own = byOrganisation.get(service.organisation.id);
    if (own) own.push(service);
    else byOrganisation.set(service.organisation.id, [service]);
  }
  const atLocations = placed(services, undefined);
  return {
    version,
    services,
    organisations: organisationsOf(services),
    byOrganisation,
    taxonomies: orukTaxonomies(services),
    terms: orukTaxonomyTerms(services),
    atLocations,
    atLocationById: new Map(
      atLocations.map((item) => [childId(item.service.id, 'service_at_location', item.index), item]),
    ),
  };
}

/** Every current service and what is derived from them: kept while the directory's version stands. */
async function derived(directory: OrukDirectory): Promise<Omit<Derived, 'version'>> {
  if (!directory.version) return derive(0, await servicesFor(directory, NO_FILTERS));
  // Read before the services, so that a change in between is seen as one at the next request.
  const version = await directory.version();
  const kept = derivedByDirectory.get(directory);
  if (kept?.version === version) return kept;
  const fresh = derive(version, await servicesFor(directory, NO_FILTERS));
  derivedByDirectory.set(directory, fresh);
  return fresh;
}

const filtersServices = (query: Pick<ListQuery, keyof typeof NO_FILTERS>) =>
  Object.keys(NO_FILTERS).some((key) => query[key as keyof typeof NO_FILTERS] !== undefined);

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

function pointOf(location: Service['locations'][number]): GeoPoint | null {
  if (location.latitude !== undefined && location.longitude !== undefined) {
    return { latitude: location.latitude, longitude: location.longitude };
  }
  return locate(postcodeDistrict(location.address.postcode));
}

/** Each location of each service; with a postcode, for its area, nearest first; within `proximity`. */
function placed(services: readonly Service[], query: ListQuery | undefined): Placed[] {
  const { origin, proximityKm } = query ?? { origin: undefined, proximityKm: undefined };
  let items: Placed[] = services.flatMap((service) => {
    if (origin && service.areas.length > 0 && !service.areas.includes(origin.area)) return [];
    return service.locations.map((location, index) => {
      const point = origin ? pointOf(location) : null;
      return { service, index, km: origin && point ? distanceKm(origin, point) : null };
    });
  });
  if (!origin) return items;
  if (proximityKm !== undefined) items = items.filter((item) => item.km !== null && item.km <= proximityKm);
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => (a.item.km ?? Infinity) - (b.item.km ?? Infinity) || a.i - b.i)
    .map(({ item }) => item);
}

function organisationsOf(services: readonly Service[]): ServiceOrganisation[] {
  const byId = new Map<string, ServiceOrganisation>();
  for (const service of services)
    if (!byId.has(service.organisation.id)) byId.set(service.organisation.id, service.organisation);
  return [...byId.values()].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1,
  );
}

function nestedOrganisation(
  directory: OrukDirectory,
  organisation: ServiceOrganisation,
  services: readonly Service[],
  fullService: boolean,
) {
  const own = services.filter((s) => s.organisation.id === organisation.id);
  return {
    ...organizationToOruk(organisation),
    services: own.map(listed(directory, fullService)),
  };
}

/** What one ORUK endpoint needs to answer. */
export interface OrukRequest {
  directory: OrukDirectory;
  /** The query string's pairs, as sent (`new URL(url).searchParams`). */
  params: Iterable<readonly [string, string]>;
  /** The caller's language, for validation messages. */
  lang: Lang;
  /** The `{id}` in the path, as sent. */
  id: string | undefined;
}

/** An ORUK endpoint: its path under `/oruk` (`:id` for an id) and its answer's body. */
export interface OrukEndpoint {
  readonly path: string;
  answer(request: OrukRequest): Promise<unknown>;
}

const info = () =>
  Promise.resolve(
    orukApiInfo({
      description:
        'The service directory of a community referral hub, as Open Referral UK (HSDS 3.0). All of it is public information.',
    }),
  );

export const orukEndpoints: readonly OrukEndpoint[] = [
  { path: '', answer: info },
  { path: '/', answer: info },
  {
    path: '/services',
    answer: async ({ directory, params, lang }) => {
      const query = readQuery(params, lang, accepts.services);
      const filtered = [query.taxonomyTermId, query.taxonomyId, query.organizationId].some(
        (v) => v !== undefined,
      );
      if (directory.pageServices && !filtered) {
        const window = { offset: (query.page - 1) * query.perPage, limit: query.perPage };
        const { services, total } = await directory.pageServices({ q: query.search }, window);
        return toOrukPage(services.map(listed(directory, query.full)), {
          page: query.page,
          perPage: query.perPage,
          totalItems: total,
        });
      }
      return pageOf(await servicesFor(directory, query), query, listed(directory, query.full));
    },
  },
  {
    path: '/services/:id',
    answer: async ({ directory, id }) => {
      const service = await directory.getService(pathId(id, 'service'));
      if (!service || service.status === 'defunct') throw notFound('service');
      return orukForm(directory, 'full', service);
    },
  },
  {
    path: '/service_at_locations',
    answer: async ({ directory, params, lang }) => {
      const query = readQuery(params, lang, accepts.serviceAtLocations);
      const items =
        filtersServices(query) || query.origin
          ? placed(
              filtersServices(query)
                ? await servicesFor(directory, query)
                : (await derived(directory)).services,
              query,
            )
          : (await derived(directory)).atLocations;
      return {
        ...pageOf(items, query, ({ service, index }) =>
          atIndex(orukForm(directory, query.full ? 'atLocationDetails' : 'atLocations', service), index),
        ),
        // A local property (the UK profile allows them, named apart): whether the order is by distance.
        [ORUK_DISTANCES_PROPERTY]: query.distances,
      };
    },
  },
  {
    path: '/service_at_locations/:id',
    answer: async ({ directory, id: raw }) => {
      const found = (await derived(directory)).atLocationById.get(pathId(raw, 'service at location'));
      if (!found) throw notFound('service at location');
      return atIndex(orukForm(directory, 'atLocationDetails', found.service), found.index);
    },
  },
  {
    path: '/organizations',
    answer: async ({ directory, params, lang }) => {
      const query = readQuery(params, lang, accepts.organizations);
      const filters = { ...query, search: undefined };
      const all = filtersServices(filters) ? undefined : await derived(directory);
      const services = all?.services ?? (await servicesFor(directory, filters));
      const organisations = (all?.organisations ?? organisationsOf(services)).filter((o) =>
        matchesWords(query.search, o.name, o.description),
      );
      const nested = query.full || query.fullService;
      return pageOf(organisations, query, (o) =>
        nested
          ? nestedOrganisation(directory, o, all?.byOrganisation.get(o.id) ?? services, query.fullService)
          : organizationListItem(o),
      );
    },
  },
  {
    path: '/organizations/:id',
    answer: async ({ directory, params, lang, id: raw }) => {
      const id = pathId(raw, 'organization');
      const query = readQuery(params, lang, accepts.organization);
      const own = (await derived(directory)).byOrganisation.get(id);
      const organisation = own?.[0]?.organisation;
      if (!own || !organisation) throw notFound('organization');
      return nestedOrganisation(directory, organisation, own, query.fullService);
    },
  },
  {
    path: '/taxonomies',
    answer: async ({ directory, params, lang }) => {
      const query = readQuery(params, lang, accepts.taxonomies);
      const taxonomies = (await derived(directory)).taxonomies.filter((t) =>
        matchesWords(query.search, t.name, t.description),
      );
      return pageOf(taxonomies, query, (t) => t);
    },
  },
  {
    path: '/taxonomies/:id',
    answer: async ({ directory, id: raw }) => {
      const id = pathId(raw, 'taxonomy');
      const found = (await derived(directory)).taxonomies.find((t) => t.id === id);
      if (!found) throw notFound('taxonomy');
      return found;
    },
  },
  {
    path: '/taxonomy_terms',
    answer: async ({ directory, params, lang }) => {
      const query = readQuery(params, lang, accepts.taxonomyTerms);
      const terms = (await derived(directory)).terms.filter(
        (t) =>
          (query.taxonomyId === undefined || t.taxonomy_id === query.taxonomyId) &&
          // hubkit's vocabularies are flat: no term has a parent, so every term is a top one.
          query.parentId === undefined &&
          matchesWords(query.search, t.name, t.description, t.code),
      );
      return pageOf(terms, query, (t) => t);
    },
  },
  {
    path: '/taxonomy_terms/:id',
    answer: async ({ directory, id: raw }) => {
      const id = pathId(raw, 'taxonomy term');
      const found = (await derived(directory)).terms.find((t) => t.id === id);
      if (!found) throw notFound('taxonomy term');
      return found;
    },
  },
];

/** The paths served, for telling a wrong method (405) from a wrong address (404). */
export const ORUK_KNOWN_PATHS = [
  /^\/oruk\/?$/,
  /^\/oruk\/(services|service_at_locations|organizations|taxonomies|taxonomy_terms)(\/[^/]+)?$/,
];
