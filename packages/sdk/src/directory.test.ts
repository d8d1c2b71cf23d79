/**
 * The ORUK directory reader against two publishers: a real hub's `/oruk` (fully nested items,
 * hubkit's needs taxonomy), and a foreign council feed faked here with `node:http` whose JSON is
 * hand-written and fictional: list items that are not nested, unknown fields, `content` for
 * `contents`, numbers as strings, the UK profile's `term`, HTML, ids that are not UUIDs, one item
 * that cannot be read, and no hubkit taxonomy.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Service, postcodeDistrict, type NeedCode } from '@hubkit/schema';
import { distanceKm, locate, type GeoPoint } from '@hubkit/hub';
import { demoDirectory } from '@hubkit/schema/fixtures';
import {
  HUBKIT_NEEDS_TAXONOMY,
  asUuid,
  readOrukService,
  taxonomyId,
  taxonomyTermId,
} from '@hubkit/schema/oruk';
import { silentLogger, startHub, type RunningHub } from '@hubkit/server';
import { DirectoryReaderError, createDirectoryReader, type DirectoryPage } from './directory.ts';
import { HubkitError } from './errors/hubkit-error.ts';

/** A fetch that records every URL asked for. */
function recordingFetch(): { fetch: typeof fetch; urls: URL[] } {
  const urls: URL[] = [];
  return {
    urls,
    fetch: (input, init) => {
      urls.push(new URL(input instanceof Request ? input.url : String(input)));
      return fetch(input, init);
    },
  };
}

async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const ids = (services: readonly { id: string }[]) => services.map((s) => s.id);

/** The error `promise` rejects with, checked to be a DirectoryReaderError. */
async function readerError(promise: Promise<unknown>): Promise<DirectoryReaderError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DirectoryReaderError, `a DirectoryReaderError, not ${String(error)}`);
    assert.ok(error instanceof HubkitError);
    assert.equal(error.name, 'DirectoryReaderError');
    return error;
  }
  assert.fail('no error');
}

