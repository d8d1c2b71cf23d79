/**
 * Rate limits and spent proof-of-work challenges shared through PostgreSQL: each "process" here
 * is its own pool on one throwaway database, as two hub processes would be.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { ProofOfWork } from '../../http/proof-of-work.ts';
import type { RateLimit } from '../../http/rate-limit.ts';
import { postgresForTests } from '../../testing/postgres.ts';
import {
  leaseSize,
  PostgresRateLimiter,
  PostgresSpentChallenges,
  proofOfWorkSecret,
  TokenLeases,
  type Lease,
} from './abuse.ts';
import { PgDb } from './db.ts';
import { migratePostgres } from './migrations.ts';

/** A limit that does not refill within a test: what is taken stays taken. */
const slow = (burst: number): RateLimit => ({ perSecond: 0.001, burst });

describe('PostgreSQL store: rate limits and proof of work shared by every process', () => {
  const { skip, cluster } = postgresForTests();
  const opened: PgDb[] = [];
  after(async () => {
    await Promise.all(opened.map((db) => db.close()));
  });

  /** A migrated database, and two pools on it: two hub processes. */
  async function pools(): Promise<[PgDb, PgDb]> {
    const database = await cluster().createDatabase();
    await migratePostgres(database.config);
    const pool = () => {
      const db = new PgDb(database.config, 4);
      opened.push(db);
      return db;
    };
    return [pool(), pool()];
  }

  it('lets two processes together take no more than one burst from a bucket', { skip }, async () => {
    const [a, b] = await pools();
    const [here, there] = [new PostgresRateLimiter(a), new PostgresRateLimiter(b)];
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? here : there).takeAll([['key\nk1', slow(15)]])),
    );
    assert.equal(answers.filter((t) => t.allowed).length, 15);
    for (const refused of answers.filter((t) => !t.allowed)) {
      // One token at 0.001 a second: 1,000 s to wait.
      assert.deepEqual(refused, { allowed: false, retryAfterSeconds: 1000 });
    }
    assert.equal((await there.check('key\nk1', slow(15))).allowed, false);
    assert.equal((await here.check('key\nk2', slow(5))).allowed, true, 'another bucket is full');
  });

  it('takes from every bucket or from none', { skip }, async () => {
    const [db] = await pools();
    const limiter = new PostgresRateLimiter(db);
    const client = ['client\nk1\n203.0.113.7', slow(1)] as const;
    const key = ['key\nk1', slow(3)] as const;
    assert.equal((await limiter.takeAll([client, key])).allowed, true);
    assert.equal((await limiter.takeAll([client, key])).allowed, false, 'the client is out');
    // The refusal took nothing from the key: two of its three are left.
    assert.equal((await limiter.takeAll([key])).allowed, true);
    assert.equal((await limiter.takeAll([key])).allowed, true);
    assert.equal((await limiter.takeAll([key])).allowed, false);
  });

  it(
    'checks without taking, refills with time, and counts under the limit it is given',
    { skip },
    async () => {
      const [db] = await pools();
      const limiter = new PostgresRateLimiter(db);
      for (let i = 0; i < 3; i++) assert.equal((await limiter.check('fail\nx', slow(1))).allowed, true);
      assert.equal((await limiter.takeAll([['fail\nx', slow(1)]])).allowed, true);
      assert.equal((await limiter.check('fail\nx', slow(1))).allowed, false);

      const quick: RateLimit = { perSecond: 20, burst: 1 };
      assert.equal((await limiter.takeAll([['quick', quick]])).allowed, true);
      await sleep(150); // 3 tokens' worth at 20 a second, kept to the burst of 1
      assert.equal((await limiter.takeAll([['quick', quick]])).allowed, true);

      // A key given a bigger limit (keys set-rate) has the bigger burst from then on.
      assert.equal((await limiter.takeAll([['key\nk9', slow(1)]])).allowed, true);
      assert.equal((await limiter.takeAll([['key\nk9', slow(1)]])).allowed, false);
      assert.equal((await limiter.takeAll([['key\nk9', { perSecond: 1000, burst: 50 }]])).allowed, true);
    },
  );

  it('keeps no address in clear, and forgets the buckets that have refilled', { skip }, async () => {
    const [db] = await pools();
    const limiter = new PostgresRateLimiter(db);
    await limiter.takeAll([['client\nk1\n203.0.113.7', slow(2)]]);
    await limiter.takeAll([['client\nk1\n198.51.100.9', { perSecond: 1000, burst: 2 }]]);
    const { rows } = await db.query<{ bucket: Buffer }>(null, 'SELECT bucket FROM rate_buckets');
    assert.equal(rows.length, 2);
    for (const { bucket } of rows) {
      assert.equal(bucket.length, 16);
      assert.ok(!bucket.toString('latin1').includes('203.0.113.7'));
    }
    await sleep(20);
    assert.equal(await limiter.purge(), 1, 'the quick bucket has refilled; the slow one has not');
    assert.equal((await limiter.check('client\nk1\n203.0.113.7', slow(2))).allowed, true);
    await limiter.takeAll([['client\nk1\n203.0.113.7', slow(2)]]);
    assert.equal((await limiter.check('client\nk1\n203.0.113.7', slow(2))).allowed, false, 'still counted');
  });

  /** The shared buckets, counting the calls that reach the database. */
  class Counted extends PostgresRateLimiter {
    calls = 0;
    override lease(...args: Parameters<PostgresRateLimiter['lease']>): Promise<Lease> {
      this.calls += 1;
      return super.lease(...args);
    }
  }

  it('takes a share of a busy bucket at once, a token at a time from a slow one', () => {
    assert.equal(leaseSize({ perSecond: 50, burst: 100 }), 5, 'a tenth of a second of the rate');
    assert.equal(leaseSize({ perSecond: 2, burst: 30 }), 1, "one visitor's share");
    assert.equal(leaseSize({ perSecond: 1000, burst: 20 }), 2, 'at most a tenth of the burst');
    assert.equal(leaseSize({ perSecond: 1e9, burst: 1e9 }), 100, 'and never more than 100');
    assert.equal(leaseSize({ perSecond: 0.001, burst: 15 }), 1);
  });

  it(
    'lets two processes spending shares together allow no more than the limit, in fewer calls',
    { skip },
    async () => {
      const [a, b] = await pools();
      const [bucketsA, bucketsB] = [new Counted(a), new Counted(b)];
      const [here, there] = [new TokenLeases(bucketsA), new TokenLeases(bucketsB)];
      const limit: RateLimit = { perSecond: 50, burst: 100 };
      const started = performance.now();
      const answers = await Promise.all(
        Array.from({ length: 300 }, (_, i) => (i % 2 ? here : there).takeAll([['key\nk1', limit]])),
      );
      const seconds = (performance.now() - started) / 1000;
      const allowed = answers.filter((t) => t.allowed).length;
      assert.ok(
        allowed <= limit.burst + Math.ceil(seconds * limit.perSecond),
        `${allowed} allowed in ${seconds} s`,
      );
      assert.ok(allowed >= 80, `${allowed} allowed: shares held by one process may refuse a few early`);
      const calls = bucketsA.calls + bucketsB.calls;
      assert.ok(calls <= Math.ceil(allowed / 5) + 10, `${calls} calls to the database for ${allowed} tokens`);
    },
  );

  it(
    'spends a share on every bucket of a request or on none, and drops it after a second',
    { skip },
    async () => {
      const [db] = await pools();
      const buckets = new Counted(db);
      let now = 0;
      const leases = new TokenLeases(buckets, () => now);
      const client = ['client\nk1\n203.0.113.7', slow(1)] as const;
      const key = ['key\nk1', { perSecond: 50, burst: 100 }] as const;
      assert.equal((await leases.takeAll([client, key])).allowed, true);
      assert.equal(buckets.calls, 1, 'one call took a token of the client and five of the key');
      assert.equal((await leases.takeAll([client, key])).allowed, false, 'the client is out');
      // The refusal spent nothing of the key's share: four of its five are left, spent here.
      for (let i = 0; i < 4; i++) assert.equal((await leases.takeAll([key])).allowed, true);
      assert.equal(buckets.calls, 2);
      await leases.takeAll([key]);
      assert.equal(buckets.calls, 3, 'the share spent, the next token is a new share');
      now += 1001;
      await leases.takeAll([key]);
      assert.equal(buckets.calls, 4, 'a share not spent within a second is dropped');
    },
  );

  it('trusts an open bucket for a second, and not after a refusal', { skip }, async () => {
    const [a, b] = await pools();
    const [here, there] = [
      new TokenLeases(new PostgresRateLimiter(a)),
      new TokenLeases(new PostgresRateLimiter(b)),
    ];
    const fail = ['fail\n198.51.100.9', slow(1)] as const;
    assert.equal((await here.check(...fail)).allowed, true);
    assert.equal(
      (await there.takeAll([fail])).allowed,
      true,
      'the one failure allowed, on the other process',
    );
    assert.equal((await there.check(...fail)).allowed, false);
    assert.equal((await here.check(...fail)).allowed, true, 'within the second it found it open');
    assert.equal((await here.takeAll([fail])).allowed, false, 'its next failure is counted in the database');
    assert.equal((await here.check(...fail)).allowed, false, 'and blocks it here too');
  });

  it(
    'refuses on one process a challenge spent on another, but for a retry of the same write',
    { skip },
    async () => {
      const [a, b] = await pools();
      const [here, there] = [new PostgresSpentChallenges(a), new PostgresSpentChallenges(b)];
      const now = Date.now();
      const expires = now + 300_000;
      assert.equal(await here.spend('sig1', 'k1\nidem-1\nhash', expires, now), true);
      assert.equal(await there.spend('sig1', 'k1\nidem-1\nhash', expires, now), true, 'the same write again');
      assert.equal(await there.spend('sig1', 'k1\nidem-2\nhash', expires, now), false, 'another write');
      assert.equal(await here.spend('sig2', null, expires, now), true);
      assert.equal(await there.spend('sig2', null, expires, now), false, 'no Idempotency-Key: never again');

      // Spent at once by both: exactly one spends it.
      const spent = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? here : there).spend('sig3', null, expires, now)),
      );
      assert.equal(spent.filter(Boolean).length, 1);

      // An expired spending is replaced, and forgotten by a purge.
      assert.equal(await here.spend('sig4', 'w1', now + 1000, now), true);
      assert.equal(await there.spend('sig4', 'w2', now + 9000, now + 2000), true);
      assert.equal(await there.spend('sig4', 'w3', now + 9000, now + 3000), false);
      assert.equal(await here.purge(now + 400_000), 4);
    },
  );

  it('checks on any process a challenge made by another, and spends it once', { skip }, async () => {
    const [a, b] = await pools();
    const [secretA, secretB] = await Promise.all([proofOfWorkSecret(a), proofOfWorkSecret(b)]);
    assert.equal(secretA, secretB, 'one secret for the hub');
    const process = (db: PgDb, secret: string) =>
      new ProofOfWork({ required: true, maxNumber: 500, secret, spent: new PostgresSpentChallenges(db) });
    const [one, two] = [process(a, secretA), process(b, secretB)];
    const challenge = await one.challenge();
    const solution = await solveChallenge({ challenge: challenge as Challenge, deriveKey });
    assert.ok(solution);
    const header = Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
    await two.check(header, 'k1\nidem-1\nhash');
    await assert.rejects(one.check(header, 'k1\nidem-2\nhash'), { code: 'proof_of_work_invalid' });
  });
});
