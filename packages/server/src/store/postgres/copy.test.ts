/**
 * A hub moved from SQLite to PostgreSQL: a hub on a SQLite file takes referrals, consents,
 * assessments, a webhook endpoint and their audit trail over HTTP; its file is copied into a
 * migrated PostgreSQL database; the PostgreSQL store then reads back every record as SQLite does.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, it } from 'node:test';
import type { Consent, Referral, Service } from '@hubkit/schema';
import { consentOnline, councillorDebtAndFood, tenantAssessmentDraft } from '@hubkit/schema/fixtures';
import { Cursors } from '../cursor.ts';
import { SqliteStore } from '../sqlite.ts';
import { postgresForTests } from '../../testing/postgres.ts';
import { PROVIDER_SERVICE, testHub } from '../../testing/hub.ts';
import { hubSecret, PostgresAudit } from './audit.ts';
import { COPIED_TABLES, copySqliteToPostgres, CopyError, uncoveredTables } from './copy.ts';
import { PostgresConsents } from './consents.ts';
import { PgDb } from './db.ts';
import { PostgresKeys } from './keys.ts';
import { migratePostgres } from './migrations.ts';
import { PostgresReferrals } from './referrals.ts';

const dir = mkdtempSync(join(tmpdir(), 'hubkit-copy-'));
const file = join(dir, 'hub.db');

/** The directory's services go nowhere in tests that are not about them. */
const nothing = () => Promise.resolve();
const made = { referrals: [] as string[], consents: [] as string[], assessments: [] as string[] };

