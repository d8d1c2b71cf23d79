/**
 * Proof of work, the rules the hub and the mocks share: reading the `Hubkit-Proof` header, and
 * remembering which challenges were spent so that each buys one write. Creating and checking
 * the challenge itself is ALTCHA's (`altcha-lib`), on the hub and in the mocks.
 */
import { ProofChallenge } from './api.ts';

export interface ProofSolution {
  counter: number;
  derivedKey: string;
}

export interface ProofPayload {
  challenge: ProofChallenge;
  solution: ProofSolution;
}

// Browsers and Node both have atob; this package's types know neither, being neither.
const decodeBase64 = (text: string): string =>
  (globalThis as unknown as { atob(s: string): string }).atob(text);

/** The header's challenge and solution, or null when it is not one (too long, not base64 JSON, wrong shape). */
export function decodeProof(header: string | null | undefined): ProofPayload | null {
  if (!header || header.length > 4096) return null;
  let value: unknown;
  try {
    value = JSON.parse(decodeBase64(header.trim()));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { challenge, solution } = value as { challenge?: unknown; solution?: unknown };
  const parsed = ProofChallenge.safeParse(challenge);
  if (!parsed.success || typeof solution !== 'object' || solution === null) return null;
  const { counter, derivedKey } = solution as { counter?: unknown; derivedKey?: unknown };
  if (typeof counter !== 'number' || typeof derivedKey !== 'string') return null;
  return { challenge: parsed.data, solution: { counter, derivedKey } };
}

/**
 * Challenges already used, until they expire. A challenge buys one write: the same request sent
 * again (same key, Idempotency-Key and body: a retry, which the hub answers from its idempotency
 * record) may carry it again; anything else may not.
 */
export class SpentChallenges {
  readonly #spent = new Map<string, { use: string | null; expiresAt: number }>();
  readonly #maxSize: number;

  constructor(maxSize = 100_000) {
    this.#maxSize = maxSize;
  }

  get size(): number {
    return this.#spent.size;
  }

  /**
   * Spends the challenge with this signature on `use` (null: a request that cannot be told
   * apart from another, so never again). False when it was spent on something else.
   */
  spend(signature: string, use: string | null, expiresAtMs: number, nowMs: number): boolean {
    const prior = this.#spent.get(signature);
    if (prior && prior.expiresAt > nowMs) return use !== null && prior.use === use;
    if (this.#spent.size >= this.#maxSize) {
      for (const [key, entry] of this.#spent) if (entry.expiresAt <= nowMs) this.#spent.delete(key);
      // Still full of live challenges: the oldest go (each was bought with work all the same).
      for (const key of this.#spent.keys()) {
        if (this.#spent.size < this.#maxSize) break;
        this.#spent.delete(key);
      }
    }
    this.#spent.set(signature, { use, expiresAt: expiresAtMs });
    return true;
  }
}
