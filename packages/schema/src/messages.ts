/**
 * Validation messages in English and Welsh, in the GOV.UK style: they name the field and say
 * what to do ("Enter a postcode, like N1 1AA").
 *
 * Schemas carry no message text. `validate()` (and `describeIssues()` for issues from a plain
 * zod parse) turn each zod issue into a `FieldError` with a JSON Pointer `path`, a stable
 * `code` and a `message` in the language asked for. A message is found by the end of the
 * issue's path (so `postcode` serves every postcode field) and the kind of problem; fields with
 * no message of their own get a general one that names the field in words ("address line 1"),
 * never by its path: a person reads these.
 */
import type * as z from 'zod/mini';
import type { FieldError } from './api.ts';
import { labelOf, needCodes, type Lang } from './codelists.ts';
import { datePartsProblem } from './dates.ts';
import { MULTI_LINE, POSTCODE_PATTERN, SINGLE_LINE } from './primitives.ts';

type Pair = readonly [en: string, cy: string];
type FieldMessages = Readonly<Record<string, Pair>>;

// `{max}` is the limit of the field that failed: fields that share a name (`notes`) differ.
const CHARS = (field: string, cyField: string): Pair => [
  `${field} must be {max} characters or fewer`,
  `Rhaid i ${cyField} fod yn {max} nod neu lai`,
];

