/**
 * Consent in the mock hub: recorded, read, linked to referrals both ways, and withdrawn, after
 * which the hub shares nothing more of the referrals it covered.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Consent as ConsentSchema, type Consent, type Referral } from '@hubkit/schema';
import { consentByPhone, homesAndMoneyHub, tenantAtRiskOfEviction } from '@hubkit/schema/fixtures';
import { make } from './index.ts';
import { ORIGIN, useMockHub } from './testing/harness.ts';

const PROVIDER = 'sk_test_mockProviderKeyForTests0001';
const SITE = 'pk_test_mockSiteKeyForTests00000001';
const OTHER_SITE = 'pk_test_mockOtherSiteKeyForTests0001';
const { mock, call } = useMockHub({
  keys: [
    { key: PROVIDER, role: 'provider', serviceIds: [homesAndMoneyHub.id] },
    { key: SITE, origins: [ORIGIN] },
    { key: OTHER_SITE },
  ],
});

const site = { key: SITE, headers: { Origin: ORIGIN } };
const withdrawal = make.consentWithdrawal({ withdrawnAt: '2026-11-20T15:30:00Z' });

describe('consent', () => {
  it('is recorded active from a website, and read back with a secret key only', async () => {
    const made = await call<Consent>('POST', '/v1/consents', { ...site, body: make.consentCreate() });
    assert.equal(made.status, 201);
    assert.ok(ConsentSchema.safeParse(made.body).success);
    assert.equal(made.body.status, 'active');
    assert.equal(made.body.referralId, null);
    assert.equal(made.body.withdrawal, null);
    const read = await call<Consent>('GET', `/v1/consents/${made.body.id}`);
    assert.deepEqual(read.body, made.body);
    assert.equal((await call('GET', `/v1/consents/${made.body.id}`, site)).status, 403);
  });

  it('links a referral made with it, and a referral it was recorded for afterwards', async () => {
    const before = await call<Consent>('POST', '/v1/consents', { ...site, body: make.consentCreate() });
    const referral = await call<Referral>('POST', '/v1/referrals', {
      ...site,
      body: { ...tenantAtRiskOfEviction, consentId: before.body.id },
    });
    assert.equal(referral.body.consentId, before.body.id);
    assert.equal(mock.state.consents().find((c) => c.id === before.body.id)?.referralId, referral.body.id);

    const plain = await call<Referral>('POST', '/v1/referrals', { body: tenantAtRiskOfEviction });
    const after = await call<Consent>('POST', '/v1/consents', {
      body: { ...consentByPhone, referralId: plain.body.id },
    });
    assert.equal(after.body.referralId, plain.body.id);
    assert.equal(mock.state.referral(plain.body.id)?.consentId, after.body.id);
    const unknown = await call('POST', '/v1/consents', {
      body: { ...consentByPhone, referralId: '00000000-0000-4000-8000-000000000000' },
    });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.body.errors[0].path, '/referralId');
  });

  it('lets a website withdraw only a consent it recorded that no referral uses yet', async () => {
    const mine = await call<Consent>('POST', '/v1/consents', { ...site, body: make.consentCreate() });
    const other = await call('POST', `/v1/consents/${mine.body.id}/withdraw`, {
      key: OTHER_SITE,
      body: withdrawal,
    });
    assert.equal(other.status, 404);
    const withdrawn = await call<Consent>('POST', `/v1/consents/${mine.body.id}/withdraw`, {
      ...site,
      body: withdrawal,
    });
    assert.equal(withdrawn.status, 200);
    assert.equal(withdrawn.body.status, 'withdrawn');
    assert.deepEqual(withdrawn.body.withdrawal, withdrawal);
    const again = await call('POST', `/v1/consents/${mine.body.id}/withdraw`, { ...site, body: withdrawal });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'conflict');

    const used = await call<Consent>('POST', '/v1/consents', { ...site, body: make.consentCreate() });
    await call('POST', '/v1/referrals', {
      ...site,
      body: { ...tenantAtRiskOfEviction, consentId: used.body.id },
    });
    const refused = await call('POST', `/v1/consents/${used.body.id}/withdraw`, {
      ...site,
      body: withdrawal,
    });
    assert.equal(refused.status, 404);
  });

  it('asks who took a withdrawal that was not made online', async () => {
    const made = await call<Consent>('POST', '/v1/consents', { body: make.consentCreate() });
    const answer = await call('POST', `/v1/consents/${made.body.id}/withdraw`, {
      body: { withdrawnAt: '2026-11-20T15:30:00Z', method: 'phone' },
    });
    assert.equal(answer.status, 422);
    assert.deepEqual(
      answer.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]),
      [['/recordedBy', 'withdrawal_recorded_by_required']],
    );
  });

  it('once withdrawn, restricts sharing: a provider sees nothing more, the hub keeps the record', async () => {
    const consent = await call<Consent>('POST', '/v1/consents', { body: make.consentCreate() });
    const referral = await call<Referral>('POST', '/v1/referrals', {
      body: { ...tenantAtRiskOfEviction, consentId: consent.body.id },
    });
    for (const step of [
      { to: 'triage' },
      { to: 'accepted' },
      { to: 'assigned', serviceId: homesAndMoneyHub.id },
    ]) {
      await call('POST', `/v1/referrals/${referral.body.id}/transitions`, { body: step });
    }
    assert.equal((await call('GET', `/v1/referrals/${referral.body.id}`, { key: PROVIDER })).status, 200);

    const withdrawn = await call('POST', `/v1/consents/${consent.body.id}/withdraw`, { body: withdrawal });
    assert.equal(withdrawn.status, 200);
    const provider = await call('GET', `/v1/referrals/${referral.body.id}`, { key: PROVIDER });
    assert.equal(provider.status, 403);
    assert.equal(provider.body.code, 'consent_withdrawn');
    const listed = await call('GET', '/v1/referrals', { key: PROVIDER });
    assert.deepEqual(listed.body.data, []);
    const hub = await call<Referral>('GET', `/v1/referrals/${referral.body.id}`);
    assert.equal(hub.body.sharingRestricted, true);
    const fresh = await call('POST', '/v1/referrals', {
      body: { ...tenantAtRiskOfEviction, consentId: consent.body.id },
    });
    assert.equal(fresh.status, 422);
    assert.equal(fresh.body.errors[0].code, 'consent_withdrawn');

    const events = mock.state.events().filter((e) => e.type === 'consent.withdrawn');
    assert.equal(events.length, 2, 'once for partners, once in the referral’s own history');
    assert.deepEqual(events[0]?.data, {
      consentId: consent.body.id,
      referralIds: [referral.body.id],
      withdrawnAt: withdrawal.withdrawnAt,
    });
  });
});
