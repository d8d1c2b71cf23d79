import { APIError } from './api-error.ts';

/** No key, or a key the hub does not know (401). */
export class AuthenticationError extends APIError {
  override readonly name: string = 'AuthenticationError';
}
