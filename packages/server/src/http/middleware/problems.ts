/**
 * Every error as problem details (RFC 9457): the hub's own refusals as they are, a bad cursor as
 * 400 naming `cursor`, a lost Idempotency-Key claim as 409, and anything unexpected as 500, logged
 * with what failed and where, never the request's data.
 */
import type { Context, ErrorHandler } from 'hono';
import { routePath } from 'hono/route';
import { type FieldError } from '@hubkit/schema';
import type { Logger } from '../../log.ts';
import { CursorError, idempotencyInFlight, ProblemError } from '@hubkit/hub';
import { IdempotencyClaimLost } from '@hubkit/hub';
import type { HubEnv } from '../env.ts';
import { problem } from '../responses.ts';

export const problems =
  (logger: Logger): ErrorHandler<HubEnv> =>
  (error, c) => {
    if (error instanceof ProblemError) return problem(c, error);
    if (error instanceof CursorError) {
      return problem(
        c,
        new ProblemError(400, 'invalid_query', error.message, {
          errors: [
            {
              path: '/cursor',
              code: 'invalid',
              message: 'Use the nextCursor of the previous page',
            } satisfies FieldError,
          ],
        }),
      );
    }
    // Another request with the same Idempotency-Key took over: it makes the record, a retry gets its answer.
    if (error instanceof IdempotencyClaimLost) return problem(c, idempotencyInFlight());
    logger.error({
      requestId: c.get('requestId'),
      route: routePath(c as Context),
      error: error.name,
      stack: error.stack,
    });
    return problem(
      c,
      new ProblemError(
        500,
        'internal_error',
        'The hub could not finish this request. It has been logged; try again.',
      ),
    );
  };
