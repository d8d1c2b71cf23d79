// Issue 15's scale-out figures, from one run: durable referral creates at 50 connections on the
// reference hub on SQLite (one process, as it ships), on PostgreSQL with one hub process, and on
// PostgreSQL with two hub processes sharing the database, the connections split evenly between
// them (as a load balancer would). The figure that shows the scale-out works is the ratio of two
// processes to one on PostgreSQL (target >= 1.6x on a 2-core machine).
//
// PostgreSQL is a throwaway cluster made for the run (packages/server/src/testing/postgres.ts) on
// the same disk, with fsync and synchronous_commit on: an acknowledged create is on disk, as on
// SQLite. Everything the hub does per request stays on: keys, validation, idempotency, audit, and
// the rate limits, which on PostgreSQL are shared through the database (tokens taken a share at
// a time, store/postgres/abuse.ts);
// the limits themselves are raised out of the way. CPU per create is given for the hub processes and
// for the PostgreSQL server's processes apart (Linux /proc), so what bounds the scale-out shows.
//
// Then directory reads (issue 15's directory target: issue 14's targets, on PostgreSQL): every
// kind of /v1 and /oruk directory read at 10 connections, on hubs with the demo's 36 services
// and with those and 10,000 imported from a realistic ORUK feed (bench/directory's), on SQLite,
// on PostgreSQL with one hub process, and on PostgreSQL with two (the 10 connections split
// between them): p50 and p99 of each, the 10k÷36 p99 ratio (target ≤ 2×), p50 at 10k (target
// ≤ 10 ms), and requests a second of two processes ÷ one.
//
// Run: npm run bench -- postgres   (BENCH_SECONDS=<n> sets each create run's length, default 5;
// BENCH_DIRECTORY_SECONDS=<n> each directory read run's, default 2)
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { importDirectory } from '../../packages/server/src/imports.ts';
import { openStore } from '../../packages/server/src/store/open.ts';
import { startPostgres } from '../../packages/server/src/testing/postgres.ts';
import { migratePostgres } from '../../packages/server/src/store/postgres/migrations.ts';
import { cpuMs, createRequest, hubEnv, load, machine, printTable, start } from '../server/common.mjs';
import {
  checkKinds,
  CONNECTIONS as DIRECTORY_CONNECTIONS,
  demoServiceId,
  directoryKinds,
  listedServices,
  measureKind,
  serveFeed,
} from '../directory/common.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const DIRECTORY_SECONDS = Number(process.env.BENCH_DIRECTORY_SECONDS ?? 2);
const IMPORTED = 10_000;
const CONNECTIONS = 50;
const hubScript = join(import.meta.dirname, '..', 'server', 'hub.mjs');

/** The pids of a process's children (Linux /proc): the PostgreSQL server's backends. */
function children(pid) {
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.split(') ')[1].split(' ')[1]) === pid) found.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** CPU ms so far of the hub processes, and of the PostgreSQL server and its backends. */
const cpuOf = (pids, postmaster) => ({
  hub: pids.reduce((sum, pid) => sum + (cpuMs(pid) || 0), 0),
  db: postmaster ? [postmaster, ...children(postmaster)].reduce((sum, pid) => sum + (cpuMs(pid) || 0), 0) : 0,
});

/** Creates at 50 connections split across `servers`; latencies of all of them together. */
async function measure(name, servers, postmaster) {
  const share = Math.floor(CONNECTIONS / servers.length);
  await Promise.all(servers.map((s) => load(s.url, createRequest, 4, 1))); // JIT, caches, pools
  const before = cpuOf(
    servers.map((s) => s.pid),
    postmaster,
  );
  const runs = await Promise.all(servers.map((s) => load(s.url, createRequest, share, SECONDS)));
  const after = cpuOf(
    servers.map((s) => s.pid),
    postmaster,
  );
  const ok = runs.reduce((n, r) => n + r.ok, 0);
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Infinity;
  return {
    name,
    processes: servers.length,
    rps: runs.reduce((n, r) => n + r.rps, 0),
    p50: at(0.5),
    p99: at(0.99),
    hubCpu: (after.hub - before.hub) / ok,
    dbCpu: (after.db - before.db) / ok,
    failed: runs.reduce((n, r) => n + r.failed, 0),
  };
}

/** Starts `processes` hubs on `db`, one after the other: the first seeds the demo directory and keys, the next find them. */
async function hubs(db, processes) {
  const servers = [];
  for (let i = 0; i < processes; i++) servers.push(await start(hubScript, hubEnv(db)));
  return servers;
}

