/** The SDK functions `<hub-consent-capture>` calls, loaded with its first request (see consent-capture.ts). */
export { createConsent, withdrawConsent } from '@hubkit/sdk';
