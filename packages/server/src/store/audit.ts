/** The audit trail: who read or changed which records. */
import type { AuditEvent, Page } from '@hubkit/schema';
import type { Cursors } from './cursor.ts';
import { type Db, pageOf, type Row } from './db.ts';
import type { AuditFilter, PageRequest } from '@hubkit/hub';

export function insertAudit(db: Db, events: readonly AuditEvent[]): void {
  if (events.length === 0) return;
  for (const e of events) {
    db.run(
      `INSERT INTO audit_events (id, at, key_id, key_type, action, resource_type, resource_id, request_id, staff_ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        e.id,
        e.at,
        e.keyId,
        e.keyType,
        e.action,
        e.resourceType,
        e.resourceId,
        e.requestId,
        e.staffRef ?? null,
      ],
    );
  }
}

/**
 * The conditions of a page of the trail, newest first, with `placeholder(n)` for the nth
 * parameter (`?` in SQLite, `$n` in PostgreSQL), and the parameters.
 */
export function auditPageQuery(
  cursors: Cursors,
  filter: AuditFilter,
  page: PageRequest,
  placeholder: (n: number) => string,
): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const condition = (sql: string, value: string | number) => {
    params.push(value);
    where.push(sql.replace('?', placeholder(params.length)));
  };
  if (filter.resourceType) condition('resource_type = ?', filter.resourceType);
  if (filter.resourceId) condition('resource_id = ?', filter.resourceId);
  if (filter.since) condition('at >= ?', filter.since);
  if (page.cursor) condition('seq < ?', Number(cursors.decode(page.cursor, 1)[0]));
  params.push(page.limit + 1);
  return {
    sql: `SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ${placeholder(params.length)}`,
    params,
  };
}

/** A page of the trail from its rows (fetched with one more than the limit). */
export const auditPage = (cursors: Cursors, rows: Row[], limit: number): Page<AuditEvent> =>
  pageOf(
    cursors,
    rows,
    limit,
    (r): AuditEvent => ({
      id: String(r.id),
      at: String(r.at),
      keyId: String(r.key_id),
      keyType: r.key_type as AuditEvent['keyType'],
      ...(r.staff_ref == null ? {} : { staffRef: String(r.staff_ref) }),
      action: r.action as AuditEvent['action'],
      resourceType: r.resource_type as AuditEvent['resourceType'],
      resourceId: r.resource_id === null ? null : String(r.resource_id),
      requestId: String(r.request_id),
    }),
    (r) => [Number(r.seq)],
  );

export function listAudit(
  db: Db,
  cursors: Cursors,
  filter: AuditFilter,
  page: PageRequest,
): Page<AuditEvent> {
  const { sql, params } = auditPageQuery(cursors, filter, page, () => '?');
  return auditPage(cursors, db.all(sql, params), page.limit);
}
