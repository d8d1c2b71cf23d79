import { APIError } from './api-error.ts';

/** The record changed, is already like that, or a request with this Idempotency-Key is still in flight (409). */
export class ConflictError extends APIError {
  override readonly name: string = 'ConflictError';
}
