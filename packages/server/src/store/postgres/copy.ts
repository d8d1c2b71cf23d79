/**
 * Moving a hub from its SQLite file to PostgreSQL (`hubkit-server copy`): every row of the hub's
 * records, keys, Idempotency-Key answers, webhook outbox and audit trail, read in one snapshot of
 * the file and written in one PostgreSQL transaction, so the database has all of it or none.
 *
 * Rows go across as they are, column by column, in PostgreSQL's types (instants, `jsonb`,
 * booleans); columns PostgreSQL derives itself (generated columns, the identity counters) are
 * left to it. The directory is not copied as rows: its indexes differ by engine (FTS5 tables in
 * SQLite, a `tsvector` in PostgreSQL), so its services are given to the PostgreSQL store, which
 * indexes them as it does any import.
 */
import { DatabaseSync } from 'node:sqlite';
import type { Service } from '@hubkit/schema';
import type { PgDb, Queryable } from './db.ts';

/** The tables copied row by row, in an order that satisfies their foreign keys. */
export const COPIED_TABLES = [
  'hub_secrets',
  'api_keys',
  'idempotency_keys',
  'referrals',
  'referral_needs',
  'referral_outcomes',
  'referral_equality',
  'consents',
  'assessments',
  'events',
  'webhook_endpoints',
  'webhook_deliveries',
  'audit_events',
  'postcodes',
] as const;

/**
 * SQLite's tables that are not copied as rows, and why: the directory (given to the PostgreSQL
 * store as services), SQLite's own word indexes, counters PostgreSQL keeps itself.
 */
export const NOT_COPIED: Readonly<Record<string, string>> = {
  services: 'the directory: its services are indexed again by the PostgreSQL store',
  service_needs: 'the directory',
  service_areas: 'the directory',
  service_places: 'the directory',
  service_terms: 'the directory',
  service_keys: 'the directory (SQLite index)',
  directory_areas: 'the directory (SQLite index)',
  api_keys_version: 'a change counter each database keeps',
  services_version: 'a change counter each database keeps',
  schema_migrations: "each engine's own migrations",
};
/** SQLite's FTS5 tables (and their shadow tables): word indexes PostgreSQL keeps as a tsvector. */
const SQLITE_WORD_INDEX = /^(services_fts|service_words_|service_area_words_)/;

/** Something the operator can put right, said in one line. */
export class CopyError extends Error {
  override readonly name = 'CopyError';
}

export interface CopyReport {
  /** Rows copied, by table (services: those given to the directory). */
  rows: Record<string, number>;
}

interface Column {
  name: string;
  type: string;
}

/** The columns of `table` PostgreSQL takes a value for (not generated, not identity-always). */
async function writableColumns(db: Queryable, table: string): Promise<Column[]> {
  const { rows } = await db.query<{ column_name: string; data_type: string }>(
    null,
    `SELECT column_name, data_type FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'
      ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((row) => ({ name: row.column_name, type: row.data_type }));
}

/** A SQLite value as the JSON PostgreSQL reads into a column of `type`. */
function converted(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'jsonb' || type === 'json') return JSON.parse(value as string) as unknown;
  if (type === 'boolean') return value === 1 || value === 1n || value === true;
  if (typeof value === 'bigint') return Number(value);
  return value;
}

const BATCH = 500;
/**
 * The hub's secrets replace any the database made as it was opened for the copy, so cursors the
 * hub gave out before the move still read.
 */
const REPLACE_SECRET = 'ON CONFLICT (name) DO UPDATE SET value = excluded.value';

/** Where the tables' rows and the directory's services go, in one PostgreSQL transaction. */
async function copyTables(source: DatabaseSync, tx: Queryable, report: CopyReport): Promise<void> {
  for (const table of COPIED_TABLES) {
    const targetColumns = await writableColumns(tx, table);
    const sourceColumns = new Set(
      (source.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name),
    );
    // Columns only PostgreSQL has (a webhook delivery's lease) start empty.
    const columns = targetColumns.filter((column) => sourceColumns.has(column.name));
    const list = columns.map((column) => `"${column.name}"`).join(', ');
    const rows = source.prepare(`SELECT ${list} FROM ${table}`).iterate() as Iterable<
      Record<string, unknown>
    >;
    let count = 0;
    let batch: Record<string, unknown>[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await tx.query(
        null,
        `INSERT INTO ${table} (${list}) OVERRIDING SYSTEM VALUE
         SELECT ${list} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)
         ${table === 'hub_secrets' ? REPLACE_SECRET : ''}`,
        [JSON.stringify(batch)],
      );
      count += batch.length;
      batch = [];
    };
    for (const row of rows) {
      batch.push(Object.fromEntries(columns.map((c) => [c.name, converted(row[c.name], c.type)])));
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    report.rows[table] = count;
  }
  // The identity counters go on from the highest copied.
  for (const table of ['events', 'audit_events']) {
    await tx.query(
      null,
      `SELECT setval(pg_get_serial_sequence('${table}', 'seq'), coalesce((SELECT max(seq) FROM ${table}), 0) + 1, false)`,
    );
  }
}

/** Every table of the SQLite file is either copied or named as not copied, with its reason. */
export function uncoveredTables(source: DatabaseSync): string[] {
  const tables = (
    source.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]
  ).map((row) => row.name);
  const copied = new Set<string>(COPIED_TABLES);
  return tables.filter(
    (name) =>
      !copied.has(name) &&
      !(name in NOT_COPIED) &&
      !SQLITE_WORD_INDEX.test(name) &&
      !name.startsWith('sqlite_'),
  );
}

/**
 * Copies the hub in the SQLite file at `path` into the migrated, empty PostgreSQL database of
 * `target`. `indexServices` puts the directory's services into the PostgreSQL store (its upsert).
 */
export async function copySqliteToPostgres(
  path: string,
  target: PgDb,
  indexServices: (services: readonly Service[]) => Promise<void>,
): Promise<CopyReport> {
  const source = new DatabaseSync(path, { readOnly: true });
  try {
    const uncovered = uncoveredTables(source);
    if (uncovered.length > 0) {
      throw new CopyError(
        `${path} has tables this version cannot copy (${uncovered.join(', ')}): is it newer?`,
      );
    }
    const { rows: used } = await target.query<{ used: boolean }>(
      null,
      `SELECT EXISTS (SELECT 1 FROM api_keys) OR EXISTS (SELECT 1 FROM referrals)
           OR EXISTS (SELECT 1 FROM audit_events) AS used`,
    );
    if (used[0]?.used)
      throw new CopyError('the PostgreSQL database already holds a hub: copy only into an empty one');
    const report: CopyReport = { rows: {} };
    // One snapshot of the file, even while a hub still writes to it (WAL).
    source.exec('BEGIN');
    try {
      const services = (
        source.prepare('SELECT data FROM services ORDER BY id').all() as { data: string }[]
      ).map((row) => JSON.parse(row.data) as Service);
      await indexServices(services);
      report.rows.services = services.length;
      await target.transaction((tx) => copyTables(source, tx, report));
    } finally {
      source.exec('COMMIT');
    }
    return report;
  } finally {
    source.close();
  }
}
