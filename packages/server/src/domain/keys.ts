/**
 * API keys: `pk_…` (publishable: make referrals and consents, read the directory, from
 * registered web origins) and `sk_…` (secret: everything, server to server; a referring
 * partner's or a hub's may have origins too, where the staff tokens it mints may be used). A key is random,
 * shown once, and stored only as its SHA-256.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { PUBLISHABLE_KEY_PREFIX, SECRET_KEY_PREFIX } from '@hubkit/schema';
import type { ApiKeyRecord, KeyKind, KeyRateLimit, KeyRole } from '@hubkit/hub';
import { kindOf, normaliseOrigin, sessionKindOf } from '@hubkit/hub';

/** The hub core's key rules, for the CLI and the HTTP layer here. */
export { kindOf, normaliseOrigin };

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `n` random base-62 characters (rejection sampling, so every character is equally likely). */
function randomBase62(n: number): string {
  let out = '';
  while (out.length < n) {
    for (const byte of randomBytes(n * 2)) {
      if (byte < 248 && out.length < n) out += ALPHABET.charAt(byte % 62);
    }
  }
  return out;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export interface NewKey {
  kind: KeyKind;
  name: string;
  role?: KeyRole;
  allowedOrigins?: readonly string[];
  /** Provider keys: the services whose referrals the key may see. */
  serviceIds?: readonly string[];
  /** The key's own rate limit, in place of the hub's for its kind. */
  rateLimit?: KeyRateLimit | null;
  /** Use this key instead of a random one (demo and test keys set by environment). */
  value?: string | undefined;
  now: string;
}

/** A key that cannot be made as asked, in words for the operator (never with the key in them). */
export class KeyError extends Error {
  override readonly name = 'KeyError';
}

/** Characters a key needs after its prefix (`pk_`, `sk_`): enough that it cannot be guessed. */
export const KEY_MIN_CHARACTERS = 16;

/**
 * What is wrong with `value` as a key of `kind`, or null: the rule and which part of it the value
 * breaks, never the value itself (nor its length), which is a secret.
 */
export function keyValueProblem(kind: KeyKind, value: string): string | null {
  const prefix = kind === 'publishable' ? PUBLISHABLE_KEY_PREFIX : SECRET_KEY_PREFIX;
  const rule = `a ${kind} key is ${prefix} followed by at least ${KEY_MIN_CHARACTERS} more visible characters (letters, digits or punctuation, no spaces)`;
  if (!value.startsWith(prefix)) return `${rule}; this one does not start ${prefix}`;
  if (value.length < prefix.length + KEY_MIN_CHARACTERS) {
    return `${rule}; this one has fewer than ${KEY_MIN_CHARACTERS} after ${prefix}`;
  }
  if (!/^[\x21-\x7e]+$/.test(value))
    return `${rule}; this one has a space or another character that is not one`;
  return null;
}

/** Makes a key: the value to show once, and the record to store. */
export function makeKey({
  kind,
  name,
  role,
  allowedOrigins = [],
  serviceIds = [],
  rateLimit = null,
  value,
  now,
}: NewKey): {
  key: string;
  record: ApiKeyRecord;
} {
  const prefix = kind === 'publishable' ? PUBLISHABLE_KEY_PREFIX : SECRET_KEY_PREFIX;
  const key = value ?? `${prefix}${randomBase62(kind === 'publishable' ? 24 : 40)}`;
  const wrong = keyValueProblem(kind, key);
  if (wrong) throw new KeyError(wrong);
  const origins = allowedOrigins.map((o) => {
    const normal = normaliseOrigin(o);
    if (!normal) throw new KeyError(`Not a web origin: ${o} (like https://vcs.example.org)`);
    return normal;
  });
  if (
    rateLimit &&
    !(rateLimit.perSecond > 0 && Number.isFinite(rateLimit.perSecond) && rateLimit.burst >= 1)
  ) {
    throw new KeyError('A rate limit is more than 0 requests a second, with a burst of at least 1');
  }
  return {
    key,
    record: {
      id: `key_${randomUUID().replaceAll('-', '').slice(0, 20)}`,
      kind,
      role: kind === 'publishable' ? 'referrer' : (role ?? 'hub'),
      name,
      hash: hashKey(key),
      prefix: key.slice(0, prefix.length + 4),
      // A secret key that mints staff tokens (a referring partner's, a hub's): where they may be used.
      allowedOrigins: kind === 'publishable' || sessionKindOf({ kind, role: role ?? 'hub' }) ? origins : [],
      serviceIds: kind === 'secret' && role === 'provider' ? [...serviceIds] : [],
      createdAt: now,
      revokedAt: null,
      rateLimit,
    },
  };
}
