import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { AuditEvent, Referral } from '@hubkit/schema';
import { councillorDebtAndFood } from '@hubkit/schema/fixtures';
import {
  Hub,
  IdempotencyClaimLost,
  MemoryStore,
  newId,
  ReferenceTaken,
  systemClock,
  type Caller,
  type Store,
} from '@hubkit/hub';
import { postgresProcesses } from '../testing/postgres-store.ts';
import { openStore } from './open.ts';
import { SqliteStore } from './sqlite.ts';

const dir = mkdtempSync(join(tmpdir(), 'hubkit-audit-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

const key = { id: 'key_hub_audit', kind: 'secret', role: 'hub', serviceIds: [] } as const;

/** The audit events of a create answered with `answer`. */
const auditOf = (answer: unknown): AuditEvent[] => [
  {
    id: newId(),
    at: new Date().toISOString(),
    keyId: key.id,
    keyType: key.kind,
    action: 'create',
    resourceType: 'referral',
    resourceId: (answer as Referral).id,
    requestId: 'req_auditwithwrite1',
  },
];

/** A caller whose request's audit events name the record it answered with. */
function callerWith(idempotency?: Caller['idempotency']): Caller {
  return { key, requestId: 'req_auditwithwrite1', lang: 'en', idempotency, audit: auditOf };
}

/** One throwaway cluster for the file; each test opens a new migrated database on it. */
const postgres = postgresProcesses();

const stores: [string, () => Promise<Store & { close: () => Promise<void> }>, string | false][] = [
  [
    'SQLite (the writer thread)',
    () => Promise.resolve(new SqliteStore(join(dir, `${String(Math.random())}.db`))),
    false,
  ],
  ['PostgreSQL', async () => openStore((await postgres.database(true)).url), postgres.skip],
  ['in memory (the mocks)', () => Promise.resolve(new MemoryStore()), false],
];

for (const [name, open, skip] of stores) {
  describe(`a write's audit events, ${name}`, () => {
    it('are recorded by the write itself', { skip }, async () => {
      const store = await open();
      const made = await new Hub(store).createReferral(councillorDebtAndFood, callerWith());
      const audit = await store.listAudit({ resourceId: made.id }, { limit: 10 });
      assert.deepEqual(
        audit.data.map((e) => [e.action, e.resourceType, e.resourceId, e.requestId]),
        [['create', 'referral', made.id, 'req_auditwithwrite1']],
      );
      await store.close();
    });

    it(
      'are rolled back with it: a write that no longer holds its Idempotency-Key claim leaves no trace',
      { skip },
      async () => {
        const store = await open();
        const lost = { keyId: key.id, key: 'retry-1', token: 'not-the-holder', status: 201 };
        await assert.rejects(
          new Hub(store).createReferral(councillorDebtAndFood, callerWith(lost)),
          IdempotencyClaimLost,
        );
        assert.deepEqual((await store.listAudit({}, { limit: 10 })).data, []);
        assert.deepEqual((await store.listReferrals({}, { limit: 10 })).data, []);
        await store.close();
      },
    );

    it(
      'the answer is sent as the very text stored for its Idempotency-Key, written out once',
      { skip },
      async () => {
        const store = await open();
        const hub = new Hub(store);
        const now = new Date().toISOString();
        const until = new Date(Date.now() + 60_000).toISOString();
        const claim = (token: string) => ({ token, holder: 'test', until });
        assert.equal(
          (await store.beginIdempotent(key.id, 'once-1', 'hash-1', now, until, claim('t-1'))).state,
          'started',
        );
        const idempotency: Caller['idempotency'] = {
          keyId: key.id,
          key: 'once-1',
          token: 't-1',
          status: 201,
        };
        const made = await hub.createReferral(councillorDebtAndFood, callerWith(idempotency));
        const stored = await store.beginIdempotent(key.id, 'once-1', 'hash-1', now, until, claim('t-2'));
        assert.equal(stored.state, 'done');
        // The hub hands back the very text it stored, for the request to send as is.
        assert.equal(idempotency.answer, stored.body);
        assert.deepEqual(JSON.parse(idempotency.answer ?? 'null'), made);
        await store.close();
      },
    );

    it(
      'a referral whose reference another has is refused by the write, which keeps nothing of it',
      { skip },
      async () => {
        const store = await open();
        const first = await new Hub(store).createReferral(councillorDebtAndFood, callerWith());
        const clash = { ...first, id: newId() };
        await assert.rejects(store.insertReferral(clash, { audit: auditOf(clash) }), ReferenceTaken);
        assert.deepEqual(
          (await store.listReferrals({}, { limit: 10 })).data.map((r) => r.id),
          [first.id],
        );
        assert.deepEqual(
          (await store.listAudit({}, { limit: 10 })).data.map((e) => e.resourceId),
          [first.id],
        );
        await store.close();
      },
    );

    it('a create whose reference is taken draws another, and makes its referral once', { skip }, async () => {
      const store = await open();
      // The same random values for the first two references drawn, then others.
      let draws = 0;
      const random = {
        getRandomValues(array: Uint8Array): Uint8Array {
          draws += 1;
          array.fill(draws <= 2 ? 7 : draws);
          return array;
        },
      };
      const hub = new Hub(store, systemClock, random);
      const first = await hub.createReferral(councillorDebtAndFood, callerWith());
      const second = await hub.createReferral(councillorDebtAndFood, callerWith());
      assert.equal(draws, 3);
      assert.notEqual(second.reference, first.reference);
      const stored = (await store.listReferrals({}, { limit: 10 })).data;
      assert.deepEqual(stored.map((r) => r.reference).sort(), [first.reference, second.reference].sort());
      assert.equal((await store.listAudit({}, { limit: 10 })).data.length, 2);
      await store.close();
    });
  });
}
