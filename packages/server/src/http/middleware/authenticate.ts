/**
 * Who is calling: the Bearer key, looked up by its hash, allowed on this route, and (for a
 * publishable key from a browser) used from one of its registered origins. An address that keeps
 * failing is stopped before its keys are even looked up.
 */
import { bearerKey, checkKeyAccess, unauthorized, type ApiKeyRecord, type Store } from '@hubkit/hub';
import { createMiddleware } from 'hono/factory';
import { hashKey } from '../../domain/keys.ts';
import { operationOf, type HubEnv } from '../env.ts';
import { tooMany, type Throttle } from './rate-limit.ts';

type KeyStore = Pick<Store, 'findKeyByHash' | 'keysVersion'>;

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
  #version: number | null = null;

  constructor(store: KeyStore) {
    this.#store = store;
  }

  async find(hash: string): Promise<ApiKeyRecord | null> {
    // The version first: a change while the key is read moves it again, so it is not trusted past it.
    const version = await this.#store.keysVersion();
    if (version !== this.#version) {
      this.#byHash.clear();
      this.#version = version;
    }
    const known = this.#byHash.get(hash);
    if (known) return known;
    const key = await this.#store.findKeyByHash(hash);
    if (key && this.#byHash.size < MAX_KNOWN) this.#byHash.set(hash, key);
    return key;
  }
}

export const authenticate = (store: KeyStore, { limiter, limits, clientOf }: Throttle) => {
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
    const key = await keys.find(hashKey(presented));
    if (!key || key.revokedAt) throw await failed(unauthorized());
    c.set('keyId', key.id);
    checkKeyAccess(key, route.keys, c.req.header('origin'));
    operation.key = key;
    return next();
  });
};
