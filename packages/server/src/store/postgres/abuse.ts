/**
 * What stops abuse, shared by every hub process on one PostgreSQL database (issue 15): the rate
 * limits' token buckets and the spent proof-of-work challenges (migration 2), and the secret that
 * signs challenges. In memory, each of N processes would allow N times a limit, and would take a
 * solution already spent on another process.
 *
 * A bucket is named by a hash of what it counts: a client's address is never stored in clear.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { RateLimit, Taken, TokenBuckets } from '../../http/rate-limit.ts';
import { waitFor } from '../../http/rate-limit.ts';
import type { SpentChallengeStore } from '../../http/proof-of-work.ts';
import { hubSecret } from './audit.ts';
import type { Queryable } from './db.ts';

const bucketName = (key: string): Buffer => createHash('sha256').update(key).digest().subarray(0, 16);

/** What the database gave for a lease: a share of each bucket, or the seconds until each has a token. */
export type Lease = { granted: number[] } | Refusal;
/** A bucket without a whole token: the seconds until it has one (`short`), and as Retry-After. */
export interface Refusal {
  allowed: false;
  retryAfterSeconds: number;
  short: number;
}

/** Token buckets in the database: a limit is the hub's, however many processes serve it. */
export class PostgresRateLimiter implements TokenBuckets {
  readonly #db: Queryable;

  constructor(db: Queryable) {
    this.#db = db;
  }

  async check(key: string, limit: RateLimit): Promise<Taken> {
    const { rows } = await this.#db.query<{ tokens: number }>(
      'rate_check',
      `SELECT least($2::float8, tokens + extract(epoch FROM clock_timestamp() - at)::float8 * $3::float8) AS tokens
       FROM rate_buckets WHERE bucket = $1`,
      [bucketName(key), limit.burst, limit.perSecond],
    );
    const tokens = rows[0]?.tokens ?? limit.burst;
    return tokens >= 1 ? { allowed: true } : waitFor(tokens, limit);
  }

  /**
   * Takes up to `wants[i]` tokens from bucket i, at least one from each, or none from any when
   * one has not a whole token: in one call, on the database's clock, rows locked in one order.
   */
  async lease(entries: readonly (readonly [string, RateLimit])[], wants: readonly number[]): Promise<Lease> {
    const { rows } = await this.#db.query<{ short: number; granted: number[] | null }>(
      'rate_lease',
      'SELECT short, granted FROM hubkit_lease_tokens($1::bytea[], $2::float8[], $3::float8[], $4::float8[])',
      [
        entries.map(([key]) => bucketName(key)),
        entries.map(([, limit]) => limit.perSecond),
        entries.map(([, limit]) => limit.burst),
        wants,
      ],
    );
    const { short = 0, granted = null } = rows[0] ?? {};
    if (short > 0 || granted === null)
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(short)), short };
    return { granted };
  }

  async takeAll(entries: readonly (readonly [string, RateLimit])[]): Promise<Taken> {
    const lease = await this.lease(
      entries,
      entries.map(() => 1),
    );
    return 'granted' in lease
      ? { allowed: true }
      : { allowed: false, retryAfterSeconds: lease.retryAfterSeconds };
  }

  /** Forgets the buckets that have refilled (a full bucket is the same as none); how many went. */
  async purge(): Promise<number> {
    const { rowCount } = await this.#db.query(
      'rate_purge',
      'DELETE FROM rate_buckets WHERE tokens + extract(epoch FROM clock_timestamp() - at) * per_second >= burst',
    );
    return rowCount ?? 0;
  }
}

/** How long a process keeps tokens it took ahead (and a bucket it found full): one second. */
export const LEASE_MS = 1000;

/**
 * Tokens taken ahead from the shared buckets: the tokens this process expects to spend in the
 * next tenth of a second, at most a tenth of the burst and 100 (so a bucket of a few requests a
 * second is still taken one token at a time).
 */
export const leaseSize = (limit: RateLimit): number =>
  Math.max(1, Math.min(100, Math.floor(limit.burst / 10), Math.ceil(limit.perSecond / 10)));

/** Shares and open buckets a process keeps at most (an address spray cannot grow memory past it). */
const MAX_KEPT = 10_000;

