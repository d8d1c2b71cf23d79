/**
 * The Welsh labels of the codelists the elements show: only those, not all the schema's
 * (../../welsh-shown.test.ts checks the two agree): the server, FHIR and the docs take the full
 * tables from `@hubkit/schema/cy`. Part of the Welsh chunk (welsh.cy.ts).
 */
import {
  actorRoleCodesCy,
  consentGiverCodesCy,
  consentMethodCodesCy,
  consentPurposeCodesCy,
  contactMethodCodesCy,
  contactTimeCodesCy,
  languageCodesCy,
  needCodesCy,
  outcomeCodesCy,
  referralStatusCodesCy,
  referrerTypeCodesCy,
  representativeAuthorityCodesCy,
  safeguardingSubjectCodesCy,
  urgencyCodesCy,
  weekdayCodesCy,
  wellbeingScaleCy,
} from '@hubkit/schema/cy';

/** The Welsh labels of the codelists the elements show, by codelist name. */
export const welshLabels = {
  'actor-role': actorRoleCodesCy,
  'consent-giver': consentGiverCodesCy,
  'consent-method': consentMethodCodesCy,
  'consent-purpose': consentPurposeCodesCy,
  'contact-method': contactMethodCodesCy,
  'contact-time': contactTimeCodesCy,
  language: languageCodesCy,
  need: needCodesCy,
  outcome: outcomeCodesCy,
  'referral-status': referralStatusCodesCy,
  'referrer-type': referrerTypeCodesCy,
  'representative-authority': representativeAuthorityCodesCy,
  'safeguarding-subject': safeguardingSubjectCodesCy,
  urgency: urgencyCodesCy,
  weekday: weekdayCodesCy,
  'wellbeing-scale': wellbeingScaleCy,
};
