// Issue 15's directory figures at the store: the same directory of 10,000 generated services
// (packages/server/src/testing/directory.ts) in SQLite and in PostgreSQL (a throwaway cluster,
// as the tests start one), and the same reads on each, one at a time: p50 and p99 of each kind.
// Store calls, not HTTP: what the two stores cost, without the hub's own work (the same on both).
//
// Run: node --conditions=source bench/directory/postgres.mjs   (BENCH_SECONDS=<n>: each kind's
// length on each store, default 2)
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { PgDb } from '../../packages/server/src/store/postgres/db.ts';
import { PostgresDirectory } from '../../packages/server/src/store/postgres/directory.ts';
import { migratePostgres } from '../../packages/server/src/store/postgres/migrations.ts';
import { SqliteStore } from '../../packages/server/src/store/sqlite.ts';
import { generatedDirectory } from '../../packages/server/src/testing/directory.ts';
import { startPostgres } from '../../packages/server/src/testing/postgres.ts';
import { machine, printTable } from '../server/common.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const SERVICES = 10_000;
const BATCH = 500;
const AT = '2026-12-03T00:00:00.000Z';

const page = { offset: 0, limit: 25 };
/** Each kind of directory read, as the hub's routes make them. */
const READS = [
  ['list, no words', (s) => s.listServices({}, page)],
  ['list, one word', (s) => s.pageServices({ q: 'food' }, page)],
  ['list, two words', (s) => s.pageServices({ q: 'debt advice' }, page)],
  ['list, words and need', (s) => s.pageServices({ q: 'advice', need: 'money_debt' }, page)],
  ['list, page 5', (s) => s.listServices({ q: 'families' }, { offset: 100, limit: 25 })],
  ['search, postcode', (s) => s.searchServices({ postcode: 'N7 6PA' }, page)],
  ['search, word, postcode', (s) => s.searchServices({ q: 'food', postcode: 'N1 1AA' }, page)],
  ['search, words, postcode', (s) => s.searchServices({ q: 'debt advice', postcode: 'NW10 4AB' }, page)],
  ['search, postcode, 5 km', (s) => s.searchServices({ postcode: 'BL9 0AA', radiusKm: 5 }, page)],
  [
    'search, word, 10 km',
    (s) => s.searchServices({ q: 'housing', postcode: 'IG11 7QJ', radiusKm: 10 }, page),
  ],
  [
    'search, page 3',
    (s) => s.searchServices({ q: 'advice', postcode: 'M45 6AB' }, { offset: 50, limit: 25 }),
  ],
];

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

/** p50 and p99 (ms) of `read` on `store`, run one at a time for SECONDS after a warm-up. */
async function measure(store, read) {
  for (let i = 0; i < 20; i += 1) await read(store);
  const times = [];
  const end = performance.now() + SECONDS * 1000;
  while (performance.now() < end) {
    const started = performance.now();
    await read(store);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), n: times.length };
}

const dir = mkdtempSync(join(os.tmpdir(), 'hubkit-directory-pg-'));
// Buffers that hold the directory, as the page cache holds SQLite's file (the tests' 32 MB is
// for several clusters at once, and a search then reads its rows from the disk cache).
const cluster = await startPostgres({ shared_buffers: '256MB' });
try {
  const database = await cluster.createDatabase();
  await migratePostgres(database.config);
  const db = new PgDb(database.config, 2);
  const pg = new PostgresDirectory(db);
  const sqlite = new SqliteStore(join(dir, 'hub.db'));
  const services = generatedDirectory(SERVICES);
  const imports = {};
  for (const [name, store] of [
    ['SQLite', sqlite],
    ['PostgreSQL', pg],
  ]) {
    const started = performance.now();
    for (let i = 0; i < services.length; i += BATCH)
      await store.upsertServices(services.slice(i, i + BATCH), AT);
    await store.optimizeDirectory();
    imports[name] = performance.now() - started;
  }
  console.log(
    `${machine()}; ${SERVICES} services, reads one at a time for ${SECONDS} s a kind on each store`,
  );
  console.log(
    `import in batches of ${BATCH}: SQLite ${Math.round(imports.SQLite)} ms, PostgreSQL ${Math.round(imports.PostgreSQL)} ms\n`,
  );
  const rows = [];
  for (const [kind, read] of READS) {
    const a = await measure(sqlite, read);
    const b = await measure(pg, read);
    rows.push([kind, a.p50.toFixed(2), a.p99.toFixed(2), b.p50.toFixed(2), b.p99.toFixed(2)]);
  }
  printTable(['read (ms)', 'SQLite p50', 'p99', 'PostgreSQL p50', 'p99'], rows);
  await sqlite.close();
  await db.close();
} finally {
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
