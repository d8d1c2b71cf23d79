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

  async takeAll(entries: readonly (readonly [string, RateLimit])[]): Promise<Taken> {
    const { rows } = await this.#db.query<{ short: number }>(
      'rate_take',
      'SELECT hubkit_take_tokens($1::bytea[], $2::float8[], $3::float8[]) AS short',
      [
        entries.map(([key]) => bucketName(key)),
        entries.map(([, limit]) => limit.perSecond),
        entries.map(([, limit]) => limit.burst),
      ],
    );
    const short = rows[0]?.short ?? 0;
    if (short <= 0) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(short)) };
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
  rateLimiter: PostgresRateLimiter;
  spentChallenges: PostgresSpentChallenges;
  proofOfWorkSecret: string;
  /** Forgets refilled buckets and expired challenges (each process runs it now and then). */
  purge(): Promise<void>;
}

export async function sharedAbuseState(db: Queryable): Promise<SharedAbuseState> {
  const rateLimiter = new PostgresRateLimiter(db);
  const spentChallenges = new PostgresSpentChallenges(db);
  return {
    rateLimiter,
    spentChallenges,
    proofOfWorkSecret: await proofOfWorkSecret(db),
    purge: async () => {
      await rateLimiter.purge();
      await spentChallenges.purge();
    },
  };
}