/** Imports the feed into the store of `db` (a SQLite file or a PostgreSQL URL), as `directory import` does. */
async function importFeed(db, feed) {
  const store = await openStore(db);
  const started = performance.now();
  const report = await importDirectory(store, feed.url, { perPage: feed.perPage });
  await store.close();
  return { ...report, ms: performance.now() - started };
}

const rows = [];
{
  const server = await start(hubScript, (db) => hubEnv(db));
  rows.push(await measure('@hubkit/server on SQLite', [server]));
  await server.stop();
}

/**
 * Each directory hub configuration's figures, by kind: SQLite at 36 and 10k, PostgreSQL with one
 * process at 36 and 10k, and with two at 10k.
 */
const directory = { configs: [], imports: {}, sizes: {} };
const feed = await serveFeed(IMPORTED);
const dir = mkdtempSync(join(os.tmpdir(), 'hubkit-bench-pg-directory-'));
let kinds;
/** Every kind on `servers`, recorded under `label`; PostgreSQL's processes counted in CPU with `postmaster`. */
async function measureDirectory(label, servers, postmaster) {
  kinds ??= directoryKinds(await demoServiceId(servers[0].url));
  await checkKinds(
    kinds,
    servers.map((s) => s.url),
  );
  directory.sizes[label] = await listedServices(servers[0].url);
  const byKind = [];
  for (const { request } of kinds)
    byKind.push(
      await measureKind(servers, request, DIRECTORY_SECONDS, (pids) => {
        const { hub, db } = cpuOf(pids, postmaster);
        return hub + db;
      }),
    );
  directory.configs.push({ label, byKind });
}

const cluster = await startPostgres({ shared_buffers: '256MB', max_connections: '100' });
try {
  for (const processes of [1, 2]) {
    const database = await cluster.createDatabase();
    await migratePostgres(database.url);
    const servers = await hubs(database.url, processes);
    rows.push(await measure('@hubkit/server on PostgreSQL', servers, cluster.pid));
    for (const server of servers) await server.stop();
  }

  // Directory reads: SQLite first (a file each), then PostgreSQL (a database each).
  {
    const small = await hubs(join(dir, 'small.db'), 1);
    await measureDirectory('SQLite 36', small);
    for (const server of small) await server.stop();
    directory.imports.SQLite = await importFeed(join(dir, 'big.db'), feed);
    const big = await hubs(join(dir, 'big.db'), 1);
    await measureDirectory('SQLite 10k', big);
    for (const server of big) await server.stop();
  }
  {
    const smallDb = await cluster.createDatabase();
    await migratePostgres(smallDb.url);
    const small = await hubs(smallDb.url, 1);
    await measureDirectory('PostgreSQL 36', small, cluster.pid);
    for (const server of small) await server.stop();
    const bigDb = await cluster.createDatabase();
    await migratePostgres(bigDb.url);
    directory.imports.PostgreSQL = await importFeed(bigDb.url, feed);
    for (const processes of [1, 2]) {
      const big = await hubs(bigDb.url, processes);
      await measureDirectory(`PostgreSQL 10k ×${processes}`, big, cluster.pid);
      for (const server of big) await server.stop();
    }
  }
} finally {
  feed.close();
  rmSync(dir, { recursive: true, force: true });
  await cluster.stop();
}

console.log(
  `Durable creates at ${CONNECTIONS} connections, ${SECONDS} s per run; each hub in its own process; SQLite file (WAL, synchronous = FULL) and a PostgreSQL ${cluster.version} cluster (fsync, synchronous_commit on) on the same disk`,
);
console.log(machine());
console.log('');
printTable(
  ['server', 'processes', 'creates/s', 'p50 ms', 'p99 ms', 'CPU ms/req: hub', 'PostgreSQL', 'failed'],
  rows.map((r) => [
    r.name,
    String(r.processes),
    r.rps.toFixed(0),
    r.p50.toFixed(2),
    r.p99.toFixed(2),
    r.hubCpu.toFixed(3),
    r.name.includes('PostgreSQL') ? r.dbCpu.toFixed(3) : '-',
    String(r.failed),
  ]),
);
const [sqlite, one, two] = rows;
console.log('');
console.log('Targets of issue 15, from this run:');
console.log(
  `- two hub processes ÷ one, on PostgreSQL: ${(two.rps / one.rps).toFixed(2)}× (target ≥ 1.6×: ${two.rps / one.rps >= 1.6 ? 'met' : 'NOT met'})`,
);
console.log(`- one PostgreSQL hub process ÷ the SQLite hub: ${((100 * one.rps) / sqlite.rps).toFixed(1)}%`);
console.log(`- two PostgreSQL hub processes ÷ the SQLite hub: ${((100 * two.rps) / sqlite.rps).toFixed(1)}%`);
if (rows.some((r) => r.failed > 0)) {
  console.log('Some requests failed (not 2xx): the figures above are not to be trusted.');
  process.exitCode = 1;
}

