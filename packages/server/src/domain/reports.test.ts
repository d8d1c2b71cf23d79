/**
 * The referral report over loopback HTTP: exact counts for a known set of referrals made on
 * known days (the hub's clock is set for each), small-number suppression, and no personal data.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Problem, Referral, ReferralCreate, ReferralReport } from '@hubkit/schema';
import {
  councillorDebtAndFood,
  gpSocialPrescribingLoneliness,
  immediateSafeguardingConcern,
  selfReferralShielding,
  tenantAtRiskOfEviction,
} from '@hubkit/schema/fixtures';
import { ORIGIN, type TestHub } from '../testing/hub.ts';
import { forEachEngine } from '../testing/engines.ts';
import { checkReportScenario, reportScenario } from '../testing/report-scenario.ts';

/** A councillor's referral of someone else in N7: money (soon) and food (urgent). */
function councillorReferral(
  given: string,
  postcode: string,
  phone: string,
  moneyOnly = false,
): ReferralCreate {
  const base = structuredClone(councillorDebtAndFood) as ReferralCreate;
  return {
    ...base,
    needs: moneyOnly ? base.needs.filter((n) => n.code === 'money_debt') : base.needs,
    resident: {
      ...base.resident,
      name: { given, family: `${given}son` },
      contact: { ...base.resident.contact, phone },
      address: { line1: `${given.length} Hornsey Road`, town: 'London', postcode },
    },
    notes: `${given} would rather be phoned than visited.`,
  };
}

/** Another GP referral, for a different person (no NHS number given). */
const secondGpReferral: ReferralCreate = (() => {
  const { nhsNumber: _nhs, ...resident } = structuredClone(gpSocialPrescribingLoneliness.resident);
  return {
    ...(structuredClone(gpSocialPrescribingLoneliness) as ReferralCreate),
    resident: {
      ...resident,
      name: { given: 'Wiesława', family: 'Kowalczyk' },
      contact: { ...resident.contact, phone: '+442079460322' },
    },
  };
})();

/** A referral in another district, with a need nothing in the range has: it shows if it leaks in. */
function outsider(postcode: string): ReferralCreate {
  const base = structuredClone(gpSocialPrescribingLoneliness) as ReferralCreate;
  return {
    ...base,
    resident: { ...base.resident, address: { line1: '3 Ealing Road', town: 'Wembley', postcode } },
    needs: [
      { code: 'immigration', urgency: 'routine', details: 'Needs help renewing a visa before it runs out.' },
    ],
  };
}

const made = {
  c1: { at: '2026-02-01T00:00:00.000Z', body: councillorReferral('Dmitri', 'N7 6QX', '+447700900101') },
  c2: { at: '2026-02-03T09:15:00.000Z', body: councillorReferral('Ebony', 'N7 8HS', '+447700900102') },
  c3: { at: '2026-02-05T14:00:00.000Z', body: councillorReferral('Farida', 'N7 9DP', '+447700900103') },
  c4: { at: '2026-02-07T10:30:00.000Z', body: councillorReferral('Gareth', 'N7 7JN', '+447700900104') },
  // Money only: four referrals for food, a count that suppression must hide.
  c5: {
    at: '2026-02-09T16:45:00.000Z',
    body: councillorReferral('Hyacinth', 'N7 0AB', '+447700900105', true),
  },
  tenant: { at: '2026-02-10T12:00:00.000Z', body: tenantAtRiskOfEviction as ReferralCreate },
  self: { at: '2026-02-14T08:00:00.000Z', body: selfReferralShielding as ReferralCreate },
  gp1: { at: '2026-02-20T11:00:00.000Z', body: gpSocialPrescribingLoneliness as ReferralCreate },
  gp2: { at: '2026-02-21T11:00:00.000Z', body: secondGpReferral },
  // The last moment of the last day: still in a report to 28 February.
  safeguarding: { at: '2026-02-28T23:59:59.000Z', body: immediateSafeguardingConcern as ReferralCreate },
  before: { at: '2026-01-31T23:59:59.999Z', body: outsider('HA0 4TL') },
  after: { at: '2026-03-01T00:00:00.000Z', body: outsider('HA9 0WS') },
} as const;

