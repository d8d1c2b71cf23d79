/**
 * The service directory over loopback HTTP: browsing, nearest-first search by postcode, and
 * who may read it from where. Expected answers are worked out here from the demo directory and
 * the geo functions of @hubkit/schema, not read back from the hub.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Page, type Problem, type Service, type ServiceSearchResult } from '@hubkit/schema';
import { distanceKm, locate } from '@hubkit/hub';
import { councillorDebtAndFood, demoDirectory, hollowayFoodCoop, serviceIds } from '@hubkit/schema/fixtures';
import { routes } from '@hubkit/schema/routes';
import { ORIGIN, type Answer, type TestHub } from '../testing/hub.ts';
import { forEachEngine } from '../testing/engines.ts';

/** A closed service: stored in the directory, never shown. */
const defunct: Service = {
  ...(JSON.parse(JSON.stringify(hollowayFoodCoop)) as Service),
  id: '0b6f1f57-5d0e-4c4a-9a59-2a4f2a1c0d11',
  name: 'Aardvark Closed Food Bank (fictional)',
  status: 'defunct',
};
const shown = demoDirectory.filter((s) => s.status !== 'defunct');

/** Lower-case words of a service, as a full-text search sees them. */
function wordsOf(s: Service): string[] {
  const text = [
    s.name,
    s.alternateName ?? '',
    s.description,
    s.organisation.name,
    ...s.taxonomyTerms.map((t) => t.name),
    ...s.areas,
  ].join(' ');
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}
const matchesWords = (s: Service, q: string) =>
  q
    .toLowerCase()
    .split(/\s+/)
    .every((w) => wordsOf(s).some((word) => word.startsWith(w)));

/** The distance from `postcode` to the service's nearest location, worked out independently. */
function expectedDistance(postcode: string, s: Service): { km: number; id: string } | null {
  const origin = locate(postcode);
  assert.ok(origin, `${postcode} is in the hub's area`);
  let best: { km: number; id: string } | null = null;
  for (const location of s.locations) {
    const point =
      location.latitude !== undefined && location.longitude !== undefined
        ? { latitude: location.latitude, longitude: location.longitude }
        : locate(location.address.postcode);
    if (!point) continue;
    const km = distanceKm(origin, point);
    if (!best || km < best.km) best = { km, id: location.id };
  }
  return best;
}

