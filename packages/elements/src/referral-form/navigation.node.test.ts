// The referral form's navigation, every path through it, in Node: it is pure (no lit, no DOM).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  navigate,
  positionOf,
  START,
  STEPS,
  stepsOf,
  type FormStep,
  type NavState,
  type QuestionStep,
} from './navigation.ts';

const plain = stepsOf({ assessment: false, consent: false });
const full = stepsOf({ assessment: true, consent: true });
const at = (step: NavState['step'], changing = false): NavState => ({ step, changing });

/** Walks Continue from the start with nothing invalid, collecting each step reached. */
function walk(steps: readonly FormStep[]): NavState['step'][] {
  const seen: NavState['step'][] = [START.step];
  let state = START;
  for (;;) {
    const next = navigate(state, { type: 'continue', invalid: [] }, steps);
    if (next === state) return seen;
    seen.push(next.step);
    state = next;
  }
}

describe('referral form navigation', () => {
  it('has the assessment only when turned on, and the consent only with a capture', () => {
    assert.deepEqual(plain, ['referrer', 'person', 'needs', 'details', 'safeguarding', 'contact', 'check']);
    assert.deepEqual(full, STEPS);
    assert.deepEqual(stepsOf({ assessment: true, consent: false }).includes('consent'), false);
    assert.deepEqual(stepsOf({ assessment: false, consent: true }).includes('assessment'), false);
  });

  it('Continue goes through every step in order and stops on check (Send, not Continue, leaves it)', () => {
    assert.deepEqual(walk(plain), plain);
    assert.deepEqual(walk(full), full);
  });

  it('Continue stays on a step with errors of its own, even when later steps have errors too', () => {
    for (const step of plain.filter((s): s is QuestionStep => s !== 'check')) {
      const state = at(step);
      assert.equal(navigate(state, { type: 'continue', invalid: [step, 'contact'] }, plain), state);
    }
  });

  it('Continue moves on when only later steps have errors (they are not answered yet)', () => {
    assert.deepEqual(
      navigate(at('referrer'), { type: 'continue', invalid: ['person', 'needs'] }, plain),
      at('person'),
    );
  });

  it('Continue after a change returns to check, or first to a later step the change made needed', () => {
    assert.deepEqual(navigate(at('needs', true), { type: 'continue', invalid: [] }, plain), at('check'));
    // A new need has no urgency yet: its details come first, still on the way back to check.
    const details = navigate(at('needs', true), { type: 'continue', invalid: ['details'] }, plain);
    assert.deepEqual(details, at('details', true));
    assert.deepEqual(navigate(details, { type: 'continue', invalid: [] }, plain), at('check'));
    // A needed step earlier than the changed one counts too.
    assert.deepEqual(
      navigate(at('contact', true), { type: 'continue', invalid: ['person'] }, plain),
      at('person', true),
    );
  });

  it('Continue on a step the form does not have goes by the steps it has', () => {
    // The consent step follows contact only when there is a capture.
    assert.deepEqual(navigate(at('contact'), { type: 'continue', invalid: [] }, full), at('consent'));
    assert.deepEqual(navigate(at('contact'), { type: 'continue', invalid: [] }, plain), at('check'));
    assert.deepEqual(navigate(at('details'), { type: 'continue', invalid: [] }, full), at('assessment'));
    assert.deepEqual(navigate(at('details'), { type: 'continue', invalid: [] }, plain), at('safeguarding'));
  });

  it('Continue does nothing on check and on the confirmation', () => {
    for (const state of [at('check'), at('done')]) {
      assert.equal(navigate(state, { type: 'continue', invalid: [] }, full), state);
    }
  });

  it('Skip leaves the assessment whatever its errors, to the next step or back to check', () => {
    assert.deepEqual(
      navigate(at('assessment'), { type: 'skip', invalid: ['assessment'] }, full),
      at('safeguarding'),
    );
    assert.deepEqual(
      navigate(at('assessment', true), { type: 'skip', invalid: ['assessment'] }, full),
      at('check'),
    );
    assert.deepEqual(
      navigate(at('assessment', true), { type: 'skip', invalid: ['assessment', 'contact'] }, full),
      at('contact', true),
    );
    const elsewhere = at('person');
    assert.equal(navigate(elsewhere, { type: 'skip', invalid: [] }, full), elsewhere);
  });

  it('Back goes to the previous step, keeps to the steps the form has, and is not on the first', () => {
    assert.deepEqual(navigate(at('person'), { type: 'back' }, plain), at('referrer'));
    assert.deepEqual(navigate(at('safeguarding'), { type: 'back' }, full), at('assessment'));
    assert.deepEqual(navigate(at('safeguarding'), { type: 'back' }, plain), at('details'));
    assert.deepEqual(navigate(at('check'), { type: 'back' }, full), at('consent'));
    assert.deepEqual(navigate(at('check'), { type: 'back' }, plain), at('contact'));
    const first = at('referrer');
    assert.equal(navigate(first, { type: 'back' }, plain), first);
    const done = at('done');
    assert.equal(navigate(done, { type: 'back' }, plain), done);
  });

  it('Back after a change returns to check, keeping nothing of the change', () => {
    assert.deepEqual(navigate(at('referrer', true), { type: 'back' }, plain), at('check'));
    assert.deepEqual(navigate(at('details', true), { type: 'back' }, plain), at('check'));
  });

  it('Change goes from check to a step the form has, marked as a change', () => {
    for (const step of full.filter((s): s is QuestionStep => s !== 'check')) {
      assert.deepEqual(navigate(at('check'), { type: 'change', step }, full), at(step, true));
    }
    const check = at('check');
    assert.equal(navigate(check, { type: 'change', step: 'assessment' }, plain), check);
    const person = at('person');
    assert.equal(navigate(person, { type: 'change', step: 'needs' }, plain), person);
  });

  it('errors from a send go to the first step that has any, which then returns to check', () => {
    const there = navigate(at('check'), { type: 'errors', invalid: ['contact', 'person'] }, plain);
    assert.deepEqual(there, at('person', true));
    // Put right, Continue goes to the next step still in error, then to check.
    const contact = navigate(there, { type: 'continue', invalid: ['contact'] }, plain);
    assert.deepEqual(contact, at('contact', true));
    assert.deepEqual(navigate(contact, { type: 'continue', invalid: [] }, plain), at('check'));
    // Errors on the step it is on keep it as it was.
    assert.deepEqual(navigate(at('person'), { type: 'errors', invalid: ['person'] }, plain), at('person'));
    // Errors on no step the form has, or none at all: it stays.
    const check = at('check');
    assert.equal(navigate(check, { type: 'errors', invalid: ['assessment'] }, plain), check);
    assert.equal(navigate(check, { type: 'errors', invalid: [] }, plain), check);
    const done = at('done');
    assert.equal(navigate(done, { type: 'errors', invalid: ['person'] }, plain), done);
  });

  it('sent goes from check to the confirmation only; restart starts again from anywhere', () => {
    assert.deepEqual(navigate(at('check'), { type: 'sent' }, plain), at('done'));
    const person = at('person', true);
    assert.equal(navigate(person, { type: 'sent' }, plain), person);
    for (const step of [...full, 'done' as const]) {
      assert.deepEqual(navigate(at(step, true), { type: 'restart' }, full), START);
    }
    assert.deepEqual(START, at('referrer'));
  });

  it('says which step of how many, and whether there is a Back link', () => {
    assert.deepEqual(positionOf(at('referrer'), plain), { number: 1, total: 6, back: false });
    assert.deepEqual(positionOf(at('referrer', true), plain), { number: 1, total: 6, back: true });
    assert.deepEqual(positionOf(at('contact'), plain), { number: 6, total: 6, back: true });
    assert.deepEqual(positionOf(at('consent'), full), { number: 8, total: 8, back: true });
    assert.equal(positionOf(at('done'), full).back, false);
  });
});
