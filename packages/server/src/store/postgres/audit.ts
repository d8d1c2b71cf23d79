/**
 * The audit trail on PostgreSQL, and the hub's secrets (the page cursors' signing key), which
 * every process on the database shares: a cursor one process issued is read by any other.
 */
import { randomBytes } from 'node:crypto';
import type { AuditFilter, PageRequest, Store } from '@hubkit/hub';
import type { AuditEvent, Page } from '@hubkit/schema';
import { auditPage, auditPageQuery } from '../audit.ts';
import type { Cursors } from '../cursor.ts';
import type { Row } from '../db.ts';
import { pgInstant, type PgDb, type Queryable } from './db.ts';
import { onlyIf, runSteps, type Step } from './statement.ts';

/**
 * A secret of this database, made by the first process that asks: when two start at once, the
 * first insert stands and both read it. It never leaves the store.
 */
export async function hubSecret(db: Queryable, name: string): Promise<Uint8Array> {
  await db.query(
    'secret_make',
    'INSERT INTO hub_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
    [name, randomBytes(32).toString('base64url')],
  );
  const { rows } = await db.query<{ value: string }>(
    'secret_read',
    'SELECT value FROM hub_secrets WHERE name = $1',
    [name],
  );
  return Buffer.from(rows[0]?.value ?? '', 'base64url');
}

/** Records who did what; inside a write's transaction, with the record it concerns. */
/** Audit events as a step of a write, written if the step `gate` wrote its record. */
export const auditStep = (events: readonly AuditEvent[], gate: string | null): Step => ({
  as: 'audit',
  // The columns as arrays, unnested in order.
  sql: `INSERT INTO audit_events (id, at, key_id, key_type, action, resource_type, resource_id, request_id, staff_ref)
        SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])${onlyIf(gate)}`,
  params: [
    events.map((e) => e.id),
    events.map((e) => e.at),
    events.map((e) => e.keyId),
    events.map((e) => e.keyType),
    events.map((e) => e.action),
    events.map((e) => e.resourceType),
    events.map((e) => e.resourceId),
    events.map((e) => e.requestId),
    events.map((e) => e.staffRef ?? null),
  ],
});

export class PostgresAudit implements Pick<Store, 'insertAudit' | 'listAudit'> {
  readonly #db: PgDb;
  readonly #cursors: Cursors;

  constructor(db: PgDb, cursors: Cursors) {
    this.#db = db;
    this.#cursors = cursors;
  }

  async insertAudit(events: readonly AuditEvent[]): Promise<void> {
    if (events.length > 0) await runSteps(this.#db, [auditStep(events, null)], 'SELECT 1');
  }

  async listAudit(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEvent>> {
    // PostgreSQL text cannot hold NUL, so no stored id has one: nothing matches, as on SQLite.
    if (filter.resourceId?.includes('\u0000')) return { data: [], nextCursor: null };
    const since = filter.since === undefined ? {} : { since: pgInstant(filter.since) };
    const { sql, params } = auditPageQuery(this.#cursors, { ...filter, ...since }, page, (n) => `$${n}`);
    const { rows } = await this.#db.query<Row>(null, sql, params);
    return auditPage(this.#cursors, rows, page.limit);
  }
}
