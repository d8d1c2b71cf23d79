import type { FieldError } from '@hubkit/schema';
import { HubkitError } from './hubkit-error.ts';

/**
 * The hub answered, but not as the contract says (a field missing, of the wrong type, or not
 * JSON at all): a mismatch between this SDK and the hub's version, caught at once rather than
 * as an `undefined` later. Never retried.
 */
export class InvalidResponseError extends HubkitError {
  override readonly name: string = 'InvalidResponseError';
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  /** Where the answer breaks the contract. */
  readonly errors: FieldError[];

  constructor(
    message: string,
    details: { status?: number | undefined; requestId?: string | undefined; errors?: FieldError[] } = {},
  ) {
    super(message);
    this.status = details.status;
    this.requestId = details.requestId;
    this.errors = details.errors ?? [];
  }
}
