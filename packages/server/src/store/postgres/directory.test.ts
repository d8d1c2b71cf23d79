/**
 * The PostgreSQL directory against the SQLite one, which is tested against the schema's rules
 * (store/directory.test.ts): both filled with the same generated directory, every list, count,
 * page and search answers the same services in the same order, with the same distances and
 * totals, so the contract suite can run on either.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OffsetPage, ServiceFilter, ServiceSearch } from '@hubkit/hub';
import type { Service } from '@hubkit/schema';
import { postgresForTests } from '../../testing/postgres.ts';
import { generatedDirectory, POSTCODES, QUERIES } from '../../testing/directory.ts';
import { SqliteStore } from '../sqlite.ts';
import { PgDb } from './db.ts';
import { PostgresDirectory } from './directory.ts';
import { migratePostgres, postgresMigrations } from './migrations.ts';

const AT = '2026-12-03T09:00:00.000Z';

/** Whole postcodes imported with their own points (one of them in a district the hub knows). */
const IMPORTED = [
  { postcode: 'N1 1AA', latitude: 51.5362, longitude: -0.0972 },
  { postcode: 'NW10 4AB', latitude: 51.5449, longitude: -0.2441 },
  { postcode: 'CF10 1AA', latitude: 51.4816, longitude: -3.1791 },
];

/** A page's services as their ids (what must be equal, in order). */
const ids = (services: readonly Service[]) => services.map((s) => s.id);

