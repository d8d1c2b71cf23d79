import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { Hub, newId, type ApiKeyRecord, type Caller } from '@hubkit/hub';
import type { AuditEvent, WebhookEvent } from '@hubkit/schema';
import { councillorDebtAndFood } from '@hubkit/schema/fixtures';
import pg from 'pg';
import { WebhookDispatcher } from '../../domain/webhooks.ts';
import { silentLogger } from '../../log.ts';
import { postgresProcesses } from '../../testing/postgres-store.ts';
import { migratePostgres, SchemaNotMigrated, SchemaTooNew } from './migrations.ts';
import type { Directory } from './directory.ts';
import { PostgresStore } from './store.ts';

const notHere = () => Promise.reject(new Error('the directory is not in this test'));

/** The directory's methods, refused: these tests never reach the directory. */
const noDirectory: Directory = {
  servicesVersion: notHere,
  upsertService: notHere,
  upsertServices: notHere,
  optimizeDirectory: notHere,
  upsertPostcodes: notHere,
  countPostcodes: notHere,
  getService: notHere,
  findServices: notHere,
  countServices: notHere,
  listServices: notHere,
  pageServices: notHere,
  countMatchingServices: notHere,
  searchServices: notHere,
};

const key = { id: 'key_hub_pg', kind: 'secret', role: 'hub', serviceIds: [] } as const;

/** The hub's secret key, auditing what it made or changed. */
const caller: Caller = {
  key,
  requestId: 'req_postgresstore1',
  lang: 'en',
  audit: (answer): AuditEvent[] => [
    {
      id: newId(),
      at: new Date().toISOString(),
      keyId: key.id,
      keyType: key.kind,
      action: 'create',
      resourceType: 'url' in (answer as object) ? 'webhook_endpoint' : 'referral',
      resourceId: (answer as { id: string }).id,
      requestId: 'req_postgresstore1',
    },
  ],
};