/** Messages by field (the end of its path, `*` for list positions) and kind of problem. */
const fields: Readonly<Record<string, FieldMessages>> = {
  'name.given': {
    required: ['Enter a first name', 'Rhowch enw cyntaf'],
    too_long: CHARS('First name', 'yr enw cyntaf'),
  },
  'name.family': {
    required: ['Enter a last name', 'Rhowch gyfenw'],
    too_long: CHARS('Last name', 'y cyfenw'),
  },
  'name.preferred': {
    required: [
      'Enter the name they like to be called, or leave it out',
      'Rhowch yr enw y mae’n well ganddynt, neu gadewch ef allan',
    ],
    too_long: CHARS('Preferred name', 'yr enw dewisol'),
  },
  dateOfBirth: {
    required: ['Enter a date of birth', 'Rhowch ddyddiad geni'],
    invalid: ['Date of birth must be a real date', 'Rhaid i’r dyddiad geni fod yn ddyddiad go iawn'],
    // What is missing or wrong in the day, month and year typed (GOV.UK date input).
    'invalid:missing_day': ['Date of birth must include a day', 'Rhaid i’r dyddiad geni gynnwys diwrnod'],
    'invalid:missing_month': ['Date of birth must include a month', 'Rhaid i’r dyddiad geni gynnwys mis'],
    'invalid:missing_year': ['Date of birth must include a year', 'Rhaid i’r dyddiad geni gynnwys blwyddyn'],
    'invalid:missing_day_month': [
      'Date of birth must include a day and month',
      'Rhaid i’r dyddiad geni gynnwys diwrnod a mis',
    ],
    'invalid:missing_day_year': [
      'Date of birth must include a day and year',
      'Rhaid i’r dyddiad geni gynnwys diwrnod a blwyddyn',
    ],
    'invalid:missing_month_year': [
      'Date of birth must include a month and year',
      'Rhaid i’r dyddiad geni gynnwys mis a blwyddyn',
    ],
    'invalid:year_digits': ['Year must include 4 numbers', 'Rhaid i’r flwyddyn gynnwys 4 rhif'],
    date_in_future: ['Date of birth must be in the past', 'Rhaid i’r dyddiad geni fod yn y gorffennol'],
    date_too_early: [
      'Date of birth must be in 1900 or later',
      'Rhaid i’r dyddiad geni fod yn 1900 neu’n hwyrach',
    ],
  },
  nhsNumber: {
    required: ['Enter an NHS number, or leave it out', 'Rhowch rif GIG, neu gadewch ef allan'],
    invalid: ['Enter a valid NHS number, which is 10 digits', 'Rhowch rif GIG dilys, sy’n 10 digid'],
    nhs_number_check: ['Enter a valid NHS number, which is 10 digits', 'Rhowch rif GIG dilys, sy’n 10 digid'],
  },
  phone: {
    required: ['Enter a phone number', 'Rhowch rif ffôn'],
    invalid: [
      'Enter a phone number, like 01632 960 001 or 07700 900 982',
      'Rhowch rif ffôn, fel 01632 960 001 neu 07700 900 982',
    ],
    phone_needed_for_method: [
      'Enter a phone number, or choose another way to contact them',
      'Rhowch rif ffôn, neu dewiswch ffordd arall o gysylltu â nhw',
    ],
  },
  email: {
    required: ['Enter an email address', 'Rhowch gyfeiriad e-bost'],
    invalid: [
      'Enter an email address in the correct format, like name@example.com',
      'Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com',
    ],
    too_long: CHARS('Email address', 'y cyfeiriad e-bost'),
    email_needed_for_method: [
      'Enter an email address, or choose another way to contact them',
      'Rhowch gyfeiriad e-bost, neu dewiswch ffordd arall o gysylltu â nhw',
    ],
  },
  'contact.methods': {
    duplicates: [
      'Choose each way of contacting them only once',
      'Dewiswch bob ffordd o gysylltu â nhw unwaith yn unig',
    ],
    required: [
      'Select how they would like to be contacted',
      'Dewiswch sut yr hoffent i rywun gysylltu â nhw',
    ],
    invalid_option: [
      'Select how they would like to be contacted',
      'Dewiswch sut yr hoffent i rywun gysylltu â nhw',
    ],
  },
  'contact.times': { duplicates: ['Choose each time only once', 'Dewiswch bob amser unwaith yn unig'] },
  'accessibility.needs': { duplicates: ['Choose each need only once', 'Dewiswch bob angen unwaith yn unig'] },
  'contact.safeToLeaveMessage': {
    required: ['Select whether it is safe to leave a message', 'Dewiswch a yw’n ddiogel gadael neges'],
  },
  'contact.notes': { too_long: CHARS('Contact notes', 'y nodiadau cyswllt') },
  'address.line1': {
    required: [
      'Enter address line 1, typically the building and street',
      'Rhowch linell 1 y cyfeiriad, sef yr adeilad a’r stryd fel arfer',
    ],
    too_long: CHARS('Address line 1', 'linell 1 y cyfeiriad'),
  },
  'address.line2': { too_long: CHARS('Address line 2', 'linell 2 y cyfeiriad') },
  'address.town': {
    required: ['Enter a town or city', 'Rhowch dref neu ddinas'],
    too_long: CHARS('Town or city', 'y dref neu’r ddinas'),
  },
  'address.county': { too_long: CHARS('County', 'y sir') },
  address: {
    address_needed_for_letter: [
      'Enter an address, or choose another way to contact them',
      'Rhowch gyfeiriad, neu dewiswch ffordd arall o gysylltu â nhw',
    ],
  },
  postcode: {
    required: ['Enter a postcode', 'Rhowch god post'],
    invalid: ['Enter a postcode, like N1 1AA', 'Rhowch god post, fel N1 1AA'],
    // Shaped like a postcode, but no postcode is written so (ZZ99 9ZZ).
    'invalid:not_real': ['Enter a real postcode', 'Rhowch god post go iawn'],
    postcode_not_found: [
      'Enter a postcode in this hub’s area, or search without a postcode',
      'Rhowch god post yn ardal yr hyb hwn, neu chwiliwch heb god post',
    ],
  },
  uprn: {
    invalid: ['UPRN must be a number of up to 12 digits', 'Rhaid i’r UPRN fod yn rhif hyd at 12 digid'],
  },
  'language.preferred': {
    required: ['Select the language they prefer', 'Dewiswch yr iaith sy’n well ganddynt'],
    invalid: ['Enter a language code, like en, cy or bn', 'Rhowch god iaith, fel en, cy neu bn'],
  },
  'language.interpreterNeeded': {
    required: ['Select whether they need an interpreter', 'Dewiswch a oes angen cyfieithydd arnynt'],
  },
  'accessibility.details': { too_long: CHARS('Accessibility details', 'y manylion hygyrchedd') },
  'equality.ethnicityDescription': {
    too_long: CHARS('Ethnic group description', 'y disgrifiad o’r grŵp ethnig'),
  },
  'referrer.type': {
    required: ['Select who is making the referral', 'Dewiswch pwy sy’n gwneud yr atgyfeiriad'],
    invalid_option: ['Select who is making the referral', 'Dewiswch pwy sy’n gwneud yr atgyfeiriad'],
  },
  'referrer.name': {
    required: ['Enter your name', 'Rhowch eich enw'],
    referrer_name_required: ['Enter your name', 'Rhowch eich enw'],
    too_long: CHARS('Your name', 'eich enw'),
  },
  'referrer.role': { too_long: CHARS('Job title', 'teitl y swydd') },
  'referrer.relationship': { too_long: CHARS('Relationship', 'y berthynas') },
  'referrer.contact': {
    referrer_contact_required: [
      'Enter a phone number or email address so the hub can contact you',
      'Rhowch rif ffôn neu gyfeiriad e-bost fel y gall yr hyb gysylltu â chi',
    ],
  },
  'organisation.name': {
    required: ['Enter the name of your organisation', 'Rhowch enw eich sefydliad'],
    organisation_required: ['Enter the name of your organisation', 'Rhowch enw eich sefydliad'],
    too_long: CHARS('Organisation name', 'enw’r sefydliad'),
  },
  odsCode: { invalid: ['Enter an ODS code, like F83004', 'Rhowch god ODS, fel F83004'] },
  charityNumber: {
    invalid: [
      'Enter a charity number, like 1234567 or SC012345',
      'Rhowch rif elusen, fel 1234567 neu SC012345',
    ],
  },
  residentAware: {
    required: [
      'Select whether the person knows about this referral',
      'Dewiswch a yw’r unigolyn yn gwybod am yr atgyfeiriad hwn',
    ],
    agreed_but_not_aware: [
      'Select whether the person knows about this referral; they cannot agree to a referral they do not know about',
      'Dewiswch a yw’r unigolyn yn gwybod am yr atgyfeiriad hwn; ni all gytuno i atgyfeiriad nad yw’n gwybod amdano',
    ],
  },
  residentAgreed: {
    required: [
      'Select whether the person agrees to this referral',
      'Dewiswch a yw’r unigolyn yn cytuno i’r atgyfeiriad hwn',
    ],
    self_referral_agreed: [
      'Confirm that you agree to this referral',
      'Cadarnhewch eich bod yn cytuno i’r atgyfeiriad hwn',
    ],
  },
  noAgreementReason: {
    required: [
      'Explain why the referral is being made without their agreement',
      'Esboniwch pam mae’r atgyfeiriad yn cael ei wneud heb eu cytundeb',
    ],
    no_agreement_reason_required: [
      'Explain why the referral is being made without their agreement',
      'Esboniwch pam mae’r atgyfeiriad yn cael ei wneud heb eu cytundeb',
    ],
    too_long: CHARS('Reason', 'y rheswm'),
  },
  needs: {
    required: [
      'Select at least one thing they need help with',
      'Dewiswch o leiaf un peth y mae angen help arnynt ag ef',
    ],
    needs_unique: ['Choose each kind of help only once', 'Dewiswch bob math o help unwaith yn unig'],
  },
  'needs.*.code': {
    required: ['Select what they need help with', 'Dewiswch gyda beth y mae angen help arnynt'],
    invalid_option: ['Select what they need help with', 'Dewiswch gyda beth y mae angen help arnynt'],
  },
  'needs.*.urgency': {
    required: ['Select how urgent this is', 'Dewiswch pa mor frys yw hyn'],
    invalid_option: ['Select how urgent this is', 'Dewiswch pa mor frys yw hyn'],
    // With the need known (validate() reads it beside the urgency): one message a need.
    'required:need': [
      'Select how urgent help with ‘{need}’ is',
      'Dewiswch pa mor frys yw’r help gyda ‘{need}’',
    ],
    'invalid_option:need': [
      'Select how urgent help with ‘{need}’ is',
      'Dewiswch pa mor frys yw’r help gyda ‘{need}’',
    ],
  },
  'needs.*.details': {
    too_long: CHARS('Details', 'y manylion'),
    'too_long:need': [
      'Details of help with ‘{need}’ must be {max} characters or fewer',
      'Rhaid i’r manylion am help gyda ‘{need}’ fod yn {max} nod neu lai',
    ],
  },
  'safeguarding.concern': {
    required: ['Select whether you have a safeguarding concern', 'Dewiswch a oes gennych bryder diogelu'],
    danger_without_concern: [
      'Select that there is a safeguarding concern if someone is in immediate danger',
      'Dewiswch fod pryder diogelu os yw rhywun mewn perygl uniongyrchol',
    ],
  },
  'safeguarding.subject': {
    required: [
      'Select whether the concern is about an adult or a child',
      'Dewiswch a yw’r pryder am oedolyn neu blentyn',
    ],
    safeguarding_subject_required: [
      'Select whether the concern is about an adult or a child',
      'Dewiswch a yw’r pryder am oedolyn neu blentyn',
    ],
  },
  'safeguarding.immediateDanger': {
    required: [
      'Select whether anyone is in immediate danger',
      'Dewiswch a oes unrhyw un mewn perygl uniongyrchol',
    ],
  },
  'safeguarding.details': {
    required: ['Describe the safeguarding concern', 'Disgrifiwch y pryder diogelu'],
    safeguarding_details_required: ['Describe the safeguarding concern', 'Disgrifiwch y pryder diogelu'],
    too_long: CHARS('Safeguarding details', 'y manylion diogelu'),
  },
  'safeguarding.actionTaken': { too_long: CHARS('Action taken', 'y camau a gymerwyd') },
  notes: { too_long: CHARS('Notes', 'y nodiadau') },
  partnerReference: { too_long: CHARS('Your reference', 'eich cyfeirnod') },
  reference: {
    invalid: ['Enter a reference like HUB-7K3P-Q9', 'Rhowch gyfeirnod fel HUB-7K3P-Q9'],
    reference_check: [
      'Check the reference: one of its characters is wrong',
      'Gwiriwch y cyfeirnod: mae un o’i nodau’n anghywir',
    ],
  },
  // Consent
  consent: {
    consent_and_consent_id: [
      'Give the consent record or the id of one already recorded, not both',
      'Rhowch y cofnod cydsyniad neu ddynodydd un a gofnodwyd eisoes, nid y ddau',
    ],
  },
  'givenBy.type': { required: ['Select who is giving consent', 'Dewiswch pwy sy’n rhoi cydsyniad'] },
  'givenBy.name': {
    required: ['Enter the name of the person giving consent', 'Rhowch enw’r person sy’n rhoi cydsyniad'],
    too_long: CHARS('Name', 'yr enw'),
  },
  'givenBy.relationship': { too_long: CHARS('Relationship', 'y berthynas') },
  'givenBy.authority': {
    required: [
      'Select why they can consent for the person',
      'Dewiswch pam y gallant gydsynio ar ran yr unigolyn',
    ],
    representative_authority_required: [
      'Select why they can consent for the person',
      'Dewiswch pam y gallant gydsynio ar ran yr unigolyn',
    ],
  },
  'givenBy.reason': {
    required: [
      'Explain why the person is not consenting themselves',
      'Esboniwch pam nad yw’r unigolyn yn cydsynio ei hun',
    ],
    representative_reason_required: [
      'Explain why the person is not consenting themselves',
      'Esboniwch pam nad yw’r unigolyn yn cydsynio ei hun',
    ],
    too_long: CHARS('Reason', 'y rheswm'),
  },
  method: { required: ['Select how consent was given', 'Dewiswch sut y rhoddwyd cydsyniad'] },
  recordedBy: {
    withdrawal_recorded_by_required: [
      'Enter who took the withdrawal by phone, in person or on paper',
      'Rhowch pwy gymerodd y tynnu’n ôl dros y ffôn, wyneb yn wyneb neu ar bapur',
    ],
    recorded_by_required: [
      'Enter who took consent by phone, in person or on paper',
      'Rhowch pwy gymerodd y cydsyniad dros y ffôn, wyneb yn wyneb neu ar bapur',
    ],
  },

  specialCategoryCondition: {
    special_category_condition_required: [
      'Select the condition for using details about health, disability or ethnicity',
      'Dewiswch yr amod ar gyfer defnyddio manylion am iechyd, anabledd neu ethnigrwydd',
    ],
  },
  'recordedBy.name': {
    required: ['Enter the name of the person who took consent', 'Rhowch enw’r person a gymerodd y cydsyniad'],
  },
  purposes: {
    required: [
      'Answer each question about how these details are used',
      'Atebwch bob cwestiwn am sut y defnyddir y manylion hyn',
    ],
    no_purpose_granted: [
      'Agree to at least one use of these details, or do not send the referral',
      'Cytunwch i o leiaf un defnydd o’r manylion hyn, neu peidiwch ag anfon yr atgyfeiriad',
    ],
    purposes_unique: ['Answer each question only once', 'Atebwch bob cwestiwn unwaith yn unig'],
  },
  'purposes.*.granted': {
    required: [
      'Select yes or no for each use of these details',
      'Dewiswch ie neu na ar gyfer pob defnydd o’r manylion hyn',
    ],
  },
  'withdrawal.reason': { too_long: CHARS('Reason', 'y rheswm') },
  withdrawal: {
    withdrawal_status_mismatch: [
      'Give withdrawal details for a withdrawn consent, and only for one',
      'Rhowch fanylion tynnu’n ôl ar gyfer cydsyniad a dynnwyd yn ôl yn unig',
    ],
  },
  // Single assessment
  sections: {
    required: [
      'Add at least one part of life to the assessment',
      'Ychwanegwch o leiaf un rhan o fywyd at yr asesiad',
    ],
    sections_unique: ['Assess each part of life only once', 'Aseswch bob rhan o fywyd unwaith yn unig'],
  },
  'sections.*.score': {
    required: ['Select where things stand, from 1 to 5', 'Dewiswch sut mae pethau, o 1 i 5'],
    too_small: ['Select where things stand, from 1 to 5', 'Dewiswch sut mae pethau, o 1 i 5'],
    too_big: ['Select where things stand, from 1 to 5', 'Dewiswch sut mae pethau, o 1 i 5'],
    invalid_type: ['Select where things stand, from 1 to 5', 'Dewiswch sut mae pethau, o 1 i 5'],
  },
  'sections.*.summary': { too_long: CHARS('Where things stand', 'sut mae pethau') },
  whatMatters: { too_long: CHARS('What matters', 'beth sy’n bwysig') },
  whatMattersMost: { too_long: CHARS('What matters most', 'beth sy’n bwysig fwyaf') },
  strengths: { too_long: CHARS('Strengths', 'y cryfderau') },
  risks: { too_long: CHARS('Risks', 'y risgiau') },
  'actions.*.description': {
    required: ['Describe the action', 'Disgrifiwch y cam gweithredu'],
    too_long: CHARS('Action', 'y cam gweithredu'),
  },
  'actions.*.owner': { required: ['Select who will do this', 'Dewiswch pwy fydd yn gwneud hyn'] },
  'actions.*.dueBy': {
    invalid: ['Due date must be a real date', 'Rhaid i’r dyddiad targed fod yn ddyddiad go iawn'],
  },
  'completedBy.name': {
    required: [
      'Enter the name of the person completing the assessment',
      'Rhowch enw’r person sy’n cwblhau’r asesiad',
    ],
  },
  referralId: {
    assessment_subject_required: [
      'Give the referral or the person this assessment is for',
      'Rhowch yr atgyfeiriad neu’r unigolyn y mae’r asesiad hwn ar ei gyfer',
    ],
  },
  residentId: {
    assessment_subject_required: ['Give a residentId or a referralId', 'Rhowch residentId neu referralId'],
  },
  // Outcomes
  code: {
    outcome_does_not_fit_need: [
      'Select an outcome that fits this need',
      'Dewiswch ganlyniad sy’n addas i’r angen hwn',
    ],
  },
  amount: {
    amount_required: ['Enter the income gained and how often', 'Rhowch yr incwm a enillwyd a pha mor aml'],
  },
  'amount.amount': {
    required: [
      'Enter an amount in pounds and pence, like 25.50',
      'Rhowch swm mewn punnoedd a cheiniogau, fel 25.50',
    ],
    invalid: [
      'Enter an amount in pounds and pence, like 25.50',
      'Rhowch swm mewn punnoedd a cheiniogau, fel 25.50',
    ],
    too_small: ['Amount must be 0 or more', 'Rhaid i’r swm fod yn 0 neu fwy'],
    too_big: ['Amount must be £10,000,000 or less', 'Rhaid i’r swm fod yn £10,000,000 neu lai'],
  },
  'amount.frequency': { required: ['Select how often', 'Dewiswch pa mor aml'] },
  // Directory and API
  validTo: {
    valid_dates_order: [
      'The date it ends must be the same as or after the date it starts',
      'Rhaid i’r dyddiad y mae’n dod i ben fod yr un fath â’r dyddiad y mae’n dechrau neu ar ei ôl',
    ],
  },
  closesAt: {
    closes_before_opens: [
      'Closing time must be after opening time',
      'Rhaid i’r amser cau fod ar ôl yr amser agor',
    ],
  },
  maximumAge: {
    age_range_order: [
      'Maximum age must be the same as or more than minimum age',
      'Rhaid i’r oedran uchaf fod yr un fath â’r oedran isaf neu’n uwch',
    ],
  },
  to: {
    date_range_order: [
      'End date must be the same as or after start date',
      'Rhaid i’r dyddiad gorffen fod yr un fath â’r dyddiad dechrau neu ar ei ôl',
    ],
  },
  url: {
    invalid: ['Enter a web address starting https://', 'Rhowch gyfeiriad gwe sy’n dechrau https://'],
    credentials_in_url: [
      'Remove the user name and password from the web address: the hub signs every delivery instead',
      'Tynnwch yr enw defnyddiwr a’r cyfrinair o’r cyfeiriad gwe: mae’r hyb yn llofnodi pob anfoniad yn lle hynny',
    ],
  },
  events: {
    events_unique: ['Choose each event only once', 'Dewiswch bob digwyddiad unwaith yn unig'],
  },
  q: { too_long: CHARS('Search words', 'y geiriau chwilio') },
};

