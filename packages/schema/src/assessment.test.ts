import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Assessment,
  AssessmentAction,
  AssessmentCreate,
  AssessmentDraft,
  AssessmentVersionCreate,
  WellbeingScore,
} from './assessment.ts';
import { actionOwnerCodes, labelOf, needCodes, wellbeingScale } from './codelists.ts';
import { tenantAssessment } from './fixtures/stored.ts';
import { REMOVE, changed, errorsOf, parsed } from './testing/edit.ts';

const { id, version, residentId, referralId, createdAt, ...draft } = tenantAssessment;
const section = { domain: 'food', score: 2, actions: [] };

describe('AssessmentDraft', () => {
  it('takes the sections, what matters, strengths, risks, who completed it and when', () => {
    assert.deepEqual(parsed(AssessmentDraft, draft), draft);
    assert.deepEqual(errorsOf(AssessmentDraft, {}), [
      '/completedAt required',
      '/completedBy required',
      '/sections required',
    ]);
  });

  it('has one section per need domain, at least one', () => {
    assert.deepEqual(errorsOf(AssessmentDraft, { ...draft, sections: [] }), ['/sections required']);
    const twice = [section, { ...section, score: 4 }];
    assert.deepEqual(errorsOf(AssessmentDraft, { ...draft, sections: twice }), ['/sections sections_unique']);
    const everyDomain = needCodes.codes.map((domain) => ({ ...section, domain }));
    assert.equal(
      parsed(AssessmentDraft, { ...draft, sections: everyDomain }).sections.length,
      needCodes.codes.length,
    );
    assert.deepEqual(errorsOf(AssessmentDraft, { ...draft, sections: [{ ...section, domain: 'hobbies' }] }), [
      '/sections/0/domain invalid_option',
    ]);
  });

  it('scores each section as a whole number from 1 to 5, each with a label', () => {
    for (const score of [1, 2, 3, 4, 5]) {
      assert.equal(parsed(WellbeingScore, score), score);
      assert.notEqual(
        labelOf(wellbeingScale, String(score) as (typeof wellbeingScale.codes)[number]),
        String(score),
      );
    }
    assert.deepEqual([...wellbeingScale.codes], ['1', '2', '3', '4', '5']);
    const scoreErrors = (score: unknown) =>
      errorsOf(AssessmentDraft, { ...draft, sections: [{ ...section, score }] });
    assert.deepEqual(scoreErrors(0), ['/sections/0/score too_small']);
    assert.deepEqual(scoreErrors(6), ['/sections/0/score too_big']);
    assert.deepEqual(scoreErrors(2.5), ['/sections/0/score invalid_type']);
    assert.deepEqual(scoreErrors('3'), ['/sections/0/score invalid_type']);
    assert.deepEqual(scoreErrors(Number.NaN), ['/sections/0/score invalid_type']);
    assert.deepEqual(scoreErrors(undefined), ['/sections/0/score required']);
  });

  it('refuses unknown fields, in the assessment, its sections, actions and assessor', () => {
    const places = [[], ['sections', 0], ['sections', 0, 'actions', 0], ['completedBy']];
    for (const place of places) {
      const pointer = place.map((p) => `/${p}`).join('');
      assert.deepEqual(errorsOf(AssessmentDraft, changed(draft, [[...place, 'mood'], 'x'])), [
        `${pointer}/mood unknown_field`,
      ]);
    }
  });
});

describe('actions', () => {
  const action = { description: 'Bring the last three bank statements', owner: 'resident' };

  it('say what will be done and who owns it', () => {
    assert.deepEqual([...actionOwnerCodes.codes].sort(), ['hub', 'partner', 'referrer', 'resident']);
    for (const owner of actionOwnerCodes.codes)
      assert.equal(parsed(AssessmentAction, { ...action, owner }).owner, owner);
    assert.deepEqual(errorsOf(AssessmentAction, changed(action, [['owner'], REMOVE])), ['/owner required']);
    assert.deepEqual(errorsOf(AssessmentAction, changed(action, [['description'], ' '])), [
      '/description required',
    ]);
    assert.deepEqual(errorsOf(AssessmentAction, { ...action, owner: 'nobody' }), ['/owner invalid_option']);
  });

  it('may name the owner, a real due date and whether it is done', () => {
    const full = {
      ...action,
      owner: 'partner',
      ownerName: 'Citizens Advice (fictional)',
      dueBy: '2026-09-15',
      done: false,
    };
    assert.deepEqual(parsed(AssessmentAction, full), full);
    assert.deepEqual(errorsOf(AssessmentAction, { ...action, dueBy: '2026-09-31' }), ['/dueBy invalid']);
  });

  it('allows up to 20 actions a section', () => {
    const actions = (n: number) => Array.from({ length: n }, () => action);
    assert.ok(parsed(AssessmentDraft, { ...draft, sections: [{ ...section, actions: actions(20) }] }));
    assert.deepEqual(
      errorsOf(AssessmentDraft, { ...draft, sections: [{ ...section, actions: actions(21) }] }),
      ['/sections/0/actions too_many'],
    );
  });
});

describe('AssessmentCreate', () => {
  it('is for a referral or a person known to the hub', () => {
    assert.ok(parsed(AssessmentCreate, { ...draft, referralId }));
    assert.ok(parsed(AssessmentCreate, { ...draft, residentId }));
    assert.deepEqual(errorsOf(AssessmentCreate, draft), ['/referralId assessment_subject_required']);
  });
});

describe('versions', () => {
  it('stores each version with its number, the person and the referral', () => {
    assert.ok(parsed(Assessment, tenantAssessment));
    assert.ok(parsed(Assessment, { ...tenantAssessment, version: 1, referralId: null }));
    for (const bad of [0, -1, 1.5, '2']) {
      assert.equal(errorsOf(Assessment, { ...tenantAssessment, version: bad }).length, 1, String(bad));
    }
    assert.deepEqual(errorsOf(Assessment, changed(tenantAssessment, [['residentId'], REMOVE])), [
      '/residentId required',
    ]);
  });

  it('takes a new version as the whole assessment, without the hub’s fields', () => {
    assert.equal(AssessmentVersionCreate, AssessmentDraft);
    assert.ok(parsed(AssessmentVersionCreate, draft));
    assert.deepEqual(errorsOf(AssessmentVersionCreate, { ...draft, version }), ['/version unknown_field']);
    assert.deepEqual(errorsOf(AssessmentVersionCreate, { ...draft, id, createdAt }), [
      '/createdAt unknown_field',
      '/id unknown_field',
    ]);
  });
});
