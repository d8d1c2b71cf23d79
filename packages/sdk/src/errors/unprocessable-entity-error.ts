import { APIError } from './api-error.ts';

/** The hub refused the data: see `errors` for every field (422). */
export class UnprocessableEntityError extends APIError {
  override readonly name: string = 'UnprocessableEntityError';
}
