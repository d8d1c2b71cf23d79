/**
 * Human-friendly referral references, like `HUB-7K3P-Q9`, that can be read over the phone.
 *
 * Five random characters and a check character, from Crockford's base 32 alphabet: no I, L,
 * O or U, so nothing is mistaken for 1, 0 or V. When read back, `O` is taken as `0` and `I`
 * or `L` as `1`, case and spaces do not matter, and the check character (Luhn mod 32) catches
 * every single mistyped character and almost every swap of two neighbours.
 */
import * as z from 'zod/mini';
import { WHITE_SPACE, asciiUpper, checked, withJsonForms } from './primitives.ts';

export const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const N = REFERENCE_ALPHABET.length;
const DATA_LENGTH = 5;
const PATTERN = /^HUB-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/;

function luhnSum(values: readonly number[], startFactor: 1 | 2): number {
  let factor = startFactor;
  let sum = 0;
  for (let i = values.length - 1; i >= 0; i -= 1) {
    const addend = factor * (values[i] ?? 0);
    sum += Math.floor(addend / N) + (addend % N);
    factor = factor === 2 ? 1 : 2;
  }
  return sum % N;
}

/** The check character for data characters drawn from the alphabet. */
export function referenceCheckCharacter(data: string): string {
  const values = Array.from(data, (c) => REFERENCE_ALPHABET.indexOf(c));
  if (values.some((v) => v < 0)) throw new RangeError('Reference characters must come from the alphabet');
  return REFERENCE_ALPHABET.charAt((N - luhnSum(values, 2)) % N);
}

/**
 * Reads a reference as a person might type or say it (`hub 7k3p q9`, `7K3PQ9`, `HUB-7K3P-O9`)
 * into its canonical form `HUB-7K3P-Q9`. Returns the input unchanged (trimmed and upper-cased)
 * when it cannot be read, so a validator can say what is wrong.
 */
export function normaliseReference(input: string): string {
  const upper = asciiUpper(input.trim());
  let compact = upper.replace(/[\s-]/g, '');
  if (compact.startsWith('HUB')) compact = compact.slice(3);
  compact = compact.replace(/O/g, '0').replace(/[IL]/g, '1');
  if (compact.length !== DATA_LENGTH + 1 || Array.from(compact).some((c) => !REFERENCE_ALPHABET.includes(c)))
    return upper;
  return `HUB-${compact.slice(0, 4)}-${compact.slice(4)}`;
}

/** True when `input` reads as a reference whose check character is right. */
export function isValidReference(input: string): boolean {
  const canonical = normaliseReference(input);
  if (!PATTERN.test(canonical)) return false;
  const values = Array.from(canonical.slice(4).replace('-', ''), (c) => REFERENCE_ALPHABET.indexOf(c));
  return luhnSum(values, 1) === 0;
}

interface RandomSource {
  getRandomValues(array: Uint8Array): Uint8Array;
}

/**
 * A new random reference. 32^5 (about 33.5 million) are possible, so a store must still
 * check a new one is unused (the reference server retries on a clash).
 */
export function generateReference(
  random: RandomSource | undefined = (globalThis as { crypto?: RandomSource }).crypto,
): string {
  if (!random) throw new Error('generateReference needs a source of random values (Web Crypto)');
  const bytes = random.getRandomValues(new Uint8Array(DATA_LENGTH));
  const data = Array.from(bytes, (b) => REFERENCE_ALPHABET.charAt(b % N)).join('');
  return `HUB-${data.slice(0, 4)}-${data.slice(4)}${referenceCheckCharacter(data)}`;
}

// What the hub reads as a reference: any case, `HUB` optional, spaces and dashes anywhere, and
// `O`, `I`, `L` for `0`, `1`, `1` (`hub-6zrk-en`, `6ZRK EN`).
const READ = `[${WHITE_SPACE}-]*`;
const READ_PATTERN = `^${READ}(?:[Hh]${READ}[Uu]${READ}[Bb]${READ})?(?:[0-9A-TV-Za-tv-z]${READ}){${DATA_LENGTH + 1}}$`;

export const Reference = withJsonForms(
  checked(
    z.string(),
    z.overwrite(normaliseReference),
    z.regex(PATTERN),
    // Only a well-formed reference has a check character to check: one error, not two.
    z.refine(isValidReference, {
      when: (payload) => payload.issues.length === 0,
      params: { key: 'reference_check' },
    }),
  ),
  {
    input: {
      pattern: READ_PATTERN,
      description:
        'A referral reference as a person types it (`hub-6zrk-en`, `6ZRK EN`); the hub returns it as `HUB-6ZRK-EN`.',
    },
    output: { pattern: PATTERN.source, description: 'A referral reference: `HUB-6ZRK-EN`.' },
  },
);