forEachEngine((engine) => {
  describe('directory', () => {
    let hub: TestHub;

    before(async () => {
      hub = await engine.testHub();
      await hub.hub.store.upsertService(defunct, hub.hub.now());
    });
    after(async () => {
      await hub.close();
    });

    async function browseAll(query: string, limit: number): Promise<{ pages: Service[][] }> {
      const pages: Service[][] = [];
      let cursor: string | null = null;
      do {
        const path = `/v1/services?limit=${limit}${query ? `&${query}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const answer: Answer<Page<Service>> = await hub.request('GET', path);
        assert.equal(answer.status, 200, answer.text);
        assert.ok(answer.body.data.length <= limit);
        pages.push(answer.body.data);
        cursor = answer.body.nextCursor;
        assert.ok(pages.length <= 100, 'pagination ends');
      } while (cursor);
      return { pages };
    }

    async function searchAll(body: Record<string, unknown>, limit: number): Promise<ServiceSearchResult[]> {
      const results: ServiceSearchResult[] = [];
      let cursor: string | null = null;
      do {
        const answer: Answer<Page<ServiceSearchResult>> = await hub.request('POST', '/v1/services/search', {
          body: { ...body, limit, ...(cursor ? { cursor } : {}) },
        });
        assert.equal(answer.status, 200, answer.text);
        assert.ok(answer.body.data.length <= limit);
        results.push(...answer.body.data);
        cursor = answer.body.nextCursor;
        assert.ok(results.length <= 1000, 'pagination ends');
      } while (cursor);
      return results;
    }

    describe('GET /v1/services', () => {
      it('pages through every service once, with limit and nextCursor, leaving out defunct ones', async () => {
        const { pages } = await browseAll('', 7);
        const ids = pages.flat().map((s) => s.id);
        assert.equal(pages.length, Math.ceil(shown.length / 7));
        assert.ok(
          pages.slice(0, -1).every((p) => p.length === 7),
          'every page but the last is full',
        );
        assert.equal(new Set(ids).size, ids.length, 'no service twice');
        assert.deepEqual([...ids].sort(), shown.map((s) => s.id).sort());
        assert.ok(!ids.includes(defunct.id));
        const names = pages.flat().map((s) => s.name);
        assert.deepEqual(
          names,
          [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
          'in name order',
        );
      });

      it('finds by words (q), by need, and by both; never a defunct service', async () => {
        for (const q of ['food', 'money advice', 'Bury carers']) {
          const { pages } = await browseAll(`q=${encodeURIComponent(q)}`, 100);
          const found = pages.flat().map((s) => s.id);
          const expected = shown.filter((s) => matchesWords(s, q)).map((s) => s.id);
          assert.ok(expected.length > 0, `the demo directory has something for "${q}"`);
          assert.deepEqual([...found].sort(), [...expected].sort(), `q=${q}`);
        }
        const food = (await browseAll('need=food', 5)).pages.flat();
        assert.deepEqual(
          food.map((s) => s.id).sort(),
          shown
            .filter((s) => s.needs.includes('food'))
            .map((s) => s.id)
            .sort(),
        );
        assert.ok(!food.some((s) => s.id === defunct.id), 'the defunct food bank matches but is not shown');
        const both = (await browseAll('q=advice&need=benefits', 100)).pages.flat();
        const expected = shown.filter((s) => s.needs.includes('benefits') && matchesWords(s, 'advice'));
        assert.ok(expected.length > 0);
        assert.deepEqual(both.map((s) => s.id).sort(), expected.map((s) => s.id).sort());
        const none = await hub.request<Page<Service>>('GET', '/v1/services?q=xylophone');
        assert.deepEqual(none.body, { data: [], nextCursor: null });
      });

      it('finds the food banks however a person writes "food bank": one word, two, plural', async () => {
        // Holloway's description says "food bank", Radcliffe's says "foodbank"; the closed one is hidden.
        const expected = shown
          .filter((s) => /food ?bank/iu.test(s.description))
          .map((s) => s.id)
          .sort();
        assert.equal(expected.length, 2);
        for (const q of ['food bank', 'foodbank', 'food banks', 'Foodbanks']) {
          const found = (await browseAll(`q=${encodeURIComponent(q)}`, 100)).pages.flat().map((s) => s.id);
          assert.deepEqual([...found].sort(), expected, `q=${q}`);
          const searched = await searchAll({ q, postcode: 'N7 6QX' }, 100);
          assert.deepEqual(searched.map((r) => r.service.id).sort(), expected, `search q=${q}`);
        }
      });

      it('retrieves one service, and answers 404 for one it does not have', async () => {
        const wanted = demoDirectory[5];
        assert.ok(wanted);
        const one = await hub.request<Service>('GET', `/v1/services/${wanted.id}`);
        assert.equal(one.status, 200);
        assert.deepEqual(one.body, JSON.parse(JSON.stringify(wanted)));
        const missing = await hub.request<Problem>(
          'GET',
          '/v1/services/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
        );
        assert.equal(missing.status, 404);
        assert.equal(missing.body.code, 'not_found');
        assert.equal((await hub.request('GET', '/v1/services/not-an-id')).status, 404);
      });
    });

    describe('POST /v1/services/search', () => {
      const postcode = councillorDebtAndFood.resident.address.postcode;

      it('puts services for the person’s area first, nearest first, with distances as the schema’s geo functions give them', async () => {
        const results = await searchAll({ postcode }, 10);
        assert.equal(results.length, shown.length);
        assert.equal(
          new Set(results.map((r) => r.service.id)).size,
          results.length,
          'no service twice across pages',
        );
        assert.ok(!results.some((r) => r.service.id === defunct.id));
        const area = locate(postcode)?.area;
        assert.ok(area);
        // Two groups: services for the area, then the rest.
        const serves = results.map((r) => r.service.areas.includes(area));
        const firstOther = serves.indexOf(false);
        assert.ok(firstOther > 0, 'some services are for the area, some are not');
        assert.ok(
          serves.slice(firstOther).every((s) => !s),
          'every service for the area comes before every other',
        );
        // In each group: by distance, services without a place after those with one.
        for (const group of [results.slice(0, firstOther), results.slice(firstOther)]) {
          const located = group.filter((r) => r.distanceKm !== null);
          const firstNull = group.findIndex((r) => r.distanceKm === null);
          if (firstNull !== -1)
            assert.equal(located.length, firstNull, 'without a place after those with one');
          for (let i = 1; i < located.length; i += 1) {
            assert.ok(
              (located[i]?.distanceKm ?? -1) >= (located[i - 1]?.distanceKm ?? Infinity),
              `non-decreasing at ${i}`,
            );
          }
        }
        for (const r of results) {
          const expected = expectedDistance(postcode, r.service);
          if (expected === null) {
            assert.equal(r.distanceKm, null, r.service.name);
            assert.equal(r.nearestLocationId, null);
            assert.equal(r.service.locations.length, 0, `${r.service.name} has no location at all`);
          } else {
            assert.ok(
              Math.abs((r.distanceKm ?? NaN) - expected.km) < 0.006,
              `${r.service.name}: ${r.distanceKm} ≈ ${expected.km}`,
            );
            assert.equal(r.nearestLocationId, expected.id);
          }
        }
        // The nearest is in Islington, the farthest with a location in Bury.
        const located = results.filter((r) => r.distanceKm !== null);
        assert.ok(located[0]?.service.areas.includes('Islington'));
        assert.ok(
          results
            .filter((r) => r.distanceKm !== null)
            .at(-1)
            ?.service.areas.includes('Bury'),
        );
      });

      it('puts a Bury phone line before a London building for someone in Bury', async () => {
        const results = await searchAll({ postcode: 'BL9 0EU' }, 100);
        const remoteInBury = results.findIndex(
          (r) => r.service.locations.length === 0 && r.service.areas.includes('Bury'),
        );
        const firstLondon = results.findIndex(
          (r) => r.service.areas.includes('Islington') && r.service.locations.length > 0,
        );
        assert.ok(remoteInBury !== -1 && firstLondon !== -1);
        assert.ok(remoteInBury < firstLondon);
      });

      it('keeps only services within radiusKm of the postcode, and those without a place that serve its area', async () => {
        const area = locate(postcode)?.area ?? '';
        const results = await searchAll({ postcode, radiusKm: 3, need: 'money_debt' }, 100);
        const expected = shown
          .filter((s) => s.needs.includes('money_debt'))
          .filter((s) => {
            const d = expectedDistance(postcode, s);
            return d === null
              ? s.locations.length === 0 && s.areas.includes(area)
              : Math.round(d.km * 100) / 100 <= 3;
          });
        assert.ok(expected.length > 0, 'something is within 3 km');
        assert.ok(
          expected.length < shown.filter((s) => s.needs.includes('money_debt')).length,
          'and something is not',
        );
        assert.deepEqual(results.map((r) => r.service.id).sort(), expected.map((s) => s.id).sort());
        assert.ok(
          results.every((r) => (r.distanceKm === null ? r.service.areas.includes(area) : r.distanceKm <= 3)),
        );
      });

      it('without a postcode, gives the same services as browsing, with no distances', async () => {
        const results = await searchAll({ q: 'food' }, 100);
        assert.deepEqual(
          results.map((r) => r.service.id).sort(),
          shown
            .filter((s) => matchesWords(s, 'food'))
            .map((s) => s.id)
            .sort(),
        );
        assert.ok(results.every((r) => r.distanceKm === null && r.nearestLocationId === null));
      });

      it('answers a real postcode it cannot place (ZE1 0AA) with an ordinary page that says distance was not used', async () => {
        const without = await hub.request('POST', '/v1/services/search', { body: { q: 'food', limit: 100 } });
        assert.equal(without.body.distances, 'no_postcode');
        for (const body of [
          { q: 'food', postcode: 'ZE1 0AA', limit: 100 },
          { q: 'food', postcode: 'SW1A 2AA', radiusKm: 1, limit: 100 },
        ]) {
          const answer = await hub.request('POST', '/v1/services/search', { body });
          assert.equal(answer.status, 200, answer.text);
          assert.equal(answer.body.distances, 'postcode_not_found');
          // The page as without a postcode: no distances, no radius applied.
          assert.deepEqual(answer.body.data, without.body.data);
          for (const piece of ['ZE1', '0AA', 'SW1A', '2AA'])
            assert.ok(!answer.text.includes(piece), `no "${piece}" in the answer`);
        }
        const near = await hub.request('POST', '/v1/services/search', { body: { postcode: 'N7 6QX' } });
        assert.equal(near.body.distances, 'from_postcode');
      });

      it('answers 422 invalid for something that is not a postcode, and 422 for a radius without a postcode', async () => {
        const malformed = await hub.request<Problem>('POST', '/v1/services/search', {
          body: { postcode: 'QQ9 ZZZ9' },
        });
        assert.equal(malformed.status, 422);
        assert.equal(malformed.body.code, 'validation_failed');
        assert.deepEqual(
          malformed.body.errors?.map((e) => [e.path, e.code]),
          [['/postcode', 'invalid']],
        );
        assert.ok(!malformed.text.includes('ZZZ9'));

        const radius = await hub.request<Problem>('POST', '/v1/services/search', { body: { radiusKm: 5 } });
        assert.equal(radius.status, 422);
        assert.equal(radius.body.code, 'validation_failed');
        assert.equal(radius.body.errors?.[0]?.path, '/postcode');
      });
    });

    describe('keys and origins', () => {
      it('lets a publishable key read the directory from its registered origin, and from no other', async () => {
        const requests = [
          ['GET', '/v1/services?limit=3', undefined],
          ['POST', '/v1/services/search', { postcode: 'NW10 4HG', limit: 3 }],
          ['GET', `/v1/services/${serviceIds.harlesdenWalks}`, undefined],
        ] as const;
        for (const [method, path, body] of requests) {
          const ok = await hub.request(method, path, {
            key: 'publishable',
            body,
            headers: { Origin: ORIGIN },
          });
          assert.equal(ok.status, 200, `${method} ${path}: ${ok.text}`);
          assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN);

          const elsewhere = await hub.request<Problem>(method, path, {
            key: 'publishable',
            body,
            headers: { Origin: 'https://evil.example.net' },
          });
          assert.equal(elsewhere.status, 403, `${method} ${path} from another origin`);
          assert.equal(elsewhere.body.code, 'origin_not_allowed');
          assert.equal(elsewhere.headers.get('access-control-allow-origin'), null);

          // A key registered for another site may not be used from this one either.
          const other = await hub.request<Problem>(method, path, {
            key: 'otherPublishable',
            body,
            headers: { Origin: ORIGIN },
          });
          assert.equal(other.status, 403);
          assert.equal(other.body.code, 'origin_not_allowed');
        }
      });

      it('never takes a postcode in a URL, and never writes one to its logs', async () => {
        assert.equal(routes.searchServices.method, 'POST');
        const spec = await hub.request<{
          paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
        }>('GET', '/v1/openapi.json');
        assert.equal(spec.status, 200);
        const parameters = Object.values(spec.body.paths).flatMap((operations) =>
          Object.values(operations).flatMap((op) => op.parameters ?? []),
        );
        assert.ok(parameters.length > 0, 'the document lists parameters');
        assert.ok(
          !parameters.some((p) => /postcode/i.test(p.name)),
          'no query or path parameter is a postcode',
        );

        const inQuery = await hub.request<Problem>(
          'GET',
          `/v1/services?postcode=${encodeURIComponent('N7 6QX')}`,
        );
        assert.equal(inQuery.status, 400, 'a postcode in the query string is refused');
        assert.equal(inQuery.body.errors?.[0]?.path, '/postcode');
        assert.ok(!inQuery.text.includes('6QX'));

        const postcodes = ['N7 6QX', 'IG11 9QP', 'BL9 6ST', 'SW1A 2AA', 'QQ9 ZZZ9'];
        for (const postcode of postcodes)
          await hub.request('POST', '/v1/services/search', { body: { postcode, radiusKm: 10 } });
        await hub.request('POST', '/v1/services/search', {
          key: 'publishable',
          body: { postcode: 'N1 9EZ' },
          headers: { Origin: 'https://evil.example.net' },
        });
        assert.ok(
          hub.logs.some((line) => line.includes('/v1/services/search')),
          'searches are logged',
        );
        for (const postcode of [...postcodes, 'N1 9EZ']) {
          for (const form of [
            postcode,
            postcode.replace(' ', ''),
            encodeURIComponent(postcode),
            postcode.replace(' ', '+'),
          ]) {
            for (const line of hub.logs)
              assert.ok(!line.toUpperCase().includes(form), `no "${form}" in ${line}`);
          }
        }
      });
    });
  });
});
