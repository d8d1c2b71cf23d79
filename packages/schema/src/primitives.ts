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

/**
 * How a schema is written in JSON Schema where zod's own export cannot say it: the form the hub
 * accepts (`input`: untrimmed, lower-case, spaced) and the normalised form it sends back
 * (`output`). `toJSONSchema`'s `override` puts these in place of the string keywords zod wrote
 * (`jsonForm` in `json-schema.ts`).
 */
export interface JsonForms {
  input: Record<string, unknown>;
  output: Record<string, unknown>;
}
const jsonForms = new WeakMap<object, JsonForms>();

/** Gives `schema` its JSON Schema forms. */
/* @__NO_SIDE_EFFECTS__ */
export function withJsonForms<S extends z.ZodMiniType>(schema: S, forms: JsonForms): S {
  jsonForms.set(schema, forms);
  return schema;
}

/** The JSON Schema forms of `schema`, if it has its own. */
export function jsonFormsOf(schema: object): JsonForms | undefined {
  return jsonForms.get(schema);
}

// What `String.prototype.trim` and `\s` remove, spelled out so that JSON Schema validators
// other than JavaScript's (whose `\s` differs) read the patterns the same way.
export const WHITE_SPACE =
  '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';

/**
 * Text of 1 to `max` characters that starts and ends with something other than white space and
 * has none of the characters `forbidden` (a character-class body); `padded`, with any white
 * space around it (what trimming accepts).
 */
function textPattern(forbidden: string, max: number, padded: boolean): string {
  const edge = `[^${WHITE_SPACE}${forbidden}]`;
  const core = `${edge}(?:[^${forbidden}]{0,${max - 2}}${edge})?`;
  return padded ? `^[${WHITE_SPACE}]*${core}[${WHITE_SPACE}]*$` : `^${core}$`;
}

/**
 * At most `max` characters, counted as JSON Schema's `maxLength` counts them (Unicode code
 * points: an emoji is one), not as JavaScript's `length` does (UTF-16 code units: two).
 */
/* @__NO_SIDE_EFFECTS__ */
export function maxChars(max: number) {
  // Said in JSON Schema by `maxLength` (the text's forms write it).
  return sayableAs(
    z.check<string>((payload) => {
      if (payload.value.length > max && Array.from(payload.value).length > max)
        payload.issues.push({
          code: 'too_big',
          origin: 'string',
          maximum: max,
          inclusive: true,
          input: payload.value,
        });
    }),
    {},
  );
}

/* @__NO_SIDE_EFFECTS__ */
function trimmedText(max: number, pattern: RegExp) {
  const forbidden = pattern.source.slice(3, -3);
  return withJsonForms(checked(z.string(), z.trim(), z.minLength(1), maxChars(max), z.regex(pattern)), {
    // Trimmed first, so white space around the text does not count, and text that is only
    // white space is none.
    input: {
      pattern: textPattern(forbidden, max, true),
      description: `Text of 1 to ${max} characters once the white space around it is trimmed.`,
    },
    output: { minLength: 1, maxLength: max, pattern: textPattern(forbidden, max, false) },
  });
}

/** Required single-line text, trimmed, 1 to `max` characters. */
/* @__NO_SIDE_EFFECTS__ */
export function text(max: number) {
  return trimmedText(max, SINGLE_LINE);
}

