// What the directory benchmarks share (bench/directory, and bench/postgres's directory reads):
// the feed served page by page as its publisher serves it, every kind of directory read (/v1
// and /oruk), and one run of a kind at 10 connections spread over one or more hub processes.
import { createServer } from 'node:http';
import { cpuMs, KEYS, load } from '../server/common.mjs';
import { generateFeed } from './feed.mjs';

export const CONNECTIONS = 10;

/** A first-generation ORUK feed of `count` services, /services pages of `perPage` in the API's envelope. */
export async function serveFeed(count, perPage = 200) {
  const feed = generateFeed(count);
  const publisher = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://publisher');
    const page = Math.max(1, Number(url.searchParams.get('page') ?? '1'));
    const totalPages = Math.ceil(feed.length / perPage);
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(
      JSON.stringify({
        totalElements: feed.length,
        totalPages,
        number: page,
        size: perPage,
        first: page === 1,
        last: page >= totalPages,
        content: feed.slice((page - 1) * perPage, page * perPage),
      }),
    );
  });
  await new Promise((resolve) => publisher.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${publisher.address().port}/api`,
    perPage,
    close: () => publisher.close(),
  };
}

const auth = { Authorization: `Bearer ${KEYS.secret}` };
const json = { ...auth, 'Content-Type': 'application/json' };
const search = (body) => ({
  method: 'POST',
  path: '/v1/services/search',
  headers: json,
  body: JSON.stringify(body),
});

/** Every kind of directory read; `someId` a service every hub measured holds (a demo one). */
export const directoryKinds = (someId) => [
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
  { name: 'POST /v1/services/search (postcode)', request: search({ postcode: 'N7 6QX' }) },
  { name: 'POST /v1/services/search (postcode, 5 km)', request: search({ postcode: 'N7 6QX', radiusKm: 5 }) },
  { name: 'POST /v1/services/search (food near)', request: search({ q: 'food', postcode: 'IG11 7QJ' }) },
  {
    name: 'POST /v1/services/search (debt advice near)',
    request: search({ q: 'debt advice', postcode: 'N7 6QX' }),
  },
  { name: 'GET /oruk/services (list)', request: { method: 'GET', path: '/oruk/services' } },
  { name: 'GET /oruk/services?search=food', request: { method: 'GET', path: '/oruk/services?search=food' } },
  { name: 'GET /oruk/service_at_locations', request: { method: 'GET', path: '/oruk/service_at_locations' } },
  { name: 'GET /oruk/organizations', request: { method: 'GET', path: '/oruk/organizations' } },
  { name: 'GET /oruk/taxonomies', request: { method: 'GET', path: '/oruk/taxonomies' } },
  {
    name: 'GET /v1/services/{id}',
    request: { method: 'GET', path: `/v1/services/${someId}`, headers: auth },
  },
];

/** A demo service's id, which every hub started with the demo directory holds. */
export async function demoServiceId(url) {
  return (await (await fetch(`${url}/v1/services?limit=1`, { headers: auth })).json()).data[0].id;
}

/** Current services a hub lists (its ORUK total). */
export async function listedServices(url) {
  return (await (await fetch(`${url}/oruk/services?per_page=1`)).json()).total_items;
}

/** Each kind once by hand on each hub first: a bench of refusals would measure the wrong thing. */
export async function checkKinds(kinds, urls) {
  for (const { name, request } of kinds)
    for (const url of urls) {
      const response = await fetch(`${url}${request.path}`, request);
      if (!response.ok) throw new Error(`${name} answered ${response.status}: ${await response.text()}`);
    }
}

/**
 * One kind at CONNECTIONS connections split evenly across `servers` (as a load balancer would),
 * after a second's warm-up: latencies of all together, requests a second, and CPU per request
 * of the hub processes (`extraPids`: other processes counted too, such as PostgreSQL's).
 */
export async function measureKind(
  servers,
  request,
  seconds,
  cpuOf = (pids) => pids.reduce((n, p) => n + cpuMs(p), 0),
) {
  const share = Math.floor(CONNECTIONS / servers.length);
  await Promise.all(servers.map((s) => load(s.url, request, share, 1))); // JIT, caches, pools
  const pids = servers.map((s) => s.pid);
  const before = cpuOf(pids);
  const runs = await Promise.all(servers.map((s) => load(s.url, request, share, seconds)));
  const ok = runs.reduce((n, r) => n + r.ok, 0);
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Infinity;
  return {
    p50: at(0.5),
    p99: at(0.99),
    rps: runs.reduce((n, r) => n + r.rps, 0),
    ok,
    cpu: (cpuOf(pids) - before) / ok,
    failed: runs.reduce((n, r) => n + r.failed, 0),
  };
}
