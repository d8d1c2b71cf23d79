/**
 * The codes of every codelist, on their own. Schemas validate against these; the labels that
 * people read live in `codelists.ts`, so a bundle that only validates carries no labels.
 */

export const NEED_CODES = [
  'money_debt',
  'benefits',
  'food',
  'fuel_energy',
  'housing',
  'wellbeing_mental_health',
  'physical_health',
  'loneliness_isolation',
  'family_parenting',
  'caring',
  'community_safety',
  'domestic_abuse',
  'work_skills',
  'digital_inclusion',
  'immigration',
  'legal_advice',
  'practical_support',
  'addiction',
  'transport',
  'other',
] as const;
export type NeedCode = (typeof NEED_CODES)[number];

export const URGENCY_CODES = ['routine', 'soon', 'urgent'] as const;
export type Urgency = (typeof URGENCY_CODES)[number];

export const REFERRER_TYPE_CODES = [
  'self',
  'family_friend',
  'councillor',
  'council_officer',
  'gp_practice',
  'health_professional',
  'vcs_partner',
  'housing_provider',
  'school',
  'police',
  'social_care',
  'dwp',
  'probation',
  'fire_rescue',
  'other',
] as const;
export type ReferrerType = (typeof REFERRER_TYPE_CODES)[number];

export const CONTACT_METHOD_CODES = ['phone', 'text', 'email', 'letter', 'in_person'] as const;
export type ContactMethod = (typeof CONTACT_METHOD_CODES)[number];

export const CONTACT_TIME_CODES = ['morning', 'afternoon', 'evening', 'weekend'] as const;
export type ContactTime = (typeof CONTACT_TIME_CODES)[number];

export const ACCESSIBILITY_NEED_CODES = [
  'step_free',
  'wheelchair',
  'hearing_loop',
  'bsl',
  'large_print',
  'easy_read',
  'braille',
  'text_relay',
  'home_visit',
  'extra_time',
  'other',
] as const;
export type AccessibilityNeed = (typeof ACCESSIBILITY_NEED_CODES)[number];

export const LANGUAGE_CODES = [
  'en',
  'cy',
  'bfi',
  'ar',
  'bn',
  'zh',
  'fa',
  'fr',
  'gu',
  'hi',
  'ku',
  'lt',
  'pl',
  'pt',
  'pa',
  'ro',
  'so',
  'es',
  'ta',
  'ti',
  'tr',
  'tw',
  'uk',
  'ur',
  'yo',
] as const;

export const SAFEGUARDING_SUBJECT_CODES = ['adult', 'child', 'both'] as const;
export type SafeguardingSubject = (typeof SAFEGUARDING_SUBJECT_CODES)[number];

export const REFERRAL_CHANNEL_CODES = ['web_form', 'phone', 'in_person', 'email', 'paper', 'api'] as const;
export type ReferralChannel = (typeof REFERRAL_CHANNEL_CODES)[number];

export const AGE_BAND_CODES = [
  'under_16',
  '16_24',
  '25_34',
  '35_44',
  '45_54',
  '55_64',
  '65_74',
  '75_plus',
  'prefer_not_to_say',
] as const;

export const DISABILITY_CODES = ['yes', 'no', 'prefer_not_to_say'] as const;

export const GENDER_REASSIGNMENT_CODES = ['same', 'different', 'prefer_not_to_say'] as const;

export const MARITAL_STATUS_CODES = [
  'never_married',
  'married',
  'civil_partnership',
  'separated',
  'divorced',
  'widowed',
  'prefer_not_to_say',
] as const;

export const PREGNANCY_MATERNITY_CODES = [
  'pregnant',
  'recently_given_birth',
  'neither',
  'prefer_not_to_say',
] as const;

export const ETHNICITY_CODES = [
  'white_british',
  'white_irish',
  'white_gypsy_traveller',
  'white_roma',
  'white_other',
  'mixed_white_black_caribbean',
  'mixed_white_black_african',
  'mixed_white_asian',
  'mixed_other',
  'asian_indian',
  'asian_pakistani',
  'asian_bangladeshi',
  'asian_chinese',
  'asian_other',
  'black_african',
  'black_caribbean',
  'black_other',
  'arab',
  'other',
  'prefer_not_to_say',
] as const;

export const RELIGION_CODES = [
  'none',
  'christian',
  'buddhist',
  'hindu',
  'jewish',
  'muslim',
  'sikh',
  'other',
  'prefer_not_to_say',
] as const;

export const SEX_CODES = ['female', 'male', 'prefer_not_to_say'] as const;

