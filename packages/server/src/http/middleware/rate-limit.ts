/**
 * Per-key rate limits: each key's bucket, and each key's bucket for each client address (the
 * client's own share first, so one that runs out takes nothing from the key's other callers).
 * A key's own limit, where it has one, counts in place of the hub's (see limitsForKey).
 */
import { ProblemError } from '@hubkit/hub';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createMiddleware } from 'hono/factory';
import { clientAddressResolver, clientBucket, type TrustProxy } from '../client-address.ts';
import { operationOf, type HubEnv } from '../env.ts';
import { limitsForKey, RateLimiter, type RateLimits, type Taken, type TokenBuckets } from '../rate-limit.ts';

export interface Throttle {
  limiter: TokenBuckets;
  limits: RateLimits;
  /** The caller's rate-limit identity: its address (by /64 for IPv6), from the socket or a trusted proxy. */
  clientOf: (c: Context<HubEnv>) => string;
}

export function throttle(
  limits: RateLimits,
  trustProxy: TrustProxy,
  limiter: TokenBuckets = new RateLimiter(),
): Throttle {
  const resolve = clientAddressResolver(trustProxy);
  return {
    limiter,
    limits,
    clientOf: (c) => {
      let socket = 'unknown';
      try {
        socket = getConnInfo(c as Context).remote.address ?? socket;
      } catch {
        // Not over Node's HTTP server (app.request in a test): one shared identity.
      }
      return clientBucket(resolve(socket, c.req.header('x-forwarded-for')));
    },
  };
}

export const tooMany = (taken: Taken & { allowed: false }, what: string) =>
  new ProblemError(429, 'rate_limited', `${what}; try again in ${taken.retryAfterSeconds} s.`, {
    headers: { 'Retry-After': String(taken.retryAfterSeconds) },
  });

export const rateLimit = ({ limiter, limits, clientOf }: Throttle) =>
  createMiddleware<HubEnv>(async (c, next) => {
    const { key } = operationOf(c);
    if (!key) return next();
    const client = clientOf(c);
    const own = limitsForKey(limits, key);
    const taken = await limiter.takeAll([
      [`client\n${key.id}\n${client}`, own.perClient],
      [`key\n${key.id}`, own.perKey],
    ]);
    if (!taken.allowed) throw tooMany(taken, 'Too many requests from this key');
    return next();
  });
