import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { frequencyCodes, needCodes, outcomeCodes, type NeedCode, type OutcomeCode } from './codelists.ts';
import { MoneyAmount, Outcome, OutcomeCreate, outcomeFitsNeed, outcomesForNeed } from './outcome.ts';
import { REMOVE, changed, errorsOf, parsed } from './testing/edit.ts';

const weekly = { amount: 8640, currency: 'GBP', frequency: 'weekly' };

/** An outcome for `need`, with an amount when the outcome needs one. */
const outcomeFor = (code: OutcomeCode, need: NeedCode) => ({
  need,
  code,
  ...(code === 'income_maximised' ? { amount: weekly } : {}),
});

describe('which outcomes fit which needs', () => {
  // Outcomes that make sense for any need.
  const universal: OutcomeCode[] = [
    'advice_given',
    'referred_on',
    'no_longer_needed',
    'declined',
    'unable_to_contact',
  ];

  // What a caseworker would expect, written out on its own.
  const fits: [OutcomeCode, NeedCode][] = [
    ['tenancy_sustained', 'housing'],
    ['eviction_prevented', 'housing'],
    ['rehoused', 'housing'],
    ['rehoused', 'domestic_abuse'],
    ['income_maximised', 'benefits'],
    ['income_maximised', 'money_debt'],
    ['debt_managed', 'money_debt'],
    ['food_secured', 'food'],
    ['fuel_support', 'fuel_energy'],
    ['practical_help_arranged', 'practical_support'],
    ['connected_to_community', 'loneliness_isolation'],
    ['wellbeing_improved', 'wellbeing_mental_health'],
    ['health_support_in_place', 'physical_health'],
    ['family_support_in_place', 'family_parenting'],
    ['carer_support_in_place', 'caring'],
    ['safety_plan_in_place', 'domestic_abuse'],
    ['safety_plan_in_place', 'community_safety'],
    ['into_work', 'work_skills'],
    ['into_training', 'work_skills'],
    ['digital_skills_gained', 'digital_inclusion'],
    ['device_or_data_provided', 'digital_inclusion'],
  ];
  const doesNotFit: [OutcomeCode, NeedCode][] = [
    ['eviction_prevented', 'food'],
    ['tenancy_sustained', 'loneliness_isolation'],
    ['food_secured', 'housing'],
    ['device_or_data_provided', 'housing'],
    ['income_maximised', 'food'],
    ['income_maximised', 'domestic_abuse'],
    ['carer_support_in_place', 'digital_inclusion'],
    ['rehoused', 'loneliness_isolation'],
    ['digital_skills_gained', 'physical_health'],
    ['safety_plan_in_place', 'fuel_energy'],
    ['into_work', 'immigration'],
  ];

  it('lets the general outcomes be recorded against any need', () => {
    for (const code of universal) {
      for (const need of needCodes.codes) {
        assert.ok(outcomeFitsNeed(code, need), `${code} for ${need}`);
        assert.deepEqual(errorsOf(OutcomeCreate, outcomeFor(code, need)), []);
      }
    }
  });

  it('takes outcomes that fit the need, and refuses ones that do not', () => {
    for (const [code, need] of fits) {
      assert.ok(outcomeFitsNeed(code, need), `${code} for ${need}`);
      assert.deepEqual(errorsOf(OutcomeCreate, outcomeFor(code, need)), [], `${code} for ${need}`);
    }
    for (const [code, need] of doesNotFit) {
      assert.equal(outcomeFitsNeed(code, need), false, `${code} for ${need}`);
      assert.deepEqual(
        errorsOf(OutcomeCreate, outcomeFor(code, need)),
        ['/code outcome_does_not_fit_need'],
        `${code} for ${need}`,
      );
    }
  });

  it('decides every outcome and need pair the same way in the schema and the function', () => {
    for (const code of outcomeCodes.codes) {
      let fitsSomething = false;
      for (const need of needCodes.codes) {
        const fit = outcomeFitsNeed(code, need);
        fitsSomething ||= fit;
        assert.equal(OutcomeCreate.safeParse(outcomeFor(code, need)).success, fit, `${code} for ${need}`);
        assert.equal(outcomesForNeed(need).includes(code), fit, `${code} in outcomesForNeed(${need})`);
      }
      assert.ok(fitsSomething, `${code} fits no need`);
    }
  });

  it('lists the outcomes for a need in codelist order, the general ones included', () => {
    for (const need of needCodes.codes) {
      const list = outcomesForNeed(need);
      const order = list.map((code) => outcomeCodes.codes.indexOf(code));
      assert.deepEqual(
        order,
        [...order].sort((a, b) => a - b),
        need,
      );
      for (const code of universal) assert.ok(list.includes(code), `${code} for ${need}`);
    }
  });
});

