/**
 * Codelists: the closed sets of codes the schema uses, each code with its English and Welsh
 * label. They are data, so forms render them, reports group by them and the schemas validate
 * against exactly the same list.
 */

import {
  ACCESSIBILITY_NEED_CODES,
  ACTION_OWNER_CODES,
  ACTOR_ROLE_CODES,
  AGE_BAND_CODES,
  CONFIDENTIALITY_BASIS_CODES,
  CONSENT_GIVER_CODES,
  CONSENT_METHOD_CODES,
  CONSENT_PURPOSE_CODES,
  CONTACT_METHOD_CODES,
  CONTACT_TIME_CODES,
  CONTROLLER_ROLE_CODES,
  DELIVERY_METHOD_CODES,
  DISABILITY_CODES,
  ETHNICITY_CODES,
  FREQUENCY_CODES,
  GENDER_REASSIGNMENT_CODES,
  LANGUAGE_CODES,
  LAWFUL_BASIS_CODES,
  MARITAL_STATUS_CODES,
  NEED_CODES,
  OUTCOME_CODES,
  PHONE_TYPE_CODES,
  PREGNANCY_MATERNITY_CODES,
  PRIORITY_CODES,
  REFERRAL_CHANNEL_CODES,
  REFERRAL_STATUS_CODES,
  REFERRER_TYPE_CODES,
  RELIGION_CODES,
  REPRESENTATIVE_AUTHORITY_CODES,
  SAFEGUARDING_SUBJECT_CODES,
  SERVICE_STATUS_CODES,
  SEXUAL_ORIENTATION_CODES,
  SEX_CODES,
  SPECIAL_CATEGORY_CONDITION_CODES,
  URGENCY_CODES,
  WEEKDAY_CODES,
  WELLBEING_SCALE_CODES,
} from './codes.ts';

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

/** A language hubkit speaks to people in. */
export type Lang = 'en' | 'cy';
export const langs = ['en', 'cy'] as const satisfies readonly Lang[];

export interface CodeEntry<C extends string = string> {
  readonly code: C;
  readonly en: string;
  readonly cy: string;
}

export interface Codelist<C extends string> {
  /** Stable name, used in JSON Schema, FHIR CodeSystem and ORUK taxonomy ids. */
  readonly name: string;
  readonly codes: readonly [C, ...C[]];
  readonly entries: readonly CodeEntry<C>[];
}

/* @__NO_SIDE_EFFECTS__ */
function codelist<const C extends string>(
  name: string,
  codes: readonly [C, ...C[]],
  entries: readonly CodeEntry<C>[],
): Codelist<C> {
  return { name, codes, entries };
}

/** The label of `code` in `list`, in `lang`; the code itself when the code is not in the list. */
export function labelOf<C extends string>(list: Codelist<C>, code: C, lang: Lang = 'en'): string {
  const entry = list.entries.find((e) => e.code === code);
  return entry ? entry[lang] : code;
}

const preferNotToSay = {
  code: 'prefer_not_to_say',
  en: 'Prefer not to say',
  cy: 'Mae’n well gen i beidio â dweud',
} as const;

export const needCodes = codelist('need', NEED_CODES, [
  { code: 'money_debt', en: 'Money and debt', cy: 'Arian a dyled' },
  { code: 'benefits', en: 'Benefits', cy: 'Budd-daliadau' },
  { code: 'food', en: 'Food', cy: 'Bwyd' },
  { code: 'fuel_energy', en: 'Fuel and energy', cy: 'Tanwydd ac ynni' },
  { code: 'housing', en: 'Housing and homelessness', cy: 'Tai a digartrefedd' },
  { code: 'wellbeing_mental_health', en: 'Wellbeing and mental health', cy: 'Llesiant ac iechyd meddwl' },
  { code: 'physical_health', en: 'Physical health', cy: 'Iechyd corfforol' },
  { code: 'loneliness_isolation', en: 'Loneliness and isolation', cy: 'Unigrwydd ac ynysigrwydd' },
  { code: 'family_parenting', en: 'Family and parenting', cy: 'Teulu a magu plant' },
  { code: 'caring', en: 'Caring for someone', cy: 'Gofalu am rywun' },
  { code: 'community_safety', en: 'Community safety', cy: 'Diogelwch cymunedol' },
  { code: 'domestic_abuse', en: 'Domestic abuse', cy: 'Cam-drin domestig' },
  { code: 'work_skills', en: 'Work and skills', cy: 'Gwaith a sgiliau' },
  { code: 'digital_inclusion', en: 'Digital help', cy: 'Help digidol' },
  { code: 'immigration', en: 'Immigration advice', cy: 'Cyngor ar fewnfudo' },
  { code: 'legal_advice', en: 'Legal advice', cy: 'Cyngor cyfreithiol' },
  {
    code: 'practical_support',
    en: 'Practical help (shopping, prescriptions)',
    cy: 'Help ymarferol (siopa, presgripsiynau)',
  },
  { code: 'addiction', en: 'Alcohol, drugs or gambling', cy: 'Alcohol, cyffuriau neu gamblo' },
  { code: 'transport', en: 'Getting about and transport', cy: 'Teithio a thrafnidiaeth' },
  { code: 'other', en: 'Something else', cy: 'Rhywbeth arall' },
]);