/** Required multi-line free text (details, notes), trimmed, 1 to `max` characters. */
/* @__NO_SIDE_EFFECTS__ */
export function longText(max: number) {
  return trimmedText(max, MULTI_LINE);
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

const checkKeywords = new WeakMap<object, Record<string, unknown>>();

/**
 * Says that JSON Schema can say what `check` checks, with `keywords` (`uniqueItems`), so the
 * export writes those instead of listing the check among the rules it cannot say.
 */
/* @__NO_SIDE_EFFECTS__ */
export function sayableAs<C extends object>(check: C, keywords: Record<string, unknown>): C {
  checkKeywords.set(check, keywords);
  return check;
}

/** The JSON Schema keywords that say what `check` checks, if any can. */
export function keywordsOf(check: object): Record<string, unknown> | undefined {
  return checkKeywords.get(check);
}

/** No value twice in a list (contact methods, needs…). */
/* @__NO_SIDE_EFFECTS__ */
export function unique<T>(key?: (item: T) => unknown) {
  const check = z.refine<readonly T[]>(
    (items) => new Set(key ? items.map(key) : items).size === items.length,
    { params: { key: 'duplicates' } },
  );
  // Without a key, items are strings or numbers: JSON Schema's `uniqueItems` compares them alike.
  return key ? check : sayableAs(check, { uniqueItems: true });
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

// zod's own pattern lets a domain label end with a hyphen (`advice-.example.org`), which no
// host name may (RFC 1035) and JSON Schema's `format: email` refuses. This is zod's pattern with
// each domain label written as a host name's label, so the two agree on every address.
const EMAIL_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const EMAIL = new RegExp(
  `^(?:[A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@(?:${EMAIL_LABEL}\\.)+[A-Za-z]{2,}$`,
);
export const email = checked(z.email({ pattern: EMAIL }), z.maxLength(254));

// An http(s) URL as RFC 3986 writes it, ASCII only (anything else percent-encoded): a host
// name (whose last label starts with a letter) or a dotted IPv4 address, an optional port and
// user information, path, query and fragment. Everything it matches is also a `format: uri` to
// JSON Schema and a URL to the WHATWG parser, so the hub and partners' validators agree; a
// space, a bare `https://`, `ftp:` or `mailto:` is none.
const PCT = '%[0-9A-Fa-f]{2}';
const SUB_DELIMS = "!$&'()*+,;=";
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const HOST = `(?:(?:${LABEL}\\.)*[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?|${OCTET}(?:\\.${OCTET}){3}|\\[::1\\])`;
const PORT =
  '(?::(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}|0))?';
const USER = `(?:(?:[A-Za-z0-9\\-._~${SUB_DELIMS}:]|${PCT})*@)?`;
const PCHAR = `(?:[A-Za-z0-9\\-._~${SUB_DELIMS}:@]|${PCT})`;
const URL_BODY = `[Hh][Tt][Tt][Pp][Ss]?://${USER}${HOST}${PORT}(?:/${PCHAR}*)*(?:\\?(?:${PCHAR}|[/?])*)?(?:#(?:${PCHAR}|[/?])*)?`;
/** An http(s) URL, trimmed: see above. */
export const URL_PATTERN = new RegExp(`^${URL_BODY}$`);
// The platform's URL parser (browsers and Node have one; the schema needs no DOM types for it).
const URLParser = (globalThis as { URL?: new (value: string) => unknown }).URL;
const canParse = (value: string) => {
  if (!URLParser) return true;
  try {
    return Boolean(new URLParser(value));
  } catch {
    return false;
  }
};

export const url = withJsonForms(
  checked(
    z.string(),
    z.trim(),
    z.maxLength(2000),
    z.regex(URL_PATTERN),
    // The pattern only lets through what the URL parser takes; this says so if one day it did not.
    sayableAs(z.refine(canParse, { when: (payload) => payload.issues.length === 0 }), {}),
  ),
  {
    // No `format: uri` here: it refuses the white space around a URL that the hub trims off.
    input: {
      pattern: `^[${WHITE_SPACE}]*(?=[!-~]{1,2000}[${WHITE_SPACE}]*$)${URL_BODY}[${WHITE_SPACE}]*$`,
    },
    output: { format: 'uri', maxLength: 2000, pattern: URL_PATTERN.source },
  },
);

/**
 * UK postcodes, as the Government Data Standards Catalogue describes them: outward code
 * (A9, A99, A9A, AA9, AA99, AA9A with the letters each position allows), a space, inward
 * code (9 and two letters other than C, I, K, M, O, V).
 */
export const POSTCODE_PATTERN =
  /^(GIR 0AA|[A-PR-UWYZ]([0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?) [0-9][ABD-HJLNP-UW-Z]{2})$/;

/** Upper case for the ASCII letters only: `ſ` (long s) does not become `S`, nor `ı` `I`. */
export function asciiUpper(value: string): string {
  return value.replace(/[a-z]+/g, (letters) => letters.toUpperCase());
}

/** `n11aa`, ` N1  1AA ` and `n1 1aa` all become `N1 1AA`. */
export function normalisePostcode(value: string): string {
  const compact = asciiUpper(value).replace(/\s+/g, '');
  return compact.length >= 5 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
}

/** The outward code (postcode district) of a normalised postcode: `N1 1AA` → `N1`. */
export function postcodeDistrict(postcode: string): string {
  return normalisePostcode(postcode).split(' ')[0] ?? '';
}

// What the hub accepts for a postcode: any case, white space anywhere (`n7 6qx`, `N76QX`).
const spaced = (atoms: readonly string[]) => atoms.map((atom) => `${atom}[${WHITE_SPACE}]*`).join('');
const anyCase = (set: string) => `[${set}${set.toLowerCase()}]`;
const POSTCODE_INPUT_PATTERN = `^[${WHITE_SPACE}]*(?:${spaced(['[Gg]', '[Ii]', '[Rr]', '0', '[Aa]', '[Aa]'])}|${spaced([anyCase('A-PR-UWYZ')])}(?:${spaced(['[0-9]'])}(?:${spaced([anyCase('0-9A-HJKPSTUW')])})?|${spaced([anyCase('A-HK-Y'), '[0-9]'])}(?:${spaced([anyCase('0-9ABEHMNPRVWXY')])})?)${spaced(['[0-9]', anyCase('ABD-HJLNP-UW-Z'), anyCase('ABD-HJLNP-UW-Z')])})$`;

export const postcode = withJsonForms(
  checked(z.string(), z.overwrite(normalisePostcode), z.regex(POSTCODE_PATTERN)),
  {
    input: {
      pattern: POSTCODE_INPUT_PATTERN,
      description:
        'A UK postcode in any case, spaced or not (`n7 6qx`); the hub stores and returns it upper-case with one space (`N7 6QX`).',
    },
    output: {
      pattern: POSTCODE_PATTERN.source,
      description: 'A UK postcode, upper-case with one space: `N7 6QX`.',
    },
  },
);

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
const PHONE_PATTERN = /^(\+44([18][0-9]{8,9}|[2-79][0-9]{9})|\+(?!44)[1-9][0-9]{6,14})$/;
// What the hub accepts: the same numbers in national (`07700 900123`) or international
// (`+44 (0)20…`, `0044…`) format, with spaces, dashes, dots or brackets anywhere.
const PHONE_SEPARATORS = `[${WHITE_SPACE}().-]*`;
const sep = (atom: string) => `${atom}${PHONE_SEPARATORS}`;
const UK_NUMBER = `(?:${sep('[18]')}(?:${sep('[0-9]')}){8,9}|${sep('[2-79]')}(?:${sep('[0-9]')}){9})`;
const PHONE_INPUT_PATTERN = `^${PHONE_SEPARATORS}(?:(?:${sep('\\+')}|${sep('0')}${sep('0')})(?:${sep('4')}${sep('4')}(?:${sep('0')})?${UK_NUMBER}|(?!${sep('4')}4)${sep('[1-9]')}(?:${sep('[0-9]')}){6,14})|${sep('0')}${UK_NUMBER})$`;
export const phone = withJsonForms(checked(z.string(), z.overwrite(normalisePhone), z.regex(PHONE_PATTERN)), {
  input: {
    pattern: PHONE_INPUT_PATTERN,
    description:
      'A phone number as people write it: UK national (`07700 900123`) or international (`+44 7700 900123`), spaces, dashes and brackets allowed; the hub returns it in E.164 (`+447700900123`).',
  },
  output: { pattern: PHONE_PATTERN.source, description: 'A phone number in E.164: `+447700900123`.' },
});

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
export const nhsNumber = withJsonForms(
  checked(
    z.string(),
    z.overwrite((v) => v.replace(/[\s-]/g, '')),
    z.regex(/^[0-9]{10}$/),
    // Only a well-formed number has a check digit to check: one error, not two.
    z.refine(isValidNhsNumber, {
      when: (payload) => payload.issues.length === 0,
      params: { key: 'nhs_number_check' },
    }),
  ),
  {
    input: {
      pattern: `^[${WHITE_SPACE}-]*(?:[0-9][${WHITE_SPACE}-]*){10}$`,
      description:
        'An NHS number, spaced or not (`943 476 5919`); the hub returns its 10 digits (`9434765919`).',
    },
    output: { pattern: '^[0-9]{10}$', description: 'An NHS number: 10 digits.' },
  },
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
