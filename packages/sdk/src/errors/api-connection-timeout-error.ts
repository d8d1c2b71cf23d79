import { APIConnectionError } from './api-connection-error.ts';

/** The hub did not answer in time (after the retries). */
export class APIConnectionTimeoutError extends APIConnectionError {
  override readonly name: string = 'APIConnectionTimeoutError';
  constructor(timeoutMs: number) {
    super(`The hub did not answer within ${timeoutMs} ms`);
  }
}
