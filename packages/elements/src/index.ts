/**
 * @hubkit/elements: web components partners drop into their sites. Importing this entry point
 * registers nothing; `@hubkit/elements/define` (or a single `@hubkit/elements/define/<element>`)
 * registers the tags.
 *
 * @packageDocumentation
 */
export { HubProvider } from './provider/hub-provider.ts';
export {
  HubElement,
  HubFormElement,
  hubContext,
  HubEvent,
  type HubConfig,
  type HubTheme,
} from './core/index.ts';
export {
  HubServiceFinder,
  HubServiceSelectEvent,
  type HubServiceSelectDetail,
  type FinderResult,
} from './service-finder/service-finder.ts';
export {
  HubConsentCapture,
  HubConsentChangeEvent,
  noticeHash,
  type HubConsentChangeDetail,
  type PrivacyNotice,
  type ConsentAnswers,
} from './consent-capture/consent-capture.ts';
export {
  HubReferralForm,
  HubReferralSubmittedEvent,
  type EmergencyContact,
  type RequestedService,
} from './referral-form/referral-form.ts';
export {
  HubReferralTracker,
  HubSessionExpiredEvent,
  type TrackerSortKey,
} from './referral-tracker/referral-tracker.ts';
export { HubReport } from './report/report.ts';
