import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DueDelivery, StoredWebhookEndpoint } from '@hubkit/hub';
import type { WebhookEvent } from '@hubkit/schema';
import { referralCreatedEvent } from '@hubkit/schema/fixtures';
import { everyPage } from '../../testing/pages.ts';
import { createdAudit, postgresProcesses } from '../../testing/postgres-store.ts';
import type { Cursors } from '../cursor.ts';
import { SqliteStore } from '../sqlite.ts';
import { PostgresAudit } from './audit.ts';
import type { PgDb } from './db.ts';
import { applyEffects } from './writes.ts';
import { PostgresWebhooks } from './webhooks.ts';

const T0 = Date.parse('2026-12-03T01:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const LEASE_MS = 60_000;

const endpoint = (
  id: string,
  createdAt: number,
  events: string[],
  enabled = true,
): StoredWebhookEndpoint => ({
  id,
  url: `https://${id}.example/hook`,
  events: events as StoredWebhookEndpoint['events'],
  description: `Endpoint ${id}`,
  enabled,
  createdAt: at(createdAt),
  secret: `whsec_${id}`,
});

/** A referral.created event made at `createdAt` (when its deliveries are first due). */
const created = (id: string, createdAt: number): WebhookEvent => ({
  ...referralCreatedEvent,
  id,
  createdAt: at(createdAt),
});

const audit = (n: number, resourceId: string) => createdAudit(n, at(n), 'webhook_endpoint', resourceId);

const ids = (due: readonly DueDelivery[]) => due.map((d) => d.delivery.id).sort();

describe('PostgreSQL store: webhook endpoints and the outbox, shared by several processes', () => {
  const suite = postgresProcesses();
  const { skip } = suite;

  /** Hub processes on one migrated database, each with its own pool and its own name on the leases it takes. */
  const processes = async (count: number) =>
    (await suite.processes(count)).map(({ db, cursors }, n) => {
      const holder = `host:${String(n + 1)}:test`;
      return {
        db,
        cursors,
        holder,
        webhooks: new PostgresWebhooks(db, cursors, { holder, ms: LEASE_MS }),
        audit: new PostgresAudit(db, cursors),
      };
    });

  /** Records events (as a write does), queueing their deliveries. */
  const record = (db: PgDb, events: readonly WebhookEvent[]) =>
    db.transaction((tx) =>
      applyEffects(tx, { events: events.map((event) => ({ event, referralId: null, deliver: true })) }),
    );

  /** The outbox's rows, as [event, attempt, status, lease holder]. */
  async function outbox(db: PgDb): Promise<[string, number, string, string | null][]> {
    const { rows } = await db.query<{
      event_id: string;
      attempt: number;
      status: string;
      lease_holder: string | null;
    }>(
      null,
      'SELECT event_id, attempt, status, lease_holder FROM webhook_deliveries ORDER BY event_id, attempt',
    );
    return rows.map((r) => [r.event_id, r.attempt, r.status, r.lease_holder]);
  }

  it(
    'keeps endpoints with their effects, lists them as SQLite does, and stops sending to a deleted one',
    { skip },
    async () => {
      const [a] = await processes(1);
      assert.ok(a);
      const sqlite = new SqliteStore(':memory:');
      const endpoints = [
        endpoint('wh_1', 0, ['referral.created']),
        endpoint('wh_2', 1000, ['referral.created', 'referral.status_changed']),
        endpoint('wh_3', 1000, ['referral.status_changed']),
        endpoint('wh_4', 2000, ['referral.created'], false),
        { ...endpoint('wh_5', 3000, ['consent.withdrawn']), description: undefined },
      ];
      for (const [n, e] of endpoints.entries()) {
        await a.webhooks.insertWebhookEndpoint(e, { audit: [audit(n, e.id)] });
        await sqlite.insertWebhookEndpoint(e, {});
      }
      assert.deepEqual(await a.webhooks.getWebhookEndpoint('wh_2'), endpoints[1]);
      const { description: _, ...noDescription } = endpoints[4] ?? assert.fail();
      assert.deepEqual(await a.webhooks.getWebhookEndpoint('wh_5'), noDescription);
      assert.equal(await a.webhooks.getWebhookEndpoint('wh_none'), null);
      assert.equal(
        (await a.audit.listAudit({ resourceType: 'webhook_endpoint' }, { limit: 10 })).data.length,
        5,
      );

      const list = (store: Pick<SqliteStore, 'listWebhookEndpoints'>, cursors: Cursors) =>
        everyPage(cursors, (page) => store.listWebhookEndpoints(page), {
          limit: 2,
          arity: 2,
          name: (e) => e.id,
        });
      const listed = await list(a.webhooks, a.cursors);
      assert.deepEqual(listed, await list(sqlite, sqlite.cursors));
      await sqlite.close();
      assert.deepEqual(listed, [
        { items: ['wh_5', 'wh_4'], keys: [at(2000), 'wh_4'] },
        { items: ['wh_3', 'wh_2'], keys: [at(1000), 'wh_2'] },
        { items: ['wh_1'], keys: null },
      ]);

      // Enabled endpoints only.
      assert.equal(await a.webhooks.subscribedEndpoints('referral.created'), 2);
      assert.equal(await a.webhooks.subscribedEndpoints('referral.status_changed'), 2);
      assert.equal(await a.webhooks.subscribedEndpoints('referral.outcome_recorded'), 0);

      await record(a.db, [created('evt_1', 0)]);
      assert.equal(await a.webhooks.deleteWebhookEndpoint('wh_1', at(10)), true);
      assert.equal(await a.webhooks.deleteWebhookEndpoint('wh_1', at(11)), false, 'deleted once');
      assert.equal(await a.webhooks.getWebhookEndpoint('wh_1'), null);
      assert.equal(await a.webhooks.subscribedEndpoints('referral.created'), 1);
      // Its delivery is given up; the other endpoint's is still due.
      assert.deepEqual(
        (await a.webhooks.dueDeliveries(at(20), 10)).map((d) => [
          d.endpoint.id,
          d.event.id,
          d.delivery.attempt,
        ]),
        [['wh_2', 'evt_1', 1]],
      );
      const deliveries = await a.webhooks.listDeliveries('wh_1', { limit: 10 });
      assert.deepEqual(
        deliveries.data.map((d) => [d.eventId, d.status, d.error, d.nextAttemptAt]),
        [['evt_1', 'failed', 'endpoint deleted', null]],
      );
    },
  );

  it(
    'gives each due delivery to one of two processes claiming at once, and all of them to one or the other',
    { skip },
    async () => {
      const [a, b] = await processes(2);
      assert.ok(a && b);
      await a.webhooks.insertWebhookEndpoint(endpoint('wh_1', 0, ['referral.created']), {});
      await a.webhooks.insertWebhookEndpoint(endpoint('wh_2', 0, ['referral.created']), {});
      // 2 × 30 due by at(1000); 2 × 5 not yet.
      const events = Array.from({ length: 35 }, (_, n) =>
        created(`evt_${String(n).padStart(2, '0')}`, n < 30 ? n : 10 * LEASE_MS + n),
      );
      await record(a.db, events);
      const { rows } = await a.db.query<{ id: string }>(
        null,
        'SELECT id FROM webhook_deliveries WHERE next_attempt_at <= $1 ORDER BY id',
        [at(1000)],
      );
      assert.equal(rows.length, 60);

      const [byA, byB] = await Promise.all([
        a.webhooks.dueDeliveries(at(1000), 45),
        b.webhooks.dueDeliveries(at(1000), 45),
      ]);
      const claimedA = ids(byA);
      const claimedB = ids(byB);
      assert.deepEqual(
        claimedA.filter((id) => claimedB.includes(id)),
        [],
        'no delivery is claimed by both',
      );
      assert.deepEqual(
        [...claimedA, ...claimedB].sort(),
        rows.map((r) => r.id),
        'every due delivery is claimed',
      );
      // Each comes with its event and endpoint, the endpoint's secret included.
      for (const { delivery, event, endpoint: to } of [...byA, ...byB]) {
        assert.equal(event.id, delivery.eventId);
        assert.equal(to.id, delivery.endpointId);
        assert.equal(to.secret, `whsec_${to.id}`);
      }
      const holders = await outbox(a.db);
      assert.equal(holders.filter(([, , , holder]) => holder === a.holder).length, claimedA.length);
      assert.equal(holders.filter(([, , , holder]) => holder === b.holder).length, claimedB.length);
      // While they are held, neither process is given them again.
      assert.deepEqual(await a.webhooks.dueDeliveries(at(1000), 100), []);
      assert.deepEqual(await b.webhooks.dueDeliveries(at(1000 + LEASE_MS - 1), 100), []);
    },
  );

  it(
    'gives a claimed delivery never recorded (its process died) to another process when its lease lapses',
    { skip },
    async () => {
      const [a, b] = await processes(2);
      assert.ok(a && b);
      await a.webhooks.insertWebhookEndpoint(endpoint('wh_1', 0, ['referral.created']), {});
      await record(a.db, [created('evt_1', 0), created('evt_2', 0)]);
      const claimed = await a.webhooks.dueDeliveries(at(0), 10);
      assert.equal(claimed.length, 2);
      // a dies here. Until its lease lapses, nobody sends them; then b does, as the same attempt.
      assert.deepEqual(await b.webhooks.dueDeliveries(at(LEASE_MS - 1), 10), []);
      const retaken = await b.webhooks.dueDeliveries(at(LEASE_MS), 10);
      assert.deepEqual(ids(retaken), ids(claimed));
      assert.deepEqual(
        retaken.map((d) => d.delivery.attempt),
        [1, 1],
      );
      const first = retaken.find((d) => d.event.id === 'evt_1') ?? assert.fail();
      const second = retaken.find((d) => d.event.id === 'evt_2') ?? assert.fail();
      await b.webhooks.recordDeliveryAttempt(
        first.delivery.id,
        { status: 'succeeded', responseStatus: 204, error: null, at: at(LEASE_MS + 10) },
        null,
        'next_unused',
      );
      // A failure: retried at retryAt, as the next attempt, due then and not before.
      await b.webhooks.recordDeliveryAttempt(
        second.delivery.id,
        { status: 'failed', responseStatus: 500, error: 'the endpoint answered 500', at: at(LEASE_MS + 20) },
        at(LEASE_MS + 10_020),
        'retry_1',
      );
      assert.deepEqual(await outbox(a.db), [
        ['evt_1', 1, 'succeeded', null],
        ['evt_2', 1, 'failed', null],
        ['evt_2', 2, 'pending', null],
      ]);
      assert.deepEqual(await a.webhooks.dueDeliveries(at(LEASE_MS + 10_019), 10), []);
      const retry = await a.webhooks.dueDeliveries(at(LEASE_MS + 10_020), 10);
      assert.deepEqual(
        retry.map((d) => [d.delivery.id, d.delivery.attempt, d.event.id]),
        [['retry_1', 2, 'evt_2']],
      );

      // a comes back late with what it saw: too late to count, and no second retry is queued.
      await a.webhooks.recordDeliveryAttempt(
        first.delivery.id,
        {
          status: 'failed',
          responseStatus: null,
          error: 'the endpoint did not answer in time',
          at: at(LEASE_MS + 30),
        },
        at(LEASE_MS + 40),
        'retry_late',
      );
      // The last attempt fails for good: nothing more is queued.
      await a.webhooks.recordDeliveryAttempt(
        'retry_1',
        {
          status: 'failed',
          responseStatus: 410,
          error: 'the endpoint answered 410',
          at: at(LEASE_MS + 10_030),
        },
        null,
        'retry_2',
      );
      // Newest first: the retry, then the first attempts (made together) by id, as SQLite lists them.
      const firstAttempts = [first, second].sort((x, y) => (x.delivery.id < y.delivery.id ? 1 : -1));
      const listed = await b.webhooks.listDeliveries('wh_1', { limit: 10 });
      assert.deepEqual(
        listed.data.map((d) => [d.id, d.eventId, d.attempt, d.status, d.responseStatus]),
        [
          ['retry_1', 'evt_2', 2, 'failed', 410],
          ...firstAttempts.map((d) =>
            d === first
              ? [d.delivery.id, 'evt_1', 1, 'succeeded', 204]
              : [d.delivery.id, 'evt_2', 1, 'failed', 500],
          ),
        ],
      );
      // Delivered or given up: never due again.
      assert.deepEqual(await a.webhooks.dueDeliveries(at(100 * LEASE_MS), 10), []);
      assert.deepEqual(await b.webhooks.dueDeliveries(at(100 * LEASE_MS), 10), []);
    },
  );
});