export const urgencyCodes = codelist('urgency', URGENCY_CODES, [
  { code: 'routine', en: 'Not urgent', cy: 'Ddim yn frys' },
  { code: 'soon', en: 'Soon (within a week)', cy: 'Cyn bo hir (o fewn wythnos)' },
  { code: 'urgent', en: 'Urgent (within 2 days)', cy: 'Brys (o fewn 2 ddiwrnod)' },
]);

export const referrerTypeCodes = codelist('referrer-type', REFERRER_TYPE_CODES, [
  { code: 'self', en: 'The person themselves', cy: 'Yr unigolyn ei hun' },
  { code: 'family_friend', en: 'Family, friend or neighbour', cy: 'Teulu, ffrind neu gymydog' },
  { code: 'councillor', en: 'Councillor', cy: 'Cynghorydd' },
  { code: 'council_officer', en: 'Council staff', cy: 'Staff y cyngor' },
  { code: 'gp_practice', en: 'GP practice', cy: 'Practis meddyg teulu' },
  { code: 'health_professional', en: 'Other health professional', cy: 'Gweithiwr iechyd proffesiynol arall' },
  {
    code: 'vcs_partner',
    en: 'Voluntary or community organisation',
    cy: 'Sefydliad gwirfoddol neu gymunedol',
  },
  { code: 'housing_provider', en: 'Housing provider', cy: 'Darparwr tai' },
  { code: 'school', en: 'School or college', cy: 'Ysgol neu goleg' },
  { code: 'police', en: 'Police', cy: 'Heddlu' },
  {
    code: 'social_care',
    en: 'Adult or children’s social care',
    cy: 'Gofal cymdeithasol i oedolion neu blant',
  },
  { code: 'dwp', en: 'Jobcentre or DWP', cy: 'Canolfan Byd Gwaith neu’r Adran Gwaith a Phensiynau' },
  { code: 'probation', en: 'Probation service', cy: 'Gwasanaeth prawf' },
  { code: 'fire_rescue', en: 'Fire and rescue service', cy: 'Gwasanaeth tân ac achub' },
  { code: 'other', en: 'Someone else', cy: 'Rhywun arall' },
]);

export const contactMethodCodes = codelist('contact-method', CONTACT_METHOD_CODES, [
  { code: 'phone', en: 'Phone call', cy: 'Galwad ffôn' },
  { code: 'text', en: 'Text message', cy: 'Neges destun' },
  { code: 'email', en: 'Email', cy: 'E-bost' },
  { code: 'letter', en: 'Letter', cy: 'Llythyr' },
  { code: 'in_person', en: 'In person', cy: 'Wyneb yn wyneb' },
]);

export const contactTimeCodes = codelist('contact-time', CONTACT_TIME_CODES, [
  { code: 'morning', en: 'Morning (9am to 12pm)', cy: 'Bore (9am i 12pm)' },
  { code: 'afternoon', en: 'Afternoon (12pm to 5pm)', cy: 'Prynhawn (12pm i 5pm)' },
  { code: 'evening', en: 'Evening (5pm to 8pm)', cy: 'Noswaith (5pm i 8pm)' },
  { code: 'weekend', en: 'Weekend', cy: 'Penwythnos' },
]);

export const accessibilityNeedCodes = codelist('accessibility-need', ACCESSIBILITY_NEED_CODES, [
  { code: 'step_free', en: 'Step-free access', cy: 'Mynediad heb risiau' },
  { code: 'wheelchair', en: 'Wheelchair user', cy: 'Defnyddiwr cadair olwyn' },
  { code: 'hearing_loop', en: 'Hearing loop', cy: 'Dolen sain' },
  { code: 'bsl', en: 'British Sign Language interpreter', cy: 'Dehonglydd Iaith Arwyddion Prydain' },
  { code: 'large_print', en: 'Large print', cy: 'Print bras' },
  { code: 'easy_read', en: 'Easy read', cy: 'Hawdd ei ddarllen' },
  { code: 'braille', en: 'Braille', cy: 'Braille' },
  { code: 'text_relay', en: 'Text relay service', cy: 'Gwasanaeth cyfnewid testun' },
  { code: 'home_visit', en: 'Home visit', cy: 'Ymweliad cartref' },
  { code: 'extra_time', en: 'Extra time or breaks', cy: 'Amser ychwanegol neu seibiannau' },
  { code: 'other', en: 'Something else', cy: 'Rhywbeth arall' },
]);

