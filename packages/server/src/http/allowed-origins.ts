/**
 * The web origins browsers may call /v1 from: those of active publishable keys, and those where
 * active referring partners' and hubs' keys let their staff tokens be used. Kept in memory
 * and trusted only while the store's keys version is the one it was read at: the version is moved
 * by the database itself (triggers) whenever any process adds, changes or revokes a key, such as
 * `hubkit-server keys revoke` beside a running hub, so a revoked key's origin stops being allowed
 * on the next request. A request reads one number instead of every key.
 */
import { normaliseOrigin } from '../domain/keys.ts';
import { sessionKindOf, type Store } from '@hubkit/hub';

export class AllowedOrigins {
  readonly #store: Pick<Store, 'listKeys' | 'keysVersion'>;
  #origins: ReadonlySet<string> = new Set();
  #version: number | null = null;

  constructor(store: Pick<Store, 'listKeys' | 'keysVersion'>) {
    this.#store = store;
  }

  /** The origin as it is allowed (normalised), or null when no active key registers it. */
  async allowed(origin: string | undefined): Promise<string | null> {
    const normal = origin ? normaliseOrigin(origin) : null;
    if (!normal) return null;
    return (await this.#current()).has(normal) ? normal : null;
  }

  async #current(): Promise<ReadonlySet<string>> {
    // The version first: a key changed while the list is read moves it again, so the list is
    // read again on the next request, never trusted past a change.
    const version = await this.#store.keysVersion();
    if (version === this.#version) return this.#origins;
    const keys = await this.#store.listKeys();
    this.#origins = new Set(
      keys
        .filter((k) => (k.kind === 'publishable' || sessionKindOf(k)) && !k.revokedAt)
        .flatMap((k) => k.allowedOrigins),
    );
    this.#version = version;
    return this.#origins;
  }
}