describe('money outcomes', () => {
  it('need the income gained and how often for income maximised', () => {
    assert.deepEqual(errorsOf(OutcomeCreate, { need: 'benefits', code: 'income_maximised' }), [
      '/amount amount_required',
    ]);
    for (const frequency of frequencyCodes.codes) {
      assert.ok(
        parsed(OutcomeCreate, {
          need: 'benefits',
          code: 'income_maximised',
          amount: { ...weekly, frequency },
        }),
      );
    }
    assert.deepEqual(
      errorsOf(OutcomeCreate, {
        need: 'benefits',
        code: 'income_maximised',
        amount: { ...weekly, frequency: 'daily' },
      }),
      ['/amount/frequency invalid_option'],
    );
  });

  it('may give an amount for other outcomes, like a debt managed', () => {
    const debt = {
      need: 'money_debt',
      code: 'debt_managed',
      amount: { amount: 234000, currency: 'GBP', frequency: 'one_off' },
    };
    assert.deepEqual(parsed(OutcomeCreate, debt), debt);
  });

  it('are in whole pence, and not negative', () => {
    assert.deepEqual(parsed(MoneyAmount, { ...weekly, amount: 7 }).amount, 7);
    assert.deepEqual(errorsOf(MoneyAmount, { ...weekly, amount: -5 }), ['/amount too_small']);
    assert.deepEqual(errorsOf(MoneyAmount, { ...weekly, amount: 12.34 }), ['/amount invalid_type']);
    assert.deepEqual(errorsOf(MoneyAmount, { ...weekly, currency: 'EUR' }), ['/currency invalid_option']);
    assert.deepEqual(errorsOf(MoneyAmount, changed(weekly, [['frequency'], REMOVE])), [
      '/frequency required',
    ]);
  });
});

describe('Outcome (recorded)', () => {
  const recorded = {
    need: 'housing',
    code: 'eviction_prevented',
    recordedAt: '2026-10-28T12:00:00.000Z',
    recordedBy: { role: 'provider', organisation: 'Barking Riverside Advice Centre (fictional)' },
    notes: 'Possession claim withdrawn.',
  };

  it('records when and by whom, and applies the same rules', () => {
    assert.deepEqual(parsed(Outcome, recorded), recorded);
    assert.deepEqual(errorsOf(Outcome, { ...recorded, code: 'food_secured' }), [
      '/code outcome_does_not_fit_need',
    ]);
    assert.deepEqual(errorsOf(Outcome, { ...recorded, code: 'income_maximised', need: 'benefits' }), [
      '/amount amount_required',
    ]);
    assert.deepEqual(errorsOf(Outcome, changed(recorded, [['recordedBy', 'role'], 'volunteer'])), [
      '/recordedBy/role invalid_option',
    ]);
  });

  it('refuses unknown fields', () => {
    assert.deepEqual(errorsOf(OutcomeCreate, { ...outcomeFor('food_secured', 'food'), score: 5 }), [
      '/score unknown_field',
    ]);
    assert.deepEqual(errorsOf(Outcome, changed(recorded, [['recordedBy', 'name'], 'Sam'])), [
      '/recordedBy/name unknown_field',
    ]);
    assert.deepEqual(
      errorsOf(OutcomeCreate, {
        need: 'benefits',
        code: 'income_maximised',
        amount: { ...weekly, net: true },
      }),
      ['/amount/net unknown_field'],
    );
  });

  it('takes notes of up to 2000 characters', () => {
    assert.ok(parsed(Outcome, { ...recorded, notes: 'n'.repeat(2000) }));
    assert.deepEqual(errorsOf(Outcome, { ...recorded, notes: 'n'.repeat(2001) }), ['/notes too_long']);
  });
});
