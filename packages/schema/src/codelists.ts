/**
 * Codelists: the closed sets of codes the schema uses, each code with its English and Welsh
 * label. They are data, so forms render them, reports group by them and the schemas validate
 * against exactly the same list.
 *
 * The Welsh labels live apart, in `codelists.cy.ts`, so a browser on an English page never
 * downloads them: `registerWelsh()` (from `@hubkit/schema/cy`) puts them in place. Until then an
 * entry's `cy` is its English label.
 */

import {
  ACCESSIBILITY_NEED_CODES,
  ACTION_OWNER_CODES,
  ACTOR_ROLE_CODES,
  CONFIDENTIALITY_BASIS_CODES,
  CONSENT_GIVER_CODES,
  CONSENT_METHOD_CODES,
  CONSENT_PURPOSE_CODES,
  CONTACT_METHOD_CODES,
  CONTACT_TIME_CODES,
  CONTROLLER_ROLE_CODES,
  DELIVERY_METHOD_CODES,
  LANGUAGE_CODES,
  LAWFUL_BASIS_CODES,
  NEED_CODES,
  OUTCOME_CODES,
  PHONE_TYPE_CODES,
  PRIORITY_CODES,
  REFERRAL_CHANNEL_CODES,
  REFERRAL_STATUS_CODES,
  REFERRER_TYPE_CODES,
  REPRESENTATIVE_AUTHORITY_CODES,
  SAFEGUARDING_SUBJECT_CODES,
  SERVICE_STATUS_CODES,
  SPECIAL_CATEGORY_CONDITION_CODES,
  URGENCY_CODES,
  WEEKDAY_CODES,
  WELLBEING_SCALE_CODES,
} from './codes.ts';
import { codelist } from './codelist.ts';
import {
  ageBandCodes,
  disabilityCodes,
  ethnicityCodes,
  frequencyCodes,
  genderReassignmentCodes,
  maritalStatusCodes,
  pregnancyMaternityCodes,
  religionCodes,
  sexCodes,
  sexualOrientationCodes,
} from './report-codelists.ts';

export type {
  NeedCode,
  Urgency,
  ReferrerType,
  ContactMethod,
  ContactTime,
  AccessibilityNeed,
  SafeguardingSubject,
  ReferralChannel,
  ReferralStatus,
  Priority,
  ActorRole,
  OutcomeCode,
  Frequency,
  ConsentMethod,
  ConsentPurpose,
  LawfulBasis,
  SpecialCategoryCondition,
  ConfidentialityBasis,
  ServiceStatus,
  Weekday,
} from './codes.ts';
export { professionalReferrerTypes } from './codes.ts';

export {
  labelOf,
  langs,
  registerWelshTables,
  welsh,
  type CodeEntry,
  type Codelist,
  type Lang,
  type WelshMessages,
  type WelshTables,
} from './codelist.ts';
export {
  ageBandCodes,
  disabilityCodes,
  ethnicityCodes,
  frequencyCodes,
  genderReassignmentCodes,
  maritalStatusCodes,
  pregnancyMaternityCodes,
  religionCodes,
  sexCodes,
  sexualOrientationCodes,
} from './report-codelists.ts';

export const needCodes = codelist('need', NEED_CODES, [
  { code: 'money_debt', en: 'Money and debt' },
  { code: 'benefits', en: 'Benefits' },
  { code: 'food', en: 'Food' },
  { code: 'fuel_energy', en: 'Fuel and energy' },
  { code: 'housing', en: 'Housing and homelessness' },
  { code: 'wellbeing_mental_health', en: 'Wellbeing and mental health' },
  { code: 'physical_health', en: 'Physical health' },
  { code: 'loneliness_isolation', en: 'Loneliness and isolation' },
  { code: 'family_parenting', en: 'Family and parenting' },
  { code: 'caring', en: 'Caring for someone' },
  { code: 'community_safety', en: 'Community safety' },
  { code: 'domestic_abuse', en: 'Domestic abuse' },
  { code: 'work_skills', en: 'Work and skills' },
  { code: 'digital_inclusion', en: 'Digital help' },
  { code: 'immigration', en: 'Immigration advice' },
  { code: 'legal_advice', en: 'Legal advice' },
  {
    code: 'practical_support',
    en: 'Practical help (shopping, prescriptions)',
  },
  { code: 'addiction', en: 'Alcohol, drugs or gambling' },
  { code: 'transport', en: 'Getting about and transport' },
  { code: 'other', en: 'Something else' },
]);

