/**
 * Staff tokens (`st_…`): what a referring partner's server mints (`POST /v1/sessions`) for one
 * member of its staff, so that a page of its own can read its referrals without a secret key in
 * the browser; or a hub's server, so that its intranet dashboard can read the reports (what a
 * token may do follows from its minting key's role: `sessionKindOf` in access.ts). Stateless and signed, as page cursors are: the minting key's id, the staff
 * reference, the origin and the expiry, as base64url JSON, then `.` and an HMAC-SHA256 of that
 * text under a secret of the hub's database, so every process on one database accepts the
 * others' tokens and nothing is stored. Nothing personal is in one: the staff reference is the
 * partner's own opaque id.
 */
import { SESSION_TOKEN_PREFIX } from '@hubkit/schema';
import { base64url, fromBase64url, utf8, utf8Text } from './web.ts';

export interface SessionClaims {
  /**
   * The id of the secret key that minted it (a referrer's or a hub's): the token reads as that
   * key, within what its kind allows.
   */
  keyId: string;
  /** The partner's own opaque id for the member of staff (no name, no email). */
  staffRef: string;
  /** The web origin it may be used from, normalised (`https://portal.example.org`). */
  origin: string;
  /** When it stops working, in whole seconds since 1970. */
  expiresAt: number;
}

/** An HMAC-SHA256 of the text under the hub's token secret (node:crypto's or Web Crypto's). */
export type TokenMac = (data: string) => Uint8Array | Promise<Uint8Array>;

/** The version of the claims' layout, first in each token: a later layout can be told apart. */
const LAYOUT = 1;

/** The longest token the hub reads (a long origin and staff reference fit well within it). */
export const MAX_TOKEN_LENGTH = 1024;

export class SessionTokens {
  readonly #mac: TokenMac;

  /** `mac`: the same secret for every process on one database. */
  constructor(mac: TokenMac) {
    this.#mac = mac;
  }

  async mint(claims: SessionClaims): Promise<string> {
    const json = JSON.stringify([LAYOUT, claims.keyId, claims.staffRef, claims.origin, claims.expiresAt]);
    const payload = base64url(utf8(json));
    return `${SESSION_TOKEN_PREFIX}${payload}.${base64url(await this.#mac(payload))}`;
  }

  /** The claims of a token this hub signed (expired or not); null for any other. */
  async read(token: string): Promise<SessionClaims | null> {
    if (!token.startsWith(SESSION_TOKEN_PREFIX) || token.length > MAX_TOKEN_LENGTH) return null;
    const [payload, signature, ...rest] = token.slice(SESSION_TOKEN_PREFIX.length).split('.');
    if (payload === undefined || signature === undefined || rest.length > 0) return null;
    if (!sameText(signature, base64url(await this.#mac(payload)))) return null;
    try {
      const claims: unknown = JSON.parse(utf8Text(fromBase64url(payload)));
      if (!Array.isArray(claims) || claims.length !== 5 || claims[0] !== LAYOUT) return null;
      const [, keyId, staffRef, origin, expiresAt] = claims as unknown[];
      if (typeof keyId !== 'string' || typeof staffRef !== 'string' || typeof origin !== 'string')
        return null;
      if (typeof expiresAt !== 'number' || !Number.isSafeInteger(expiresAt)) return null;
      return { keyId, staffRef, origin, expiresAt };
    } catch {
      // Signed by this hub, so well formed; a layout it cannot read is no token of its.
      return null;
    }
  }
}

/** Whether two texts are the same, in time that does not depend on where they first differ. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let differ = 0;
  for (let i = 0; i < a.length; i += 1) differ |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return differ === 0;
}
