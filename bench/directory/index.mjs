// Issue 14's directory figures, from one run: every kind of directory read, /v1 and /oruk, on a
// hub with the demo's 36 services and on a hub with those and 10,000 more imported through
// `directory import` from a realistic Open Referral UK feed (feed.mjs: first-generation API,
// served here page by page over HTTP, as a council publishes it). Each request kind runs at 10
// connections on one hub, then on the other; the ratio of the two p99s is the target.
// CPU per request is the hub process's user + system time over the requests it answered.
//
// Run: npm run bench -- directory   (BENCH_SECONDS=<n> sets each run's length; default 4)
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { importDirectory } from '../../packages/server/src/imports.ts';
import { SqliteStore } from '../../packages/server/src/store/sqlite.ts';
import { cpuMs, load, printTable, start as startServer } from '../server/common.mjs';
import { generateFeed } from './feed.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CONNECTIONS = 10;
const IMPORTED = 10_000;
const KEYS = {
  publishable: 'pk_bench_PublishableKeyForBenchmarks01',
  secret: 'sk_bench_SecretKeyForBenchmarksOnly0000000001',
};
const dir = mkdtempSync(join(os.tmpdir(), 'hubkit-directory-'));

// The feed, served as its publisher would: /services pages of 200, in the API's own envelope.
const feed = generateFeed(IMPORTED);
const PER_PAGE = 200;
const publisher = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://publisher');
  const page = Math.max(1, Number(url.searchParams.get('page') ?? '1'));
  const totalPages = Math.ceil(feed.length / PER_PAGE);
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.end(
    JSON.stringify({
      totalElements: feed.length,
      totalPages,
      number: page,
      size: PER_PAGE,
      first: page === 1,
      last: page >= totalPages,
      content: feed.slice((page - 1) * PER_PAGE, page * PER_PAGE),
    }),
  );
});
await new Promise((resolve) => publisher.listen(0, '127.0.0.1', resolve));
const feedUrl = `http://127.0.0.1:${publisher.address().port}/api`;

// The big hub's database: the demo's services (seeded when the hub starts), then the feed.
const bigDb = join(dir, 'big.db');
const importStore = new SqliteStore(bigDb);
const importStarted = performance.now();
const imported = await importDirectory(importStore, feedUrl, { perPage: PER_PAGE });
const importMs = performance.now() - importStarted;
// Again: nothing new (idempotent by the feed's ids).
const again = await importDirectory(importStore, feedUrl, { perPage: PER_PAGE });
const afterAgain = await importStore.countServices();
await importStore.close();
publisher.close();

/** Starts a hub (the server bench's hub.mjs: demo directory, known keys) on `db`. */
const start = (db) =>
  startServer(join(import.meta.dirname, '..', 'server', 'hub.mjs'), {
    HUBKIT_DB: db,
    HUBKIT_PUBLISHABLE_KEY: KEYS.publishable,
    HUBKIT_SECRET_KEY: KEYS.secret,
  });

const small = await start(join(dir, 'small.db'));
const big = await start(bigDb);
const auth = { Authorization: `Bearer ${KEYS.secret}` };
const json = { ...auth, 'Content-Type': 'application/json' };
// A demo service, in both hubs.
const someId = (await (await fetch(`${small.url}/v1/services?limit=1`, { headers: auth })).json()).data[0].id;

const kinds = [
  { name: 'GET /v1/services (list)', request: { method: 'GET', path: '/v1/services', headers: auth } },
  {
    name: 'GET /v1/services?q=food (words)',
    request: { method: 'GET', path: '/v1/services?q=food', headers: auth },
  },
  {
    name: 'GET /v1/services?q=debt advice',
    request: { method: 'GET', path: '/v1/services?q=debt%20advice', headers: auth },
  },
  {
    name: 'GET /v1/services?need=money_debt',
    request: { method: 'GET', path: '/v1/services?need=money_debt', headers: auth },
  },
  {
    name: 'POST /v1/services/search (postcode)',
    request: {
      method: 'POST',
      path: '/v1/services/search',
      headers: json,
      body: JSON.stringify({ postcode: 'N7 6QX' }),
    },
  },
  {
    name: 'POST /v1/services/search (postcode, 5 km)',
    request: {
      method: 'POST',
      path: '/v1/services/search',
      headers: json,
      body: JSON.stringify({ postcode: 'N7 6QX', radiusKm: 5 }),
    },
  },
  {
    name: 'POST /v1/services/search (food near)',
    request: {
      method: 'POST',
      path: '/v1/services/search',
      headers: json,
      body: JSON.stringify({ q: 'food', postcode: 'IG11 7QJ' }),
    },
  },
  {
    name: 'POST /v1/services/search (debt advice near)',
    request: {
      method: 'POST',
      path: '/v1/services/search',
      headers: json,
      body: JSON.stringify({ q: 'debt advice', postcode: 'N7 6QX' }),
    },
  },
  { name: 'GET /oruk/services (list)', request: { method: 'GET', path: '/oruk/services' } },
  { name: 'GET /oruk/services?search=food', request: { method: 'GET', path: '/oruk/services?search=food' } },
  {
    name: 'GET /oruk/service_at_locations',
    request: { method: 'GET', path: '/oruk/service_at_locations' },
  },
  { name: 'GET /oruk/organizations', request: { method: 'GET', path: '/oruk/organizations' } },
  { name: 'GET /oruk/taxonomies', request: { method: 'GET', path: '/oruk/taxonomies' } },
  {
    name: 'GET /v1/services/{id}',
    request: { method: 'GET', path: `/v1/services/${someId}`, headers: auth },
  },
];