/** Strings that identify someone or tell their story, from every referral made here. */
function personalData(body: ReferralCreate): string[] {
  const { resident, referrer } = body;
  const out = [
    resident.name.given,
    resident.name.family,
    resident.dateOfBirth,
    resident.nhsNumber,
    resident.contact.phone,
    resident.contact.email,
    resident.contact.notes,
    resident.address?.line1,
    resident.address?.line2,
    resident.address?.postcode,
    resident.address?.postcode.replace(' ', ''),
    referrer.type === 'self' ? undefined : referrer.name,
    referrer.type === 'self' ? undefined : referrer.contact?.phone,
    referrer.type === 'self' ? undefined : referrer.contact?.email,
    body.notes,
    body.source?.partnerReference,
    body.safeguarding.details,
    body.safeguarding.actionTaken,
    ...body.needs.map((n) => n.details),
  ];
  return out.filter((s): s is string => typeof s === 'string' && s.length > 0);
}

forEachEngine((engine) => {
  describe('referral report', () => {
    let hub: TestHub;
    let now = new Date('2026-01-01T09:00:00.000Z');
    const ids: Partial<Record<keyof typeof made, string>> = {};

    async function move(
      name: keyof typeof made,
      ...steps: (string | { to: string; reason: string })[]
    ): Promise<void> {
      for (const step of steps) {
        const body = typeof step === 'string' ? { to: step } : step;
        const answer = await hub.request<Referral>('POST', `/v1/referrals/${ids[name] ?? ''}/transitions`, {
          body,
        });
        assert.equal(answer.status, 200, answer.text);
      }
    }

    async function outcome(name: keyof typeof made, need: string, code: string): Promise<void> {
      const answer = await hub.request('POST', `/v1/referrals/${ids[name] ?? ''}/outcomes`, {
        body: { need, code },
      });
      assert.equal(answer.status, 201, answer.text);
    }

    async function report(query: string): Promise<ReferralReport & { text: string }> {
      const answer = await hub.request<ReferralReport>('GET', `/v1/reports/referrals?${query}`);
      assert.equal(answer.status, 200, answer.text);
      return { ...answer.body, text: answer.text };
    }

    before(async () => {
      hub = await engine.testHub({ clock: { now: () => new Date(now) } });
      for (const [name, { at, body }] of Object.entries(made) as [
        keyof typeof made,
        (typeof made)[keyof typeof made],
      ][]) {
        now = new Date(at);
        const answer = await hub.request<Referral>('POST', '/v1/referrals', { body });
        assert.equal(answer.status, 201, `${name}: ${answer.text}`);
        assert.equal(answer.body.createdAt, at);
        ids[name] = answer.body.id;
      }
      // Work on them happens later; a report counts referrals by the day they were made.
      now = new Date('2026-03-10T10:00:00.000Z');
      await move('c1', 'triage', 'accepted', 'in_progress');
      await outcome('c1', 'money_debt', 'debt_managed');
      await outcome('c1', 'food', 'food_secured');
      await move('c1', 'closed');
      await move('c2', 'triage', 'accepted', 'in_progress');
      await outcome('c2', 'food', 'food_secured');
      await move('c3', 'triage');
      await move('c4', 'triage', { to: 'declined', reason: 'Already helped by the council’s own team.' });
      await move('tenant', { to: 'withdrawn', reason: 'Moved out of the area.' });
      await move('before', 'triage', 'accepted', 'in_progress');
      await outcome('before', 'immigration', 'immigration_status_resolved');
      await move('after', 'triage');
    });
    after(async () => {
      await hub.close();
    });

    it('counts exactly by need, status, priority, outcome, referrer type and area', async () => {
      const r = await report('from=2026-02-01&to=2026-02-28');
      assert.equal(r.from, '2026-02-01');
      assert.equal(r.to, '2026-02-28');
      assert.equal(r.smallNumbersSuppressed, false);
      assert.equal(r.total, 10);
      assert.deepEqual(r.byNeed, {
        money_debt: 6,
        food: 4,
        housing: 2,
        benefits: 1,
        practical_support: 1,
        loneliness_isolation: 3,
        wellbeing_mental_health: 2,
        domestic_abuse: 1,
        family_parenting: 1,
      });
      assert.deepEqual(r.byStatus, {
        submitted: 5,
        triage: 1,
        in_progress: 1,
        closed: 1,
        declined: 1,
        withdrawn: 1,
      });
      assert.deepEqual(r.byPriority, { urgent: 6, routine: 3, emergency: 1 });
      assert.deepEqual(r.byOutcome, { debt_managed: 1, food_secured: 2 });
      assert.deepEqual(r.byReferrerType, {
        councillor: 5,
        council_officer: 1,
        self: 1,
        gp_practice: 2,
        vcs_partner: 1,
      });
      assert.deepEqual(r.byArea, { N7: 5, IG11: 1, BL9: 1, NW10: 2, unknown: 1 });
    });

    it('takes in the whole of the `to` day and nothing outside the range', async () => {
      const lastDay = await report('from=2026-02-28&to=2026-02-28');
      assert.equal(lastDay.total, 1);
      assert.deepEqual(lastDay.byArea, { unknown: 1 });
      assert.deepEqual(lastDay.byPriority, { emergency: 1 });

      const firstDay = await report('from=2026-02-01&to=2026-02-01');
      assert.equal(firstDay.total, 1);
      assert.deepEqual(firstDay.byArea, { N7: 1 });

      const dayBefore = await report('from=2026-01-31&to=2026-01-31');
      assert.equal(dayBefore.total, 1);
      assert.deepEqual(dayBefore.byArea, { HA0: 1 });
      assert.deepEqual(dayBefore.byOutcome, { immigration_status_resolved: 1 });

      const dayAfter = await report('from=2026-03-01&to=2026-03-01');
      assert.equal(dayAfter.total, 1);
      assert.deepEqual(dayAfter.byNeed, { immigration: 1 });
      assert.deepEqual(dayAfter.byStatus, { triage: 1 });

      const all = await report('from=2026-01-01&to=2026-12-31');
      assert.equal(all.total, 12);
      assert.equal(all.byReferrerType.gp_practice, 4);
      assert.equal(all.byNeed.immigration, 2);
    });

    it('takes any day from 0000-01-01 to 9999-12-31, the first and last of the calendar', async () => {
      assert.equal((await report('from=0000-01-01&to=9999-12-31')).total, 12);
      assert.equal((await report('from=2026-01-01&to=9999-12-31')).total, 12);
      assert.equal((await report('from=0000-01-01&to=2026-01-31')).total, 1);
      assert.equal((await report('from=0000-01-01&to=0000-12-31')).total, 0);
      assert.equal((await report('from=9999-12-31&to=9999-12-31')).total, 0);
    });

    it('with suppressSmallNumbers=true, shows 1 to 4 as null and keeps 0 and 5 or more', async () => {
      const r = await report('from=2026-02-01&to=2026-02-28&suppressSmallNumbers=true');
      assert.equal(r.smallNumbersSuppressed, true);
      assert.equal(r.total, 10);
      assert.deepEqual(r.byNeed, {
        money_debt: 6,
        food: null,
        housing: null,
        benefits: null,
        practical_support: null,
        loneliness_isolation: null,
        wellbeing_mental_health: null,
        domestic_abuse: null,
        family_parenting: null,
      });
      assert.deepEqual(r.byStatus, {
        submitted: 5,
        triage: null,
        in_progress: null,
        closed: null,
        declined: null,
        withdrawn: null,
      });
      assert.deepEqual(r.byPriority, { urgent: 6, routine: null, emergency: null });
      assert.deepEqual(r.byOutcome, { debt_managed: null, food_secured: null });
      assert.deepEqual(r.byReferrerType, {
        councillor: 5,
        council_officer: null,
        self: null,
        gp_practice: null,
        vcs_partner: null,
      });
      assert.deepEqual(r.byArea, { N7: 5, IG11: null, BL9: null, NW10: null, unknown: null });

      const empty = await report('from=2025-06-01&to=2025-06-30&suppressSmallNumbers=true');
      assert.equal(empty.total, 0, 'zero is not a small number to hide');
      assert.deepEqual([empty.byNeed, empty.byStatus, empty.byArea], [{}, {}, {}]);

      const unsuppressed = await report('from=2026-02-01&to=2026-02-28&suppressSmallNumbers=false');
      assert.equal(unsuppressed.smallNumbersSuppressed, false);
      assert.equal(unsuppressed.byArea.IG11, 1);
    });

    it('holds no names, full postcodes, phone numbers, emails or free text', async () => {
      const personal = Object.values(made).flatMap(({ body }) => personalData(body));
      assert.ok(personal.length > 60, `${personal.length} pieces of personal data to look for`);
      for (const query of [
        'from=2026-01-01&to=2026-12-31',
        'from=2026-02-01&to=2026-02-28&suppressSmallNumbers=true',
      ]) {
        const { text } = await report(query);
        for (const value of personal)
          assert.ok(!text.toLowerCase().includes(value.toLowerCase()), `no "${value}" in the report`);
        for (const id of Object.values(ids)) assert.ok(!text.includes(id), 'no referral ids either');
      }
    });

    it('is for secret keys only', async () => {
      const answer = await hub.request<Problem>(
        'GET',
        '/v1/reports/referrals?from=2026-02-01&to=2026-02-28',
        {
          key: 'publishable',
          headers: { Origin: ORIGIN },
        },
      );
      assert.equal(answer.status, 403);
      assert.equal(answer.body.code, 'forbidden');
      assert.ok(!answer.text.includes('"total"'));
    });

    it('answers 400 naming the field when from is after to, or a date is not a date', async () => {
      const reversed = await hub.request<Problem>(
        'GET',
        '/v1/reports/referrals?from=2026-03-01&to=2026-02-01',
      );
      assert.equal(reversed.status, 400);
      assert.equal(reversed.body.code, 'invalid_query');
      assert.deepEqual(
        reversed.body.errors?.map((e) => [e.path, e.code]),
        [['/to', 'date_range_order']],
      );

      const malformed = await hub.request<Problem>(
        'GET',
        '/v1/reports/referrals?from=2026-02-30&to=2026-03-01',
      );
      assert.equal(malformed.status, 400);
      assert.equal(malformed.body.errors?.[0]?.path, '/from');

      const missing = await hub.request<Problem>('GET', '/v1/reports/referrals?from=2026-02-01');
      assert.equal(missing.status, 400);
      assert.equal(missing.body.errors?.[0]?.path, '/to');
    });
  });

  describe('the report after a referral changes', () => {
    let hub: TestHub;
    let now = new Date('2026-05-11T10:00:00.000Z');
    after(async () => {
      await hub.close();
    });

    it('counts its status moves, outcomes and equality answers as they are now', async () => {
      hub = await engine.testHub({ clock: { now: () => new Date(now) } });
      const base = structuredClone(councillorDebtAndFood) as ReferralCreate;
      const made = await hub.request<Referral>('POST', '/v1/referrals', {
        body: { ...base, resident: { ...base.resident, equality: { sex: 'female', ageBand: '25_34' } } },
      });
      assert.equal(made.status, 201, made.text);
      const id = made.body.id;
      const report = async () => {
        const answer = await hub.request<ReferralReport>(
          'GET',
          '/v1/reports/referrals?from=2026-05-01&to=2026-05-31',
        );
        assert.equal(answer.status, 200, answer.text);
        return answer.body;
      };
      const step = async (at: string, path: string, body: unknown, status: number) => {
        now = new Date(at);
        const answer = await hub.request('POST', `/v1/referrals/${id}/${path}`, { body });
        assert.equal(answer.status, status, answer.text);
      };
      const reached = (r: ReferralReport) => [
        r.timeliness?.firstContact.reached,
        r.timeliness?.firstContact.medianWorkingDays,
        r.timeliness?.close.reached,
        r.timeliness?.close.medianWorkingDays,
      ];

      // Submitted on Monday 11 May: not yet contacted nor closed.
      let r = await report();
      assert.deepEqual(reached(r), [0, null, 0, null]);
      assert.deepEqual(r.byEquality?.sex, { female: 1 });
      assert.equal(r.outcomeValues?.income_maximised?.count, 0);

      // Accepted on Wednesday 13 May: 2 working days.
      await step('2026-05-13T09:00:00.000Z', 'transitions', { to: 'triage' }, 200);
      await step('2026-05-13T09:00:00.000Z', 'transitions', { to: 'accepted' }, 200);
      r = await report();
      assert.deepEqual(reached(r), [1, 2, 0, null]);
      assert.deepEqual(r.byStatus, { accepted: 1 });

      // Income gained, then closed on Friday 15 May: 4 working days.
      const amount = { amount: 2500, currency: 'GBP', frequency: 'weekly' };
      await step(
        '2026-05-14T09:00:00.000Z',
        'outcomes',
        { need: 'money_debt', code: 'income_maximised', amount },
        201,
      );
      await step('2026-05-14T09:00:00.000Z', 'outcomes', { need: 'food', code: 'food_secured' }, 201);
      await step('2026-05-15T09:00:00.000Z', 'transitions', { to: 'in_progress' }, 200);
      await step('2026-05-15T09:30:00.000Z', 'transitions', { to: 'closed' }, 200);
      r = await report();
      assert.deepEqual(reached(r), [1, 2, 1, 4]);
      assert.deepEqual(r.outcomeValues?.income_maximised, {
        count: 1,
        byFrequency: { weekly: { count: 1, pence: 2500 } },
        annualPence: 130_000,
      });

      // Equality answered again (no route changes them: the store is given the referral).
      const store = hub.hub.store;
      const [version, referral] = [await store.referralVersion(id), await store.getReferral(id)];
      assert.ok(version !== null && referral);
      const resident = {
        ...referral.resident,
        equality: { ethnicity: 'white_other', ethnicityDescription: 'Cornish' },
      };
      assert.equal(await store.updateReferral({ ...referral, resident } as Referral, version, {}), true);
      r = await report();
      assert.deepEqual(r.byEquality?.sex, { not_asked: 1 });
      assert.deepEqual(r.byEquality.ageBand, { not_asked: 1 });
      assert.deepEqual(r.byEquality.ethnicity, { white_other: 1 });
      assert.deepEqual(reached(r), [1, 2, 1, 4]);
    });
  });

  describe('referral report over time, timeliness, outcome values and equality', () => {
    let hub: TestHub;
    let now = new Date('2026-03-01T09:00:00.000Z');
    after(async () => {
      await hub.close();
    });

    it('gives every figure as worked out by hand, at the clock changes and with suppression', async () => {
      hub = await engine.testHub({ clock: { now: () => new Date(now) } });
      const scenario = await reportScenario({
        setNow: (instant) => {
          now = new Date(instant);
        },
        request: (method, path, body) => hub.request(method, path, body === undefined ? {} : { body }),
      });
      await checkReportScenario(scenario);
    });
  });
});
