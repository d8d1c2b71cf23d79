/**
 * The JSON body of a v1 operation, as text: 415 for another type, 413 past the size limit by
 * Hono's body-limit, 400 for text that is not UTF-8. The hub core's `answerRoute` parses it and
 * checks it with the shared schema (400 for text that is not JSON, 422 naming each field).
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { ProblemError } from '@hubkit/hub';
import { operationOf, type HubEnv } from '../env.ts';
import { readUtf8, requireJson } from '../request.ts';

/**
 * At most `limit` bytes. A body of declared length is as long as its Content-Length says (Node's
 * parser reads no further), so the header decides, as Hono's body-limit decides it too, but
 * without asking for the body's stream first: that built a whole web Request (headers, a
 * ReadableStream over the socket) for every write, 8% of the main thread under load (issue 14).
 * Then the body is read straight from the socket (@hono/node-server's fast path). A body of
 * unknown length (chunked) goes through body-limit, which counts it as it comes.
 */
function limitBody(limit: number, tooLarge: () => never): MiddlewareHandler<HubEnv> {
  const counted = bodyLimit({ maxSize: limit, onError: tooLarge });
  return createMiddleware<HubEnv>(async (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return counted(c, next);
    if (Number.parseInt(length, 10) > limit) tooLarge();
    return next();
  });
}

/** The body of a route that takes one: JSON only, at most `limit` bytes, UTF-8. */
export function readJsonBody(limit: number): MiddlewareHandler<HubEnv>[] {
  const tooLarge = (): never => {
    throw new ProblemError(413, 'payload_too_large', `The body may be at most ${limit} bytes.`);
  };
  return [
    createMiddleware<HubEnv>(async (c, next) => {
      requireJson(c.req.raw);
      return next();
    }),
    limitBody(limit, tooLarge),
    createMiddleware<HubEnv>(async (c, next) => {
      operationOf(c).bodyText = await readUtf8(c.req.raw);
      return next();
    }),
  ];
}
