/** Webhook endpoints, the outbox of deliveries, and the events they carry. */
import type { Page, WebhookDelivery, WebhookEvent, WebhookEventType } from '@hubkit/schema';
import type { Cursors } from './cursor.ts';
import { type Db, type Dialect, json, pageOf, type Row, sqliteDialect } from './db.ts';
import {
  newId,
  type DueDelivery,
  type PageRequest,
  type StoredEvent,
  type StoredWebhookEndpoint,
} from '@hubkit/hub';

export function insertWebhookEndpoint(db: Db, endpoint: StoredWebhookEndpoint): void {
  db.run(
    'INSERT INTO webhook_endpoints (id, url, events, description, secret, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [
      endpoint.id,
      endpoint.url,
      JSON.stringify(endpoint.events),
      endpoint.description ?? null,
      endpoint.secret,
      endpoint.enabled ? 1 : 0,
      endpoint.createdAt,
    ],
  );
}

export function endpointOf(row: Row): StoredWebhookEndpoint {
  return {
    id: String(row.id),
    url: String(row.url),
    events: json<WebhookEventType[]>(row.events),
    ...(row.description === null ? {} : { description: String(row.description) }),
    enabled: Number(row.enabled) === 1,
    createdAt: String(row.created_at),
    secret: String(row.secret),
  };
}

export function getWebhookEndpoint(db: Db, id: string): StoredWebhookEndpoint | null {
  const row = db.get('SELECT * FROM webhook_endpoints WHERE id = ? AND deleted_at IS NULL', [id]);
  return row ? endpointOf(row) : null;
}

/**
 * The query of a page of `table`'s rows matching `where` (written with `dialect`'s parameters
 * for `params`), newest first (by created_at, then id), after the page's cursor.
 */
export function newestFirstQuery(
  cursors: Cursors,
  table: 'webhook_endpoints' | 'webhook_deliveries',
  columns: string,
  where: string,
  params: readonly (string | number)[],
  page: PageRequest,
  dialect: Dialect,
): { sql: string; params: (string | number)[] } {
  const values = [...params];
  const param = (value: string | number): string => {
    values.push(value);
    return dialect.param(values.length);
  };
  let sql = where;
  if (page.cursor) {
    const [createdAt, id] = cursors.decode(page.cursor, 2);
    sql += ` AND (created_at < ${param(String(createdAt))} OR (created_at = ${param(String(createdAt))} AND id < ${param(String(id))}))`;
  }
  return {
    sql: `SELECT ${columns} FROM ${table} WHERE ${sql} ORDER BY created_at DESC, id DESC LIMIT ${param(page.limit + 1)}`,
    params: values,
  };
}

/** A page of endpoints or deliveries from the rows `newestFirstQuery` found. */
export const newestFirstPage = <T>(
  cursors: Cursors,
  rows: Row[],
  limit: number,
  map: (row: Row) => T,
): Page<T> => pageOf(cursors, rows, limit, map, (r) => [String(r.created_at), String(r.id)]);

/** A page of `table`'s rows matching `where`, newest first (by created_at, then id). */
function newestFirst<T>(
  db: Db,
  cursors: Cursors,
  table: 'webhook_endpoints' | 'webhook_deliveries',
  where: string,
  params: (string | number)[],
  page: PageRequest,
  map: (row: Row) => T,
): Page<T> {
  const query = newestFirstQuery(cursors, table, '*', where, params, page, sqliteDialect);
  return newestFirstPage(cursors, db.all(query.sql, query.params), page.limit, map);
}

export function listWebhookEndpoints(
  db: Db,
  cursors: Cursors,
  page: PageRequest,
): Page<StoredWebhookEndpoint> {
  return newestFirst(db, cursors, 'webhook_endpoints', 'deleted_at IS NULL', [], page, endpointOf);
}

export function deleteWebhookEndpoint(db: Db, id: string, at: string): boolean {
  const { changes } = db.run(
    'UPDATE webhook_endpoints SET deleted_at = ?, enabled = 0 WHERE id = ? AND deleted_at IS NULL',
    [at, id],
  );
  // Nothing more is sent to a deleted endpoint.
  db.run(
    `UPDATE webhook_deliveries SET status = 'failed', error = 'endpoint deleted', next_attempt_at = NULL WHERE endpoint_id = ? AND status = 'pending'`,
    [id],
  );
  return changes === 1;
}