export const urgencyCodes = codelist('urgency', URGENCY_CODES, [
  { code: 'routine', en: 'Not urgent' },
  { code: 'soon', en: 'Soon (within a week)' },
  { code: 'urgent', en: 'Urgent (within 2 days)' },
]);

export const referrerTypeCodes = codelist('referrer-type', REFERRER_TYPE_CODES, [
  { code: 'self', en: 'The person themselves' },
  { code: 'family_friend', en: 'Family, friend or neighbour' },
  { code: 'councillor', en: 'Councillor' },
  { code: 'council_officer', en: 'Council staff' },
  { code: 'gp_practice', en: 'GP practice' },
  { code: 'health_professional', en: 'Other health professional' },
  {
    code: 'vcs_partner',
    en: 'Voluntary or community organisation',
  },
  { code: 'housing_provider', en: 'Housing provider' },
  { code: 'school', en: 'School or college' },
  { code: 'police', en: 'Police' },
  {
    code: 'social_care',
    en: 'Adult or children’s social care',
  },
  { code: 'dwp', en: 'Jobcentre or DWP' },
  { code: 'probation', en: 'Probation service' },
  { code: 'fire_rescue', en: 'Fire and rescue service' },
  { code: 'other', en: 'Someone else' },
]);

export const contactMethodCodes = codelist('contact-method', CONTACT_METHOD_CODES, [
  { code: 'phone', en: 'Phone call' },
  { code: 'text', en: 'Text message' },
  { code: 'email', en: 'Email' },
  { code: 'letter', en: 'Letter' },
  { code: 'in_person', en: 'In person' },
]);

export const contactTimeCodes = codelist('contact-time', CONTACT_TIME_CODES, [
  { code: 'morning', en: 'Morning (9am to 12pm)' },
  { code: 'afternoon', en: 'Afternoon (12pm to 5pm)' },
  { code: 'evening', en: 'Evening (5pm to 8pm)' },
  { code: 'weekend', en: 'Weekend' },
]);

export const accessibilityNeedCodes = codelist('accessibility-need', ACCESSIBILITY_NEED_CODES, [
  { code: 'step_free', en: 'Step-free access' },
  { code: 'wheelchair', en: 'Wheelchair user' },
  { code: 'hearing_loop', en: 'Hearing loop' },
  { code: 'bsl', en: 'British Sign Language interpreter' },
  { code: 'large_print', en: 'Large print' },
  { code: 'easy_read', en: 'Easy read' },
  { code: 'braille', en: 'Braille' },
  { code: 'text_relay', en: 'Text relay service' },
  { code: 'home_visit', en: 'Home visit' },
  { code: 'extra_time', en: 'Extra time or breaks' },
  { code: 'other', en: 'Something else' },
]);

/**
 * Languages offered in forms, as BCP 47 tags. Any valid tag is accepted; this list is the
 * community languages most asked for in the four hub areas, so a form can offer them first.
 */
export const languageCodes = codelist('language', LANGUAGE_CODES, [
  { code: 'en', en: 'English' },
  { code: 'cy', en: 'Welsh' },
  { code: 'bfi', en: 'British Sign Language' },
  { code: 'ar', en: 'Arabic' },
  { code: 'bn', en: 'Bengali' },
  { code: 'zh', en: 'Chinese' },
  { code: 'fa', en: 'Farsi' },
  { code: 'fr', en: 'French' },
  { code: 'gu', en: 'Gujarati' },
  { code: 'hi', en: 'Hindi' },
  { code: 'ku', en: 'Kurdish' },
  { code: 'lt', en: 'Lithuanian' },
  { code: 'pl', en: 'Polish' },
  { code: 'pt', en: 'Portuguese' },
  { code: 'pa', en: 'Punjabi' },
  { code: 'ro', en: 'Romanian' },
  { code: 'so', en: 'Somali' },
  { code: 'es', en: 'Spanish' },
  { code: 'ta', en: 'Tamil' },
  { code: 'ti', en: 'Tigrinya' },
  { code: 'tr', en: 'Turkish' },
  { code: 'tw', en: 'Twi' },
  { code: 'uk', en: 'Ukrainian' },
  { code: 'ur', en: 'Urdu' },
  { code: 'yo', en: 'Yoruba' },
]);

