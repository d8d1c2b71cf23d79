/**
 * The store a hub opens from `--db` / `HUBKIT_DB`: a SQLite file (the default, migrated as it
 * opens), or a `postgres://` URL (a database `hubkit-server migrate` has brought to this
 * version's schema: a hub process never migrates PostgreSQL itself).
 */
import type { Store } from '@hubkit/hub';
import { isPostgresUrl } from './postgres/db.ts';
import { PostgresDirectory } from './postgres/directory.ts';
import { PostgresStore } from './postgres/store.ts';
import { SqliteStore } from './sqlite.ts';

export interface OpenStoreOptions {
  /** PostgreSQL: connections this process keeps open (default 10). */
  poolSize?: number | undefined;
  /** PostgreSQL: this hub process, as its webhook delivery leases name it. */
  instanceId?: string | undefined;
}

export async function openStore(db: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (!isPostgresUrl(db)) return new SqliteStore(db);
  return PostgresStore.open(db, (pool) => new PostgresDirectory(pool), {
    ...(options.poolSize ? { poolSize: options.poolSize } : {}),
    ...(options.instanceId ? { instanceId: options.instanceId } : {}),
  });
}
