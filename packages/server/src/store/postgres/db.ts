/**
 * A PostgreSQL pool as the store's modules use it (decision 17): statements that run often are
 * named, so each connection prepares them once; a write is one transaction on one connection;
 * instants come back as the ISO 8601 text the hub works in, never as `Date`.
 */
import pg from 'pg';
import type { Dialect } from '../db.ts';

/**
 * An instant as PostgreSQL writes it in UTC (`2026-12-03 00:42:41.12+00`) as the hub writes it
 * (`2026-12-03T00:42:41.120Z`): milliseconds, as the hub's instants have.
 */
export function isoInstant(text: string): string {
  const found = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d+))?\+00$/.exec(text);
  if (!found) return new Date(text).toISOString();
  return `${found[1] ?? ''}T${found[2] ?? ''}.${(found[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
}

/**
 * An instant a caller chose (a filter's `since`, a report's first day) as PostgreSQL reads it.
 * ISO 8601 has a year 0 (1 BC), which the hub's schema takes; PostgreSQL has none, and refuses
 * `0000-…` rather than comparing it: it writes 1 BC as `0001-… BC`.
 */
export const pgInstant = (iso: string): string => (iso.startsWith('0000-') ? `0001${iso.slice(4)} BC` : iso);

/** Queries shared with the SQLite store, written for PostgreSQL: `$n` parameters, jsonb read as text. */
export const postgresDialect: Dialect = { param: (n) => `$${n}`, text: (column) => `${column}::text` };

/** Whether `db` names a PostgreSQL database rather than a SQLite file. */
export const isPostgresUrl = (db: string): boolean => /^postgres(ql)?:\/\//.test(db);

/** A connection URL as it may be shown: never its password. */
export const withoutPassword = (url: string): string =>
  url.replace(/^(postgres(?:ql)?:\/\/[^:@/]*:)[^@/]*@/, '$1***@');

type TypeId = Parameters<typeof pg.types.getTypeParser>[0];

// Per pool, never pg.types.setTypeParser (global to the process).
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: TypeId, format?: 'text' | 'binary'): unknown =>
    oid === pg.types.builtins.TIMESTAMPTZ
      ? isoInstant
      : (pg.types.getTypeParser(oid, format) as unknown)) as pg.CustomTypesConfig['getTypeParser'],
};

/** What runs a statement: the pool (its own transaction) or a transaction's connection. */
export interface Queryable {
  /** Runs `text`; `name` prepares it once per connection. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    name: string | null,
    text: string,
    params?: readonly unknown[],
  ): Promise<pg.QueryResult<R>>;
}

function runner(target: pg.Pool | pg.PoolClient): Queryable['query'] {
  return <R extends pg.QueryResultRow>(name: string | null, text: string, params: readonly unknown[] = []) =>
    target.query<R>(name === null ? { text, values: [...params] } : { name, text, values: [...params] });
}

export class PgDb implements Queryable {
  readonly pool: pg.Pool;
  readonly query: Queryable['query'];

  constructor(connection: string | pg.PoolConfig, max = 10) {
    const config = typeof connection === 'string' ? { connectionString: connection } : connection;
    // UTC, so that instants come back with +00 (see isoInstant).
    this.pool = new pg.Pool({ max, ...config, types, options: '-c TimeZone=UTC' });
    // A pooled connection that drops while idle is replaced; the error must not end the process.
    this.pool.on('error', () => undefined);
    this.query = runner(this.pool);
  }

  /**
   * Runs `work` in one transaction on one connection; rolled back if it throws. `begin` starts it
   * (`BEGIN ISOLATION LEVEL …`: its mode in the same round trip).
   */
  async transaction<T>(work: (tx: Queryable) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const client = await this.pool.connect();
    // A connection whose rollback failed is in an unknown state: the pool closes it, not reuses it.
    let broken: Error | undefined;
    try {
      await client.query(begin);
      const result = await work({ query: runner(client) });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: unknown) => {
        broken = rollback instanceof Error ? rollback : new Error(String(rollback));
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