export const safeguardingSubjectCodes = codelist('safeguarding-subject', SAFEGUARDING_SUBJECT_CODES, [
  { code: 'adult', en: 'An adult' },
  { code: 'child', en: 'A child' },
  { code: 'both', en: 'An adult and a child' },
]);

export const referralChannelCodes = codelist('referral-channel', REFERRAL_CHANNEL_CODES, [
  { code: 'web_form', en: 'Online form' },
  { code: 'phone', en: 'Phone' },
  { code: 'in_person', en: 'In person' },
  { code: 'email', en: 'Email' },
  { code: 'paper', en: 'Paper form' },
  { code: 'api', en: 'Partner system' },
]);

export const referralStatusCodes = codelist('referral-status', REFERRAL_STATUS_CODES, [
  { code: 'draft', en: 'Draft' },
  { code: 'submitted', en: 'Submitted' },
  { code: 'triage', en: 'Being triaged' },
  { code: 'accepted', en: 'Accepted' },
  { code: 'declined', en: 'Declined' },
  { code: 'assigned', en: 'Assigned to a service' },
  { code: 'in_progress', en: 'In progress' },
  { code: 'closed', en: 'Closed' },
  { code: 'withdrawn', en: 'Withdrawn' },
  { code: 'returned', en: 'Returned for more information' },
]);

export const priorityCodes = codelist('priority', PRIORITY_CODES, [
  { code: 'emergency', en: 'Emergency: immediate danger' },
  { code: 'urgent', en: 'Urgent' },
  { code: 'routine', en: 'Routine' },
]);

export const actorRoleCodes = codelist('actor-role', ACTOR_ROLE_CODES, [
  { code: 'referrer', en: 'Referrer' },
  { code: 'hub', en: 'Hub staff' },
  { code: 'provider', en: 'Service provider' },
  { code: 'system', en: 'System' },
]);

export const outcomeCodes = codelist('outcome', OUTCOME_CODES, [
  { code: 'tenancy_sustained', en: 'Tenancy sustained' },
  { code: 'eviction_prevented', en: 'Eviction prevented' },
  { code: 'rehoused', en: 'Moved to suitable housing' },
  { code: 'income_maximised', en: 'Income maximised' },
  { code: 'debt_managed', en: 'Debt managed' },
  { code: 'food_secured', en: 'Food secured' },
  { code: 'fuel_support', en: 'Help with energy costs received' },
  { code: 'practical_help_arranged', en: 'Practical help arranged' },
  { code: 'connected_to_community', en: 'Connected to community' },
  { code: 'wellbeing_improved', en: 'Wellbeing improved' },
  { code: 'health_support_in_place', en: 'Health support in place' },
  { code: 'family_support_in_place', en: 'Family support in place' },
  { code: 'carer_support_in_place', en: 'Carer support in place' },
  { code: 'safety_plan_in_place', en: 'Safety plan in place' },
  { code: 'into_work', en: 'Into work' },
  { code: 'into_training', en: 'Into training or education' },
  { code: 'digital_skills_gained', en: 'Digital skills gained' },
  { code: 'device_or_data_provided', en: 'Device or data provided' },
  {
    code: 'immigration_status_resolved',
    en: 'Immigration status resolved',
  },
  { code: 'legal_problem_resolved', en: 'Legal problem resolved' },
  { code: 'recovery_support_in_place', en: 'Recovery support in place' },
  { code: 'travel_arranged', en: 'Travel arranged' },
  { code: 'advice_given', en: 'Advice given' },
  { code: 'referred_on', en: 'Referred to another service' },
  { code: 'no_longer_needed', en: 'No longer needed' },
  { code: 'declined', en: 'Declined support' },
  { code: 'unable_to_contact', en: 'Unable to contact' },
]);

