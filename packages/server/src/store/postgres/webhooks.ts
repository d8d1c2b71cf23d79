/**
 * Events and the webhook outbox on PostgreSQL: an event is recorded, and queued for each endpoint
 * that asked for its type, in the transaction of the write that made it (so a delivery is never
 * queued for a write that rolled back, nor lost for one that committed).
 *
 * Several hub processes send from one outbox. Each claims the deliveries it is about to send
 * (`dueDeliveries`): in one statement, the due rows no other process holds are locked
 * (`FOR UPDATE SKIP LOCKED`, so two processes claiming at once never wait on, nor take, each
 * other's) and leased to it for a while. The attempt's result ends the lease. A process that dies
 * mid-delivery never records one: its lease lapses and the delivery is due again for any process.
 */
import {
  type DueDelivery,
  type PageRequest,
  type Store,
  type StoredEvent,
  type StoredWebhookEndpoint,
  type WriteEffects,
} from '@hubkit/hub';
import type { Page, WebhookDelivery, WebhookEventType } from '@hubkit/schema';
import type { Cursors } from '../cursor.ts';
import type { Row } from '../db.ts';
import { deliveryOf, dueDeliveryOf, endpointOf, newestFirstPage, newestFirstQuery } from '../webhooks.ts';
import { type PgDb, postgresDialect } from './db.ts';
import { onlyIf, type Step } from './statement.ts';
import { applyEffects } from './writes.ts';

/**
 * Events as steps of a write, written if the step `gate` wrote its record: each event recorded,
 * and queued for every enabled endpoint that asked for its type (read in the same statement).
 */
export function eventSteps(events: readonly StoredEvent[], gate: string | null): Step[] {
  if (events.length === 0) return [];
  const steps: Step[] = [
    {
      as: 'events',
      sql: `INSERT INTO events (id, type, referral_id, created_at, data)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[])${onlyIf(gate)}
            RETURNING id`,
      params: [
        events.map((e) => e.event.id),
        events.map((e) => e.event.type),
        events.map((e) => e.referralId),
        events.map((e) => e.event.createdAt),
        events.map((e) => JSON.stringify(e.event)),
      ],
    },
  ];
  const delivered = events.filter((e) => e.deliver).map((e) => e.event);
  if (delivered.length === 0) return steps;
  steps.push({
    as: 'deliveries',
    // In the events' order, then the endpoints' (as they were made).
    sql: `INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, attempt, status, next_attempt_at, created_at)
          SELECT hubkit_new_id(), ep.id, d.id, d.type, 1, 'pending', d.at, d.at
            FROM unnest($1::text[], $2::text[], $3::timestamptz[]) WITH ORDINALITY AS d (id, type, at, i)
            JOIN webhook_endpoints ep ON ep.enabled AND ep.deleted_at IS NULL AND ep.events ? d.type${gate === null ? '' : ` AND EXISTS (SELECT 1 FROM ${gate})`}
           ORDER BY d.i, ep.created_at, ep.id
          RETURNING id`,
    params: [delivered.map((e) => e.id), delivered.map((e) => e.type), delivered.map((e) => e.createdAt)],
  });
  return steps;
}

/** An endpoint's columns as the SQLite store's rows hold them (`endpointOf` reads either). */
const ENDPOINT_COLUMNS = 'id, url, events::text AS events, description, secret, enabled, created_at';

export type Webhooks = Pick<
  Store,
  | 'insertWebhookEndpoint'
  | 'getWebhookEndpoint'
  | 'listWebhookEndpoints'
  | 'deleteWebhookEndpoint'
  | 'dueDeliveries'
  | 'recordDeliveryAttempt'
  | 'listDeliveries'
  | 'subscribedEndpoints'
>;

/** What an attempt to deliver came to (the dispatcher's words, as the Store interface has them). */
type AttemptResult = Parameters<Store['recordDeliveryAttempt']>[1];

export interface DeliveryLease {
  /** This hub process (`host:pid:nonce`), recorded on the deliveries it holds. */
  holder: string;
  /**
   * How long a claimed delivery is this process's to send, from the `now` it was claimed at:
   * longer than an attempt takes (the dispatcher gives up on an endpoint after 10 s by default),
   * since a delivery whose lease lapses is sent again by whichever process claims it next.
   */
  ms: number;
}

export class PostgresWebhooks implements Webhooks {
  readonly #db: PgDb;
  readonly #cursors: Cursors;
  readonly #lease: DeliveryLease;

  constructor(db: PgDb, cursors: Cursors, lease: DeliveryLease) {
    this.#db = db;
    this.#cursors = cursors;
    this.#lease = lease;
  }

  /** The endpoint and its effects, in one transaction. */
  async insertWebhookEndpoint(endpoint: StoredWebhookEndpoint, effects: WriteEffects): Promise<void> {
    await this.#db.transaction(async (tx) => {
      await tx.query(
        'endpoint_insert',
        `INSERT INTO webhook_endpoints (id, url, events, description, secret, enabled, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          endpoint.id,
          endpoint.url,
          JSON.stringify(endpoint.events),
          endpoint.description ?? null,
          endpoint.secret,
          endpoint.enabled,
          endpoint.createdAt,
        ],
      );
      await applyEffects(tx, effects);
    });
  }

  async getWebhookEndpoint(id: string): Promise<StoredWebhookEndpoint | null> {
    const { rows } = await this.#db.query<Row>(
      'endpoint_get',
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = $1 AND deleted_at IS NULL`,
      [id],
    );
    return rows[0] ? endpointOf(rows[0]) : null;
  }

