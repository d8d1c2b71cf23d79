import { APIError } from '@hubkit/sdk';

/**
 * The hub asked for proof of work and the SDK could not give it (a challenge that would not
 * solve, or one refused): the person is told in words, and may try again.
 */
export function isProofFailure(error: unknown): boolean {
  return (
    error instanceof APIError &&
    (error.code === 'proof_of_work_required' || error.code === 'proof_of_work_invalid')
  );
}
