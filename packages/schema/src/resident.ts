import * as z from 'zod/mini';
import {
  ACCESSIBILITY_NEED_CODES,
  AGE_BAND_CODES,
  CONTACT_METHOD_CODES,
  CONTACT_TIME_CODES,
  DISABILITY_CODES,
  ETHNICITY_CODES,
  GENDER_REASSIGNMENT_CODES,
  MARITAL_STATUS_CODES,
  PREGNANCY_MATERNITY_CODES,
  RELIGION_CODES,
  SEXUAL_ORIENTATION_CODES,
  SEX_CODES,
} from './codes.ts';
import {
  Address,
  checked,
  code,
  date,
  email,
  languageTag,
  longText,
  nhsNumber,
  phone,
  rule,
  text,
  unique,
} from './primitives.ts';

export const PersonName = z.strictObject({
  /** First or given name(s). */
  given: text(100),
  /** Last or family name(s). */
  family: text(100),
  /** What they like to be called, if not their given name. */
  preferred: z.optional(text(100)),
});
export type PersonName = z.infer<typeof PersonName>;

/**
 * How and when the person wants to be contacted, and whether a message may be left: a
 * message left on a shared phone can put someone at risk (domestic abuse).
 */
export const ContactPreferences = z.strictObject({
  phone: z.optional(phone),
  email: z.optional(email),
  /** In order of preference. */
  methods: checked(z.array(code(CONTACT_METHOD_CODES)), z.minLength(1), z.maxLength(5), unique()),
  times: z.optional(checked(z.array(code(CONTACT_TIME_CODES)), z.maxLength(4), unique())),
  /** Whether a message may be left: voicemail, a text, a letter or an email someone else might see. */
  safeToLeaveMessage: z.boolean(),
  /** For example "Call after 3pm, not at weekends". */
  notes: z.optional(longText(500)),
});
export type ContactPreferences = z.infer<typeof ContactPreferences>;

export const LanguageNeeds = z.strictObject({
  /** BCP 47 tag: `en`, `cy`, `bn`, `bfi` (British Sign Language)… */
  preferred: languageTag,
  interpreterNeeded: z.boolean(),
});
export type LanguageNeeds = z.infer<typeof LanguageNeeds>;

export const AccessibilityNeeds = z.strictObject({
  needs: checked(z.array(code(ACCESSIBILITY_NEED_CODES)), z.maxLength(11), unique()),
  details: z.optional(longText(500)),
});
export type AccessibilityNeeds = z.infer<typeof AccessibilityNeeds>;

/**
 * Equality monitoring: one optional question for each protected characteristic in the
 * Equality Act 2010, each allowing "prefer not to say". Used only for monitoring, reported in
 * aggregate, never to decide anything about the person.
 */
export const EqualityMonitoring = z.strictObject({
  ageBand: z.optional(code(AGE_BAND_CODES)),
  disability: z.optional(code(DISABILITY_CODES)),
  genderReassignment: z.optional(code(GENDER_REASSIGNMENT_CODES)),
  maritalStatus: z.optional(code(MARITAL_STATUS_CODES)),
  pregnancyMaternity: z.optional(code(PREGNANCY_MATERNITY_CODES)),
  ethnicity: z.optional(code(ETHNICITY_CODES)),
  /** Their own words, when they chose an "other" or "any other background" answer. */
  ethnicityDescription: z.optional(text(100)),
  religion: z.optional(code(RELIGION_CODES)),
  sex: z.optional(code(SEX_CODES)),
  sexualOrientation: z.optional(code(SEXUAL_ORIENTATION_CODES)),
});
export type EqualityMonitoring = z.infer<typeof EqualityMonitoring>;

/** Today's date in the UK as `YYYY-MM-DD` (a baby born this morning in summer time is not "in the future"). */
// Made once, on first use: building an Intl.DateTimeFormat per check was 6% of the hub's main
// thread under load (issue 14), and a bundle that never checks a date of birth never builds one.
// The day itself is kept for the minute it was read in: UK midnight (GMT or BST, whole hours
// from UTC) always falls on a whole UTC minute, so the UK date cannot change within one; formatting
// it per check was another 3% of the hub's main thread.
let ukDay: Intl.DateTimeFormat | undefined;
let dayMinute = Number.NaN;
let day = '';
const today = () => {
  const now = Date.now();
  const minute = Math.floor(now / 60_000);
  if (minute !== dayMinute) {
    day = (ukDay ??= new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })).format(now);
    dayMinute = minute;
  }
  return day;
};
const OLDEST_BIRTH_DATE = '1900-01-01';

// A date that is not a real date is neither in the future nor too early: one error, not two.
const isRealDate = (payload: { issues: readonly unknown[] }) => payload.issues.length === 0;
export const dateOfBirth = checked(
  date,
  z.refine((value) => value <= today(), { when: isRealDate, params: { key: 'date_in_future' } }),
  z.refine((value) => value >= OLDEST_BIRTH_DATE, { when: isRealDate, params: { key: 'date_too_early' } }),
);

interface ResidentShape {
  contact: ContactPreferences;
  address?: Address | undefined;
}

/** The person being referred. */
export const Resident = checked(
  z.strictObject({
    name: PersonName,
    dateOfBirth: z.optional(dateOfBirth),
    nhsNumber: z.optional(nhsNumber),
    contact: ContactPreferences,
    address: z.optional(Address),
    language: LanguageNeeds,
    accessibility: z.optional(AccessibilityNeeds),
    equality: z.optional(EqualityMonitoring),
  }),
  // Each way they asked to be contacted needs the details to do it.
  rule<ResidentShape>(
    (r) => r.contact.phone !== undefined || !r.contact.methods.some((m) => m === 'phone' || m === 'text'),
    {
      reads: ['contact.methods', 'contact.phone'],
      path: ['contact', 'phone'],
      key: 'phone_needed_for_method',
    },
  ),
  rule<ResidentShape>((r) => r.contact.email !== undefined || !r.contact.methods.includes('email'), {
    reads: ['contact.methods', 'contact.email'],
    path: ['contact', 'email'],
    key: 'email_needed_for_method',
  }),
  rule<ResidentShape>((r) => r.address !== undefined || !r.contact.methods.includes('letter'), {
    reads: ['contact.methods', 'address'],
    path: ['address'],
    key: 'address_needed_for_letter',
  }),
);
export type Resident = z.infer<typeof Resident>;
