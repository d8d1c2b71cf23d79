/**
 * Who may call the v1 contract, as every host checks it (the server's Hono middleware and the
 * mocks' msw handlers alike): the Bearer key's form, the kinds of key a route takes, the origins
 * a publishable key may be used from, and what browsers are told (CORS) on a registered origin.
 * The host looks the key up (by its hash, or in the mock's list) and counts failures itself.
 */
import {
  CLIENT_HEADER,
  CORRELATION_ID_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAY_HEADER,
  PROOF_HEADER,
  PUBLISHABLE_KEY_PREFIX,
  REQUEST_ID_HEADER,
  SECRET_KEY_PREFIX,
  SESSION_TOKEN_PREFIX,
} from '@hubkit/schema';
import type { CallerKind } from '@hubkit/schema/routes';
import { ProblemError } from './problems.ts';
import { MAX_TOKEN_LENGTH, type SessionClaims, type SessionTokens } from './sessions.ts';
import type { KeyKind, KeyRole } from './store.ts';
import { parseOrigin } from './web.ts';

/** A key's kind from its prefix, or null for anything else. */
export function kindOf(key: string): KeyKind | null {
  if (key.startsWith(PUBLISHABLE_KEY_PREFIX)) return 'publishable';
  if (key.startsWith(SECRET_KEY_PREFIX)) return 'secret';
  return null;
}

