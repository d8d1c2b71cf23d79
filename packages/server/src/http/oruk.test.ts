import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { needCodes, postcodeDistrict, type Service } from '@hubkit/schema';
import { distanceKm, locate, type GeoPoint } from '@hubkit/hub';
import { demoDirectory, hollowayFoodCoop } from '@hubkit/schema/fixtures';
import {
  HUBKIT_DELIVERY_METHODS_TAXONOMY,
  needTerm,
  organizationListItem,
  orukToService,
  serviceAtLocationDetails,
  serviceAtLocationItems,
  serviceToOruk,
  serviceToOrukListItem,
  taxonomyId,
  taxonomyTermId,
  type OrukApiInfo,
  type OrukLocationListItem,
  type OrukOrganization,
  type OrukOrganizationListItem,
  type OrukPage,
  type OrukService,
  type OrukServiceAtLocationDetail,
  type OrukServiceAtLocationListItem,
  type OrukServiceListItem,
  type OrukTaxonomy,
  type OrukTaxonomyTerm,
} from '@hubkit/schema/oruk';
import { type Answer, type TestHub } from '../testing/hub.ts';
import type { ProblemBody } from '@hubkit/hub';
import { forEachEngine } from '../testing/engines.ts';

/** A service that has closed for good: in the store, never in the ORUK directory. */
const closed: Service = {
  ...hollowayFoodCoop,
  id: '0b6d3c3e-6a34-4f0e-9d1e-2f1c5b7a9e01',
  name: 'Tollington Closed Larder (fictional)',
  status: 'defunct',
  organisation: { id: '5a7e2f0c-1d4b-4c8e-8f3a-6b9d0e1c2a33', name: 'Tollington Larder Trust (fictional)' },
  locations: hollowayFoodCoop.locations.map((l) => ({ ...l, id: '7c1e9a2b-3d4f-4a6b-8c0d-1e2f3a4b5c6d' })),
};

