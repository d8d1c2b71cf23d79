/**
 * What checks a consent before it is recorded or collected: the schemas (zod) and the SDK's
 * `ValidationError`. Not needed to paint the questions, so `<hub-consent-capture>` loads this
 * when the person starts answering (and on idle before that).
 */
export { ConsentCreate, ReferralConsent, validate } from '@hubkit/schema';
export { ValidationError } from '@hubkit/sdk';