/**
 * Languages offered in forms, as BCP 47 tags. Any valid tag is accepted; this list is the
 * community languages most asked for in the four hub areas, so a form can offer them first.
 */
export const languageCodes = codelist('language', LANGUAGE_CODES, [
  { code: 'en', en: 'English', cy: 'Saesneg' },
  { code: 'cy', en: 'Welsh', cy: 'Cymraeg' },
  { code: 'bfi', en: 'British Sign Language', cy: 'Iaith Arwyddion Prydain' },
  { code: 'ar', en: 'Arabic', cy: 'Arabeg' },
  { code: 'bn', en: 'Bengali', cy: 'Bengaleg' },
  { code: 'zh', en: 'Chinese', cy: 'Tsieinëeg' },
  { code: 'fa', en: 'Farsi', cy: 'Ffarsi' },
  { code: 'fr', en: 'French', cy: 'Ffrangeg' },
  { code: 'gu', en: 'Gujarati', cy: 'Gwjarati' },
  { code: 'hi', en: 'Hindi', cy: 'Hindi' },
  { code: 'ku', en: 'Kurdish', cy: 'Cwrdeg' },
  { code: 'lt', en: 'Lithuanian', cy: 'Lithwaneg' },
  { code: 'pl', en: 'Polish', cy: 'Pwyleg' },
  { code: 'pt', en: 'Portuguese', cy: 'Portiwgaleg' },
  { code: 'pa', en: 'Punjabi', cy: 'Pwnjabeg' },
  { code: 'ro', en: 'Romanian', cy: 'Rwmaneg' },
  { code: 'so', en: 'Somali', cy: 'Somalieg' },
  { code: 'es', en: 'Spanish', cy: 'Sbaeneg' },
  { code: 'ta', en: 'Tamil', cy: 'Tamileg' },
  { code: 'ti', en: 'Tigrinya', cy: 'Tigrinya' },
  { code: 'tr', en: 'Turkish', cy: 'Tyrceg' },
  { code: 'tw', en: 'Twi', cy: 'Twi' },
  { code: 'uk', en: 'Ukrainian', cy: 'Wcreineg' },
  { code: 'ur', en: 'Urdu', cy: 'Wrdw' },
  { code: 'yo', en: 'Yoruba', cy: 'Iorwba' },
]);

export const safeguardingSubjectCodes = codelist('safeguarding-subject', SAFEGUARDING_SUBJECT_CODES, [
  { code: 'adult', en: 'An adult', cy: 'Oedolyn' },
  { code: 'child', en: 'A child', cy: 'Plentyn' },
  { code: 'both', en: 'An adult and a child', cy: 'Oedolyn a phlentyn' },
]);

export const referralChannelCodes = codelist('referral-channel', REFERRAL_CHANNEL_CODES, [
  { code: 'web_form', en: 'Online form', cy: 'Ffurflen ar-lein' },
  { code: 'phone', en: 'Phone', cy: 'Ffôn' },
  { code: 'in_person', en: 'In person', cy: 'Wyneb yn wyneb' },
  { code: 'email', en: 'Email', cy: 'E-bost' },
  { code: 'paper', en: 'Paper form', cy: 'Ffurflen bapur' },
  { code: 'api', en: 'Partner system', cy: 'System partner' },
]);

// Equality monitoring: one question per protected characteristic in the Equality Act 2010
// (s.4), with answer options following the ONS 2021 Census where it asked the question.
// Every question is optional and every answer list allows "prefer not to say".

export const ageBandCodes = codelist('age-band', AGE_BAND_CODES, [
  { code: 'under_16', en: 'Under 16', cy: 'O dan 16' },
  { code: '16_24', en: '16 to 24', cy: '16 i 24' },
  { code: '25_34', en: '25 to 34', cy: '25 i 34' },
  { code: '35_44', en: '35 to 44', cy: '35 i 44' },
  { code: '45_54', en: '45 to 54', cy: '45 i 54' },
  { code: '55_64', en: '55 to 64', cy: '55 i 64' },
  { code: '65_74', en: '65 to 74', cy: '65 i 74' },
  { code: '75_plus', en: '75 or over', cy: '75 neu hŷn' },
  preferNotToSay,
]);

export const disabilityCodes = codelist('disability', DISABILITY_CODES, [
  { code: 'yes', en: 'Yes', cy: 'Ydw' },
  { code: 'no', en: 'No', cy: 'Nac ydw' },
  preferNotToSay,
]);

