/**
 * The steps after the first, and the check and done pages: not needed to paint the first step,
 * so the form loads them with its checks (when the person starts answering, or on idle), and
 * Continue waits for both.
 */
export { assessmentStep } from './assessment.ts';
export { checkStep } from './check.ts';
export { contactStep } from './contact.ts';
export { detailsStep } from './details.ts';
export { doneStep } from './done.ts';
export { needsStep } from './needs.ts';
export { personStep } from './person.ts';
export { safeguardingStep } from './safeguarding.ts';
