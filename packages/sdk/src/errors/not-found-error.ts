import { APIError } from './api-error.ts';

/** Nothing with that id that this key may see (404). */
export class NotFoundError extends APIError {
  override readonly name: string = 'NotFoundError';
}
