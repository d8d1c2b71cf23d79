import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { IdempotencyClaimLost, type ApiKeyRecord, type IdempotencyClaim } from '@hubkit/hub';
import { postgresForTests } from '../../testing/postgres.ts';
import { isoInstant, PgDb } from './db.ts';
import { PostgresKeys } from './keys.ts';
import { migratePostgres } from './migrations.ts';

const T0 = Date.parse('2026-12-03T01:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const DAY = 86_400_000;

const key = (id: string, hash: string, createdAt: string): ApiKeyRecord => ({
  id,
  kind: 'secret',
  role: 'hub',
  name: `Key ${id}`,
  hash,
  prefix: 'sk_test',
  allowedOrigins: [],
  serviceIds: ['svc_1'],
  createdAt,
  revokedAt: null,
  rateLimit: null,
});

const claim = (token: string, until: number, holder = 'host:1:a'): IdempotencyClaim => ({
  token,
  holder,
  until: at(until),
});

describe('instants read from PostgreSQL', () => {
  it('are the ISO 8601 text the hub writes, to the millisecond', () => {
    assert.equal(isoInstant('2026-12-03 00:42:41.12+00'), '2026-12-03T00:42:41.120Z');
    assert.equal(isoInstant('2026-12-03 00:42:41+00'), '2026-12-03T00:42:41.000Z');
    assert.equal(isoInstant('2026-12-03 00:42:41.123456+00'), '2026-12-03T00:42:41.123Z');
  });
});

describe('PostgreSQL store: keys and Idempotency-Key claims', () => {
  const { skip, cluster } = postgresForTests();
  const opened: PgDb[] = [];
  after(async () => {
    await Promise.all(opened.map((db) => db.close()));
  });

  /** A migrated database, and `processes` stores on it, each with its own pool (as a hub process). */
  async function stores(processes: number): Promise<PostgresKeys[]> {
    const database = await cluster().createDatabase();
    await migratePostgres(database.config);
    return Array.from({ length: processes }, () => {
      const db = new PgDb(database.config, 4);
      opened.push(db);
      return new PostgresKeys(db);
    });
  }

  it('keeps keys as they were given, and counts every change by any process', { skip }, async () => {
    const [hub, cli] = await stores(2);
    assert.ok(hub && cli);
    const version = await hub.keysVersion();
    const first = key('key_1', 'hash_1', at(0));
    await cli.insertKey(first);
    await cli.insertKey({ ...key('key_2', 'hash_2', at(1)), rateLimit: { perSecond: 5, burst: 10 } });
    assert.equal(await hub.keysVersion(), version + 2);
    assert.deepEqual(await hub.findKeyByHash('hash_1'), first);
    assert.equal(await hub.findKeyByHash('no such hash'), null);
    assert.deepEqual(
      (await hub.listKeys()).map((k) => [k.id, k.rateLimit]),
      [
        ['key_1', null],
        ['key_2', { perSecond: 5, burst: 10 }],
      ],
    );
    await assert.rejects(cli.insertKey(key('key_3', 'hash_1', at(2))), /api_keys_hash_key/);

    assert.equal(await cli.setKeyRateLimit('key_1', { perSecond: 1, burst: 2 }), true);
    assert.equal(await cli.revokeKey('key_1', at(3)), true);
    assert.equal(await cli.revokeKey('key_1', at(4)), false, 'a revoked key is not revoked again');
    assert.equal(await cli.setKeyRateLimit('key_1', null), false, 'nor given a rate');
    assert.equal(await cli.setKeyRateLimit('key_9', null), false);
    assert.deepEqual(await hub.findKeyByHash('hash_1'), {
      ...first,
      revokedAt: at(3),
      rateLimit: { perSecond: 1, burst: 2 },
    });
    assert.equal(await hub.keysVersion(), version + 4);
  });

  it('makes one claim of a key sent to two processes at once', { skip }, async () => {
    const [a, b] = await stores(2);
    assert.ok(a && b);
    // Many keys at once, each sent to both processes: each key is started exactly once.
    const keys = Array.from({ length: 40 }, (_, i) => `key-${i}`);
    const answers = await Promise.all(
      keys.flatMap((k) =>
        [a, b].map((store, i) =>
          store.beginIdempotent('key_a', k, 'hash', at(0), at(DAY), claim(`${k}-${i}`, 30_000)),
        ),
      ),
    );
    for (let i = 0; i < keys.length; i += 1) {
      const states = [answers[2 * i]?.state, answers[2 * i + 1]?.state].sort();
      assert.deepEqual(states, ['in_flight', 'started'], keys[i]);
    }
  });

  it('answers a replay with the stored response, and a lapsed claim is taken over', { skip }, async () => {
    const [a, b] = await stores(2);
    assert.ok(a && b);
    assert.deepEqual(await a.beginIdempotent('key_a', 'k', 'h1', at(0), at(DAY), claim('A', 30_000)), {
      state: 'started',
    });
    // Still held: another process is told it is in flight.
    assert.deepEqual(await b.beginIdempotent('key_a', 'k', 'h1', at(1000), at(DAY), claim('B', 31_000)), {
      state: 'in_flight',
    });
    // A's claim lapsed (its request timed out): B takes it over, and A can no longer complete.
    assert.deepEqual(await b.beginIdempotent('key_a', 'k', 'h1', at(30_000), at(DAY), claim('B', 60_000)), {
      state: 'started',
    });
    await assert.rejects(
      a.completeIdempotent({ keyId: 'key_a', key: 'k', token: 'A', status: 201, body: '{"from":"A"}' }),
      IdempotencyClaimLost,
    );
    await b.completeIdempotent({ keyId: 'key_a', key: 'k', token: 'B', status: 201, body: '{"from": "B"}' });
    assert.deepEqual(await a.beginIdempotent('key_a', 'k', 'h2', at(40_000), at(DAY), claim('C', 70_000)), {
      state: 'done',
      requestHash: 'h1',
      status: 201,
      body: '{"from": "B"}',
    });
    // The same Idempotency-Key under another API key is another key.
    assert.equal(
      (await a.beginIdempotent('key_b', 'k', 'h1', at(40_000), at(DAY), claim('D', 70_000))).state,
      'started',
    );
    // Past its expiry the answer is forgotten and the key can be used again.
    assert.equal(
      (await a.beginIdempotent('key_a', 'k', 'h3', at(DAY), at(2 * DAY), claim('E', DAY + 1))).state,
      'started',
    );
  });

  it('releases a claim for a retry, only with its own token', { skip }, async () => {
    const [a] = await stores(1);
    assert.ok(a);
    await a.beginIdempotent('key_a', 'k', 'h', at(0), at(DAY), claim('A', 30_000));
    await a.releaseIdempotent('key_a', 'k', 'not A');
    assert.equal(
      (await a.beginIdempotent('key_a', 'k', 'h', at(1), at(DAY), claim('B', 30_000))).state,
      'in_flight',
    );
    await a.releaseIdempotent('key_a', 'k', 'A');
    assert.equal(
      (await a.beginIdempotent('key_a', 'k', 'h', at(2), at(DAY), claim('B', 30_000))).state,
      'started',
    );
  });

  it('clears the claims of a process that died, and lapsed ones, at start', { skip }, async () => {
    const [a] = await stores(1);
    assert.ok(a);
    await a.beginIdempotent('key_a', 'dead', 'h', at(0), at(DAY), claim('A', 30_000, 'host:111:x'));
    await a.beginIdempotent('key_a', 'alive', 'h', at(0), at(DAY), claim('B', 30_000, 'host:222:y'));
    await a.beginIdempotent('key_a', 'lapsed', 'h', at(-60_000), at(DAY), claim('C', -30_000, 'host:222:y'));
    await a.beginIdempotent('key_a', 'done', 'h', at(0), at(DAY), claim('D', 30_000, 'host:111:x'));
    await a.completeIdempotent({ keyId: 'key_a', key: 'done', token: 'D', status: 200, body: '{}' });
    assert.equal(await a.clearStaleClaims(at(1000), (holder) => holder === 'host:111:x'), 2);
    const state = async (k: string) =>
      (await a.beginIdempotent('key_a', k, 'h', at(2000), at(DAY), claim(`new-${k}`, 32_000))).state;
    assert.equal(await state('dead'), 'started');
    assert.equal(await state('lapsed'), 'started');
    assert.equal(await state('alive'), 'in_flight');
    assert.equal(await state('done'), 'done');
  });

  it('purges expired answers and lapsed claims', { skip }, async () => {
    const [a] = await stores(1);
    assert.ok(a);
    await a.beginIdempotent('key_a', 'old', 'h', at(0), at(1000), claim('A', 500));
    await a.completeIdempotent({ keyId: 'key_a', key: 'old', token: 'A', status: 201, body: '{}' });
    await a.beginIdempotent('key_a', 'lapsed', 'h', at(0), at(DAY), claim('B', 500));
    await a.beginIdempotent('key_a', 'kept', 'h', at(0), at(DAY), claim('C', 30_000));
    assert.equal(await a.purgeIdempotency(at(2000)), 2);
    assert.equal(
      (await a.beginIdempotent('key_a', 'kept', 'h', at(2000), at(DAY), claim('D', 32_000))).state,
      'in_flight',
    );
  });
});
