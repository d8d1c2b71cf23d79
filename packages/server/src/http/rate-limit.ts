/**
 * Rate limits: token buckets refilled continuously, one for each key, one for each key and
 * client address, and one for each client address that fails to authenticate. `RateLimiter`
 * keeps them in memory, for a hub that is one process (SQLite); hub processes sharing a
 * PostgreSQL database share their buckets through it (store/postgres/rate-limits.ts), so a
 * limit is the hub's whatever the number of processes.
 */
export interface RateLimit {
  /** Requests per second, sustained. */
  perSecond: number;
  /** Requests allowed in a burst. */
  burst: number;
}

export interface RateLimits {
  /**
   * Each key, all its callers together: for a publishable key, every visitor of the partner's
   * site, so set high enough for all of them.
   */
  perKey: { publishable: RateLimit; secret: RateLimit };
  /**
   * Each key from each client address: one visitor's share, so that one abusive client runs out
   * long before the key does and the key's other visitors are not starved.
   */
  perClient: { publishable: RateLimit; secret: RateLimit };
  /** Requests without a valid key (none, malformed, unknown, revoked), per client address. */
  failedAuth: RateLimit;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  perKey: { publishable: { perSecond: 50, burst: 200 }, secret: { perSecond: 50, burst: 100 } },
  perClient: { publishable: { perSecond: 2, burst: 30 }, secret: { perSecond: 50, burst: 100 } },
  failedAuth: { perSecond: 1, burst: 20 },
};

/**
 * Reads `n/burst` (`50/100`: 50 requests a second sustained, bursts of up to 100); null for
 * anything else.
 */
export function parseRateLimit(text: string): RateLimit | null {
  const found = /^(\d+(?:\.\d+)?)\/(\d+)$/.exec(text.trim());
  const perSecond = Number(found?.[1]);
  const burst = Number(found?.[2]);
  return found && perSecond > 0 && burst >= 1 ? { perSecond, burst } : null;
}

/**
 * The limits one key's requests are counted against: the key's own limit where it has one, in
 * place of the hub's per-key limit for its kind, and, for a secret key, of its per-client share
 * too (its callers are the partner's own servers). A publishable key's visitors keep the hub's
 * per-client share whatever the key's own limit.
 */
export function limitsForKey(
  limits: RateLimits,
  key: { kind: 'publishable' | 'secret'; rateLimit?: RateLimit | null | undefined },
): { perKey: RateLimit; perClient: RateLimit } {
  const own = key.rateLimit ?? null;
  return {
    perKey: own ?? limits.perKey[key.kind],
    perClient: key.kind === 'secret' && own ? own : limits.perClient[key.kind],
  };
}

/** The same limit everywhere: for tests and benchmarks that are not about limits. */
export function uniformRateLimits(limit: RateLimit): RateLimits {
  return {
    perKey: { publishable: limit, secret: limit },
    perClient: { publishable: limit, secret: limit },
    failedAuth: limit,
  };
}

export type Taken = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Where the buckets are kept: in this process, or shared by every process of the hub. */
export interface TokenBuckets {
  /** Whether `key` has a token left, without taking it. */
  check(key: string, limit: RateLimit): Taken | Promise<Taken>;
  /** Takes a token from each bucket, or from none when any is empty (then the seconds to wait). */
  takeAll(entries: readonly (readonly [string, RateLimit])[]): Taken | Promise<Taken>;
}

/** The answer for a bucket short of a whole token: the seconds until it has one, at least 1. */
export const waitFor = (tokens: number, limit: RateLimit): Taken => ({
  allowed: false,
  retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / limit.perSecond)),
});

interface Bucket {
  tokens: number;
  at: number;
  limit: RateLimit;
}

export class RateLimiter implements TokenBuckets {
  /** In least recently used order first: a Map keeps insertion order, and a use re-inserts. */
  readonly #buckets = new Map<string, Bucket>();
  readonly #now: () => number;
  readonly #maxBuckets: number;

  /**
   * @param maxBuckets buckets kept at most: an attacker spraying addresses cannot grow memory
   *   past it (full buckets are dropped first, then the least recently used).
   */
  constructor(now: () => number = () => performance.now(), maxBuckets = 100_000) {
    this.#now = now;
    this.#maxBuckets = maxBuckets;
  }

  get size(): number {
    return this.#buckets.size;
  }

  #refilled(key: string, limit: RateLimit, now: number): Bucket {
    const bucket = this.#buckets.get(key);
    if (!bucket) return { tokens: limit.burst, at: now, limit };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond);
    bucket.at = now;
    bucket.limit = limit;
    return bucket;
  }

  /** Whether `key` has a token left, without taking it. */
  check(key: string, limit: RateLimit): Taken {
    const bucket = this.#refilled(key, limit, this.#now());
    return bucket.tokens >= 1 ? { allowed: true } : waitFor(bucket.tokens, bucket.limit);
  }

  /** Takes a token for `key`; when there is none, the seconds to wait. */
  take(key: string, limit: RateLimit): Taken {
    return this.takeAll([[key, limit]]);
  }

  /** Takes a token from each bucket, or from none when any is empty. */
  takeAll(entries: readonly (readonly [string, RateLimit])[]): Taken {
    const now = this.#now();
    const buckets = entries.map(([key, limit]) => [key, this.#refilled(key, limit, now)] as const);
    const empty = buckets.find(([, b]) => b.tokens < 1);
    for (const [key, bucket] of buckets) {
      if (!empty) bucket.tokens -= 1;
      this.#buckets.delete(key);
      this.#buckets.set(key, bucket);
    }
    if (this.#buckets.size > this.#maxBuckets) this.#evict(now);
    return empty ? waitFor(empty[1].tokens, empty[1].limit) : { allowed: true };
  }

  /**
   * Makes room: a bucket that has refilled is the same as none, so those go first; if that is
   * not enough, the least recently used half goes (forgetting a bucket only ever lets its owner
   * start again from a full burst).
   */
  #evict(now: number): void {
    for (const [key, b] of this.#buckets) {
      if (b.tokens + ((now - b.at) / 1000) * b.limit.perSecond >= b.limit.burst) this.#buckets.delete(key);
    }
    if (this.#buckets.size <= this.#maxBuckets * 0.9) return;
    let excess = this.#buckets.size - Math.floor(this.#maxBuckets / 2);
    for (const key of this.#buckets.keys()) {
      if (excess-- <= 0) break;
      this.#buckets.delete(key);
    }
  }
}
