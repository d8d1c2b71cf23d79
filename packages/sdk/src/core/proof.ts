/**
 * Solving a hub's proof-of-work challenge (ALTCHA v2, SHA-256): the counter whose hash of salt,
 * nonce and counter (4 bytes, big-endian) starts with the key prefix. Web Crypto only, so it
 * adds nothing to a browser bundle but these few lines. The digests are asked for in batches,
 * which Web Crypto works on off the main thread; the page gets a turn between batches.
 */
import type { ProofChallenge } from '@hubkit/schema';

const BATCH = 64;
/** More tries than any hub's difficulty should ask for: beyond it, give up rather than spin. */
const MAX_TRIES = 20_000_000;

const bytesOf = (hex: string): Uint8Array => {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
};
const hexOf = (bytes: Uint8Array): string => {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
};

/** Lets the page handle input and paint now and then, even if digests resolve as microtasks. */
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The `Hubkit-Proof` header value for a challenge: base64 of `{ challenge, solution }`. Null
 * when it cannot be solved (an algorithm Web Crypto does not have, or too many tries).
 */
export async function solveProof(challenge: ProofChallenge, signal?: AbortSignal): Promise<string | null> {
  const { algorithm, nonce, salt, cost, keyLength, keyPrefix } = challenge.parameters;
  if (!['SHA-256', 'SHA-384', 'SHA-512'].includes(algorithm)) return null;
  const head = new Uint8Array([...bytesOf(salt), ...bytesOf(nonce)]);
  const prefix = keyPrefix.length % 2 === 0 ? bytesOf(keyPrefix) : null;
  const matches = (key: Uint8Array) =>
    prefix ? prefix.every((byte, i) => key[i] === byte) : hexOf(key).startsWith(keyPrefix);

  const derive = async (counter: number): Promise<Uint8Array> => {
    let data = new Uint8Array(head.length + 4);
    data.set(head);
    new DataView(data.buffer).setUint32(head.length, counter, false);
    for (let i = 0; i < Math.max(1, cost); i += 1) {
      data = new Uint8Array(await crypto.subtle.digest(algorithm, data));
    }
    return data.slice(0, keyLength);
  };

  let yielded = performance.now();
  for (let start = 0; start < MAX_TRIES; start += BATCH) {
    signal?.throwIfAborted();
    const keys = await Promise.all(Array.from({ length: BATCH }, (_, i) => derive(start + i)));
    const found = keys.findIndex(matches);
    if (found >= 0) {
      const solution = { counter: start + found, derivedKey: hexOf(keys[found] as Uint8Array) };
      return btoa(JSON.stringify({ challenge, solution }));
    }
    if (performance.now() - yielded > 50) {
      await yieldToPage();
      yielded = performance.now();
    }
  }
  return null;
}
