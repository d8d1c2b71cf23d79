/**
 * The database commands, and opening a hub's database for any command:
 * - `hubkit-server migrate [--db <file | postgres://…>]`: brings a database to the newest schema.
 *   PostgreSQL is migrated by this command only, never by hub processes at start, and safely
 *   when several run at once (store/postgres/migrations.ts). A SQLite file is migrated whenever a
 *   hub opens it; here it is opened, migrated and closed.
 * - `hubkit-server copy --from <file> --to <postgres://…>`: moves a hub from SQLite to PostgreSQL.
 */
import { parseArgs } from 'node:util';
import type { Store } from '@hubkit/hub';
import { openStore, type OpenStoreOptions } from './store/open.ts';
import { copySqliteToPostgres, CopyError } from './store/postgres/copy.ts';
import { PostgresStore } from './store/postgres/store.ts';
import { isPostgresUrl, withoutPassword } from './store/postgres/db.ts';
import {
  grantHubRole,
  migratePostgres,
  SchemaNotMigrated,
  SchemaTooNew,
} from './store/postgres/migrations.ts';
import { SqliteStore } from './store/sqlite.ts';

export const MIGRATE_HELP = `
Bring a database to the newest schema (run it before starting hubs of a new version):
  hubkit-server migrate [--db <file | postgres://user:password@host/database>] [--grant <role>]
    PostgreSQL: applies the missing versions, each in one transaction; safe when several
    hosts run it at once (one applies, the others wait and find nothing to do). Run it as the
    schema's owner; --grant lets <role>, the role hub processes connect as, read and write the
    hub's rows but not change the schema.
    SQLite: a hub also migrates its file as it opens it.

Move a hub from its SQLite file to PostgreSQL (stop the hub first: what it writes after the
copy starts is not copied):
  hubkit-server copy --from <file> --to postgres://user:password@host/database
    into a database migrated (above) and empty; everything or nothing is copied
`;

/** Something the operator can put right: said in one line by cli.ts. */
export class MigrateError extends Error {
  override readonly name = 'MigrateError';
}

/** The operator's words for why PostgreSQL could not be reached or used, or null for anything else. */
function postgresProblem(error: unknown): string | null {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === 'ECONNREFUSED' || code === 'ENOENT') return 'nothing answers there (is PostgreSQL running?)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'its host name is not known';
  if (code === 'ETIMEDOUT') return 'it did not answer in time';
  // PostgreSQL's own refusals (SQLSTATE classes 28: authorisation, 3D: no such database,
  // 42: not allowed or malformed) say what is wrong without echoing a password.
  if (typeof code === 'string' && /^(28|3D|42)/.test(code)) return `PostgreSQL says: ${String(message)}`;
  return null;
}

export async function migrateCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      db: { type: 'string', default: process.env.HUBKIT_DB ?? 'hubkit.db' },
      grant: { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new MigrateError('migrate takes no arguments, only --db and --grant');
  if (values.grant !== undefined && !isPostgresUrl(values.db)) {
    throw new MigrateError('--grant is for PostgreSQL: a SQLite file has no roles');
  }
  if (!isPostgresUrl(values.db)) {
    const store = new SqliteStore(values.db);
    try {
      process.stdout.write(`${values.db} is at schema version ${store.version} (SQLite).\n`);
    } finally {
      await store.close();
    }
    return;
  }
  const shown = withoutPassword(values.db);
  let result;
  try {
    result = await migratePostgres(values.db);
    if (values.grant !== undefined) await grantHubRole(values.db, values.grant);
  } catch (error) {
    if (error instanceof SchemaTooNew) throw new MigrateError(`${shown}: ${error.message}`);
    const problem = postgresProblem(error);
    if (problem !== null) throw new MigrateError(`cannot migrate ${shown}: ${problem}`);
    throw error;
  }
  process.stdout.write(
    result.applied.length > 0
      ? `Migrated ${shown} to schema version ${result.version} (applied ${result.applied.join(', ')}).\n`
      : `${shown} is already at schema version ${result.version}: nothing to do.\n`,
  );
  if (values.grant !== undefined) {
    process.stdout.write(
      `Role ${values.grant} may read and write the hub's rows, and not change the schema.\n`,
    );
  }
}

/**
 * A hub's database for a command or a hub process: one clear line (a MigrateError) when it
 * cannot be used, never a password.
 */
export async function openDatabase(db: string, options: OpenStoreOptions = {}): Promise<Store> {
  try {
    return await openStore(db, options);
  } catch (error) {
    if (!isPostgresUrl(db)) throw error;
    const shown = withoutPassword(db);
    if (error instanceof SchemaNotMigrated || error instanceof SchemaTooNew)
      throw new MigrateError(`${shown}: ${error.message}`);
    const problem = postgresProblem(error);
    if (problem !== null) throw new MigrateError(`cannot open ${shown}: ${problem}`);
    throw error;
  }
}

export async function copyCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { from: { type: 'string' }, to: { type: 'string' } },
  });
  if (positionals.length > 0 || !values.from || !values.to)
    throw new MigrateError('say copy --from <SQLite file> --to <postgres://… URL>');
  if (isPostgresUrl(values.from) || !isPostgresUrl(values.to))
    throw new MigrateError('copy moves a hub from a SQLite file (--from) to PostgreSQL (--to)');
  const target = await openDatabase(values.to);
  try {
    if (!(target instanceof PostgresStore)) throw new MigrateError('--to is not a PostgreSQL database');
    const at = new Date().toISOString();
    const report = await copySqliteToPostgres(values.from, target.db, async (services) => {
      await target.upsertServices(services, at);
      await target.optimizeDirectory();
    }).catch((error: unknown) => {
      if (error instanceof CopyError) throw new MigrateError(error.message);
      const { code } = error as { code?: unknown };
      if (code === 'ERR_SQLITE_ERROR')
        throw new MigrateError(`cannot read ${values.from}: ${(error as Error).message}`);
      throw error;
    });
    const counts = Object.entries(report.rows)
      .filter(([, rows]) => rows > 0)
      .map(([table, rows]) => `${rows} ${table}`)
      .join(', ');
    process.stdout.write(`Copied ${values.from} to ${withoutPassword(values.to)}: ${counts}.\n`);
  } finally {
    await target.close();
  }
}