export function deliveryOf(row: Row): WebhookDelivery {
  return {
    id: String(row.id),
    endpointId: String(row.endpoint_id),
    eventId: String(row.event_id),
    eventType: row.event_type as WebhookDelivery['eventType'],
    attempt: Number(row.attempt),
    status: row.status as WebhookDelivery['status'],
    responseStatus: row.response_status === null ? null : Number(row.response_status),
    error: row.error === null ? null : String(row.error),
    attemptedAt: String(row.attempted_at ?? row.created_at),
    nextAttemptAt: row.next_attempt_at === null ? null : String(row.next_attempt_at),
  };
}

export function dueDeliveries(db: Db, now: string, limit: number): DueDelivery[] {
  const rows = db.all(
    `SELECT d.*, e.data AS event_data, w.id AS w_id, w.url, w.events, w.description, w.secret, w.enabled, w.created_at AS w_created_at
     FROM webhook_deliveries d
     JOIN events e ON e.id = d.event_id
     JOIN webhook_endpoints w ON w.id = d.endpoint_id
     WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND w.deleted_at IS NULL
     ORDER BY d.next_attempt_at LIMIT ?`,
    [now, limit],
  );
  return rows.map(dueDeliveryOf);
}

/** A due delivery from its row, joined with its event's record (`event_data`) and its endpoint's (`w_*`). */
export const dueDeliveryOf = (row: Row): DueDelivery => ({
  delivery: deliveryOf(row),
  event: json<WebhookEvent>(row.event_data),
  endpoint: endpointOf({ ...row, id: row.w_id ?? null, created_at: row.w_created_at ?? null }),
});

export function recordDeliveryAttempt(
  db: Db,
  deliveryId: string,
  result: {
    status: 'succeeded' | 'failed';
    responseStatus: number | null;
    error: string | null;
    at: string;
  },
  retryAt: string | null,
  nextId: string,
): void {
  const row = db.get('SELECT * FROM webhook_deliveries WHERE id = ?', [deliveryId]);
  if (row?.status !== 'pending') return;
  db.run(
    'UPDATE webhook_deliveries SET status = ?, response_status = ?, error = ?, attempted_at = ?, next_attempt_at = NULL WHERE id = ?',
    [result.status, result.responseStatus, result.error, result.at, deliveryId],
  );
  if (result.status === 'failed' && retryAt) {
    db.run(
      `INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, attempt, status, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`,
      [
        nextId,
        row.endpoint_id ?? null,
        row.event_id ?? null,
        row.event_type ?? null,
        Number(row.attempt) + 1,
        retryAt,
        result.at,
      ],
    );
  }
}

export function listDeliveries(
  db: Db,
  cursors: Cursors,
  endpointId: string,
  page: PageRequest,
): Page<WebhookDelivery> {
  return newestFirst(db, cursors, 'webhook_deliveries', 'endpoint_id = ?', [endpointId], page, deliveryOf);
}

export function subscribedEndpoints(db: Db, type: WebhookEventType): number {
  const rows = db.all('SELECT events FROM webhook_endpoints WHERE enabled = 1 AND deleted_at IS NULL');
  return rows.filter((r) => json<string[]>(r.events).includes(type)).length;
}

/** Records events, and queues a delivery of each to every enabled endpoint that asked for its type. */
export function insertEvents(db: Db, events: readonly StoredEvent[]): void {
  for (const { event, referralId, deliver } of events) {
    db.run('INSERT INTO events (id, type, referral_id, created_at, data) VALUES (?, ?, ?, ?, ?)', [
      event.id,
      event.type,
      referralId,
      event.createdAt,
      JSON.stringify(event),
    ]);
    if (!deliver) continue;
    for (const endpoint of db.all(
      'SELECT id, events FROM webhook_endpoints WHERE enabled = 1 AND deleted_at IS NULL',
    )) {
      if (!json<string[]>(endpoint.events).includes(event.type)) continue;
      db.run(
        `INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, attempt, status, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, 1, 'pending', ?, ?)`,
        [newId(), endpoint.id ?? null, event.id, event.type, event.createdAt, event.createdAt],
      );
    }
  }
}