/**
 * Fields named in words for the general messages, by the end of their path like the messages
 * above: a person reads "Remove hidden formatting characters from address line 1", never
 * "/resident/address/line1". A field not here is named from its key ("safeToLeaveMessage" →
 * "safe to leave message").
 */
const names: Readonly<Record<string, Pair>> = {
  resident: ['the person’s details', 'manylion yr unigolyn'],
  referrer: ['your details', 'eich manylion'],
  'referrer.name': ['your name', 'eich enw'],
  'referrer.role': ['your job title', 'teitl eich swydd'],
  'referrer.relationship': ['your relationship to the person', 'eich perthynas â’r unigolyn'],
  'referrer.contact': ['your contact details', 'eich manylion cyswllt'],
  'referrer.organisation': ['your organisation', 'eich sefydliad'],
  'organisation.name': ['the name of your organisation', 'enw eich sefydliad'],
  name: ['the name', 'yr enw'],
  'name.given': ['the first name', 'yr enw cyntaf'],
  'name.family': ['the last name', 'y cyfenw'],
  'name.preferred': ['the preferred name', 'yr enw dewisol'],
  dateOfBirth: ['the date of birth', 'y dyddiad geni'],
  nhsNumber: ['the NHS number', 'y rhif GIG'],
  address: ['the address', 'y cyfeiriad'],
  'address.line1': ['address line 1', 'llinell 1 y cyfeiriad'],
  'address.line2': ['address line 2', 'llinell 2 y cyfeiriad'],
  'address.town': ['the town or city', 'y dref neu’r ddinas'],
  'address.county': ['the county', 'y sir'],
  postcode: ['the postcode', 'y cod post'],
  uprn: ['the UPRN', 'yr UPRN'],
  contact: ['the contact details', 'y manylion cyswllt'],
  'contact.phone': ['the phone number', 'y rhif ffôn'],
  phone: ['the phone number', 'y rhif ffôn'],
  email: ['the email address', 'y cyfeiriad e-bost'],
  'contact.methods': ['how they would like to be contacted', 'sut yr hoffent i rywun gysylltu â nhw'],
  'contact.times': ['the best times to contact them', 'yr amseroedd gorau i gysylltu â nhw'],
  'contact.notes': ['the contact notes', 'y nodiadau cyswllt'],
  'contact.safeToLeaveMessage': ['whether it is safe to leave a message', 'a yw’n ddiogel gadael neges'],
  language: ['the language', 'yr iaith'],
  'language.preferred': ['the language they prefer', 'yr iaith sy’n well ganddynt'],
  accessibility: ['the accessibility needs', 'yr anghenion hygyrchedd'],
  'accessibility.details': ['the accessibility details', 'y manylion hygyrchedd'],
  equality: ['the equality details', 'y manylion cydraddoldeb'],
  needs: ['what they need help with', 'beth y mae angen help arnynt ag ef'],
  'needs.*': ['a need', 'angen'],
  'needs.*.code': ['what they need help with', 'beth y mae angen help arnynt ag ef'],
  'needs.*.urgency': ['how urgent this is', 'pa mor frys yw hyn'],
  'needs.*.details': ['the details', 'y manylion'],
  safeguarding: ['the safeguarding answers', 'yr atebion diogelu'],
  'safeguarding.details': ['the safeguarding details', 'y manylion diogelu'],
  'safeguarding.actionTaken': ['the action taken', 'y camau a gymerwyd'],
  notes: ['the notes', 'y nodiadau'],
  partnerReference: ['your reference', 'eich cyfeirnod'],
  reference: ['the reference', 'y cyfeirnod'],
  source: ['where the referral came from', 'o ble y daeth yr atgyfeiriad'],
  requestedServiceId: ['the service requested', 'y gwasanaeth y gofynnwyd amdano'],
  consentId: ['the consent record', 'y cofnod cydsyniad'],
  consent: ['the consent', 'y cydsyniad'],
  assessment: ['the assessment', 'yr asesiad'],
  givenBy: ['who gave consent', 'pwy roddodd gydsyniad'],
  'givenBy.name': ['the name of the person giving consent', 'enw’r person sy’n rhoi cydsyniad'],
  purposes: ['how these details are used', 'sut y defnyddir y manylion hyn'],
  privacyNotice: ['the privacy notice', 'yr hysbysiad preifatrwydd'],
  q: ['the search words', 'y geiriau chwilio'],
  limit: ['the number of results a page', 'nifer y canlyniadau ar dudalen'],
  cursor: ['the page to start from', 'y dudalen i ddechrau ohoni'],
  radiusKm: ['the distance', 'y pellter'],
  need: ['the kind of help', 'y math o help'],
  status: ['the status', 'y statws'],
  url: ['the web address', 'y cyfeiriad gwe'],
  description: ['the description', 'y disgrifiad'],
};