forEachEngine((engine) => {
  let hub: TestHub;
  before(async () => {
    hub = await engine.testHub();
    await hub.hub.store.upsertService(closed, hub.hub.now());
  });
  after(async () => {
    await hub.close();
  });

  type NestedOrganization = OrukOrganization & { services: (OrukServiceListItem | OrukService)[] };

  /** The ORUK endpoints are public: every request here is made without a key. */
  const get = <T>(path: string) => hub.request<T>('GET', `/oruk${path}`, { key: null });
  const list = <T>(path: string) => get<OrukPage<T>>(path);
  const fails = (path: string) => get<ProblemBody>(path);

  /** Every service of the demo directory by id (none of them is defunct). */
  const demo = new Map(demoDirectory.map((s) => [s.id, s]));
  const current = demoDirectory.filter((s) => s.status !== 'defunct');
  const UNKNOWN = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  const ENVELOPE = [
    'total_items',
    'total_pages',
    'page_number',
    'size',
    'first_page',
    'last_page',
    'empty',
    'contents',
  ];
  const STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'];

  function isOk(answer: Answer): void {
    assert.equal(answer.status, 200, answer.text);
    assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(answer.headers.get('access-control-allow-origin'), '*');
    assert.equal(answer.headers.get('cache-control'), 'public, max-age=300');
    assert.match(answer.headers.get('x-request-id') ?? '', /^req_/);
  }

  /** A page in HSDS 3.0's envelope, with the arithmetic right for `perPage` items a page. */
  function isPage<T>(
    answer: Answer<OrukPage<T>>,
    expected: { total: number; page: number; perPage: number },
  ): T[] {
    isOk(answer);
    const body = answer.body;
    // HSDS's envelope; /service_at_locations adds one local property, whether the order is by distance.
    assert.deepEqual(
      Object.keys(body).filter((key) => key !== 'hubkit_distances'),
      ENVELOPE,
    );
    const pages = Math.ceil(expected.total / expected.perPage);
    const size = Math.max(
      0,
      Math.min(expected.perPage, expected.total - (expected.page - 1) * expected.perPage),
    );
    assert.equal(body.total_items, expected.total, 'total_items');
    assert.equal(body.total_pages, pages, 'total_pages');
    assert.equal(body.page_number, expected.page, 'page_number');
    assert.equal(body.size, size, 'size');
    assert.equal(body.contents.length, size, 'contents');
    assert.equal(body.first_page, expected.page === 1, 'first_page');
    assert.equal(body.last_page, expected.page >= pages, 'last_page');
    assert.equal(body.empty, size === 0, 'empty');
    return body.contents;
  }

  function problem(answer: Answer<ProblemBody>, status: number, code: string): void {
    assert.equal(answer.status, status, answer.text);
    assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(answer.body.status, status);
    assert.equal(answer.body.code, code);
    assert.equal(answer.body.type, `https://hubkit.dev/problems/${code}`);
    assert.match(answer.headers.get('x-request-id') ?? '', /^req_/);
    assert.equal(answer.body.requestId, answer.headers.get('x-request-id'));
    assert.equal(answer.headers.get('access-control-allow-origin'), '*');
    assert.equal(answer.headers.get('cache-control'), 'no-store');
  }

  /** Every `id` and `…_id` anywhere in `value` is a UUID. */
  function idsAreUuids(value: unknown, where = ''): void {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        idsAreUuids(item, `${where}/${i}`);
      });
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'id' || key.endsWith('_id')) assert.match(String(child), UUID, `${where}/${key}`);
        idsAreUuids(child, `${where}/${key}`);
      }
    }
  }

  /** A list item has one-to-one fields only: no list anywhere in it. */
  function oneToOneOnly(value: unknown, where = ''): void {
    assert.ok(!Array.isArray(value), `${where} is a list`);
    if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) oneToOneOnly(child, `${where}/${key}`);
    }
  }

  /** The fields HSDS 3.0 requires of the object are there. */
  function hasFields(object: object, fields: readonly string[], where: string): void {
    const record = object as Record<string, unknown>;
    for (const field of fields)
      assert.ok(record[field] !== undefined && record[field] !== null, `${where} lacks ${field}`);
  }

  /** Every page of a list, `perPage` at a time, each checked; the items of all of them. */
  async function walk<T>(path: string, perPage: number, total: number): Promise<T[]> {
    const items: T[] = [];
    const pages = Math.ceil(total / perPage);
    assert.ok(pages >= 3, `${path} should span several pages`);
    for (let page = 1; page <= pages; page += 1) {
      const separator = path.includes('?') ? '&' : '?';
      items.push(
        ...isPage(await list<T>(`${path}${separator}page=${page}&per_page=${perPage}`), {
          total,
          page,
          perPage,
        }),
      );
    }
    return items;
  }

  const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);
  const names = (items: readonly { name: string }[]) => items.map((item) => item.name);
  const sorted = (values: readonly string[]) => [...values].sort();
  const pointOf = (location: OrukLocationListItem): GeoPoint => {
    assert.ok(
      location.latitude !== undefined && location.longitude !== undefined,
      `location ${location.id} has no coordinates`,
    );
    return { latitude: location.latitude, longitude: location.longitude };
  };
  const demoService = (id: string): Service => {
    const service = demo.get(id);
    assert.ok(service, `${id} is not in the demo directory`);
    return service;
  };

  describe('/oruk/', () => {
    it('says which HSDS version and profile it speaks, with and without the slash', async () => {
      for (const path of ['', '/']) {
        const answer = await get<OrukApiInfo>(path);
        isOk(answer);
        assert.equal(answer.body.version, '3.0');
        assert.equal(answer.body.profile, 'https://github.com/OpenReferralUK/uk-profile');
        assert.match(answer.body.openapi_url, /^https:\/\/.+openapi\.json$/);
      }
    });

    it('needs no key, and ignores one that is not valid', async () => {
      const answer = await hub.request<OrukPage<OrukServiceListItem>>('GET', '/oruk/services?per_page=1', {
        key: 'sk_test_NotAKeyThisHubKnows000000000',
      });
      isOk(answer);
      assert.equal(answer.body.total_items, current.length);
    });
  });

  describe('/oruk/services', () => {
    it('lists every current service as a one-to-one list item, 50 to a page by default', async () => {
      const items = isPage(await list<OrukServiceListItem>('/services'), {
        total: current.length,
        page: 1,
        perPage: 50,
      });
      assert.deepEqual(sorted(ids(items)), sorted(current.map((s) => s.id)));
      for (const item of items) {
        hasFields(item, ['id', 'name', 'status', 'organization_id', 'description'], `service ${item.id}`);
        assert.ok(STATUSES.includes(item.status), item.status);
        idsAreUuids(item);
        oneToOneOnly(item);
        assert.equal(item.organization_id, item.organization.id);
        assert.deepEqual(item, serviceToOrukListItem(demoService(item.id)));
      }
    });

    it('pages through them five at a time, each once', async () => {
      const items = await walk<OrukServiceListItem>('/services', 5, current.length);
      assert.equal(new Set(ids(items)).size, current.length);
      assert.deepEqual(sorted(ids(items)), sorted(current.map((s) => s.id)));
      const beyond = await list<OrukServiceListItem>('/services?page=99&per_page=5');
      assert.deepEqual(isPage(beyond, { total: current.length, page: 99, perPage: 5 }), []);
    });

    it('gives fully nested services with full=true', async () => {
      const items = isPage(await list<OrukService>('/services?full=true&per_page=10'), {
        total: current.length,
        page: 1,
        perPage: 10,
      });
      for (const item of items) {
        assert.deepEqual(item, serviceToOruk(demoService(item.id)));
        assert.ok(Array.isArray(item.attributes) && Array.isArray(item.service_at_locations));
      }
    });

    it('finds services by words, best match first', async () => {
      const food = await list<OrukServiceListItem>('/services?search=food');
      isOk(food);
      assert.deepEqual(sorted(names(food.body.contents)), [
        'Becontree Food Hub (fictional)',
        'Holloway Community Pantry (fictional)',
        'Queen’s Park Community Fridge (fictional)',
        'Radcliffe Food Share (fictional)',
      ]);
      const immigration = await list<OrukServiceListItem>(
        `/services?search=${encodeURIComponent('immigration advice')}`,
      );
      const found = names(immigration.body.contents);
      assert.equal(found[0], 'Finsbury Park Immigration Advice Clinic (fictional)');
      assert.deepEqual(sorted(found), [
        'Finsbury Park Immigration Advice Clinic (fictional)',
        'Harlesden Migrant Welcome Desk (fictional)',
        'North West Migrant Advice Line (fictional)',
      ]);
      const wembley = await list<OrukServiceListItem>(
        `/services?search=${encodeURIComponent('Wembley debt')}`,
      );
      assert.deepEqual(names(wembley.body.contents), ['Wembley Debt and Benefits Advice (fictional)']);
    });

    it('answers a search that matches nothing with an empty page', async () => {
      const items = isPage(await list<OrukServiceListItem>('/services?search=zzyzzyva'), {
        total: 0,
        page: 1,
        perPage: 50,
      });
      assert.deepEqual(items, []);
    });

    it('filters by a need’s taxonomy term: only services with that need', async () => {
      for (const need of ['food', 'domestic_abuse', 'caring'] as const) {
        const expected = current.filter((s) => s.needs.includes(need));
        assert.ok(expected.length > 0, need);
        const items = isPage(
          await list<OrukService>(`/services?full=true&taxonomy_term_id=${needTerm(need).id}`),
          {
            total: expected.length,
            page: 1,
            perPage: 50,
          },
        );
        assert.deepEqual(sorted(ids(items)), sorted(expected.map((s) => s.id)));
        for (const item of items) {
          assert.ok(demoService(item.id).needs.includes(need), `${item.name} has no ${need} need`);
          assert.ok(item.attributes.some((a) => a.taxonomy_term_id === needTerm(need).id));
        }
      }
    });

    it('filters by other taxonomy terms: the directory’s own vocabulary and delivery methods', async () => {
      const debt = current.filter((s) =>
        s.taxonomyTerms.some((t) => t.taxonomy === 'hubkit-demo' && t.code === 'advice.debt'),
      );
      const homeVisits = current.filter((s) => s.deliveryMethods.includes('home_visit'));
      for (const [term, expected] of [
        [taxonomyTermId('hubkit-demo', 'advice.debt'), debt],
        [taxonomyTermId(HUBKIT_DELIVERY_METHODS_TAXONOMY, 'home_visit'), homeVisits],
      ] as const) {
        assert.ok(expected.length > 0 && expected.length < current.length);
        const answer = await list<OrukServiceListItem>(`/services?taxonomy_term_id=${term}`);
        isOk(answer);
        assert.deepEqual(sorted(ids(answer.body.contents)), sorted(expected.map((s) => s.id)));
      }
    });

    it('filters by taxonomy and by organisation', async () => {
      const demoTaxonomy = current.filter((s) => s.taxonomyTerms.some((t) => t.taxonomy === 'hubkit-demo'));
      const byTaxonomy = await list<OrukServiceListItem>(
        `/services?taxonomy_id=${taxonomyId('hubkit-demo')}`,
      );
      isOk(byTaxonomy);
      assert.deepEqual(sorted(ids(byTaxonomy.body.contents)), sorted(demoTaxonomy.map((s) => s.id)));
      assert.ok(demoTaxonomy.length > 0 && demoTaxonomy.length < current.length);

      const organisation = '34096460-d2e8-41a1-ae51-ea3bc2806ac5';
      const own = current.filter((s) => s.organisation.id === organisation);
      assert.ok(own.length >= 2);
      const byOrganisation = await list<OrukServiceListItem>(
        `/services?organization_id=${organisation.toUpperCase()}`,
      );
      isOk(byOrganisation);
      assert.deepEqual(sorted(ids(byOrganisation.body.contents)), sorted(own.map((s) => s.id)));
    });

    it('combines words and filters', async () => {
      const answer = await list<OrukServiceListItem>(
        `/services?search=advice&taxonomy_term_id=${needTerm('immigration').id}`,
      );
      isOk(answer);
      assert.ok(answer.body.total_items > 0);
      for (const item of answer.body.contents) assert.ok(demoService(item.id).needs.includes('immigration'));
    });
  });

  describe('/oruk/services/{id}', () => {
    it('gives the fully nested service, which reads back as the stored service exactly', async () => {
      for (const service of current) {
        const answer = await get<OrukService>(`/services/${service.id}`);
        isOk(answer);
        idsAreUuids(answer.body);
        hasFields(answer.body, ['id', 'name', 'status'], service.name);
        const stored = await hub.hub.store.getService(service.id);
        assert.ok(stored);
        assert.deepEqual(orukToService(answer.body), stored, service.name);
      }
    });

    it('is 404 for an unknown id, an id that is not a UUID, and a defunct service', async () => {
      problem(await fails(`/services/${UNKNOWN}`), 404, 'not_found');
      problem(await fails('/services/not-a-service'), 404, 'not_found');
      problem(await fails(`/services/${closed.id}`), 404, 'not_found');
    });
  });

  /** The locations a search from `postcode` within `metres` should find, as HSDS describes it. */
  function expectedNear(postcode: string, metres?: number): string[] {
    const origin = locate(postcode);
    assert.ok(origin);
    return current
      .filter((s) => s.areas.length === 0 || s.areas.includes(origin.area))
      .flatMap((s) =>
        s.locations.map((l) => {
          const point =
            l.latitude !== undefined && l.longitude !== undefined
              ? { latitude: l.latitude, longitude: l.longitude }
              : locate(postcodeDistrict(l.address.postcode));
          return { key: `${s.id}/${l.id}`, km: point ? distanceKm(origin, point) : Infinity };
        }),
      )
      .filter((x) => metres === undefined || x.km <= metres / 1000)
      .map((x) => x.key);
  }

  /** Distances from `postcode`'s district centre, in the order listed, each no less than the last. */
  function nearestFirst(items: readonly OrukServiceAtLocationListItem[], postcode: string): number[] {
    const origin = locate(postcode);
    assert.ok(origin);
    const distances = items.map((item) => distanceKm(origin, pointOf(item.location)));
    for (let i = 1; i < distances.length; i += 1) {
      assert.ok((distances[i] ?? 0) >= (distances[i - 1] ?? 0), `item ${i} is nearer than the one before`);
    }
    return distances;
  }

  describe('/oruk/service_at_locations', () => {
    const locations = current.flatMap((s) => s.locations.map((l) => `${s.id}/${l.id}`));
    const keys = (items: readonly OrukServiceAtLocationListItem[]) =>
      items.map((i) => `${i.service_id}/${i.location_id}`);

    it('lists each location of each current service, one-to-one, five at a time', async () => {
      const items = await walk<OrukServiceAtLocationListItem>('/service_at_locations', 5, locations.length);
      assert.equal(new Set(ids(items)).size, locations.length);
      assert.deepEqual(sorted(keys(items)), sorted(locations));
      for (const item of items) {
        hasFields(
          item,
          ['id', 'service_id', 'location_id', 'location', 'service'],
          `service at location ${item.id}`,
        );
        hasFields(item.location, ['id', 'location_type'], 'location');
        hasFields(item.service, ['id', 'name', 'status'], 'service');
        assert.equal(item.service_id, item.service.id);
        assert.equal(item.location_id, item.location.id);
        idsAreUuids(item);
        oneToOneOnly(item);
        assert.deepEqual(
          item,
          serviceAtLocationItems(demoService(item.service_id)).find((expected) => expected.id === item.id),
        );
      }
    });

    it('gives fully nested items with full=true', async () => {
      const items = isPage(
        await list<OrukServiceAtLocationDetail>('/service_at_locations?full=true&per_page=3'),
        {
          total: locations.length,
          page: 1,
          perPage: 3,
        },
      );
      for (const item of items) {
        assert.deepEqual(
          item,
          serviceAtLocationDetails(demoService(item.service_id)).find((d) => d.id === item.id),
        );
        assert.ok(Array.isArray(item.location.addresses) && Array.isArray(item.service.attributes));
      }
    });

    it('with postcode and proximity, gives only locations within that many metres, nearest first', async () => {
      const expected = expectedNear('N1 1AA', 3000);
      assert.ok(expected.length >= 2, 'the demo has several locations within 3 km of N1');
      assert.ok(expectedNear('N1 1AA').length > expected.length, 'and some beyond');
      const answer = await list<OrukServiceAtLocationListItem>(
        '/service_at_locations?postcode=n11aa&proximity=3000',
      );
      const items = isPage(answer, { total: expected.length, page: 1, perPage: 50 });
      for (const km of nearestFirst(items, 'N1 1AA')) assert.ok(km <= 3, `${km} km is beyond 3 km`);
      assert.deepEqual(sorted(keys(items)), sorted(expected));
    });

    it('with a postcode alone, orders the locations of services covering it nearest first', async () => {
      const expected = expectedNear('RM9 6UX');
      const items = isPage(
        await list<OrukServiceAtLocationListItem>('/service_at_locations?postcode=RM9%206UX'),
        {
          total: expected.length,
          page: 1,
          perPage: 50,
        },
      );
      assert.ok(items.length >= 3);
      nearestFirst(items, 'RM9 6UX');
      assert.deepEqual(sorted(keys(items)), sorted(expected));
      for (const item of items)
        assert.ok(demoService(item.service_id).areas.includes('Barking and Dagenham'));
    });

    it('answers a real postcode it cannot place (ZE1 0AA) with an ordinary page that says distance was not used', async () => {
      const all = await list<OrukServiceAtLocationListItem>('/service_at_locations?per_page=100');
      const total = all.body.total_items;
      for (const query of ['postcode=ZE1%200AA', 'postcode=ZE1%200AA&proximity=1000', 'postcode=sw1a1aa']) {
        const answer = await list<OrukServiceAtLocationListItem>(
          `/service_at_locations?${query}&per_page=100`,
        );
        // Every location, in the order without a postcode: no area, no distance, no proximity applied.
        const items = isPage(answer, { total, page: 1, perPage: 100 });
        assert.deepEqual(ids(items), ids(all.body.contents), query);
        assert.equal(
          (answer.body as unknown as Record<string, unknown>).hubkit_distances,
          'postcode_not_found',
        );
        assert.ok(!answer.text.includes('ZE1'), 'the postcode is not repeated');
      }
      const placed = await list<OrukServiceAtLocationListItem>('/service_at_locations?postcode=N7%206QT');
      assert.equal((placed.body as unknown as Record<string, unknown>).hubkit_distances, 'from_postcode');
      assert.equal((all.body as unknown as Record<string, unknown>).hubkit_distances, 'no_postcode');
    });

    it('takes an outward code alone as the postcode', async () => {
      const full = await list<OrukServiceAtLocationListItem>(
        '/service_at_locations?postcode=N7%206QT&proximity=2500',
      );
      const district = await list<OrukServiceAtLocationListItem>(
        '/service_at_locations?postcode=N7&proximity=2500',
      );
      isOk(district);
      assert.ok(district.body.total_items > 0);
      assert.deepEqual(ids(district.body.contents), ids(full.body.contents));
    });

    it('filters by need and pages the nearest-first list', async () => {
      const term = needTerm('wellbeing_mental_health').id;
      const all = await list<OrukServiceAtLocationListItem>(
        `/service_at_locations?postcode=N5%201AA&taxonomy_term_id=${term}`,
      );
      isOk(all);
      assert.ok(all.body.total_items >= 2);
      for (const item of all.body.contents)
        assert.ok(demoService(item.service_id).needs.includes('wellbeing_mental_health'));
      const second = await list<OrukServiceAtLocationListItem>(
        `/service_at_locations?postcode=N5%201AA&taxonomy_term_id=${term}&per_page=1&page=2`,
      );
      isPage(second, { total: all.body.total_items, page: 2, perPage: 1 });
      assert.deepEqual(second.body.contents, all.body.contents.slice(1, 2));
    });
  });

  describe('/oruk/service_at_locations/{id}', () => {
    it('gives the fully nested service at location listed under that id', async () => {
      const listed = await list<OrukServiceAtLocationListItem>('/service_at_locations?per_page=4');
      assert.equal(listed.body.contents.length, 4);
      for (const item of listed.body.contents) {
        const answer = await get<OrukServiceAtLocationDetail>(`/service_at_locations/${item.id}`);
        isOk(answer);
        assert.equal(answer.body.id, item.id);
        assert.equal(answer.body.service.id, item.service_id);
        assert.equal(answer.body.location.id, item.location_id);
        assert.ok(Array.isArray(answer.body.location.addresses));
        idsAreUuids(answer.body);
      }
    });

    it('is 404 for an unknown id', async () => {
      problem(await fails(`/service_at_locations/${UNKNOWN}`), 404, 'not_found');
      problem(await fails('/service_at_locations/x'), 404, 'not_found');
    });
  });

  describe('/oruk/organizations', () => {
    const organisations = [...new Map(current.map((s) => [s.organisation.id, s.organisation])).values()];

    it('lists each organisation of a current service once, by name, five at a time', async () => {
      const items = await walk<OrukOrganizationListItem>('/organizations', 5, organisations.length);
      assert.deepEqual(sorted(ids(items)), sorted(organisations.map((o) => o.id)));
      const listed = names(items);
      assert.deepEqual(
        listed,
        [...listed].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      );
      for (const item of items) {
        hasFields(item, ['id', 'name', 'description'], `organization ${item.id}`);
        assert.equal(typeof item.description, 'string');
        idsAreUuids(item);
        oneToOneOnly(item);
        const organisation = organisations.find((o) => o.id === item.id);
        assert.ok(organisation);
        assert.deepEqual(item, organizationListItem(organisation));
      }
      assert.ok(!ids(items).includes(closed.organisation.id));
    });

    it('finds organisations by words and by their services’ taxonomy terms', async () => {
      const advice = await list<OrukOrganizationListItem>('/organizations?search=advice');
      isOk(advice);
      assert.ok(advice.body.total_items >= 3);
      for (const o of advice.body.contents) assert.match(`${o.name} ${o.description}`, /advice/i);
      const food = await list<OrukOrganizationListItem>(
        `/organizations?taxonomy_term_id=${needTerm('food').id}`,
      );
      isOk(food);
      const expected = new Set(current.filter((s) => s.needs.includes('food')).map((s) => s.organisation.id));
      assert.deepEqual(sorted(ids(food.body.contents)), sorted([...expected]));
    });

    it('nests identifiers and services with full=true, and full services with full_service=true', async () => {
      const full = await list<NestedOrganization>('/organizations?full=true&per_page=100');
      isOk(full);
      assert.equal(full.body.total_items, organisations.length);
      for (const o of full.body.contents) {
        assert.ok(Array.isArray(o.organization_identifiers));
        const own = current.filter((s) => s.organisation.id === o.id);
        assert.deepEqual(sorted(ids(o.services)), sorted(own.map((s) => s.id)));
      }
      const one = await get<NestedOrganization>(
        '/organizations/34096460-d2e8-41a1-ae51-ea3bc2806ac5?full_service=true',
      );
      isOk(one);
      assert.equal(one.body.name, 'Islington Advice Collective (fictional)');
      assert.ok(one.body.services.length >= 2);
      for (const s of one.body.services) {
        assert.equal(s.organization_id, one.body.id);
        assert.ok('attributes' in s && Array.isArray(s.attributes));
      }
    });

    it('is 404 for an unknown organisation or one with only defunct services', async () => {
      problem(await fails(`/organizations/${UNKNOWN}`), 404, 'not_found');
      problem(await fails(`/organizations/${closed.organisation.id}`), 404, 'not_found');
    });
  });

  describe('/oruk/taxonomies and /oruk/taxonomy_terms', () => {
    it('lists hubkit’s taxonomies and the ones the directory uses', async () => {
      const answer = await list<OrukTaxonomy>('/taxonomies');
      const items = isPage(answer, { total: answer.body.total_items, page: 1, perPage: 50 });
      for (const name of ['hubkit-needs', 'hubkit-delivery-methods', 'hubkit-referrals', 'hubkit-demo']) {
        assert.ok(names(items).includes(name), name);
      }
      for (const item of items) {
        hasFields(item, ['id', 'name', 'description'], `taxonomy ${item.name}`);
        idsAreUuids(item);
      }
      const one = await get<OrukTaxonomy>(`/taxonomies/${taxonomyId('hubkit-demo')}`);
      isOk(one);
      assert.equal(one.body.name, 'hubkit-demo');
      problem(await fails(`/taxonomies/${UNKNOWN}`), 404, 'not_found');
    });

    it('lists terms five at a time, each with its taxonomy, and filters by taxonomy', async () => {
      const first = await list<OrukTaxonomyTerm>('/taxonomy_terms?per_page=5');
      isOk(first);
      const items = await walk<OrukTaxonomyTerm>('/taxonomy_terms', 5, first.body.total_items);
      assert.equal(new Set(ids(items)).size, items.length);
      for (const item of items) {
        hasFields(item, ['id', 'name', 'description', 'taxonomy_id'], `term ${item.code}`);
        idsAreUuids(item);
        assert.equal(item.taxonomy_detail.id, item.taxonomy_id);
      }
      const needs = await list<OrukTaxonomyTerm>(
        `/taxonomy_terms?per_page=100&taxonomy_id=${taxonomyId('hubkit-needs')}`,
      );
      isOk(needs);
      assert.deepEqual(
        needs.body.contents.map((t) => t.code),
        needCodes.codes,
      );
      const children = await list<OrukTaxonomyTerm>(`/taxonomy_terms?parent_id=${needTerm('food').id}`);
      isPage(children, { total: 0, page: 1, perPage: 50 });
    });

    it('finds terms by words and gives one term by id', async () => {
      const answer = await list<OrukTaxonomyTerm>('/taxonomy_terms?search=debt');
      isOk(answer);
      assert.ok(answer.body.total_items >= 2);
      for (const t of answer.body.contents) assert.match(`${t.name} ${t.description} ${t.code}`, /debt/i);
      const one = await get<OrukTaxonomyTerm>(`/taxonomy_terms/${needTerm('food').id}`);
      isOk(one);
      assert.deepEqual(one.body, needTerm('food'));
      problem(await fails(`/taxonomy_terms/${UNKNOWN}`), 404, 'not_found');
    });
  });

  describe('defunct services', () => {
    it('are left out of every list and search', async () => {
      const [services, search, near, organisations] = await Promise.all([
        list<OrukServiceListItem>('/services?per_page=100'),
        list<OrukServiceListItem>(`/services?search=${encodeURIComponent('Tollington Closed Larder')}`),
        list<OrukServiceAtLocationListItem>(
          '/service_at_locations?per_page=100&postcode=N7%206RR&proximity=1000',
        ),
        list<OrukOrganizationListItem>('/organizations?per_page=100&search=Tollington'),
      ]);
      for (const answer of [services, search, near, organisations]) {
        isOk(answer);
        assert.ok(
          !answer.text.includes(closed.id) && !answer.text.includes(closed.organisation.id),
          answer.text.slice(0, 200),
        );
      }
      assert.equal(search.body.total_items, 0);
      assert.ok(near.body.total_items > 0, 'the live service at the same place is found');
      assert.ok(await hub.hub.store.getService(closed.id), 'the store still has it');
    });
  });

  describe('mistakes', () => {
    const cases: readonly [query: string, path: string][] = [
      ['/services?per_page=0', '/per_page'],
      ['/services?per_page=1001', '/per_page'],
      ['/services?page=-1', '/page'],
      ['/services?page=two', '/page'],
      ['/services?per_page=5&per_page=6', '/per_page'],
      ['/services?full=yes', '/full'],
      ['/services?taxonomy_term_id=food', '/taxonomy_term_id'],
      ['/services?taxonomy_id=hubkit-needs', '/taxonomy_id'],
      ['/services?organization_id=42', '/organization_id'],
      ['/services?format=ndjson', '/format'],
      ['/service_at_locations?proximity=1000', '/postcode'],
      ['/service_at_locations?postcode=nowhere', '/postcode'],
      ['/service_at_locations?postcode=N1%201AA&proximity=-5', '/proximity'],
      ['/taxonomy_terms?taxonomy_id=x', '/taxonomy_id'],
      ['/organizations?full_service=maybe', '/full_service'],
    ];
    for (const [query, path] of cases) {
      it(`${query} is a 400 naming ${path}`, async () => {
        const answer = await fails(query);
        problem(answer, 400, 'invalid_query');
        const errors = answer.body.errors ?? [];
        assert.ok(
          errors.some((e) => e.path === path && e.code.length > 0 && e.message.length > 0),
          JSON.stringify(errors),
        );
      });
    }

    it('reports every mistake at once', async () => {
      const answer = await fails('/service_at_locations?per_page=0&page=0&taxonomy_id=x&proximity=10');
      problem(answer, 400, 'invalid_query');
      assert.deepEqual(sorted((answer.body.errors ?? []).map((e) => e.path)), [
        '/page',
        '/per_page',
        '/postcode',
        '/taxonomy_id',
      ]);
    });

    it('ignores parameters an endpoint does not take', async () => {
      const answer = await list<OrukServiceListItem>(
        '/services?postcode=nowhere&proximity=x&per_page=2&modified_after=2020-01-01',
      );
      isPage(answer, { total: current.length, page: 1, perPage: 2 });
    });

    it('unknown addresses under /oruk are 404 problems', async () => {
      problem(await fails('/nowhere'), 404, 'not_found');
      problem(await fails('/services/a/b'), 404, 'not_found');
    });

    it('anything but GET, HEAD and OPTIONS is a 405 problem with Allow', async () => {
      for (const [method, path] of [
        ['POST', '/oruk/services'],
        ['PUT', '/oruk/'],
        ['DELETE', `/oruk/services/${hollowayFoodCoop.id}`],
        ['PATCH', '/oruk/taxonomy_terms'],
        ['POST', '/oruk/service_at_locations'],
      ] as const) {
        const answer = await hub.request<ProblemBody>(method, path, { key: null, body: {} });
        problem(answer, 405, 'method_not_allowed');
        assert.equal(answer.headers.get('allow'), 'GET, HEAD, OPTIONS');
      }
    });
  });

  describe('HTTP', () => {
    it('answers a CORS preflight from any website', async () => {
      const answer = await hub.request('OPTIONS', '/oruk/service_at_locations', {
        key: null,
        headers: { Origin: 'https://any.example.org', 'Access-Control-Request-Method': 'GET' },
      });
      assert.equal(answer.status, 204);
      assert.equal(answer.headers.get('access-control-allow-origin'), '*');
      assert.match(answer.headers.get('access-control-allow-methods') ?? '', /\bGET\b/);
    });

    it('lets a browser on any origin read lists and the request id', async () => {
      const answer = await hub.request('GET', '/oruk/taxonomies', {
        key: null,
        headers: { Origin: 'https://any.example.org' },
      });
      isOk(answer);
      assert.match(answer.headers.get('access-control-expose-headers') ?? '', /X-Request-Id/i);
    });

    it('answers HEAD like GET, without a body', async () => {
      const answer = await hub.request('HEAD', '/oruk/services', { key: null });
      assert.equal(answer.status, 200);
      assert.equal(answer.text, '');
      assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
    });

    it('logs the route, never the postcode in the query', async () => {
      const answer = await get('/service_at_locations?postcode=n7%206qt&proximity=1500');
      isOk(answer);
      const bad = await fails('/service_at_locations?postcode=N76QT&proximity=-1');
      problem(bad, 400, 'invalid_query');
      const requestIds = [answer.headers.get('x-request-id'), bad.headers.get('x-request-id')];
      const entries = hub.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
      const ours = entries.filter((entry) => requestIds.includes(String(entry.requestId)));
      assert.deepEqual(
        ours.map((entry) => [entry.route, entry.status]),
        [
          ['/oruk/service_at_locations', 200],
          ['/oruk/service_at_locations', 400],
        ],
      );
      for (const { requestId: _random, ...entry } of entries) {
        // The request id is random and could spell anything: check everything else.
        const text = JSON.stringify(entry);
        assert.doesNotMatch(text, /6\s*qt|n7(\s|%20|\+)?6|postcode|proximity|\?/i, text);
      }
    });
  });

  describe('/oruk as the directory changes', () => {
    it('answers from the services as they are now: a service moved to a new organisation and a new taxonomy term shows at the next request', async () => {
      const own = await engine.testHub();
      try {
        const getOwn = <T>(path: string) => own.request<T>('GET', `/oruk${path}`, { key: null });
        const store = own.hub.store;
        const term = { taxonomy: 'quayside-own', code: 'moved', name: 'Moved (fictional)' };
        const termId = taxonomyTermId(term.taxonomy, term.code);
        const moved: Service = {
          ...hollowayFoodCoop,
          taxonomyTerms: [...hollowayFoodCoop.taxonomyTerms, term],
          organisation: {
            id: '3f0c6b1e-8a2d-4c5e-9b7f-1d2e3a4b5c6d',
            name: 'Quayside Moved Trust (fictional)',
          },
        };
        const organisationIds = async () =>
          ids(
            (await getOwn<OrukPage<OrukOrganizationListItem>>('/organizations?per_page=100')).body.contents,
          );
        const termIds = async () =>
          ids((await getOwn<OrukPage<OrukTaxonomyTerm>>('/taxonomy_terms?per_page=100')).body.contents);
        // Read first, so that what the endpoints keep is of the directory before the change.
        assert.ok(!(await organisationIds()).includes(moved.organisation.id));
        assert.ok(!(await termIds()).includes(termId));
        assert.equal((await getOwn(`/taxonomy_terms/${termId}`)).status, 404);
        const version = await store.servicesVersion();

        await store.upsertService(moved, own.hub.now());

        assert.notEqual(await store.servicesVersion(), version);
        assert.ok((await organisationIds()).includes(moved.organisation.id));
        assert.ok((await termIds()).includes(termId));
        assert.equal((await getOwn(`/taxonomy_terms/${termId}`)).status, 200);
        const organisation = await getOwn<NestedOrganization>(`/organizations/${moved.organisation.id}`);
        assert.equal(organisation.status, 200);
        assert.deepEqual(ids(organisation.body.services), [moved.id]);
      } finally {
        await own.close();
      }
    });

    it('moves the version with every write to the services, and not with a read', async () => {
      const own = await engine.testHub();
      try {
        const store = own.hub.store;
        const start = await store.servicesVersion();
        await store.getService(hollowayFoodCoop.id);
        await store.findServices({ q: undefined, need: undefined });
        assert.equal(await store.servicesVersion(), start);
        await store.upsertService(
          { ...hollowayFoodCoop, name: 'Holloway Renamed (fictional)' },
          own.hub.now(),
        );
        const afterOne = await store.servicesVersion();
        assert.notEqual(afterOne, start);
        await store.upsertServices([{ ...hollowayFoodCoop, status: 'defunct' }], own.hub.now());
        assert.notEqual(await store.servicesVersion(), afterOne);
      } finally {
        await own.close();
      }
    });
  });
});