export const genderReassignmentCodes = codelist('gender-reassignment', GENDER_REASSIGNMENT_CODES, [
  {
    code: 'same',
    en: 'Yes, the same as sex registered at birth',
    cy: 'Ydy, yr un fath â’r rhyw a gofrestrwyd adeg geni',
  },
  {
    code: 'different',
    en: 'No, different from sex registered at birth',
    cy: 'Nac ydy, yn wahanol i’r rhyw a gofrestrwyd adeg geni',
  },
  preferNotToSay,
]);

export const maritalStatusCodes = codelist('marital-status', MARITAL_STATUS_CODES, [
  {
    code: 'never_married',
    en: 'Never married or in a civil partnership',
    cy: 'Erioed wedi priodi na bod mewn partneriaeth sifil',
  },
  { code: 'married', en: 'Married', cy: 'Yn briod' },
  { code: 'civil_partnership', en: 'In a civil partnership', cy: 'Mewn partneriaeth sifil' },
  { code: 'separated', en: 'Separated', cy: 'Wedi gwahanu' },
  {
    code: 'divorced',
    en: 'Divorced or civil partnership dissolved',
    cy: 'Wedi ysgaru neu bartneriaeth sifil wedi’i diddymu',
  },
  { code: 'widowed', en: 'Widowed or surviving civil partner', cy: 'Gweddw neu bartner sifil sy’n goroesi' },
  preferNotToSay,
]);

export const pregnancyMaternityCodes = codelist('pregnancy-maternity', PREGNANCY_MATERNITY_CODES, [
  { code: 'pregnant', en: 'Pregnant', cy: 'Yn feichiog' },
  {
    code: 'recently_given_birth',
    en: 'Given birth in the last 26 weeks',
    cy: 'Wedi rhoi genedigaeth yn ystod y 26 wythnos diwethaf',
  },
  { code: 'neither', en: 'Neither', cy: 'Dim un o’r rhain' },
  preferNotToSay,
]);

export const ethnicityCodes = codelist('ethnicity', ETHNICITY_CODES, [
  {
    code: 'white_british',
    en: 'White: English, Welsh, Scottish, Northern Irish or British',
    cy: 'Gwyn: Cymreig, Seisnig, Albanaidd, Gwyddelig Gogledd Iwerddon neu Brydeinig',
  },
  { code: 'white_irish', en: 'White: Irish', cy: 'Gwyn: Gwyddelig' },
  {
    code: 'white_gypsy_traveller',
    en: 'White: Gypsy or Irish Traveller',
    cy: 'Gwyn: Sipsi neu Deithiwr Gwyddelig',
  },
  { code: 'white_roma', en: 'White: Roma', cy: 'Gwyn: Roma' },
  { code: 'white_other', en: 'White: any other White background', cy: 'Gwyn: unrhyw gefndir Gwyn arall' },
  {
    code: 'mixed_white_black_caribbean',
    en: 'Mixed: White and Black Caribbean',
    cy: 'Cymysg: Gwyn a Du Caribïaidd',
  },
  {
    code: 'mixed_white_black_african',
    en: 'Mixed: White and Black African',
    cy: 'Cymysg: Gwyn a Du Affricanaidd',
  },
  { code: 'mixed_white_asian', en: 'Mixed: White and Asian', cy: 'Cymysg: Gwyn ac Asiaidd' },
  {
    code: 'mixed_other',
    en: 'Mixed: any other mixed or multiple background',
    cy: 'Cymysg: unrhyw gefndir cymysg neu amlethnig arall',
  },
  {
    code: 'asian_indian',
    en: 'Asian or Asian British: Indian',
    cy: 'Asiaidd neu Asiaidd Prydeinig: Indiaidd',
  },
  {
    code: 'asian_pakistani',
    en: 'Asian or Asian British: Pakistani',
    cy: 'Asiaidd neu Asiaidd Prydeinig: Pacistanaidd',
  },
  {
    code: 'asian_bangladeshi',
    en: 'Asian or Asian British: Bangladeshi',
    cy: 'Asiaidd neu Asiaidd Prydeinig: Bangladeshaidd',
  },
  {
    code: 'asian_chinese',
    en: 'Asian or Asian British: Chinese',
    cy: 'Asiaidd neu Asiaidd Prydeinig: Tsieineaidd',
  },
  {
    code: 'asian_other',
    en: 'Asian or Asian British: any other Asian background',
    cy: 'Asiaidd neu Asiaidd Prydeinig: unrhyw gefndir Asiaidd arall',
  },
  {
    code: 'black_african',
    en: 'Black, Black British, Caribbean or African: African',
    cy: 'Du, Du Prydeinig, Caribïaidd neu Affricanaidd: Affricanaidd',
  },
  {
    code: 'black_caribbean',
    en: 'Black, Black British, Caribbean or African: Caribbean',
    cy: 'Du, Du Prydeinig, Caribïaidd neu Affricanaidd: Caribïaidd',
  },
  {
    code: 'black_other',
    en: 'Black, Black British, Caribbean or African: any other background',
    cy: 'Du, Du Prydeinig, Caribïaidd neu Affricanaidd: unrhyw gefndir arall',
  },
  { code: 'arab', en: 'Other ethnic group: Arab', cy: 'Grŵp ethnig arall: Arabaidd' },
  {
    code: 'other',
    en: 'Other ethnic group: any other ethnic group',
    cy: 'Grŵp ethnig arall: unrhyw grŵp ethnig arall',
  },
  preferNotToSay,
]);