/** Where things stand in an assessment domain: 1 (in crisis) to 5 (thriving). */
export const wellbeingScale = codelist('wellbeing-scale', WELLBEING_SCALE_CODES, [
  { code: '1', en: 'In crisis' },
  { code: '2', en: 'Struggling' },
  { code: '3', en: 'Getting by' },
  { code: '4', en: 'Doing well' },
  { code: '5', en: 'Thriving' },
]);

export const actionOwnerCodes = codelist('action-owner', ACTION_OWNER_CODES, [
  { code: 'resident', en: 'The person' },
  { code: 'hub', en: 'The hub' },
  { code: 'partner', en: 'A partner organisation' },
  { code: 'referrer', en: 'The referrer' },
]);

export const consentGiverCodes = codelist('consent-giver', CONSENT_GIVER_CODES, [
  { code: 'resident', en: 'The person themselves' },
  { code: 'representative', en: 'Someone on their behalf' },
]);

export const representativeAuthorityCodes = codelist(
  'representative-authority',
  REPRESENTATIVE_AUTHORITY_CODES,
  [
    { code: 'resident_asked', en: 'The person asked them to' },
    { code: 'parent_guardian', en: 'Parent or guardian of a child' },
    { code: 'lasting_power_of_attorney', en: 'Lasting power of attorney' },
    {
      code: 'deputy',
      en: 'Deputy appointed by the Court of Protection',
    },
    { code: 'appointee', en: 'Benefits appointee' },
    {
      code: 'best_interests',
      en: 'Best-interests decision (Mental Capacity Act 2005)',
    },
    { code: 'other', en: 'Other' },
  ],
);

export const consentMethodCodes = codelist('consent-method', CONSENT_METHOD_CODES, [
  { code: 'online', en: 'Online' },
  { code: 'phone', en: 'Verbally, by phone' },
  { code: 'in_person', en: 'In person' },
  { code: 'paper', en: 'On paper' },
]);

/** Purposes are asked about one by one: consent is never bundled (ICO guidance). */
export const consentPurposeCodes = codelist('consent-purpose', CONSENT_PURPOSE_CODES, [
  {
    code: 'hub_triage',
    en: 'The hub uses these details to understand what help is needed',
  },
  {
    code: 'share_with_services',
    en: 'The hub shares these details with the services that can help',
  },
  {
    code: 'single_assessment',
    en: 'Services reuse one shared assessment, so the story is told once',
  },
  {
    code: 'contact',
    en: 'Services contact the person about this referral',
  },
  {
    code: 'special_category',
    en: 'Details about health, disability or ethnicity are used to get the right help',
  },
  {
    code: 'follow_up',
    en: 'The hub contacts the person later to ask how things went',
  },
]);

/** UK GDPR article 6(1). */
export const lawfulBasisCodes = codelist('lawful-basis', LAWFUL_BASIS_CODES, [
  { code: 'consent', en: 'Consent (article 6(1)(a))' },
  { code: 'contract', en: 'Contract (article 6(1)(b))' },
  {
    code: 'legal_obligation',
    en: 'Legal obligation (article 6(1)(c))',
  },
  {
    code: 'vital_interests',
    en: 'Vital interests (article 6(1)(d))',
  },
  { code: 'public_task', en: 'Public task (article 6(1)(e))' },
  {
    code: 'legitimate_interests',
    en: 'Legitimate interests (article 6(1)(f))',
  },
]);

/** UK GDPR article 9(2): the condition for processing special-category data. */
export const specialCategoryConditionCodes = codelist(
  'special-category-condition',
  SPECIAL_CATEGORY_CONDITION_CODES,
  [
    {
      code: 'explicit_consent',
      en: 'Explicit consent (article 9(2)(a))',
    },
    {
      code: 'employment_social_security',
      en: 'Employment, social security and social protection (article 9(2)(b))',
    },
    {
      code: 'vital_interests',
      en: 'Vital interests (article 9(2)(c))',
    },
    {
      code: 'not_for_profit',
      en: 'Not-for-profit body (article 9(2)(d))',
    },
    {
      code: 'made_public',
      en: 'Made public by the person (article 9(2)(e))',
    },
    {
      code: 'legal_claims',
      en: 'Legal claims (article 9(2)(f))',
    },
    {
      code: 'substantial_public_interest',
      en: 'Substantial public interest (article 9(2)(g))',
    },
    {
      code: 'health_social_care',
      en: 'Health or social care (article 9(2)(h))',
    },
    {
      code: 'public_health',
      en: 'Public health (article 9(2)(i))',
    },
    {
      code: 'archiving_research',
      en: 'Archiving, research or statistics (article 9(2)(j))',
    },
  ],
);

