/**
 * The SDK client of a publishable key and a hub address, made the first time an element needs
 * it: the SDK (and ky) load then, not with the page. Whether a key and an address look usable is
 * known at once, without the SDK, so an element can say it is not set up before loading anything.
 */
import type { Lang } from '@hubkit/schema';
import type { HubClient } from '@hubkit/sdk';
import { lazy } from './lazy.ts';

/** The SDK's `createClient`, loaded on first need (or on idle, by `sdk.prefetch()`). */
export const sdk = lazy(() => import('./make-client.ts'));

const loopback = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/;

/**
 * Whether a browser client can be made from `publishableKey` and `apiBase`: a publishable key
 * (never a secret one) and an https address (http only to this machine), as the SDK requires.
 */
export function connectable(publishableKey: string | undefined, apiBase: string | undefined): boolean {
  if (!publishableKey?.startsWith('pk_') || !apiBase) return false;
  return apiBase.startsWith('https://') ? /^https:\/\/[^/]/.test(apiBase) : loopback.test(apiBase);
}

/** One client per key, address and language, shared by every element that names the same ones. */
const clients = new Map<string, Promise<HubClient | undefined>>();

/**
 * A client for a publishable key and a hub address, loading the SDK; undefined when either is
 * missing or wrong (a secret key, a malformed address: the element says it is not set up).
 */
export function clientFor(
  publishableKey: string | undefined,
  apiBase: string | undefined,
  lang: Lang,
): Promise<HubClient | undefined> {
  if (!publishableKey || !apiBase || !connectable(publishableKey, apiBase)) return Promise.resolve(undefined);
  const id = `${publishableKey} ${apiBase} ${lang}`;
  let client = clients.get(id);
  if (!client) {
    client = sdk.load().then(
      ({ createClient }) => {
        try {
          return createClient({ apiKey: publishableKey, baseUrl: apiBase, lang });
        } catch {
          return undefined;
        }
      },
      (error: unknown) => {
        // The SDK did not load (the network dropped): the next call tries again.
        clients.delete(id);
        throw error;
      },
    );
    clients.set(id, client);
  }
  return client;
}
