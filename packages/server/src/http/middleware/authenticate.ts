/**
 * Who is calling: the Bearer key, looked up by its hash, allowed on this route, and (for a
 * publishable key from a browser) used from one of its registered origins; or a staff token,
 * checked by its signature, and then as its minting key (looked up by id: a revoked key stops its
 * tokens), its expiry, the route and its origin (see `checkSessionAccess`; a same-origin page's
 * browser sends no Origin on a GET, but says `Sec-Fetch-Site: same-origin`). An address that keeps
 * failing is stopped before its keys are even looked up.
 */
import {
  bearerKey,
  checkKeyAccess,
  checkSessionAccess,
  isSessionToken,
  ProblemError,
  requestOrigin,
  unauthorized,
  type ApiKeyRecord,
  type Store,
} from '@hubkit/hub';
import { createMiddleware } from 'hono/factory';
import { hashKey } from '../../domain/keys.ts';
import { operationOf, type HubEnv } from '../env.ts';
import { tooMany, type Throttle } from './rate-limit.ts';

type KeyStore = Pick<Store, 'findKeyByHash' | 'keysVersion' | 'listKeys' | 'sessions'>;

/**
 * Keys found by their hash, trusted only while the store's keys version is the one they were read
 * at (as AllowedOrigins does): a key created, changed or revoked by any process moves the version,
 * and the next request reads again. One small read per request instead of a key's row and its
 * JSON. Only keys that exist are kept, and at most MAX_KNOWN, so made-up keys cannot fill it.
 */
const MAX_KNOWN = 1_000;
class KnownKeys {
  readonly #store: KeyStore;
  readonly #byHash = new Map<string, ApiKeyRecord>();
  /** Every key by id, read (all of them: a hub has few) when a staff token first asks, per version. */
  #byId: Map<string, ApiKeyRecord> | null = null;
  #version: number | null = null;

  constructor(store: KeyStore) {
    this.#store = store;
  }

  /** Forgets what it knew when the keys changed since it was read. */
  async #current(): Promise<void> {
    // The version first: a change while the key is read moves it again, so it is not trusted past it.
    const version = await this.#store.keysVersion();
    if (version !== this.#version) {
      this.#byHash.clear();
      this.#byId = null;
      this.#version = version;
    }
  }

  /** The key with this id (the minting key of a staff token), revoked or not. */
  async findById(id: string): Promise<ApiKeyRecord | null> {
    await this.#current();
    this.#byId ??= new Map((await this.#store.listKeys()).map((key) => [key.id, key]));
    return this.#byId.get(id) ?? null;
  }

  async find(hash: string): Promise<ApiKeyRecord | null> {
    await this.#current();
    const known = this.#byHash.get(hash);
    if (known) return known;
    const key = await this.#store.findKeyByHash(hash);
    if (key && this.#byHash.size < MAX_KNOWN) this.#byHash.set(hash, key);
    return key;
  }
}

export const authenticate = (
  store: KeyStore,
  { limiter, limits, clientOf }: Throttle,
  /** Now, in milliseconds since 1970: the hub's clock, for a staff token's expiry. */
  now: () => number,
  /**
   * This hub's own web origin, for a same-origin page's staff token (see `requestOrigin`): its
   * configured public URL's, else the one the request was made to (its Host, already checked
   * against the hub's own names).
   */
  ownOrigin: (requestUrl: string) => string,
) => {
  const keys = new KnownKeys(store);
  return createMiddleware<HubEnv>(async (c, next) => {
    const operation = operationOf(c);
    const { route } = operation;
    if (route.keys.length === 0) return next();
    const failures = `fail\n${clientOf(c)}`;
    const blocked = await limiter.check(failures, limits.failedAuth);
    if (!blocked.allowed) throw tooMany(blocked, 'Too many requests without a valid key from here');
    /** Counts a failure against the address, and gives back what to throw. */
    const failed = async (error: unknown) => {
      await limiter.takeAll([[failures, limits.failedAuth]]);
      return error;
    };
    let presented: string;
    try {
      presented = bearerKey(c.req.header('authorization'));
    } catch (error) {
      throw await failed(error);
    }
    if (isSessionToken(presented)) {
      try {
        const { key, claims } = await checkSessionAccess(
          presented,
          { tokens: store.sessions, findKey: (id) => keys.findById(id), now: now() },
          route.keys,
          requestOrigin(c.req.header('origin'), c.req.header('sec-fetch-site'), ownOrigin(c.req.url)),
        );
        c.set('keyId', key.id);
        // The minting key, as far as rate limits are concerned: a token counts against its buckets.
        operation.key = { ...key, staffRef: claims.staffRef };
      } catch (error) {
        // A forged token, or one whose key was revoked, counts as a failure; an expired one, or
        // one used where it may not be, is a genuine token.
        if (error instanceof ProblemError && error.code === 'unauthorized') throw await failed(error);
        throw error;
      }
      return next();
    }
    const key = await keys.find(hashKey(presented));
    if (!key || key.revokedAt) throw await failed(unauthorized());
    c.set('keyId', key.id);
    checkKeyAccess(key, route.keys, c.req.header('origin'));
    operation.key = key;
    return next();
  });
};
