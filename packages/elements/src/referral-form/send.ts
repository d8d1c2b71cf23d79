/**
 * Sending the referral: the SDK call under one idempotency key, and what a failure means for the
 * person. It carries the SDK (and ky): the form loads it when the person starts answering.
 */
import type { FieldError, Referral, ReferralCreate } from '@hubkit/schema';
import {
  APIConnectionError,
  APIError,
  createReferral,
  RateLimitError,
  ValidationError,
  type HubClient,
} from '@hubkit/sdk';
import { isProofFailure } from '../core/proof.ts';
import type { Failure } from './model.ts';

/** One referral's sending: its key, and the last send whose answer never came. */
export interface Sending {
  idempotencyKey: string;
  /** The referral last sent whose answer never came: the hub may have made it under the key. */
  unsettled: ReferralCreate | undefined;
}

export const newSending = (): Sending => ({ idempotencyKey: crypto.randomUUID(), unsettled: undefined });

/**
 * Sends the referral under the sending's key. When answers changed after a send whose answer was
 * lost, the hub may already have made the first: it then refuses the key with other answers, and
 * sending the first again gets the referral it made, never a second one.
 */
export async function send(client: HubClient, referral: ReferralCreate, sending: Sending): Promise<Referral> {
  const options = { idempotencyKey: sending.idempotencyKey };
  try {
    const made = await createReferral(client, referral, options);
    sending.unsettled = undefined;
    return made;
  } catch (error) {
    if (error instanceof APIConnectionError) {
      sending.unsettled = referral;
    } else if (error instanceof APIError && error.code === 'idempotency_key_reused' && sending.unsettled) {
      const made = await createReferral(client, sending.unsettled, options);
      sending.unsettled = undefined;
      return made;
    } else if (
      error instanceof APIError &&
      error.status < 500 &&
      error.status !== 409 &&
      error.status !== 429
    ) {
      // The hub said no and made nothing; it keeps that answer for the key, so the corrected
      // referral needs a key of its own.
      sending.idempotencyKey = crypto.randomUUID();
      sending.unsettled = undefined;
    }
    throw error;
  }
}

/** What went wrong, in the form's words; `errors` are the hub's, to place by their fields. */
export function failureOf(error: unknown): { failure: Failure; errors: readonly FieldError[] } {
  if (error instanceof ValidationError || (error instanceof APIError && error.status === 422)) {
    const failure =
      error instanceof APIError && error.code === 'idempotency_key_reused'
        ? 'conflict'
        : error.errors.length > 0
          ? 'rejected'
          : 'server';
    return { failure, errors: error.errors };
  }
  if (error instanceof APIConnectionError) {
    return { failure: navigator.onLine ? 'network' : 'offline', errors: [] };
  }
  if (error instanceof RateLimitError) return { failure: 'rate', errors: [] };
  if (isProofFailure(error)) return { failure: 'proof', errors: [] };
  return { failure: 'server', errors: [] };
}
