import type { Problem } from '@hubkit/schema';
import { APIError } from './api-error.ts';

/** Too many requests from this key (429); retried automatically after `Retry-After`. */
export class RateLimitError extends APIError {
  override readonly name: string = 'RateLimitError';
  /** Seconds the hub asked to wait, when it said. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: number,
    problem: Problem | undefined,
    requestId: string | undefined,
    retryAfterSeconds: number | undefined,
    headers?: Headers,
  ) {
    super(status, problem, requestId, headers);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
