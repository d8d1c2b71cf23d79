/**
 * A referral sent with its consent, in the mock hub as at the hub: both made in one write under
 * the one Idempotency-Key and linked both ways, or neither (the contract test holds the two
 * answers together).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Consent as ConsentSchema, type Consent, type Referral } from '@hubkit/schema';
import { consentOnline, selfReferralShielding } from '@hubkit/schema/fixtures';
import { make } from './index.ts';
import { ORIGIN, useMockHub } from './testing/harness.ts';

const SITE = 'pk_test_mockSiteKeyForTests00000001';
const PARTNER = 'sk_test_mockPartnerKeyForTests00001';
const { mock, call } = useMockHub({
  keys: [
    { key: SITE, origins: [ORIGIN] },
    { key: PARTNER, role: 'referrer' },
  ],
});

const withConsent = { ...selfReferralShielding, consent: consentOnline };
const post = (body: unknown, idempotencyKey?: string) =>
  call<Referral & { code?: string; errors?: { path: string; code: string }[] }>('POST', '/v1/referrals', {
    key: SITE,
    body,
    headers: { Origin: ORIGIN, ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}) },
  });
const stored = () => ({ referrals: mock.state.referrals().length, consents: mock.state.consents().length });

describe('a referral sent with its consent (mock hub)', () => {
  it('makes the consent record and the referral, linked both ways, and answers the referral', async () => {
    const made = await post(withConsent, 'form-1');
    assert.equal(made.status, 201, made.text);
    assert.ok(made.body.consentId);
    assert.equal('consent' in made.body, false);
    const consent = await call<Consent>('GET', `/v1/consents/${made.body.consentId}`);
    assert.equal(consent.status, 200);
    assert.ok(ConsentSchema.safeParse(consent.body).success);
    assert.equal(consent.body.referralId, made.body.id);
    assert.equal(consent.body.givenBy.name, consentOnline.givenBy.name);
    assert.deepEqual(stored(), { referrals: 1, consents: 1 });
    // Seen by the same keys as a consent recorded on its own.
    assert.equal((await call('GET', `/v1/consents/${made.body.consentId}`, { key: PARTNER })).status, 404);
    const audit = mock.state.audit().filter((e) => e.action === 'create');
    assert.deepEqual(
      audit.map((e) => [e.resourceType, e.resourceId]).sort(),
      [
        ['consent', made.body.consentId],
        ['referral', made.body.id],
      ].sort(),
    );
  });

  it('replayed with the same key, or retried after the answer was lost, makes exactly one of each', async () => {
    const first = await post(withConsent, 'form-2');
    const again = await post(withConsent, 'form-2');
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(again.body, first.body);
    assert.deepEqual(stored(), { referrals: 1, consents: 1 });

    mock.faults.add({ kind: 'lost', route: 'createReferral', times: 1 });
    await assert.rejects(post(withConsent, 'form-3'), TypeError);
    assert.deepEqual(stored(), { referrals: 2, consents: 2 }, 'the work was done');
    const retried = await post(withConsent, 'form-3');
    assert.equal(retried.status, 201);
    assert.equal(retried.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(stored(), { referrals: 2, consents: 2 });
  });

  it('both consent and consentId: 422 naming the consent, nothing stored', async () => {
    const earlier = await call<Consent>('POST', '/v1/consents', { body: make.consentCreate() });
    const answer = await post({ ...withConsent, consentId: earlier.body.id });
    assert.equal(answer.status, 422);
    assert.deepEqual(
      answer.body.errors?.map((e) => [e.path, e.code]),
      [['/consent', 'consent_and_consent_id']],
    );
    assert.deepEqual(stored(), { referrals: 0, consents: 1 });
  });

  it('consent fields wrong: 422 with pointers under /consent, nothing stored', async () => {
    const answer = await post({
      ...selfReferralShielding,
      consent: {
        ...consentOnline,
        givenBy: { type: 'resident', name: '' },
        method: 'phone',
        referralId: 'x',
      },
    });
    assert.equal(answer.status, 422);
    assert.deepEqual(answer.body.errors?.map((e) => e.path).sort(), [
      '/consent/givenBy/name',
      '/consent/recordedBy',
      '/consent/referralId',
    ]);
    assert.deepEqual(stored(), { referrals: 0, consents: 0 });
  });

  it('a referral the hub refuses makes no consent either', async () => {
    const answer = await post({ ...withConsent, requestedServiceId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(answer.status, 422);
    assert.equal(answer.body.errors?.[0]?.path, '/requestedServiceId');
    assert.deepEqual(stored(), { referrals: 0, consents: 0 });
  });
});
