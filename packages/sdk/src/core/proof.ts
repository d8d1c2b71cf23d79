/**
 * Solving a hub's proof-of-work challenge (ALTCHA v2, SHA-256): the counter whose hash of salt,
 * nonce and counter (4 bytes, big-endian) starts with the key prefix.
 *
 * The hashing is a small SHA-256 of its own, run in slices with a turn for the page between
 * them, rather than Web Crypto: `crypto.subtle.digest` is asynchronous, and its cost per call
 * (tens of microseconds in Chromium, measured by `npm run bench -- abuse`) would make a
 * resident's browser pay ten times what an attacker pays with a native hash for the same
 * challenge. A hash here costs about what it costs the attacker, so the difficulty can be set
 * where a flood is expensive and a genuine submission still waits well under a second.
 */
import { ProofChallenge } from '@hubkit/schema';

export { ProofChallenge };

/** More tries than any hub's difficulty should ask for: beyond it, give up rather than spin. */
const MAX_TRIES = 50_000_000;
/** Milliseconds of work between turns for the page, checked every `CHECK` hashes. */
const SLICE_MS = 8;
const CHECK = 256;

// prettier-ignore
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const W = new Uint32Array(64);
const H = new Uint32Array(8);

/** SHA-256 of `data`, written into `out` (32 bytes). */
export function sha256(data: Uint8Array, out: Uint8Array = new Uint8Array(32)): Uint8Array {
  const blocks = Math.ceil((data.length + 9) / 64);
  const padded = new Uint8Array(blocks * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 4, data.length * 8, false);
  view.setUint32(padded.length - 8, Math.floor(data.length / 0x20000000), false);
  H.set([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  for (let block = 0; block < padded.length; block += 64) {
    for (let i = 0; i < 16; i += 1) W[i] = view.getUint32(block + i * 4, false);
    for (let i = 16; i < 64; i += 1) {
      const w15 = W[i - 15] ?? 0;
      const w2 = W[i - 2] ?? 0;
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
      W[i] = (W[i - 16] ?? 0) + s0 + (W[i - 7] ?? 0) + s1;
    }
    let [a, b, c, d, e, f, g, h] = H as unknown as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    for (let i = 0; i < 64; i += 1) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (h + S1 + ((e & f) ^ (~e & g)) + (K[i] ?? 0) + (W[i] ?? 0)) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    H[0] = (H[0] ?? 0) + a;
    H[1] = (H[1] ?? 0) + b;
    H[2] = (H[2] ?? 0) + c;
    H[3] = (H[3] ?? 0) + d;
    H[4] = (H[4] ?? 0) + e;
    H[5] = (H[5] ?? 0) + f;
    H[6] = (H[6] ?? 0) + g;
    H[7] = (H[7] ?? 0) + h;
  }
  const result = new DataView(out.buffer, out.byteOffset);
  for (let i = 0; i < 8; i += 1) result.setUint32(i * 4, H[i] ?? 0, false);
  return out;
}

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
  const key = new Uint8Array(32);
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
    sha256(input, key);
    for (let i = 1; i < cost; i += 1) sha256(key, key);
    if (matches()) {
      const solution = { counter, derivedKey: hexOf(key.slice(0, keyLength)) };
      return btoa(JSON.stringify({ challenge, solution }));
    }
  }
  return null;
}
