import { HubkitError } from './hubkit-error.ts';

/**
 * The caller's own `AbortSignal` stopped the request: not the hub's failure nor the network's,
 * and never retried. A timeout is an `APIConnectionTimeoutError` instead.
 */
export class APIUserAbortError extends HubkitError {
  override readonly name: string = 'APIUserAbortError';
  constructor(message = 'The request was aborted') {
    super(message);
  }
}
