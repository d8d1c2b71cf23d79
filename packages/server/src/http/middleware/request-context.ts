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

/** A new request id: `req_` and 16 base64url characters. */
export const newRequestId = (): string => `req_${randomBytes(12).toString('base64url')}`;

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
