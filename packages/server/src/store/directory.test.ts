/**
 * The indexed directory (store/directory.ts) against the rules it indexes: for many services and
 * many searches, every page the store builds in SQL is the page @hubkit/schema's rules give when
 * they read every service in JavaScript (`wordMatchScore`, `searchDirectory`), as the mocks do.
 */
import { directorySearch } from '@hubkit/hub';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, it } from 'node:test';
import { searchWords, wordMatchScore, type NeedCode, type Service } from '@hubkit/schema';
import { generatedDirectory as directory, POSTCODES, QUERIES } from '../testing/directory.ts';
import { WORD_INDEXES } from './directory.ts';
import { SqliteStore } from './sqlite.ts';

/** What the hub answered before the index: every service read, matched and ranked in JavaScript. */
function reference(services: readonly Service[], filter: { q?: string; need?: NeedCode }): Service[] {
  const sorted = [...services]
    .filter((s) => !filter.need || s.needs.includes(filter.need))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  if (!filter.q || searchWords(filter.q).length === 0) return sorted;
  const q = filter.q;
  return sorted
    .map((service, i) => ({ service, i, score: wordMatchScore(service, q) }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((m) => m.service);
}

/** Every search of a matrix (words, postcodes, radii, need, pages) against `searchDirectory` over `services`. */
async function searchesAsRanked(store: SqliteStore, services: readonly Service[]): Promise<void> {
  for (const q of [...QUERIES.slice(0, 8), 'debt advice', 'zzz', 'food bank food banks'])
    for (const postcode of [undefined, ...POSTCODES, 'N1', 'TR1 1AA'])
      for (const radiusKm of postcode ? [undefined, 3, 40] : [undefined])
        for (const need of [undefined, 'food'] as const) {
          const search = { q, need, postcode, radiusKm };
          const expected = directorySearch(
            reference(services, { ...(q ? { q } : {}), ...(need ? { need } : {}) }),
            search,
          );
          for (const offset of [0, 13, 60]) {
            const got = await store.searchServices(search, { offset, limit: 25 });
            assert.equal(got.distances, expected.distances);
            assert.deepEqual(
              got.results.map((r) => [r.service.id, r.distanceKm, r.nearestLocationId]),
              expected.results
                .slice(offset, offset + 25)
                .map((r) => [r.service.id, r.distanceKm, r.nearestLocationId]),
              JSON.stringify({ ...search, offset }),
            );
          }
        }
}

describe('the indexed directory', () => {
  const services = directory(400);
  let store: SqliteStore;
  before(async () => {
    store = new SqliteStore(':memory:');
    for (const service of services) await store.upsertService(service, '2026-01-01T00:00:00Z');
  });
  after(() => store.close());

  it('lists and counts as the schema matches words and needs, page by page', async () => {
    assert.ok(reference(services, { q: 'food bank food banks' }).length > 20, 'a long query that matches');
    for (const q of QUERIES)
      for (const need of [undefined, 'food', 'money_debt'] as const) {
        const expected = reference(services, { ...(q ? { q } : {}), ...(need ? { need } : {}) }).filter(
          (s) => s.status !== 'defunct',
        );
        for (const offset of [0, 7, 40]) {
          const page = await store.listServices({ q, need }, { offset, limit: 21 });
          assert.deepEqual(
            page.map((s) => s.id),
            expected.slice(offset, offset + 21).map((s) => s.id),
            `q=${q} need=${need} offset=${offset}`,
          );
        }
        assert.equal(await store.countMatchingServices({ q, need }), expected.length);
        const page = await store.pageServices({ q, need }, { offset: 5, limit: 10 });
        assert.deepEqual(
          [page.services.map((s) => s.id), page.total],
          [expected.slice(5, 15).map((s) => s.id), expected.length],
        );
      }
  });

  it('searches by where the person is as searchDirectory ranks, with the same distances', async () => {
    // Words and a postcode: one word, runs, no match, a long query; pages past the area's matches.
    await searchesAsRanked(store, services);
  });

  it('searches a directory small enough to measure whole as searchDirectory ranks', async () => {
    const few = services.slice(0, 150);
    const small = new SqliteStore(':memory:');
    try {
      await small.upsertServices(few, '2026-01-01T00:00:00Z');
      await searchesAsRanked(small, few);
    } finally {
      await small.close();
    }
  });

  it('keeps its indexes right when a service changes or closes', async () => {
    const original = services.at(3);
    assert.ok(original);
    const changed = {
      ...original,
      name: 'Quokka Quilting Circle',
      status: 'active' as const,
    };
    await store.upsertService(changed, '2026-01-02T00:00:00Z');
    assert.deepEqual(
      (await store.listServices({ q: 'quokka quilt' }, { offset: 0, limit: 5 })).map((s) => s.id),
      [changed.id],
    );
    await store.upsertService({ ...changed, status: 'defunct' }, '2026-01-03T00:00:00Z');
    assert.deepEqual(await store.listServices({ q: 'quokka' }, { offset: 0, limit: 5 }), []);
    await store.upsertService(original, '2026-01-04T00:00:00Z');
    assert.deepEqual(await store.listServices({ q: 'quokka' }, { offset: 0, limit: 5 }), []);
  });

  it('keeps its area words right when a service changes its name or its areas', async () => {
    const [first, second] = services;
    assert.ok(first && second);
    const named = (service: Service, areas: string[]): Service => ({
      ...service,
      name: 'Quokka Quilting Circle',
      status: 'active',
      areas,
    });
    const searches = ['N7 6PA', 'NW10 4AB', 'IG11 7QJ'].flatMap((postcode) =>
      ['quokka', 'quilting circle'].map((q) => ({ q, postcode })),
    );
    /** Every search against searchDirectory's ranking over the services as they now are. */
    const check = async (now: Service[]) => {
      for (const search of searches) {
        const expected = directorySearch(
          reference(
            now.filter((s) => s.status !== 'defunct'),
            { q: search.q },
          ),
          search,
        );
        const got = await store.searchServices(search, { offset: 0, limit: 10 });
        assert.deepEqual(
          got.results.map((r) => r.service.id),
          expected.results.slice(0, 10).map((r) => r.service.id),
          JSON.stringify(search),
        );
      }
    };
    const withBoth = (a: Service, b: Service) =>
      services.map((s) => (s.id === a.id ? a : s.id === b.id ? b : s));
    let a = named(first, ['Islington']);
    let b = named(second, ['Brent', 'Barking and Dagenham']);
    await store.upsertServices([a, b], '2026-01-09T00:00:00Z');
    await check(withBoth(a, b));
    // Moved: Islington no more, Brent now; the other renamed away from the words.
    a = { ...a, areas: ['Brent'] };
    b = { ...b, name: 'Wombat Weaving' };
    await store.upsertServices([a, b], '2026-01-10T00:00:00Z');
    await check(withBoth(a, b));
    assert.equal(
      (await store.searchServices({ q: 'quokka', postcode: 'NW10 4AB' }, { offset: 0, limit: 1 })).results[0]
        ?.service.id,
      a.id,
    );
    await store.upsertServices([first, second], '2026-01-11T00:00:00Z');
    await check(services);
  });

  it('answers the same once its word indexes are merged, which leaves fewer pieces to read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hubkit-directory-'));
    const path = join(dir, 'hub.db');
    const fresh = new SqliteStore(path);
    /** Rows of each word index's pieces (its segments' pages), as the file holds them. */
    const pieces = () => {
      const raw = new DatabaseSync(path, { readOnly: true });
      try {
        return Object.fromEntries(
          WORD_INDEXES.map((table) => [
            table,
            Number(raw.prepare(`SELECT COUNT(*) AS n FROM ${table}_data`).get()?.n),
          ]),
        );
      } finally {
        raw.close();
      }
    };
    try {
      // A service at a time: a piece of each index for each.
      for (const service of services.slice(0, 60)) await fresh.upsertService(service, '2026-01-01T00:00:00Z');
      const searches = [
        { q: 'food bank', postcode: 'N7 6PA' },
        { q: 'advice', postcode: 'NW10 4AB' },
        { q: 'families' },
      ];
      const answers = async () =>
        Promise.all(
          searches.map(async (search) =>
            (await fresh.searchServices(search, { offset: 0, limit: 30 })).results.map((r) => r.service.id),
          ),
        );
      const before = await answers();
      assert.ok(before.every((ids) => ids.length > 0));
      const unmerged = pieces();
      await fresh.optimizeDirectory();
      const merged = pieces();
      assert.deepEqual(await answers(), before);
      for (const [table, rows] of Object.entries(merged))
        assert.ok(rows < (unmerged[table] ?? 0), `${table}: ${rows} rows, ${unmerged[table]} before`);
    } finally {
      await fresh.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts again once a service changes', async () => {
    const original = services.at(5);
    assert.ok(original);
    assert.equal(await store.countMatchingServices({ q: 'wombat' }), 0);
    assert.equal(await store.countMatchingServices({ q: 'wombat' }), 0);
    const renamed = { ...original, name: 'Wombat Warren', status: 'active' as const };
    await store.upsertService(renamed, '2026-01-06T00:00:00Z');
    assert.equal(await store.countMatchingServices({ q: 'wombat' }), 1);
    assert.equal((await store.pageServices({ q: 'wombat' }, { offset: 0, limit: 5 })).total, 1);
    await store.upsertService({ ...renamed, status: 'defunct' }, '2026-01-07T00:00:00Z');
    assert.equal(await store.countMatchingServices({ q: 'wombat' }), 0);
    await store.upsertService(original, '2026-01-08T00:00:00Z');
  });

  it('orders a list with words again once a service changes', async () => {
    const [first, second] = [services.at(6), services.at(7)];
    assert.ok(first && second);
    const names = async (q: string, offset = 0, limit = 5) =>
      (await store.listServices({ q }, { offset, limit })).map((service) => service.name);
    assert.deepEqual(await names('quokka'), []);
    assert.deepEqual(await names('quokka'), []);
    const corner = { ...first, name: 'Quokka Corner', status: 'active' as const };
    await store.upsertService(corner, '2026-01-06T00:00:00Z');
    assert.deepEqual(await names('quokka'), ['Quokka Corner']);
    await store.upsertService({ ...second, name: 'Quokka Hall', status: 'active' }, '2026-01-06T00:00:00Z');
    // The first page filled by names alone; then a page further on.
    assert.deepEqual(await names('quokka', 0, 1), ['Quokka Corner']);
    assert.deepEqual(await names('quokka', 1, 5), ['Quokka Hall']);
    assert.deepEqual(await names('quokka', 2, 5), []);
    await store.upsertService({ ...corner, status: 'defunct' }, '2026-01-07T00:00:00Z');
    assert.deepEqual(await names('quokka', 0, 1), ['Quokka Hall']);
    assert.deepEqual(await names('quokka'), ['Quokka Hall']);
    await store.upsertService(first, '2026-01-08T00:00:00Z');
    await store.upsertService(second, '2026-01-08T00:00:00Z');
  });

  it('answers a page again with the same frozen services while their text stands, and reads a changed one', async () => {
    const read = async () => (await store.listServices({ q: 'debt advice' }, { offset: 0, limit: 5 }))[0];
    const first = await read();
    assert.ok(first);
    // Not parsed again: the same object, which nothing may change.
    assert.equal(await read(), first);
    assert.ok(Object.isFrozen(first) && Object.isFrozen(first.locations[0]));
    assert.throws(() => {
      (first as { name: string }).name = 'Changed';
    }, TypeError);
    // Changed in the store (the order is the same): read again, as stored.
    const description = `${first.description} Open late on Thursdays.`;
    await store.upsertService({ ...first, description }, '2026-01-05T00:00:00Z');
    const again = await read();
    assert.ok(again);
    assert.equal(again.id, first.id);
    assert.equal(again.description, description);
    assert.notEqual(again, first);
  });
});
