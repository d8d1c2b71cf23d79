/**
 * The directory in the mock hub: browsing by words and need, searching by where a person is
 * (ranked by the schema's `searchDirectory`, as at the hub), and reading one service.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Service, type ServiceSearchResult } from '@hubkit/schema';
import { searchDirectory } from '@hubkit/hub';
import { demoDirectory, homesAndMoneyHub } from '@hubkit/schema/fixtures';
import { make } from './index.ts';
import { useMockHub } from './testing/harness.ts';

const closed = make.service({
  name: 'Quixotic Closed Larder (fictional)',
  status: 'defunct',
  needs: ['food'],
});
const { call } = useMockHub({ services: [...demoDirectory, closed] });

interface Page<T> {
  data: T[];
  nextCursor: string | null;
}
const byName = (a: Service, b: Service) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1;

async function all<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe('browsing', () => {
  it('finds the food banks however a person writes "food bank": one word, two, plural', async () => {
    // Holloway's description says "food bank", Radcliffe's says "foodbank"; the hub matches alike.
    const expected = demoDirectory
      .filter((s) => /food ?bank/iu.test(s.description))
      .map((s) => s.id)
      .sort();
    assert.equal(expected.length, 2);
    for (const q of ['food bank', 'foodbank', 'food banks', 'Foodbanks']) {
      const listed = await call<Page<Service>>('GET', `/v1/services?q=${encodeURIComponent(q)}&limit=100`);
      assert.deepEqual(listed.body.data.map((s) => s.id).sort(), expected, `q=${q}`);
      const searched = await call<Page<ServiceSearchResult>>('POST', '/v1/services/search', {
        body: { q, postcode: 'N7 6QX', limit: 100 },
      });
      assert.deepEqual(searched.body.data.map((r) => r.service.id).sort(), expected, `search q=${q}`);
    }
  });

  it('lists every current service by name, page by page, leaving out defunct ones', async () => {
    const services = await all(
      async (cursor) =>
        (await call<Page<Service>>('GET', `/v1/services?limit=10${cursor ? `&cursor=${cursor}` : ''}`)).body,
    );
    assert.deepEqual(
      services.map((s) => s.id),
      [...demoDirectory].sort(byName).map((s) => s.id),
    );
  });

  it('finds by need, and by words that each start a word of the name, description, organisation, terms or areas', async () => {
    const food = await call<Page<Service>>('GET', '/v1/services?need=food&limit=100');
    assert.deepEqual(
      food.body.data.map((s) => s.id),
      demoDirectory
        .filter((s) => s.needs.includes('food'))
        .sort(byName)
        .map((s) => s.id),
    );
    const names = async (q: string) =>
      (await call<Page<Service>>('GET', `/v1/services?q=${encodeURIComponent(q)}&limit=100`)).body.data.map(
        (s) => s.name,
      );
    assert.deepEqual(await names('homes money'), ['Homes and Money Advice (fictional)']);
    assert.ok((await names('HOM MON')).includes('Homes and Money Advice (fictional)'), 'prefixes, any case');
    assert.ok(
      (await names('riverside')).includes('Homes and Money Advice (fictional)'),
      'the organisation’s name',
    );
    const bury = await names('bury');
    assert.equal(
      bury.length,
      demoDirectory.filter((s) => s.areas.includes('Bury')).length,
      'areas are words too',
    );
    assert.deepEqual(await names('homes zebra'), [], 'every word must match');
    assert.deepEqual(await names('quixotic'), [], 'defunct services are left out');
  });

  it('reads one service, even a defunct one, and 404s for an unknown id', async () => {
    const one = await call<Service>('GET', `/v1/services/${homesAndMoneyHub.id}`);
    assert.deepEqual(one.body, homesAndMoneyHub);
    assert.equal((await call('GET', `/v1/services/${closed.id}`)).body.status, 'defunct');
    assert.equal((await call('GET', `/v1/services/${crypto.randomUUID()}`)).status, 404);
  });
});

describe('searching by postcode', () => {
  const search = async (body: Record<string, unknown>) =>
    all(async (cursor) => {
      const answer = await call<Page<ServiceSearchResult>>('POST', '/v1/services/search', {
        body: { ...body, limit: 7, ...(cursor ? { cursor } : {}) },
      });
      assert.equal(answer.status, 200, answer.text);
      return answer.body;
    });

  it('ranks exactly as searchDirectory does: the person’s area first, nearest first, with distances', async () => {
    for (const where of [
      { postcode: 'N7 6QX' },
      { postcode: 'IG11 9QP', need: 'housing' },
      { postcode: 'BL9 6ST', radiusKm: 3 },
    ]) {
      const { need, ...place } = where as {
        postcode: string;
        need?: Service['needs'][number];
        radiusKm?: number;
      };
      const candidates = [...demoDirectory, closed]
        .filter((s) => !need || s.needs.includes(need))
        .sort(byName);
      const expected = searchDirectory(candidates, place);
      assert.ok(expected.ok);
      const results = await search(where);
      assert.deepEqual(results, expected.results, JSON.stringify(where));
      assert.ok(results.length > 0);
    }
  });

  it('puts services for the person’s area first and the nearest of them first', async () => {
    const results = await search({ postcode: 'N7 6QX' });
    const islington = results.filter((r) => r.service.areas.includes('Islington'));
    assert.deepEqual(results.slice(0, islington.length), islington);
    const located = islington.filter((r) => r.distanceKm !== null).map((r) => r.distanceKm ?? 0);
    assert.deepEqual(
      located,
      [...located].sort((a, b) => a - b),
    );
    assert.ok(!results.some((r) => r.service.status === 'defunct'));
  });

  it('keeps the order without a postcode or with one it cannot place, and refuses a radius without one', async () => {
    const plain = await search({ need: 'caring' });
    assert.ok(plain.every((r) => r.distanceKm === null && r.nearestLocationId === null));
    const radius = await call('POST', '/v1/services/search', { body: { radiusKm: 3 } });
    assert.equal(radius.status, 422);
    assert.deepEqual(radius.body.errors, [
      { path: '/postcode', code: 'required', message: 'Enter a postcode to search within a distance' },
    ]);
    // A real postcode it cannot place: the page as without one, saying distance was not used.
    const outside = await call('POST', '/v1/services/search', {
      body: { postcode: 'ZE1 0AA', need: 'caring' },
    });
    assert.equal(outside.status, 200);
    assert.equal(outside.body.distances, 'postcode_not_found');
    assert.deepEqual(
      outside.body.data.map((r: { service: { id: string } }) => r.service.id),
      plain.map((r) => r.service.id).slice(0, outside.body.data.length),
    );
    const nonsense = await call('POST', '/v1/services/search', { body: { postcode: 'nonsense' } });
    assert.equal(nonsense.status, 422);
    assert.equal(nonsense.body.errors[0].path, '/postcode');
  });

  it('may be used with a publishable key', async () => {
    const answer = await call('POST', '/v1/services/search', {
      key: 'pk_test_hubkitMockPublishable0001',
      body: { postcode: 'NW10 4HG' },
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.data[0].service.areas.includes('Brent'), true);
  });
});