export const religionCodes = codelist('religion', RELIGION_CODES, [
  { code: 'none', en: 'No religion', cy: 'Dim crefydd' },
  { code: 'christian', en: 'Christian', cy: 'Cristion' },
  { code: 'buddhist', en: 'Buddhist', cy: 'Bwdhydd' },
  { code: 'hindu', en: 'Hindu', cy: 'Hindŵ' },
  { code: 'jewish', en: 'Jewish', cy: 'Iddew' },
  { code: 'muslim', en: 'Muslim', cy: 'Mwslim' },
  { code: 'sikh', en: 'Sikh', cy: 'Sikh' },
  { code: 'other', en: 'Any other religion or belief', cy: 'Unrhyw grefydd neu gred arall' },
  preferNotToSay,
]);

export const sexCodes = codelist('sex', SEX_CODES, [
  { code: 'female', en: 'Female', cy: 'Benyw' },
  { code: 'male', en: 'Male', cy: 'Gwryw' },
  preferNotToSay,
]);

export const sexualOrientationCodes = codelist('sexual-orientation', SEXUAL_ORIENTATION_CODES, [
  { code: 'straight', en: 'Straight or heterosexual', cy: 'Syth neu heterorywiol' },
  { code: 'gay_lesbian', en: 'Gay or lesbian', cy: 'Hoyw neu lesbiaidd' },
  { code: 'bisexual', en: 'Bisexual', cy: 'Deurywiol' },
  { code: 'other', en: 'Other sexual orientation', cy: 'Cyfeiriadedd rhywiol arall' },
  preferNotToSay,
]);

export const referralStatusCodes = codelist('referral-status', REFERRAL_STATUS_CODES, [
  { code: 'draft', en: 'Draft', cy: 'Drafft' },
  { code: 'submitted', en: 'Submitted', cy: 'Wedi’i chyflwyno' },
  { code: 'triage', en: 'Being triaged', cy: 'Yn cael ei brysbennu' },
  { code: 'accepted', en: 'Accepted', cy: 'Wedi’i derbyn' },
  { code: 'declined', en: 'Declined', cy: 'Wedi’i gwrthod' },
  { code: 'assigned', en: 'Assigned to a service', cy: 'Wedi’i neilltuo i wasanaeth' },
  { code: 'in_progress', en: 'In progress', cy: 'Ar y gweill' },
  { code: 'closed', en: 'Closed', cy: 'Wedi’i chau' },
  { code: 'withdrawn', en: 'Withdrawn', cy: 'Wedi’i thynnu’n ôl' },
  { code: 'returned', en: 'Returned for more information', cy: 'Wedi’i dychwelyd am ragor o wybodaeth' },
]);

export const priorityCodes = codelist('priority', PRIORITY_CODES, [
  { code: 'emergency', en: 'Emergency: immediate danger', cy: 'Argyfwng: perygl uniongyrchol' },
  { code: 'urgent', en: 'Urgent', cy: 'Brys' },
  { code: 'routine', en: 'Routine', cy: 'Arferol' },
]);

export const actorRoleCodes = codelist('actor-role', ACTOR_ROLE_CODES, [
  { code: 'referrer', en: 'Referrer', cy: 'Atgyfeiriwr' },
  { code: 'hub', en: 'Hub staff', cy: 'Staff yr hyb' },
  { code: 'provider', en: 'Service provider', cy: 'Darparwr gwasanaeth' },
  { code: 'system', en: 'System', cy: 'System' },
]);

