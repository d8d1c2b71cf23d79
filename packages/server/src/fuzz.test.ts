/**
 * Property-based fuzzing of a running hub over real HTTP (fast-check). Bad input of every kind
 * (malformed JSON, wrong content types, oversized bodies, unknown fields, wrong types, invalid
 * postcodes, impossible transitions, unknown ids, hostile strings) must get a 4xx problem, never
 * a 5xx; a refusal must store nothing and must not echo a value that was sent, in the answer or
 * in the log.
 *
 * Requests go through node:http rather than fetch, so that paths, methods, headers and bodies
 * reach the server byte for byte (fetch would normalise `..`, refuse some methods and encode
 * every string as UTF-8); the framing properties write raw bytes to a socket.
 *
 * The suite runs on SQLite and on PostgreSQL (`forEachEngine`), each hub on a database of its
 * own (a file, or a database of the test cluster), which a second connection reads to see
 * whether a request wrote anything. On PostgreSQL it makes half the runs (`PG_SHARE`), to keep
 * its time in CI small: the requests and the rules are the same, the store behind them is what
 * differs.
 *
 * A failure prints the seed; reproduce it with `FUZZ_SEED=<seed>`. `FUZZ_RUNS=<factor>` scales
 * the number of runs (for a longer soak: `FUZZ_RUNS=10`).
 */
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import pg from 'pg';
import { REFERRAL_STATUS_CODES, canTransition, problemCodes, type ReferralStatus } from '@hubkit/schema';
import {
  consentByPhone,
  consentByRepresentative,
  consentOnline,
  consentWithSafeguardingOverride,
  councillorDebtAndFood,
  demoDirectory,
  referralJourneys,
  tenantAssessment,
} from '@hubkit/schema/fixtures';
import { routes, type Route, type RouteName } from '@hubkit/schema/routes';
import { uniformRateLimits } from './http/rate-limit.ts';
import { forEachEngine, type Engine } from './testing/engines.ts';
import { KEYS, ORIGIN, PORTAL, type KeyName, type TestHub } from './testing/hub.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_104);
const FACTOR = Number(process.env.FUZZ_RUNS ?? 1);
/** The share of each property's runs made on PostgreSQL. */
const PG_SHARE = 0.5;

/** Every hostile value carries this marker, so that an echo of it anywhere can be found. */
const MARK = 'Qz7hostile';
const BODY_LIMIT = 100 * 1024;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Step = string | number;

// Sending requests exactly as generated

interface Shot {
  method: string;
  /** Path and query, already percent-encoded where a raw byte would be refused by node:http. */
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array | undefined;
  /** Send the body with chunked transfer encoding instead of a Content-Length. */
  chunked?: boolean | undefined;
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string;
  text: string;
}

let port = 0;

function send(shot: Shot): Promise<Reply> {
  return new Promise((resolve, reject) => {
    // A fresh connection each time, so that one request's leftovers cannot spoil the next,
    // sent as keep-alive (as browsers and SDKs send) and closed by us once answered.
    const headers: Record<string, string> = { Connection: 'keep-alive', ...shot.headers };
    // The framing said outright: node:http sends a GET or DELETE body with neither header.
    if (shot.body && shot.chunked) headers['Transfer-Encoding'] = 'chunked';
    else if (shot.body) headers['Content-Length'] = String(shot.body.byteLength);
    const request = http.request(
      { host: '127.0.0.1', port, method: shot.method, path: shot.path, headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          request.destroy();
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            rawHeaders: response.rawHeaders.join('\n'),
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    // After the answer has come, a refused upload may end in EPIPE or a reset: that is fine.
    request.on('error', reject);
    if (!shot.body) {
      request.end();
    } else if (shot.chunked) {
      const half = Math.floor(shot.body.byteLength / 2);
      request.write(shot.body.subarray(0, half));
      request.end(shot.body.subarray(half));
    } else {
      request.end(shot.body);
    }
  });
}

function describeShot(shot: Shot, reply?: Reply): string {
  const cut = (s: string, n = 600) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
  const body = shot.body ? Buffer.from(shot.body) : undefined;
  const lines = [
    `${shot.method} ${cut(shot.path, 300)}`,
    ...Object.entries(shot.headers).map(([k, v]) => `${k}: ${cut(v, 120)}`),
    body
      ? `body (${body.byteLength} bytes${shot.chunked ? ', chunked' : ''}): ${cut(JSON.stringify(body.toString('latin1')))}`
      : 'no body',
  ];
  if (reply) lines.push(`→ ${reply.status} ${String(reply.headers['content-type'])}: ${cut(reply.text)}`);
  return lines.join('\n  ');
}

/** Writes bytes to a new connection as they are, and returns everything the server sends back. */
function sendRaw(bytes: Uint8Array): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = () => {
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A reset after the answer, or a server that waits for more: what came back is the answer.
    socket.on('error', done);
    socket.on('close', done);
    socket.setTimeout(2000, () => socket.destroy());
    socket.end(bytes);
  });
}

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
}

/** The status and headers of each response in a stream of HTTP/1.1 responses. */
function rawAnswers(stream: string): RawAnswer[] {
  const out: RawAnswer[] = [];
  for (const match of stream.matchAll(/HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n((?:[^\r\n]+\r\n)*)\r\n/g)) {
    const headers: Record<string, string> = {};
    for (const line of (match[2] ?? '').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    out.push({ status: Number(match[1]), headers });
  }
  return out;
}

// Percent-encoding that never throws (encodeURIComponent does on lone surrogates).
function pct(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Gives a generated value a short, readable form in fast-check's counterexamples. */
function shown<T extends object>(value: T, text: string): T {
  return Object.assign(value, { [fc.toStringMethod]: () => text });
}

// What the hub stores, seen through a second, read-only connection

/**
 * Idempotency records are left out on purpose: a refusal to a request with an Idempotency-Key
 * is kept as that key's answer (app.ts), so that a retry gets the same refusal.
 */
const NOT_DATA = new Set(['idempotency_keys', 'schema_migrations']);
/**
 * On PostgreSQL, the rate limits' buckets, which every process shares through the database: a
 * request counted is not a request stored (on SQLite they are kept in the hub's memory).
 */
const NOT_DATA_ON_POSTGRES = new Set(['rate_buckets']);
/** Logs that are only ever appended to: a count and the last row number show any change. */
const APPEND_ONLY = new Set(['audit_events', 'events', 'webhook_deliveries']);

/** What the hub stored, read through a second connection of its own. */
interface Stored {
  /** Changes whenever another connection (the hub) commits a write, to any table. */
  version(): Promise<string>;
  /** A fingerprint of every table except the idempotency records. */
  fingerprint(): Promise<Record<string, string>>;
  /** Rows of `table` (with `id`: those with that id). */
  count(table: string, id?: string): Promise<number>;
  close(): Promise<void>;
}

class SqliteStored implements Stored {
  readonly #db: DatabaseSync;
  readonly #tables: string[];

  constructor(file: string) {
    this.#db = new DatabaseSync(file, { readOnly: true });
    this.#tables = (
      this.#db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as {
        name: string;
      }[]
    )
      .map((row) => row.name)
      .filter((name) => !NOT_DATA.has(name) && !name.startsWith('sqlite_'));
  }

  version(): Promise<string> {
    return Promise.resolve(String(this.#db.prepare('PRAGMA data_version').get()?.data_version));
  }

  fingerprint(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const table of this.#tables) {
      if (APPEND_ONLY.has(table)) {
        const row = this.#db.prepare(`SELECT COUNT(*) AS n, MAX(rowid) AS last FROM "${table}"`).get();
        out[table] = `${String(row?.n)} rows, last ${String(row?.last)}`;
        continue;
      }
      // Sorted here: some tables have no rowid, and a changed row must show whatever the order.
      const rows = this.#db
        .prepare(`SELECT * FROM "${table}"`)
        .all()
        .map((r) => JSON.stringify(r))
        .sort();
      out[table] =
        `${rows.length} rows, ${createHash('sha256').update(rows.join('\n')).digest('hex').slice(0, 16)}`;
    }
    return Promise.resolve(out);
  }

  count(table: string, id?: string): Promise<number> {
    const where = id === undefined ? [] : [id];
    return Promise.resolve(
      Number(
        this.#db
          .prepare(`SELECT COUNT(*) AS n FROM "${table}"${id === undefined ? '' : ' WHERE id = ?'}`)
          .get(...where)?.n ?? 0,
      ),
    );
  }

  close(): Promise<void> {
    this.#db.close();
    return Promise.resolve();
  }
}

/**
 * PostgreSQL has no `data_version`, and a hub process writes its shared rate limits' buckets
 * (not a request's data) now and then whatever it answers. So each table's rows are counted with
 * the newest transaction that wrote one of them (`xmin`): an insert or an update writes a row
 * version with a newer one, a delete lowers the count. One statement for every table.
 */
class PostgresStored implements Stored {
  readonly #client: pg.Client;
  #statement = '';

  private constructor(client: pg.Client) {
    this.#client = client;
  }

  static async open(url: string): Promise<PostgresStored> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const stored = new PostgresStored(client);
    const tables = (
      await client.query<{ name: string }>(
        "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
      )
    ).rows
      .map((row) => row.name)
      .filter((name) => !NOT_DATA.has(name) && !NOT_DATA_ON_POSTGRES.has(name));
    stored.#statement = `SELECT ${tables
      .map(
        (table) =>
          `(SELECT COUNT(*) || ' rows, newest by ' || COALESCE(MAX(xmin::text::bigint), 0) FROM "${table}") AS "${table}"`,
      )
      .join(', ')}`;
    return stored;
  }

  async version(): Promise<string> {
    return JSON.stringify(await this.fingerprint());
  }

  async fingerprint(): Promise<Record<string, string>> {
    return (await this.#client.query<Record<string, string>>(this.#statement)).rows[0] ?? {};
  }

  async count(table: string, id?: string): Promise<number> {
    const { rows } = await this.#client.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM "${table}"${id === undefined ? '' : ' WHERE id = $1'}`,
      id === undefined ? [] : [id],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async close(): Promise<void> {
    await this.#client.end();
  }
}

