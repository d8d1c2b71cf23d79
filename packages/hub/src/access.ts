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
} from '@hubkit/schema';
import { ProblemError } from './problems.ts';
import type { KeyKind } from './store.ts';
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

/** The key an Authorization header presents (`Bearer pk_…` or `Bearer sk_…`), or a 401. */
export function bearerKey(authorization: string | null | undefined): string {
  const match = /^Bearer ([\x21-\x7e]{1,200})$/.exec((authorization ?? '').trim());
  const value = match?.[1];
  if (!value || !kindOf(value)) throw unauthorized();
  return value;
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
