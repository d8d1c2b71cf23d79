/**
 * CORS for /v1: browsers may call it only from an origin a publishable key is registered for
 * (Hono's cors, asking the cached allowed origins). A secret key sent from a browser is refused
 * first, before any CORS header is set, so the page cannot even read the refusal.
 */
import { API_CORS, secretKeyInBrowser } from '@hubkit/hub';
import { cors } from 'hono/cors';
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

export const apiCors = (origins: AllowedOrigins) =>
  cors({
    origin: (origin) => origins.allowed(origin),
    allowMethods: [...API_CORS.allowMethods],
    allowHeaders: [...API_CORS.allowHeaders],
    exposeHeaders: [...API_CORS.exposeHeaders],
    maxAge: API_CORS.maxAge,
  });