// Hostile values

const hostileStrings = [
  `${MARK}\u0000\u0001\u0007\u0008\u001b[31m\u007f\u0085`,
  `\u202e${MARK}\u202d\u2066\u2067\u2068\u2069\u200f`,
  `<script>alert("${MARK}")</script>`,
  `"><img src=x onerror=alert(1)>${MARK}<!--`,
  `'; DROP TABLE referrals; -- ${MARK}`,
  `${MARK}' OR '1'='1' /*`,
  `${MARK}" OR 1=1; SELECT * FROM api_keys; --`,
  `${MARK} 😀👩‍👩‍👧‍👦🏴󠁧󠁢󠁷󠁬󠁳󠁿 Z̸̡̢͚͈a̷l̶g̴o̵`,
  `\ud800${MARK}\udfff`,
  `${MARK}\r\nSet-Cookie: stolen=1\r\n\r\n`,
  `{{7*7}}\${7*7}<%= 7*7 %>${MARK}`,
  `../../../etc/passwd${MARK}`,
  `${MARK}%00%0d%0a%2e%2e%2f`,
  `\ufeff${MARK}\u200b\u2028\u2029`,
  `"${MARK}"*) OR services_fts MATCH ('x`,
  `${MARK}\\u0000\\"`,
  `  ${MARK}  `,
] as const;

const hostile: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((s) => `${s}${MARK}`) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => `${MARK}${s}`) },
  // 100,000 characters: some ASCII, some that take 3 or 4 bytes each in UTF-8.
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      `${MARK}${'x'.repeat(100_000)}`,
      `${MARK}${'€'.repeat(100_000)}`,
      MARK.repeat(10_000),
    ),
  },
);

/**
 * Hostile values short enough for a URL or a header: node:http refuses requests whose request
 * line and headers pass 16 KiB before the hub sees them (see the framing property).
 */
const hostileShort: fc.Arbitrary<string> = hostile.filter((s) => s.length < 1000);

/** A value of some other type than the one expected. */
const wrongValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    ' ',
    [],
    {},
    [null],
    { '': null },
  ),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Keys a schema does not have, including ones that are dangerous in JavaScript objects. */
const unknownKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'id',
    'status',
    'createdAt',
    'residentId',
    'secret',
    '',
    ' ',
    '$where',
    '__defineGetter__',
  ),
  fc.string({ minLength: 1, maxLength: 30 }),
);

// Fixtures: one or more valid bodies for each route that takes one

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function draftOf(assessment: typeof tenantAssessment): Json {
  const {
    id: _id,
    version: _version,
    residentId: _residentId,
    referralId: _referralId,
    createdAt: _createdAt,
    ...draft
  } = clone(assessment);
  return draft;
}

interface Ids {
  referral: string[];
  resident: string[];
  consent: string[];
  assessment: string[];
  service: string[];
  webhook: string[];
}

function fixturesFor(ids: Ids): Partial<Record<RouteName, Json[]>> {
  const [referralId = randomUUID()] = ids.referral;
  const [serviceId = randomUUID()] = ids.service;
  return {
    createReferral: [
      ...Object.values(referralJourneys).map((r) => clone(r) as unknown as Json),
      { ...(clone(councillorDebtAndFood) as unknown as Record<string, Json>), status: 'draft' },
    ],
    transitionReferral: [
      { to: 'triage' },
      { to: 'assigned', serviceId },
      { to: 'withdrawn', reason: 'The resident moved away.' },
    ],
    recordReferralOutcome: [
      { need: 'food', code: 'food_secured', notes: 'Weekly parcel arranged.' },
      {
        need: 'money_debt',
        code: 'income_maximised',
        amount: { amount: 8640, currency: 'GBP', frequency: 'weekly' },
      },
    ],
    createConsent: [
      consentOnline,
      consentByPhone,
      consentByRepresentative,
      consentWithSafeguardingOverride,
    ].map((c) => ({ ...(clone(c) as unknown as Record<string, Json>), referralId })),
    withdrawConsent: [
      {
        withdrawnAt: '2026-11-20T15:30:00Z',
        method: 'phone',
        recordedBy: { name: 'Sam Okoro', role: 'Triage adviser' },
        reason: 'Changed their mind.',
      },
      { withdrawnAt: '2026-11-20T15:30:00Z', method: 'online' },
    ],
    createAssessment: [{ ...(draftOf(tenantAssessment) as Record<string, Json>), referralId }],
    createAssessmentVersion: [draftOf(tenantAssessment)],
    createSession: [
      { staffRef: 'staff-1042', origin: PORTAL },
      { staffRef: 'team.a:b_c-1', origin: PORTAL, expiresIn: 3600 },
    ],
    searchServices: [
      { q: 'food', need: 'food', postcode: 'N7 6QX', radiusKm: 5, limit: 10 },
      { postcode: 'nw104hg' },
      { q: 'advice' },
    ],
    createWebhookEndpoint: [
      {
        url: 'https://partner.example.org/hooks',
        events: ['referral.created', 'referral.status_changed'],
        description: 'Case system',
      },
    ],
  };
}

// Mutations of a fixture, as instructions resolved against the value they are applied to

function pathsIn(value: Json, at: Step[] = [], out: Step[][] = []): Step[][] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => pathsIn(v, [...at, i], out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) pathsIn(v, [...at, k], out);
  return out;
}

function getAt(value: Json, path: readonly Step[]): Json | undefined {
  let node: Json | undefined = value;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[Number(step)] : node[String(step)];
  }
  return node;
}

