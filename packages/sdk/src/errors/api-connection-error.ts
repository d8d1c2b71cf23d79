import { HubkitError } from './hubkit-error.ts';

/** No answer from the hub: offline, DNS, refused connection (after the retries). */
export class APIConnectionError extends HubkitError {
  override readonly name: string = 'APIConnectionError';
  constructor(message = 'Could not reach the hub; check the connection and try again') {
    super(message);
  }
}
