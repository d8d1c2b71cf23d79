/**
 * The SDK function `<hub-referral-form>` calls, loaded when the person starts answering (see
 * referral-form.ts): the SDK and ky are not needed to paint the first step. How it is sent (one
 * key across retries, the failures in words) is the shared submit controller's.
 */
export { createReferral } from '@hubkit/sdk';
