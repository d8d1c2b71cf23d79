import { APIError } from './api-error.ts';

/** The hub failed (5xx); retried automatically. */
export class InternalServerError extends APIError {
  override readonly name: string = 'InternalServerError';
}