export const outcomeCodes = codelist('outcome', OUTCOME_CODES, [
  { code: 'tenancy_sustained', en: 'Tenancy sustained', cy: 'Tenantiaeth wedi’i chynnal' },
  { code: 'eviction_prevented', en: 'Eviction prevented', cy: 'Troi allan wedi’i atal' },
  { code: 'rehoused', en: 'Moved to suitable housing', cy: 'Wedi symud i dai addas' },
  { code: 'income_maximised', en: 'Income maximised', cy: 'Incwm wedi’i uchafu' },
  { code: 'debt_managed', en: 'Debt managed', cy: 'Dyled yn cael ei rheoli' },
  { code: 'food_secured', en: 'Food secured', cy: 'Bwyd wedi’i sicrhau' },
  { code: 'fuel_support', en: 'Help with energy costs received', cy: 'Wedi cael help gyda chostau ynni' },
  { code: 'practical_help_arranged', en: 'Practical help arranged', cy: 'Help ymarferol wedi’i drefnu' },
  { code: 'connected_to_community', en: 'Connected to community', cy: 'Wedi’i gysylltu â’r gymuned' },
  { code: 'wellbeing_improved', en: 'Wellbeing improved', cy: 'Llesiant wedi gwella' },
  { code: 'health_support_in_place', en: 'Health support in place', cy: 'Cymorth iechyd yn ei le' },
  { code: 'family_support_in_place', en: 'Family support in place', cy: 'Cymorth i’r teulu yn ei le' },
  { code: 'carer_support_in_place', en: 'Carer support in place', cy: 'Cymorth i ofalwyr yn ei le' },
  { code: 'safety_plan_in_place', en: 'Safety plan in place', cy: 'Cynllun diogelwch yn ei le' },
  { code: 'into_work', en: 'Into work', cy: 'Wedi dechrau gwaith' },
  { code: 'into_training', en: 'Into training or education', cy: 'Wedi dechrau hyfforddiant neu addysg' },
  { code: 'digital_skills_gained', en: 'Digital skills gained', cy: 'Sgiliau digidol wedi’u hennill' },
  { code: 'device_or_data_provided', en: 'Device or data provided', cy: 'Dyfais neu ddata wedi’u darparu' },
  {
    code: 'immigration_status_resolved',
    en: 'Immigration status resolved',
    cy: 'Statws mewnfudo wedi’i ddatrys',
  },
  { code: 'legal_problem_resolved', en: 'Legal problem resolved', cy: 'Problem gyfreithiol wedi’i datrys' },
  { code: 'recovery_support_in_place', en: 'Recovery support in place', cy: 'Cymorth adfer yn ei le' },
  { code: 'travel_arranged', en: 'Travel arranged', cy: 'Trefniadau teithio wedi’u gwneud' },
  { code: 'advice_given', en: 'Advice given', cy: 'Cyngor wedi’i roi' },
  { code: 'referred_on', en: 'Referred to another service', cy: 'Wedi’i atgyfeirio i wasanaeth arall' },
  { code: 'no_longer_needed', en: 'No longer needed', cy: 'Dim angen mwyach' },
  { code: 'declined', en: 'Declined support', cy: 'Wedi gwrthod cymorth' },
  { code: 'unable_to_contact', en: 'Unable to contact', cy: 'Methu cysylltu' },
]);

export const frequencyCodes = codelist('frequency', FREQUENCY_CODES, [
  { code: 'one_off', en: 'One-off', cy: 'Untro' },
  { code: 'weekly', en: 'Every week', cy: 'Bob wythnos' },
  { code: 'fortnightly', en: 'Every 2 weeks', cy: 'Bob pythefnos' },
  { code: 'four_weekly', en: 'Every 4 weeks', cy: 'Bob 4 wythnos' },
  { code: 'monthly', en: 'Every month', cy: 'Bob mis' },
  { code: 'yearly', en: 'Every year', cy: 'Bob blwyddyn' },
]);

/** Where things stand in an assessment domain: 1 (in crisis) to 5 (thriving). */
export const wellbeingScale = codelist('wellbeing-scale', WELLBEING_SCALE_CODES, [
  { code: '1', en: 'In crisis', cy: 'Mewn argyfwng' },
  { code: '2', en: 'Struggling', cy: 'Cael trafferth' },
  { code: '3', en: 'Getting by', cy: 'Ymdopi' },
  { code: '4', en: 'Doing well', cy: 'Gwneud yn dda' },
  { code: '5', en: 'Thriving', cy: 'Ffynnu' },
]);

export const actionOwnerCodes = codelist('action-owner', ACTION_OWNER_CODES, [
  { code: 'resident', en: 'The person', cy: 'Yr unigolyn' },
  { code: 'hub', en: 'The hub', cy: 'Yr hyb' },
  { code: 'partner', en: 'A partner organisation', cy: 'Sefydliad partner' },
  { code: 'referrer', en: 'The referrer', cy: 'Yr atgyfeiriwr' },
]);

export const consentGiverCodes = codelist('consent-giver', CONSENT_GIVER_CODES, [
  { code: 'resident', en: 'The person themselves', cy: 'Yr unigolyn ei hun' },
  { code: 'representative', en: 'Someone on their behalf', cy: 'Rhywun ar ei ran' },
]);