/** Sets a key as an own property, even `__proto__`, so that it is sent. */
function own(target: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function parentAndKey(
  root: Json,
  path: readonly Step[],
): { parent: Json[] | Record<string, Json>; key: Step } | null {
  if (path.length === 0) return null;
  const parent = getAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (parent === null || typeof parent !== 'object' || key === undefined) return null;
  return { parent, key };
}

type Mutation =
  | { kind: 'drop'; pick: number }
  | { kind: 'wrongType'; pick: number; value: Json }
  | { kind: 'unknownField'; pick: number; key: string; value: Json }
  | { kind: 'hostile'; pick: number; value: string }
  /** A reference to another record: one that exists, one of another kind, or none at all. */
  | { kind: 'id'; field: string; value: string };

function mutate(input: Json, mutations: readonly Mutation[]): Json {
  let root = clone(input);
  for (const m of mutations) {
    if (m.kind === 'id') {
      if (root !== null && typeof root === 'object' && !Array.isArray(root)) own(root, m.field, m.value);
      continue;
    }
    const all = pathsIn(root);
    if (m.kind === 'hostile') {
      const strings = all.filter((p) => typeof getAt(root, p) === 'string');
      const path = strings[m.pick % Math.max(1, strings.length)];
      const at = path && parentAndKey(root, path);
      if (at) {
        if (Array.isArray(at.parent)) at.parent[Number(at.key)] = m.value;
        else own(at.parent, String(at.key), m.value);
      }
      continue;
    }
    if (m.kind === 'unknownField') {
      const objects = all.filter((p) => {
        const v = getAt(root, p);
        return v !== null && typeof v === 'object' && !Array.isArray(v);
      });
      const target = getAt(root, objects[m.pick % Math.max(1, objects.length)] ?? []);
      if (target && typeof target === 'object' && !Array.isArray(target)) own(target, m.key, m.value);
      continue;
    }
    const path = all[m.pick % all.length] ?? [];
    if (path.length === 0) {
      root = m.kind === 'drop' ? {} : m.value;
      continue;
    }
    const at = parentAndKey(root, path);
    if (!at) continue;
    if (m.kind === 'drop') {
      if (Array.isArray(at.parent)) at.parent.splice(Number(at.key), 1);
      else Reflect.deleteProperty(at.parent, String(at.key));
    } else if (Array.isArray(at.parent)) {
      at.parent[Number(at.key)] = m.value;
    } else {
      own(at.parent, String(at.key), m.value);
    }
  }
  return root;
}

const referenceFields = ['consentId', 'requestedServiceId', 'referralId', 'residentId', 'serviceId'] as const;

function mutationArbitrary(ids: Ids): fc.Arbitrary<Mutation> {
  const known = Object.values(ids).flat();
  return fc.oneof(
    fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('wrongType' as const), pick: fc.nat(), value: wrongValue }),
    fc.record({
      kind: fc.constant('unknownField' as const),
      pick: fc.nat(),
      key: unknownKey,
      value: wrongValue,
    }),
    fc.record({ kind: fc.constant('hostile' as const), pick: fc.nat(), value: hostile }),
    fc.record({
      kind: fc.constant('id' as const),
      field: fc.constantFrom(...referenceFields),
      value: fc.oneof(
        fc.constantFrom(...known),
        fc.uuid({ version: 4 }),
        fc.constantFrom(...known).map((id) => id.toUpperCase()),
      ),
    }),
  );
}

// Bodies

interface Body {
  bytes?: Uint8Array | undefined;
  chunked?: boolean;
  /** What kind of body it is, for the counterexample. */
  label: string;
}

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

/** Byte sequences that are not UTF-8: a lone continuation byte, overlong forms, a UTF-16 surrogate, truncation. */
const invalidUtf8 = [
  [0xff],
  [0xfe, 0xff],
  [0x80],
  [0xc0, 0x80],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82],
];

function bodyArbitrary(fixtures: readonly Json[], ids: Ids): fc.Arbitrary<Body> {
  const fixture = fc.constantFrom(...fixtures);
  const mutation = mutationArbitrary(ids);
  const json = (value: Json, label: string): Body => ({ bytes: utf8(JSON.stringify(value)), label });
  return fc.oneof(
    { weight: 2, arbitrary: fixture.map((f) => json(f, 'valid fixture')) },
    {
      weight: 8,
      arbitrary: fc
        .tuple(fixture, fc.array(mutation, { minLength: 1, maxLength: 3 }))
        .map(([f, ms]) => json(mutate(f, ms), `mutated fixture (${ms.map((m) => m.kind).join(', ')})`)),
    },
    { weight: 2, arbitrary: fc.jsonValue().map((v) => json(v as Json, 'arbitrary JSON')) },
    {
      weight: 3,
      arbitrary: fc
        .oneof(
          fc.tuple(fixture, fc.nat()).map(([f, n]) => {
            const text = JSON.stringify(f);
            return text.slice(0, n % text.length);
          }),
          fc.constantFrom(
            '{',
            '}',
            '[',
            '{"a":}',
            '{"a" 1}',
            "{'a': 1}",
            '{"a":1,}',
            '[1,2,]',
            'NaN',
            'undefined',
            'null',
            'true',
            '0',
            '"x"',
            '{"a":1}{"b":2}',
            '{"a":1} trailing',
            '/* c */ {}',
            '\ufeff{}',
            '{"a":"\\x41"}',
            '{"a":"\\ud800"}',
            '{"a":01}',
            '{"a":1e999}',
            '{"a":-}',
          ),
          fc.string({ unit: 'binary', maxLength: 200 }),
        )
        .map((text) => ({ bytes: utf8(text), label: 'malformed JSON' })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Body>(
        { label: 'no body' },
        { bytes: new Uint8Array(), label: 'empty body' },
        { bytes: utf8(' \n\t '), label: 'blank body' },
      ),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(fixture, fc.nat(), fc.constantFrom(...invalidUtf8)).map(([f, pick, bad]) => {
        const marked = mutate(f, [{ kind: 'hostile', pick, value: `${MARK}@@BAD@@` }]);
        const [head = '', tail = ''] = JSON.stringify(marked).split('@@BAD@@');
        return {
          bytes: new Uint8Array(Buffer.concat([Buffer.from(head), Buffer.from(bad), Buffer.from(tail)])),
          label: 'invalid UTF-8',
        };
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fixture, fc.nat(), fc.integer({ min: BODY_LIMIT + 1, max: 3 * BODY_LIMIT }), fc.boolean())
        .map(([f, pick, size, chunked]) => ({
          bytes: utf8(
            JSON.stringify(mutate(f, [{ kind: 'hostile', pick, value: `${MARK}${'a'.repeat(size)}` }])),
          ),
          chunked,
          label: 'oversized body',
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 100, max: 40_000 }), fc.constantFrom('[', '{"a":'))
        .map(([depth, open]) => ({
          bytes: utf8(`${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}`),
          label: 'deeply nested JSON',
        })),
    },
  );
}

// Paths, queries and headers

const UUID_UPPER = (id: string) => id.toUpperCase();

function idArbitrary(pool: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: pool.length ? fc.constantFrom(...pool) : fc.uuid() },
    { weight: 1, arbitrary: pool.length ? fc.constantFrom(...pool).map(UUID_UPPER) : fc.uuid() },
    { weight: 3, arbitrary: fc.uuid({ version: [1, 2, 3, 4, 5, 6, 7, 8] }) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        '..%2f..%2fetc%2fpasswd',
        '..',
        '.',
        '%2e%2e',
        '%2e%2e%2f',
        '%00',
        '%',
        '%zz',
        '00000000-0000-0000-0000-000000000000',
        'ffffffff-ffff-ffff-ffff-ffffffffffff',
        'a'.repeat(2000),
        '0',
        '-1',
        '1e3',
        'null',
        'undefined',
        '%E2%80%AE',
        "1'%20OR%20'1'%3D'1",
        '{id}',
        ':id',
        '*',
      ),
    },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }).map(pct) },
    { weight: 1, arbitrary: hostileShort.map(pct) },
  );
}

const versionArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '1',
    '2',
    '0',
    '-1',
    '01',
    '1.5',
    '1e2',
    '999999999',
    '9999999999',
    '4294967296',
    '9007199254740993',
    'latest',
    '%31',
  ),
  fc.nat({ max: 20 }).map(String),
  fc.string({ maxLength: 20 }).map(pct),
);

