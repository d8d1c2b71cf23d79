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
import { labelOf, needCodes, welsh, type Lang } from './codelists.ts';
import { datePartsProblem } from './dates.ts';
import { MULTI_LINE, POSTCODE_PATTERN, SINGLE_LINE } from './primitives.ts';

type FieldMessages = Readonly<Record<string, string>>;

// `{max}` is the limit of the field that failed: fields that share a name (`notes`) differ.
const CHARS = (field: string): string => `${field} must be {max} characters or fewer`;

/** Messages by field (the end of its path, `*` for list positions) and kind of problem. */
const fields: Readonly<Record<string, FieldMessages>> = {
  'name.given': {
    required: 'Enter a first name',
    too_long: CHARS('First name'),
  },
  'name.family': {
    required: 'Enter a last name',
    too_long: CHARS('Last name'),
  },
  'name.preferred': {
    required: 'Enter the name they like to be called, or leave it out',
    too_long: CHARS('Preferred name'),
  },
  dateOfBirth: {
    required: 'Enter a date of birth',
    invalid: 'Date of birth must be a real date',
    // What is missing or wrong in the day, month and year typed (GOV.UK date input).
    'invalid:missing_day': 'Date of birth must include a day',
    'invalid:missing_month': 'Date of birth must include a month',
    'invalid:missing_year': 'Date of birth must include a year',
    'invalid:missing_day_month': 'Date of birth must include a day and month',
    'invalid:missing_day_year': 'Date of birth must include a day and year',
    'invalid:missing_month_year': 'Date of birth must include a month and year',
    'invalid:year_digits': 'Year must include 4 numbers',
    date_in_future: 'Date of birth must be in the past',
    date_too_early: 'Date of birth must be in 1900 or later',
  },
  nhsNumber: {
    required: 'Enter an NHS number, or leave it out',
    invalid: 'Enter a valid NHS number, which is 10 digits',
    nhs_number_check: 'Enter a valid NHS number, which is 10 digits',
  },
  phone: {
    required: 'Enter a phone number',
    invalid: 'Enter a phone number, like 01632 960 001 or 07700 900 982',
    phone_needed_for_method: 'Enter a phone number, or choose another way to contact them',
  },
  email: {
    required: 'Enter an email address',
    invalid: 'Enter an email address in the correct format, like name@example.com',
    too_long: CHARS('Email address'),
    email_needed_for_method: 'Enter an email address, or choose another way to contact them',
  },
  'contact.methods': {
    duplicates: 'Choose each way of contacting them only once',
    required: 'Select how they would like to be contacted',
    invalid_option: 'Select how they would like to be contacted',
  },
  'contact.times': { duplicates: 'Choose each time only once' },
  'accessibility.needs': { duplicates: 'Choose each need only once' },
  'contact.safeToLeaveMessage': {
    required: 'Select whether it is safe to leave a message',
  },
  'contact.notes': { too_long: CHARS('Contact notes') },
  'address.line1': {
    required: 'Enter address line 1, typically the building and street',
    too_long: CHARS('Address line 1'),
  },
  'address.line2': { too_long: CHARS('Address line 2') },
  'address.town': {
    required: 'Enter a town or city',
    too_long: CHARS('Town or city'),
  },
  'address.county': { too_long: CHARS('County') },
  address: {
    address_needed_for_letter: 'Enter an address, or choose another way to contact them',
  },
  postcode: {
    required: 'Enter a postcode',
    invalid: 'Enter a postcode, like N1 1AA',
    // Shaped like a postcode, but no postcode is written so (ZZ99 9ZZ).
    'invalid:not_real': 'Enter a real postcode',
    postcode_not_found: 'Enter a postcode in this hub’s area, or search without a postcode',
  },
  uprn: {
    invalid: 'UPRN must be a number of up to 12 digits',
  },
  'language.preferred': {
    required: 'Select the language they prefer',
    invalid: 'Enter a language code, like en, cy or bn',
  },
  'language.interpreterNeeded': {
    required: 'Select whether they need an interpreter',
  },
  'accessibility.details': { too_long: CHARS('Accessibility details') },
  'equality.ethnicityDescription': {
    too_long: CHARS('Ethnic group description'),
  },
  'referrer.type': {
    required: 'Select who is making the referral',
    invalid_option: 'Select who is making the referral',
  },
  'referrer.name': {
    required: 'Enter your name',
    referrer_name_required: 'Enter your name',
    too_long: CHARS('Your name'),
  },
  'referrer.role': { too_long: CHARS('Job title') },
  'referrer.relationship': { too_long: CHARS('Relationship') },
  'referrer.contact': {
    referrer_contact_required: 'Enter a phone number or email address so the hub can contact you',
  },
  'organisation.name': {
    required: 'Enter the name of your organisation',
    organisation_required: 'Enter the name of your organisation',
    too_long: CHARS('Organisation name'),
  },
  odsCode: { invalid: 'Enter an ODS code, like F83004' },
  charityNumber: {
    invalid: 'Enter a charity number, like 1234567 or SC012345',
  },
  residentAware: {
    required: 'Select whether the person knows about this referral',
    agreed_but_not_aware:
      'Select whether the person knows about this referral; they cannot agree to a referral they do not know about',
  },
  residentAgreed: {
    required: 'Select whether the person agrees to this referral',
    self_referral_agreed: 'Confirm that you agree to this referral',
  },
  noAgreementReason: {
    required: 'Explain why the referral is being made without their agreement',
    no_agreement_reason_required: 'Explain why the referral is being made without their agreement',
    too_long: CHARS('Reason'),
  },
  needs: {
    required: 'Select at least one thing they need help with',
    needs_unique: 'Choose each kind of help only once',
  },
  'needs.*.code': {
    required: 'Select what they need help with',
    invalid_option: 'Select what they need help with',
  },
  'needs.*.urgency': {
    required: 'Select how urgent this is',
    invalid_option: 'Select how urgent this is',
    // With the need known (validate() reads it beside the urgency): one message a need.
    'required:need': 'Select how urgent help with ‘{need}’ is',
    'invalid_option:need': 'Select how urgent help with ‘{need}’ is',
  },
  'needs.*.details': {
    too_long: CHARS('Details'),
    'too_long:need': 'Details of help with ‘{need}’ must be {max} characters or fewer',
  },
  'safeguarding.concern': {
    required: 'Select whether you have a safeguarding concern',
    danger_without_concern: 'Select that there is a safeguarding concern if someone is in immediate danger',
  },
  'safeguarding.subject': {
    required: 'Select whether the concern is about an adult or a child',
    safeguarding_subject_required: 'Select whether the concern is about an adult or a child',
  },
  'safeguarding.immediateDanger': {
    required: 'Select whether anyone is in immediate danger',
  },
  'safeguarding.details': {
    required: 'Describe the safeguarding concern',
    safeguarding_details_required: 'Describe the safeguarding concern',
    too_long: CHARS('Safeguarding details'),
  },
  'safeguarding.actionTaken': { too_long: CHARS('Action taken') },
  notes: { too_long: CHARS('Notes') },
  partnerReference: { too_long: CHARS('Your reference') },
  reference: {
    invalid: 'Enter a reference like HUB-7K3P-Q9',
    reference_check: 'Check the reference: one of its characters is wrong',
  },
  // Consent
  consent: {
    consent_and_consent_id: 'Give the consent record or the id of one already recorded, not both',
  },
  'givenBy.type': { required: 'Select who is giving consent' },
  'givenBy.name': {
    required: 'Enter the name of the person giving consent',
    too_long: CHARS('Name'),
  },
  'givenBy.relationship': { too_long: CHARS('Relationship') },
  'givenBy.authority': {
    required: 'Select why they can consent for the person',
    representative_authority_required: 'Select why they can consent for the person',
  },
  'givenBy.reason': {
    required: 'Explain why the person is not consenting themselves',
    representative_reason_required: 'Explain why the person is not consenting themselves',
    too_long: CHARS('Reason'),
  },
  method: { required: 'Select how consent was given' },
  recordedBy: {
    withdrawal_recorded_by_required: 'Enter who took the withdrawal by phone, in person or on paper',
    recorded_by_required: 'Enter who took consent by phone, in person or on paper',
  },

  specialCategoryCondition: {
    special_category_condition_required:
      'Select the condition for using details about health, disability or ethnicity',
  },
  'recordedBy.name': {
    required: 'Enter the name of the person who took consent',
  },
  purposes: {
    required: 'Answer each question about how these details are used',
    no_purpose_granted: 'Agree to at least one use of these details, or do not send the referral',
    purposes_unique: 'Answer each question only once',
  },
  'purposes.*.granted': {
    required: 'Select yes or no for each use of these details',
  },
  'withdrawal.reason': { too_long: CHARS('Reason') },
  withdrawal: {
    withdrawal_status_mismatch: 'Give withdrawal details for a withdrawn consent, and only for one',
  },
  // Single assessment
  sections: {
    required: 'Add at least one part of life to the assessment',
    sections_unique: 'Assess each part of life only once',
  },
  'sections.*.score': {
    required: 'Select where things stand, from 1 to 5',
    too_small: 'Select where things stand, from 1 to 5',
    too_big: 'Select where things stand, from 1 to 5',
    invalid_type: 'Select where things stand, from 1 to 5',
  },
  'sections.*.summary': { too_long: CHARS('Where things stand') },
  whatMatters: { too_long: CHARS('What matters') },
  whatMattersMost: { too_long: CHARS('What matters most') },
  strengths: { too_long: CHARS('Strengths') },
  risks: { too_long: CHARS('Risks') },
  'actions.*.description': {
    required: 'Describe the action',
    too_long: CHARS('Action'),
  },
  'actions.*.owner': { required: 'Select who will do this' },
  'actions.*.dueBy': {
    invalid: 'Due date must be a real date',
  },
  'completedBy.name': {
    required: 'Enter the name of the person completing the assessment',
  },
  referralId: {
    assessment_subject_required: 'Give the referral or the person this assessment is for',
  },
  residentId: {
    assessment_subject_required: 'Give a residentId or a referralId',
  },
  // Outcomes
  code: {
    outcome_does_not_fit_need: 'Select an outcome that fits this need',
  },
  amount: {
    amount_required: 'Enter the income gained and how often',
  },
  'amount.amount': {
    required: 'Enter the amount in pence, as a whole number, like 2550 for £25.50',
    invalid_type: 'Enter the amount in pence, as a whole number, like 2550 for £25.50',
    invalid: 'Enter the amount in pence, as a whole number, like 2550 for £25.50',
    too_small: 'Amount must be 0 pence or more',
    too_big: 'Amount must be 1000000000 pence (£10,000,000) or less',
  },
  'amount.frequency': { required: 'Select how often' },
  // Directory and API
  validTo: {
    valid_dates_order: 'The date it ends must be the same as or after the date it starts',
  },
  closesAt: {
    closes_before_opens: 'Closing time must be after opening time',
  },
  maximumAge: {
    age_range_order: 'Maximum age must be the same as or more than minimum age',
  },
  interval: {
    series_too_long: 'Choose dates up to 10 years apart for a series by week or month',
  },
  to: {
    date_range_order: 'End date must be the same as or after start date',
  },
  url: {
    invalid: 'Enter a web address starting https://',
    credentials_in_url:
      'Remove the user name and password from the web address: the hub signs every delivery instead',
  },
  events: {
    events_unique: 'Choose each event only once',
  },
  q: { too_long: CHARS('Search words') },
};

