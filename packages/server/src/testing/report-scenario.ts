/**
 * The richer report's figures, worked out by hand, for any hub: the reference server on each
 * engine and the mock run the same referrals at the same times and expect the same answers.
 *
 * Spring 2026: clocks go forward at 01:00 UTC on Sunday 29 March; Good Friday is 3 April and
 * Easter Monday 6 April. Autumn: clocks go back at 01:00 UTC on Sunday 25 October.
 */
import assert from 'node:assert/strict';
import type { ReferralCreate, ReferralReport } from '@hubkit/schema';
import { councillorDebtAndFood } from '@hubkit/schema/fixtures';

/** What the scenario needs of a hub: its clock, and requests with the hub's secret key. */
export interface ReportHub {
  setNow(instant: string): void;
  request(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown; text: string }>;
}

function referral(given: string, equality?: Record<string, string>): ReferralCreate {
  const base = structuredClone(councillorDebtAndFood) as ReferralCreate;
  const { equality: _none, ...resident } = base.resident;
  return {
    ...base,
    resident: { ...resident, name: { given, family: 'Testperson' }, ...(equality ? { equality } : {}) },
  };
}

export interface ReportScenario {
  report: (query: string) => Promise<ReferralReport>;
}

/** Makes the scenario's referrals and moves them on, each at its time; ends with the clock at 10 April 2026 noon. */
export async function reportScenario(hub: ReportHub): Promise<ReportScenario> {
  const ids = new Map<string, string>();
  const make = async (name: string, at: string, body: ReferralCreate) => {
    hub.setNow(at);
    const answer = await hub.request('POST', '/v1/referrals', body);
    assert.equal(answer.status, 201, answer.text);
    ids.set(name, (answer.body as { id: string }).id);
  };
  const move = async (name: string, at: string, ...steps: (string | { to: string; reason: string })[]) => {
    hub.setNow(at);
    for (const step of steps) {
      const answer = await hub.request(
        'POST',
        `/v1/referrals/${ids.get(name) ?? ''}/transitions`,
        typeof step === 'string' ? { to: step } : step,
      );
      assert.equal(answer.status, 200, `${name} to ${JSON.stringify(step)}: ${answer.text}`);
    }
  };
  const outcome = async (name: string, at: string, body: unknown) => {
    hub.setNow(at);
    const answer = await hub.request('POST', `/v1/referrals/${ids.get(name) ?? ''}/outcomes`, body);
    assert.equal(answer.status, 201, answer.text);
  };

  // Week of Monday 23 March.
  await make('a', '2026-03-27T10:00:00.000Z', referral('Alys', { sex: 'female', ageBand: '35_44' }));
  // 23:30 on Saturday 28 March, still GMT: Saturday.
  await make(
    'b',
    '2026-03-28T23:30:00.000Z',
    // The free text beside a coded answer is the person's own words: never in a report.
    referral('Bryn', { sex: 'prefer_not_to_say', ethnicity: 'white_other', ethnicityDescription: 'Cornish' }),
  );
  // Week of Monday 30 March. 23:30 UTC on Sunday 29 March is 00:30 BST on Monday 30 March.
  await make('c', '2026-03-29T23:30:00.000Z', referral('Cai'));
  await make('e', '2026-03-30T08:00:00.000Z', referral('Elin'));
  await make('f', '2026-03-31T10:00:00.000Z', referral('Ffion'));
  await make('g', '2026-04-01T10:00:00.000Z', referral('Gwen'));
  // Week of Monday 6 April.
  await make('d', '2026-04-09T15:00:00.000Z', referral('Dai'));

  // First contact. A: Friday to Monday, 1 working day. E: the same day, 0.
  await move('a', '2026-03-30T09:00:00.000Z', 'triage', 'accepted');
  await move('e', '2026-03-30T14:00:00.000Z', 'triage', 'accepted', 'in_progress');
  await outcome('e', '2026-03-31T09:00:00.000Z', {
    need: 'money_debt',
    code: 'income_maximised',
    amount: { amount: 5000, currency: 'GBP', frequency: 'weekly' },
  });
  await outcome('e', '2026-03-31T09:00:00.000Z', { need: 'food', code: 'food_secured' });
  // E closes on Tuesday 31 March: 1 working day after submission.
  await move('e', '2026-03-31T09:30:00.000Z', 'closed');
  // F is declined without contact: neither within nor outside the targets, nor waiting.
  await move('f', '2026-03-31T11:00:00.000Z', 'triage', { to: 'declined', reason: 'Out of the area.' });
  // B: Saturday to Thursday 2 April, 4 working days (Monday to Thursday).
  await move('b', '2026-04-02T10:00:00.000Z', 'triage', 'accepted');
  // G: Wednesday 1 April to Tuesday 7 April, over Easter: Thursday 2 and Tuesday 7, 2 working days.
  await move('g', '2026-04-07T10:00:00.000Z', 'triage', 'accepted');
  // A closes on Tuesday 7 April: 5 working days (30, 31 March, 1, 2 and 7 April).
  await move('a', '2026-04-07T11:00:00.000Z', 'in_progress');
  await outcome('a', '2026-04-07T11:00:00.000Z', {
    need: 'money_debt',
    code: 'debt_managed',
    amount: { amount: 120_000, currency: 'GBP', frequency: 'one_off' },
  });
  await outcome('a', '2026-04-07T11:00:00.000Z', { need: 'food', code: 'food_secured' });
  await move('a', '2026-04-07T11:30:00.000Z', 'closed');

  // Autumn, for the clocks going back: 23:30 UTC on 30 September is 00:30 BST on 1 October;
  // 22:59 UTC is 23:59 BST on 30 September; 23:30 UTC on Sunday 25 October is GMT: still Sunday.
  await make('h', '2026-09-30T23:30:00.000Z', referral('Huw'));
  await make('k', '2026-09-30T22:59:00.000Z', referral('Kyle'));
  await make('j', '2026-10-25T23:30:00.000Z', referral('Jac'));

  // C and D are still waiting: C since Monday 30 March (7 working days by Friday 10 April, over
  // the target of 2), D since Thursday 9 April (1 working day: within it still).
  hub.setNow('2026-04-10T12:00:00.000Z');
  return {
    report: async (query) => {
      const answer = await hub.request('GET', `/v1/reports/referrals?${query}`);
      assert.equal(answer.status, 200, answer.text);
      return answer.body as ReferralReport;
    },
  };
}

