/** The audit trail: who read or changed which records. */
import type { SQLInputValue } from 'node:sqlite';
import type { AuditEvent, Page } from '@hubkit/schema';
import type { Cursors } from './cursor.ts';
import { type Db, pageOf } from './db.ts';
import type { AuditFilter, PageRequest } from '@hubkit/hub';

export function insertAudit(db: Db, events: readonly AuditEvent[]): void {
  if (events.length === 0) return;
  for (const e of events) {
    db.run(
      `INSERT INTO audit_events (id, at, key_id, key_type, action, resource_type, resource_id, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [e.id, e.at, e.keyId, e.keyType, e.action, e.resourceType, e.resourceId, e.requestId],
    );
  }
}

export function listAudit(
  db: Db,
  cursors: Cursors,
  filter: AuditFilter,
  page: PageRequest,
): Page<AuditEvent> {
  const where: string[] = [];
  const params: SQLInputValue[] = [];
  if (filter.resourceType) {
    where.push('resource_type = ?');
    params.push(filter.resourceType);
  }
  if (filter.resourceId) {
    where.push('resource_id = ?');
    params.push(filter.resourceId);
  }
  if (filter.since) {
    where.push('at >= ?');
    params.push(filter.since);
  }
  if (page.cursor) {
    where.push('seq < ?');
    params.push(Number(cursors.decode(page.cursor, 1)[0]));
  }
  const rows = db.all(
    `SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`,
    [...params, page.limit + 1],
  );
  return pageOf(
    cursors,
    rows,
    page.limit,
    (r): AuditEvent => ({
      id: String(r.id),
      at: String(r.at),
      keyId: String(r.key_id),
      keyType: r.key_type as AuditEvent['keyType'],
      action: r.action as AuditEvent['action'],
      resourceType: r.resource_type as AuditEvent['resourceType'],
      resourceId: r.resource_id === null ? null : String(r.resource_id),
      requestId: String(r.request_id),
    }),
    (r) => [Number(r.seq)],
  );
}
