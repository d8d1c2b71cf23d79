import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import { Referral, type Outcome, type WebhookEvent } from '@hubkit/schema';
import { closedTenantReferral, councillorDebtAndFood, consentOnline } from '@hubkit/schema/fixtures';
import { indexService } from './directory.ts';
import { migrations } from './migrations.ts';
import { demoDirectory } from '@hubkit/schema/fixtures';
import { SqliteStore } from './sqlite.ts';
import { IdempotencyClaimLost } from '@hubkit/hub';
import { KEYS, testHub } from '../testing/hub.ts';
import { checkMigratedReport, scenarioBeforeMigration } from '../testing/report-migration.ts';

const dir = mkdtempSync(join(tmpdir(), 'hubkit-store-'));
const latest = Math.max(...migrations.map((m) => m.version));

/** A database at `version`, as the migrations up to it left it. */
function databaseAt(path: string, version: number): DatabaseSync {
  const old = new DatabaseSync(path);
  old.exec(
    'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);',
  );
  for (const m of migrations.filter((m) => m.version <= version)) {
    old.exec(m.sql);
    m.run?.(old);
    old
      .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
      .run(m.version, m.name, '2026-11-01T00:00:00.000Z');
  }
  return old;
}
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the SQLite store', () => {
  it('migrates a new database to the latest version, in WAL mode with full sync, once', async () => {
    const path = join(dir, 'migrate.db');
    const store = new SqliteStore(path);
    assert.equal(store.version, Math.max(...migrations.map((m) => m.version)));
    await store.close();
    const again = new SqliteStore(path);
    assert.equal(again.version, Math.max(...migrations.map((m) => m.version)));
    await again.close();
    const raw = new DatabaseSync(path);
    assert.equal(raw.prepare('PRAGMA journal_mode').get()?.journal_mode, 'wal');
    assert.equal(
      Number(raw.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()?.n),
      migrations.length,
    );
    raw.close();
  });

  it('loses nothing across a restart: what was answered is on disk', async () => {
    const path = join(dir, 'restart.db');
    const first = await testHub({ db: path });
    const referral = (await first.request<Referral>('POST', '/v1/referrals', { body: councillorDebtAndFood }))
      .body;
    const consent = (await first.request<{ id: string }>('POST', '/v1/consents', { body: consentOnline }))
      .body;
    await first.close();
    // A second hub on the same file: the keys are re-inserted by the harness, so use a fresh copy of them.
    const store = new SqliteStore(path);
    try {
      assert.deepEqual(await store.getReferral(referral.id), referral);
      assert.equal((await store.getConsent(consent.id))?.consent.id, consent.id);
      assert.ok(
        (await store.listKeys()).some((k) => k.name === 'Test hub'),
        'keys are kept too',
      );
      assert.ok(
        !JSON.stringify(await store.listKeys()).includes(KEYS.secret),
        'only hashes of keys are kept',
      );
    } finally {
      await store.close();
    }
  });

  it('migrates a database from before: the unused services_fts index goes, the services stay', async () => {
    const path = join(dir, 'from-v5.db');
    // A database as version 5 left it, with a service and its full-text row, as the store wrote them.
    const old = databaseAt(path, 5);
    const [service, other] = demoDirectory;
    assert.ok(service && other);
    old
      .prepare('INSERT INTO services (id, name, status, updated_at, data) VALUES (?, ?, ?, ?, ?)')
      .run(service.id, service.name, service.status, '2026-11-01T00:00:00.000Z', JSON.stringify(service));
    old
      .prepare('INSERT INTO services_fts (id, name, description, organisation, terms) VALUES (?, ?, ?, ?, ?)')
      .run(service.id, service.name, service.description, service.organisation.name, '');
    old.close();

    const store = new SqliteStore(path);
    try {
      assert.equal(store.version, latest);
      assert.deepEqual(await store.getService(service.id), service);
      // Writing a service no longer touches the index.
      await store.upsertService(other, '2026-12-01T00:00:00.000Z');
      assert.deepEqual(await store.getService(other.id), other);
    } finally {
      await store.close();
    }
    const raw = new DatabaseSync(path);
    try {
      const left = raw
        .prepare("SELECT name FROM sqlite_master WHERE name LIKE 'services_fts%'")
        .all()
        .map((r) => r.name);
      assert.deepEqual(left, [], 'the index and its shadow tables are gone');
      assert.equal(raw.prepare('PRAGMA integrity_check').get()?.integrity_check, 'ok');
    } finally {
      raw.close();
    }
  });

  it('indexes the words of the services already stored by their areas (migration 13)', async () => {
    const path = join(dir, 'from-v12-directory.db');
    // The demo directory as version 12 kept it: its services, their needs and their indexes.
    const old = databaseAt(path, 12);
    for (const service of demoDirectory) {
      old
        .prepare('INSERT INTO services (id, name, status, updated_at, data) VALUES (?, ?, ?, ?, ?)')
        .run(service.id, service.name, service.status, '2026-11-01T00:00:00.000Z', JSON.stringify(service));
      for (const need of service.needs)
        old.prepare('INSERT INTO service_needs (service_id, need) VALUES (?, ?)').run(service.id, need);
      indexService((sql) => old.prepare(sql), service);
    }
    old.close();

    const migrated = new SqliteStore(path);
    const fresh = new SqliteStore(':memory:');
    try {
      assert.equal(migrated.version, latest);
      await fresh.upsertServices(demoDirectory, '2026-11-01T00:00:00.000Z');
      for (const [q, postcode, area] of [
        ['advice', 'N7 6PA', 'Islington'],
        ['food', 'IG11 7QJ', 'Barking and Dagenham'],
        ['debt advice', 'NW10 4AB', 'Brent'],
        ['carers', 'BL9 0AA', 'Bury'],
      ] as const) {
        const got = await migrated.searchServices({ q, postcode }, { offset: 0, limit: 40 });
        const want = await fresh.searchServices({ q, postcode }, { offset: 0, limit: 40 });
        assert.deepEqual(
          got.results.map((r) => r.service.id),
          want.results.map((r) => r.service.id),
          q,
        );
        // The area's own matches first: found in the area's word lists.
        assert.ok(got.results[0]?.service.areas.includes(area), `${q} near ${postcode}`);
      }
    } finally {
      await migrated.close();
      await fresh.close();
    }
  });

  it('migrates outcomes kept in pounds to whole pence, in referrals and in kept replies', async () => {
    const path = join(dir, 'from-v6-pounds.db');
    // The closed referral as version 6 kept it, amounts in pounds: £86.40 and £1.15 a week (the
    // amount standard validators refused as 115 * 0.01), with the reply kept for its replay.
    const old = databaseAt(path, 6);
    const inPounds = structuredClone(closedTenantReferral) as Referral;
    const [first, income, last] = inPounds.outcomes;
    assert.ok(first && income?.amount && last);
    const pounds = (amount: number) => ({ ...income, amount: { ...income.amount, amount } }) as Outcome;
    inPounds.outcomes = [first, pounds(86.4), last, pounds(1.15), pounds(0.07), pounds(10_000_000)];
    const r = inPounds;
    old
      .prepare(
        `INSERT INTO referrals (id, reference, resident_id, nhs_number, status, priority, referrer_type, district, created_at, updated_at, version, data)
         VALUES (?, ?, ?, NULL, ?, ?, ?, 'IG11', ?, ?, 1, ?)`,
      )
      .run(
        r.id,
        r.reference,
        r.residentId,
        r.status,
        r.priority,
        r.referrer.type,
        r.createdAt,
        r.updatedAt,
        JSON.stringify(r),
      );
    old
      .prepare(
        `INSERT INTO idempotency_keys (key_id, idempotency_key, request_hash, state, status, body, created_at, expires_at)
         VALUES ('key_x', 'outcome-1', 'h', 'done', 201, ?, '2026-11-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z')`,
      )
      .run(JSON.stringify(r));
    old.close();

    const store = new SqliteStore(path);
    try {
      assert.equal(store.version, latest);
      const migrated = await store.getReferral(r.id);
      assert.deepEqual(
        migrated?.outcomes.map((o) => o.amount?.amount),
        [undefined, 8640, undefined, 115, 7, 1_000_000_000],
      );
      // Everything else is as it was, and the referral is valid in today's schema.
      assert.deepEqual({ ...migrated, outcomes: [] }, { ...r, outcomes: [] });
      assert.ok(Referral.safeParse(migrated).success);
    } finally {
      await store.close();
    }
    const raw = new DatabaseSync(path);
    try {
      const kept = JSON.parse(
        String(
          raw.prepare("SELECT body FROM idempotency_keys WHERE idempotency_key = 'outcome-1'").get()?.body,
        ),
      ) as Referral;
      assert.deepEqual(
        kept.outcomes.map((o) => o.amount?.amount),
        [undefined, 8640, undefined, 115, 7, 1_000_000_000],
      );
    } finally {
      raw.close();
    }
  });

  it("fills the report's columns from the referrals already stored (migration 15): the same report", async () => {
    const { rows, counts } = await scenarioBeforeMigration();
    const path = join(dir, 'from-v14-report.db');
    const old = databaseAt(path, 14);
    const referral = old.prepare(
      `INSERT INTO referrals (id, reference, resident_id, nhs_number, status, priority, referrer_type, district, created_at, updated_at, version, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const need = old.prepare('INSERT INTO referral_needs (referral_id, need) VALUES (?, ?)');
    const outcome = old.prepare(
      'INSERT INTO referral_outcomes (referral_id, need, code, recorded_at) VALUES (?, ?, ?, ?)',
    );
    for (const row of rows) {
      referral.run(...row.referral);
      for (const values of row.needs) need.run(...values);
      for (const values of row.outcomes) outcome.run(...values);
    }
    old.close();

    await checkMigratedReport(path, counts);
    const raw = new DatabaseSync(path);
    try {
      // The coded answers only: the free text beside them is not copied out of the record.
      const answers = raw.prepare('SELECT characteristic, answer FROM referral_equality ORDER BY 1, 2').all();
      assert.deepEqual(
        answers.map((a) => `${String(a.characteristic)}=${String(a.answer)}`),
        ['ageBand=35_44', 'ethnicity=white_other', 'sex=female', 'sex=prefer_not_to_say'],
      );
    } finally {
      raw.close();
    }
  });

  it('refuses a stale update: the second of two writers at one version loses', async () => {
    const store = new SqliteStore(':memory:');
    try {
      const hubForReferral = await testHub();
      const referral = (
        await hubForReferral.request<Referral>('POST', '/v1/referrals', { body: councillorDebtAndFood })
      ).body;
      await hubForReferral.close();
      await store.insertReferral(referral, {});
      assert.equal(await store.referralVersion(referral.id), 1);
      assert.equal(await store.updateReferral({ ...referral, status: 'triage' }, 1, {}), true);
      assert.equal(await store.updateReferral({ ...referral, status: 'withdrawn' }, 1, {}), false);
      assert.equal((await store.getReferral(referral.id))?.status, 'triage');
    } finally {
      await store.close();
    }
  });

  it('rolls back a write that fails half way: nothing of it is kept', async () => {
    const store = new SqliteStore(':memory:');
    try {
      const hubForReferral = await testHub();
      const referral = (
        await hubForReferral.request<Referral>('POST', '/v1/referrals', { body: councillorDebtAndFood })
      ).body;
      await hubForReferral.close();
      const event: WebhookEvent = {
        id: crypto.randomUUID(),
        type: 'referral.created',
        apiVersion: 'v1',
        createdAt: referral.createdAt,
        data: {
          referral: {
            id: referral.id,
            reference: referral.reference,
            status: 'submitted',
            priority: 'urgent',
            needs: [],
          },
        },
      };
      // The same event twice breaks the events table's unique id, after the referral row was written.
      await assert.rejects(
        store.insertReferral(referral, {
          events: [
            { event, referralId: referral.id, deliver: true },
            { event, referralId: referral.id, deliver: true },
          ],
        }),
      );
      assert.equal(await store.getReferral(referral.id), null);
    } finally {
      await store.close();
    }
  });
});

describe('group commit: concurrent writes share a transaction, each keeps its own outcome', () => {
  /** A referral made by a hub, to store again under new ids. */
  async function aReferral(): Promise<Referral> {
    const hub = await testHub();
    try {
      return (await hub.request<Referral>('POST', '/v1/referrals', { body: councillorDebtAndFood })).body;
    } finally {
      await hub.close();
    }
  }
  const copy = (referral: Referral, n: number): Referral => ({
    ...referral,
    id: crypto.randomUUID(),
    reference: `${referral.reference.slice(0, -2)}${String(n).padStart(2, '0')}`,
  });

  for (const [writer, path] of [
    ['worker', () => join(dir, `group-${crypto.randomUUID()}.db`)],
    ['turn', () => ':memory:'],
  ] as const) {
    it(`${writer} writer: a write that fails rejects alone; the others of its group are kept`, async () => {
      const referral = await aReferral();
      const store = new SqliteStore(path(), { writer });
      try {
        const [a, b] = [copy(referral, 1), copy(referral, 2)];
        // Asked for together, so run in one group; the second reuses a's id and fails.
        const results = await Promise.allSettled([
          store.insertReferral(a, {}),
          store.insertReferral({ ...b, id: a.id }, {}),
          store.insertReferral(b, {}),
          store.completeIdempotent({ keyId: 'k', key: 'none', token: 't', status: 201, body: '{}' }),
        ]);
        assert.deepEqual(
          results.map((r) => r.status),
          ['fulfilled', 'rejected', 'fulfilled', 'rejected'],
        );
        const [, duplicate, , lost] = results;
        assert.match(String((duplicate as PromiseRejectedResult).reason), /UNIQUE|PRIMARY KEY/);
        // The error a caller can tell: the claim lost, as the store threw it.
        assert.ok((lost as PromiseRejectedResult).reason instanceof IdempotencyClaimLost);
        // Read back at once (the worker's commit is seen by the store's own connection).
        assert.equal((await store.getReferral(a.id))?.reference, a.reference);
        assert.equal((await store.getReferral(b.id))?.reference, b.reference);
        assert.equal((await store.listReferrals({}, { limit: 10 })).data.length, 2);
      } finally {
        await store.close();
      }
    });

    it(`${writer} writer: of two updates at one version in one group, exactly the first wins`, async () => {
      const referral = await aReferral();
      const store = new SqliteStore(path(), { writer });
      try {
        await store.insertReferral(referral, {});
        const [first, second] = await Promise.all([
          store.updateReferral({ ...referral, status: 'triage' }, 1, {}),
          store.updateReferral({ ...referral, status: 'withdrawn' }, 1, {}),
        ]);
        assert.deepEqual([first, second], [true, false]);
        assert.equal((await store.getReferral(referral.id))?.status, 'triage');
        assert.equal(await store.referralVersion(referral.id), 2);
      } finally {
        await store.close();
      }
    });
  }

  it('worker writer: the committed log is copied into the database file by its own thread, while the store is open', async () => {
    const referral = await aReferral();
    const file = join(dir, 'checkpointed.db');
    const store = new SqliteStore(file, { writer: 'worker' });
    try {
      await Promise.all(Array.from({ length: 40 }, (_, i) => store.insertReferral(copy(referral, i), {})));
      // Forty creates are far below the log's backstop, where a commit would checkpoint: in WAL
      // mode only a checkpoint writes to the database file, so only the checkpointer can grow it.
      const before = statSync(file).size;
      const deadline = Date.now() + 10_000;
      while (statSync(file).size === before && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(statSync(file).size > before, 'the database file grew while the store was open');
    } finally {
      await store.close();
    }
  });

  it('worker writer: what was acknowledged is in the file when the store is closed', async () => {
    const referral = await aReferral();
    const file = join(dir, 'acknowledged.db');
    const store = new SqliteStore(file, { writer: 'worker' });
    const copies = Array.from({ length: 40 }, (_, i) => copy(referral, i));
    await Promise.all(copies.map((r) => store.insertReferral(r, {})));
    await store.close();
    const raw = new DatabaseSync(file);
    try {
      assert.equal(Number(raw.prepare('SELECT COUNT(*) AS n FROM referrals').get()?.n), copies.length);
    } finally {
      raw.close();
    }
  });
});