/** A key as words: `safeToLeaveMessage` → `safe to leave message`, `line1` → `line 1`. */
const words = (key: string) =>
  key
    .replace(/([a-z])([A-Z0-9])/gu, '$1 $2')
    .replace(/_/gu, ' ')
    .toLowerCase();

/** The field at `path` named in words, in `lang`. */
export function fieldName(path: readonly PropertyKey[], lang: Lang = 'en'): string {
  const parts = path.map((p) => (typeof p === 'number' ? '*' : String(p)));
  for (let start = 0; start < parts.length; start += 1) {
    const found = names[parts.slice(start).join('.')];
    if (found) return lang === 'cy' ? found[1] : found[0];
  }
  const last = [...parts].reverse().find((p) => p !== '*');
  if (last === undefined) return lang === 'cy' ? 'y cais' : 'the request';
  const the = lang === 'cy' ? 'y maes' : 'the field';
  return `${the} ‘${words(last)}’`;
}

const TYPE_NAMES: Readonly<Record<string, Pair>> = {
  string: ['text', 'testun'],
  number: ['a number', 'rhif'],
  int: ['a whole number', 'rhif cyfan'],
  boolean: ['true or false', 'gwir neu gau'],
  array: ['a list', 'rhestr'],
  object: ['an object', 'gwrthrych'],
};

