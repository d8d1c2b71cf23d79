/**
 * Events and the webhook outbox on PostgreSQL: an event is recorded, and queued for each endpoint
 * that asked for its type, in the transaction of the write that made it (so a delivery is never
 * queued for a write that rolled back, nor lost for one that committed).
 */
import { newId, type StoredEvent } from '@hubkit/hub';
import type { Queryable } from './db.ts';

/** Records events, and queues a delivery of each to every enabled endpoint that asked for its type. */
export async function insertEvents(tx: Queryable, events: readonly StoredEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.query(
    'events_insert',
    `INSERT INTO events (id, type, referral_id, created_at, data)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[])`,
    [
      events.map((e) => e.event.id),
      events.map((e) => e.event.type),
      events.map((e) => e.referralId),
      events.map((e) => e.event.createdAt),
      events.map((e) => JSON.stringify(e.event)),
    ],
  );
  const delivered = events.filter((e) => e.deliver).map((e) => e.event);
  if (delivered.length === 0) return;
  const { rows: endpoints } = await tx.query<{ id: string; events: string[] }>(
    'endpoints_enabled',
    'SELECT id, events FROM webhook_endpoints WHERE enabled AND deleted_at IS NULL',
  );
  const queued = delivered.flatMap((event) =>
    endpoints
      .filter((endpoint) => endpoint.events.includes(event.type))
      .map((endpoint) => ({ event, endpoint })),
  );
  if (queued.length === 0) return;
  await tx.query(
    'deliveries_queue',
    `INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, attempt, status, next_attempt_at, created_at)
     SELECT id, endpoint_id, event_id, event_type, 1, 'pending', at, at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
         AS q (id, endpoint_id, event_id, event_type, at)`,
    [
      queued.map(() => newId()),
      queued.map((q) => q.endpoint.id),
      queued.map((q) => q.event.id),
      queued.map((q) => q.event.type),
      queued.map((q) => q.event.createdAt),
    ],
  );
}
