/**
 * Handling time is bounded (default 30 s): past it the caller gets `503 request_timeout`, and the
 * request's claim on its Idempotency-Key is let go first, so a retry runs (and the write, should
 * the work still reach it, no longer holds the claim and is rolled back).
 */
import { ProblemError } from '@hubkit/hub';
import { createMiddleware } from 'hono/factory';
import { operationOf, type HubEnv } from '../env.ts';

export const deadline = (timeoutMs: number) =>
  createMiddleware<HubEnv>(async (c, next) => {
    const operation = operationOf(c);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const release = operation.releaseClaim?.() ?? Promise.resolve();
        void release
          .catch(() => undefined)
          .then(() => {
            reject(
              new ProblemError(
                503,
                'request_timeout',
                'The hub took too long to answer; try again, with the same Idempotency-Key for a create.',
                { headers: { 'Retry-After': '1' } },
              ),
            );
          });
      }, timeoutMs);
    });
    try {
      await Promise.race([next(), late]);
    } finally {
      clearTimeout(timer);
    }
  });