  /** Newest first, with the SQLite store's cursors. */
  async listWebhookEndpoints(page: PageRequest): Promise<Page<StoredWebhookEndpoint>> {
    const query = newestFirstQuery(
      this.#cursors,
      'webhook_endpoints',
      ENDPOINT_COLUMNS,
      'deleted_at IS NULL',
      [],
      page,
      postgresDialect,
    );
    const { rows } = await this.#db.query<Row>(null, query.sql, query.params);
    return newestFirstPage(this.#cursors, rows, page.limit, endpointOf);
  }

  /** Deletes the endpoint and, in the same transaction, gives up its pending deliveries (claimed or not). */
  async deleteWebhookEndpoint(id: string, at: string): Promise<boolean> {
    return this.#db.transaction(async (tx) => {
      const { rowCount } = await tx.query(
        'endpoint_delete',
        'UPDATE webhook_endpoints SET deleted_at = $1, enabled = false WHERE id = $2 AND deleted_at IS NULL',
        [at, id],
      );
      await tx.query(
        'endpoint_delete_deliveries',
        `UPDATE webhook_deliveries
            SET status = 'failed', error = 'endpoint deleted', next_attempt_at = NULL, lease_holder = NULL, lease_until = NULL
          WHERE endpoint_id = $1 AND status = 'pending'`,
        [id],
      );
      return rowCount === 1;
    });
  }

  /**
   * Claims up to `limit` deliveries due by `now` (earliest first) that no process holds, for
   * this process until `now` plus the lease, and returns them with their events and endpoints.
   * `now` is the caller's clock, as for every other instant the hub stores.
   */
  async dueDeliveries(now: string, limit: number): Promise<DueDelivery[]> {
    const { rows } = await this.#db.query<Row>(
      'deliveries_claim',
      `WITH due AS (
         SELECT d.id FROM webhook_deliveries d
          WHERE d.status = 'pending' AND d.next_attempt_at <= $1
            AND (d.lease_until IS NULL OR d.lease_until <= $1)
            AND EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.id = d.endpoint_id AND w.deleted_at IS NULL)
          ORDER BY d.next_attempt_at, d.id
          LIMIT $2
          FOR UPDATE OF d SKIP LOCKED
       ), claimed AS (
         UPDATE webhook_deliveries d
            SET lease_holder = $3, lease_until = $1::timestamptz + $4::double precision * interval '1 millisecond'
           FROM due WHERE d.id = due.id
         RETURNING d.*
       )
       SELECT c.*, e.data::text AS event_data, w.id AS w_id, w.url, w.events::text AS events, w.description,
              w.secret, w.enabled, w.created_at AS w_created_at
         FROM claimed c
         JOIN events e ON e.id = c.event_id
         JOIN webhook_endpoints w ON w.id = c.endpoint_id
        ORDER BY c.next_attempt_at, c.id`,
      [now, limit, this.#lease.holder, this.#lease.ms],
    );
    return rows.map(dueDeliveryOf);
  }

  /**
   * Records an attempt of a pending delivery (ending its lease) and, when it failed and
   * `retryAt` is given, queues the next attempt: one statement, so that of two processes
   * recording the same delivery (one whose lease lapsed mid-attempt) only the first counts.
   */
  async recordDeliveryAttempt(
    deliveryId: string,
    result: AttemptResult,
    retryAt: string | null,
    nextId: string,
  ): Promise<void> {
    await this.#db.query(
      'delivery_record',
      `WITH attempted AS (
         UPDATE webhook_deliveries
            SET status = $2, response_status = $3, error = $4, attempted_at = $5,
                next_attempt_at = NULL, lease_holder = NULL, lease_until = NULL
          WHERE id = $1 AND status = 'pending'
         RETURNING endpoint_id, event_id, event_type, attempt
       )
       INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, attempt, status, next_attempt_at, created_at)
       SELECT $6::text, endpoint_id, event_id, event_type, attempt + 1, 'pending', $7::timestamptz, $5
         FROM attempted
        WHERE $2 = 'failed' AND $7::timestamptz IS NOT NULL`,
      [deliveryId, result.status, result.responseStatus, result.error, result.at, nextId, retryAt],
    );
  }

  /** An endpoint's deliveries (each attempt a row), newest first, with the SQLite store's cursors. */
  async listDeliveries(endpointId: string, page: PageRequest): Promise<Page<WebhookDelivery>> {
    const query = newestFirstQuery(
      this.#cursors,
      'webhook_deliveries',
      '*',
      'endpoint_id = $1',
      [endpointId],
      page,
      postgresDialect,
    );
    const { rows } = await this.#db.query<Row>(null, query.sql, query.params);
    return newestFirstPage(this.#cursors, rows, page.limit, deliveryOf);
  }

  /** How many enabled endpoints asked for events of this type. */
  async subscribedEndpoints(type: WebhookEventType): Promise<number> {
    const { rows } = await this.#db.query<{ n: number }>(
      'endpoints_subscribed',
      `SELECT count(*)::int AS n FROM webhook_endpoints
        WHERE enabled AND deleted_at IS NULL AND events @> jsonb_build_array($1::text)`,
      [type],
    );
    return rows[0]?.n ?? 0;
  }
}