const queryKeys = [
  'limit',
  'cursor',
  'status',
  'need',
  'q',
  'createdSince',
  'updatedSince',
  'residentId',
  'referralId',
  'from',
  'to',
  'suppressSmallNumbers',
  'resourceType',
  'resourceId',
  'since',
  'postcode',
] as const;

const cursorArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
  fc
    .array(
      fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.double(),
        fc.integer(),
        fc.constant('2026-01-01T00:00:00.000Z'),
      ),
      { maxLength: 3 },
    )
    .map((keys) => Buffer.from(JSON.stringify(keys)).toString('base64url')),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    'WzFdXQ',
    'W10',
    'WyIiXQ',
    'WzFlOTk5XQ',
    'WyItMSJd',
    'Wy05OTk5OTk5XQ',
    '%',
    'x'.repeat(600),
  ),
);

const queryValue = (ids: Ids): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(
      'food',
      'housing',
      'submitted',
      'closed',
      'referral',
      'true',
      'false',
      '10',
      '0',
      '-1',
      '101',
      '1e3',
      '1.5',
      '',
      ' ',
      '2026-01-01',
      '2026-13-45',
      '2026-11-02T10:14:00Z',
      'N7 6QX',
      'yesterday',
    ),
    fc.uuid(),
    fc.constantFrom(...Object.values(ids).flat()),
    cursorArbitrary,
    fc.string({ maxLength: 30 }),
    hostileShort,
  );

const queryArbitrary = (ids: Ids): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant('') },
    {
      weight: 6,
      arbitrary: fc
        .array(
          fc.tuple(
            fc.oneof(
              { weight: 4, arbitrary: fc.constantFrom(...queryKeys) },
              { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
            ),
            queryValue(ids),
          ),
          {
            maxLength: 5,
          },
        )
        .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${pct(k)}=${pct(v)}`).join('&')}` : '')),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '?',
        '?&&&',
        '?=',
        '?%',
        '?%zz=1',
        '?limit=1&limit=2',
        '?q',
        '?q=a+b',
        '?limit=%00',
        `?q=${'a'.repeat(4000)}`,
        '?need[]=food',
        '?need=food&need=housing',
      ),
    },
  );

function pathArbitrary(route: Route, ids: Ids): fc.Arbitrary<string> {
  const pool = route.path.startsWith('/v1/referrals')
    ? ids.referral
    : route.path.startsWith('/v1/consents')
      ? ids.consent
      : route.path.startsWith('/v1/assessments')
        ? ids.assessment
        : route.path.startsWith('/v1/services')
          ? ids.service
          : ids.webhook;
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  const values = fc.tuple(...params.map((p) => (p === 'version' ? versionArbitrary : idArbitrary(pool))));
  const suffix = fc.oneof(
    { weight: 10, arbitrary: fc.constant('') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '/',
        '//',
        '/..',
        '/../..',
        '/%2e%2e/',
        '/.',
        '/extra',
        '%2f',
        ';a=1',
        '#x',
        `/${'b'.repeat(2000)}`,
      ),
    },
  );
  return fc.tuple(values, suffix, queryArbitrary(ids)).map(([vals, end, query]) => {
    let i = 0;
    return `${route.path.replace(/\{\w+\}/g, () => vals[i++] ?? '')}${end}${query}`;
  });
}

/** Header values node:http will send: visible Latin-1 and tabs, no line breaks. */
const headerText = (maxLength: number) =>
  fc.string({
    unit: fc
      .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff }), fc.constant(0x09))
      .map((c) => String.fromCharCode(c)),
    maxLength,
  });

const authorization: fc.Arbitrary<string | null> = fc.oneof(
  {
    // Mostly the secret key, which may call every route, so that most requests get past the door.
    weight: 12,
    arbitrary: fc
      .constantFrom<KeyName>(
        'secret',
        'secret',
        'secret',
        'secret',
        'provider',
        'provider',
        'publishable',
        'otherPublishable',
      )
      .map((k) => `Bearer ${KEYS[k]}`),
  },
  { weight: 1, arbitrary: fc.constant(null) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.constantFrom(
        'Bearer',
        'Bearer ',
        'bearer sk_test_x',
        'Basic dXNlcjpwYXNz',
        `Bearer ${KEYS.secret} extra`,
        `Bearer  ${KEYS.secret}`,
        `Bearer ${KEYS.secret.toUpperCase()}`,
        `Bearer sk_${MARK}`,
        `Bearer pk_${MARK}`,
        `Bearer ${'k'.repeat(3000)}`,
        `Token ${KEYS.secret}`,
      ),
      headerText(80).map((s) => `Bearer ${s}`),
      headerText(80),
    ),
  },
);

const contentType: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 10, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      null,
      'application/json; charset=utf-8',
      'application/problem+json',
      'APPLICATION/JSON',
      'application/json; charset=latin1',
      'application/json;',
      'application/jsonx',
      'text/json',
      'text/plain',
      'text/html',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=xyz',
      'application/xml',
      'application/octet-stream',
      '*/*',
      '',
      ';',
      'application/+json',
    ),
  },
  { weight: 1, arbitrary: headerText(60) },
);

const idempotencyKey: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.uuid() },
  // The same few keys again and again, so replays with other bodies and paths happen.
  { weight: 3, arbitrary: fc.constantFrom('fuzz-replay-1', 'fuzz-replay-2', 'fuzz-replay-3') },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.constantFrom('', ' ', 'a b', 'k'.repeat(256), 'k'.repeat(1000), 'é', '\t'),
      headerText(300),
    ),
  },
);

const optionalHeaders: fc.Arbitrary<Record<string, string>> = fc
  .record(
    {
      Origin: fc.oneof(
        fc.constantFrom(
          ORIGIN,
          'https://other.example.org',
          'https://evil.example',
          'null',
          `${ORIGIN}/`,
          'HTTPS://VCS.EXAMPLE.ORG',
        ),
        headerText(40),
      ),
      'Accept-Language': fc.oneof(
        fc.constantFrom('cy', 'cy-GB, en;q=0.5', 'en;q=abc', '*', 'cy;q=2'),
        headerText(40),
      ),
      'X-Correlation-Id': fc.oneof(fc.uuid(), headerText(300)),
      Accept: fc.constantFrom('application/json', 'text/html', '*/*', 'application/xml'),
      'Content-Encoding': fc.constantFrom('gzip', 'br', 'identity'),
    },
    { requiredKeys: [] },
  )
  .map((h) =>
    Object.fromEntries(Object.entries(h).filter((e): e is [string, string] => typeof e[1] === 'string')),
  );

/** Methods node:http parses; one it does not know is refused before the hub sees it (see the framing property). */
const otherMethods = [
  'GET',
  'POST',
  'DELETE',
  'PUT',
  'PATCH',
  'HEAD',
  'OPTIONS',
  'TRACE',
  'PROPFIND',
  'PURGE',
  'SEARCH',
  'QUERY',
] as const;

// The suite

forEachEngine(fuzz);