describe('PostgreSQL store: the directory, answering as the SQLite directory does', () => {
  const { skip, cluster } = postgresForTests();
  const opened: PgDb[] = [];
  const sqlites: SqliteStore[] = [];
  after(async () => {
    await Promise.all(opened.map((db) => db.close()));
    await Promise.all(sqlites.map((store) => store.close()));
  });

  /** The same directory in SQLite and in a fresh PostgreSQL database, written in batches as an import does. */
  async function both(services: readonly Service[]) {
    const database = await cluster().createDatabase();
    await migratePostgres(database.config);
    const db = new PgDb(database.config, 2);
    opened.push(db);
    const pg = new PostgresDirectory(db);
    const sqlite = new SqliteStore(':memory:');
    sqlites.push(sqlite);
    for (let i = 0; i < services.length; i += 150) {
      await pg.upsertServices(services.slice(i, i + 150), AT);
      await sqlite.upsertServices(services.slice(i, i + 150), AT);
    }
    await pg.upsertPostcodes(IMPORTED);
    await sqlite.upsertPostcodes(IMPORTED);
    await pg.optimizeDirectory();
    await sqlite.optimizeDirectory();
    return { pg, sqlite };
  }

  const services = generatedDirectory(400);
  let big: Awaited<ReturnType<typeof both>> | undefined;
  before(async () => {
    if (skip === false) big = await both(services);
  });
  const stores = () => big ?? assert.fail('the directories were not filled');

  /** Filters over words, needs, an organisation and a taxonomy term, alone and together. */
  function filters(): ServiceFilter[] {
    const first = services.find((s) => s.taxonomyTerms.length > 0);
    assert.ok(first);
    const term = {
      taxonomy: first.taxonomyTerms[0]?.taxonomy ?? '',
      code: first.taxonomyTerms[0]?.code ?? '',
    };
    const organisationId = first.organisation.id;
    return [
      ...QUERIES.flatMap((q) => [{ q }, { q, need: 'food' as const }]),
      { need: 'money_debt' },
      { term },
      { q: 'advice', term },
      { organisationId },
      { q: 'food', organisationId, need: 'food' },
      { term: { taxonomy: 'hubkit-demo', code: 'no.such.code' } },
    ];
  }

  it('lists, pages and counts the same services in the same order, past the end too', { skip }, async () => {
    const { pg, sqlite } = stores();
    assert.equal(await pg.countServices(), await sqlite.countServices());
    assert.equal(await pg.countServices(), services.length);
    assert.equal(await pg.countPostcodes(), IMPORTED.length);
    let nonEmpty = 0;
    for (const filter of filters()) {
      const label = JSON.stringify(filter);
      const total = await sqlite.countMatchingServices(filter);
      if (total > 0) nonEmpty += 1;
      assert.equal(await pg.countMatchingServices(filter), total, label);
      assert.deepEqual(ids(await pg.findServices(filter)), ids(await sqlite.findServices(filter)), label);
      for (const page of [
        { offset: 0, limit: 25 },
        { offset: 7, limit: 21 },
        { offset: total - 3, limit: 10 },
        { offset: total + 5, limit: 10 },
      ].filter((p) => p.offset >= 0) satisfies OffsetPage[]) {
        assert.deepEqual(
          ids(await pg.listServices(filter, page)),
          ids(await sqlite.listServices(filter, page)),
          `${label} ${JSON.stringify(page)}`,
        );
        const [a, b] = [await pg.pageServices(filter, page), await sqlite.pageServices(filter, page)];
        assert.deepEqual(
          [ids(a.services), a.total],
          [ids(b.services), b.total],
          `${label} ${JSON.stringify(page)}`,
        );
      }
    }
    // The matrix is not mostly empty answers.
    assert.ok(nonEmpty > filters().length / 2, `${nonEmpty} filters with matches`);
    assert.equal(await pg.countMatchingServices({ q: 'zzz' }), 0);
    assert.deepEqual(await pg.listServices({ q: 'zzz' }, { offset: 0, limit: 10 }), []);
    const one = services[0];
    assert.ok(one);
    assert.deepEqual(await pg.getService(one.id), await sqlite.getService(one.id));
    assert.equal(await pg.getService('no-such-service'), null);
  });

  /** Every search of a matrix (words, postcodes, radii, need, pages) on both stores. */
  async function searchesAlike(pg: PostgresDirectory, sqlite: SqliteStore) {
    let located = 0;
    for (const q of [
      undefined,
      'food',
      'foodbank',
      'food bank',
      'families',
      'debt advice',
      'zzz',
      'food bank food banks',
    ])
      for (const postcode of [undefined, ...POSTCODES, 'N1', 'TR1 1AA', 'CF10 1AA', 'not a postcode'])
        for (const radiusKm of postcode ? [undefined, 3, 40] : [undefined])
          for (const need of [undefined, 'food'] as const) {
            const search: ServiceSearch = { q, need, postcode, radiusKm };
            for (const page of [
              { offset: 0, limit: 25 },
              { offset: 13, limit: 25 },
              { offset: 60, limit: 25 },
              { offset: 500, limit: 5 },
            ]) {
              const [a, b] = [
                await pg.searchServices(search, page),
                await sqlite.searchServices(search, page),
              ];
              const shown = (r: typeof a) =>
                [
                  r.distances,
                  r.results.map((x) => [x.service.id, x.distanceKm, x.nearestLocationId]),
                ] as const;
              assert.deepEqual(shown(a), shown(b), JSON.stringify({ ...search, ...page }));
              if (a.results.some((x) => x.distanceKm !== null)) located += 1;
            }
          }
    assert.ok(located > 100, `${located} pages with distances`);
  }

  it(
    'searches by where the person is as SQLite does: area first, nearest, radius, pages',
    { skip },
    async () => {
      const { pg, sqlite } = stores();
      await searchesAlike(pg, sqlite);
    },
  );

  it('searches a directory small enough to measure whole as SQLite does', { skip }, async () => {
    const small = await both(services.slice(0, 150));
    await searchesAlike(small.pg, small.sqlite);
  });

  it(
    'writes a service again by its id, replacing its indexes, and moves the services version',
    { skip },
    async () => {
      const { pg, sqlite } = stores();
      const original = services.find(
        (s) => s.status !== 'defunct' && s.locations.length > 0 && s.needs.length > 0,
      );
      assert.ok(original);
      const count = await pg.countServices();
      const version = await pg.servicesVersion();
      const changed: Service = {
        ...original,
        name: 'Quokka Quilting Circle',
        needs: ['housing'],
        areas: ['Bury'],
        locations: original.locations.map((l) => ({ ...l, latitude: 53.59, longitude: -2.3 })),
      };
      for (const store of [pg, sqlite]) {
        await store.upsertService(changed, '2026-12-03T10:00:00.000Z');
        await store.upsertService(changed, '2026-12-03T10:00:01.000Z');
      }
      assert.equal(await pg.countServices(), count, 'the same id twice is one service');
      assert.ok((await pg.servicesVersion()) > version, 'the version moves on a write');
      const moved = await pg.servicesVersion();
      assert.equal(await pg.servicesVersion(), moved, 'and stays while nothing is written');
      assert.deepEqual(await pg.getService(changed.id), changed);
      const searches: ServiceSearch[] = [
        { q: 'quokka quilt' },
        { q: 'quilting', need: 'housing', postcode: 'BL9 0AA', radiusKm: 3 },
        { q: original.name },
        { need: original.needs[0] },
        { postcode: 'M45 6AB' },
      ];
      for (const search of searches) {
        const page = { offset: 0, limit: 30 };
        const [a, b] = [await pg.searchServices(search, page), await sqlite.searchServices(search, page)];
        assert.deepEqual(
          a.results.map((r) => [r.service.id, r.distanceKm]),
          b.results.map((r) => [r.service.id, r.distanceKm]),
          JSON.stringify(search),
        );
      }
      assert.deepEqual(ids(await pg.listServices({ q: 'quokka' }, { offset: 0, limit: 5 })), [changed.id]);
      await pg.upsertService({ ...changed, status: 'defunct' }, '2026-12-03T10:00:02.000Z');
      assert.deepEqual(await pg.listServices({ q: 'quokka' }, { offset: 0, limit: 5 }), []);
      assert.deepEqual(
        ids(await pg.findServices({ q: 'quokka' })),
        [changed.id],
        'find reads defunct ones too',
      );
      for (const store of [pg, sqlite]) await store.upsertService(original, '2026-12-03T10:00:03.000Z');
      assert.deepEqual(await pg.listServices({ q: 'quokka' }, { offset: 0, limit: 5 }), []);
      assert.equal(await pg.countServices(), count);
    },
  );

  /**
   * Two hub processes' directories on one new database (each its own pool and its own kept
   * values), `some` services written by the first.
   */
  async function twoProcesses(some: Service[]): Promise<[PostgresDirectory, PostgresDirectory]> {
    const database = await cluster().createDatabase();
    await migratePostgres(database.config);
    const [one, two] = [new PgDb(database.config, 2), new PgDb(database.config, 2)];
    opened.push(one, two);
    const [a, b] = [new PostgresDirectory(one), new PostgresDirectory(two)];
    await a.upsertServices(some, AT);
    return [a, b];
  }

  it(
    'keeps totals for a services version, and counts again after another process writes',
    { skip },
    async () => {
      const some = services.slice(0, 60);
      const [a, b] = await twoProcesses(some);
      const page = { offset: 0, limit: 5 };
      const before = await a.pageServices({ q: 'quokka' }, page);
      assert.equal(before.total, 0);
      const current = some.filter((s) => s.status !== 'defunct').length;
      // Twice: the second page read alone, its total the one kept.
      for (let i = 0; i < 2; i += 1) assert.equal((await a.pageServices({}, page)).total, current);
      assert.equal(await a.countMatchingServices({}), some.filter((s) => s.status !== 'defunct').length);
      const first = some[0];
      assert.ok(first);
      const quokka: Service = { ...first, id: 'quokka-1', name: 'Quokka Quilting Circle', status: 'active' };
      await b.upsertService(quokka, AT);
      assert.equal((await a.pageServices({}, page)).total, current + 1);
      const after = await a.pageServices({ q: 'quokka' }, page);
      assert.deepEqual([ids(after.services), after.total], [['quokka-1'], 1]);
      assert.equal(await a.countMatchingServices({}), await b.countMatchingServices({}));
      assert.equal(await a.countMatchingServices({ q: 'quokka quilt' }), 1);
    },
  );

  it(
    "keeps an area's matches and the services read for a services version, and reads them again after another process writes",
    { skip },
    async () => {
      const some = services.slice(0, 60);
      const [a, b] = await twoProcesses(some);
      const page = { offset: 0, limit: 5 };
      const near = async (q: string) =>
        (await a.searchServices({ q, postcode: 'N7 6PA' }, page)).results.map((r) => r.service.id);
      // Twice each: the second read from what the first kept.
      for (let i = 0; i < 2; i += 1) assert.deepEqual(await near('quokka'), []);
      const advice = await near('advice');
      assert.ok(advice.length > 0);
      assert.deepEqual(await near('advice'), advice);
      const first = some[0];
      assert.ok(first);
      const quokka: Service = {
        ...first,
        id: 'quokka-1',
        name: 'Quokka Quilting Advice',
        status: 'active',
        areas: ['Islington'],
      };
      await b.upsertService(quokka, AT);
      assert.deepEqual(await near('quokka'), ['quokka-1']);
      assert.ok((await near('advice')).includes('quokka-1'), 'a service of the area named for the words');
      // The page's services kept parsed for the version they were read at: one another process
      // changes is read again.
      const read = async () =>
        (await a.searchServices({ postcode: 'N7 6PA' }, page)).results.map((r) => r.service);
      const [shown] = await read();
      assert.ok(shown);
      assert.deepEqual((await read())[0], shown);
      await b.upsertService({ ...shown, description: 'Now also on Saturdays.' }, AT);
      assert.equal((await read())[0]?.description, 'Now also on Saturdays.');
    },
  );

  it(
    'finds and weighs the words of services written before migrations 3 and 6 once they have run',
    { skip },
    async () => {
      const some = services.slice(0, 120);
      // The rows as this code writes them (services and its lists: only service_keys and the
      // areas in the words, weight D, are new in migration 6), moved into a database at version
      // 2 as a hub wrote them there before.
      const written = await cluster().createDatabase();
      await migratePostgres(written.config);
      const source = new PgDb(written.config, 2);
      opened.push(source);
      await new PostgresDirectory(source).upsertServices(some, AT);
      const database = await cluster().createDatabase();
      await migratePostgres(
        database.config,
        postgresMigrations.filter((m) => m.version < 3),
      );
      const db = new PgDb(database.config, 2);
      opened.push(db);
      for (const [table, columns, read = columns] of [
        [
          'services',
          'id, name, status, organisation_id, location_count, located, updated_at, data, words',
          "id, name, status, organisation_id, location_count, located, updated_at, data, ts_filter(words, '{a,b,c}') AS words",
        ],
        ['service_needs', 'service_id, need'],
        ['service_areas', 'service_id, area'],
        ['service_places', 'service_id, position, latitude, longitude'],
        ['service_terms', 'service_id, taxonomy, code'],
      ] as const) {
        const rows = (await source.query(null, `SELECT ${read} FROM ${table}`)).rows;
        assert.ok(rows.length > 0, table);
        await db.query(
          null,
          `INSERT INTO ${table} (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`,
          [JSON.stringify(rows)],
        );
      }
      const applied = (await migratePostgres(database.config)).applied;
      assert.ok(applied.includes(3) && applied.includes(5), String(applied));
      const pg = new PostgresDirectory(db);
      const few = new SqliteStore(':memory:');
      sqlites.push(few);
      await few.upsertServices(some, AT);
      assert.equal(await pg.countMatchingServices({}), await few.countMatchingServices({}));
      for (const q of ['food bank', 'families', 'bury', 'debt advice', 'food']) {
        const page = { offset: 0, limit: 30 };
        const [a, b] = [await pg.pageServices({ q }, page), await few.pageServices({ q }, page)];
        assert.ok(b.total > 0, q);
        assert.deepEqual([ids(a.services), a.total], [ids(b.services), b.total], q);
      }
      const search: ServiceSearch = { q: 'advice', postcode: 'N7 6PA' };
      const [a, b] = [
        await pg.searchServices(search, { offset: 0, limit: 30 }),
        await few.searchServices(search, { offset: 0, limit: 30 }),
      ];
      assert.ok(b.results.length > 0);
      assert.deepEqual(
        a.results.map((r) => [r.service.id, r.distanceKm]),
        b.results.map((r) => [r.service.id, r.distanceKm]),
      );
    },
  );
});
