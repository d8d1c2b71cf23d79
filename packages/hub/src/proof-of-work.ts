/**
 * Proof of work for publishable keys' writes, switched on by a hub under attack: ALTCHA v2
 * challenges (SHA-256, signed with HMAC, expiring), each good for one write. A genuine visitor's
 * browser solves one in a fraction of a second; a flood of referrals costs its sender that much
 * CPU for every one. No cookies, no third party: the challenge comes from the hub itself. One rule
 * for the server and the mocks (made and checked with Web Crypto, so it runs in browsers too).
 */
import { createChallenge, randomInt, verifySolution, type Challenge } from 'altcha-lib';
import { deriveKey as webDeriveKey } from 'altcha-lib/algorithms/web/sha';
import { SpentChallenges, decodeProof, type ProofChallenge } from '@hubkit/schema';
import { ProblemError } from './problems.ts';
import { base64url, randomBytes } from './web.ts';

/**
 * Where spent challenges are kept (see SpentChallenges): in this process, or in the database that
 * every process of the hub shares, so that a solution spent on one is refused by the others.
 */
export interface SpentChallengeStore {
  /** Spends the challenge on `use`; false when it was spent on something else and has not expired. */
  spend(
    signature: string,
    use: string | null,
    expiresAtMs: number,
    nowMs: number,
  ): boolean | Promise<boolean>;
}

export interface ProofOfWorkOptions {
  /** Ask publishable keys' referrals, consents and withdrawals for a solved challenge (default off). */
  required?: boolean;
  /**
   * The difficulty: the answer is a random counter up to this, so a solver tries half of it on
   * average (default 100 000: about 0.3 s on average in Chromium, and as much CPU for every
   * referral a flood sends; see `npm run bench -- abuse`).
   */
  maxNumber?: number;
  /** Seconds a challenge stays good (default 300). */
  expiresInSeconds?: number;
  /** The HMAC secret that signs challenges (default: random for each process; give several processes one). */
  secret?: string;
  /** Where spent challenges are kept (default: in this process). */
  spent?: SpentChallengeStore;
}

/** How a solver's key is derived from the counter: SHA-256, Web Crypto's unless the host gives its own. */
export type DeriveKey = typeof webDeriveKey;

export const DEFAULT_PROOF_MAX_NUMBER = 100_000;

export class ProofOfWork {
  readonly required: boolean;
  readonly #maxNumber: number;
  readonly #expiresIn: number;
  readonly #secret: string;
  readonly #spent: SpentChallengeStore;

  readonly #deriveKey: DeriveKey;

  /** `deriveKey`: the same SHA-256 from the host's own crypto, where that is faster (Node's). */
  constructor(options: ProofOfWorkOptions = {}, deriveKey: DeriveKey = webDeriveKey) {
    this.#deriveKey = deriveKey;
    this.required = options.required ?? false;
    this.#maxNumber = options.maxNumber ?? DEFAULT_PROOF_MAX_NUMBER;
    if (!Number.isInteger(this.#maxNumber) || this.#maxNumber < 1 || this.#maxNumber > 0xffffffff) {
      throw new RangeError('proofOfWork.maxNumber must be a whole number from 1 to 4294967295');
    }
    this.#expiresIn = options.expiresInSeconds ?? 300;
    this.#secret = options.secret ?? base64url(randomBytes(32));
    this.#spent = options.spent ?? new SpentChallenges();
  }

  /** A new challenge: the key the solver must find is derived from a random counter. */
  async challenge(): Promise<ProofChallenge> {
    const challenge = await createChallenge({
      algorithm: 'SHA-256',
      cost: 1,
      counter: randomInt(this.#maxNumber),
      deriveKey: this.#deriveKey,
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
      deriveKey: this.#deriveKey,
      hmacSignatureSecret: this.#secret,
    });
    if (result.expired) throw invalid('This challenge has expired');
    if (!result.verified) throw invalid('This challenge was not made by this hub, or is not solved');
    const expiresAt = (challenge.parameters.expiresAt ?? 0) * 1000;
    if (!(await this.#spent.spend(challenge.signature, use, expiresAt, Date.now()))) {
      throw invalid('This challenge has been used already');
    }
  }
}
