/**
 * A SQLite connection as the store's modules use it: statements prepared once and reused, rows
 * as plain records, and the page of a list.
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { Page } from '@hubkit/schema';
import type { Cursors } from './cursor.ts';

// Columns hold text, numbers and nulls only (no blobs).
export type Row = Record<string, string | number | null>;

// Rows hold JSON this store wrote; reading it back is trusted.
export const json = <T>(text: unknown): T => JSON.parse(String(text)) as T; // eslint-disable-line @typescript-eslint/no-unnecessary-type-parameters

/** How many prepared statements a store keeps (it has about 80 distinct ones). */
const STATEMENT_CACHE_SIZE = 256;

export class Db {
  readonly #statements = new Map<string, StatementSync>();
  readonly raw: DatabaseSync;

  constructor(raw: DatabaseSync) {
    this.raw = raw;
  }

  /** Runs `work` in one transaction; nothing in it may await. */
  tx<T>(work: () => T): T {
    this.raw.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.raw.exec('COMMIT');
      return result;
    } catch (error) {
      this.raw.exec('ROLLBACK');
      throw error;
    }
  }

  /**
   * The prepared statement of `sql`, prepared once and reused: preparing again on every call
   * was 12% of the main thread under load (issue 14). Statements whose text varies (a list of
   * placeholders) would grow the cache without end, so it keeps the most recent few hundred.
   */
  statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (statement) {
      // Most recently used last, so the oldest is the first to go.
      this.#statements.delete(sql);
    } else {
      statement = this.raw.prepare(sql);
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
        const oldest = this.#statements.keys().next().value;
        if (oldest !== undefined) this.#statements.delete(oldest);
      }
    }
    this.#statements.set(sql, statement);
    return statement;
  }

  run(sql: string, params: readonly SQLInputValue[] = []): { changes: number } {
    const result = this.statement(sql).run(...params);
    return { changes: Number(result.changes) };
  }

  get(sql: string, params: readonly SQLInputValue[] = []): Row | undefined {
    return this.statement(sql).get(...params) as Row | undefined;
  }

  all(sql: string, params: readonly SQLInputValue[] = []): Row[] {
    return this.statement(sql).all(...params) as Row[];
  }
}

/**
 * How a query both stores share is written for one of them: its nth parameter (`?` in SQLite,
 * `$n` in PostgreSQL), and a JSON column read as its text (PostgreSQL would parse a jsonb one).
 */
export interface Dialect {
  param(n: number): string;
  text(column: string): string;
}

export const sqliteDialect: Dialect = { param: () => '?', text: (column) => column };

/** One page of `rows` (fetched with one row more than `limit`), its cursor from the last row's keys. */
export function pageOf<T>(
  cursors: Cursors,
  rows: Row[],
  limit: number,
  map: (row: Row) => T,
  keys: (row: Row) => (string | number)[],
): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept.at(-1);
  return { data: kept.map(map), nextCursor: more && last ? cursors.encode(keys(last)) : null };
}
