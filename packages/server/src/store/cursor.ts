/**
 * Opaque, tamper-evident cursors for keyset pagination: the sort keys of the last item of a
 * page, as base64url JSON, then `.` and an HMAC-SHA256 of that text under the hub's cursor
 * secret. A cursor the hub did not issue (edited, made up, from another hub) is the caller's
 * mistake (400), never a crash and never read: the keys go into queries only once signed.
 */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import {
  CURSOR_NOT_OURS as NOT_OURS,
  CursorError,
  SessionTokens,
  type Cursors as HubCursors,
} from '@hubkit/hub';

export { CursorError };

export class Cursors implements HubCursors {
  /** A KeyObject, not bytes: an HMAC keyed by bytes imports them again each time (4× slower). */
  readonly #secret: KeyObject;

  /** `secret`: at least 32 random bytes, the same for every process on one database. */
  constructor(secret: Uint8Array) {
    if (secret.byteLength < 32) throw new Error('a cursor secret has at least 32 bytes');
    this.#secret = createSecretKey(secret);
  }

  #mac(payload: string): Buffer {
    return createHmac('sha256', this.#secret).update(payload).digest();
  }

  encode(keys: readonly (string | number)[]): string {
    const payload = Buffer.from(JSON.stringify(keys), 'utf8').toString('base64url');
    return `${payload}.${this.#mac(payload).toString('base64url')}`;
  }

  decode(cursor: string, arity: number): (string | number)[] {
    const [payload, signature, ...rest] = cursor.split('.');
    if (payload === undefined || signature === undefined || rest.length > 0) throw new CursorError(NOT_OURS);
    const given = Buffer.from(signature, 'base64url');
    const expected = this.#mac(payload);
    // Compare in constant time, so the signature cannot be found a byte at a time.
    if (given.byteLength !== expected.byteLength || !timingSafeEqual(given, expected)) {
      throw new CursorError(NOT_OURS);
    }
    let keys: unknown;
    try {
      keys = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw new CursorError(NOT_OURS);
    }
    // Signed by this hub, so well formed; checked anyway, in case a list changes its keys.
    if (
      !Array.isArray(keys) ||
      keys.length !== arity ||
      !keys.every((k) => typeof k === 'string' || (typeof k === 'number' && Number.isFinite(k)))
    ) {
      throw new CursorError(NOT_OURS);
    }
    return keys as (string | number)[];
  }
}

/**
 * Staff tokens signed under `secret` (at least 32 random bytes, the same for every process on one
 * database) with node:crypto's HMAC, which is synchronous and several times quicker than Web
 * Crypto's; the tokens are the same as the hub core's (see @hubkit/hub sessions.ts).
 */
export function sessionTokens(secret: Uint8Array): SessionTokens {
  if (secret.byteLength < 32) throw new Error('a token secret has at least 32 bytes');
  const key = createSecretKey(secret);
  return new SessionTokens((data) => createHmac('sha256', key).update(data).digest());
}
