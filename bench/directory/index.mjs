// Issue 14's directory figures, from one run: every kind of directory read, /v1 and /oruk, on a
// hub with the demo's 36 services and on a hub with those and 10,000 more imported through
// `directory import` from a realistic Open Referral UK feed (feed.mjs: first-generation API,
// served here page by page over HTTP, as a council publishes it). Each request kind runs at 10
// connections on one hub, then on the other; the ratio of the two p99s is the target.
// CPU per request is the hub process's user + system time over the requests it answered.
//
// Run: npm run bench -- directory   (BENCH_SECONDS=<n> sets each run's length; default 4)
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { importDirectory } from '../../packages/server/src/imports.ts';
import { SqliteStore } from '../../packages/server/src/store/sqlite.ts';
import { hubEnv, printTable, start as startServer } from '../server/common.mjs';
import {
  checkKinds,
  CONNECTIONS,
  demoServiceId,
  directoryKinds,
  listedServices,
  measureKind,
  serveFeed,
} from './common.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const IMPORTED = 10_000;
const dir = mkdtempSync(join(os.tmpdir(), 'hubkit-directory-'));

// The feed, served as its publisher would: /services pages of 200, in the API's own envelope.
const publisher = await serveFeed(IMPORTED);

// The big hub's database: the demo's services (seeded when the hub starts), then the feed.
const bigDb = join(dir, 'big.db');
const importStore = new SqliteStore(bigDb);
const importStarted = performance.now();
const imported = await importDirectory(importStore, publisher.url, { perPage: publisher.perPage });
const importMs = performance.now() - importStarted;
// Again: nothing new (idempotent by the feed's ids).
const again = await importDirectory(importStore, publisher.url, { perPage: publisher.perPage });
const afterAgain = await importStore.countServices();
await importStore.close();
publisher.close();

/** Starts a hub (the server bench's hub.mjs: demo directory, known keys) on `db`. */
const start = (db) => startServer(join(import.meta.dirname, '..', 'server', 'hub.mjs'), hubEnv(db));

const small = await start(join(dir, 'small.db'));
const big = await start(bigDb);
// A demo service, in both hubs.
const kinds = directoryKinds(await demoServiceId(small.url));
await checkKinds(kinds, [small.url, big.url]);
const sizes = { small: await listedServices(small.url), big: await listedServices(big.url) };

const rows = [];
for (const { name, request } of kinds) {
  const row = { name };
  for (const [label, hub] of [
    ['small', small],
    ['big', big],
  ])
    row[label] = await measureKind([hub], request, SECONDS);
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
