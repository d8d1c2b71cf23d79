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
  return connectableBase(apiBase);
}

/** Whether a browser client may talk to `apiBase`: https (http only to this machine). */
export function connectableBase(apiBase: string): boolean {
  return apiBase.startsWith('https://') ? /^https:\/\/[^/]/.test(apiBase) : loopback.test(apiBase);
}

/** A staff token as the hub mints it (`POST /v1/sessions`), or the token alone. */
export type StaffToken = string | { token: string; expiresAt: string };

/**
 * What a staff page gives `<hub-provider>`: a function that asks the page's own server for a
 * staff token (`st_…`), which that server mints with its secret key (`client.sessions.create`).
 */
export type StaffTokenSource = () => Promise<StaffToken>;

/** A kept token is asked for again this long before it expires, so that none runs out in flight. */
const RENEW_BEFORE_MS = 30_000;

/**
 * The SDK's key function for a page's token source: the token is kept until shortly before its
 * `expiresAt` (a bare token, until `forget` is called: the hub refused it), and one request for a
 * new one is shared by every call made meanwhile.
 */
export class StaffCredential {
  readonly #source: StaffTokenSource;
  #kept: { token: string; renewAt: number } | undefined;
  #asking: Promise<string> | undefined;

  constructor(source: StaffTokenSource) {
    this.#source = source;
  }

  /** The token to send now. */
  readonly token = (): Promise<string> => {
    const kept = this.#kept;
    if (kept && Date.now() < kept.renewAt) return Promise.resolve(kept.token);
    this.#asking ??= this.#source()
      .then((given) => {
        const token = typeof given === 'string' ? given : given.token;
        const expires = typeof given === 'string' ? Number.POSITIVE_INFINITY : Date.parse(given.expiresAt);
        this.#kept = { token, renewAt: expires - RENEW_BEFORE_MS };
        return token;
      })
      .finally(() => {
        this.#asking = undefined;
      });
    return this.#asking;
  };

  /** The hub refused the kept token: the next call asks the page for a new one. */
  forget(): void {
    this.#kept = undefined;
  }
}

/**
 * The client of `apiKey` for `apiBase` and `lang`, kept in `kept` under `id` and shared by every
 * element that asks for the same; undefined when the SDK refuses them. Made once the SDK has
 * loaded; should it not load (the network dropped), the next call tries again.
 */
function keptClient(
  kept: Map<string, Promise<HubClient | undefined>>,
  id: string,
  apiKey: string | (() => Promise<string>),
  apiBase: string,
  lang: Lang,
): Promise<HubClient | undefined> {
  let client = kept.get(id);
  if (!client) {
    client = sdk.load().then(
      ({ createClient }) => {
        try {
          return createClient({ apiKey, baseUrl: apiBase, lang });
        } catch {
          return undefined;
        }
      },
      (error: unknown) => {
        kept.delete(id);
        throw error;
      },
    );
    kept.set(id, client);
  }
  return client;
}

/** Clients of publishable keys, by key, address and language. */
const clients = new Map<string, Promise<HubClient | undefined>>();

/** Clients that send a staff page's tokens: for each credential, by address and language. */
const staffClients = new WeakMap<StaffCredential, Map<string, Promise<HubClient | undefined>>>();

/** A client that sends a staff page's tokens; undefined for a missing or malformed address. */
export function staffClientFor(
  credential: StaffCredential,
  apiBase: string | undefined,
  lang: Lang,
): Promise<HubClient | undefined> {
  if (!apiBase || !connectableBase(apiBase)) return Promise.resolve(undefined);
  let kept = staffClients.get(credential);
  if (!kept) {
    kept = new Map();
    staffClients.set(credential, kept);
  }
  return keptClient(kept, `${apiBase} ${lang}`, credential.token, apiBase, lang);
}

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
  return keptClient(clients, `${publishableKey} ${apiBase} ${lang}`, publishableKey, apiBase, lang);
}
