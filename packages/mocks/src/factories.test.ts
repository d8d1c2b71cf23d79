/**
 * The fixture factories: every one's output passes its schema, ids and references are new on
 * every call, overrides merge in at any depth, and the schema's fixtures are never changed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Assessment,
  AssessmentCreate,
  AssessmentDraft,
  AuditEvent,
  Consent,
  ConsentCreate,
  ConsentWithdrawal,
  Health,
  Outcome,
  OutcomeCreate,
  Problem,
  Referral,
  ReferralCreate,
  ReferralReport,
  Service,
  ServiceSearchResult,
  TransitionRequest,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointCreate,
  WebhookEvent,
  pageOf,
  problemCodes,
  validate,
  webhookEventTypes,
} from '@hubkit/schema';
import { councillorDebtAndFood, homesAndMoneyHub } from '@hubkit/schema/fixtures';
import { deepMerge, make } from './index.ts';

type Schema = Parameters<typeof validate>[0];

const factories: [string, () => unknown, Schema][] = [
  ['referralCreate', () => make.referralCreate(), ReferralCreate],
  ['referral', () => make.referral(), Referral],
  ['consentCreate', () => make.consentCreate(), ConsentCreate],
  ['consent', () => make.consent(), Consent],
  ['consentWithdrawal', () => make.consentWithdrawal(), ConsentWithdrawal],
  ['assessmentDraft', () => make.assessmentDraft(), AssessmentDraft],
  ['assessmentCreate', () => make.assessmentCreate(), AssessmentCreate],
  ['assessment', () => make.assessment(), Assessment],
  ['outcomeCreate', () => make.outcomeCreate(), OutcomeCreate],
  ['outcome', () => make.outcome(), Outcome],
  ['transitionRequest', () => make.transitionRequest(), TransitionRequest],
  ['service', () => make.service(), Service],
  ['serviceSearchResult', () => make.serviceSearchResult(), ServiceSearchResult],
  ['webhookEndpointCreate', () => make.webhookEndpointCreate(), WebhookEndpointCreate],
  ['webhookEndpoint', () => make.webhookEndpoint(), WebhookEndpoint],
  ['webhookDelivery', () => make.webhookDelivery(), WebhookDelivery],
  ['auditEvent', () => make.auditEvent(), AuditEvent],
  ['referralReport', () => make.referralReport(), ReferralReport],
  ['health', () => make.health(), Health],
  ['reportReferrals', () => make.page(make.reportReferrals({ until: '2026-12-03' })), pageOf(Referral)],
  ['page', () => make.page([make.referral(), make.referral()], 'next'), pageOf(Referral)],
  ...webhookEventTypes.map((type): [string, () => unknown, Schema] => [
    `webhookEvent(${type})`,
    () => make.webhookEvent(type),
    WebhookEvent,
  ]),
  ...problemCodes.map((code): [string, () => unknown, Schema] => [
    `problem(${code})`,
    () => make.problem(code),
    Problem,
  ]),
];

describe('factories', () => {
  for (const [name, factory, schema] of factories) {
    it(`${name} passes its schema`, () => {
      const result = validate(schema, factory());
      assert.deepEqual(result.errors, undefined, name);
      assert.equal(result.success, true);
    });
  }

  it('give new ids and references on every call', () => {
    const [a, b] = [make.referral(), make.referral()];
    assert.notEqual(a.id, b.id);
    assert.notEqual(a.reference, b.reference);
    assert.notEqual(a.residentId, b.residentId);
    assert.notEqual(
      make.referralCreate().source?.partnerReference,
      make.referralCreate().source?.partnerReference,
    );
    const [s, t] = [make.service(), make.service()];
    assert.notEqual(s.id, t.id);
    assert.notEqual(s.organisation.id, t.organisation.id);
    assert.notEqual(s.locations[0]?.id, t.locations[0]?.id);
    assert.notEqual(make.consent().id, make.consent().id);
    assert.notEqual(make.assessment().id, make.assessment().id);
    assert.notEqual(make.webhookEvent('referral.created').id, make.webhookEvent('referral.created').id);
    assert.notEqual(make.problem('not_found').requestId, make.problem('not_found').requestId);
  });

  it('merge overrides at any depth, replace lists whole, and leave out keys given as undefined', () => {
    const referral = make.referral({
      status: 'triage',
      resident: { name: { given: 'Ada' } },
      source: undefined,
      needs: [{ code: 'food', urgency: 'urgent' }],
    });
    assert.equal(referral.status, 'triage');
    assert.equal(referral.resident.name.given, 'Ada');
    assert.equal(referral.resident.name.family, councillorDebtAndFood.resident.name.family);
    assert.equal('source' in referral, false);
    assert.equal(referral.resident.address?.postcode, councillorDebtAndFood.resident.address.postcode);
    assert.deepEqual(referral.needs, [{ code: 'food', urgency: 'urgent' }]);
    assert.ok(validate(Referral, referral).success);
    const withdrawn = make.consent({
      status: 'withdrawn',
      withdrawal: { withdrawnAt: '2026-11-20T15:30:00Z', method: 'online' },
    });
    assert.ok(validate(Consent, withdrawn).success);
    const problem = make.problem('validation_failed', { detail: 'Check the postcode.' }, 'cy');
    assert.equal(problem.status, 422);
    assert.equal(problem.detail, 'Check the postcode.');
    assert.equal(problem.title, 'Gwiriwch yr wybodaeth a anfonwyd gennych');
    assert.equal(problem.errors?.[0]?.path, '/resident/address/postcode');
    assert.equal(make.problem('rate_limited').status, 429);
  });

  it('never change the schema’s fixtures or the overrides given', () => {
    const before = structuredClone(homesAndMoneyHub);
    const overrides = { name: 'Changed (fictional)', organisation: { name: 'Other (fictional)' } };
    const made = make.service(overrides);
    made.locations.push(...make.service().locations);
    made.organisation.name = 'Changed again (fictional)';
    assert.deepEqual(homesAndMoneyHub, before);
    assert.deepEqual(overrides, { name: 'Changed (fictional)', organisation: { name: 'Other (fictional)' } });
    const base = { a: { b: 1, c: [1, 2] } };
    const merged = deepMerge(base, { a: { c: [3] } });
    assert.deepEqual(merged, { a: { b: 1, c: [3] } });
    assert.deepEqual(base, { a: { b: 1, c: [1, 2] } });
  });

  it('make records the mock hub serves as its own', async () => {
    const { createHubMock } = await import('./index.ts');
    const hub = createHubMock();
    const seeded = hub.seed.referral(make.referral());
    assert.equal(hub.state.referrals()[0]?.id, seeded.id);
  });
});
