/**
 * Proof of work as the hub asks for it (see the server's http/proof-of-work.ts): ALTCHA v2
 * challenges with the same parameters and problems, made and checked with Web Crypto so that
 * the mock runs in browsers too. Off unless `createHubMock({ proofOfWork: { required: true } })`.
 */
import { createChallenge, randomInt, verifySolution, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';
import { base64url, randomBytes } from '@hubkit/hub';
import { SpentChallenges, decodeProof, type ProofChallenge } from '@hubkit/schema';
import { ProblemError } from '@hubkit/hub';

export interface ProofOfWorkOptions {
  /** Ask publishable keys' referrals, consents and withdrawals for a solved challenge (default off). */
  required?: boolean;
  /** The difficulty: the answer is a random counter up to this (default 100 000, as the hub). */
  maxNumber?: number;
  /** Seconds a challenge stays good (default 300). */
  expiresInSeconds?: number;
  /** The HMAC secret that signs challenges (default: random for each mock). */
  secret?: string;
}

export const DEFAULT_PROOF_MAX_NUMBER = 100_000;

export class ProofOfWork {
  readonly required: boolean;
  readonly #maxNumber: number;
  readonly #expiresIn: number;
  readonly #secret: string;
  readonly #spent = new SpentChallenges();

  constructor(options: ProofOfWorkOptions = {}) {
    this.required = options.required ?? false;
    this.#maxNumber = options.maxNumber ?? DEFAULT_PROOF_MAX_NUMBER;
    if (!Number.isInteger(this.#maxNumber) || this.#maxNumber < 1 || this.#maxNumber > 0xffffffff) {
      throw new RangeError('proofOfWork.maxNumber must be a whole number from 1 to 4294967295');
    }
    this.#expiresIn = options.expiresInSeconds ?? 300;
    this.#secret = options.secret ?? base64url(randomBytes(32));
  }

  /** A new challenge: the key the solver must find is derived from a random counter. */
  async challenge(): Promise<ProofChallenge> {
    const challenge = await createChallenge({
      algorithm: 'SHA-256',
      cost: 1,
      counter: randomInt(this.#maxNumber),
      deriveKey,
      expiresAt: Math.floor(Date.now() / 1000) + this.#expiresIn,
      hmacSignatureSecret: this.#secret,
    });
    return challenge as ProofChallenge;
  }

  /**
   * Refuses a write without a good, unspent solution. `use` names the write (key, Idempotency-Key
   * and body), so that a retry of the same write may carry the same solution; null when the
   * write has no Idempotency-Key.
   */
  async check(header: string | undefined, use: string | null): Promise<void> {
    if (header === undefined || header.trim() === '') {
      throw new ProblemError(
        403,
        'proof_of_work_required',
        'This hub asks for a solved challenge with each write by a publishable key: get one from GET /v1/challenges and send the solution as Hubkit-Proof.',
      );
    }
    const invalid = (why: string) =>
      new ProblemError(403, 'proof_of_work_invalid', `${why}; get a new challenge from GET /v1/challenges.`);
    const payload = decodeProof(header);
    if (!payload) throw invalid('Hubkit-Proof is not a challenge and its solution');
    const { challenge, solution } = payload;
    if (challenge.parameters.algorithm !== 'SHA-256' || challenge.parameters.cost !== 1) {
      throw invalid('This challenge was not made by this hub');
    }
    const result = await verifySolution({
      challenge: challenge as Challenge,
      solution,
      deriveKey,
      hmacSignatureSecret: this.#secret,
    });
    if (result.expired) throw invalid('This challenge has expired');
    if (!result.verified) throw invalid('This challenge was not made by this hub, or is not solved');
    const expiresAt = (challenge.parameters.expiresAt ?? 0) * 1000;
    if (!this.#spent.spend(challenge.signature, use, expiresAt, Date.now())) {
      throw invalid('This challenge has been used already');
    }
  }
}
