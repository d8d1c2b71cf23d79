/**
 * The building blocks every entity is made of: text that cannot carry control characters,
 * UK postcodes and phone numbers normalised as people type them, dates, ids.
 *
 * Schemas are written with zod/mini so that a browser bundle that validates a referral pulls
 * in a few KiB of zod, not the whole library.
 */
import * as z from 'zod/mini';
import type { Codelist } from './codelists.ts';

// Strict Content-Security-Policies forbid `eval`: without this, building the first object
// schema probes `new Function` and the browser reports a CSP violation. Every schema module
// imports this module, so the setting is in place before any schema is built. It switches
// off zod's JIT for objects, which buys nothing measurable for payloads of this size
// (docs/decisions/0002-zod-mini-and-jitless.md).
z.config({ jitless: true });

// C0 controls (but tab, line feed and carriage return in multi-line text), DEL, C1 controls,
// and the bidirectional overrides and isolates used to disguise text ("Trojan Source").
// eslint-disable-next-line no-control-regex
export const SINGLE_LINE = /^[^\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]*$/;
export const MULTI_LINE =
  // eslint-disable-next-line no-control-regex
  /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]*$/;

/** Required single-line text, trimmed, 1 to `max` characters. */
export function text(max: number) {
  return z.string().check(z.trim(), z.minLength(1), z.maxLength(max), z.regex(SINGLE_LINE));
}

/** Required multi-line free text (details, notes), trimmed, 1 to `max` characters. */
export function longText(max: number) {
  return z.string().check(z.trim(), z.minLength(1), z.maxLength(max), z.regex(MULTI_LINE));
}

/** A value from a codelist. */
export function code<C extends string>(list: Codelist<C>) {
  return z.enum(list.codes);
}

export const id = z.uuid();
export type Id = z.infer<typeof id>;

/** An instant, as RFC 3339 date-time with an offset (the server writes UTC, `Z`). */
export const dateTime = z.iso.datetime({ offset: true });

/** A calendar date, `YYYY-MM-DD`, that exists (no 31 February). */
export const date = z.iso.date();

export const email = z.email().check(z.maxLength(254));

export const url = z.url({ protocol: /^https?$/ }).check(z.maxLength(2000));

/**
 * UK postcodes, as the Government Data Standards Catalogue describes them: outward code
 * (A9, A99, A9A, AA9, AA99, AA9A with the letters each position allows), a space, inward
 * code (9 and two letters other than C, I, K, M, O, V).
 */
export const POSTCODE_PATTERN =
  /^(GIR 0AA|[A-PR-UWYZ]([0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?) [0-9][ABD-HJLNP-UW-Z]{2})$/;

/** `n11aa`, ` N1  1AA ` and `n1 1aa` all become `N1 1AA`. */
export function normalisePostcode(value: string): string {
  const compact = value.toUpperCase().replace(/\s+/g, '');
  return compact.length >= 5 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
}

/** The outward code (postcode district) of a normalised postcode: `N1 1AA` → `N1`. */
export function postcodeDistrict(postcode: string): string {
  return normalisePostcode(postcode).split(' ')[0] ?? '';
}

export const postcode = z.string().check(z.overwrite(normalisePostcode), z.regex(POSTCODE_PATTERN));

/**
 * Phone numbers are stored in E.164 (`+447700900982`). UK numbers may be typed in national
 * format with spaces, dashes or brackets: `07700 900982`, `(020) 7946 0018`.
 */
export function normalisePhone(value: string): string {
  const compact = value.replace(/[\s().-]/g, '');
  if (/^00\d/.test(compact)) return `+${compact.slice(2)}`;
  if (/^0\d/.test(compact)) return `+44${compact.slice(1)}`;
  if (/^\+440\d/.test(compact)) return `+44${compact.slice(4)}`;
  return compact;
}

// UK: +44 then 9 or 10 digits not starting with 0. Elsewhere: E.164, 8 to 15 digits.
const PHONE_PATTERN = /^(\+44[1-9]\d{8,9}|\+(?!44)[1-9]\d{6,14})$/;
export const phone = z.string().check(z.overwrite(normalisePhone), z.regex(PHONE_PATTERN));

/** NHS numbers are 10 digits with a modulus 11 check digit. Spaces and dashes are removed. */
export function isValidNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  const digits = Array.from(value, Number);
  const sum = digits.slice(0, 9).reduce((total, digit, index) => total + digit * (10 - index), 0);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === digits[9];
}
export const nhsNumber = z.string().check(
  z.overwrite((v) => v.replace(/[\s-]/g, '')),
  z.regex(/^\d{10}$/),
  z.refine(isValidNhsNumber, { params: { key: 'nhs_number_check' } }),
);

/** Unique Property Reference Number: up to 12 digits. */
export const uprn = z.string().check(z.regex(/^[0-9]{1,12}$/));

/** A BCP 47 language tag, like `en`, `cy`, `pa-Guru` or `bfi` (British Sign Language). */
export const languageTag = z.string().check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/));

/** A UK address. The postcode is normalised; the UPRN is optional. */
export const Address = z.strictObject({
  line1: text(120),
  line2: z.optional(text(120)),
  town: text(80),
  county: z.optional(text(80)),
  postcode,
  uprn: z.optional(uprn),
});
export type Address = z.infer<typeof Address>;

/** A person or organisation's contact details. */
export const ContactDetails = z.strictObject({
  phone: z.optional(phone),
  email: z.optional(email),
});

/** Amounts of money in pounds sterling, to the penny. */
export const money = z.number().check(z.minimum(0), z.maximum(10_000_000), z.multipleOf(0.01));
