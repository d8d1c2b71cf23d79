/**
 * What `<hub-referral-form>` sends with, loaded when the person starts answering (see
 * referral-form.ts), so the first step paints without it: the SDK function it calls (with the
 * SDK and ky), and the shared submit controller that sends it exactly once and says a failure
 * in the words every element uses.
 */
export { createReferral } from '@hubkit/sdk';
export { SubmitController, failureText } from '../core/submit-controller.ts';