/**
 * Fields named in words for the general messages, by the end of their path like the messages
 * above: a person reads "Remove hidden formatting characters from address line 1", never
 * "/resident/address/line1". A field not here is named from its key ("safeToLeaveMessage" →
 * "safe to leave message").
 */
const names: Readonly<Record<string, string>> = {
  resident: 'the person’s details',
  referrer: 'your details',
  'referrer.name': 'your name',
  'referrer.role': 'your job title',
  'referrer.relationship': 'your relationship to the person',
  'referrer.contact': 'your contact details',
  'referrer.organisation': 'your organisation',
  'organisation.name': 'the name of your organisation',
  name: 'the name',
  'name.given': 'the first name',
  'name.family': 'the last name',
  'name.preferred': 'the preferred name',
  dateOfBirth: 'the date of birth',
  nhsNumber: 'the NHS number',
  address: 'the address',
  'address.line1': 'address line 1',
  'address.line2': 'address line 2',
  'address.town': 'the town or city',
  'address.county': 'the county',
  postcode: 'the postcode',
  uprn: 'the UPRN',
  contact: 'the contact details',
  'contact.phone': 'the phone number',
  phone: 'the phone number',
  email: 'the email address',
  'contact.methods': 'how they would like to be contacted',
  'contact.times': 'the best times to contact them',
  'contact.notes': 'the contact notes',
  'contact.safeToLeaveMessage': 'whether it is safe to leave a message',
  language: 'the language',
  'language.preferred': 'the language they prefer',
  accessibility: 'the accessibility needs',
  'accessibility.details': 'the accessibility details',
  equality: 'the equality details',
  needs: 'what they need help with',
  'needs.*': 'a need',
  'needs.*.code': 'what they need help with',
  'needs.*.urgency': 'how urgent this is',
  'needs.*.details': 'the details',
  safeguarding: 'the safeguarding answers',
  'safeguarding.details': 'the safeguarding details',
  'safeguarding.actionTaken': 'the action taken',
  notes: 'the notes',
  partnerReference: 'your reference',
  reference: 'the reference',
  source: 'where the referral came from',
  requestedServiceId: 'the service requested',
  consentId: 'the consent record',
  consent: 'the consent',
  assessment: 'the assessment',
  givenBy: 'who gave consent',
  'givenBy.name': 'the name of the person giving consent',
  purposes: 'how these details are used',
  privacyNotice: 'the privacy notice',
  q: 'the search words',
  limit: 'the number of results a page',
  cursor: 'the page to start from',
  radiusKm: 'the distance',
  need: 'the kind of help',
  status: 'the status',
  url: 'the web address',
  description: 'the description',
};

