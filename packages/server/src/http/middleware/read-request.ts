/**
 * What a v1 operation reads from the request, checked with the shared schema: path ids, the
 * query (400 naming each field) and the JSON body (415 for another type, 413 past the size limit
 * by Hono's body-limit, 400 for text that is not UTF-8 JSON, 422 naming each field).
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { parseJson, ProblemError, queryObject, validate, type Lang } from '@hubkit/schema';
import type { Route } from '@hubkit/schema/routes';
import { operationOf, type HubEnv } from '../env.ts';
import { readUtf8, requireJson } from '../request.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function validated(
  schema: Route['body'],
  value: unknown,
  lang: Lang,
  status: 400 | 422,
  code: 'invalid_query' | 'validation_failed',
): unknown {
  if (!schema) return value;
  const result = validate(schema, value, { lang });
  if (result.success) return result.data;
  throw new ProblemError(
    status,
    code,
    status === 422
      ? 'Some fields need changing: see errors.'
      : 'Some query parameters need changing: see errors.',
    { errors: result.errors },
  );
}

/** Path ids (anything else is a 404, as for an id that does not exist) and the query. */
export const readParamsAndQuery = createMiddleware<HubEnv>(async (c, next) => {
  const operation = operationOf(c);
  const { route } = operation;
  for (const [, param] of route.path.matchAll(/\{(\w+)\}/g)) {
    const value = c.req.param(param ?? '') ?? '';
    const ok = param === 'version' ? /^[1-9]\d{0,8}$/.test(value) : UUID.test(value);
    if (!ok || !param) throw new ProblemError(404, 'not_found', 'Nothing here has that id.');
    operation.params[param] = param === 'id' ? value.toLowerCase() : value;
  }
  if (route.query) {
    operation.query = validated(
      route.query,
      queryObject(new URL(c.req.url).searchParams),
      c.get('lang'),
      400,
      'invalid_query',
    );
  }
  return next();
});

/** The body of a route that takes one: JSON only, at most `limit` bytes, then validated. */
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
      const operation = operationOf(c);
      operation.bodyText = await readUtf8(c.req.raw);
      operation.body = validated(
        operation.route.body,
        parseJson(operation.bodyText),
        c.get('lang'),
        422,
        'validation_failed',
      );
      return next();
    }),
  ];
}
