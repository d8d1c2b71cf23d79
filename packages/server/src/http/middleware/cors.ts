/**
 * CORS for /v1: browsers may call it only from an origin a publishable key is registered for
 * (Hono's cors, asking the cached allowed origins). A secret key sent from a browser is refused
 * first, before any CORS header is set, so the page cannot even read the refusal.
 */
import { secretKeyInBrowser } from '@hubkit/hub';
import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import {
  CLIENT_HEADER,
  CORRELATION_ID_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAY_HEADER,
  PROOF_HEADER,
  REQUEST_ID_HEADER,
} from '@hubkit/schema';
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
    allowMethods: ['GET', 'POST', 'DELETE'],
    allowHeaders: [
      'Authorization',
      'Content-Type',
      IDEMPOTENCY_KEY_HEADER,
      PROOF_HEADER,
      CORRELATION_ID_HEADER,
      'Accept-Language',
      CLIENT_HEADER,
    ],
    exposeHeaders: [REQUEST_ID_HEADER, CORRELATION_ID_HEADER, IDEMPOTENT_REPLAY_HEADER, 'Retry-After'],
    maxAge: 600,
  });
