import { APIError } from './api-error.ts';

/** The key may not do this, or not from this website (403). */
export class PermissionDeniedError extends APIError {
  override readonly name: string = 'PermissionDeniedError';
}
