/**
 * Page cursors are opaque and tamper-evident: every paged list answers 400 (invalid_query,
 * /cursor) to a cursor the hub did not give out, and takes the ones it did, across restarts and
 * across processes on the same database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page, Referral } from '@hubkit/schema';
import {
  councillorDebtAndFood,
  tenantAssessmentDraft,
  tenantAtRiskOfEviction,
} from '@hubkit/schema/fixtures';
import { openStore } from '../store/open.ts';
import { forEachEngine } from '../testing/engines.ts';
import type { TestHub } from '../testing/hub.ts';

const forge = (keys: unknown) => Buffer.from(JSON.stringify(keys), 'utf8').toString('base64url');
/** Cursors a caller could make up: the old unsigned format, with keys of every kind. */
const FORGED = [
  forge([-5]),
  forge([0.5]),
  forge(['abc']),
  forge([1]),
  forge(['2999-01-01T00:00:00.000Z', 'ffffffff-ffff-4fff-bfff-ffffffffffff']),
  'not-a-cursor',
  '',
];

function assertRefused(answer: { status: number; body: any; text: string }, path: string): void {
  assert.equal(answer.status, 400, `${path}: ${answer.text}`);
  assert.equal(answer.body.code, 'invalid_query', path);
  assert.deepEqual(
    answer.body.errors.map((e: { path: string }) => e.path),
    ['/cursor'],
    path,
  );
}

forEachEngine((engine) => {
  describe('page cursors', () => {
    let hub: TestHub;
    let db: string;
    let lists: string[];
    before(async () => {
      db = await engine.database();
      hub = await engine.testHub({ db, demo: true });
      const referrals: Referral[] = [];
      for (const body of [councillorDebtAndFood, tenantAtRiskOfEviction, councillorDebtAndFood]) {
        const made = await hub.request<Referral>('POST', '/v1/referrals', { body });
        assert.equal(made.status, 201, made.text);
        referrals.push(made.body);
      }
      const referral = referrals[1];
      assert.ok(referral);
      const draft = tenantAssessmentDraft;
      const assessment = await hub.request<{ id: string }>('POST', '/v1/assessments', {
        body: { ...draft, referralId: referral.id },
      });
      assert.equal(assessment.status, 201, assessment.text);
      const endpoint = await hub.request<{ id: string }>('POST', '/v1/webhook-endpoints', {
        body: { url: 'https://partner.example.org/hooks', events: ['referral.created'] },
      });
      assert.equal(endpoint.status, 201, endpoint.text);
      lists = [
        '/v1/referrals',
        `/v1/referrals/${referral.id}/events`,
        '/v1/services',
        '/v1/services?need=food',
        `/v1/assessments?referralId=${referral.id}`,
        `/v1/assessments/${assessment.body.id}/versions`,
        '/v1/webhook-endpoints',
        `/v1/webhook-endpoints/${endpoint.body.id}/deliveries`,
        '/v1/audit-events',
      ];
    });
    after(async () => {
      await hub.close();
    });

    it('refuses a made-up cursor on every paged list with 400 naming /cursor', async () => {
      for (const list of lists) {
        for (const cursor of FORGED) {
          const path = `${list}${list.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`;
          assertRefused(await hub.request('GET', path), path);
        }
      }
      // An empty cursor in a body is a validation error (422), checked before any cursor is read.
      for (const cursor of FORGED.filter(Boolean)) {
        assertRefused(
          await hub.request('POST', '/v1/services/search', { body: { need: 'food', cursor } }),
          `search ${cursor}`,
        );
      }
    });

    it('refuses a cursor it gave out once its keys or its signature are changed', async () => {
      const first = await hub.request<Page<unknown>>('GET', '/v1/services?limit=2');
      const cursor = first.body.nextCursor;
      assert.ok(cursor);
      const next = await hub.request<Page<unknown>>('GET', `/v1/services?limit=2&cursor=${cursor}`);
      assert.equal(next.status, 200, next.text);
      const [payload, signature] = cursor.split('.');
      assert.ok(payload && signature);
      const tampered = [
        `${forge([0])}.${signature}`,
        `${payload}.${signature.slice(0, -2)}`,
        // A character in the middle: the last one's two low bits are padding, so changing only them changes nothing.
        `${payload}.${signature.slice(0, 10)}${signature.charAt(10) === 'A' ? 'B' : 'A'}${signature.slice(11)}`,
        payload,
        `${cursor}.${signature}`,
      ];
      for (const bad of tampered) {
        assertRefused(
          await hub.request('GET', `/v1/services?limit=2&cursor=${encodeURIComponent(bad)}`),
          bad,
        );
      }
    });

    it('keeps its cursors good across a restart and for every process on the same database', async () => {
      const first = await hub.request<Page<unknown>>('GET', '/v1/referrals?limit=1');
      const cursor = first.body.nextCursor;
      assert.ok(cursor);
      const other = await openStore(db);
      try {
        assert.deepEqual(other.cursors.decode(cursor, 2), hub.hub.store.cursors.decode(cursor, 2));
      } finally {
        await other.close();
      }
      const elsewhere = await openStore(await engine.database());
      try {
        assert.throws(() => elsewhere.cursors.decode(cursor, 2), /not one this hub gave out/);
      } finally {
        await elsewhere.close();
      }
    });
  });
});
