/**
 * The referral report from the mock hub: counts of referrals made in whole UK days, by need,
 * status, priority, outcome, referrer type and area, with small numbers suppressed as the hub does.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReferralReport as ReferralReportSchema, type Referral, type ReferralReport } from '@hubkit/schema';
import {
  councillorDebtAndFood,
  gpSocialPrescribingLoneliness,
  immediateSafeguardingConcern,
  selfReferralShielding,
  tenantAtRiskOfEviction,
} from '@hubkit/schema/fixtures';
import { make } from './index.ts';
import { useMockHub } from './testing/harness.ts';
import { checkReportScenario, reportScenario } from '../../server/src/testing/report-scenario.ts';

let clock = 0;
const { call } = useMockHub({ now: () => clock });

async function referOn(at: string, body: unknown): Promise<Referral> {
  clock = Date.parse(at);
  const answer = await call<Referral>('POST', '/v1/referrals', { body });
  assert.equal(answer.status, 201);
  return answer.body;
}
const report = async (query: string) => {
  const answer = await call<ReferralReport>('GET', `/v1/reports/referrals?${query}`);
  assert.equal(answer.status, 200, answer.text);
  assert.ok(ReferralReportSchema.safeParse(answer.body).success);
  return answer.body;
};

describe('the referral report', () => {
  it('counts referrals made in whole UK days, by every dimension', async () => {
    // 23:30 UTC on 31 May is 00:30 on 1 June in London (summer time): inside June.
    await referOn('2026-05-31T23:30:00Z', councillorDebtAndFood);
    await referOn('2026-06-10T12:00:00Z', tenantAtRiskOfEviction);
    await referOn('2026-06-30T22:59:00Z', immediateSafeguardingConcern);
    // 23:00 UTC on 30 June is midnight in London: July.
    await referOn('2026-06-30T23:00:00Z', selfReferralShielding);
    await referOn('2026-05-31T22:00:00Z', gpSocialPrescribingLoneliness);
    const june = await report('from=2026-06-01&to=2026-06-30');
    assert.equal(june.total, 3);
    assert.deepEqual(june.byNeed, {
      benefits: 1,
      domestic_abuse: 1,
      family_parenting: 1,
      food: 1,
      housing: 2,
      money_debt: 2,
    });
    assert.deepEqual(june.byStatus, { submitted: 3 });
    assert.deepEqual(june.byPriority, { emergency: 1, urgent: 2 });
    assert.deepEqual(june.byOutcome, {});
    assert.deepEqual(june.byReferrerType, { council_officer: 1, councillor: 1, vcs_partner: 1 });
    assert.deepEqual(june.byArea, { unknown: 1, IG11: 1, N7: 1 });
    assert.equal(june.smallNumbersSuppressed, false);
    assert.deepEqual(Object.keys(june.byArea), ['unknown', 'IG11', 'N7'], 'in the hub’s order');
  });

  it('suppresses counts of 1 to 4, and the next smallest where only one would be hidden', async () => {
    for (let i = 0; i < 6; i += 1) await referOn('2026-03-10T12:00:00Z', make.referralCreate());
    await referOn('2026-03-11T12:00:00Z', tenantAtRiskOfEviction);
    const march = await report('from=2026-03-01&to=2026-03-31&suppressSmallNumbers=true');
    assert.equal(march.total, 7);
    assert.equal(march.smallNumbersSuppressed, true);
    // Money and debt 7, food 6, housing 1, benefits 1: both ones are hidden, nothing more.
    assert.deepEqual(march.byNeed, { benefits: null, food: 6, housing: null, money_debt: 7 });
    // Councillor 6, council officer 1: the one, and the six that would give it away.
    assert.deepEqual(march.byReferrerType, { council_officer: null, councillor: null });
    assert.deepEqual(march.byPriority, { urgent: 7 });
    const small = await report('from=2026-03-11&to=2026-03-11&suppressSmallNumbers=true');
    assert.equal(small.total, null);
  });

  it('gives the figures over time, timeliness, outcome values and equality the reference server gives', async () => {
    const scenario = await reportScenario({
      setNow: (instant) => {
        clock = Date.parse(instant);
      },
      request: (method, path, body) => call(method, path, body === undefined ? {} : { body }),
    });
    await checkReportScenario(scenario);
  });

  it('refuses a series of more than ten years, naming the field', async () => {
    const answer = await call('GET', '/v1/reports/referrals?from=2016-01-01&to=2026-01-01&interval=month');
    assert.equal(answer.status, 400);
    assert.equal(answer.body.errors[0].path, '/interval');
    assert.equal(answer.body.errors[0].code, 'series_too_long');
    const tenYears = await call('GET', '/v1/reports/referrals?from=2016-01-02&to=2026-01-01&interval=week');
    assert.equal(tenYears.status, 200, tenYears.text);
  });

  it('refuses a range that ends before it starts, naming the field', async () => {
    const answer = await call('GET', '/v1/reports/referrals?from=2026-02-01&to=2026-01-01');
    assert.equal(answer.status, 400);
    assert.equal(answer.body.code, 'invalid_query');
    assert.equal(answer.body.errors[0].path, '/to');
  });
});
