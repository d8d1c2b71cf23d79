/**
 * For suites of PostgreSQL store tests: hub processes on a new, migrated database of the suite's
 * throwaway cluster, each with its own pool and the database's cursor secret, as separate hub
 * processes would have; every pool is closed after the suite.
 */
import { after } from 'node:test';
import type { AuditEvent } from '@hubkit/schema';
import { Cursors } from '../store/cursor.ts';
import { hubSecret } from '../store/postgres/audit.ts';
import { PgDb } from '../store/postgres/db.ts';
import { migratePostgres } from '../store/postgres/migrations.ts';
import { postgresForTests, type PostgresDatabase } from './postgres.ts';

export interface TestProcess {
  db: PgDb;
  cursors: Cursors;
}

export function postgresProcesses(): {
  skip: string | false;
  /** A new migrated database, and `count` processes on it with pools of `poolSize` connections. */
  processes: (count: number, poolSize?: number) => Promise<TestProcess[]>;
  /** A new database, migrated when `migrated` is true. */
  database: (migrated?: boolean) => Promise<PostgresDatabase>;
} {
  const { skip, cluster } = postgresForTests();
  const opened: PgDb[] = [];
  after(async () => {
    await Promise.all(opened.map((db) => db.close()));
  });
  async function database(migrated = false): Promise<PostgresDatabase> {
    const made = await cluster().createDatabase();
    if (migrated) await migratePostgres(made.config);
    return made;
  }
  return {
    skip,
    database,
    processes: async (count, poolSize = 3) => {
      const migrated = await database(true);
      return Promise.all(
        Array.from({ length: count }, async () => {
          const db = new PgDb(migrated.config, poolSize);
          opened.push(db);
          return { db, cursors: new Cursors(await hubSecret(db, 'cursor')) };
        }),
      );
    },
  };
}

/** The nth audit event of a test: the hub's key creating `resourceId` at `at`. */
export const createdAudit = (
  n: number,
  at: string,
  resourceType: AuditEvent['resourceType'],
  resourceId: string,
): AuditEvent => ({
  id: `audit_${String(n)}`,
  at,
  keyId: 'key_hub',
  keyType: 'secret',
  action: 'create',
  resourceType,
  resourceId,
  requestId: `req_${String(n)}`,
});