const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** General messages, for fields without their own: they name the field in words (`fieldName`). */
const general: Readonly<Record<string, (field: string, issue: Record<string, unknown>) => Pair>> = {
  required: (f) => [`Enter ${f}`, `Rhowch ${f}`],
  invalid_type: (f, i) => {
    const type = TYPE_NAMES[String(i.expected)] ?? [String(i.expected), String(i.expected)];
    return [`${cap(f)} must be ${type[0]}`, `Rhaid i ${f} fod yn ${type[1]}`];
  },
  too_long: (f, i) => [
    `${cap(f)} must be ${String(i.maximum)} characters or fewer`,
    `Rhaid i ${f} fod yn ${String(i.maximum)} nod neu lai`,
  ],
  too_short: (f, i) => [
    `${cap(f)} must be ${String(i.minimum)} characters or more`,
    `Rhaid i ${f} fod yn ${String(i.minimum)} nod neu fwy`,
  ],
  too_many: (f, i) => [
    `${cap(f)} must have ${String(i.maximum)} items or fewer`,
    `Rhaid i ${f} gynnwys ${String(i.maximum)} eitem neu lai`,
  ],
  too_few: (f, i) => [
    `${cap(f)} must have at least ${String(i.minimum)} items`,
    `Rhaid i ${f} gynnwys o leiaf ${String(i.minimum)} eitem`,
  ],
  too_small: (f, i) => [
    `${cap(f)} must be ${String(i.minimum)} or more`,
    `Rhaid i ${f} fod yn ${String(i.minimum)} neu fwy`,
  ],
  too_big: (f, i) => [
    `${cap(f)} must be ${String(i.maximum)} or less`,
    `Rhaid i ${f} fod yn ${String(i.maximum)} neu lai`,
  ],
  invalid_option: (f, i) => {
    const values = Array.isArray(i.values) ? i.values.map(String).join(', ') : '';
    return [`${cap(f)} must be one of: ${values}`, `Rhaid i ${f} fod yn un o: ${values}`];
  },
  invalid_characters: (f) => [
    `Remove hidden formatting characters from ${f}`,
    `Tynnwch y nodau fformatio cudd o ${f}`,
  ],
  unknown_field: (f) => [
    `Remove ${f}: it is not part of this request`,
    `Tynnwch ${f}: nid yw’n rhan o’r cais hwn`,
  ],
  invalid: (f) => [`${cap(f)} is not in the right format`, `Nid yw ${f} yn y fformat cywir`],
  duplicates: (f) => [
    `${cap(f)} has the same value more than once`,
    `Mae gan ${f} yr un gwerth fwy nag unwaith`,
  ],
};