export const representativeAuthorityCodes = codelist(
  'representative-authority',
  REPRESENTATIVE_AUTHORITY_CODES,
  [
    { code: 'resident_asked', en: 'The person asked them to', cy: 'Gofynnodd yr unigolyn iddynt' },
    { code: 'parent_guardian', en: 'Parent or guardian of a child', cy: 'Rhiant neu warcheidwad plentyn' },
    { code: 'lasting_power_of_attorney', en: 'Lasting power of attorney', cy: 'Atwrneiaeth arhosol' },
    {
      code: 'deputy',
      en: 'Deputy appointed by the Court of Protection',
      cy: 'Dirprwy a benodwyd gan y Llys Gwarchod',
    },
    { code: 'appointee', en: 'Benefits appointee', cy: 'Penodai budd-daliadau' },
    {
      code: 'best_interests',
      en: 'Best-interests decision (Mental Capacity Act 2005)',
      cy: 'Penderfyniad er lles pennaf (Deddf Galluedd Meddyliol 2005)',
    },
    { code: 'other', en: 'Other', cy: 'Arall' },
  ],
);

export const consentMethodCodes = codelist('consent-method', CONSENT_METHOD_CODES, [
  { code: 'online', en: 'Online', cy: 'Ar-lein' },
  { code: 'phone', en: 'Verbally, by phone', cy: 'Ar lafar, dros y ffôn' },
  { code: 'in_person', en: 'In person', cy: 'Wyneb yn wyneb' },
  { code: 'paper', en: 'On paper', cy: 'Ar bapur' },
]);

/** Purposes are asked about one by one: consent is never bundled (ICO guidance). */
export const consentPurposeCodes = codelist('consent-purpose', CONSENT_PURPOSE_CODES, [
  {
    code: 'hub_triage',
    en: 'The hub uses these details to understand what help is needed',
    cy: 'Mae’r hyb yn defnyddio’r manylion hyn i ddeall pa help sydd ei angen',
  },
  {
    code: 'share_with_services',
    en: 'The hub shares these details with the services that can help',
    cy: 'Mae’r hyb yn rhannu’r manylion hyn â’r gwasanaethau a all helpu',
  },
  {
    code: 'single_assessment',
    en: 'Services reuse one shared assessment, so the story is told once',
    cy: 'Mae gwasanaethau’n ailddefnyddio un asesiad a rennir, fel bod y stori’n cael ei hadrodd unwaith',
  },
  {
    code: 'contact',
    en: 'Services contact the person about this referral',
    cy: 'Mae gwasanaethau’n cysylltu â’r unigolyn am yr atgyfeiriad hwn',
  },
  {
    code: 'special_category',
    en: 'Details about health, disability or ethnicity are used to get the right help',
    cy: 'Defnyddir manylion am iechyd, anabledd neu ethnigrwydd i gael yr help cywir',
  },
  {
    code: 'follow_up',
    en: 'The hub contacts the person later to ask how things went',
    cy: 'Mae’r hyb yn cysylltu â’r unigolyn yn nes ymlaen i ofyn sut aeth pethau',
  },
]);

/** UK GDPR article 6(1). */
export const lawfulBasisCodes = codelist('lawful-basis', LAWFUL_BASIS_CODES, [
  { code: 'consent', en: 'Consent (article 6(1)(a))', cy: 'Cydsyniad (erthygl 6(1)(a))' },
  { code: 'contract', en: 'Contract (article 6(1)(b))', cy: 'Contract (erthygl 6(1)(b))' },
  {
    code: 'legal_obligation',
    en: 'Legal obligation (article 6(1)(c))',
    cy: 'Rhwymedigaeth gyfreithiol (erthygl 6(1)(c))',
  },
  {
    code: 'vital_interests',
    en: 'Vital interests (article 6(1)(d))',
    cy: 'Buddiannau hanfodol (erthygl 6(1)(d))',
  },
  { code: 'public_task', en: 'Public task (article 6(1)(e))', cy: 'Tasg gyhoeddus (erthygl 6(1)(e))' },
  {
    code: 'legitimate_interests',
    en: 'Legitimate interests (article 6(1)(f))',
    cy: 'Buddiannau dilys (erthygl 6(1)(f))',
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
      cy: 'Cydsyniad penodol (erthygl 9(2)(a))',
    },
    {
      code: 'employment_social_security',
      en: 'Employment, social security and social protection (article 9(2)(b))',
      cy: 'Cyflogaeth, nawdd cymdeithasol ac amddiffyn cymdeithasol (erthygl 9(2)(b))',
    },
    {
      code: 'vital_interests',
      en: 'Vital interests (article 9(2)(c))',
      cy: 'Buddiannau hanfodol (erthygl 9(2)(c))',
    },
    {
      code: 'not_for_profit',
      en: 'Not-for-profit body (article 9(2)(d))',
      cy: 'Corff nid-er-elw (erthygl 9(2)(d))',
    },
    {
      code: 'made_public',
      en: 'Made public by the person (article 9(2)(e))',
      cy: 'Wedi’i gyhoeddi gan yr unigolyn (erthygl 9(2)(e))',
    },
    {
      code: 'legal_claims',
      en: 'Legal claims (article 9(2)(f))',
      cy: 'Hawliadau cyfreithiol (erthygl 9(2)(f))',
    },
    {
      code: 'substantial_public_interest',
      en: 'Substantial public interest (article 9(2)(g))',
      cy: 'Budd cyhoeddus sylweddol (erthygl 9(2)(g))',
    },
    {
      code: 'health_social_care',
      en: 'Health or social care (article 9(2)(h))',
      cy: 'Iechyd neu ofal cymdeithasol (erthygl 9(2)(h))',
    },
    {
      code: 'public_health',
      en: 'Public health (article 9(2)(i))',
      cy: 'Iechyd y cyhoedd (erthygl 9(2)(i))',
    },
    {
      code: 'archiving_research',
      en: 'Archiving, research or statistics (article 9(2)(j))',
      cy: 'Archifo, ymchwil neu ystadegau (erthygl 9(2)(j))',
    },
  ],
);

