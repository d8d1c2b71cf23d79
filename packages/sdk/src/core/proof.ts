/**
 * Solving a hub's proof-of-work challenge (ALTCHA v2, SHA-256): the counter whose hash of salt,
 * nonce and counter (4 bytes, big-endian) starts with the key prefix.
 *
 * The hashing is @noble/hashes' synchronous SHA-256 (audited, no dependencies), run in slices
 * with a turn for the page between them, rather than Web Crypto: `crypto.subtle.digest` is
 * asynchronous, and its cost per call (tens of microseconds in Chromium, measured by
 * `npm run bench -- abuse`) would make a resident's browser pay ten times what an attacker pays
 * with a native hash for the same challenge. A hash here costs about what it costs the
 * attacker, so the difficulty can be set where a flood is expensive and a genuine submission
 * still waits well under a second.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { ProofChallenge } from '@hubkit/schema';

export { ProofChallenge };

/** More tries than any hub's difficulty should ask for: beyond it, give up rather than spin. */
const MAX_TRIES = 50_000_000;
/** Milliseconds of work between turns for the page, checked every `CHECK` hashes. */
const SLICE_MS = 8;
const CHECK = 256;

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

/**
 * A turn for the page (input, timers, painting) between slices of work: a message to itself,
 * which queues behind what is waiting (not `setTimeout`, which browsers hold back 4 ms when
 * nested; not `scheduler.yield()`, whose continuation goes ahead of the page's timers).
 */
const yieldToPage = (): Promise<void> =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

/**
 * The `Hubkit-Proof` header value for a challenge: base64 of `{ challenge, solution }`. Null
 * when it cannot be solved (another algorithm, or too many tries).
 */
export async function solveProof(challenge: ProofChallenge, signal?: AbortSignal): Promise<string | null> {
  const { algorithm, nonce, salt, cost, keyLength, keyPrefix } = challenge.parameters;
  if (algorithm !== 'SHA-256') return null;
  const head = [...bytesOf(salt), ...bytesOf(nonce)];
  const input = new Uint8Array(head.length + 4);
  input.set(head);
  const counterAt = new DataView(input.buffer);
  const prefix = bytesOf(keyPrefix.length % 2 === 0 ? keyPrefix : keyPrefix.slice(0, -1));
  const lastNibble = keyPrefix.length % 2 === 0 ? -1 : parseInt(keyPrefix.slice(-1), 16);
  let key = new Uint8Array(32);
  const matches = () => {
    for (let i = 0; i < prefix.length; i += 1) if (key[i] !== prefix[i]) return false;
    return lastNibble < 0 || (key[prefix.length] ?? 0) >> 4 === lastNibble;
  };

  let sliceStart = performance.now();
  for (let counter = 0; counter < MAX_TRIES; counter += 1) {
    if (counter % CHECK === 0 && performance.now() - sliceStart > SLICE_MS) {
      await yieldToPage();
      signal?.throwIfAborted();
      sliceStart = performance.now();
    }
    counterAt.setUint32(head.length, counter, false);
    key = sha256(input);
    for (let i = 1; i < cost; i += 1) key = sha256(key);
    if (matches()) {
      const solution = { counter, derivedKey: hexOf(key.slice(0, keyLength)) };
      return btoa(JSON.stringify({ challenge, solution }));
    }
  }
  return null;
}