/** A key as words: `safeToLeaveMessage` → `safe to leave message`, `line1` → `line 1`. */
const words = (key: string) =>
  key
    .replace(/([a-z])([A-Z0-9])/gu, '$1 $2')
    .replace(/_/gu, ' ')
    .toLowerCase();

/** The field at `path` named in words, in `lang`. */
export function fieldName(path: readonly PropertyKey[], lang: Lang = 'en'): string {
  const cy = lang === 'cy' ? welsh.messages : undefined;
  const parts = path.map((p) => (typeof p === 'number' ? '*' : String(p)));
  for (let start = 0; start < parts.length; start += 1) {
    const key = parts.slice(start).join('.');
    const found = names[key];
    if (found) return (cy ? cy.names[key] : undefined) ?? found;
  }
  const last = [...parts].reverse().find((p) => p !== '*');
  if (last === undefined) return cy ? cy.words.request : 'the request';
  return `${cy ? cy.words.field : 'the field'} ‘${words(last)}’`;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A general message: the field named in words (`fieldName`) and the issue's details. */
export type GeneralMessage = (field: string, issue: Readonly<Record<string, unknown>>) => string;

/** General messages, for fields without their own: they name the field in words (`fieldName`). */
const general: Readonly<Record<string, GeneralMessage>> = {
  required: (f) => `Enter ${f}`,
  invalid_type: (f, i) => `${cap(f)} must be ${TYPE_NAMES[String(i.expected)] ?? String(i.expected)}`,
  too_long: (f, i) => `${cap(f)} must be ${String(i.maximum)} characters or fewer`,
  too_short: (f, i) => `${cap(f)} must be ${String(i.minimum)} characters or more`,
  too_many: (f, i) => `${cap(f)} must have ${String(i.maximum)} items or fewer`,
  too_few: (f, i) => `${cap(f)} must have at least ${String(i.minimum)} items`,
  too_small: (f, i) => `${cap(f)} must be ${String(i.minimum)} or more`,
  too_big: (f, i) => `${cap(f)} must be ${String(i.maximum)} or less`,
  invalid_option: (f, i) =>
    `${cap(f)} must be one of: ${Array.isArray(i.values) ? i.values.map(String).join(', ') : ''}`,
  invalid_characters: (f) => `Remove hidden formatting characters from ${f}`,
  unknown_field: (f) => `Remove ${f}: it is not part of this request`,
  invalid: (f) => `${cap(f)} is not in the right format`,
  duplicates: (f) => `${cap(f)} has the same value more than once`,
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
function ownMessage(path: readonly PropertyKey[], kind: string, lang: Lang): string | undefined {
  const parts = path.map((p) => (typeof p === 'number' ? '*' : String(p)));
  for (let start = 0; start < parts.length; start += 1) {
    const key = parts.slice(start).join('.');
    const found = fields[key]?.[kind];
    if (found) return (lang === 'cy' ? welsh.messages?.fields[key]?.[kind] : undefined) ?? found;
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
  const cy = lang === 'cy' ? welsh.messages : undefined;
  const generals = cy?.general ?? general;
  const text =
    (need ? ownMessage(path, `${kind}:need`, lang) : undefined) ??
    (variant ? ownMessage(path, `${kind}:${variant}`, lang) : undefined) ??
    ownMessage(path, kind, lang) ??
    (generals[kind] ?? generals.invalid)?.(
      path.length ? fieldName(path, lang) : cy ? cy.words.body : 'the request body',
      issue as unknown as Record<string, unknown>,
    );
  const message = (text ?? kind)
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
 * Every field-specific message in English, for tests and translators: key → kind → message.
 * `{max}` stands for the field's limit. The Welsh, with the same keys, is `welshMessages.fields`
 * from `@hubkit/schema/cy`.
 */
export const fieldMessages = fields;

/** Every field named in words, in English: key → name. The Welsh is `welshMessages.names`. */
export const fieldNames = names;

/** The general messages in English. The Welsh is `welshMessages.general`. */
export const generalMessages = general;