describe('PostgreSQL store: the whole Store, opened on a migrated database', () => {
  const { skip, database } = postgresProcesses();
  const stores: PostgresStore[] = [];
  after(async () => {
    await Promise.all(stores.map((store) => store.close()));
  });

  const open = async (url: string, instanceId: string) => {
    const store = await PostgresStore.open(url, () => noDirectory, { poolSize: 3, instanceId });
    stores.push(store);
    return store;
  };

  /** Whether the database has the table `name`. */
  async function hasTable(config: pg.ClientConfig, name: string): Promise<boolean> {
    const client = new pg.Client(config);
    await client.connect();
    try {
      const { rows } = await client.query<{ found: boolean }>('SELECT to_regclass($1) IS NOT NULL AS found', [
        name,
      ]);
      return rows[0]?.found === true;
    } finally {
      await client.end();
    }
  }

  it(
    'accepts, in every process on the database, the staff tokens any one of them signed',
    { skip },
    async () => {
      const { url } = await database(true);
      const [a, b] = [await open(url, 'a'), await open(url, 'b')];
      const claims = {
        keyId: 'key_x',
        staffRef: 'staff-1',
        origin: 'https://portal.example.org',
        expiresAt: 2e9,
      };
      assert.deepEqual(await b.sessions.read(await a.sessions.mint(claims)), claims);
      // Another database has another secret: its tokens are not this hub's.
      const other = await open((await database(true)).url, 'c');
      assert.equal(await other.sessions.read(await a.sessions.mint(claims)), null);
    },
  );

  it(
    'refuses a database that was not migrated, saying to run migrate, and never migrates it',
    { skip },
    async () => {
      const fresh = await database();
      await assert.rejects(
        PostgresStore.open(fresh.url, () => noDirectory),
        (error: unknown) => {
          assert.ok(error instanceof SchemaNotMigrated);
          assert.equal(error.version, 0);
          assert.match(error.message, /run `hubkit-server migrate`/);
          // Nothing of where the database is (a URL may hold a password).
          assert.ok(!error.message.includes(fresh.name) && !error.message.includes('host='));
          return true;
        },
      );
      assert.equal(await hasTable(fresh.config, 'schema_migrations'), false);
      assert.equal(await hasTable(fresh.config, 'referrals'), false);

      // Migrations begun by a newer hubkit-server than this one: refused as well.
      const newer = await database(true);
      const client = new pg.Client(newer.config);
      await client.connect();
      await client.query("INSERT INTO schema_migrations (version, name) VALUES (99, 'from the future')");
      await client.end();
      await assert.rejects(
        PostgresStore.open(newer.url, () => noDirectory),
        SchemaTooNew,
      );

      // A database with the migrations table but no version: not migrated either.
      const empty = await database();
      await migratePostgres(empty.config, []);
      await assert.rejects(
        PostgresStore.open(empty.url, () => noDirectory),
        SchemaNotMigrated,
      );
    },
  );

  it(
    'reads the keys’ version once per turn, and sees a change by either process after it',
    { skip },
    async () => {
      const { url } = await database(true);
      const [a, b] = [await open(url, 'host:1:a'), await open(url, 'host:2:b')];
      const version = await a.keysVersion();
      // Requests of one turn share one read.
      assert.equal(a.keysVersion(), a.keysVersion());
      const record: ApiKeyRecord = {
        id: 'key_1',
        kind: 'secret',
        role: 'hub',
        name: 'Key 1',
        hash: 'hash_1',
        prefix: 'sk_test',
        allowedOrigins: [],
        serviceIds: [],
        createdAt: new Date().toISOString(),
        revokedAt: null,
      };
      await b.insertKey(record);
      assert.equal(await a.keysVersion(), version + 1, 'another process’s change, at the next turn');
      assert.equal(await a.revokeKey('key_1', new Date().toISOString()), true);
      assert.equal(await a.keysVersion(), version + 2, 'its own change');
      assert.equal(await b.keysVersion(), version + 2);
    },
  );

  it(
    'makes, changes, reads and lists referrals through the Hub, across two hub processes',
    { skip },
    async () => {
      const { url } = await database(true);
      const a = await open(url, 'host:1:a');
      const b = await open(url, 'host:2:b');
      const [hubA, hubB] = [new Hub(a), new Hub(b)];
      assert.equal(await a.ping(), true);

      const endpoint = await hubA.createWebhookEndpoint(
        { url: 'https://partner.example/hook', events: ['referral.created', 'referral.status_changed'] },
        'whsec_test',
        caller,
      );
      const first = await hubA.createReferral(councillorDebtAndFood, caller);
      const second = await hubB.createReferral(councillorDebtAndFood, caller);
      assert.notEqual(first.reference, second.reference);

      // Read by the process that did not make it.
      assert.deepEqual(await hubB.getReferral(first.id, caller), first);
      const triaged = await hubB.transitionReferral(first.id, { to: 'triage' }, caller);
      assert.equal(triaged.status, 'triage');
      assert.deepEqual(await hubA.getReferral(first.id, caller), triaged);
      assert.equal(await a.referralVersion(first.id), 2);
      // A change from a stale version is refused by the store, whichever process tries it.
      assert.equal(await a.updateReferral({ ...first, status: 'declined' }, 1, {}), false);

      // A list paged across the two processes: one's cursor is read by the other.
      const page1 = await hubA.listReferrals({}, { limit: 1 }, caller);
      const page2 = await hubB.listReferrals({}, { limit: 1, cursor: page1.nextCursor ?? '' }, caller);
      const newestFirst = [first, second].sort((x, y) =>
        x.createdAt === y.createdAt ? (x.id < y.id ? 1 : -1) : x.createdAt < y.createdAt ? 1 : -1,
      );
      assert.deepEqual(
        [...page1.data, ...page2.data].map((r) => r.id),
        newestFirst.map((r) => r.id),
      );
      assert.equal(page2.nextCursor, null);
      assert.deepEqual(
        (await hubA.listReferrals({ status: 'triage' }, { limit: 10 }, caller)).data.map((r) => r.id),
        [first.id],
      );
      assert.deepEqual(
        (await hubB.listReferralEvents(first.id, { limit: 10 }, caller)).data.map((e) => e.type),
        ['referral.created', 'referral.status_changed'],
      );
      // Each write's audit events were recorded with it.
      assert.deepEqual((await b.listAudit({ resourceId: first.id }, { limit: 10 })).data.length, 2);

      // Each event is queued once for the endpoint, and claimed by one process.
      const [dueA, dueB] = await Promise.all([
        a.dueDeliveries(new Date().toISOString(), 10),
        b.dueDeliveries(new Date().toISOString(), 10),
      ]);
      const claimed = [...dueA, ...dueB];
      assert.equal(claimed.length, 3);
      assert.equal(new Set(claimed.map((d) => d.delivery.id)).size, 3);
      assert.ok(claimed.every((d) => d.endpoint.id === endpoint.id && d.endpoint.secret === 'whsec_test'));

      await a.close();
      await a.close();
      assert.equal(await a.ping(), false, 'a closed store does not answer');
      assert.equal(await b.ping(), true);
    },
  );

  it(
    'has each event delivered once by the dispatchers of two processes, and a failed one retried after its wait',
    { skip },
    async (t) => {
      // A receiver that fails its first request and accepts every other.
      const received: string[] = [];
      const server = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          received.push((JSON.parse(Buffer.concat(chunks).toString('utf8')) as WebhookEvent).id);
          response.writeHead(received.length === 1 ? 500 : 204).end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      t.after(() => {
        server.closeAllConnections();
        server.close();
      });
      const { port } = server.address() as AddressInfo;

      const { url } = await database(true);
      const [a, b] = [await open(url, 'host:1:a'), await open(url, 'host:2:b')];
      const hub = new Hub(a);
      await hub.createWebhookEndpoint(
        { url: `http://127.0.0.1:${String(port)}/hook`, events: ['referral.created'] },
        'whsec_test',
        caller,
      );
      const made = [];
      for (let n = 0; n < 5; n += 1) made.push(await hub.createReferral(councillorDebtAndFood, caller));
      const events = (
        await Promise.all(made.map(async (r) => (await a.listReferralEvents(r.id, { limit: 1 })).data))
      ).flat();

      let now = Date.now() + 1000;
      const clock = { now: () => new Date(now) };
      const dispatchers = [a, b].map(
        (store) =>
          new WebhookDispatcher({
            store,
            clock,
            logger: silentLogger,
            retryScheduleMs: [60_000],
            allowPrivateNetworks: true,
          }),
      );
      const tick = async () =>
        (await Promise.all(dispatchers.map((d) => d.tick()))).reduce((x, y) => x + y, 0);

      assert.equal(await tick(), 5, 'each delivery is attempted by one process');
      assert.deepEqual([...received].sort(), events.map((e) => e.id).sort());
      assert.equal(await tick(), 0, 'nothing is due until the failed one’s wait is over');
      now += 60_000;
      assert.equal(await tick(), 1);
      assert.equal(received.at(-1), received[0], 'the failed one is sent again');
      now += 10 * 60_000;
      assert.equal(await tick(), 0, 'every event was accepted: nothing more is sent');
      assert.equal(received.length, 6);
    },
  );
});