describe('createDirectoryReader against a hub', () => {
  let hub: RunningHub;
  let base: string;
  let current: Service[];
  const closed: Service = {
    ...(demoDirectory[0] ?? assert.fail('a demo service')),
    id: randomUUID(),
    name: 'Closed Pantry (fictional)',
    status: 'defunct',
  };

  before(async () => {
    hub = await startHub({ port: 0, db: ':memory:', demo: true, logger: silentLogger });
    // A defunct service is in the store but not in the directory.
    await hub.hub.store.upsertService(closed, hub.hub.now());
    current = (await hub.hub.store.findServices({})).filter((s) => s.status !== 'defunct');
    base = `${hub.url}/oruk`;
  });
  after(async () => {
    await hub.close();
  });

  it('reads every page: each current service once, equal to the stored service', async () => {
    assert.equal(current.length, demoDirectory.length);
    const recorder = recordingFetch();
    const reader = createDirectoryReader(base, { perPage: 7, fetch: recorder.fetch });
    const search = reader.search();
    const services = await all(search);
    assert.equal(services.length, current.length);
    assert.deepEqual([...services].sort(byId), [...current].sort(byId));
    assert.ok(!services.some((s) => s.id === closed.id), 'the defunct service is left out');
    for (const service of services) {
      assert.deepEqual(service, await hub.hub.store.getService(service.id));
      assert.ok(Service.safeParse(service).success);
    }
    assert.equal(search.skipped, 0);
    const listPages = recorder.urls.filter((u) => u.pathname === '/oruk/services');
    assert.deepEqual(
      listPages.map((u) => u.searchParams.get('page')),
      ['1', '2', '3', '4', '5', '6'],
      `${current.length} services, 7 to a page`,
    );
    assert.ok(listPages.every((u) => u.searchParams.get('per_page') === '7'));
    // The hub nests its items when asked to, so no service had to be fetched on its own.
    assert.ok(!recorder.urls.some((u) => u.pathname.startsWith('/oruk/services/')));
  });

  it('gives the pages with the publisher’s counts', async () => {
    const pages: DirectoryPage[] = await all(createDirectoryReader(base, { perPage: 10 }).search().pages());
    const expectedPages = Math.ceil(current.length / 10);
    assert.deepEqual(
      pages.map((p) => p.page),
      Array.from({ length: expectedPages }, (_, i) => i + 1),
    );
    for (const page of pages) {
      assert.equal(page.totalItems, current.length);
      assert.equal(page.totalPages, expectedPages);
      assert.equal(page.skipped, 0);
      assert.ok(page.items.length <= 10);
    }
    assert.equal(pages.flatMap((p) => p.items).length, current.length);
  });

  it('finds by need with the hub’s needs taxonomy, asked about once', async () => {
    const recorder = recordingFetch();
    const reader = createDirectoryReader(base, { perPage: 4, fetch: recorder.fetch });
    for (const need of ['food', 'money_debt', 'caring'] as const satisfies readonly NeedCode[]) {
      const expected = (await hub.hub.store.findServices({ need })).filter((s) => s.status !== 'defunct');
      assert.ok(expected.length > 0 && expected.length < current.length, `some services meet ${need}`);
      const found = await all(reader.search({ need }));
      assert.deepEqual(ids(found), ids(expected), need);
      assert.ok(found.every((s) => s.needs.includes(need)));
    }
    const taxonomyChecks = recorder.urls.filter(
      (u) => u.pathname === `/oruk/taxonomies/${taxonomyId(HUBKIT_NEEDS_TAXONOMY)}`,
    );
    assert.equal(taxonomyChecks.length, 1, 'the answer is kept');
    const filtered = recorder.urls
      .filter((u) => u.pathname === '/oruk/services')
      .map((u) => u.searchParams.get('taxonomy_term_id'));
    assert.ok(filtered.includes(taxonomyTermId(HUBKIT_NEEDS_TAXONOMY, 'food')), 'the hub filters');
    assert.ok(!filtered.includes(null));
  });

  it('finds by text, in the hub’s order', async () => {
    for (const text of ['food', 'carers', 'debt advice']) {
      const expected = (await hub.hub.store.findServices({ q: text })).filter((s) => s.status !== 'defunct');
      assert.ok(expected.length > 0, text);
      assert.deepEqual(
        ids(await all(createDirectoryReader(base, { perPage: 3 }).search({ text }))),
        ids(expected),
      );
    }
    assert.deepEqual(await all(createDirectoryReader(base).search({ text: 'zzyzx nothing matches' })), []);
  });

  /** What a hub lists near `postcode`: by its areas, and by where its locations are. */
  function expectedNear(postcode: string, km: number, need?: NeedCode): Service[] {
    const origin = locate(postcode) ?? assert.fail(`${postcode} is in the demo geography`);
    const pointOf = (l: Service['locations'][number]): GeoPoint | null =>
      l.latitude !== undefined && l.longitude !== undefined
        ? { latitude: l.latitude, longitude: l.longitude }
        : locate(postcodeDistrict(l.address.postcode));
    return current.filter(
      (s) =>
        (need === undefined || s.needs.includes(need)) &&
        (s.areas.length === 0 || s.areas.includes(origin.area)) &&
        s.locations.some((l) => {
          const point = pointOf(l);
          return point !== null && distanceKm(origin, point) <= km;
        }),
    );
  }

  it('finds by postcode and proximity: only services within the radius, each once', async () => {
    const recorder = recordingFetch();
    const reader = createDirectoryReader(base, { perPage: 3, fetch: recorder.fetch });
    for (const [postcode, km] of [
      ['N1 9GU', 1.5],
      ['NW10 4AB', 3],
      ['BL9 0EY', 5],
    ] as const) {
      const expected = expectedNear(postcode, km);
      assert.ok(expected.length > 0 && expected.length < current.length, `${postcode}: some, not all`);
      const found = await all(reader.search({ postcode, proximityKm: km }));
      assert.equal(new Set(ids(found)).size, found.length, 'each service once');
      assert.deepEqual([...found].sort(byId), [...expected].sort(byId), postcode);
      const origin = locate(postcode) ?? assert.fail();
      for (const service of found) {
        assert.ok(
          service.locations.some(
            (l) =>
              distanceKm(origin, {
                latitude: l.latitude ?? Number.NaN,
                longitude: l.longitude ?? Number.NaN,
              }) <= km,
          ),
          `${service.name} is within ${km} km of ${postcode}`,
        );
      }
    }
    const asked = recorder.urls.find((u) => u.pathname === '/oruk/service_at_locations');
    assert.equal(asked?.searchParams.get('postcode'), 'N1 9GU');
    assert.equal(asked.searchParams.get('proximity'), '1500', 'metres');
  });

  it('finds by need near a postcode', async () => {
    const expected = expectedNear('IG11 7QJ', 4, 'food');
    assert.ok(expected.length > 0);
    const found = await all(
      createDirectoryReader(base).search({ need: 'food', postcode: 'IG11 7QJ', proximityKm: 4 }),
    );
    assert.deepEqual([...found].sort(byId), [...expected].sort(byId));
  });

  it('first(n) reads only the pages it needs', async () => {
    const recorder = recordingFetch();
    const reader = createDirectoryReader(base, { perPage: 5, fetch: recorder.fetch });
    const everything = await all(reader.search());
    recorder.urls.length = 0;
    const firstSeven = await reader.search().first(7);
    assert.deepEqual(firstSeven, everything.slice(0, 7));
    assert.equal(recorder.urls.length, 2, 'two pages of five');
    assert.deepEqual(await reader.search().first(0), []);
    assert.equal((await reader.search().first(1000)).length, everything.length);
  });

  it('reads one service by id, and says when there is none', async () => {
    const reader = createDirectoryReader(base);
    const wanted = current[3] ?? assert.fail();
    assert.deepEqual(await reader.service(wanted.id), wanted);
    const missing = randomUUID();
    const error = await readerError(reader.service(missing));
    assert.equal(error.reason, 'not_found');
    assert.equal(error.status, 404);
    assert.equal(error.path, `/oruk/services/${missing}`);
    // A defunct service is not in the directory.
    assert.equal((await readerError(reader.service(closed.id))).reason, 'not_found');
  });
});

