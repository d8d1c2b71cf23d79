/**
 * Every Welsh string the elements show, and the schema's (codelist labels, validation messages):
 * fetched once, as one chunk, the first time an element speaks Welsh, and never on an English
 * page. One chunk rather than one for each catalogue: every chunk costs each page an entry (its
 * name and integrity hash) in the loader, English pages included, and a Welsh page needs the
 * schema's Welsh, the largest part, whichever elements it has.
 */
// The schema's tables as data alone (not registerWelsh(), which would tie this chunk to the
// schema's code): core/common.ts puts them in place.
export { welshMessages } from '@hubkit/schema/cy';
export { welshLabels } from './codelists.cy.ts';
export { default as common } from './locale.cy.ts';
export { default as consentCapture } from '../consent-capture/messages.cy.ts';
export { default as referralForm } from '../referral-form/messages.cy.ts';
export { default as serviceFinder } from '../service-finder/messages.cy.ts';
export { default as referralTracker } from '../referral-tracker/messages.cy.ts';
export { default as report } from '../report/messages.cy.ts';