/** Web origins as browsers send them: scheme, host and port, no path; null for anything else. */
export function normaliseOrigin(origin: string): string | null {
  try {
    const url = parseOrigin(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** 401: no key, or none the hub knows (a revoked key answers the same). */
export function unauthorized(): ProblemError {
  return new ProblemError(
    401,
    'unauthorized',
    'Send a publishable or secret key as Authorization: Bearer <key>.',
    {
      headers: { 'WWW-Authenticate': 'Bearer realm="hubkit"' },
    },
  );
}

/** Whether what a caller presents is a staff token (`st_…`) rather than a key. */
export const isSessionToken = (value: string): boolean => value.startsWith(SESSION_TOKEN_PREFIX);

/**
 * The key an Authorization header presents (`Bearer pk_…` or `Bearer sk_…`), or a staff token
 * (`Bearer st_…`, longer: it carries its claims), or a 401.
 */
export function bearerKey(authorization: string | null | undefined): string {
  const match = /^Bearer ([\x21-\x7e]+)$/.exec((authorization ?? '').trim());
  const value = match?.[1] ?? '';
  const ok = isSessionToken(value) ? value.length <= MAX_TOKEN_LENGTH : value.length <= 200 && kindOf(value);
  if (!ok) throw unauthorized();
  return value;
}

/** The caller kinds of staff tokens, by what their minting key may give them. */
export type SessionKind = Extract<CallerKind, 'session' | 'reportSession'>;

/**
 * What a staff token may call, by the key that minted it, the one rule for minting and reading:
 * a referring partner's secret key mints `session` tokens (its staff read its own referrals), a
 * hub's secret key `reportSession` tokens (its dashboard reads the reports, never a referral:
 * the hub key itself sees every one); a provider's or a publishable key mints none (null). The
 * key's role never changes, so the token carries no scope of its own: the minting key, looked up
 * on every request anyway (revoking it stops its tokens), says what the token may do.
 */
export function sessionKindOf(key: { kind: KeyKind; role: string }): SessionKind | null {
  if (key.kind !== 'secret') return null;
  if (key.role === 'referrer') return 'session';
  if (key.role === 'hub') return 'reportSession';
  return null;
}

/**
 * The web origin a request comes from, as the staff-token check reads it: its `Origin`; else,
 * when a browser says the request is same-origin (`Sec-Fetch-Site: same-origin`: a browser sends
 * no `Origin` on a same-origin GET), the hub's own origin (`ownOrigin`, as the host knows itself:
 * its configured public URL, else the address it was asked on); else none. A page cannot set
 * `Sec-Fetch-Site`, and a caller outside a browser can send any `Origin` anyway, so this admits
 * no one the `Origin` rule would not.
 */
export function requestOrigin(
  origin: string | null | undefined,
  fetchSite: string | null | undefined,
  ownOrigin: string | null | undefined,
): string | null {
  if (origin !== null && origin !== undefined) return origin;
  if (fetchSite?.trim().toLowerCase() === 'same-origin' && ownOrigin) return normaliseOrigin(ownOrigin);
  return null;
}

/** What a host needs to check a staff token: the hub's tokens, its keys by id, and its clock. */
export interface SessionCheck<K> {
  tokens: SessionTokens;
  /** The key with this id, revoked or not; null when there is none. */
  findKey: (id: string) => Promise<K | null> | K | null;
  /** Now, in milliseconds since 1970 (the hub's clock). */
  now: number;
}

/**
 * A staff token's access to this route, as every host checks it: a token the hub signed (else
 * 401, as an unknown key), whose minting key is still a live secret key that mints tokens
 * (`sessionKindOf`) with the token's origin registered (else 401: revoking the key stops its
 * tokens), not expired (401 `token_expired`: the page should fetch a new one), on a route that
 * takes its kind (a referring partner's token: a read of the partner's referrals; a hub's: the
 * reports; else 403) and from its own origin (else 403 `origin_not_allowed`: a token is for
 * browsers, and only that page's; see `requestOrigin`). Gives back the minting key, the token's
 * claims and its kind.
 */
export async function checkSessionAccess<
  K extends { kind: KeyKind; role: KeyRole; revokedAt: string | null; allowedOrigins: readonly string[] },
>(
  token: string,
  check: SessionCheck<K>,
  routeKeys: readonly string[],
  origin: string | null | undefined,
): Promise<{ key: K; claims: SessionClaims; kind: SessionKind }> {
  const claims = await check.tokens.read(token);
  const key = claims && (await check.findKey(claims.keyId));
  const kind = key && sessionKindOf(key);
  if (!claims || !key || !kind || key.revokedAt || !key.allowedOrigins.includes(claims.origin)) {
    throw unauthorized();
  }
  if (check.now >= claims.expiresAt * 1000) {
    throw new ProblemError(
      401,
      'token_expired',
      'This staff token has expired: ask your server for a new one.',
      {
        headers: { 'WWW-Authenticate': 'Bearer realm="hubkit", error="invalid_token"' },
      },
    );
  }
  if (!routeKeys.includes(kind)) {
    throw new ProblemError(
      403,
      'forbidden',
      kind === 'session'
        ? 'A staff token may only read its partner’s own referrals; everything else is for the partner’s server.'
        : 'A hub’s report token may only read the reports; everything else is for the hub’s own server.',
    );
  }
  if (origin === null || origin === undefined || normaliseOrigin(origin) !== claims.origin) {
    throw new ProblemError(
      403,
      'origin_not_allowed',
      'This staff token may be used only from the website it was made for.',
    );
  }
  return { key, claims, kind };
}

/**
 * A known, live key may call this route: 403 when the route does not take its kind, or when a
 * publishable key is used from a website it is not registered for (`allowedOrigins` null: any).
 */
export function checkKeyAccess(
  key: { kind: KeyKind; allowedOrigins: readonly string[] | null },
  routeKeys: readonly string[],
  origin: string | null | undefined,
): void {
  if (!routeKeys.includes(key.kind)) {
    throw new ProblemError(
      403,
      'forbidden',
      `A ${key.kind} key may not do this; use a secret key, from your server.`,
    );
  }
  if (key.kind === 'publishable' && origin !== null && origin !== undefined) {
    const normal = normaliseOrigin(origin);
    if (!normal || (key.allowedOrigins !== null && !key.allowedOrigins.includes(normal))) {
      throw new ProblemError(
        403,
        'origin_not_allowed',
        'This publishable key is not registered for the website making the request.',
      );
    }
  }
}

/** What browsers are told on /v1 from a registered origin (CORS), by every host alike. */
export const API_CORS = {
  allowMethods: ['GET', 'POST', 'DELETE'],
  allowHeaders: [
    'Authorization',
    'Content-Type',
    IDEMPOTENCY_KEY_HEADER,
    PROOF_HEADER,
    CORRELATION_ID_HEADER,
    'Accept-Language',
    CLIENT_HEADER,
  ],
  exposeHeaders: [REQUEST_ID_HEADER, CORRELATION_ID_HEADER, IDEMPOTENT_REPLAY_HEADER, 'Retry-After'],
  /** Seconds a browser may keep a preflight's answer. */
  maxAge: 600,
} as const;