// ---------------------------------------------------------------------------------------------
// A foreign publisher: Fenmarsh District Council's (fictional) ORUK 3.0 feed.

const uuid = (n: number) => `0f3e2d1c-0000-4000-8000-${String(n).padStart(12, '0')}`;
const MONEY_ID = '5e1d2c3b-4a59-4687-9a1b-2c3d4e5f6a7b';

const fenmarshAddress = (line: string, postcode: string) => ({
  id: randomUUID(),
  attention: null,
  address_1: line,
  address_2: null,
  city: 'Fenmarsh',
  region: null,
  state_province: 'Cambridgeshire',
  postal_code: postcode,
  country: 'GB',
  address_type: 'physical',
});

/** The feed's `/services/{id}`: nested, each with its own quirks. */
const details: Record<string, Record<string, unknown>> = {
  'FEN-0001': {
    id: 'FEN-0001',
    name: 'Fenmarsh Community Foodbank (fictional)',
    status: 'Active',
    description: '<p>Emergency food parcels &amp; advice on what else can help.</p>',
    url: 'www.fenmarsh-foodbank.example.org',
    email: 'hello@fenmarsh-foodbank.example.org',
    last_modified: '2026-03-01T10:00:00.000Z',
    x_cms_reference: 'CMS/77',
    organization: {
      id: 'FEN-ORG-7',
      name: 'Fenmarsh Churches Together (fictional)',
      description: null,
      logo: 'https://fenmarsh-churches.example.org/logo.png',
      organization_identifiers: [{ identifier_scheme: 'GB-CHC', identifier: '1234567' }],
    },
    contacts: [{ id: uuid(1), name: 'Warehouse', phones: [{ id: uuid(2), number: '01632 960 511' }] }],
    service_at_locations: [
      {
        id: 'FEN-SAL-1',
        location: {
          id: 'FEN-LOC-1',
          location_type: 'physical',
          name: 'St Guthlac’s Hall',
          latitude: '52.662',
          longitude: '0.158',
          addresses: [fenmarshAddress('12 Church Lane', 'pe13 1aa')],
        },
        schedules: [{ freq: 'WEEKLY', byday: 'TU,FR', opens_at: '10:00:00', closes_at: '13:00:00' }],
      },
      {
        id: 'FEN-SAL-2',
        location: {
          id: 'FEN-LOC-2',
          location_type: 'physical',
          name: 'Marsh Road Community Centre',
          addresses: [fenmarshAddress('40 Marsh Road', 'PE13 2BB')],
        },
      },
    ],
    attributes: [
      {
        id: uuid(3),
        taxonomy_term: { id: uuid(4), code: '1010', name: 'Food banks', taxonomy: 'esdServiceTypes' },
      },
    ],
  },
  [MONEY_ID]: {
    id: MONEY_ID,
    name: 'Fenmarsh Money Advice (fictional)',
    status: 'active',
    description: 'Free, confidential help with debts, bills and budgeting.',
    fees_description: 'Free of charge',
    minimum_age: '18',
    organization: { id: uuid(5), name: 'Fenmarsh Advice Centre (fictional)' },
    phones: [{ id: uuid(6), number: '"01632 960 522"', type: 'voice' }],
    service_at_locations: [
      {
        id: 'FEN-SAL-3',
        location: {
          id: 'FEN-LOC-3',
          location_type: 'physical',
          addresses: [fenmarshAddress('3 High Street', 'PE13 1DD')],
        },
      },
    ],
    // The UK profile's `term` for the name, and a taxonomy named only in its detail.
    attributes: [
      { taxonomy_term: { id: uuid(7), term: 'Debt advice', taxonomy_detail: { name: 'fenmarshNeeds' } } },
    ],
  },
  'FEN-0003': { id: 'FEN-0003', name: 'Old listing', status: null },
  'FEN-0004': {
    id: 'FEN-0004',
    name: 'Warm Welcome Lunch Club (fictional)',
    status: 'Active',
    description: 'A hot meal and good company every Wednesday.',
    fees: 'Free',
    organization: { id: uuid(8), name: 'Fenmarsh Good Neighbours (fictional)' },
    service_at_locations: [{ id: 'FEN-SAL-4', location: { id: 'FEN-LOC-4', location_type: 'virtual' } }],
    attributes: [
      { taxonomy_term: { id: uuid(9), code: 'LC', name: 'Lunch clubs', taxonomy: 'fenmarshTypes' } },
      { taxonomy_term: { id: uuid(10), code: 'SG', name: 'Social groups', taxonomy: 'fenmarshTypes' } },
    ],
  },
  'FEN-0005': {
    id: 'FEN-0005',
    name: 'Fenmarsh Carers Network (fictional)',
    status: 'Active',
    organization: null,
    organization_id: 'FEN-ORG-9',
    service_at_locations: [],
    attributes: [
      { taxonomy_term: { id: uuid(11), code: 'CS', name: 'Carers support', taxonomy: 'fenmarshTypes' } },
    ],
  },
};

