/**
 * Referrals in the mock hub: made as the hub makes them, moved through the lifecycle by the
 * roles that may, with outcomes, events and history; refusals with the hub's statuses; lists
 * newest first, page by page to the end.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Referral as ReferralSchema,
  WebhookEvent as WebhookEventSchema,
  isValidReference,
  triageDueBy,
  type Outcome,
  type Referral,
  type WebhookEvent,
} from '@hubkit/schema';
import {
  gpSocialPrescribingLoneliness,
  homesAndMoneyHub,
  immediateSafeguardingConcern,
  selfReferralShielding,
  tenantAtRiskOfEviction,
} from '@hubkit/schema/fixtures';
import { make } from './index.ts';
import { useMockHub } from './testing/harness.ts';

const PROVIDER = 'sk_test_mockProviderKeyForTests0001';
let clock = Date.parse('2026-11-02T09:00:00Z');
const { mock, call } = useMockHub({
  now: () => clock,
  keys: [{ key: PROVIDER, role: 'provider', serviceIds: [homesAndMoneyHub.id], id: 'key_provider' }],
});

const tick = (minutes = 1) => {
  clock += minutes * 60_000;
};
const create = async (body: unknown = tenantAtRiskOfEviction, key = mock.keys.secret) => {
  const answer = await call<Referral>('POST', '/v1/referrals', { key, body });
  assert.equal(answer.status, 201, answer.text);
  return answer.body;
};
const move = (id: string, body: unknown, key = mock.keys.secret) =>
  call<Referral>('POST', `/v1/referrals/${id}/transitions`, { key, body });
const record = (id: string, body: unknown, key = PROVIDER) =>
  call<Outcome>('POST', `/v1/referrals/${id}/outcomes`, { key, body });

describe('making a referral', () => {
  it('gives a reference, a priority, a triage time, a history and an event, as the hub does', async () => {
    const referral = await create(immediateSafeguardingConcern, mock.keys.publishable);
    assert.ok(ReferralSchema.safeParse(referral).success);
    assert.ok(isValidReference(referral.reference));
    assert.equal(referral.status, 'submitted');
    assert.equal(referral.priority, 'emergency');
    assert.equal(referral.createdAt, '2026-11-02T09:00:00.000Z');
    assert.equal(referral.triageDueBy, triageDueBy('emergency', referral.createdAt));
    assert.deepEqual(referral.history, [
      {
        from: null,
        to: 'submitted',
        at: referral.createdAt,
        by: { role: 'referrer', keyId: 'key_mock_publishable' },
      },
    ]);
    assert.deepEqual(referral.outcomes, []);
    assert.equal(referral.sharingRestricted, false);
    const events = mock.state.events();
    assert.equal(events.length, 1);
    assert.deepEqual(events[0]?.data, {
      referral: {
        id: referral.id,
        reference: referral.reference,
        status: 'submitted',
        priority: 'emergency',
        needs: ['domestic_abuse', 'housing', 'family_parenting'],
      },
    });
  });

  it('keeps a draft from triage, with no triage time', async () => {
    const draft = await create({ ...selfReferralShielding, status: 'draft' });
    assert.equal(draft.status, 'draft');
    assert.equal(draft.triageDueBy, null);
    assert.equal(draft.submittedAt, null);
    assert.equal(draft.priority, 'urgent');
  });

  it('keeps one person id for one NHS number from secret keys, never from a public form', async () => {
    const first = await create(gpSocialPrescribingLoneliness);
    const second = await create(gpSocialPrescribingLoneliness);
    const fromForm = await create(gpSocialPrescribingLoneliness, mock.keys.publishable);
    assert.equal(second.residentId, first.residentId);
    assert.notEqual(fromForm.residentId, first.residentId);
  });

  it('records the short assessment made with it', async () => {
    const referral = await create({ ...tenantAtRiskOfEviction, assessment: make.assessmentDraft() });
    const [assessment] = mock.state.assessments();
    assert.ok(assessment);
    assert.equal(referral.assessmentId, assessment.id);
    assert.equal(assessment.referralId, referral.id);
    assert.equal(assessment.residentId, referral.residentId);
  });

  it('refuses a requested service or consent the hub does not have, naming the field', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const service = await call('POST', '/v1/referrals', {
      body: { ...tenantAtRiskOfEviction, requestedServiceId: unknown },
    });
    assert.equal(service.status, 422);
    assert.deepEqual(service.body.errors, [
      {
        path: '/requestedServiceId',
        code: 'not_found',
        message: 'There is no service with that id in the directory',
      },
    ]);
    const consent = await call('POST', '/v1/referrals', {
      body: { ...tenantAtRiskOfEviction, consentId: unknown },
    });
    assert.equal(consent.status, 422);
    assert.equal(consent.body.errors[0].path, '/consentId');
    assert.equal(mock.state.referrals().length, 0);
  });
});

describe('the lifecycle', () => {
  it('goes from submitted to closed through triage, acceptance, assignment, work and outcomes', async () => {
    const referral = await create();
    tick();
    assert.equal((await move(referral.id, { to: 'triage' })).status, 200);
    assert.equal((await move(referral.id, { to: 'accepted' })).status, 200);
    tick();
    const assigned = await move(referral.id, { to: 'assigned', serviceId: homesAndMoneyHub.id });
    assert.equal(assigned.status, 200);
    assert.deepEqual(assigned.body.assignedService, {
      serviceId: homesAndMoneyHub.id,
      serviceName: homesAndMoneyHub.name,
      organisationName: homesAndMoneyHub.organisation.name,
      assignedAt: '2026-11-02T09:02:00.000Z',
    });
    assert.equal((await move(referral.id, { to: 'in_progress' }, PROVIDER)).status, 200);
    for (const [need, code] of [
      ['housing', 'eviction_prevented'],
      ['benefits', 'advice_given'],
      ['money_debt', 'debt_managed'],
    ] as const) {
      const outcome = await record(referral.id, { need, code });
      assert.equal(outcome.status, 201, outcome.text);
      assert.deepEqual(outcome.body, {
        need,
        code,
        recordedAt: '2026-11-02T09:02:00.000Z',
        recordedBy: { role: 'provider' },
      });
    }
    const closed = await move(referral.id, { to: 'closed' }, PROVIDER);
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
    assert.equal(closed.body.outcomes.length, 3);
    const events = await call<{ data: WebhookEvent[]; nextCursor: string | null }>(
      'GET',
      `/v1/referrals/${referral.id}/events?limit=100`,
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
    for (const event of events.body.data) assert.ok(WebhookEventSchema.safeParse(event).success);
    assert.equal(events.body.nextCursor, null);
  });

  it('refuses what the lifecycle does not allow, with the hub’s statuses and codes', async () => {
    const referral = await create();
    const cases: [unknown, string, number, string][] = [
      [{ to: 'closed' }, mock.keys.secret, 409, 'transition_not_allowed'],
      [{ to: 'triage' }, PROVIDER, 404, 'not_found'],
    ];
    for (const [body, key, status, code] of cases) {
      const answer = await move(referral.id, body, key);
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.equal((answer.body as unknown as { code: string }).code, code);
    }
    await move(referral.id, { to: 'triage' });
    const declined = await move(referral.id, { to: 'declined' });
    assert.equal(declined.status, 422);
    assert.equal((declined.body as unknown as { code: string }).code, 'reason_required');
    await move(referral.id, { to: 'accepted' });
    const unnamed = await move(referral.id, { to: 'assigned' });
    assert.equal(unnamed.status, 422);
    assert.equal((unnamed.body as unknown as { code: string }).code, 'service_required');
    await move(referral.id, { to: 'assigned', serviceId: homesAndMoneyHub.id });
    const byProvider = await move(referral.id, { to: 'withdrawn', reason: 'Moved away' }, PROVIDER);
    assert.equal(byProvider.status, 403);
    assert.equal((byProvider.body as unknown as { code: string }).code, 'role_not_allowed');
    await move(referral.id, { to: 'in_progress' }, PROVIDER);
    const early = await move(referral.id, { to: 'closed' }, PROVIDER);
    assert.equal(early.status, 422);
    assert.equal((early.body as unknown as { code: string }).code, 'outcomes_required');
    assert.equal(mock.state.referral(referral.id)?.status, 'in_progress');
  });

  it('records outcomes only while work is under way, for the referral’s needs, once each', async () => {
    const referral = await create();
    const early = await record(
      referral.id,
      { need: 'housing', code: 'eviction_prevented' },
      mock.keys.secret,
    );
    assert.equal(early.status, 409);
    for (const step of [{ to: 'triage' }, { to: 'accepted' }]) await move(referral.id, step);
    const other = await record(referral.id, { need: 'food', code: 'food_secured' }, mock.keys.secret);
    assert.equal(other.status, 422);
    assert.deepEqual((other.body as unknown as { errors: unknown }).errors, [
      {
        path: '/need',
        code: 'need_not_in_referral',
        message: 'Choose one of the needs this referral was made for',
      },
    ]);
    assert.equal(
      (await record(referral.id, { need: 'housing', code: 'eviction_prevented' }, mock.keys.secret)).status,
      201,
    );
    const twice = await record(
      referral.id,
      { need: 'housing', code: 'eviction_prevented' },
      mock.keys.secret,
    );
    assert.equal(twice.status, 409);
    assert.equal((twice.body as unknown as { code: string }).code, 'conflict');
  });
});

describe('lists', () => {
  it('lists newest first, a page at a time, to the end, each referral once', async () => {
    const made: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      made.push((await create(make.referralCreate())).id);
      tick();
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await call<{ data: Referral[]; nextCursor: string | null }>(
        'GET',
        `/v1/referrals?limit=3${query}`,
      );
      assert.equal(page.status, 200);
      assert.ok(page.body.data.length <= 3);
      seen.push(...page.body.data.map((r) => r.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(seen, [...made].reverse());
  });

  it('says there is no next page when the last page is exactly full', async () => {
    for (let i = 0; i < 4; i += 1) await create(make.referralCreate());
    const first = await call('GET', '/v1/referrals?limit=2');
    const second = await call('GET', `/v1/referrals?limit=2&cursor=${first.body.nextCursor}`);
    assert.equal(second.body.data.length, 2);
    assert.equal(second.body.nextCursor, null);
  });

  it('filters by status, need and time', async () => {
    const early = await create(tenantAtRiskOfEviction);
    tick(60);
    const late = await create(selfReferralShielding);
    await move(late.id, { to: 'triage' });
    const ids = async (query: string) =>
      (await call<{ data: Referral[] }>('GET', `/v1/referrals?${query}`)).body.data.map((r) => r.id);
    assert.deepEqual(await ids('status=submitted'), [early.id]);
    assert.deepEqual(await ids('need=practical_support'), [late.id]);
    assert.deepEqual(await ids(`createdSince=${encodeURIComponent(late.createdAt)}`), [late.id]);
    assert.deepEqual(await ids('createdSince=2026-11-02T09:30:00Z'), [late.id]);
    assert.deepEqual(await ids('need=housing&status=triage'), []);
  });
});