before(async () => {
  const hub = await testHub({ db: file });
  try {
    const post = async <T>(path: string, body: unknown, key: 'secret' | 'provider' = 'secret') => {
      const answer = await hub.request<T>('POST', path, {
        key,
        body,
        headers: { 'Idempotency-Key': randomUUID() },
      });
      assert.ok(answer.status < 300, answer.text);
      return answer.body;
    };
    for (let i = 0; i < 3; i++) {
      const consent = await post<Consent>('/v1/consents', consentOnline);
      made.consents.push(consent.id);
      const referral = await post<Referral>('/v1/referrals', {
        ...councillorDebtAndFood,
        consentId: consent.id,
      });
      made.referrals.push(referral.id);
      const on = `/v1/referrals/${referral.id}/transitions`;
      await post(on, { to: 'triage' });
      await post(on, { to: 'accepted' });
      await post(on, { to: 'assigned', serviceId: PROVIDER_SERVICE });
      await post(`/v1/referrals/${referral.id}/outcomes`, { need: 'food', code: 'food_secured' }, 'provider');
      const assessment = await post<{ id: string }>('/v1/assessments', {
        ...tenantAssessmentDraft,
        referralId: referral.id,
      });
      made.assessments.push(assessment.id);
    }
    await post(`/v1/consents/${made.consents[0] ?? ''}/withdraw`, {
      withdrawnAt: '2026-11-20T15:30:00Z',
      method: 'phone',
      recordedBy: { name: 'Sam Okoro' },
      reason: 'Changed their mind',
    });
    const list = await hub.request('GET', '/v1/referrals?limit=10');
    assert.equal(list.status, 200);
  } finally {
    await hub.close();
  }
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('hubkit-server copy: a hub from its SQLite file to PostgreSQL', () => {
  const { skip, cluster } = postgresForTests();
  const opened: PgDb[] = [];
  after(async () => {
    await Promise.all(opened.map((db) => db.close()));
  });

  async function target(): Promise<PgDb> {
    const database = await cluster().createDatabase();
    await migratePostgres(database.config);
    const db = new PgDb(database.config, 4);
    opened.push(db);
    return db;
  }

  it('names every table of the SQLite file as copied or not, with its reason', () => {
    const source = new DatabaseSync(file, { readOnly: true });
    try {
      assert.deepEqual(uncoveredTables(source), []);
    } finally {
      source.close();
    }
  });

  it('copies every record, and the PostgreSQL store reads them back as SQLite does', { skip }, async () => {
    const db = await target();
    const indexed: Service[] = [];
    const report = await copySqliteToPostgres(file, db, (services) => {
      indexed.push(...services);
      return Promise.resolve();
    });

    const sqlite = new SqliteStore(file);
    try {
      // Every row of every table, and the directory's services handed to the PostgreSQL store.
      const source = new DatabaseSync(file, { readOnly: true });
      for (const table of COPIED_TABLES) {
        const { n } = source.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
        const copied = await db.query<{ n: string }>(null, `SELECT count(*) AS n FROM ${table}`);
        assert.equal(Number(copied.rows[0]?.n), n, table);
        assert.equal(report.rows[table], n, table);
      }
      source.close();
      assert.ok((report.rows.referrals ?? 0) >= 3 && (report.rows.audit_events ?? 0) > 20);
      assert.deepEqual(
        indexed.map((s) => s.id),
        (await sqlite.findServices({})).map((s) => s.id).sort(),
      );

      const cursors = new Cursors(await hubSecret(db, 'cursor'));
      const referrals = new PostgresReferrals(db, cursors);
      for (const id of made.referrals) {
        const [was, is] = [await sqlite.getReferral(id), await referrals.getReferral(id)];
        assert.ok(was);
        assert.deepEqual(is, was);
        assert.equal(await referrals.referralVersion(id), await sqlite.referralVersion(id));
        assert.deepEqual(
          (await referrals.listReferralEvents(id, { limit: 100 })).data,
          (await sqlite.listReferralEvents(id, { limit: 100 })).data,
        );
      }
      const withdrawn = await referrals.getReferral(made.referrals[0] ?? '');
      assert.equal(withdrawn?.sharingRestricted, true, 'a withdrawal made before the move still restricts');
      const consents = new PostgresConsents(db);
      for (const id of made.consents)
        assert.deepEqual(await consents.getConsent(id), await sqlite.getConsent(id));
      assert.deepEqual(await new PostgresKeys(db).listKeys(), await sqlite.listKeys());
      assert.deepEqual(
        (await new PostgresAudit(db, cursors).listAudit({}, { limit: 500 })).data,
        (await sqlite.listAudit({}, { limit: 500 })).data,
      );
      // The counters go on after the copied rows: a new audit row is listed first.
      await new PostgresAudit(db, cursors).insertAudit([
        {
          id: 'aud_after',
          at: new Date().toISOString(),
          keyId: 'key_x',
          keyType: 'secret',
          action: 'read',
          resourceType: 'referral',
          resourceId: made.referrals[0] ?? null,
          requestId: 'req_after',
        },
      ]);
      assert.equal(
        (await new PostgresAudit(db, cursors).listAudit({}, { limit: 1 })).data[0]?.id,
        'aud_after',
      );
    } finally {
      await sqlite.close();
    }
  });

  it('copies only into an empty database, and writes nothing when it refuses', { skip }, async () => {
    const db = await target();
    await copySqliteToPostgres(file, db, nothing);
    const before = await db.query<{ n: string }>(null, 'SELECT count(*) AS n FROM referrals');
    await assert.rejects(
      copySqliteToPostgres(file, db, nothing),
      (error: unknown) => error instanceof CopyError && error.message.includes('already holds a hub'),
    );
    const afterwards = await db.query<{ n: string }>(null, 'SELECT count(*) AS n FROM referrals');
    assert.equal(afterwards.rows[0]?.n, before.rows[0]?.n);
  });

  it('writes nothing when a row cannot be copied', { skip }, async () => {
    const db = await target();
    // A failure midway (here, a table the copy fills last refuses its rows): nothing stays.
    await db.query(null, 'ALTER TABLE postcodes ADD CONSTRAINT no_rows CHECK (false)');
    const broken = join(dir, 'with-postcode.db');
    rmSync(broken, { force: true });
    const source = new DatabaseSync(file, { readOnly: true });
    source.exec(`VACUUM INTO '${broken}'`);
    source.close();
    const copy = new DatabaseSync(broken);
    copy.exec(`INSERT INTO postcodes (postcode, latitude, longitude) VALUES ('ZZ9 9ZZ', 51.5, -0.1)`);
    copy.close();
    await assert.rejects(copySqliteToPostgres(broken, db, nothing), /no_rows/);
    const left = await db.query<{ n: string }>(
      null,
      'SELECT (SELECT count(*) FROM referrals) + (SELECT count(*) FROM audit_events) AS n',
    );
    assert.equal(left.rows[0]?.n, '0');
  });
});
