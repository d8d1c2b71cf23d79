import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { CursorError } from '@hubkit/hub';
import type { AuditEvent } from '@hubkit/schema';
import { postgresForTests } from '../../testing/postgres.ts';
import { Cursors } from '../cursor.ts';
import { PostgresAudit, hubSecret } from './audit.ts';
import { PgDb } from './db.ts';
import { migratePostgres } from './migrations.ts';

const event = (n: number, resourceId: string | null, resourceType: AuditEvent['resourceType'] = 'referral') =>
  ({
    id: `audit_${n}`,
    at: new Date(Date.parse('2026-12-03T01:00:00.000Z') + n * 1000).toISOString(),
    keyId: 'key_1',
    keyType: 'secret',
    action: resourceId === null ? 'list' : 'read',
    resourceType,
    resourceId,
    requestId: `req_${n}`,
  }) satisfies AuditEvent;

describe('PostgreSQL store: the audit trail, read by any process', () => {
  const { skip, cluster } = postgresForTests();
  const opened: PgDb[] = [];
  after(async () => {
    await Promise.all(opened.map((db) => db.close()));
  });

  /** Two hub processes on one migrated database, each with its own pool and its own cursors. */
  async function processes() {
    const database = await cluster().createDatabase();
    await migratePostgres(database.config);
    return Promise.all(
      [1, 2].map(async () => {
        const db = new PgDb(database.config, 2);
        opened.push(db);
        const secret = await hubSecret(db, 'cursor');
        return { secret, audit: new PostgresAudit(db, new Cursors(secret)) };
      }),
    );
  }

  it(
    'pages the trail newest first, with cursors one process issues and another reads',
    { skip },
    async () => {
      const [a, b] = await processes();
      assert.ok(a && b);
      assert.equal(a.secret.byteLength, 32);
      assert.deepEqual(a.secret, b.secret, 'one cursor secret for every process');

      const events = [
        event(1, 'r1'),
        event(2, 'r2'),
        event(3, null),
        event(4, 'r1'),
        event(5, 'c1', 'consent'),
      ];
      await a.audit.insertAudit(events.slice(0, 2));
      await b.audit.insertAudit(events.slice(2));
      await a.audit.insertAudit([]);

      const seen: AuditEvent[] = [];
      let cursor: string | undefined;
      let turn = 0;
      do {
        // Each page from the other process, with the cursor the previous one gave.
        const page = await (turn++ % 2 === 0 ? a : b).audit.listAudit({}, { limit: 2, cursor });
        seen.push(...page.data);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      assert.deepEqual(seen, [...events].reverse());

      const ids = async (filter: Parameters<PostgresAudit['listAudit']>[0]) =>
        (await b.audit.listAudit(filter, { limit: 10 })).data.map((e) => e.id);
      assert.deepEqual(await ids({ resourceType: 'referral', resourceId: 'r1' }), ['audit_4', 'audit_1']);
      assert.deepEqual(await ids({ resourceType: 'consent' }), ['audit_5']);
      assert.deepEqual(await ids({ since: events[3]?.at }), ['audit_5', 'audit_4']);
    },
  );

  it('refuses a cursor it did not issue', { skip }, async () => {
    const [a] = await processes();
    assert.ok(a);
    const forged = new Cursors(new Uint8Array(32).fill(7)).encode([1]);
    await assert.rejects(a.audit.listAudit({}, { limit: 2, cursor: forged }), CursorError);
  });
});
