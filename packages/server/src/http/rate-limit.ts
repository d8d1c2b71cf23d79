/**
 * Per-key rate limits: a token bucket for each key, refilled continuously. In memory: one hub
 * process; a hub run as several would put this in shared storage.
 */
export interface RateLimit {
  /** Requests per second, sustained. */
  perSecond: number;
  /** Requests allowed in a burst. */
  burst: number;
}

export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** Takes a token for `key`; when there is none, the seconds to wait. */
  take(key: string, limit: RateLimit): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond)),
    };
  }
}
