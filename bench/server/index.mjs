// Throughput and latency of the reference hub under load, with autocannon: making referrals
// (each a valid referral with its own Idempotency-Key, written to a SQLite file with
// synchronous=FULL), directory search by postcode, browsing the directory by words, and the
// health check, each at a few concurrency levels. The hub runs in a child process so that the
// load generator does not share its event loop.
//
// Run: npm run bench -- server   (BENCH_SECONDS=<n> sets the length of each run; default 4)
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { referralJourneys } from '@hubkit/schema/fixtures';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CONNECTIONS = [1, 8, 32];
const KEYS = {
  publishable: 'pk_bench_PublishableKeyForBenchmarks01',
  secret: 'sk_bench_SecretKeyForBenchmarksOnly0000000001',
};

// The hub, in its own process, on a fresh database file.
const dir = mkdtempSync(join(os.tmpdir(), 'hubkit-bench-'));
const db = join(dir, 'hub.db');
const child = fork(join(import.meta.dirname, 'hub.mjs'), [], {
  execArgv: ['--conditions=source'],
  env: {
    ...process.env,
    HUBKIT_DB: db,
    HUBKIT_PUBLISHABLE_KEY: KEYS.publishable,
    HUBKIT_SECRET_KEY: KEYS.secret,
  },
  // The hub's request log goes nowhere: written, as in production, but not read.
  stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
});
const url = await new Promise((resolve, reject) => {
  child.once('message', (message) => resolve(message.url));
  child.once('exit', (code) => reject(new Error(`the hub exited (${code}) before it started`)));
});

const json = { 'Content-Type': 'application/json', Authorization: `Bearer ${KEYS.secret}` };
const journeys = Object.values(referralJourneys).map((r) => JSON.stringify(r));
let sent = 0;

const scenarios = [
  {
    name: 'POST /v1/referrals',
    request: {
      method: 'POST',
      path: '/v1/referrals',
      headers: json,
      body: journeys[0],
      // A different journey each time, and a new Idempotency-Key, so every request is a new referral.
      setupRequest: (request) => {
        sent += 1;
        return {
          ...request,
          body: journeys[sent % journeys.length],
          headers: { ...request.headers, 'Idempotency-Key': randomUUID() },
        };
      },
    },
  },
  {
    name: 'POST /v1/services/search (postcode)',
    request: {
      method: 'POST',
      path: '/v1/services/search',
      headers: json,
      body: JSON.stringify({ postcode: 'N7 6QX', radiusKm: 10 }),
    },
  },
  {
    name: 'GET /v1/services?q=food',
    request: {
      method: 'GET',
      path: '/v1/services?q=food',
      headers: { Authorization: `Bearer ${KEYS.secret}` },
    },
  },
  { name: 'GET /healthz', request: { method: 'GET', path: '/healthz' } },
];

// Each scenario once by hand first: a bench of refusals would measure the wrong thing.
for (const { name, request } of scenarios) {
  const ready = request.setupRequest ? request.setupRequest(request) : request;
  const response = await fetch(`${url}${ready.path}`, {
    method: ready.method,
    headers: ready.headers,
    body: ready.body,
  });
  if (!response.ok) throw new Error(`${name} answered ${response.status}: ${await response.text()}`);
}

/**
 * One autocannon run. Latencies are kept here as well, to the microsecond: autocannon's own
 * histogram holds whole milliseconds, which says 0 for most directory reads.
 */
async function run(request, connections, duration) {
  const latencies = [];
  const instance = autocannon({ url, connections, duration, requests: [request] });
  instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { result, p50: at(0.5), p99: at(0.99) };
}

const rows = [];
// Referrals the hub answered 201 for: by hand, in warm-ups and in the measured runs.
let created = 1;
const createdIn = (result) => result.statusCodeStats?.['201']?.count ?? 0;
for (const { name, request } of scenarios) {
  const { result: warmUp } = await run(request, 8, 1); // JIT, SQLite page cache
  if (request.path === '/v1/referrals') created += Number(createdIn(warmUp));
  for (const connections of CONNECTIONS) {
    const { result, p50, p99 } = await run(request, connections, SECONDS);
    if (request.path === '/v1/referrals') created += Number(createdIn(result));
    rows.push({
      scenario: name,
      connections,
      rps: result.requests.total / result.duration,
      p50,
      p99,
      total: result.requests.total,
      failed: result.errors + result.timeouts + result.non2xx,
      detail: {
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        codes: result.statusCodeStats,
      },
    });
  }
}

// Every 201 stored exactly one referral: the hub's own count (the referrals report) must agree.
const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const report = await fetch(`${url}/v1/reports/referrals?from=${day(-1)}&to=${day(1)}`, { headers: json });
const stored = report.ok ? (await report.json()).total : `unknown (report answered ${report.status})`;

child.send('stop');
await new Promise((resolve) => child.once('exit', resolve));
rmSync(dir, { recursive: true, force: true });

// The report.
const cpus = os.cpus();
console.log(
  `@hubkit/server under autocannon ${SECONDS} s per run, hub in a child process, SQLite file (WAL, synchronous=FULL)`,
);
console.log(
  `${new Date().toISOString()}  Node ${process.version}  ${os.platform()} ${os.arch()}  ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'})`,
);
console.log('');
const table = [
  ['scenario', 'connections', 'requests/s', 'p50 ms', 'p99 ms', 'requests', 'errors/non-2xx'],
  ...rows.map((r) => [
    r.scenario,
    String(r.connections),
    r.rps.toFixed(0),
    r.p50.toFixed(2),
    r.p99.toFixed(2),
    String(r.total),
    String(r.failed),
  ]),
];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
const line = (row) =>
  row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
console.log(line(table[0]));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table.slice(1)) console.log(line(row));

const failures = rows.filter((r) => r.failed > 0);
if (failures.length > 0) {
  console.error(
    '\n!!! NOT EVERY REQUEST SUCCEEDED: these numbers include failures and do not measure the hub !!!',
  );
  for (const r of failures)
    console.error(`!!! ${r.scenario} at ${r.connections} connections: ${JSON.stringify(r.detail)}`);
  process.exitCode = 1;
} else {
  console.log('\nEvery request succeeded (2xx).');
}
// A run stops with up to one request per connection still in flight: the hub finishes and
// stores those, but autocannon no longer counts their answers.
const inFlight = CONNECTIONS.reduce((sum, c) => sum + c, 8);
if (typeof stored === 'number' && stored >= created && stored <= created + inFlight) {
  console.log(
    `The hub stored ${stored} referrals: one for each of the ${created} answered 201, and ${stored - created} still in flight when a run stopped (at most ${inFlight}).`,
  );
} else {
  console.error(
    `\n!!! ${created} referrals were answered 201 (+ at most ${inFlight} in flight) but the hub stored ${stored} !!!`,
  );
  process.exitCode = 1;
}
