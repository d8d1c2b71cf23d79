/**
 * Every request: a request id (Hono's request-id middleware, with the hub's `req_…` ids), the
 * language to answer in, and on every response its X-Request-Id and the caller's
 * X-Correlation-Id echoed back.
 */
import { languageOf } from '@hubkit/hub';
import { randomBytes } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { requestId } from 'hono/request-id';
import { CORRELATION_ID_HEADER, REQUEST_ID_HEADER } from '@hubkit/schema';
import type { HubEnv } from '../env.ts';

const CORRELATION_ID = /^[\x21-\x7e]{1,200}$/;

// Random bytes drawn in bulk: one randomBytes call per 512 ids instead of one per request (a
// call per request was some 3% of the main thread under load). Each id is still 12 fresh random
// bytes, never reused: 12 bytes are 16 base64url characters exactly, so the pool is cut into ids.
const IDS_PER_DRAW = 512;
let pool = '';
let next = IDS_PER_DRAW;

/** A new request id: `req_` and 16 base64url characters (12 random bytes). */
export const newRequestId = (): string => {
  if (next === IDS_PER_DRAW) {
    pool = randomBytes(12 * IDS_PER_DRAW).toString('base64url');
    next = 0;
  }
  const at = 16 * next++;
  return `req_${pool.slice(at, at + 16)}`;
};

/**
 * The id is always the hub's own (no header name: a caller's X-Request-Id is not taken), since it
 * names the request in the audit trail; a caller names its requests with X-Correlation-Id.
 */
export const requestIds = requestId({ headerName: '', generator: newRequestId });

export const requestContext = createMiddleware<HubEnv>(async (c, next) => {
  c.set('lang', languageOf(c.req.header('accept-language')));
  await next();
  const headers = c.res.headers;
  headers.set(REQUEST_ID_HEADER, c.get('requestId'));
  const correlation = c.req.header(CORRELATION_ID_HEADER);
  if (correlation && CORRELATION_ID.test(correlation)) headers.set(CORRELATION_ID_HEADER, correlation);
});