const config = (label) => directory.configs.find((c) => c.label === label);
const [sqliteSmall, sqliteBig, pgSmall, pgBig, pgTwo] = [
  'SQLite 36',
  'SQLite 10k',
  'PostgreSQL 36',
  'PostgreSQL 10k ×1',
  'PostgreSQL 10k ×2',
].map(config);
console.log('');
console.log(
  `Directory reads at ${DIRECTORY_CONNECTIONS} connections (split evenly across the hub processes), ${DIRECTORY_SECONDS} s per run. Current services listed: ${Object.entries(
    directory.sizes,
  )
    .map(([label, n]) => `${label}: ${n}`)
    .join(', ')}`,
);
console.log(
  `Import of ${IMPORTED} services from the feed: ${Object.entries(directory.imports)
    .map(
      ([engine, r]) =>
        `${engine} ${(r.ms / 1000).toFixed(1)} s (${r.imported} imported, ${r.skipped} skipped)`,
    )
    .join(', ')}`,
);
console.log('');
printTable(
  [
    'request (p50 / p99 ms)',
    'SQLite 36',
    'SQLite 10k',
    'PG 36',
    'PG 10k',
    'PG 10k ×2',
    'req/s PG ×1',
    'req/s PG ×2',
    'CPU ms/req PG ×1 (hub + db)',
    'failed',
  ],
  kinds.map((kind, i) => {
    const at = (c) => `${c.byKind[i].p50.toFixed(2)} / ${c.byKind[i].p99.toFixed(2)}`;
    return [
      kind.name,
      at(sqliteSmall),
      at(sqliteBig),
      at(pgSmall),
      at(pgBig),
      at(pgTwo),
      pgBig.byKind[i].rps.toFixed(0),
      pgTwo.byKind[i].rps.toFixed(0),
      pgBig.byKind[i].cpu.toFixed(3),
      String(directory.configs.reduce((n, c) => n + c.byKind[i].failed, 0)),
    ];
  }),
);
const verdict = (ok) => (ok ? 'met' : 'NOT met');
console.log('');
console.log("Targets of issue 15 for the directory (issue 14's, on each engine), from this run:");
for (const [engine, small, big] of [
  ['SQLite', sqliteSmall, sqliteBig],
  ['PostgreSQL, one hub process', pgSmall, pgBig],
  ['PostgreSQL, two hub processes', pgSmall, pgTwo],
]) {
  const ratios = kinds.map((_, i) => big.byKind[i].p99 / small.byKind[i].p99);
  const slow = kinds.filter((_, i) => big.byKind[i].p50 > 10);
  const wide = kinds.filter((_, i) => ratios[i] > 2);
  console.log(
    `- ${engine}: p99 at 10k ÷ at 36 from ${Math.min(...ratios).toFixed(2)}× to ${Math.max(...ratios).toFixed(2)}× (≤ 2× ${verdict(wide.length === 0)}${wide.length ? `; over: ${wide.map((k) => k.name).join(', ')}` : ''}); p50 at 10k ≤ 10 ms ${verdict(slow.length === 0)}${slow.length ? ` (over: ${slow.map((k) => k.name).join(', ')})` : ''}`,
  );
}
const throughput = (c) => c.byKind.reduce((n, r) => n + r.rps, 0);
console.log(
  `- two hub processes ÷ one on PostgreSQL at 10k, directory reads (sum over kinds): ${(throughput(pgTwo) / throughput(pgBig)).toFixed(2)}×; PostgreSQL one process ÷ SQLite: ${((100 * throughput(pgBig)) / throughput(sqliteBig)).toFixed(1)}%`,
);
if (directory.configs.some((c) => c.byKind.some((r) => r.failed > 0))) {
  console.log('Some directory reads failed (not 2xx): the figures above are not to be trusted.');
  process.exitCode = 1;
}
