/**
 * The schema's stored fixtures, seeded into the mock hub, link up through the API as they do on
 * paper: every id a record gives for another answers 200 with a record that points back.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Consent, Referral } from '@hubkit/schema';
import {
  closedTenantReferral,
  tenantAssessment,
  tenantConsent,
  withdrawnBellReferral,
  withdrawnConsent,
} from '@hubkit/schema/fixtures';
import { useMockHub } from './testing/harness.ts';

const { mock, call } = useMockHub();

describe('the stored fixtures in the mock hub', () => {
  it('seed as they are, and each link answers with the record it names', async () => {
    for (const referral of [closedTenantReferral, withdrawnBellReferral]) mock.seed.referral(referral);
    for (const consent of [tenantConsent, withdrawnConsent]) mock.seed.consent(consent);
    mock.seed.assessment(tenantAssessment);

    for (const seeded of [closedTenantReferral, withdrawnBellReferral]) {
      const referral = await call<Referral>('GET', `/v1/referrals/${seeded.id}`);
      assert.equal(referral.status, 200, seeded.reference);
      assert.deepEqual(referral.body, seeded);
      assert.ok(referral.body.consentId, seeded.reference);
      const consent = await call<Consent>('GET', `/v1/consents/${referral.body.consentId}`);
      assert.equal(consent.status, 200, `${seeded.reference}: its consent`);
      assert.equal(consent.body.referralId, seeded.id, `${seeded.reference}: the consent points back`);
      const service = await call('GET', `/v1/services/${seeded.assignedService.serviceId}`);
      assert.equal(service.status, 200, `${seeded.reference}: its service is in the mock's directory`);
      if (referral.body.assessmentId) {
        const assessment = await call('GET', `/v1/assessments/${referral.body.assessmentId}`);
        assert.equal(assessment.status, 200, `${seeded.reference}: its assessment`);
        assert.equal(assessment.body.referralId, seeded.id);
      }
    }
    const requested = await call('GET', `/v1/services/${closedTenantReferral.requestedServiceId}`);
    assert.equal(requested.status, 200);
  });
});