/** `/services` items: one-to-one fields only (one with its organisation), unknown fields. */
const listItem = (id: string) => {
  const {
    organization,
    service_at_locations: _l,
    attributes: _a,
    contacts: _c,
    phones: _p,
    ...rest
  } = details[id] ?? {};
  return {
    ...rest,
    ...(id === MONEY_ID ? { organization } : {}),
    status: id === 'FEN-0003' ? 'active' : rest.status,
    x_source_system: 'Fenmarsh CMS',
  };
};

/** Pages of two, the old `content` key, counts as strings, no `total_pages` and no `last_page`. */
const listPages = [
  ['FEN-0001', MONEY_ID],
  ['FEN-0003', 'FEN-0004'],
  // The list moved while it was read: FEN-0004 again.
  ['FEN-0004', 'FEN-0005'],
];

interface Logged {
  path: string;
  query: URLSearchParams;
}

interface Publisher {
  url: string;
  log: Logged[];
  inFlight: { now: number; max: number };
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response
    .writeHead(status, { 'Content-Type': 'application/json', ...headers })
    .end(typeof body === 'string' ? body : JSON.stringify(body));
}

async function startPublisher(): Promise<Publisher> {
  const log: Logged[] = [];
  const inFlight = { now: 0, max: 0 };
  let flaky = 0;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://publisher.test');
    const path = url.pathname;
    const query = url.searchParams;
    log.push({ path, query });
    const page = Number(query.get('page') ?? '1');

    // Fenmarsh's feed.
    if (path === '/api/v3/services') {
      const words = query.get('search')?.toLowerCase();
      const pageIds = words
        ? Object.keys(details).filter((id) => String(details[id]?.name).toLowerCase().includes(words))
        : (listPages[page - 1] ?? []);
      send(response, 200, {
        total_items: words ? String(pageIds.length) : '5',
        page_number: String(page),
        size: pageIds.length,
        first_page: page === 1,
        content: pageIds.map(listItem),
      });
      return;
    }
    const detail = /^\/api\/v3\/services\/([^/]+)$/.exec(path);
    if (detail?.[1]) {
      const id = decodeURIComponent(detail[1]);
      // A record merged into another: its old id answers with the new record.
      const found = details[id === 'FEN-LEGACY-1' ? 'FEN-0001' : id];
      if (found) send(response, 200, found);
      else send(response, 404, { title: 'Not found' });
      return;
    }
    if (path === '/api/v3/service_at_locations') {
      // Items name their service by id only; FEN-0001 is listed at both its locations.
      send(response, 200, {
        total_items: 4,
        total_pages: 1,
        page_number: 1,
        size: 4,
        first_page: true,
        last_page: true,
        empty: false,
        contents: [
          {
            id: 'FEN-SAL-1',
            service_id: 'FEN-0001',
            location_id: 'FEN-LOC-1',
            location: { id: 'FEN-LOC-1' },
          },
          { id: 'FEN-SAL-3', service_id: MONEY_ID, location_id: 'FEN-LOC-3', distance: '0.4' },
          { id: 'FEN-SAL-2', service_id: 'FEN-0001', location_id: 'FEN-LOC-2' },
          { id: 'FEN-SAL-9', service_id: 'FEN-LEGACY-1', location_id: 'FEN-LOC-2' },
        ],
      });
      return;
    }
    if (path.startsWith('/api/v3/taxonomies/')) {
      send(response, 404, { title: 'Not found' });
      return;
    }

    // A big page of items that are not nested, each slow to fetch on its own.
    if (path === '/big/services') {
      send(response, 200, {
        total_items: 12,
        total_pages: 1,
        page_number: 1,
        contents: Array.from({ length: 12 }, (_, i) => ({
          id: `BIG-${i + 1}`,
          name: `Big ${i + 1}`,
          status: 'active',
        })),
      });
      return;
    }
    const big = /^\/big\/services\/(BIG-\d+)$/.exec(path);
    if (big?.[1]) {
      inFlight.now += 1;
      inFlight.max = Math.max(inFlight.max, inFlight.now);
      setTimeout(() => {
        inFlight.now -= 1;
        send(response, 200, {
          id: big[1],
          name: `Big service ${big[1]}`,
          status: 'active',
          organization: { id: uuid(90), name: 'Big Org (fictional)' },
          service_at_locations: [],
          attributes: [],
        });
      }, 25);
      return;
    }

    // Publishers that ignore `page` and say nothing of how many pages there are.
    const repeated = (n: number) => ({
      id: `REP-${n}`,
      name: `Repeated ${n}`,
      status: 'active',
      organization: { id: uuid(91), name: 'Repeat Org (fictional)' },
      service_at_locations: [],
      attributes: [],
    });
    if (path === '/repeating/services') {
      send(response, 200, { contents: [repeated(1), repeated(2)] });
      return;
    }
    if (path === '/stuck/service_at_locations') {
      send(response, 200, {
        page_number: 1,
        contents: [1, 2].map((n) => ({ id: `SAL-${n}`, service: repeated(n) })),
      });
      return;
    }

    // Failing publishers.
    if (path === '/flaky/services') {
      flaky += 1;
      if (flaky === 1) send(response, 503, { title: 'Busy' });
      else send(response, 200, { contents: [], total_items: 0, total_pages: 0, page_number: 1 });
      return;
    }
    if (path === '/busy/services') {
      send(response, 429, { title: 'Slow down' }, { 'Retry-After': '3600' });
      return;
    }
    if (path === '/broken/service_at_locations') {
      send(response, 500, { title: `Could not place postcode ${query.get('postcode') ?? ''}` });
      return;
    }
    if (path === '/slow/services') return; // never answers
    if (path === '/html/services') {
      response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Council</title>');
      return;
    }
    if (path === '/nonsense/services') {
      send(response, 200, { items: [], hint: 'not an ORUK page' });
      return;
    }
    send(response, 404, { title: 'Not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    inFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** What the schema's own lenient reader makes of a detail: what the reader must give. */
function read(id: string): Service {
  const result = readOrukService(details[id]);
  assert.ok(result.success, JSON.stringify(result.errors));
  return result.data;
}

describe('createDirectoryReader against a foreign ORUK publisher', () => {
  let publisher: Publisher;
  let feed: string;

  before(async () => {
    publisher = await startPublisher();
    feed = `${publisher.url}/api/v3`;
  });
  after(async () => {
    await publisher.close();
  });

  it('reads every page, fetching each service the list does not nest, and skips what it cannot read', async () => {
    publisher.log.length = 0;
    const search = createDirectoryReader(feed).search();
    const services = await all(search);
    assert.deepEqual(services, [read('FEN-0001'), read(MONEY_ID), read('FEN-0004'), read('FEN-0005')]);
    assert.equal(search.skipped, 1, 'FEN-0003 has no status');
    // Three pages (5 items, 2 to a page, worked out from page 1), then each service on its own, once.
    assert.deepEqual(
      publisher.log.filter((l) => l.path === '/api/v3/services').map((l) => l.query.get('page')),
      ['1', '2', '3'],
    );
    assert.deepEqual(
      publisher.log
        .filter((l) => l.path.startsWith('/api/v3/services/'))
        .map((l) => decodeURIComponent(l.path.slice('/api/v3/services/'.length)))
        .sort(),
      ['FEN-0001', 'FEN-0003', 'FEN-0004', 'FEN-0005', MONEY_ID].sort(),
    );
  });

  it('reads the real-world variations into hubkit services', async () => {
    const [foodbank, money, lunch, carers] = await all(createDirectoryReader(feed).search());
    assert.ok(foodbank && money && lunch && carers);
    for (const service of [foodbank, money, lunch, carers]) assert.ok(Service.safeParse(service).success);

    // An id that is not a UUID becomes a stable one; HTML becomes text; a bare web address gets its scheme.
    assert.equal(foodbank.id, asUuid('FEN-0001'));
    assert.equal(foodbank.description, 'Emergency food parcels & advice on what else can help.');
    assert.equal(foodbank.url, 'https://www.fenmarsh-foodbank.example.org');
    assert.equal(foodbank.organisation.name, 'Fenmarsh Churches Together (fictional)');
    assert.equal(foodbank.organisation.charityNumber, '1234567');
    assert.deepEqual(
      foodbank.locations.map((l) => l.address.postcode),
      ['PE13 1AA', 'PE13 2BB'],
    );
    assert.equal(foodbank.locations[0]?.latitude, 52.662);
    assert.deepEqual(foodbank.phones, [{ number: '+441632960511' }]);
    assert.deepEqual(foodbank.needs, ['food'], 'from the term "Food banks"');
    assert.deepEqual(foodbank.taxonomyTerms, [
      { taxonomy: 'esdServiceTypes', code: '1010', name: 'Food banks' },
    ]);

    assert.equal(money.id, MONEY_ID);
    assert.deepEqual(money.needs, ['money_debt'], 'from the UK profile’s `term`');
    assert.equal(money.cost.free, true);
    assert.equal(money.eligibility?.minimumAge, 18);
    assert.equal(money.status, 'active');

    assert.deepEqual(lunch.needs, ['food', 'loneliness_isolation']);
    assert.deepEqual(lunch.deliveryMethods, ['online'], 'a virtual location');
    assert.equal(lunch.cost.free, true, 'from the deprecated `fees`');

    assert.deepEqual(carers.needs, ['caring']);
    assert.equal(carers.organisation.name, carers.name, 'no organisation: the service stands for itself');
  });

  it('gives pages with what the publisher said, and what was skipped on each', async () => {
    const pages = await all(createDirectoryReader(feed).search().pages());
    assert.deepEqual(
      pages.map((p) => ({
        page: p.page,
        ids: ids(p.items),
        skipped: p.skipped,
        totalItems: p.totalItems,
        totalPages: p.totalPages,
      })),
      [
        { page: 1, ids: [asUuid('FEN-0001'), MONEY_ID], skipped: 0, totalItems: 5, totalPages: 3 },
        { page: 2, ids: [asUuid('FEN-0004')], skipped: 1, totalItems: 5, totalPages: 3 },
        { page: 3, ids: [asUuid('FEN-0005')], skipped: 0, totalItems: 5, totalPages: 3 },
      ],
    );
  });

  it('filters by need after reading, from the needs its terms gave, with no hubkit taxonomy to ask', async () => {
    publisher.log.length = 0;
    const reader = createDirectoryReader(feed);
    assert.deepEqual(await all(reader.search({ need: 'food' })), [read('FEN-0001'), read('FEN-0004')]);
    assert.deepEqual(await all(reader.search({ need: 'caring' })), [read('FEN-0005')]);
    assert.deepEqual(await all(reader.search({ need: 'immigration' })), []);
    const checks = publisher.log.filter((l) => l.path.startsWith('/api/v3/taxonomies/'));
    assert.deepEqual(
      checks.map((l) => l.path),
      [`/api/v3/taxonomies/${taxonomyId(HUBKIT_NEEDS_TAXONOMY)}`],
      'asked once, and the answer kept',
    );
    assert.ok(!publisher.log.some((l) => l.query.has('taxonomy_term_id')));
  });

  it('searches by text and by the publisher’s own taxonomy term', async () => {
    publisher.log.length = 0;
    const reader = createDirectoryReader(feed);
    assert.deepEqual(await all(reader.search({ text: ' money ' })), [read(MONEY_ID)]);
    assert.equal(publisher.log[0]?.query.get('search'), 'money');
    // The publisher filters by its own terms (this one ignores the filter, as HSDS allows).
    assert.equal((await all(reader.search({ taxonomyTermId: uuid(4) }))).length, 4);
    assert.ok(publisher.log.some((l) => l.query.get('taxonomy_term_id') === uuid(4)));
  });

  it('searches by postcode through service_at_locations: each service once', async () => {
    publisher.log.length = 0;
    const search = createDirectoryReader(feed).search({ postcode: ' PE13 1AA ', proximityKm: 1.5 });
    assert.deepEqual(await all(search), [read('FEN-0001'), read(MONEY_ID)]);
    assert.equal(search.skipped, 0);
    const [list, ...rest] = publisher.log;
    assert.equal(list?.path, '/api/v3/service_at_locations');
    assert.equal(list.query.get('postcode'), 'PE13 1AA');
    assert.equal(list.query.get('proximity'), '1500');
    // FEN-0001 at its second location is not asked for again; under its old id it is, and
    // read as the same service.
    assert.deepEqual(
      rest.map((l) => decodeURIComponent(l.path)).sort(),
      ['/api/v3/services/FEN-0001', '/api/v3/services/FEN-LEGACY-1', `/api/v3/services/${MONEY_ID}`].sort(),
    );
  });

  it('reads one service by the publisher’s id or by the id a search gave it', async () => {
    const reader = createDirectoryReader(feed);
    assert.deepEqual(await reader.service('FEN-0001'), read('FEN-0001'));
    assert.deepEqual(await reader.service(MONEY_ID), read(MONEY_ID));
    const [foodbank] = await reader.search({ need: 'food' }).first(1);
    assert.ok(foodbank);
    assert.notEqual(foodbank.id, 'FEN-0001');
    assert.deepEqual(await reader.service(foodbank.id), foodbank);
    // A fresh reader has not seen it: the derived id means nothing to the publisher.
    assert.equal((await readerError(createDirectoryReader(feed).service(foodbank.id))).reason, 'not_found');
    const unreadable = await readerError(reader.service('FEN-0003'));
    assert.equal(unreadable.reason, 'invalid_response');
    assert.equal(unreadable.path, '/api/v3/services/FEN-0003');
  });

  it('fetches services the list does not nest at most four at a time, in the list’s order', async () => {
    publisher.inFlight.max = 0;
    const services = await all(createDirectoryReader(`${publisher.url}/big`).search());
    assert.deepEqual(
      services.map((s) => s.name),
      Array.from({ length: 12 }, (_, i) => `Big service BIG-${i + 1}`),
    );
    assert.equal(publisher.inFlight.max, 4);
  });

  it('first(n) stops fetching soon after it has n services', async () => {
    publisher.log.length = 0;
    const found = await createDirectoryReader(`${publisher.url}/big`).search().first(2);
    assert.deepEqual(
      found.map((s) => s.name),
      ['Big service BIG-1', 'Big service BIG-2'],
    );
    const fetched = publisher.log.filter((l) => l.path.startsWith('/big/services/')).length;
    assert.ok(fetched <= 6, `${fetched} of 12 fetched`);
  });
});

describe('createDirectoryReader with publishers whose pages never say they end', () => {
  let publisher: Publisher;
  before(async () => {
    publisher = await startPublisher();
  });
  after(async () => {
    await publisher.close();
  });

  /** A fetch that gives up after a few requests, so a reader that loops fails rather than hangs. */
  const fewRequests = () => {
    let count = 0;
    return (input: RequestInfo | URL, init?: RequestInit) => {
      count += 1;
      if (count > 5) throw new Error('too many requests: the reader did not stop');
      return fetch(input, init);
    };
  };

  it('stops when a page brings nothing new', async () => {
    publisher.log.length = 0;
    const reader = createDirectoryReader(`${publisher.url}/repeating`, { fetch: fewRequests() });
    assert.deepEqual(
      (await all(reader.search())).map((s) => s.name),
      ['Repeated 1', 'Repeated 2'],
    );
    assert.deepEqual(
      publisher.log.map((l) => l.query.get('page')),
      ['1', '2'],
    );
  });

  it('stops when the publisher answers with another page than the one asked for', async () => {
    publisher.log.length = 0;
    const reader = createDirectoryReader(`${publisher.url}/stuck`, { fetch: fewRequests() });
    assert.deepEqual(
      (await all(reader.search({ postcode: 'PE13 1AA' }))).map((s) => s.name),
      ['Repeated 1', 'Repeated 2'],
    );
    assert.equal(publisher.log.length, 2);
  });
});

describe('createDirectoryReader errors', () => {
  let publisher: Publisher;
  before(async () => {
    publisher = await startPublisher();
  });
  after(async () => {
    await publisher.close();
  });

  it('retries a GET that failed for now', async () => {
    publisher.log.length = 0;
    assert.deepEqual(await all(createDirectoryReader(`${publisher.url}/flaky`).search()), []);
    assert.equal(publisher.log.filter((l) => l.path === '/flaky/services').length, 2);
  });

  it('gives up at once when told to come back much later', async () => {
    publisher.log.length = 0;
    const started = Date.now();
    const error = await readerError(createDirectoryReader(`${publisher.url}/busy`).search().first(1));
    assert.equal(error.reason, 'http_error');
    assert.equal(error.status, 429);
    assert.equal(publisher.log.length, 1, 'not retried');
    assert.ok(Date.now() - started < 2000);
  });

  it('never puts the query string (postcode, words) in an error', async () => {
    const error = await readerError(
      createDirectoryReader(`${publisher.url}/broken`, { retry: 0 })
        .search({ postcode: 'ZZ9 9ZZ', proximityKm: 2, text: 'private words' })
        .first(5),
    );
    assert.equal(error.reason, 'http_error');
    assert.equal(error.status, 500);
    assert.equal(error.path, '/broken/service_at_locations');
    const everything = `${error.message} ${error.stack ?? ''} ${JSON.stringify(error)} ${String(error.cause)}`;
    for (const leak of ['ZZ9', 'zz9', 'private', 'postcode=', '?']) {
      assert.ok(!everything.includes(leak), `no ${leak} in ${everything}`);
    }
    assert.equal(error.cause, undefined, 'ky’s error, whose message has the whole URL, is not kept');
  });

  it('says what kind of failure it was', async () => {
    const cases: [string, Record<string, number>, string, number | undefined][] = [
      [`${publisher.url}/slow`, { timeout: 150, retry: 0 }, 'timeout', undefined],
      [`${publisher.url}/html`, {}, 'invalid_response', undefined],
      [`${publisher.url}/nonsense`, {}, 'invalid_response', undefined],
      [`${publisher.url}/nowhere`, { retry: 0 }, 'not_found', 404],
      ['http://127.0.0.1:1/oruk', { retry: 0 }, 'network_error', undefined],
    ];
    for (const [url, options, reason, status] of cases) {
      const error = await readerError(createDirectoryReader(url, options).search().first(1));
      assert.equal(error.reason, reason, url);
      assert.equal(error.status, status, url);
      assert.equal(error.path, `${new URL(url).pathname}/services`);
    }
  });

  it('stops when the caller aborts, with the abort itself', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      createDirectoryReader(`${publisher.url}/api/v3`, { signal: controller.signal }).search().first(1),
      (error: Error) => error.name === 'AbortError' && !(error instanceof DirectoryReaderError),
    );
  });

  it('refuses options and queries that cannot work', () => {
    assert.throws(() => createDirectoryReader('ftp://example.org/oruk'), TypeError);
    assert.throws(() => createDirectoryReader('not a url'), TypeError);
    assert.throws(() => createDirectoryReader('https://example.org', { perPage: 0 }), RangeError);
    assert.throws(() => createDirectoryReader('https://example.org', { perPage: 1001 }), RangeError);
    const reader = createDirectoryReader('https://example.org/oruk');
    assert.throws(() => reader.search({ proximityKm: 2 }), TypeError);
    assert.throws(() => reader.search({ postcode: 'N1 9GU', proximityKm: -1 }), RangeError);
    assert.throws(() => reader.search({ need: 'unicorns' as NeedCode }), RangeError);
    return assert.rejects(reader.search().first(-1), RangeError);
  });
});