/** The basis for sharing confidential information (common law duty of confidentiality). */
export const confidentialityBasisCodes = codelist('confidentiality-basis', CONFIDENTIALITY_BASIS_CODES, [
  { code: 'explicit_consent', en: 'Explicit consent' },
  {
    code: 'implied_consent_direct_care',
    en: 'Implied consent for direct care',
  },
  { code: 'public_interest', en: 'Overriding public interest' },
  {
    code: 'legal_requirement',
    en: 'Required by law or a court order',
  },
]);

export const controllerRoleCodes = codelist('controller-role', CONTROLLER_ROLE_CODES, [
  { code: 'controller', en: 'Controller' },
  { code: 'joint_controller', en: 'Joint controller' },
]);

export const serviceStatusCodes = codelist('service-status', SERVICE_STATUS_CODES, [
  { code: 'active', en: 'Open' },
  { code: 'inactive', en: 'Not running at the moment' },
  { code: 'defunct', en: 'Closed for good' },
  { code: 'temporarily closed', en: 'Temporarily closed' },
]);

export const phoneTypeCodes = codelist('phone-type', PHONE_TYPE_CODES, [
  { code: 'voice', en: 'Phone' },
  { code: 'text', en: 'Text' },
  { code: 'textphone', en: 'Textphone' },
  { code: 'video', en: 'Video call' },
  { code: 'fax', en: 'Fax' },
  { code: 'cell', en: 'Mobile' },
  { code: 'pager', en: 'Pager' },
]);

export const weekdayCodes = codelist('weekday', WEEKDAY_CODES, [
  { code: 'MO', en: 'Monday' },
  { code: 'TU', en: 'Tuesday' },
  { code: 'WE', en: 'Wednesday' },
  { code: 'TH', en: 'Thursday' },
  { code: 'FR', en: 'Friday' },
  { code: 'SA', en: 'Saturday' },
  { code: 'SU', en: 'Sunday' },
]);

export const deliveryMethodCodes = codelist('delivery-method', DELIVERY_METHOD_CODES, [
  { code: 'in_person', en: 'In person' },
  { code: 'phone', en: 'By phone' },
  { code: 'online', en: 'Online' },
  { code: 'home_visit', en: 'Home visits' },
]);

/** Every codelist, by name: for documentation, FHIR CodeSystems and forms. */
export const codelists = {
  need: needCodes,
  urgency: urgencyCodes,
  'referrer-type': referrerTypeCodes,
  'contact-method': contactMethodCodes,
  'contact-time': contactTimeCodes,
  'accessibility-need': accessibilityNeedCodes,
  language: languageCodes,
  'safeguarding-subject': safeguardingSubjectCodes,
  'referral-channel': referralChannelCodes,
  'age-band': ageBandCodes,
  disability: disabilityCodes,
  'gender-reassignment': genderReassignmentCodes,
  'marital-status': maritalStatusCodes,
  'pregnancy-maternity': pregnancyMaternityCodes,
  ethnicity: ethnicityCodes,
  religion: religionCodes,
  sex: sexCodes,
  'sexual-orientation': sexualOrientationCodes,
  'referral-status': referralStatusCodes,
  priority: priorityCodes,
  'actor-role': actorRoleCodes,
  outcome: outcomeCodes,
  frequency: frequencyCodes,
  'wellbeing-scale': wellbeingScale,
  'action-owner': actionOwnerCodes,
  'consent-giver': consentGiverCodes,
  'representative-authority': representativeAuthorityCodes,
  'consent-method': consentMethodCodes,
  'consent-purpose': consentPurposeCodes,
  'lawful-basis': lawfulBasisCodes,
  'special-category-condition': specialCategoryConditionCodes,
  'confidentiality-basis': confidentialityBasisCodes,
  'controller-role': controllerRoleCodes,
  'service-status': serviceStatusCodes,
  'phone-type': phoneTypeCodes,
  weekday: weekdayCodes,
  'delivery-method': deliveryMethodCodes,
} as const;
