import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PageRequest, Store } from '@hubkit/hub';
import type { Assessment, Page } from '@hubkit/schema';
import { tenantAssessment } from '@hubkit/schema/fixtures';
import { everyPage } from '../../testing/pages.ts';
import { createdAudit, postgresProcesses } from '../../testing/postgres-store.ts';
import type { Cursors } from '../cursor.ts';
import { SqliteStore } from '../sqlite.ts';
import { PostgresAssessments } from './assessments.ts';
import { PostgresAudit } from './audit.ts';

const T0 = Date.parse('2026-12-03T01:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

const assessment = (
  id: string,
  version: number,
  residentId: string,
  createdAt: number,
  referralId: string | null = null,
): Assessment => ({ ...tenantAssessment, id, version, residentId, referralId, createdAt: at(createdAt) });

/**
 * Two residents' assessments: several versions of one, two made in the same millisecond (their
 * order is by id), and one of another resident's made for a referral.
 */
const written: Assessment[] = [
  assessment('asmt_a', 1, 'res_1', 0),
  assessment('asmt_b', 1, 'res_1', 1000),
  assessment('asmt_c', 1, 'res_1', 1000),
  assessment('asmt_a', 2, 'res_1', 2000),
  assessment('asmt_d', 1, 'res_1', 500),
  assessment('asmt_a', 3, 'res_1', 3000),
  assessment('asmt_e', 1, 'res_2', 1500, 'ref_2'),
];

const audit = (n: number, resourceId: string) => createdAudit(n, at(n), 'assessment', resourceId);

type Lists = Pick<Store, 'listAssessments' | 'listAssessmentVersions'>;

/** The pages of every list the store has of `written`, as `pages` reads them. */
async function everyList(store: Lists, cursors: Cursors) {
  const pages = (read: (page: PageRequest) => Promise<Page<Assessment>>, arity: number) =>
    everyPage(cursors, read, { limit: 2, arity, name: (a) => `${a.id}@${String(a.version)}` });
  return {
    resident1: await pages((page) => store.listAssessments({ residentId: 'res_1' }, page), 2),
    resident2: await pages((page) => store.listAssessments({ residentId: 'res_2' }, page), 2),
    referral: await pages((page) => store.listAssessments({ referralId: 'ref_2' }, page), 2),
    both: await pages((page) => store.listAssessments({ residentId: 'res_1', referralId: 'ref_2' }, page), 2),
    versions: await pages((page) => store.listAssessmentVersions('asmt_a', page), 1),
  };
}

describe('PostgreSQL store: single assessments', () => {
  const { skip, processes } = postgresProcesses();

  async function open() {
    const { db, cursors } = (await processes(1))[0] ?? assert.fail('no process');
    return {
      db,
      cursors,
      assessments: new PostgresAssessments(db, cursors),
      audit: new PostgresAudit(db, cursors),
    };
  }

  it('reads each version, and the newest when none is asked for', { skip }, async () => {
    const { assessments } = await open();
    for (const a of written) await assessments.insertAssessment(a, {});
    assert.deepEqual(await assessments.getAssessment('asmt_a'), written[5]);
    assert.deepEqual(await assessments.getAssessment('asmt_a', 1), written[0]);
    assert.deepEqual(await assessments.getAssessment('asmt_a', 2), written[3]);
    assert.equal(await assessments.getAssessment('asmt_a', 4), null);
    assert.equal(await assessments.getAssessment('no such assessment'), null);
  });

  it("lists in the SQLite store's order, with cursors holding the same keys", { skip }, async () => {
    const { assessments, cursors } = await open();
    const sqlite = new SqliteStore(':memory:');
    for (const a of written) {
      await assessments.insertAssessment(a, {});
      await sqlite.insertAssessment(a, {});
    }
    const lists = await everyList(assessments, cursors);
    assert.deepEqual(lists, await everyList(sqlite, sqlite.cursors));
    await sqlite.close();
    // What the order is, not only that both stores agree on it.
    assert.deepEqual(lists.resident1, [
      { items: ['asmt_a@3', 'asmt_c@1'], keys: [at(1000), 'asmt_c'] },
      { items: ['asmt_b@1', 'asmt_d@1'], keys: null },
    ]);
    assert.deepEqual(lists.resident2, [{ items: ['asmt_e@1'], keys: null }]);
    assert.deepEqual(lists.referral, lists.resident2);
    assert.deepEqual(lists.both, [{ items: [], keys: null }]);
    assert.deepEqual(lists.versions, [
      { items: ['asmt_a@3', 'asmt_a@2'], keys: [2] },
      { items: ['asmt_a@1'], keys: null },
    ]);
  });

  it('writes an assessment with its effects, or (a version already written) neither', { skip }, async () => {
    const { assessments, audit: trail } = await open();
    const first = written[0] ?? assert.fail();
    await assessments.insertAssessment(first, { audit: [audit(1, first.id)] });
    await assert.rejects(
      assessments.insertAssessment({ ...first, createdAt: at(9) }, { audit: [audit(2, first.id)] }),
      /assessments_pkey/,
    );
    const recorded = await trail.listAudit({ resourceId: first.id }, { limit: 10 });
    assert.deepEqual(
      recorded.data.map((e) => e.id),
      ['audit_1'],
    );
    assert.deepEqual(await assessments.getAssessment(first.id), first);
  });

  it('knows a resident by an assessment as well as by a referral', { skip }, async () => {
    const { assessments, db } = await open();
    await assessments.insertAssessment(assessment('asmt_a', 1, 'res_1', 0), {});
    await db.query(
      null,
      `INSERT INTO referrals (id, reference, resident_id, status, priority, referrer_type, created_at, updated_at, version, data)
       VALUES ('ref_1', 'HUB-AAAA-AA', 'res_2', 'submitted', 'routine', 'self', $1, $1, 1, '{}')`,
      [at(0)],
    );
    assert.equal(await assessments.residentExists('res_1'), true);
    assert.equal(await assessments.residentExists('res_2'), true);
    assert.equal(await assessments.residentExists('res_3'), false);
  });
});
