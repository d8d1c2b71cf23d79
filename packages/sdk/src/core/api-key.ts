/**
 * The key a client sends: a publishable key (`pk_…`), a secret key (`sk_…`, servers only) or a
 * staff token (`st_…`, minted by a partner's server for one member of its staff); given as is,
 * or as a function the client calls for each request, so that a page can fetch a fresh token
 * from its own server (as openai-node takes a function for keys that rotate).
 */
import { PUBLISHABLE_KEY_PREFIX, SECRET_KEY_PREFIX, SESSION_TOKEN_PREFIX } from '@hubkit/schema';
import { HubkitError } from '../errors/hubkit-error.ts';

/** A key or staff token, or what gives the current one (called for each request). */
export type ApiKey = string | (() => string | Promise<string>);

function inBrowser(): boolean {
  return typeof (globalThis as { document?: unknown }).document !== 'undefined';
}

/** `value` if it is a key or staff token this client may send from here; else a HubkitError. */
export function checkedApiKey(value: unknown, dangerouslyAllowBrowser: boolean): string {
  if (
    typeof value !== 'string' ||
    ![PUBLISHABLE_KEY_PREFIX, SECRET_KEY_PREFIX, SESSION_TOKEN_PREFIX].some((prefix) =>
      value.startsWith(prefix),
    )
  ) {
    throw new HubkitError(
      `apiKey must be a publishable (${PUBLISHABLE_KEY_PREFIX}…) or secret (${SECRET_KEY_PREFIX}…) key or a staff token (${SESSION_TOKEN_PREFIX}…), or a function that gives one`,
    );
  }
  if (value.startsWith(SECRET_KEY_PREFIX) && inBrowser() && !dangerouslyAllowBrowser) {
    throw new HubkitError(
      'A secret key may not be used in a browser: anyone using the page could read it. Use a publishable key or a staff token, or call the hub from your server.',
    );
  }
  return value;
}
