/**
 * Single assessments in the mock hub: recorded for a referral or a person, in versions, listed,
 * and shared with a provider only for its referral, with consent to share the assessment.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Assessment as AssessmentSchema, type Assessment, type Referral } from '@hubkit/schema';
import { consentByPhone, homesAndMoneyHub, tenantAtRiskOfEviction } from '@hubkit/schema/fixtures';
import { make } from './index.ts';
import { useMockHub } from './testing/harness.ts';

const PROVIDER = 'sk_test_mockProviderKeyForTests0001';
const PARTNER = 'sk_test_mockPartnerKeyForTests00001';
let clock = Date.parse('2026-09-10T10:00:00Z');
const { call } = useMockHub({
  now: () => (clock += 1000),
  keys: [
    { key: PROVIDER, role: 'provider', serviceIds: [homesAndMoneyHub.id] },
    { key: PARTNER, role: 'referrer' },
  ],
});

const draft = () => make.assessmentDraft();

async function assignedReferral(consent: unknown): Promise<Referral> {
  const made = await call<{ id: string }>('POST', '/v1/consents', { body: consent });
  const referral = await call<Referral>('POST', '/v1/referrals', {
    body: { ...tenantAtRiskOfEviction, consentId: made.body.id },
  });
  for (const step of [
    { to: 'triage' },
    { to: 'accepted' },
    { to: 'assigned', serviceId: homesAndMoneyHub.id },
  ]) {
    await call('POST', `/v1/referrals/${referral.body.id}/transitions`, { body: step });
  }
  return referral.body;
}

describe('single assessments', () => {
  it('are recorded for a referral, for its person, and kept in versions', async () => {
    const referral = await call<Referral>('POST', '/v1/referrals', { body: tenantAtRiskOfEviction });
    const made = await call<Assessment>('POST', '/v1/assessments', {
      body: { ...draft(), referralId: referral.body.id },
    });
    assert.equal(made.status, 201);
    assert.ok(AssessmentSchema.safeParse(made.body).success);
    assert.equal(made.body.version, 1);
    assert.equal(made.body.residentId, referral.body.residentId);

    const second = await call<Assessment>('POST', `/v1/assessments/${made.body.id}/versions`, {
      body: { ...draft(), whatMattersMost: 'Staying put.' },
    });
    assert.equal(second.status, 201);
    assert.equal(second.body.version, 2);
    assert.equal(second.body.id, made.body.id);
    const latest = await call<Assessment>('GET', `/v1/assessments/${made.body.id}`);
    assert.equal(latest.body.version, 2);
    const first = await call<Assessment>('GET', `/v1/assessments/${made.body.id}/versions/1`);
    assert.deepEqual(first.body, made.body);
    assert.equal((await call('GET', `/v1/assessments/${made.body.id}/versions/3`)).status, 404);
    const versions = await call<{ data: Assessment[]; nextCursor: string | null }>(
      'GET',
      `/v1/assessments/${made.body.id}/versions?limit=1`,
    );
    assert.deepEqual(
      versions.body.data.map((a) => a.version),
      [2],
    );
    const rest = await call<{ data: Assessment[]; nextCursor: string | null }>(
      'GET',
      `/v1/assessments/${made.body.id}/versions?limit=1&cursor=${versions.body.nextCursor}`,
    );
    assert.deepEqual(
      rest.body.data.map((a) => a.version),
      [1],
    );
    assert.equal(rest.body.nextCursor, null);

    const forPerson = await call<Assessment>('POST', '/v1/assessments', {
      body: { ...draft(), residentId: referral.body.residentId },
    });
    assert.equal(forPerson.status, 201);
    const listed = await call<{ data: Assessment[] }>(
      'GET',
      `/v1/assessments?residentId=${referral.body.residentId}`,
    );
    assert.deepEqual(
      listed.body.data.map((a) => [a.id, a.version]),
      [
        [forPerson.body.id, 1],
        [made.body.id, 2],
      ],
    );
  });

  it('refuses an unknown person, a mismatched one, a missing subject, and a partner’s key', async () => {
    const referral = await call<Referral>('POST', '/v1/referrals', { body: tenantAtRiskOfEviction });
    const unknown = await call('POST', '/v1/assessments', {
      body: { ...draft(), residentId: crypto.randomUUID() },
    });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.body.errors[0].path, '/residentId');
    const mismatch = await call('POST', '/v1/assessments', {
      body: { ...draft(), referralId: referral.body.id, residentId: crypto.randomUUID() },
    });
    assert.equal(mismatch.body.errors[0].code, 'resident_mismatch');
    const none = await call('POST', '/v1/assessments', { body: draft() });
    assert.equal(none.status, 422);
    assert.equal(none.body.errors[0].code, 'assessment_subject_required');
    const partner = await call('POST', '/v1/assessments', {
      key: PARTNER,
      body: { ...draft(), residentId: referral.body.residentId },
    });
    assert.equal(partner.status, 403);
    assert.equal((await call('GET', '/v1/assessments')).status, 400);
  });

  it('are shared with a provider for its referral only when the person agreed to share them', async () => {
    const agreed = await assignedReferral(make.consentCreate());
    const made = await call<Assessment>('POST', '/v1/assessments', {
      key: PROVIDER,
      body: { ...draft(), referralId: agreed.id },
    });
    assert.equal(made.status, 201);
    const listed = await call('GET', `/v1/assessments?referralId=${agreed.id}`, { key: PROVIDER });
    assert.equal(listed.status, 200);
    assert.equal(listed.body.data.length, 1);
    assert.equal(
      (await call('GET', `/v1/assessments?residentId=${agreed.residentId}`, { key: PROVIDER })).status,
      403,
    );

    // consentByPhone does not cover the single assessment.
    const notAgreed = await assignedReferral(consentByPhone);
    const refused = await call('GET', `/v1/assessments?referralId=${notAgreed.id}`, { key: PROVIDER });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'consent_withdrawn');
  });
});
