/**
 * CORS for /v1: browsers may call it only from an origin a publishable key is registered for, or
 * a referring partner's key for its staff tokens (Hono's cors, asking the cached allowed origins). A secret key sent from a browser is refused
 * first, before any CORS header is set, so the page cannot even read the refusal.
 */
import { API_CORS, secretKeyInBrowser } from '@hubkit/hub';
import { cors } from 'hono/cors';
import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AllowedOrigins } from '../allowed-origins.ts';
import type { HubEnv } from '../env.ts';
import { problem } from '../responses.ts';

export const refuseSecretKeyInBrowser = createMiddleware<HubEnv>(async (c, next) => {
  if (c.req.method === 'OPTIONS') return next();
  const refused = secretKeyInBrowser(c.req.header('authorization'), c.req.header('origin'));
  if (!refused) return next();
  const answer = problem(c, refused);
  answer.headers.append('Vary', 'Origin');
  return answer;
});

/**
 * Hono's cors, for requests from a browser (with an Origin). A request with none (a partner's
 * server, the SDK in Node) has no CORS headers to get, only `Vary: Origin`, added to its answer's
 * headers here: Hono's cors sets it with `c.header` once the answer is made, which makes the
 * answer again as a full web Response, written out through its stream, some 8% of the main
 * thread per create (issue 14).
 */
export const apiCors = (origins: AllowedOrigins): MiddlewareHandler<HubEnv> => {
  const browsers = cors({
    origin: (origin) => origins.allowed(origin),
    allowMethods: [...API_CORS.allowMethods],
    allowHeaders: [...API_CORS.allowHeaders],
    exposeHeaders: [...API_CORS.exposeHeaders],
    maxAge: API_CORS.maxAge,
  });
  return createMiddleware<HubEnv>(async (c, next) => {
    if (c.req.header('origin') !== undefined) return browsers(c, next);
    await next();
    c.res.headers.append('Vary', 'Origin');
  });
};