/** JSON Pointer (RFC 6901) of a zod path. */
export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((part) => `/${String(part).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

// The characters check on every text field; its failures have a message of their own.
const TEXT_PATTERNS = new Set([String(SINGLE_LINE), String(MULTI_LINE)]);

type Issue = z.core.$ZodIssue & { input?: unknown };

/** The kind of problem an issue is, which is also its stable `code`. */
function kindOf(issue: Issue): string {
  switch (issue.code) {
    case 'custom': {
      const key = (issue.params as { key?: unknown } | undefined)?.key;
      return typeof key === 'string' ? key : 'invalid';
    }
    case 'invalid_type':
      // With the input (validate() asks for it), a wrong type is told from a missing value;
      // without it, a missing value is far the likelier.
      return !('input' in issue) || issue.input === undefined || issue.input === null
        ? 'required'
        : 'invalid_type';
    case 'too_small':
      if (issue.origin === 'string' || issue.origin === 'array') {
        if (Number(issue.minimum) <= 1) return 'required';
        return issue.origin === 'string' ? 'too_short' : 'too_few';
      }
      return 'too_small';
    case 'too_big':
      if (issue.origin === 'string') return 'too_long';
      if (issue.origin === 'array') return 'too_many';
      return 'too_big';
    case 'invalid_format':
      // An empty answer to a formatted field (postcode, phone) was not given, not mistyped.
      if ('input' in issue && typeof issue.input === 'string' && issue.input.trim() === '') return 'required';
      return issue.format === 'regex' && TEXT_PATTERNS.has(issue.pattern ?? '')
        ? 'invalid_characters'
        : 'invalid';
    case 'invalid_value':
      return 'input' in issue && (issue.input === undefined || issue.input === null)
        ? 'required'
        : 'invalid_option';
    case 'unrecognized_keys':
      return 'unknown_field';
    default:
      return 'invalid';
  }
}

/** The message for `kind` of the most specific field key that ends the path and has one. */
function ownMessage(path: readonly PropertyKey[], kind: string): Pair | undefined {
  const parts = path.map((p) => (typeof p === 'number' ? '*' : String(p)));
  for (let start = 0; start < parts.length; start += 1) {
    const found = fields[parts.slice(start).join('.')]?.[kind];
    if (found) return found;
  }
  return undefined;
}

/** Looser than a postcode: letters and digits in a postcode's shape, like ZZ99 9ZZ. */
const POSTCODE_SHAPE = /^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$/u;

/**
 * A closer kind of problem than the stable code, for its message only: what is missing from a
 * date typed in parts, or a postcode in the right shape that is not a real one.
 */
function variantOf(issue: Issue, kind: string): string | undefined {
  if (kind !== 'invalid' || issue.code !== 'invalid_format' || typeof issue.input !== 'string')
    return undefined;
  if (issue.format === 'date') {
    const problem = datePartsProblem(issue.input);
    return problem && problem !== 'not_real' ? problem : undefined;
  }
  if (issue.format === 'regex' && issue.pattern === String(POSTCODE_PATTERN)) {
    const shaped = issue.input.toUpperCase().replace(/\s+/gu, '');
    const spaced = shaped.length >= 5 ? `${shaped.slice(0, -3)} ${shaped.slice(-3)}` : shaped;
    return POSTCODE_SHAPE.test(spaced) ? 'not_real' : undefined;
  }
  return undefined;
}

/** The need whose answer `issuePath` is (the `code` beside it in `data`), as its label. */
function needOf(data: unknown, issuePath: readonly PropertyKey[], path: readonly PropertyKey[], lang: Lang) {
  const at = path.length - 3;
  if (at < 0 || path[at] !== 'needs' || typeof path[at + 1] !== 'number') return undefined;
  let node: unknown = data;
  for (const key of issuePath.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  const code = node !== null && typeof node === 'object' ? (node as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (needCodes.codes as readonly string[]).includes(code)
    ? labelOf(needCodes, code as (typeof needCodes.codes)[number], lang)
    : undefined;
}

function describeOne(
  issue: Issue,
  path: readonly PropertyKey[],
  kind: string,
  lang: Lang,
  need?: string,
): FieldError {
  const pointer = toPointer(path);
  const variant = variantOf(issue, kind);
  const pair =
    (need ? ownMessage(path, `${kind}:need`) : undefined) ??
    (variant ? ownMessage(path, `${kind}:${variant}`) : undefined) ??
    ownMessage(path, kind) ??
    (general[kind] ?? general.invalid)?.(
      path.length ? fieldName(path, lang) : lang === 'cy' ? 'corff y cais' : 'the request body',
      issue as unknown as Record<string, unknown>,
    );
  const message = (pair ? (lang === 'cy' ? pair[1] : pair[0]) : kind)
    .replace('{max}', String((issue as { maximum?: unknown }).maximum))
    .replace('{need}', need ?? '');
  return { path: pointer, code: kind, message };
}

/**
 * Turns zod issues into field errors with messages in `lang`. An unknown key becomes one error
 * per key. `at` is prefixed to every path, for a part validated on its own (a form step).
 * `data`, the value parsed, lets a message name the need an answer is about.
 */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  lang: Lang = 'en',
  at: readonly PropertyKey[] = [],
  data?: unknown,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues as readonly Issue[]) {
    const path = [...at, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push(describeOne(issue, [...path, key], 'unknown_field', lang));
    } else {
      errors.push(describeOne(issue, path, kindOf(issue), lang, needOf(data, issue.path, path, lang)));
    }
  }
  return errors;
}

export type ValidationResult<T> =
  { success: true; data: T; errors?: undefined } | { success: false; data?: undefined; errors: FieldError[] };

export interface ValidateOptions {
  lang?: Lang;
  /** Path of the part being validated inside the whole, so paths and messages match it. */
  at?: readonly PropertyKey[];
}

/**
 * Validates `data` against `schema`: the parsed value, or every failing field with a message
 * in `lang`. The input is never copied into the errors, so they are safe to log or send back.
 */
export function validate<S extends z.ZodMiniType>(
  schema: S,
  data: unknown,
  options: ValidateOptions = {},
): ValidationResult<z.infer<S>> {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return { success: true, data: result.data };
  return {
    success: false,
    errors: describeIssues(result.error.issues, options.lang ?? 'en', options.at ?? [], data),
  };
}

/**
 * Every field-specific message, for tests and translators: key → kind → [en, cy]. `{max}`
 * stands for the field's limit.
 */
export const fieldMessages = fields;
