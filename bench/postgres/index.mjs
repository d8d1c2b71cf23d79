// Issue 15's scale-out figures, from one run: durable referral creates at 50 connections on the
// reference hub on SQLite (one process, as it ships), on PostgreSQL with one hub process, and on
// PostgreSQL with two hub processes sharing the database, the connections split evenly between
// them (as a load balancer would). The figure that shows the scale-out works is the ratio of two
// processes to one on PostgreSQL (target >= 1.6x on a 2-core machine).
//
// PostgreSQL is a throwaway cluster made for the run (packages/server/src/testing/postgres.ts) on
// the same disk, with fsync and synchronous_commit on: an acknowledged create is on disk, as on
// SQLite. Everything the hub does per request stays on: keys, validation, idempotency, audit, and
// the rate limits, which on PostgreSQL are shared through the database (one call per request);
// the limits themselves are raised out of the way. CPU per create is given for the hub processes and
// for the PostgreSQL server's processes apart (Linux /proc), so what bounds the scale-out shows.
//
// Run: npm run bench -- postgres   (BENCH_SECONDS=<n> sets each run's length; default 5)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPostgres } from '../../packages/server/src/testing/postgres.ts';
import { migratePostgres } from '../../packages/server/src/store/postgres/migrations.ts';
import { cpuMs, createRequest, hubEnv, load, machine, printTable, start } from '../server/common.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
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

const rows = [];
{
  const server = await start(hubScript, (db) => hubEnv(db));
  rows.push(await measure('@hubkit/server on SQLite', [server]));
  await server.stop();
}

const cluster = await startPostgres({ shared_buffers: '256MB', max_connections: '100' });
try {
  for (const processes of [1, 2]) {
    const database = await cluster.createDatabase();
    await migratePostgres(database.url);
    const env = hubEnv(database.url);
    // One after the other: the first seeds the directory and the keys, the next finds them.
    const servers = [];
    for (let i = 0; i < processes; i++) servers.push(await start(hubScript, env));
    rows.push(await measure('@hubkit/server on PostgreSQL', servers, cluster.pid));
    for (const server of servers) await server.stop();
  }
} finally {
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