/** The scenario's expectations: every figure worked out by hand above. */
export async function checkReportScenario({ report }: ReportScenario): Promise<void> {
  const spring = await report('from=2026-03-23&to=2026-04-12&interval=week&seriesByNeed=true');
  assert.equal(spring.total, 7);
  assert.deepEqual(spring.series, {
    interval: 'week',
    buckets: [
      { start: '2026-03-23', end: '2026-03-29', total: 2, byNeed: { food: 2, money_debt: 2 } },
      { start: '2026-03-30', end: '2026-04-05', total: 4, byNeed: { food: 4, money_debt: 4 } },
      { start: '2026-04-06', end: '2026-04-12', total: 1, byNeed: { food: 1, money_debt: 1 } },
    ],
  });
  assert.deepEqual(spring.timeliness, {
    // Reached: E 0, A 1, G 2, B 4 (median 1.5); within: E, A, G; outside: B, and C still waiting.
    firstContact: {
      targetWorkingDays: 2,
      reached: 4,
      medianWorkingDays: 1.5,
      withinTarget: 3,
      outsideTarget: 2,
      waiting: 1,
      shareWithinTarget: 0.6,
    },
    // Closed: E 1, A 5; B, C, D and G still open within 20 working days; F declined.
    close: {
      targetWorkingDays: 20,
      reached: 2,
      medianWorkingDays: 3,
      withinTarget: 2,
      outsideTarget: 0,
      waiting: 4,
      shareWithinTarget: 1,
    },
  });
  assert.deepEqual(spring.outcomeValues, {
    income_maximised: { count: 1, byFrequency: { weekly: { count: 1, pence: 5000 } }, annualPence: 260_000 },
    debt_managed: { count: 1, byFrequency: { one_off: { count: 1, pence: 120_000 } }, annualPence: 120_000 },
  });
  assert.deepEqual(spring.byEquality?.sex, { female: 1, not_asked: 5, prefer_not_to_say: 1 });
  assert.deepEqual(spring.byEquality.ageBand, { '35_44': 1, not_asked: 6 });
  assert.deepEqual(spring.byEquality.religion, { not_asked: 7 });
  assert.deepEqual(spring.byEquality.ethnicity, { white_other: 1, not_asked: 6 });
  assert.deepEqual(Object.keys(spring.byEquality).sort(), [
    'ageBand',
    'disability',
    'ethnicity',
    'genderReassignment',
    'maritalStatus',
    'pregnancyMaternity',
    'religion',
    'sex',
    'sexualOrientation',
  ]);
  assert.ok(!JSON.stringify(spring).includes('Cornish'), 'no free text');

  // A target of 1 working day: G (2) is outside it now.
  const strict = await report('from=2026-03-23&to=2026-04-12&targetWorkingDays=1&closeTargetWorkingDays=1');
  assert.deepEqual(
    [strict.timeliness?.firstContact.withinTarget, strict.timeliness?.firstContact.outsideTarget],
    [2, 3],
  );
  assert.equal(strict.timeliness?.firstContact.shareWithinTarget, 0.4);
  assert.equal(strict.timeliness.close.targetWorkingDays, 1);
  // C and D, submitted over 1 working day before 10 April and still open, are late to close too.
  assert.deepEqual(
    [
      strict.timeliness.close.withinTarget,
      strict.timeliness.close.outsideTarget,
      strict.timeliness.close.waiting,
    ],
    [1, 4, 1],
  );

  const hidden = await report(
    'from=2026-03-23&to=2026-04-12&interval=week&seriesByNeed=true&suppressSmallNumbers=true',
  );
  assert.equal(hidden.total, 7);
  assert.deepEqual(
    hidden.series?.buckets.map((b) => [b.total, b.byNeed]),
    [
      [null, { food: null, money_debt: null }],
      [null, { food: null, money_debt: null }],
      [null, { food: null, money_debt: null }],
    ],
  );
  assert.deepEqual(hidden.timeliness?.firstContact, {
    targetWorkingDays: 2,
    reached: null,
    medianWorkingDays: null,
    withinTarget: null,
    outsideTarget: null,
    waiting: null,
    shareWithinTarget: null,
  });
  assert.deepEqual(hidden.outcomeValues?.income_maximised, {
    count: null,
    byFrequency: { weekly: { count: null, pence: null } },
    annualPence: null,
  });
  // Female 1 and prefer not to say 1 are hidden; two are, so not asked (5) stays.
  assert.deepEqual(hidden.byEquality?.sex, { female: null, not_asked: 5, prefer_not_to_say: null });
  // One hidden (35–44), so the next smallest (not asked, 6) goes too.
  assert.deepEqual(hidden.byEquality.ageBand, { '35_44': null, not_asked: null });

  // Months at the clocks going back, and a week ending on the Sunday they do.
  const autumn = await report('from=2026-09-15&to=2026-10-31&interval=month');
  assert.deepEqual(autumn.series?.buckets, [
    { start: '2026-09-15', end: '2026-09-30', total: 1 },
    { start: '2026-10-01', end: '2026-10-31', total: 2 },
  ]);
  const weeks = await report('from=2026-10-19&to=2026-11-01&interval=week');
  assert.deepEqual(weeks.series?.buckets, [
    { start: '2026-10-19', end: '2026-10-25', total: 1 },
    { start: '2026-10-26', end: '2026-11-01', total: 0 },
  ]);
  // No referral has reached a step: nothing to take a median of, and nothing late yet (the clock
  // is in April, before they were made).
  assert.deepEqual(autumn.timeliness?.firstContact, {
    targetWorkingDays: 2,
    reached: 0,
    medianWorkingDays: null,
    withinTarget: 0,
    outsideTarget: 0,
    waiting: 3,
    shareWithinTarget: null,
  });
}
