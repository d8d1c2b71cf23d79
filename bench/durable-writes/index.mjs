// Issue 14's durable-write figures, from one run: referral creates on the reference hub at 1, 10
// and 50 connections, beside a bare node:sqlite server on the same disk with the same durability
// (baseline.mjs: WAL + synchronous = FULL), committing each request alone and committing the
// requests of one event-loop turn together. During the 50-connection load, /healthz is asked
// once at a time on the same server, to show whether reads wait behind the writes' fsyncs.
// CPU per create is the server process's user + system time, all its threads (the hub's writer
// thread too), over the requests it answered; disk KB per create, what it had written to the disk
// (the write-ahead log, checkpoints) over the creates.
//
// Each server runs alone, in its own child process, on a fresh database file in the OS temp
// directory. The hub's rate limits are raised out of the way (they are there, but this measures
// the writes, not the limit); everything else (keys, validation, idempotency, audit) is on.
//
// Run: npm run bench -- durable-writes   (BENCH_SECONDS=<n> sets each run's length; default 5)
import { join } from 'node:path';
import {
  createRequest,
  cpuMs,
  diskBytes,
  hubEnv,
  load,
  machine,
  printTable,
  start,
} from '../server/common.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = [1, 10, 50];

/** Creates at each concurrency; at the highest, /healthz alongside and the CPU per create. */
async function measure(name, server, create) {
  const health = { method: 'GET', path: '/healthz' };
  await load(server.url, create, 8, 1); // JIT, SQLite page cache
  const rows = [];
  for (const connections of CONNECTIONS) {
    const last = connections === CONNECTIONS.at(-1);
    const before = cpuMs(server.pid);
    const written = diskBytes(server.pid);
    const [creates, healthz] = await Promise.all([
      load(server.url, create, connections, SECONDS),
      last ? load(server.url, health, 1, SECONDS) : undefined,
    ]);
    const cpu = (cpuMs(server.pid) - before) / (creates.ok + (healthz?.ok ?? 0));
    const disk = (diskBytes(server.pid) - written) / 1024 / creates.ok;
    rows.push({ name, connections, ...creates, cpu, disk, healthz });
  }
  return rows;
}

// The baseline stores the same bodies.
const bareCreate = { ...createRequest, path: '/create', headers: { 'Content-Type': 'application/json' } };

const rows = [];
for (const mode of ['alone', 'batched']) {
  const server = await start(join(import.meta.dirname, 'baseline.mjs'), (db) => ({
    BASELINE_DB: db,
    BASELINE_MODE: mode,
  }));
  rows.push(
    ...(await measure(
      `bare node:sqlite, ${mode === 'alone' ? 'each request alone' : 'one commit per event-loop turn'}`,
      server,
      bareCreate,
    )),
  );
  await server.stop();
}
// The hub as it ships (writes grouped on the store's writer thread), then the other design
// measured: the writes of one event-loop turn grouped on the main thread.
for (const [writer, name] of [
  ['worker', '@hubkit/server POST /v1/referrals'],
  ['turn', '@hubkit/server, writes grouped per turn on the main thread'],
]) {
  const server = await start(join(import.meta.dirname, '..', 'server', 'hub.mjs'), (db) =>
    hubEnv(db, { HUBKIT_WRITER: writer }),
  );
  rows.push(...(await measure(name, server, createRequest)));
  await server.stop();
}

// The report. A latency with no answer at all in the run is slower than the run is long.
const ms = (value) =>
  Number.isFinite(value) ? value.toFixed(2) : `> ${SECONDS * 1000} (no answer in the run)`;

console.log(
  `Durable creates, ${SECONDS} s per run, each server alone in a child process, SQLite file (WAL, synchronous = FULL)`,
);
console.log(machine());
console.log('');
printTable(
  [
    'server',
    'connections',
    'creates/s',
    'p50 ms',
    'p99 ms',
    'CPU ms/req',
    'disk KB/req',
    '/healthz p99 ms',
    'failed',
  ],
  rows.map((r) => [
    r.name,
    String(r.connections),
    r.rps.toFixed(0),
    r.p50.toFixed(2),
    r.p99.toFixed(2),
    r.cpu.toFixed(3),
    r.disk.toFixed(1),
    r.healthz ? ms(r.healthz.p99) : '',
    String(r.failed + (r.healthz?.failed ?? 0)),
  ]),
);

const top = CONNECTIONS.at(-1);
const at = (prefix) => rows.find((r) => r.name.startsWith(prefix) && r.connections === top);
const hub = at('@hubkit/server POST');
const turn = at('@hubkit/server, writes grouped');
const batched = at('bare node:sqlite, one commit');
const alone = at('bare node:sqlite, each');
const verdict = (ok) => (ok ? 'met' : 'NOT met');
const share = hub.rps / batched.rps;
const healthRatio = hub.healthz.p99 / batched.healthz.p99;
console.log('');
console.log(`Targets of issue 14, at ${top} connections, from this run:`);
console.log(
  `- hub creates/s ÷ bare batched baseline: ${(share * 100).toFixed(1)}% (must ≥ 25%: ${verdict(share >= 0.25)}; goal ≥ 50%: ${verdict(share >= 0.5)}); ÷ bare one-commit-per-request: ${((hub.rps / alone.rps) * 100).toFixed(1)}%`,
);
console.log(`- hub create p99: ${hub.p99.toFixed(1)} ms (must ≤ 50 ms: ${verdict(hub.p99 <= 50)})`);
console.log(
  `- /healthz p99 (ms) during the load: hub ${ms(hub.healthz.p99)}, baseline ${ms(batched.healthz.p99)}: ${Number.isFinite(healthRatio) ? healthRatio.toFixed(1) : '∞'}× (must ≤ 2×: ${verdict(healthRatio <= 2)})`,
);
console.log(
  `- CPU per create: hub ${hub.cpu.toFixed(3)} ms, baseline ${batched.cpu.toFixed(3)} ms (goal ≤ 0.3 ms: ${verdict(hub.cpu <= 0.3)})`,
);
console.log(
  `- the other design, writes grouped per event-loop turn on the main thread: ${((turn.rps / batched.rps) * 100).toFixed(1)}% of the baseline, create p99 ${turn.p99.toFixed(1)} ms, /healthz p99 ${ms(turn.healthz.p99)} (${(turn.healthz.p99 / batched.healthz.p99).toFixed(1)}×), CPU ${turn.cpu.toFixed(3)} ms per create`,
);

const failed = rows.filter((r) => r.failed > 0 || (r.healthz?.failed ?? 0) > 0);
if (failed.length > 0) {
  console.error('\n!!! NOT EVERY REQUEST SUCCEEDED: these figures include failures !!!');
  for (const r of failed) console.error(`!!! ${r.name} at ${r.connections} connections: ${r.failed} failed`);
  process.exitCode = 1;
} else {
  console.log('\nEvery request succeeded (2xx).');
}
