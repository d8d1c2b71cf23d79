import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  isValidReference,
  nextStatuses,
  type Referral,
  type ReferralStatus,
  type WebhookEvent,
} from '@hubkit/schema';
import {
  councillorDebtAndFood,
  gpSocialPrescribingLoneliness,
  homesAndMoneyHub,
  immediateSafeguardingConcern,
  selfReferralShielding,
  tenantAtRiskOfEviction,
  tenantAssessment,
} from '@hubkit/schema/fixtures';
import { ORIGIN, type TestHub } from '../testing/hub.ts';
import { forEachEngine } from '../testing/engines.ts';

forEachEngine((engine) => {
  let hub: TestHub;
  before(async () => {
    hub = await engine.testHub();
  });
  after(async () => {
    await hub.close();
  });

  const create = async (body: unknown, key: 'secret' | 'publishable' = 'secret') => {
    const answer = await hub.request<Referral>('POST', '/v1/referrals', {
      key,
      body,
      headers: key === 'publishable' ? { Origin: ORIGIN } : {},
    });
    assert.equal(answer.status, 201, answer.text);
    return answer.body;
  };
  const move = (
    id: string,
    to: ReferralStatus,
    extra: Record<string, unknown> = {},
    key: 'secret' | 'provider' = 'secret',
  ) => hub.request<Referral>('POST', `/v1/referrals/${id}/transitions`, { key, body: { to, ...extra } });

  describe('making a referral', () => {
    it('stores what was sent, with an id, a reference read over the phone, the status and a priority', async () => {
      const referral = await create(councillorDebtAndFood, 'publishable');
      assert.match(referral.id, /^[0-9a-f-]{36}$/);
      assert.ok(isValidReference(referral.reference), referral.reference);
      assert.equal(referral.status, 'submitted');
      assert.equal(referral.priority, 'urgent', 'an urgent need makes it urgent');
      assert.equal(Date.parse(referral.triageDueBy ?? '') - Date.parse(referral.createdAt), 24 * 3_600_000);
      assert.deepEqual(referral.resident, councillorDebtAndFood.resident);
      assert.deepEqual(referral.history, [
        {
          from: null,
          to: 'submitted',
          at: referral.createdAt,
          by: { role: 'referrer', keyId: referral.history[0]?.by.keyId },
        },
      ]);
      const read = await hub.request<Referral>('GET', `/v1/referrals/${referral.id}`);
      assert.deepEqual(read.body, referral);
    });

    it('marks immediate danger as an emergency, due for triage within the hour', async () => {
      const referral = await create(immediateSafeguardingConcern);
      assert.equal(referral.priority, 'emergency');
      assert.equal(Date.parse(referral.triageDueBy ?? '') - Date.parse(referral.createdAt), 3_600_000);
    });

    it('keeps a draft from the hub until it is submitted', async () => {
      const draft = await create({ ...selfReferralShielding, status: 'draft' });
      assert.equal(draft.status, 'draft');
      assert.equal(draft.submittedAt, null);
      assert.equal(draft.triageDueBy, null);
    });

    it('normalises what people type: postcodes and phone numbers', async () => {
      const referral = await create({
        ...councillorDebtAndFood,
        resident: {
          ...councillorDebtAndFood.resident,
          contact: { ...councillorDebtAndFood.resident.contact, phone: '07700 900 123' },
          address: { ...councillorDebtAndFood.resident.address, postcode: 'n76qx' },
        },
      });
      assert.equal(referral.resident.address?.postcode, 'N7 6QX');
      assert.equal(referral.resident.contact.phone, '+447700900123');
    });

    it('refuses a requested service or consent the hub does not have, naming the field', async () => {
      const answer = await hub.request('POST', '/v1/referrals', {
        body: { ...councillorDebtAndFood, requestedServiceId: crypto.randomUUID() },
      });
      assert.equal(answer.status, 422);
      assert.equal(answer.body.errors[0].path, '/requestedServiceId');
      const consent = await hub.request('POST', '/v1/referrals', {
        body: { ...councillorDebtAndFood, consentId: crypto.randomUUID() },
      });
      assert.equal(consent.status, 422);
      assert.equal(consent.body.errors[0].path, '/consentId');
    });
  });

  describe('listing referrals', () => {
    it('filters by status, need and dates, newest first, a page at a time until the end', async () => {
      const local = await engine.testHub();
      try {
        const made: Referral[] = [];
        for (const body of [
          councillorDebtAndFood,
          tenantAtRiskOfEviction,
          selfReferralShielding,
          gpSocialPrescribingLoneliness,
          immediateSafeguardingConcern,
        ]) {
          const answer = await local.request<Referral>('POST', '/v1/referrals', { body });
          made.push(answer.body);
        }
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page: { status: number; body: { data: Referral[]; nextCursor: string | null } } =
            await local.request('GET', `/v1/referrals?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
          assert.equal(page.status, 200);
          assert.ok(page.body.data.length <= 2);
          seen.push(...page.body.data.map((r) => r.id));
          cursor = page.body.nextCursor;
          pages += 1;
        } while (cursor);
        assert.equal(pages, 3);
        assert.deepEqual(seen, made.map((r) => r.id).reverse());
        const food = await local.request<{ data: Referral[] }>('GET', '/v1/referrals?need=food');
        assert.deepEqual(food.body.data.map((r) => r.id).sort(), [made[0]?.id].sort());
        await local.request('POST', `/v1/referrals/${made[1]?.id ?? ''}/transitions`, {
          body: { to: 'triage' },
        });
        const triage = await local.request<{ data: Referral[] }>('GET', '/v1/referrals?status=triage');
        assert.deepEqual(
          triage.body.data.map((r) => r.id),
          [made[1]?.id],
        );
        const future = await local.request<{ data: Referral[] }>(
          'GET',
          `/v1/referrals?createdSince=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
        );
        assert.deepEqual(future.body.data, []);
        const updated = await local.request<{ data: Referral[] }>(
          'GET',
          `/v1/referrals?updatedSince=${encodeURIComponent(made[4]?.createdAt ?? '')}`,
        );
        assert.ok(updated.body.data.some((r) => r.id === made[1]?.id));
        // Any instant the query takes, year 0 too (PostgreSQL has none, and reads it as 1 BC).
        const always = await local.request<{ data: Referral[] }>(
          'GET',
          `/v1/referrals?createdSince=0000-01-01T00:00:00Z&updatedSince=${encodeURIComponent('0000-01-01T00:30:00+01:00')}`,
        );
        assert.equal(always.status, 200, JSON.stringify(always.body));
        assert.equal(always.body.data.length, made.length);
      } finally {
        await local.close();
      }
    });
  });

  describe('the lifecycle over the API', () => {
    it('takes a referral from submitted to closed with the right keys, recording who and when', async () => {
      const referral = await create(tenantAtRiskOfEviction);
      assert.equal((await move(referral.id, 'triage')).status, 200);
      assert.equal((await move(referral.id, 'accepted')).status, 200);
      const assigned = await move(referral.id, 'assigned', { serviceId: homesAndMoneyHub.id });
      assert.equal(assigned.status, 200);
      assert.deepEqual(
        { ...assigned.body.assignedService, assignedAt: undefined },
        {
          serviceId: homesAndMoneyHub.id,
          serviceName: homesAndMoneyHub.name,
          organisationName: homesAndMoneyHub.organisation.name,
          assignedAt: undefined,
        },
      );
      const notProviders = await move(referral.id, 'withdrawn', { reason: 'Moved away' }, 'provider');
      assert.equal(notProviders.status, 403);
      assert.equal((notProviders.body as unknown as { code: string }).code, 'role_not_allowed');
      assert.equal((await move(referral.id, 'in_progress', {}, 'provider')).status, 200);
      const early = await move(referral.id, 'closed', {}, 'provider');
      assert.equal(early.status, 422);
      assert.equal((early.body as unknown as { code: string }).code, 'outcomes_required');
      for (const need of tenantAtRiskOfEviction.needs) {
        const code =
          need.code === 'housing'
            ? 'eviction_prevented'
            : need.code === 'benefits'
              ? 'income_maximised'
              : 'debt_managed';
        const amount =
          code === 'income_maximised' ? { amount: 8640, currency: 'GBP', frequency: 'weekly' } : undefined;
        const outcome = await hub.request('POST', `/v1/referrals/${referral.id}/outcomes`, {
          key: 'provider',
          body: { need: need.code, code, ...(amount ? { amount } : {}) },
        });
        assert.equal(outcome.status, 201, outcome.text);
        assert.equal(outcome.body.recordedBy.role, 'provider');
      }
      const closed = await move(referral.id, 'closed', {}, 'provider');
      assert.equal(closed.status, 200);
      assert.deepEqual(
        closed.body.history.map((h) => [h.from, h.to, h.by.role]),
        [
          [null, 'submitted', 'hub'],
          ['submitted', 'triage', 'hub'],
          ['triage', 'accepted', 'hub'],
          ['accepted', 'assigned', 'hub'],
          ['assigned', 'in_progress', 'provider'],
          ['in_progress', 'closed', 'provider'],
        ],
      );
      assert.deepEqual(
        closed.body.outcomes.map((o) => o.code),
        ['eviction_prevented', 'income_maximised', 'debt_managed'],
      );
      const events = await hub.request<{ data: WebhookEvent[] }>(
        'GET',
        `/v1/referrals/${referral.id}/events`,
      );
      assert.deepEqual(
        events.body.data.map((e) => e.type),
        [
          'referral.created',
          ...Array<string>(4).fill('referral.status_changed'),
          ...Array<string>(3).fill('referral.outcome_recorded'),
          'referral.status_changed',
        ],
      );
    });

    it('refuses every move the lifecycle does not allow, with a 4xx, and changes nothing', async () => {
      const referral = await create(selfReferralShielding);
      const allowed = new Set(nextStatuses('submitted', 'hub'));
      for (const to of [
        'draft',
        'accepted',
        'declined',
        'assigned',
        'in_progress',
        'closed',
        'returned',
        'submitted',
      ] as const) {
        if (allowed.has(to)) continue;
        const answer = await move(referral.id, to);
        assert.ok(answer.status >= 400 && answer.status < 500, `${to}: ${answer.status}`);
        assert.equal((answer.body as unknown as { code: string }).code, 'transition_not_allowed');
      }
      const unassigned = await move(referral.id, 'triage', {}, 'provider');
      assert.equal(unassigned.status, 404, 'a provider does not see a referral not assigned to it');
      const noReason = await move(referral.id, 'withdrawn');
      assert.equal(noReason.status, 422);
      assert.equal((noReason.body as unknown as { code: string }).code, 'reason_required');
      const after = await hub.request<Referral>('GET', `/v1/referrals/${referral.id}`);
      assert.equal(after.body.status, 'submitted');
      assert.equal(after.body.history.length, 1);
    });

    it('needs a known service to assign to, and outcomes only for the referral’s own needs', async () => {
      const referral = await create(councillorDebtAndFood);
      await move(referral.id, 'triage');
      await move(referral.id, 'accepted');
      const unknown = await move(referral.id, 'assigned', { serviceId: crypto.randomUUID() });
      assert.equal(unknown.status, 422);
      const wrongNeed = await hub.request('POST', `/v1/referrals/${referral.id}/outcomes`, {
        body: { need: 'housing', code: 'tenancy_sustained' },
      });
      assert.equal(wrongNeed.status, 422);
      assert.equal(wrongNeed.body.errors[0].path, '/need');
      const twice = { need: 'food', code: 'food_secured' };
      assert.equal(
        (await hub.request('POST', `/v1/referrals/${referral.id}/outcomes`, { body: twice })).status,
        201,
      );
      assert.equal(
        (await hub.request('POST', `/v1/referrals/${referral.id}/outcomes`, { body: twice })).status,
        409,
      );
    });

    it('makes concurrent moves of one referral one after another, never lost', async () => {
      const referral = await create(councillorDebtAndFood);
      const answers = await Promise.all([
        move(referral.id, 'triage'),
        move(referral.id, 'withdrawn', { reason: 'Moved away' }),
      ]);
      const after = await hub.request<Referral>('GET', `/v1/referrals/${referral.id}`);
      const succeeded = answers.filter((a) => a.status === 200).length;
      assert.equal(after.body.history.length, 1 + succeeded);
      assert.equal(after.body.status, after.body.history.at(-1)?.to);
    });

    it('reads the assessment linked to a referral made with one', async () => {
      const {
        id: _id,
        version: _v,
        residentId: _r,
        referralId: _ref,
        createdAt: _c,
        ...draft
      } = tenantAssessment;
      const referral = await create({ ...tenantAtRiskOfEviction, assessment: draft });
      assert.ok(referral.assessmentId);
      const assessment = await hub.request('GET', `/v1/assessments/${referral.assessmentId}`);
      assert.equal(assessment.status, 200);
      assert.equal(assessment.body.referralId, referral.id);
      assert.equal(assessment.body.version, 1);
    });
  });
});