// Each kind once by hand on both first: a bench of refusals would measure the wrong thing.
for (const { name, request } of kinds)
  for (const hub of [small, big]) {
    const response = await fetch(`${hub.url}${request.path}`, request);
    if (!response.ok) throw new Error(`${name} answered ${response.status}: ${await response.text()}`);
  }
const count = async (hub) => (await (await fetch(`${hub.url}/oruk/services?per_page=1`)).json()).total_items;
const sizes = { small: await count(small), big: await count(big) };

const rows = [];
for (const { name, request } of kinds) {
  const row = { name };
  for (const [label, hub] of [
    ['small', small],
    ['big', big],
  ]) {
    await load(hub.url, request, CONNECTIONS, 1); // JIT, SQLite page cache
    const before = cpuMs(hub.pid);
    const run = await load(hub.url, request, CONNECTIONS, SECONDS);
    row[label] = { ...run, cpu: (cpuMs(hub.pid) - before) / run.ok };
  }
  rows.push(row);
}
await small.stop();
await big.stop();
rmSync(dir, { recursive: true, force: true });

const cpus = os.cpus();
console.log(
  `Directory reads at ${CONNECTIONS} connections, ${SECONDS} s per run, each hub in its own child process, SQLite file`,
);
console.log(
  `${new Date().toISOString()}  Node ${process.version}  ${os.platform()} ${os.arch()}  ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'})`,
);
console.log(
  `Import: ${imported.imported} services from ${imported.pages} pages of a first-generation ORUK feed in ${(importMs / 1000).toFixed(1)} s (${imported.skipped} skipped); again: ${again.imported} updated, ${afterAgain} services stored (no duplicates)`,
);
console.log(`Current services listed: small hub ${sizes.small}, big hub ${sizes.big}`);
console.log('');
const table = [
  [
    'request',
    'p50 small',
    'p99 small',
    'p50 big',
    'p99 big',
    'p99 ratio',
    'CPU ms/req small',
    'CPU ms/req big',
    'req/s big',
    'failed',
  ],
  ...rows.map((r) => [
    r.name,
    r.small.p50.toFixed(2),
    r.small.p99.toFixed(2),
    r.big.p50.toFixed(2),
    r.big.p99.toFixed(2),
    `${(r.big.p99 / r.small.p99).toFixed(2)}×`,
    r.small.cpu.toFixed(3),
    r.big.cpu.toFixed(3),
    r.big.rps.toFixed(0),
    String(r.small.failed + r.big.failed),
  ]),
];
printTable(table[0], table.slice(1));

const verdict = (ok) => (ok ? 'met' : 'NOT met');
console.log('');
console.log(`Targets of issue 14 at ${sizes.big} services, from this run (latencies in ms):`);
for (const r of rows) {
  const ratio = r.big.p99 / r.small.p99;
  console.log(
    `- ${r.name}: p99 ${ratio.toFixed(2)}× the ${sizes.small}-service hub's (must ≤ 2×: ${verdict(ratio <= 2)}); p50 ${r.big.p50.toFixed(2)} ms (must ≤ 10 ms: ${verdict(r.big.p50 <= 10)})`,
  );
}
const failed = rows.filter((r) => r.small.failed + r.big.failed > 0);
if (failed.length > 0) {
  console.error('\n!!! NOT EVERY REQUEST SUCCEEDED: these figures include failures !!!');
  process.exitCode = 1;
}
