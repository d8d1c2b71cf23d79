/**
 * Page cursors in the mock hub, as in the hub: a cursor it did not give out is a 400
 * (invalid_query, /cursor) on every paged list; the ones it gave out page on.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page, Referral } from '@hubkit/schema';
import { councillorDebtAndFood, tenantAtRiskOfEviction } from '@hubkit/schema/fixtures';
import { make } from './index.ts';
import { useMockHub, type Answer } from './testing/harness.ts';

const { call } = useMockHub();

const forge = (keys: unknown) =>
  btoa(JSON.stringify(keys)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const FORGED = [
  forge([-5]),
  forge([0.5]),
  forge(['abc']),
  forge([1]),
  forge(['2999-01-01T00:00:00.000Z', 'ffffffff-ffff-4fff-bfff-ffffffffffff']),
  'not-a-cursor',
];

function assertRefused(answer: Answer, path: string): void {
  assert.equal(answer.status, 400, `${path}: ${answer.text}`);
  assert.equal(answer.body.code, 'invalid_query', path);
  assert.deepEqual(
    answer.body.errors.map((e: { path: string }) => e.path),
    ['/cursor'],
    path,
  );
}

describe('page cursors', () => {
  it('refuses a made-up cursor on every paged list, and takes the ones it gave out', async () => {
    const referrals: Referral[] = [];
    for (const body of [councillorDebtAndFood, tenantAtRiskOfEviction, councillorDebtAndFood]) {
      const made = await call<Referral>('POST', '/v1/referrals', { body });
      assert.equal(made.status, 201, made.text);
      referrals.push(made.body);
    }
    const referral = referrals[1];
    assert.ok(referral);
    const assessment = await call<{ id: string }>('POST', '/v1/assessments', {
      body: { ...make.assessmentDraft(), referralId: referral.id },
    });
    assert.equal(assessment.status, 201, assessment.text);
    const endpoint = await call<{ id: string }>('POST', '/v1/webhook-endpoints', {
      body: { url: 'https://partner.example.org/hooks', events: ['referral.created'] },
    });
    assert.equal(endpoint.status, 201, endpoint.text);
    const lists = [
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
    for (const list of lists) {
      for (const cursor of FORGED) {
        const path = `${list}${list.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`;
        assertRefused(await call('GET', path), path);
      }
    }
    for (const cursor of FORGED) {
      assertRefused(await call('POST', '/v1/services/search', { body: { need: 'food', cursor } }), cursor);
    }

    const first = await call<Page<Referral>>('GET', '/v1/referrals?limit=2');
    assert.ok(first.body.nextCursor);
    const second = await call<Page<Referral>>(
      'GET',
      `/v1/referrals?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    assert.equal(second.status, 200, second.text);
    assert.equal(second.body.data.length, 1);
    const edited = `${first.body.nextCursor.slice(0, -1)}${first.body.nextCursor.endsWith('A') ? 'B' : 'A'}`;
    assertRefused(await call('GET', `/v1/referrals?limit=2&cursor=${encodeURIComponent(edited)}`), edited);
  });
});
