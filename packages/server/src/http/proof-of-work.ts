/**
 * Proof of work for publishable keys' writes (the hub core's rule, `@hubkit/hub`), with the key
 * derived by Node's own SHA-256.
 */
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { ProofOfWork as HubProofOfWork, type ProofOfWorkOptions } from '@hubkit/hub';

export { DEFAULT_PROOF_MAX_NUMBER, type ProofOfWorkOptions, type SpentChallengeStore } from '@hubkit/hub';

export class ProofOfWork extends HubProofOfWork {
  constructor(options: ProofOfWorkOptions = {}) {
    super(options, deriveKey);
  }
}
