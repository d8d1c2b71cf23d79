import { APIError } from './api-error.ts';

/** The request is malformed (bad JSON, query or header). */
export class BadRequestError extends APIError {
  override readonly name: string = 'BadRequestError';
}
