/**
 * Who is calling: the Bearer key, looked up by its hash, allowed on this route, and (for a
 * publishable key from a browser) used from one of its registered origins. An address that keeps
 * failing is stopped before its keys are even looked up.
 */
import { ProblemError } from '@hubkit/hub';
import { createMiddleware } from 'hono/factory';
import { hashKey, kindOf, normaliseOrigin } from '../../domain/keys.ts';
import type { Store } from '@hubkit/hub';
import { operationOf, type HubEnv } from '../env.ts';
import { tooMany, type Throttle } from './rate-limit.ts';

export const authenticate = (store: Pick<Store, 'findKeyByHash'>, { limiter, limits, clientOf }: Throttle) =>
  createMiddleware<HubEnv>(async (c, next) => {
    const operation = operationOf(c);
    const { route } = operation;
    if (route.keys.length === 0) return next();
    const failures = `fail\n${clientOf(c)}`;
    const blocked = limiter.check(failures, limits.failedAuth);
    if (!blocked.allowed) throw tooMany(blocked, 'Too many requests without a valid key from here');
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer ([\x21-\x7e]{1,200})$/.exec(header.trim());
    const unauthorized = () => {
      limiter.take(failures, limits.failedAuth);
      return new ProblemError(
        401,
        'unauthorized',
        'Send a publishable or secret key as Authorization: Bearer <key>.',
        {
          headers: { 'WWW-Authenticate': 'Bearer realm="hubkit"' },
        },
      );
    };
    if (!match?.[1] || !kindOf(match[1])) throw unauthorized();
    const key = await store.findKeyByHash(hashKey(match[1]));
    if (!key || key.revokedAt) throw unauthorized();
    c.set('keyId', key.id);
    if (!route.keys.includes(key.kind)) {
      throw new ProblemError(
        403,
        'forbidden',
        `A ${key.kind} key may not do this; use a secret key, from your server.`,
      );
    }
    const origin = c.req.header('origin');
    if (key.kind === 'publishable' && origin !== undefined) {
      const normal = normaliseOrigin(origin);
      if (!normal || !key.allowedOrigins.includes(normal)) {
        throw new ProblemError(
          403,
          'origin_not_allowed',
          'This publishable key is not registered for the website making the request.',
        );
      }
    }
    operation.key = key;
    return next();
  });