/** The basis for sharing confidential information (common law duty of confidentiality). */
export const confidentialityBasisCodes = codelist('confidentiality-basis', CONFIDENTIALITY_BASIS_CODES, [
  { code: 'explicit_consent', en: 'Explicit consent', cy: 'Cydsyniad penodol' },
  {
    code: 'implied_consent_direct_care',
    en: 'Implied consent for direct care',
    cy: 'Cydsyniad ymhlyg ar gyfer gofal uniongyrchol',
  },
  { code: 'public_interest', en: 'Overriding public interest', cy: 'Budd cyhoeddus tra phwysig' },
  {
    code: 'legal_requirement',
    en: 'Required by law or a court order',
    cy: 'Yn ofynnol yn ôl y gyfraith neu orchymyn llys',
  },
]);

export const controllerRoleCodes = codelist('controller-role', CONTROLLER_ROLE_CODES, [
  { code: 'controller', en: 'Controller', cy: 'Rheolydd' },
  { code: 'joint_controller', en: 'Joint controller', cy: 'Cyd-reolydd' },
]);

export const serviceStatusCodes = codelist('service-status', SERVICE_STATUS_CODES, [
  { code: 'active', en: 'Open', cy: 'Ar agor' },
  { code: 'inactive', en: 'Not running at the moment', cy: 'Ddim yn rhedeg ar hyn o bryd' },
  { code: 'defunct', en: 'Closed for good', cy: 'Wedi cau am byth' },
  { code: 'temporarily closed', en: 'Temporarily closed', cy: 'Wedi cau dros dro' },
]);

export const phoneTypeCodes = codelist('phone-type', PHONE_TYPE_CODES, [
  { code: 'voice', en: 'Phone', cy: 'Ffôn' },
  { code: 'text', en: 'Text', cy: 'Testun' },
  { code: 'textphone', en: 'Textphone', cy: 'Ffôn testun' },
  { code: 'video', en: 'Video call', cy: 'Galwad fideo' },
  { code: 'fax', en: 'Fax', cy: 'Ffacs' },
  { code: 'cell', en: 'Mobile', cy: 'Ffôn symudol' },
  { code: 'pager', en: 'Pager', cy: 'Peiriant galw' },
]);

export const weekdayCodes = codelist('weekday', WEEKDAY_CODES, [
  { code: 'MO', en: 'Monday', cy: 'Dydd Llun' },
  { code: 'TU', en: 'Tuesday', cy: 'Dydd Mawrth' },
  { code: 'WE', en: 'Wednesday', cy: 'Dydd Mercher' },
  { code: 'TH', en: 'Thursday', cy: 'Dydd Iau' },
  { code: 'FR', en: 'Friday', cy: 'Dydd Gwener' },
  { code: 'SA', en: 'Saturday', cy: 'Dydd Sadwrn' },
  { code: 'SU', en: 'Sunday', cy: 'Dydd Sul' },
]);

export const deliveryMethodCodes = codelist('delivery-method', DELIVERY_METHOD_CODES, [
  { code: 'in_person', en: 'In person', cy: 'Wyneb yn wyneb' },
  { code: 'phone', en: 'By phone', cy: 'Dros y ffôn' },
  { code: 'online', en: 'Online', cy: 'Ar-lein' },
  { code: 'home_visit', en: 'Home visits', cy: 'Ymweliadau cartref' },
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