export const SEXUAL_ORIENTATION_CODES = [
  'straight',
  'gay_lesbian',
  'bisexual',
  'other',
  'prefer_not_to_say',
] as const;

export const REFERRAL_STATUS_CODES = [
  'draft',
  'submitted',
  'triage',
  'accepted',
  'declined',
  'assigned',
  'in_progress',
  'closed',
  'withdrawn',
  'returned',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUS_CODES)[number];

export const PRIORITY_CODES = ['emergency', 'urgent', 'routine'] as const;
export type Priority = (typeof PRIORITY_CODES)[number];

export const ACTOR_ROLE_CODES = ['referrer', 'hub', 'provider', 'system'] as const;
export type ActorRole = (typeof ACTOR_ROLE_CODES)[number];

export const OUTCOME_CODES = [
  'tenancy_sustained',
  'eviction_prevented',
  'rehoused',
  'income_maximised',
  'debt_managed',
  'food_secured',
  'fuel_support',
  'practical_help_arranged',
  'connected_to_community',
  'wellbeing_improved',
  'health_support_in_place',
  'family_support_in_place',
  'carer_support_in_place',
  'safety_plan_in_place',
  'into_work',
  'into_training',
  'digital_skills_gained',
  'device_or_data_provided',
  'immigration_status_resolved',
  'legal_problem_resolved',
  'recovery_support_in_place',
  'travel_arranged',
  'advice_given',
  'referred_on',
  'no_longer_needed',
  'declined',
  'unable_to_contact',
] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

export const FREQUENCY_CODES = [
  'one_off',
  'weekly',
  'fortnightly',
  'four_weekly',
  'monthly',
  'yearly',
] as const;
export type Frequency = (typeof FREQUENCY_CODES)[number];

export const WELLBEING_SCALE_CODES = ['1', '2', '3', '4', '5'] as const;

export const ACTION_OWNER_CODES = ['resident', 'hub', 'partner', 'referrer'] as const;

export const CONSENT_GIVER_CODES = ['resident', 'representative'] as const;

export const REPRESENTATIVE_AUTHORITY_CODES = [
  'resident_asked',
  'parent_guardian',
  'lasting_power_of_attorney',
  'deputy',
  'appointee',
  'best_interests',
  'other',
] as const;

export const CONSENT_METHOD_CODES = ['online', 'phone', 'in_person', 'paper'] as const;
export type ConsentMethod = (typeof CONSENT_METHOD_CODES)[number];

export const CONSENT_PURPOSE_CODES = [
  'hub_triage',
  'share_with_services',
  'single_assessment',
  'contact',
  'special_category',
  'follow_up',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSE_CODES)[number];

export const LAWFUL_BASIS_CODES = [
  'consent',
  'contract',
  'legal_obligation',
  'vital_interests',
  'public_task',
  'legitimate_interests',
] as const;
export type LawfulBasis = (typeof LAWFUL_BASIS_CODES)[number];

export const SPECIAL_CATEGORY_CONDITION_CODES = [
  'explicit_consent',
  'employment_social_security',
  'vital_interests',
  'not_for_profit',
  'made_public',
  'legal_claims',
  'substantial_public_interest',
  'health_social_care',
  'public_health',
  'archiving_research',
] as const;
export type SpecialCategoryCondition = (typeof SPECIAL_CATEGORY_CONDITION_CODES)[number];

export const CONFIDENTIALITY_BASIS_CODES = [
  'explicit_consent',
  'implied_consent_direct_care',
  'public_interest',
  'legal_requirement',
] as const;
export type ConfidentialityBasis = (typeof CONFIDENTIALITY_BASIS_CODES)[number];

export const CONTROLLER_ROLE_CODES = ['controller', 'joint_controller'] as const;

export const SERVICE_STATUS_CODES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export type ServiceStatus = (typeof SERVICE_STATUS_CODES)[number];

export const PHONE_TYPE_CODES = ['voice', 'text', 'textphone', 'video', 'fax', 'cell', 'pager'] as const;

export const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAY_CODES)[number];

export const DELIVERY_METHOD_CODES = ['in_person', 'phone', 'online', 'home_visit'] as const;

/** Referrers who act in a professional role: they give an organisation. */
export const professionalReferrerTypes = [
  'councillor',
  'council_officer',
  'gp_practice',
  'health_professional',
  'vcs_partner',
  'housing_provider',
  'school',
  'police',
  'social_care',
  'dwp',
  'probation',
  'fire_rescue',
] as const satisfies readonly ReferrerType[];
