/**
 * Where the referral form is and where each action takes it: a pure state machine (no lit, no
 * DOM, no schema), so every path between steps is tested on its own. The element asks it where
 * to go and renders the answer; which steps have errors comes from the schema check, passed in.
 */

/**
 * Every step, in order; `assessment` only when the partner turns it on, `consent` only when a
 * `<hub-consent-capture>` is given to the form.
 */
export const STEPS = [
  'referrer',
  'person',
  'needs',
  'details',
  'assessment',
  'safeguarding',
  'contact',
  'consent',
  'check',
] as const;
/** A page of the form: each step, and the confirmation once the referral is sent. */
export type Step = (typeof STEPS)[number] | 'done';
/** The steps with questions on them. */
export type QuestionStep = Exclude<Step, 'check' | 'done'>;
/** The steps a form can have (all but the confirmation). */
export type FormStep = Exclude<Step, 'done'>;

/** The question steps whose answers the schema checks, in order (the consent element checks its own). */
export const CHECKED_STEPS: readonly Exclude<QuestionStep, 'consent'>[] = STEPS.filter(
  (s): s is Exclude<QuestionStep, 'consent'> => s !== 'check' && s !== 'consent',
);

export interface NavState {
  readonly step: Step;
  /** Reached from a Change link: Continue and Back return to "Check your answers". */
  readonly changing: boolean;
}

export type NavEvent =
  /** Continue: `invalid` is every step the whole check found errors on. */
  | { readonly type: 'continue'; readonly invalid: readonly QuestionStep[] }
  /** "Skip this step" (the assessment): never stays, even with errors on it. */
  | { readonly type: 'skip'; readonly invalid: readonly QuestionStep[] }
  | { readonly type: 'back' }
  /** A Change link on "Check your answers". */
  | { readonly type: 'change'; readonly step: QuestionStep }
  /** Send found errors (the browser's check or the hub's): go to the first step that has any. */
  | { readonly type: 'errors'; readonly invalid: readonly QuestionStep[] }
  | { readonly type: 'sent' }
  /** A new referral ("Make another referral", or the partner's form reset). */
  | { readonly type: 'restart' };

export const START: NavState = { step: 'referrer', changing: false };

/** The steps a form has: the assessment only when turned on, the consent only with a capture. */
export function stepsOf(options: { assessment: boolean; consent: boolean }): readonly FormStep[] {
  return STEPS.filter(
    (s) => (s !== 'consent' || options.consent) && (s !== 'assessment' || options.assessment),
  );
}

const firstInvalid = (
  steps: readonly FormStep[],
  invalid: readonly QuestionStep[],
): QuestionStep | undefined => steps.find((s): s is QuestionStep => s !== 'check' && invalid.includes(s));

/** After a step's answers are accepted: the next step, or back to check via any step a change made needed. */
function onward(state: NavState, steps: readonly FormStep[], invalid: readonly QuestionStep[]): NavState {
  if (state.changing) {
    // A change can make a later answer needed (a new need has no urgency yet).
    const needed = firstInvalid(steps, invalid);
    return needed ? { step: needed, changing: true } : { step: 'check', changing: false };
  }
  const at = steps.indexOf(state.step as FormStep);
  return { step: steps[at + 1] ?? 'check', changing: false };
}

/**
 * Where `event` takes the form from `state`, given the steps it has. Returns `state` itself
 * (the same object) when the form stays where it is.
 */
export function navigate(state: NavState, event: NavEvent, steps: readonly FormStep[]): NavState {
  switch (event.type) {
    case 'continue': {
      const step = state.step;
      if (step === 'check' || step === 'done') return state;
      if (event.invalid.includes(step)) return state;
      return onward(state, steps, event.invalid);
    }
    case 'skip':
      if (state.step !== 'assessment') return state;
      return onward(
        state,
        steps,
        event.invalid.filter((s) => s !== 'assessment'),
      );
    case 'back': {
      if (state.step === 'done') return state;
      if (state.changing) return { step: 'check', changing: false };
      const at = steps.indexOf(state.step);
      const previous = at > 0 ? steps[at - 1] : undefined;
      return previous ? { step: previous, changing: false } : state;
    }
    case 'change':
      if (state.step !== 'check' || !steps.includes(event.step)) return state;
      return { step: event.step, changing: true };
    case 'errors': {
      if (state.step === 'done') return state;
      const first = firstInvalid(steps, event.invalid);
      if (!first) return state;
      // From elsewhere (check), the person returns to check once it is put right.
      return { step: first, changing: state.changing || first !== state.step };
    }
    case 'sent':
      return state.step === 'check' ? { step: 'done', changing: false } : state;
    case 'restart':
      return START;
  }
}

/** What the page shows of where it is: "Step n of total" and whether there is a Back link. */
export function positionOf(
  state: NavState,
  steps: readonly FormStep[],
): { number: number; total: number; back: boolean } {
  const at = steps.indexOf(state.step as FormStep);
  return {
    number: at + 1,
    total: steps.length - 1,
    back: state.step !== 'done' && (at > 0 || state.changing),
  };
}
