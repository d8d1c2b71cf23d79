/**
 * The building blocks every entity is made of: text that cannot carry control characters,
 * UK postcodes and phone numbers normalised as people type them, dates, ids.
 *
 * Schemas are written with zod/mini so that a browser bundle that validates a referral pulls
 * in a few KiB of zod, not the whole library.
 */
import * as z from 'zod/mini';
import { MAX_PENCE } from './money.ts';

// Strict Content-Security-Policies forbid `eval`. zod's object JIT probes `new Function` when
// it builds a schema, and the browser reports that as a violation even though zod catches it.
// zod/mini builds no JIT today; switching the JIT off keeps a later zod that adds one within
// the policy. Every schema module imports this module, so the setting is in place before any
// schema is built (docs/decisions/0002-zod-mini-and-jitless.md; a browser test checks it).
z.config({ jitless: true });

// C0 controls (but tab, line feed and carriage return in multi-line text), DEL, C1 controls,
// line and paragraph separators in single-line text, and the bidirectional overrides and
// isolates used to disguise text ("Trojan Source").
// eslint-disable-next-line no-control-regex
export const SINGLE_LINE = /^[^\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]*$/;
export const MULTI_LINE =
  // eslint-disable-next-line no-control-regex
  /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]*$/;

/**
 * `schema.check(...checks)`, as a function bundlers know has no side effects, so a schema
 * with cross-field rules that a bundle does not use is left out of it.
 */
/* @__NO_SIDE_EFFECTS__ */
export function checked<S extends z.ZodMiniType>(
  schema: S,
  ...checks: (z.core.CheckFn<z.output<S>> | z.core.$ZodCheck<z.output<S>>)[]
): S {
  return schema.check(...checks);
}

/** Required single-line text, trimmed, 1 to `max` characters. */
/* @__NO_SIDE_EFFECTS__ */
export function text(max: number) {
  return checked(z.string(), z.trim(), z.minLength(1), z.maxLength(max), z.regex(SINGLE_LINE));
}

/** Required multi-line free text (details, notes), trimmed, 1 to `max` characters. */
/* @__NO_SIDE_EFFECTS__ */
export function longText(max: number) {
  return checked(z.string(), z.trim(), z.minLength(1), z.maxLength(max), z.regex(MULTI_LINE));
}

/**
 * A rule across fields, reported at `path` with the message key `key`. It runs whenever the
 * fields it `reads` (dotted paths: `contact.methods`) parsed cleanly, even when other fields did
 * not, so a form's error summary shows it together with every other error; never on a field
 * already wrong. Another rule's finding, or an unknown key beside a field, does not make the
 * field wrong.
 */
/* @__NO_SIDE_EFFECTS__ */
export function rule<T>(
  test: (value: T) => boolean,
  { reads, path, key }: { reads: readonly string[]; path: readonly PropertyKey[]; key: string },
) {
  const fields = reads.map((read) => read.split('.'));
  return z.refine<T>(test, {
    when: (payload) =>
      typeof payload.value === 'object' &&
      payload.value !== null &&
      !payload.issues.some((issue) => spoils(issue, fields)),
    path: [...path],
    params: { key, rule: true },
  });
}

/** Whether an issue found so far makes one of `fields` unreliable. */
function spoils(issue: z.core.$ZodRawIssue, fields: readonly (readonly string[])[]): boolean {
  if (issue.code === 'unrecognized_keys') return false;
  if (issue.code === 'custom' && (issue.params as { rule?: unknown } | undefined)?.rule === true)
    return false;
  const at = (issue.path ?? []).map(String);
  // The issue is in the field, or in something that contains it.
  return fields.some((field) => field.every((part, i) => i >= at.length || at[i] === part));
}

/** No value twice in a list (contact methods, needs…). */
/* @__NO_SIDE_EFFECTS__ */
export function unique<T>(key: (item: T) => unknown = (item) => item) {
  return z.refine<readonly T[]>((items) => new Set(items.map(key)).size === items.length, {
    params: { key: 'duplicates' },
  });
}

/** A value from a codelist, given its codes (from `codes.ts`, so no labels come along). */
/* @__NO_SIDE_EFFECTS__ */
export function code<const C extends string>(codes: readonly [C, ...C[]]) {
  return z.enum(codes);
}

export const id = z.uuid();
export type Id = z.infer<typeof id>;

/** An instant, as RFC 3339 date-time with an offset (the server writes UTC, `Z`). */
export const dateTime = z.iso.datetime({ offset: true });

/** A calendar date, `YYYY-MM-DD`, that exists (no 31 February). */
export const date = z.iso.date();

export const email = checked(z.email(), z.maxLength(254));

export const url = checked(z.url({ protocol: /^https?$/ }), z.maxLength(2000));

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

export const postcode = checked(z.string(), z.overwrite(normalisePostcode), z.regex(POSTCODE_PATTERN));

/**
 * Phone numbers are stored in E.164 (`+447700900982`). UK numbers may be typed in national
 * format with spaces, dashes or brackets: `07700 900982`, `(020) 7946 0018`.
 */
export function normalisePhone(value: string): string {
  let compact = value.replace(/[\s().-]/g, '');
  if (/^00\d/.test(compact)) compact = `+${compact.slice(2)}`;
  else if (/^0\d/.test(compact)) compact = `+44${compact.slice(1)}`;
  // `+44 (0)20…` and `0044 (0)20…`: the trunk 0 is not dialled from abroad.
  if (/^\+440\d/.test(compact)) compact = `+44${compact.slice(4)}`;
  return compact;
}

// UK: +44 then 10 digits, or 9 for some 01 area codes and 0800 numbers (Ofcom's numbering
// plan), so a mobile or London number missing a digit is caught. Elsewhere: E.164, 8 to 15 digits.
const PHONE_PATTERN = /^(\+44([18]\d{8,9}|[2-79]\d{9})|\+(?!44)[1-9]\d{6,14})$/;
export const phone = checked(z.string(), z.overwrite(normalisePhone), z.regex(PHONE_PATTERN));

/** NHS numbers are 10 digits with a modulus 11 check digit. Spaces and dashes are removed. */
export function isValidNhsNumber(value: string): boolean {
  const compact = value.replace(/[\s-]/g, '');
  // Ten of one digit passes the modulus 11 check but is never issued.
  if (!/^\d{10}$/.test(compact) || /^(\d)\1{9}$/.test(compact)) return false;
  const digits = Array.from(compact, Number);
  const sum = digits.slice(0, 9).reduce((total, digit, index) => total + digit * (10 - index), 0);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === digits[9];
}
export const nhsNumber = checked(
  z.string(),
  z.overwrite((v) => v.replace(/[\s-]/g, '')),
  z.regex(/^\d{10}$/),
  // Only a well-formed number has a check digit to check: one error, not two.
  z.refine(isValidNhsNumber, {
    when: (payload) => payload.issues.length === 0,
    params: { key: 'nhs_number_check' },
  }),
);

/** Unique Property Reference Number: up to 12 digits. */
export const uprn = checked(z.string(), z.regex(/^[0-9]{1,12}$/));

/** A BCP 47 language tag, like `en`, `cy`, `pa-Guru` or `bfi` (British Sign Language). */
export const languageTag = checked(z.string(), z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/));

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

/**
 * An amount of money as a whole number of pence, from 0 to £10 million (1 000 000 000): 115 is
 * £1.15. Integers, as payment APIs carry money, so every validator agrees on every amount.
 */
export const money = checked(
  z.int(),
  z.minimum(0),
  z.maximum(MAX_PENCE),
  z.describe('Pence, as a whole number: 115 is £1.15 (at most £10 million)'),
);