interface Share {
  tokens: number;
  until: number;
}

/**
 * The shared buckets as one hub process spends them (issue 15): instead of a locked database row
 * for every request, the process takes a share of a busy bucket at once (`leaseSize`) and spends
 * it locally for up to a second; what it has not spent by then is dropped, never given back.
 * So the hub as a whole never allows more than a limit (every token spent was taken from the
 * shared bucket first); with N processes it may refuse early by up to N shares a second of a
 * bucket (a process holding tokens another needs), which is under a tenth of the limit.
 *
 * `check` (the failed-authentication bucket, asked on every request) trusts a bucket it found
 * with a token left for a second: an address other processes have blocked meanwhile may be
 * answered by this one for up to that second, and its next failure here is counted in the
 * database at once (and blocks it here too).
 */
export class TokenLeases implements TokenBuckets {
  readonly #buckets: PostgresRateLimiter;
  readonly #now: () => number;
  readonly #shares = new Map<string, Share>();
  /** Buckets found with a token left, until when that is trusted. */
  readonly #open = new Map<string, number>();
  /** Sets of buckets the database refused, until they have a token again. */
  readonly #closed = new Map<string, { until: number; retryAfterSeconds: number }>();
  /** A lease being asked for, by bucket: requests that need one of them wait for it. */
  readonly #asking = new Map<string, Promise<unknown>>();

  constructor(buckets: PostgresRateLimiter, now: () => number = () => performance.now()) {
    this.#buckets = buckets;
    this.#now = now;
  }

