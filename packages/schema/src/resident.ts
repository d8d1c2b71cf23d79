import * as z from 'zod/mini';
import {
  accessibilityNeedCodes,
  ageBandCodes,
  contactMethodCodes,
  contactTimeCodes,
  disabilityCodes,
  ethnicityCodes,
  genderReassignmentCodes,
  maritalStatusCodes,
  pregnancyMaternityCodes,
  religionCodes,
  sexCodes,
  sexualOrientationCodes,
} from './codelists.ts';
import { Address, code, date, email, languageTag, longText, nhsNumber, phone, text } from './primitives.ts';

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
  methods: z.array(code(contactMethodCodes)).check(z.minLength(1), z.maxLength(5)),
  times: z.optional(z.array(code(contactTimeCodes)).check(z.maxLength(4))),
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
  needs: z.array(code(accessibilityNeedCodes)).check(z.maxLength(11)),
  details: z.optional(longText(500)),
});
export type AccessibilityNeeds = z.infer<typeof AccessibilityNeeds>;

/**
 * Equality monitoring: one optional question for each protected characteristic in the
 * Equality Act 2010, each allowing "prefer not to say". Used only for monitoring, reported in
 * aggregate, never to decide anything about the person.
 */
export const EqualityMonitoring = z.strictObject({
  ageBand: z.optional(code(ageBandCodes)),
  disability: z.optional(code(disabilityCodes)),
  genderReassignment: z.optional(code(genderReassignmentCodes)),
  maritalStatus: z.optional(code(maritalStatusCodes)),
  pregnancyMaternity: z.optional(code(pregnancyMaternityCodes)),
  ethnicity: z.optional(code(ethnicityCodes)),
  /** Their own words, when they chose an "other" or "any other background" answer. */
  ethnicityDescription: z.optional(text(100)),
  religion: z.optional(code(religionCodes)),
  sex: z.optional(code(sexCodes)),
  sexualOrientation: z.optional(code(sexualOrientationCodes)),
});
export type EqualityMonitoring = z.infer<typeof EqualityMonitoring>;

/** Today's date in UTC as `YYYY-MM-DD`; the oldest plausible date of birth. */
const today = () => new Date().toISOString().slice(0, 10);
const OLDEST_BIRTH_DATE = '1900-01-01';

export const dateOfBirth = date.check(
  z.refine((value) => value <= today(), { params: { key: 'date_in_future' } }),
  z.refine((value) => value >= OLDEST_BIRTH_DATE, { params: { key: 'date_too_early' } }),
);

/** The person being referred. */
export const Resident = z
  .strictObject({
    name: PersonName,
    dateOfBirth: z.optional(dateOfBirth),
    nhsNumber: z.optional(nhsNumber),
    contact: ContactPreferences,
    address: z.optional(Address),
    language: LanguageNeeds,
    accessibility: z.optional(AccessibilityNeeds),
    equality: z.optional(EqualityMonitoring),
  })
  .check(
    // Each way they asked to be contacted needs the details to do it.
    z.refine(
      (r) => r.contact.phone !== undefined || !r.contact.methods.some((m) => m === 'phone' || m === 'text'),
      {
        path: ['contact', 'phone'],
        params: { key: 'phone_needed_for_method' },
      },
    ),
    z.refine((r) => r.contact.email !== undefined || !r.contact.methods.includes('email'), {
      path: ['contact', 'email'],
      params: { key: 'email_needed_for_method' },
    }),
    z.refine((r) => r.address !== undefined || !r.contact.methods.includes('letter'), {
      path: ['address'],
      params: { key: 'address_needed_for_letter' },
    }),
  );
export type Resident = z.infer<typeof Resident>;