function fuzz(engine: Engine): void {
  describe('fuzz: no request can make the hub fail, store a refusal or echo what was sent', () => {
    let hub: TestHub;
    let database: Stored;
    const share = engine.name === 'PostgreSQL' ? PG_SHARE : 1;
    const runs = (n: number) => Math.max(1, Math.round(n * FACTOR * share));
    let sent = 0;
    /** What the hub answered, by status and problem code, to show what a property reached. */
    const tally = new Map<string, number>();
    const ids: Ids = { referral: [], resident: [], consent: [], assessment: [], service: [], webhook: [] };
    /** Referrals in each status, for the lifecycle property only. */
    const inStatus = new Map<ReferralStatus, string>();
    const settings = { seed: SEED } as const;

    /** Calls that set things up or look at them, not fuzzed: they must succeed. */
    async function setup<T = { id: string; status: string }>(
      method: string,
      path: string,
      body?: unknown,
      key: KeyName = 'secret',
    ): Promise<T> {
      const answer = await hub.request<T>(method, path, { key, ...(body === undefined ? {} : { body }) });
      assert.ok(answer.status < 300, `setup ${method} ${path} → ${answer.status} ${answer.text}`);
      return answer.body;
    }

    /** Sends a request; no answer at all fails the property too. */
    async function sendOrFail(shot: Shot): Promise<Reply> {
      try {
        const reply = await send(shot);
        sent += 1;
        const code = reply.status >= 400 ? (/"code":"(\w+)"/.exec(reply.text)?.[1] ?? '') : '';
        const tallyKey = `${reply.status}${code ? ` ${code}` : ''}`;
        tally.set(tallyKey, (tally.get(tallyKey) ?? 0) + 1);
        return reply;
      } catch (error) {
        throw new Error(`No answer (${String(error)}) to:\n  ${describeShot(shot)}`, { cause: error });
      }
    }

    /** What every answer must be: not a 5xx; a 4xx is a problem with a request id that repeats nothing sent. */
    function assertAnswer(shot: Shot, reply: Reply): void {
      const where = `\n  ${describeShot(shot, reply)}`;
      assert.ok(reply.status >= 200 && reply.status < 500, `status ${reply.status}:${where}`);
      assert.match(String(reply.headers['x-request-id']), /^req_[\w-]+$/, `no X-Request-Id:${where}`);
      if (reply.status < 400) return;
      assert.match(
        String(reply.headers['content-type']),
        /^application\/problem\+json(;|$)/,
        `not a problem:${where}`,
      );
      assert.ok(
        !reply.text.includes(MARK) && !reply.rawHeaders.includes(MARK),
        `the refusal repeats a value that was sent:${where}`,
      );
      if (shot.method === 'HEAD') return;
      let problem: unknown;
      try {
        problem = JSON.parse(reply.text);
      } catch {
        assert.fail(`the problem is not JSON:${where}`);
      }
      const p = problem as Record<string, unknown>;
      assert.equal(p.status, reply.status, `problem status:${where}`);
      assert.ok(typeof p.title === 'string' && p.title.length > 0, `problem title:${where}`);
      assert.ok(
        typeof p.code === 'string' && (problemCodes as readonly string[]).includes(p.code),
        `problem code:${where}`,
      );
      assert.equal(p.type, `https://hubkit.dev/problems/${p.code}`, `problem type:${where}`);
      if (reply.headers['idempotent-replayed'] === undefined) {
        assert.equal(p.requestId, reply.headers['x-request-id'], `problem requestId:${where}`);
      }
    }

    function assertLogsFrom(from: number, about: string): void {
      for (const line of hub.logs.slice(from)) {
        assert.ok(
          !line.includes(MARK),
          `the log repeats a value that was sent: ${line.slice(0, 400)}${about}`,
        );
      }
    }

    /**
     * Sends one request and checks what must hold for every request: the answer (assertAnswer),
     * a log that repeats nothing sent, and for a 4xx, stored data exactly as it was.
     */
    async function fire(shot: Shot): Promise<Reply> {
      // Without an Idempotency-Key a refusal may write nothing at all, which the database's
      // data_version shows cheaply; with one it may write its idempotency record and nothing
      // else, which takes a fingerprint of every other table.
      const keyed = Object.keys(shot.headers).some((h) => h.toLowerCase() === 'idempotency-key');
      const versionBefore = await database.version();
      const before = keyed ? await database.fingerprint() : undefined;
      const logFrom = hub.logs.length;
      const reply = await sendOrFail(shot);
      // The hub logs an unexpected error with its stack (never the request's data): show it.
      const errors = hub.logs.slice(logFrom).filter((line) => line.includes('"stack"'));
      const where = `\n  ${describeShot(shot, reply)}${errors.map((e) => `\n  hub log: ${e.slice(0, 1500)}`).join('')}`;
      assertLogsFrom(logFrom, where);
      assertAnswer(shot, reply);
      if (reply.status >= 400) {
        if (before) {
          const after = await database.fingerprint();
          const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
          const what = changed.map((t) => `${t} (${String(before[t])} → ${String(after[t])})`).join(', ');
          assert.deepEqual(changed, [], `a ${reply.status} changed ${what}:${where}`);
        } else {
          assert.equal(
            await database.version(),
            versionBefore,
            `a ${reply.status} wrote to the database:${where}`,
          );
        }
      }
      return reply;
    }

    async function check<Ts extends [unknown, ...unknown[]]>(
      name: string,
      property: fc.IAsyncProperty<Ts>,
      numRuns: number,
    ): Promise<void> {
      const started = performance.now();
      const from = sent;
      tally.clear();
      try {
        await fc.assert(property, { ...settings, numRuns: runs(numRuns) });
      } catch (error) {
        console.error(`fuzz "${name}" failed with seed ${SEED}: rerun with FUZZ_SEED=${SEED}`);
        throw error;
      }
      const answers = [...tally].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ×${n}`);
      console.log(
        `# ${name}: ${sent - from} requests in ${Math.round(performance.now() - started)} ms (seed ${SEED}): ${answers.join(', ')}`,
      );
    }

    const shotOf = (
      method: string,
      path: string,
      body: Body,
      headers: Record<string, string | null>,
    ): Shot => {
      const shot: Shot = {
        method,
        path,
        headers: Object.fromEntries(
          Object.entries(headers).filter((e): e is [string, string] => e[1] !== null),
        ),
        body: body.bytes,
        chunked: body.chunked,
      };
      // fast-check prints counterexamples with this: the request as it was sent, not a byte array.
      return Object.assign(shot, { [fc.toStringMethod]: () => `${body.label}: ${describeShot(shot)}` });
    };

    before(async () => {
      const db = await engine.database();
      hub = await engine.testHub({
        db,
        // Nothing may write behind the fuzzer's back: no webhook deliveries, no rate limit.
        webhooks: { intervalMs: 3_600_000 },
        rateLimits: uniformRateLimits({ perSecond: 1e6, burst: 1e6 }),
      });
      port = hub.port;
      database = engine.name === 'PostgreSQL' ? await PostgresStored.open(db) : new SqliteStored(db);

      ids.service.push(...demoDirectory.slice(0, 3).map((s) => s.id));
      for (const journey of Object.values(referralJourneys).slice(0, 3)) {
        const made = await setup<{ id: string; residentId: string }>('POST', '/v1/referrals', journey);
        ids.referral.push(made.id);
        ids.resident.push(made.residentId);
      }
      const [referralId = ''] = ids.referral;
      ids.consent.push((await setup('POST', '/v1/consents', consentOnline, 'publishable')).id);
      ids.consent.push((await setup('POST', '/v1/consents', { ...consentByPhone, referralId })).id);
      // A withdrawn consent, and with it a referral that is no longer shared with providers.
      const withdrawn = (
        await setup('POST', '/v1/consents', { ...consentByRepresentative, referralId: ids.referral[2] })
      ).id;
      await setup('POST', `/v1/consents/${withdrawn}/withdraw`, {
        withdrawnAt: '2026-11-20T15:30:00Z',
        method: 'online',
      });
      ids.consent.push(withdrawn);
      ids.assessment.push(
        (await setup('POST', '/v1/assessments', { ...(draftOf(tenantAssessment) as object), referralId })).id,
      );
      ids.webhook.push(
        (
          await setup('POST', '/v1/webhook-endpoints', {
            url: 'https://partner.example.org/hooks',
            events: ['referral.created'],
          })
        ).id,
      );

      // One referral in every status of the lifecycle, reached the way the lifecycle allows.
      const [serviceId = ''] = ids.service;
      const make = async (status: 'draft' | 'submitted') =>
        (await setup('POST', '/v1/referrals', { ...councillorDebtAndFood, status })).id;
      const move = (id: string, to: ReferralStatus, extra: object = {}, key: KeyName = 'secret') =>
        setup('POST', `/v1/referrals/${id}/transitions`, { to, ...extra }, key);
      const along = async (...steps: [ReferralStatus, object?][]) => {
        const id = await make('submitted');
        for (const [to, extra] of steps) await move(id, to, extra);
        return id;
      };
      inStatus.set('draft', await make('draft'));
      inStatus.set('submitted', await make('submitted'));
      inStatus.set('triage', await along(['triage']));
      inStatus.set('accepted', await along(['triage'], ['accepted']));
      inStatus.set('declined', await along(['triage'], ['declined', { reason: 'Not for this hub.' }]));
      inStatus.set(
        'returned',
        await along(['triage'], ['returned', { reason: 'Please add a phone number.' }]),
      );
      inStatus.set('assigned', await along(['triage'], ['accepted'], ['assigned', { serviceId }]));
      inStatus.set('in_progress', await along(['triage'], ['accepted'], ['in_progress']));
      inStatus.set('withdrawn', await along(['withdrawn', { reason: 'Moved away.' }]));
      const closing = await along(['triage'], ['accepted'], ['in_progress']);
      await setup('POST', `/v1/referrals/${closing}/outcomes`, { need: 'money_debt', code: 'advice_given' });
      await setup('POST', `/v1/referrals/${closing}/outcomes`, { need: 'food', code: 'food_secured' });
      await move(closing, 'closed');
      inStatus.set('closed', closing);
      for (const status of REFERRAL_STATUS_CODES) {
        const referral = await setup<{ status: string }>(
          'GET',
          `/v1/referrals/${inStatus.get(status) ?? ''}`,
        );
        assert.equal(referral.status, status);
      }
    });

    after(async () => {
      // The hub is closed by forEachEngine, after this.
      await database.close();
    });

    it('any method, path, query, headers and body on every route', async () => {
      const fixtures = fixturesFor(ids);
      const allFixtures = Object.values(fixtures).flat();
      const names = Object.keys(routes) as RouteName[];
      const shot = fc.constantFrom(...names).chain((name) => {
        const route: Route = routes[name];
        return fc
          .record({
            method: fc.oneof(
              { weight: 6, arbitrary: fc.constant(route.method) },
              { weight: 1, arbitrary: fc.constantFrom(...otherMethods) },
            ),
            path: pathArbitrary(route, ids),
            body: fc.oneof(
              { weight: route.body ? 1 : 4, arbitrary: fc.constant<Body>({ label: 'no body' }) },
              { weight: 3, arbitrary: bodyArbitrary(fixtures[name] ?? allFixtures, ids) },
              { weight: 1, arbitrary: bodyArbitrary(allFixtures, ids) },
            ),
            authorization,
            contentType,
            idempotencyKey,
            extra: optionalHeaders,
          })
          .map(({ method, path, body, authorization: auth, contentType: type, idempotencyKey: key, extra }) =>
            shotOf(method, path, body, {
              ...extra,
              Authorization: auth,
              'Content-Type': body.bytes ? type : null,
              'Idempotency-Key': key,
            }),
          );
      });
      await check(
        'every route',
        fc.asyncProperty(shot, async (s) => {
          await fire(s);
        }),
        1000,
      );
    });

    it('bad bodies on every route that takes one: malformed, empty, wrong type, oversized, not UTF-8, mutated fixtures', async () => {
      const fixtures = fixturesFor(ids);
      const names = (Object.keys(routes) as RouteName[]).filter(
        (n) => (routes[n] as Route).body !== undefined,
      );
      const shot = fc.constantFrom(...names).chain((name) => {
        const route: Route = routes[name];
        const pool = name.startsWith('createAssessmentVersion')
          ? ids.assessment
          : name === 'withdrawConsent'
            ? ids.consent
            : ids.referral;
        return fc
          .record({
            id: fc.constantFrom(...pool),
            body: bodyArbitrary(fixtures[name] ?? [], ids),
            key: fc.constantFrom<KeyName>('secret', 'secret', 'provider', 'publishable'),
            contentType,
            idempotencyKey,
          })
          .map(({ id, body, key, contentType: type, idempotencyKey: idem }) =>
            shotOf(route.method, route.path.replace('{id}', id), body, {
              Authorization: `Bearer ${KEYS[key]}`,
              'Content-Type': type,
              'Idempotency-Key': idem,
              ...(key === 'publishable' ? { Origin: ORIGIN } : {}),
            }),
          );
      });
      await check(
        'bad bodies',
        fc.asyncProperty(shot, async (s) => {
          await fire(s);
        }),
        800,
      );
    });

    it('invalid postcodes, in a directory search and in a referral', async () => {
      const postcode = fc.oneof(
        fc.constantFrom(
          'N7 6QX',
          'nw104hg',
          ' IG11 9QP ',
          'BL9 6ST',
          'N7',
          'SW1A 1AA',
          'EH1 1YZ',
          'BT1 1AA',
          'GIR 0AA',
          'ZZ99 9ZZ',
          'N7 6Q',
          '123 456',
          'N76QXX',
          'n 7 6 q x',
          '',
          ' ',
          'N7\u00a06QX',
          'Ｎ７ ６ＱＸ',
          'N7 6QX\u0000',
          'N7 6QX; DROP TABLE services',
        ),
        fc.string({ maxLength: 12 }),
        fc.stringMatching(/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/),
        hostile,
      );
      const search = fc
        .record({
          postcode,
          radiusKm: fc.option(fc.oneof(fc.double({ min: -10, max: 500, noNaN: true }), fc.constant(0.1)), {
            nil: undefined,
          }),
          q: fc.option(fc.constantFrom('food', 'advice', '"', '*', 'NEAR(a b)', 'a OR b'), {
            nil: undefined,
          }),
        })
        .map((b) =>
          shotOf(
            'POST',
            '/v1/services/search',
            { bytes: utf8(JSON.stringify(b)), label: 'search' },
            { Authorization: `Bearer ${KEYS.secret}`, 'Content-Type': 'application/json' },
          ),
        );
      const referral = fc
        .tuple(fc.constantFrom(...Object.values(referralJourneys)), postcode)
        .map(([journey, code]) => {
          const body = clone(journey) as unknown as { resident: { address?: Record<string, string> } };
          body.resident.address = { line1: '1 Test Street', town: 'London', postcode: code };
          return shotOf(
            'POST',
            '/v1/referrals',
            { bytes: utf8(JSON.stringify(body)), label: 'referral' },
            {
              Authorization: `Bearer ${KEYS.publishable}`,
              Origin: ORIGIN,
              'Content-Type': 'application/json',
            },
          );
        });
      await check(
        'invalid postcodes',
        fc.asyncProperty(fc.oneof(search, referral), async (s) => {
          const reply = await fire(s);
          if (s.path === '/v1/services/search')
            assert.ok(
              // A lone surrogate is sent as its escape ("\ud800"), which no store can hold: 400.
              /\p{Cs}/u.test(
                (JSON.parse(Buffer.from(s.body ?? []).toString()) as { postcode: string }).postcode,
              )
                ? reply.status === 400 && reply.text.includes('"invalid_json"')
                : [200, 413, 422].includes(reply.status),
              `search → ${reply.status} ${reply.text.slice(0, 300)}`,
            );
        }),
        300,
      );
    });

    it('impossible lifecycle transitions from every status are refused and change nothing', async () => {
      const roleOf = {
        secret: 'hub',
        provider: 'provider',
        publishable: 'referrer',
        otherPublishable: 'referrer',
      } as const;
      const [knownService = ''] = ids.service;
      const attempt = fc
        .record({
          from: fc.constantFrom(...REFERRAL_STATUS_CODES),
          to: fc.oneof(
            { weight: 8, arbitrary: fc.constantFrom(...REFERRAL_STATUS_CODES) },
            { weight: 1, arbitrary: fc.constantFrom('open', 'CLOSED', '', 'deleted') },
          ),
          key: fc.constantFrom<KeyName>('secret', 'secret', 'secret', 'provider', 'provider', 'publishable'),
          reason: fc.option(
            fc.oneof(
              { weight: 3, arbitrary: fc.constantFrom('Because.', '', '   ') },
              { weight: 1, arbitrary: hostile },
            ),
            { nil: undefined },
          ),
          serviceId: fc.option(fc.oneof(fc.constant(knownService), fc.uuid({ version: 4 })), {
            nil: undefined,
          }),
          idempotencyKey: fc.option(fc.uuid(), { nil: undefined }),
        })
        .filter(({ from, to, key, reason, serviceId }) => {
          if (key !== 'secret' && key !== 'provider') return true;
          if (!(REFERRAL_STATUS_CODES as readonly string[]).includes(to)) return true;
          if (to === 'assigned' && serviceId !== undefined && serviceId !== knownService) return true;
          const needs = councillorDebtAndFood.needs.map((n) => n.code);
          return !canTransition(from, to as ReferralStatus, roleOf[key], {
            reason,
            serviceId,
            needs,
            outcomeNeeds: from === 'closed' ? needs : [],
          });
        });
      await check(
        'impossible transitions',
        fc.asyncProperty(attempt, async ({ from, to, key, reason, serviceId, idempotencyKey: idem }) => {
          const id = inStatus.get(from) ?? '';
          const before = await setup<unknown>('GET', `/v1/referrals/${id}`);
          const body = {
            to,
            ...(reason === undefined ? {} : { reason }),
            ...(serviceId === undefined ? {} : { serviceId }),
          };
          const reply = await fire(
            shotOf(
              'POST',
              `/v1/referrals/${id}/transitions`,
              { bytes: utf8(JSON.stringify(body)), label: 'transition' },
              {
                Authorization: `Bearer ${KEYS[key]}`,
                'Content-Type': 'application/json',
                'Idempotency-Key': idem ?? null,
                ...(key === 'publishable' ? { Origin: ORIGIN } : {}),
              },
            ),
          );
          assert.ok(
            reply.status >= 400 && reply.status < 500,
            `${from} → ${to} by ${key} answered ${reply.status}: ${reply.text.slice(0, 300)}`,
          );
          assert.deepEqual(
            await setup<unknown>('GET', `/v1/referrals/${id}`),
            before,
            `${from} → ${to} by ${key} changed the referral`,
          );
        }),
        300,
      );
    });

    it('the same request at the same moment: one referral per Idempotency-Key, and no collisions', async () => {
      const [assessmentId = ''] = ids.assessment;
      const journeys = Object.values(referralJourneys);
      const json = (body: unknown, headers: Record<string, string | null> = {}) => ({
        body: { bytes: utf8(JSON.stringify(body)), label: 'concurrent' },
        headers: { Authorization: `Bearer ${KEYS.secret}`, 'Content-Type': 'application/json', ...headers },
      });
      const race = fc.record({
        kind: fc.constantFrom(
          'same referral',
          'same key, other bodies',
          'transition',
          'assessment version',
          'outcome',
        ),
        copies: fc.integer({ min: 2, max: 6 }),
        journey: fc.nat(),
      });
      await check(
        'concurrent duplicates',
        fc.asyncProperty(race, async ({ kind, copies, journey }) => {
          // A key never used before (fast-check would repeat its favourite UUIDs across runs).
          const key = randomUUID();
          let shots: Shot[];
          let target = '';
          if (kind === 'same referral' || kind === 'same key, other bodies') {
            shots = Array.from({ length: copies }, (_, i) => {
              const { body, headers } = json(
                journeys[(journey + (kind === 'same referral' ? 0 : i)) % journeys.length],
                { 'Idempotency-Key': key },
              );
              return shotOf('POST', '/v1/referrals', body, headers);
            });
          } else if (kind === 'transition') {
            target = (await setup('POST', '/v1/referrals', councillorDebtAndFood)).id;
            shots = Array.from({ length: copies }, () => {
              const { body, headers } = json({ to: 'triage' });
              return shotOf('POST', `/v1/referrals/${target}/transitions`, body, headers);
            });
          } else if (kind === 'assessment version') {
            shots = Array.from({ length: copies }, () => {
              const { body, headers } = json(draftOf(tenantAssessment));
              return shotOf('POST', `/v1/assessments/${assessmentId}/versions`, body, headers);
            });
          } else {
            target = (await setup('POST', '/v1/referrals', councillorDebtAndFood)).id;
            for (const to of ['triage', 'accepted'] as const)
              await setup('POST', `/v1/referrals/${target}/transitions`, { to });
            shots = Array.from({ length: copies }, () => {
              const { body, headers } = json({ need: 'food', code: 'food_secured' });
              return shotOf('POST', `/v1/referrals/${target}/outcomes`, body, headers);
            });
          }
          const referralsBefore = await database.count('referrals');
          const versionsBefore = await database.count('assessments', assessmentId);
          const logFrom = hub.logs.length;
          const replies = await Promise.all(shots.map((shot) => sendOrFail(shot)));
          const where = `\n  ${kind} ×${copies}: ${replies.map((r) => `${r.status} ${r.text.slice(0, 160)}`).join('\n  ')}`;
          assertLogsFrom(logFrom, where);
          for (const [i, reply] of replies.entries()) {
            const shot = shots[i];
            if (shot) assertAnswer(shot, reply);
          }
          const ok = replies.filter((r) => r.status < 300);
          if (kind === 'same referral' || kind === 'same key, other bodies') {
            const made = new Set(ok.map((r) => (JSON.parse(r.text) as { id: string }).id));
            assert.equal(made.size, 1, `one Idempotency-Key made ${made.size} referrals:${where}`);
            assert.equal(
              await database.count('referrals'),
              referralsBefore + 1,
              `one Idempotency-Key stored other than one referral:${where}`,
            );
            for (const r of replies)
              assert.ok([201, 409, 422].includes(r.status), `unexpected ${r.status}:${where}`);
            if (kind === 'same referral')
              for (const r of replies)
                assert.ok(
                  [201, 409].includes(r.status),
                  `the same request refused with ${r.status}:${where}`,
                );
          } else if (kind === 'transition' || kind === 'outcome') {
            assert.equal(ok.length, 1, `${ok.length} of ${copies} identical ${kind}s succeeded:${where}`);
            const referral = await setup<{ history: unknown[]; outcomes: unknown[] }>(
              'GET',
              `/v1/referrals/${target}`,
            );
            if (kind === 'transition')
              assert.equal(referral.history.length, 2, `history after racing transitions:${where}`);
            else assert.equal(referral.outcomes.length, 1, `outcomes after racing outcomes:${where}`);
          } else {
            const versions = ok.map((r) => (JSON.parse(r.text) as { version: number }).version);
            assert.equal(
              new Set(versions).size,
              versions.length,
              `two answers with the same version:${where}`,
            );
            assert.equal(
              await database.count('assessments', assessmentId),
              versionsBefore + ok.length,
              `versions stored:${where}`,
            );
          }
        }),
        100,
      );
    });

    const auth = `Authorization: Bearer ${KEYS.secret}\r\n`;
    const request = (line: string, headers = '', body = '') =>
      `${line}\r\nHost: 127.0.0.1\r\n${headers}\r\n${body}`;

    // Found by this suite: Node's HTTP parser answers what it cannot parse itself, with a bare
    // `400 Bad Request` or `431` (no problem, no X-Request-Id), until the server handles
    // 'clientError'.
    it('HTTP the server cannot parse gets a problem too: unknown methods, bad versions, Transfer-Encoding, header and URL limits', async () => {
      const [referralId = ''] = ids.referral;
      const json = `{"to":"triage","reason":"${MARK}"}`;
      const framings: [label: string, text: string][] = [
        ['unknown method', request('FOO /v1/referrals HTTP/1.1', auth)],
        ['lower-case method', request('get /healthz HTTP/1.1')],
        ['HTTP/2.0 request line', request('GET /healthz HTTP/2.0')],
        ['HTTP/1.7 request line', request('GET /healthz HTTP/1.7')],
        ['no HTTP version', 'GET /healthz\r\n\r\n'],
        ['two spaces in the request line', request('GET  /healthz HTTP/1.1')],
        [
          'Transfer-Encoding: identity',
          request('GET /v1/webhook-endpoints HTTP/1.1', `${auth}Transfer-Encoding: identity\r\n`),
        ],
        [
          'Transfer-Encoding: gzip',
          request(
            `POST /v1/referrals/${referralId}/transitions HTTP/1.1`,
            `${auth}Content-Type: application/json\r\nTransfer-Encoding: gzip\r\n`,
            json,
          ),
        ],
        [
          'Content-Length and Transfer-Encoding',
          request(
            `POST /v1/referrals/${referralId}/transitions HTTP/1.1`,
            `${auth}Content-Type: application/json\r\nContent-Length: ${json.length}\r\nTransfer-Encoding: chunked\r\n`,
            json,
          ),
        ],
        [
          'two Content-Lengths',
          request(
            `POST /v1/referrals/${referralId}/transitions HTTP/1.1`,
            `${auth}Content-Type: application/json\r\nContent-Length: ${json.length}\r\nContent-Length: 2\r\n`,
            json,
          ),
        ],
        [
          'negative Content-Length',
          request(
            'POST /v1/services/search HTTP/1.1',
            `${auth}Content-Type: application/json\r\nContent-Length: -1\r\n`,
            '{}',
          ),
        ],
        [
          'Content-Length not a number',
          request(
            'POST /v1/services/search HTTP/1.1',
            `${auth}Content-Type: application/json\r\nContent-Length: ${MARK}\r\n`,
            '{}',
          ),
        ],
        [
          'bad chunk size',
          request(
            'POST /v1/services/search HTTP/1.1',
            `${auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n`,
            `zz\r\n{"q":"${MARK}"}\r\n0\r\n\r\n`,
          ),
        ],
        ['header without a colon', request('GET /healthz HTTP/1.1', `X-Note ${MARK}\r\n`)],
        ['space in a header name', request('GET /healthz HTTP/1.1', `X Note: ${MARK}\r\n`)],
        ['NUL in a header value', request('GET /healthz HTTP/1.1', `X-Note: a\u0000${MARK}\r\n`)],
        ['bare LF line ends', `GET /healthz HTTP/1.1\nHost: 127.0.0.1\nX-Note: ${MARK}\n\n`],
        ['headers over 16 KiB', request('GET /healthz HTTP/1.1', `X-Note: ${MARK}${'a'.repeat(20_000)}\r\n`)],
        ['URL over 16 KiB', request(`GET /v1/services?q=${MARK}${'a'.repeat(20_000)} HTTP/1.1`, auth)],
        [
          'bytes after a GET with no framing',
          request('GET /healthz HTTP/1.1', '', `{"name":"${MARK}"}\r\n\r\n`),
        ],
        ['control characters in the path', request(`GET /v1/referrals/\u0001${MARK} HTTP/1.1`, auth)],
        ['absolute-form target', request('GET http://evil.example/healthz HTTP/1.1')],
        ['asterisk-form target', request('OPTIONS * HTTP/1.1')],
      ];
      const junk = fc.oneof(
        {
          weight: 6,
          arbitrary: fc
            .constantFrom(...framings)
            .map(([label, text]) =>
              shown(
                { label, bytes: Buffer.from(text, 'utf8') },
                `${label}: ${JSON.stringify(text.slice(0, 200))}`,
              ),
            ),
        },
        {
          weight: 2,
          arbitrary: fc
            .tuple(
              fc.constantFrom('GET', 'POST', 'DELETE'),
              fc.constantFrom('/healthz', '/v1/referrals', '/v1/services/search'),
              fc.string({ unit: 'binary', maxLength: 60 }),
            )
            .map(([method, path, header]) => {
              const text = request(`${method} ${path} HTTP/1.1`, `${auth}${header}${MARK}\r\n`);
              return shown(
                { label: 'junk header line', bytes: Buffer.from(text, 'utf8') },
                JSON.stringify(text),
              );
            }),
        },
        {
          weight: 1,
          arbitrary: fc
            .uint8Array({ minLength: 1, maxLength: 200 })
            .map((bytes) =>
              shown(
                { label: 'random bytes', bytes: Buffer.from(bytes) },
                `random bytes ${Buffer.from(bytes).toString('hex')}`,
              ),
            ),
        },
      );
      await check(
        'framing',
        fc.asyncProperty(junk, async ({ label, bytes }) => {
          const before = await database.version();
          const stream = await sendRaw(bytes);
          const where = `\n  ${label}: ${JSON.stringify(bytes.toString('latin1').slice(0, 300))}\n  → ${JSON.stringify(stream.slice(0, 600))}`;
          assert.ok(!stream.includes(MARK), `the answer repeats a value that was sent:${where}`);
          for (const answer of rawAnswers(stream)) {
            tally.set(String(answer.status), (tally.get(String(answer.status)) ?? 0) + 1);
            assert.ok(answer.status < 500, `status ${answer.status}:${where}`);
            if (answer.status < 400) continue;
            assert.match(
              answer.headers['content-type'] ?? '',
              /^application\/problem\+json/,
              `a ${answer.status} that is not a problem:${where}`,
            );
            assert.match(
              answer.headers['x-request-id'] ?? '',
              /^req_/,
              `a ${answer.status} without X-Request-Id:${where}`,
            );
          }
          if (rawAnswers(stream).every((a) => a.status >= 400)) {
            assert.equal(await database.version(), before, `malformed HTTP wrote to the database:${where}`);
          }
        }),
        150,
      );
    });

    // Found by this suite: when bytes that are not HTTP follow a complete request on the same
    // connection, Node's parser fails while the hub is still working on that request, answers
    // `400` itself and closes the connection; the hub's answer is lost although the hub stored
    // the record (and, with an Idempotency-Key, its answer for a retry).
    it('a request the hub has acted on is answered, whatever bytes follow it on the connection', async () => {
      const writes = [
        { label: 'make a referral', path: '/v1/referrals', body: JSON.stringify(councillorDebtAndFood) },
        { label: 'record consent', path: '/v1/consents', body: JSON.stringify(consentOnline) },
        {
          label: 'register a webhook endpoint',
          path: '/v1/webhook-endpoints',
          body: JSON.stringify({ url: 'https://partner.example.org/hooks', events: ['referral.created'] }),
        },
      ];
      const trailer = fc.oneof(
        fc.constantFrom(
          'junk\r\n\r\n',
          'GET /healthz HTTP/1.7\r\n\r\n',
          'FOO /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
          'GET /healthz HTTP/1.1\r\nBad Header: 1\r\n\r\n',
          `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
          '\u0000',
        ),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).map((junk) => `${junk}\r\n\r\n`),
      );
      const attempt = fc.record({
        write: fc.constantFrom(...writes.map((w) => shown(w, `POST ${w.path} (${w.label})`))),
        key: fc.option(fc.uuid({ version: 4 }), { nil: undefined }),
        trailer,
      });
      await check(
        'answered',
        fc.asyncProperty(attempt, async ({ write, key, trailer: after }) => {
          const headers = `${auth}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(write.body)}\r\n${key ? `Idempotency-Key: ${key}\r\n` : ''}`;
          const bytes = Buffer.from(
            request(`POST ${write.path} HTTP/1.1`, headers, write.body) + after,
            'utf8',
          );
          const before = await database.version();
          const stream = await sendRaw(bytes);
          const answers = rawAnswers(stream);
          for (const answer of answers)
            tally.set(String(answer.status), (tally.get(String(answer.status)) ?? 0) + 1);
          const where = `\n  ${write.label}${key ? ' (with an Idempotency-Key)' : ''}, then ${JSON.stringify(after.slice(0, 80))}\n  → ${JSON.stringify(stream.slice(0, 300))}`;
          assert.ok(
            answers.every((a) => a.status < 500),
            `a 5xx:${where}`,
          );
          if ((await database.version()) !== before) {
            assert.ok(
              answers.some((a) => a.status >= 200 && a.status < 300),
              `the hub stored what was sent (${write.label}) but answered only ${answers.map((a) => a.status).join(', ') || 'nothing'}:${where}`,
            );
          }
        }),
        60,
      );
    });
  });
}