  #tokens(key: string, now: number): number {
    const share = this.#shares.get(key);
    if (!share) return 0;
    if (share.until > now) return share.tokens;
    this.#shares.delete(key);
    return 0;
  }

  async check(key: string, limit: RateLimit): Promise<Taken> {
    const now = this.#now();
    if (this.#tokens(key, now) >= 1 || (this.#open.get(key) ?? 0) > now) return { allowed: true };
    const taken = await this.#buckets.check(key, limit);
    if (taken.allowed) {
      this.#open.set(key, now + LEASE_MS);
      if (this.#open.size > MAX_KEPT) this.forget();
    }
    return taken;
  }

  async takeAll(entries: readonly (readonly [string, RateLimit])[]): Promise<Taken> {
    // The requests of this set of buckets the database refused, until it has a token for them.
    const set = entries.map(([key]) => key).join('\n\n');
    // Each round spends a share, waits for one being asked for, or asks for one (which gives
    // at least a token or a refusal kept for the set), so a request is served or refused in a few
    // rounds; past many, as a bound, it takes one token of each bucket itself.
    for (let round = 0; round < 100; round += 1) {
      const now = this.#now();
      const closed = this.#closed.get(set);
      if (closed !== undefined) {
        if (closed.until > now) return { allowed: false, retryAfterSeconds: closed.retryAfterSeconds };
        this.#closed.delete(set);
      }
      const short = entries.filter(([key]) => this.#tokens(key, now) < 1);
      if (short.length === 0) {
        for (const [key] of entries) {
          const share = this.#shares.get(key);
          if (share && (share.tokens -= 1) < 1) this.#shares.delete(key);
        }
        return { allowed: true };
      }
      const pending = short.map(([key]) => this.#asking.get(key)).filter((p) => p !== undefined);
      if (pending.length > 0) {
        await Promise.all(pending);
        continue;
      }
      const asked = this.#buckets.lease(
        short,
        short.map(([, limit]) => leaseSize(limit)),
      );
      for (const [key] of short) this.#asking.set(key, asked);
      let lease: Lease;
      try {
        lease = await asked;
      } finally {
        for (const [key] of short) this.#asking.delete(key);
      }
      if (!('granted' in lease)) return this.#refused(set, entries, lease);
      const until = this.#now() + LEASE_MS;
      short.forEach(([key], i) => {
        this.#shares.set(key, { tokens: this.#tokens(key, now) + (lease.granted[i] ?? 0), until });
      });
      if (this.#shares.size > MAX_KEPT) this.forget();
    }
    const lease = await this.#buckets.lease(
      entries,
      entries.map(() => 1),
    );
    return 'granted' in lease ? { allowed: true } : this.#refused(set, entries, lease);
  }

  /** A refusal: kept for the set of buckets until they have a token, and no bucket of it trusted open. */
  #refused(set: string, entries: readonly (readonly [string, RateLimit])[], refusal: Refusal): Taken {
    for (const [key] of entries) this.#open.delete(key);
    this.#closed.set(set, {
      until: this.#now() + refusal.short * 1000,
      retryAfterSeconds: refusal.retryAfterSeconds,
    });
    if (this.#closed.size > MAX_KEPT) this.forget();
    return { allowed: false, retryAfterSeconds: refusal.retryAfterSeconds };
  }

  /**
   * Drops the shares and open buckets whose second has passed; if an address spray still leaves
   * too many, all of them (forgetting only ever sends this process back to the database).
   */
  forget(): void {
    const now = this.#now();
    for (const [key, share] of this.#shares) if (share.until <= now) this.#shares.delete(key);
    for (const [key, until] of this.#open) if (until <= now) this.#open.delete(key);
    for (const [set, closed] of this.#closed) if (closed.until <= now) this.#closed.delete(set);
    if (this.#shares.size > MAX_KEPT) this.#shares.clear();
    if (this.#open.size > MAX_KEPT) this.#open.clear();
    if (this.#closed.size > MAX_KEPT) this.#closed.clear();
  }
}

/** Spent proof-of-work challenges in the database, as SpentChallenges keeps them in memory. */
export class PostgresSpentChallenges implements SpentChallengeStore {
  readonly #db: Queryable;

  constructor(db: Queryable) {
    this.#db = db;
  }

  async spend(signature: string, use: string | null, expiresAtMs: number, nowMs: number): Promise<boolean> {
    // Of two processes spending one challenge at once, the second waits on the first's row and
    // then sees it: the CASEs keep a live spending and replace only an expired one.
    const mine = randomUUID();
    const { rows } = await this.#db.query<{ use: string | null; spent_by: string }>(
      'challenge_spend',
      `INSERT INTO spent_challenges AS s (signature, use, spent_by, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (signature) DO UPDATE SET
         use = CASE WHEN s.expires_at <= $5 THEN excluded.use ELSE s.use END,
         spent_by = CASE WHEN s.expires_at <= $5 THEN excluded.spent_by ELSE s.spent_by END,
         expires_at = CASE WHEN s.expires_at <= $5 THEN excluded.expires_at ELSE s.expires_at END
       RETURNING use, spent_by`,
      [signature, use, mine, new Date(expiresAtMs).toISOString(), new Date(nowMs).toISOString()],
    );
    const row = rows[0];
    return row !== undefined && (row.spent_by === mine || (use !== null && row.use === use));
  }

  /** Forgets the challenges that have expired (no solution to them is accepted any more). */
  async purge(nowMs: number = Date.now()): Promise<number> {
    const { rowCount } = await this.#db.query(
      'challenge_purge',
      'DELETE FROM spent_challenges WHERE expires_at <= $1',
      [new Date(nowMs).toISOString()],
    );
    return rowCount ?? 0;
  }
}

/** The secret that signs proof-of-work challenges: one for the hub, so any process checks any challenge. */
export async function proofOfWorkSecret(db: Queryable): Promise<string> {
  return Buffer.from(await hubSecret(db, 'proof-of-work')).toString('base64url');
}

/** What every process of a hub on PostgreSQL shares to stop abuse, and its clearing up. */
export interface SharedAbuseState {
  rateLimiter: TokenLeases;
  spentChallenges: PostgresSpentChallenges;
  proofOfWorkSecret: string;
  /** Forgets refilled buckets and expired challenges (each process runs it now and then). */
  purge(): Promise<void>;
}

export async function sharedAbuseState(db: Queryable): Promise<SharedAbuseState> {
  const buckets = new PostgresRateLimiter(db);
  const rateLimiter = new TokenLeases(buckets);
  const spentChallenges = new PostgresSpentChallenges(db);
  return {
    rateLimiter,
    spentChallenges,
    proofOfWorkSecret: await proofOfWorkSecret(db),
    purge: async () => {
      rateLimiter.forget();
      await buckets.purge();
      await spentChallenges.purge();
    },
  };
}
