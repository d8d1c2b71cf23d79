import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Consent, Referral } from '@hubkit/schema';
import {
  consentByPhone,
  consentOnline,
  councillorDebtAndFood,
  selfReferralShielding,
  tenantAssessment,
} from '@hubkit/schema/fixtures';
import { ORIGIN, PROVIDER_SERVICE, type TestHub } from '../testing/hub.ts';
import { forEachEngine } from '../testing/engines.ts';

forEachEngine((engine) => {
  let hub: TestHub;
  before(async () => {
    hub = await engine.testHub();
  });
  after(async () => {
    await hub.close();
  });

  const fromSite = { Origin: ORIGIN };
  const withdrawal = { withdrawnAt: '2026-11-20T15:30:00Z', method: 'online' };
  const assessmentDraft = {
    sections: tenantAssessment.sections,
    completedBy: tenantAssessment.completedBy,
    completedAt: tenantAssessment.completedAt,
  };

  describe('consent records', () => {
    it('are made with a publishable key from the form, stored whole and active', async () => {
      const answer = await hub.request<Consent>('POST', '/v1/consents', {
        key: 'publishable',
        headers: fromSite,
        body: consentOnline,
      });
      assert.equal(answer.status, 201);
      assert.equal(answer.body.status, 'active');
      assert.equal(answer.body.withdrawal, null);
      assert.deepEqual(answer.body.purposes, consentOnline.purposes);
      assert.equal(answer.body.privacyNotice.textHash, consentOnline.privacyNotice.textHash);
      const read = await hub.request<Consent>('GET', `/v1/consents/${answer.body.id}`);
      assert.deepEqual(read.body, answer.body);
      assert.equal(
        (
          await hub.request('GET', `/v1/consents/${answer.body.id}`, {
            key: 'publishable',
            headers: fromSite,
          })
        ).status,
        403,
      );
    });

    it('are linked to the referral made with them', async () => {
      const consent = (
        await hub.request<Consent>('POST', '/v1/consents', {
          key: 'publishable',
          headers: fromSite,
          body: consentOnline,
        })
      ).body;
      const referral = (
        await hub.request<Referral>('POST', '/v1/referrals', {
          key: 'publishable',
          headers: fromSite,
          body: { ...selfReferralShielding, consentId: consent.id },
        })
      ).body;
      assert.equal(referral.consentId, consent.id);
      const read = await hub.request<Consent>('GET', `/v1/consents/${consent.id}`);
      assert.equal(read.body.referralId, referral.id);
    });

    it('need who took consent given by phone, in person or on paper', async () => {
      const { recordedBy: _, ...unrecorded } = consentByPhone;
      const answer = await hub.request('POST', '/v1/consents', { body: unrecorded });
      assert.equal(answer.status, 422);
      assert.deepEqual(
        answer.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]),
        [['/recordedBy', 'recorded_by_required']],
      );
    });
  });

  describe('withdrawing consent', () => {
    it('stops sharing the referral with partners, keeps the record and its audit trail, and tells webhooks', async () => {
      const consent = (await hub.request<Consent>('POST', '/v1/consents', { body: consentByPhone })).body;
      const referral = (
        await hub.request<Referral>('POST', '/v1/referrals', {
          body: { ...councillorDebtAndFood, consentId: consent.id },
        })
      ).body;
      assert.equal(
        (await hub.request('GET', `/v1/referrals/${referral.id}`, { key: 'provider' })).status,
        404,
        'a provider sees only referrals assigned to its services',
      );
      for (const step of [
        { to: 'triage' },
        { to: 'accepted' },
        { to: 'assigned', serviceId: PROVIDER_SERVICE },
      ]) {
        assert.equal(
          (await hub.request('POST', `/v1/referrals/${referral.id}/transitions`, { body: step })).status,
          200,
        );
      }
      assert.equal(
        (await hub.request('GET', `/v1/referrals/${referral.id}`, { key: 'provider' })).status,
        200,
      );

      const withdrawn = await hub.request<Consent>('POST', `/v1/consents/${consent.id}/withdraw`, {
        body: {
          withdrawnAt: '2026-11-20T15:30:00Z',
          method: 'phone',
          recordedBy: { name: 'Sam Okoro' },
          reason: 'Changed their mind',
        },
      });
      assert.equal(withdrawn.status, 200);
      assert.equal(withdrawn.body.status, 'withdrawn');
      assert.equal(withdrawn.body.withdrawal?.reason, 'Changed their mind');

      const provider = await hub.request('GET', `/v1/referrals/${referral.id}`, { key: 'provider' });
      assert.equal(provider.status, 403);
      assert.equal(provider.body.code, 'consent_withdrawn');
      const providerList = await hub.request<{ data: Referral[] }>('GET', '/v1/referrals?limit=100', {
        key: 'provider',
      });
      assert.ok(!providerList.body.data.some((r) => r.id === referral.id));
      const hubView = await hub.request<Referral>('GET', `/v1/referrals/${referral.id}`);
      assert.equal(hubView.status, 200);
      assert.equal(hubView.body.sharingRestricted, true);
      const consentAfter = await hub.request<Consent>('GET', `/v1/consents/${consent.id}`);
      assert.equal(consentAfter.body.status, 'withdrawn');
      const audit = await hub.request<{ data: { action: string }[] }>(
        'GET',
        `/v1/audit-events?resourceType=consent&resourceId=${consent.id}`,
      );
      assert.deepEqual(
        audit.body.data.map((a) => a.action),
        ['read', 'withdraw', 'create'],
      );
      const events = await hub.request<{ data: { type: string }[] }>(
        'GET',
        `/v1/referrals/${referral.id}/events`,
      );
      assert.ok(events.body.data.some((e) => e.type === 'consent.withdrawn'));
      assert.equal(
        (await hub.request('POST', `/v1/consents/${consent.id}/withdraw`, { body: withdrawal })).status,
        409,
      );
    });

    it('lets a publishable key withdraw only a consent it recorded that no referral uses yet', async () => {
      const own = (
        await hub.request<Consent>('POST', '/v1/consents', {
          key: 'publishable',
          headers: fromSite,
          body: consentOnline,
        })
      ).body;
      const answer = await hub.request<Consent>('POST', `/v1/consents/${own.id}/withdraw`, {
        key: 'publishable',
        headers: fromSite,
        body: withdrawal,
      });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.status, 'withdrawn');

      const someoneElses = (await hub.request<Consent>('POST', '/v1/consents', { body: consentOnline })).body;
      assert.equal(
        (
          await hub.request('POST', `/v1/consents/${someoneElses.id}/withdraw`, {
            key: 'publishable',
            headers: fromSite,
            body: withdrawal,
          })
        ).status,
        404,
      );

      const used = (
        await hub.request<Consent>('POST', '/v1/consents', {
          key: 'publishable',
          headers: fromSite,
          body: consentOnline,
        })
      ).body;
      await hub.request('POST', '/v1/referrals', {
        key: 'publishable',
        headers: fromSite,
        body: { ...selfReferralShielding, consentId: used.id },
      });
      assert.equal(
        (
          await hub.request('POST', `/v1/consents/${used.id}/withdraw`, {
            key: 'publishable',
            headers: fromSite,
            body: withdrawal,
          })
        ).status,
        404,
      );
    });

    it('cannot be used for a new referral once withdrawn', async () => {
      const consent = (await hub.request<Consent>('POST', '/v1/consents', { body: consentOnline })).body;
      await hub.request('POST', `/v1/consents/${consent.id}/withdraw`, { body: withdrawal });
      const answer = await hub.request('POST', '/v1/referrals', {
        body: { ...selfReferralShielding, consentId: consent.id },
      });
      assert.equal(answer.status, 422);
      assert.deepEqual(
        [answer.body.errors[0].path, answer.body.errors[0].code],
        ['/consentId', 'consent_withdrawn'],
      );
    });
  });

  describe('consent records are guarded', () => {
    /** A referral the hub made with no consent yet, assigned to the provider's service. */
    async function assignedWithoutConsent(): Promise<Referral> {
      const referral = (await hub.request<Referral>('POST', '/v1/referrals', { body: councillorDebtAndFood }))
        .body;
      for (const body of [
        { to: 'triage' },
        { to: 'accepted' },
        { to: 'assigned', serviceId: PROVIDER_SERVICE },
      ]) {
        assert.equal(
          (await hub.request('POST', `/v1/referrals/${referral.id}/transitions`, { body })).status,
          200,
        );
      }
      return referral;
    }

    it('are not shown to, or withdrawn by, a key with nothing to do with them', async () => {
      // The partner's own consent, for its own referral: no referral of the provider's uses it.
      const consent = (
        await hub.request<Consent>('POST', '/v1/consents', { key: 'partner', body: consentByPhone })
      ).body;
      const missing = await hub.request('GET', `/v1/consents/${crypto.randomUUID()}`, { key: 'provider' });
      const read = await hub.request('GET', `/v1/consents/${consent.id}`, { key: 'provider' });
      assert.equal(read.status, 404);
      assert.equal(read.body.detail, missing.body.detail);
      assert.doesNotMatch(read.text, /Eileen|Hartley|Patel/);
      const withdrawn = await hub.request('POST', `/v1/consents/${consent.id}/withdraw`, {
        key: 'provider',
        body: withdrawal,
      });
      assert.equal(withdrawn.status, 404);
      // Still standing: the partner reads it active.
      const again = await hub.request<Consent>('GET', `/v1/consents/${consent.id}`, { key: 'partner' });
      assert.equal(again.body.status, 'active');
    });

    it('cannot be forged onto someone else’s referral to open its assessment to a provider', async () => {
      const referral = await assignedWithoutConsent();
      const assessment = await hub.request<{ id: string }>('POST', '/v1/assessments', {
        body: { referralId: referral.id, ...assessmentDraft },
      });
      assert.equal(assessment.status, 201);
      const unshared = await hub.request('GET', `/v1/assessments/${assessment.body.id}`, { key: 'provider' });
      assert.equal(unshared.status, 403);

      const forged = { ...consentOnline, referralId: referral.id };
      const asSite = await hub.request('POST', '/v1/consents', {
        key: 'publishable',
        headers: fromSite,
        body: forged,
      });
      const asPartner = await hub.request('POST', '/v1/consents', { key: 'partner', body: forged });
      const asProvider = await hub.request('POST', '/v1/consents', { key: 'provider', body: forged });
      const madeUp = await hub.request('POST', '/v1/consents', {
        key: 'partner',
        body: { ...forged, referralId: crypto.randomUUID() },
      });
      // Someone else's referral answers exactly as one that does not exist: nothing to learn.
      assert.equal(asSite.status, 422);
      assert.deepEqual(asSite.body.errors, madeUp.body.errors);
      assert.equal(asPartner.status, 422);
      assert.deepEqual(asPartner.body.errors, madeUp.body.errors);
      // The provider may see the referral, but does not set the consent it works under.
      assert.equal(asProvider.status, 403);

      const stillUnshared = await hub.request('GET', `/v1/assessments/${assessment.body.id}`, {
        key: 'provider',
      });
      assert.equal(stillUnshared.status, 403);
      assert.equal((await hub.request<Referral>('GET', `/v1/referrals/${referral.id}`)).body.consentId, null);
    });
  });
});
