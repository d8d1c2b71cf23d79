import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { labelOf, needCodes, safeguardingSubjectCodes, urgencyCodes } from './codelists.ts';
import { priorityOf } from './lifecycle.ts';
import { Need, Needs, Safeguarding } from './needs.ts';
import { REMOVE, changed, errorsOf, parsed } from './testing/edit.ts';

describe('needs codelist', () => {
  it('covers every kind of help the issue names', () => {
    const named: Record<string, RegExp> = {
      money_debt: /money.*debt/i,
      benefits: /benefits/i,
      food: /food/i,
      fuel_energy: /fuel.*energy/i,
      housing: /housing.*homelessness/i,
      wellbeing_mental_health: /wellbeing.*mental health/i,
      physical_health: /physical health/i,
      loneliness_isolation: /loneliness.*isolation/i,
      family_parenting: /family.*parenting/i,
      caring: /caring/i,
      community_safety: /community safety/i,
      domestic_abuse: /domestic abuse/i,
      work_skills: /work.*skills/i,
      digital_inclusion: /digital/i,
      immigration: /immigration/i,
      legal_advice: /legal/i,
    };
    for (const [code, label] of Object.entries(named)) {
      assert.ok((needCodes.codes as readonly string[]).includes(code), code);
      assert.match(labelOf(needCodes, code as (typeof needCodes.codes)[number]), label, code);
    }
  });

  it('has three urgencies', () => {
    assert.deepEqual([...urgencyCodes.codes], ['routine', 'soon', 'urgent']);
  });
});

describe('Need', () => {
  it('has a code, an urgency and the details in their own words', () => {
    const need = {
      code: 'food',
      urgency: 'urgent',
      details: 'Has been skipping meals.\nUsed a food bank once.',
    };
    assert.deepEqual(parsed(Need, need), need);
    assert.deepEqual(parsed(Need, { code: 'food', urgency: 'soon' }), { code: 'food', urgency: 'soon' });
  });

  it('needs a known code and urgency', () => {
    assert.deepEqual(errorsOf(Need, { urgency: 'soon' }), ['/code required']);
    assert.deepEqual(errorsOf(Need, { code: 'food' }), ['/urgency required']);
    assert.deepEqual(errorsOf(Need, { code: 'shopping', urgency: 'now' }), [
      '/code invalid_option',
      '/urgency invalid_option',
    ]);
  });

  it('takes details of up to 2000 characters, without hidden characters', () => {
    assert.ok(parsed(Need, { code: 'food', urgency: 'soon', details: 'x'.repeat(2000) }));
    assert.deepEqual(errorsOf(Need, { code: 'food', urgency: 'soon', details: 'x'.repeat(2001) }), [
      '/details too_long',
    ]);
    assert.deepEqual(errorsOf(Need, { code: 'food', urgency: 'soon', details: 'ok\u202e' }), [
      '/details invalid_characters',
    ]);
    assert.deepEqual(errorsOf(Need, { code: 'food', urgency: 'soon', details: '   ' }), [
      '/details required',
    ]);
  });

  it('refuses unknown fields', () => {
    assert.deepEqual(errorsOf(Need, { code: 'food', urgency: 'soon', priority: 1 }), [
      '/priority unknown_field',
    ]);
  });
});

describe('Needs', () => {
  it('needs at least one need, each kind once', () => {
    assert.deepEqual(errorsOf(Needs, []), [' required']);
    const twice = [
      { code: 'food', urgency: 'urgent' },
      { code: 'housing', urgency: 'soon' },
      { code: 'food', urgency: 'routine' },
    ];
    assert.deepEqual(errorsOf(Needs, twice), [' needs_unique']);
  });

  it('takes every kind of need at once', () => {
    const all = needCodes.codes.map((code) => ({ code, urgency: 'soon' }));
    assert.equal(parsed(Needs, all).length, needCodes.codes.length);
  });
});

describe('Safeguarding', () => {
  const none = { concern: false, immediateDanger: false };
  const concern = {
    concern: true,
    subject: 'child',
    immediateDanger: false,
    details: 'The school says he has not had a meal at home for days.',
  };

  it('needs nothing more when there is no concern', () => {
    assert.deepEqual(parsed(Safeguarding, none), none);
  });

  it('needs who the concern is about and what it is', () => {
    for (const subject of safeguardingSubjectCodes.codes) {
      assert.equal(parsed(Safeguarding, { ...concern, subject }).subject, subject);
    }
    assert.deepEqual([...safeguardingSubjectCodes.codes].sort(), ['adult', 'both', 'child']);
    assert.deepEqual(errorsOf(Safeguarding, changed(concern, [['subject'], REMOVE])), [
      '/subject safeguarding_subject_required',
    ]);
    assert.deepEqual(errorsOf(Safeguarding, changed(concern, [['details'], REMOVE])), [
      '/details safeguarding_details_required',
    ]);
    assert.deepEqual(errorsOf(Safeguarding, { concern: true, immediateDanger: false }), [
      '/details safeguarding_details_required',
      '/subject safeguarding_subject_required',
    ]);
  });

  it('does not let immediate danger be recorded without a concern', () => {
    assert.deepEqual(errorsOf(Safeguarding, { ...none, immediateDanger: true }), [
      '/concern danger_without_concern',
    ]);
  });

  it('makes immediate danger an emergency, and any concern urgent', () => {
    const needs = [{ code: 'food', urgency: 'routine' }];
    const danger = parsed(Safeguarding, { ...concern, immediateDanger: true, actionTaken: 'Called 999.' });
    assert.equal(priorityOf({ safeguarding: danger, needs }), 'emergency');
    assert.equal(priorityOf({ safeguarding: parsed(Safeguarding, concern), needs }), 'urgent');
    assert.equal(priorityOf({ safeguarding: parsed(Safeguarding, none), needs }), 'routine');
  });

  it('needs both answers, as true or false', () => {
    assert.deepEqual(errorsOf(Safeguarding, { concern: false }), ['/immediateDanger required']);
    assert.deepEqual(errorsOf(Safeguarding, { concern: 'no', immediateDanger: false }), [
      '/concern invalid_type',
    ]);
  });

  it('refuses unknown fields', () => {
    assert.deepEqual(errorsOf(Safeguarding, { ...none, reportedToPolice: true }), [
      '/reportedToPolice unknown_field',
    ]);
  });
});
