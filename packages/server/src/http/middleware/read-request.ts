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

/** The body of a route that takes one: JSON only, at most `limit` bytes, UTF-8. */
export function readJsonBody(limit: number): MiddlewareHandler<HubEnv>[] {
  const tooLarge = () => {
    throw new ProblemError(413, 'payload_too_large', `The body may be at most ${limit} bytes.`);
  };
  return [
    createMiddleware<HubEnv>(async (c, next) => {
      requireJson(c.req.raw);
      return next();
    }),
    bodyLimit({ maxSize: limit, onError: tooLarge }),
    createMiddleware<HubEnv>(async (c, next) => {
      operationOf(c).bodyText = await readUtf8(c.req.raw);
      return next();
    }),
  ];
}
