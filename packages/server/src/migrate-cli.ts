/**
 * `hubkit-server migrate [--db <file | postgres://…>]`: brings a database to the newest schema.
 * PostgreSQL is migrated by this command only, never by hub processes at start, and safely when
 * several run at once (store/postgres/migrations.ts). A SQLite file is migrated whenever a hub
 * opens it; here it is opened, migrated and closed.
 */
import { parseArgs } from 'node:util';
import { grantHubRole, migratePostgres, SchemaTooNew } from './store/postgres/migrations.ts';
import { SqliteStore } from './store/sqlite.ts';

export const MIGRATE_HELP = `
Bring a database to the newest schema (run it before starting hubs of a new version):
  hubkit-server migrate [--db <file | postgres://user:password@host/database>] [--grant <role>]
    PostgreSQL: applies the missing versions, each in one transaction; safe when several
    hosts run it at once (one applies, the others wait and find nothing to do). Run it as the
    schema's owner; --grant lets <role>, the role hub processes connect as, read and write the
    hub's rows but not change the schema.
    SQLite: a hub also migrates its file as it opens it.
`;

/** Something the operator can put right: said in one line by cli.ts. */
export class MigrateError extends Error {
  override readonly name = 'MigrateError';
}

/** Whether `db` names a PostgreSQL database rather than a SQLite file. */
export const isPostgresUrl = (db: string): boolean => /^postgres(ql)?:\/\//.test(db);

/** A connection URL as it may be shown: never its password. */
export const withoutPassword = (url: string): string =>
  url.replace(/^(postgres(?:ql)?:\/\/[^:@/]*:)[^@/]*@/, '$1***@');

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
