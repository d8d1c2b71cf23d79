// Issue 14's durable-write figures, from one run: referral creates on the reference hub at 1, 10
// and 50 connections, beside a bare node:sqlite server on the same disk with the same durability
// (baseline.mjs: WAL + synchronous = FULL), committing each request alone and committing the
// requests of one event-loop turn together. During the 50-connection load, /healthz is asked
// once at a time on the same server, to show whether reads wait behind the writes' fsyncs.
// CPU per create is the server process's user + system time over the requests it answered.
//
// Each server runs alone, in its own child process, on a fresh database file in the OS temp
// directory. The hub's rate limits are raised out of the way (they are there, but this measures
// the writes, not the limit); everything else (keys, validation, idempotency, audit) is on.
//
// Run: npm run bench -- durable-writes   (BENCH_SECONDS=<n> sets each run's length; default 5)
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { referralJourneys } from '@hubkit/schema/fixtures';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = [1, 10, 50];
const KEYS = {
  publishable: 'pk_bench_PublishableKeyForBenchmarks01',
  secret: 'sk_bench_SecretKeyForBenchmarksOnly0000000001',
};
const journeys = Object.values(referralJourneys).map((r) => JSON.stringify(r));

/** Starts a server script in a child process on a fresh database; resolves its URL and pid. */
async function start(script, env) {
  const dir = mkdtempSync(join(os.tmpdir(), 'hubkit-durable-'));
  const child = fork(script, [], {
    execArgv: ['--conditions=source'],
    env: { ...process.env, ...env(join(dir, 'bench.db')) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const url = await new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message.url));
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it started`)));
  });
  const stop = async () => {
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  };
  return { url, pid: child.pid, stop };
}

/** User + system CPU time of a process so far, in ms (Linux /proc; NaN elsewhere). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of the line; 12 and 13 after the command name.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/** One autocannon run; latencies kept to the microsecond (autocannon's histogram holds whole ms). */
async function load(url, request, connections, duration) {
  const latencies = [];
  const instance = autocannon({ url, connections, duration, requests: [request] });
  instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  // No answer at all within the run: slower than the run is long (printed as such).
  const at = (q) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.POSITIVE_INFINITY;
  const ok = result['2xx'];
  return {
    rps: ok / result.duration,
    ok,
    failed: result.errors + result.timeouts + result.non2xx,
    p50: at(0.5),
    p99: at(0.99),
  };
}

/** Creates at each concurrency; at the highest, /healthz alongside and the CPU per create. */
async function measure(name, server, create) {
  const health = { method: 'GET', path: '/healthz' };
  await load(server.url, create, 8, 1); // JIT, SQLite page cache
  const rows = [];
  for (const connections of CONNECTIONS) {
    const last = connections === CONNECTIONS.at(-1);
    const before = cpuMs(server.pid);
    const [creates, healthz] = await Promise.all([
      load(server.url, create, connections, SECONDS),
      last ? load(server.url, health, 1, SECONDS) : undefined,
    ]);
    const cpu = (cpuMs(server.pid) - before) / (creates.ok + (healthz?.ok ?? 0));
    rows.push({ name, connections, ...creates, cpu, healthz });
  }
  return rows;
}

let sent = 0;
const hubCreate = {
  method: 'POST',
  path: '/v1/referrals',
  headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${KEYS.secret}` },
  body: journeys[0],
  // A different journey each time and a new Idempotency-Key: every request is a new referral.
  setupRequest: (request) => {
    sent += 1;
    return {
      ...request,
      body: journeys[sent % journeys.length],
      headers: { ...request.headers, 'Idempotency-Key': randomUUID() },
    };
  },
};
// The baseline stores the same bodies.
const bareCreate = { ...hubCreate, path: '/create', headers: { 'Content-Type': 'application/json' } };

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
{
  const server = await start(join(import.meta.dirname, '..', 'server', 'hub.mjs'), (db) => ({
    HUBKIT_DB: db,
    HUBKIT_PUBLISHABLE_KEY: KEYS.publishable,
    HUBKIT_SECRET_KEY: KEYS.secret,
  }));
  rows.push(...(await measure('@hubkit/server POST /v1/referrals', server, hubCreate)));
  await server.stop();
}

// The report. A latency with no answer at all in the run is slower than the run is long.
const ms = (value) =>
  Number.isFinite(value) ? value.toFixed(2) : `> ${SECONDS * 1000} (no answer in the run)`;

const cpus = os.cpus();
console.log(
  `Durable creates, ${SECONDS} s per run, each server alone in a child process, SQLite file (WAL, synchronous = FULL)`,
);
console.log(
  `${new Date().toISOString()}  Node ${process.version}  ${os.platform()} ${os.arch()}  ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'})`,
);
console.log('');
const table = [
  ['server', 'connections', 'creates/s', 'p50 ms', 'p99 ms', 'CPU ms/req', '/healthz p99 ms', 'failed'],
  ...rows.map((r) => [
    r.name,
    String(r.connections),
    r.rps.toFixed(0),
    r.p50.toFixed(2),
    r.p99.toFixed(2),
    r.cpu.toFixed(3),
    r.healthz ? ms(r.healthz.p99) : '',
    String(r.failed + (r.healthz?.failed ?? 0)),
  ]),
];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
const line = (row) =>
  row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
console.log(line(table[0]));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table.slice(1)) console.log(line(row));

const top = CONNECTIONS.at(-1);
const at = (prefix) => rows.find((r) => r.name.startsWith(prefix) && r.connections === top);
const hub = at('@hubkit');
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

const failed = rows.filter((r) => r.failed > 0 || (r.healthz?.failed ?? 0) > 0);
if (failed.length > 0) {
  console.error('\n!!! NOT EVERY REQUEST SUCCEEDED: these figures include failures !!!');
  for (const r of failed) console.error(`!!! ${r.name} at ${r.connections} connections: ${r.failed} failed`);
  process.exitCode = 1;
} else {
  console.log('\nEvery request succeeded (2xx).');
}
