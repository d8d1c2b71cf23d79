// Throughput and latency of the reference hub under load, with autocannon: making referrals
// (each a valid referral with its own Idempotency-Key, written to a SQLite file with
// synchronous=FULL), directory search by postcode, browsing the directory by words, and the
// health check, each at a few concurrency levels. The hub runs in a child process so that the
// load generator does not share its event loop.
//
// Run: npm run bench -- server   (BENCH_SECONDS=<n> sets the length of each run; default 4)
import { join } from 'node:path';
import { KEYS, createRequest, hubEnv, load, machine, printTable, start } from './common.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CONNECTIONS = [1, 8, 32];

// The hub, in its own process, on a fresh database file.
const hub = await start(join(import.meta.dirname, 'hub.mjs'), (db) => hubEnv(db));
const { url } = hub;

const json = { 'Content-Type': 'application/json', Authorization: `Bearer ${KEYS.secret}` };

const scenarios = [
  { name: 'POST /v1/referrals', request: createRequest },
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

const run = (request, connections, duration) => load(url, request, connections, duration);

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

await hub.stop();

// The report.
console.log(
  `@hubkit/server under autocannon ${SECONDS} s per run, hub in a child process, SQLite file (WAL, synchronous=FULL)`,
);
console.log(machine());
console.log('');
printTable(
  ['scenario', 'connections', 'requests/s', 'p50 ms', 'p99 ms', 'requests', 'errors/non-2xx'],
  rows.map((r) => [
    r.scenario,
    String(r.connections),
    r.rps.toFixed(0),
    r.p50.toFixed(2),
    r.p99.toFixed(2),
    String(r.total),
    String(r.failed),
  ]),
);

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
