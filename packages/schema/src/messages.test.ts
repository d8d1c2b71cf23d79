import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { problemCodes } from './api.ts';
import { councillorDebtAndFood } from './fixtures/referrals.ts';
import { homesAndMoneyHub } from './fixtures/services.ts';
import { registerWelsh, welshMessages } from './cy.ts';
import { describeIssues, fieldMessages, toPointer, validate } from './messages.ts';
import { Need } from './needs.ts';
import { OutcomeCreate } from './outcome.ts';
import { ReferralCreate } from './referral.ts';
import { Referrer } from './referrer.ts';
import { Service } from './service.ts';
import { REMOVE, changed, errorsOf } from './testing/edit.ts';

registerWelsh();

const entries = Object.entries(fieldMessages).flatMap(([field, kinds]) =>
  Object.entries(kinds).map(([kind, en]) => ({
    field,
    kind,
    en,
    cy: welshMessages.fields[field]?.[kind] ?? '',
  })),
);

/** Every `params: { key: '…' }` a schema module gives a custom check. */
function customKeys(): Set<string> {
  const keys = new Set<string>();
  const dir = import.meta.dirname;
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    for (const match of readFileSync(join(dir, file), 'utf8').matchAll(/key: '([a-z_0-9]+)'/g)) {
      if (match[1]) keys.add(match[1]);
    }
  }
  return keys;
}

/** What must not leak: it goes into the input and may appear in no error. */
const SECRET = 'Zebedee Quackenbush-Ffolkes';

describe('field messages', () => {
  it('exist in English and Welsh, and the Welsh is a translation', () => {
    assert.ok(entries.length > 80, String(entries.length));
    for (const { field, kind, en, cy } of entries) {
      const label = `${field}.${kind}`;
      assert.ok(en.trim().length > 0, label);
      assert.ok(cy.trim().length > 0, label);
      assert.equal(en, en.trim(), label);
      assert.equal(cy, cy.trim(), label);
      assert.notEqual(cy, en, label);
    }
  });

  it('follow the GOV.UK style: say what to do, or what the field must be', () => {
    const verb = /^(Enter|Select|Choose|Give|Describe|Explain|Confirm|Check|Add|Answer|Agree|Remove|Assess) /;
    const must = /^[A-Z][A-Za-z0-9‘’{} ]* must /;
    for (const { field, kind, en, cy } of entries) {
      const label = `${field}.${kind}: ${en}`;
      assert.ok(verb.test(en) || must.test(en), label);
      // No full stop at the end, and a "must" message in English is a "rhaid" one in Welsh.
      assert.doesNotMatch(en, /\.$/, label);
      assert.doesNotMatch(cy, /\.$/, label);
      assert.equal(must.test(en), cy.startsWith('Rhaid i'), `${label} / ${cy}`);
    }
  });

  it('are only for kinds of problem that validate() can report', () => {
    const kinds = new Set([
      'required',
      'invalid',
      'invalid_type',
      'invalid_option',
      'invalid_characters',
      'too_long',
      'too_short',
      'too_many',
      'too_few',
      'too_small',
      'too_big',
      'unknown_field',
      ...customKeys(),
      ...problemCodes,
    ]);
    // A `kind:variant` message is a closer wording of its kind (a need named, a date's missing part).
    for (const { field, kind } of entries) assert.ok(kinds.has(kind.split(':')[0] ?? ''), `${field}.${kind}`);
  });

  it('have a message of their own for every cross-field rule in the schemas', () => {
    const keys = customKeys();
    assert.ok(keys.size >= 25, [...keys].join(', '));
    const covered = new Set(entries.map((e) => e.kind));
    for (const key of keys) assert.ok(covered.has(key), key);
  });

  it('give the limit of the field that failed when names are shared', () => {
    const tooLong = (schema: Parameters<typeof validate>[0], value: unknown, path: string) => {
      const result = validate(schema, value);
      assert.equal(result.success, false);
      const error = result.errors.find((e) => e.path === path);
      assert.ok(error, `${path} in ${JSON.stringify(result.errors)}`);
      return error.message;
    };
    // `notes` is 4000 characters on a referral and 2000 on an outcome.
    const referral = { ...councillorDebtAndFood, notes: 'n'.repeat(4001) };
    assert.equal(tooLong(ReferralCreate, referral, '/notes'), 'Notes must be 4000 characters or fewer');
    const outcome = { need: 'food', code: 'food_secured', notes: 'n'.repeat(2001) };
    assert.equal(tooLong(OutcomeCreate, outcome, '/notes'), 'Notes must be 2000 characters or fewer');
    // An organisation's name is 160 characters for a referrer and 200 in the directory.
    const referrer = changed(councillorDebtAndFood.referrer, [['organisation', 'name'], 'o'.repeat(161)]);
    assert.equal(
      tooLong(Referrer, referrer, '/organisation/name'),
      'Organisation name must be 160 characters or fewer',
    );
    const service = changed(homesAndMoneyHub, [['organisation', 'name'], 'o'.repeat(201)]);
    assert.equal(
      tooLong(Service, service, '/organisation/name'),
      'Organisation name must be 200 characters or fewer',
    );
    const welsh = validate(Service, service, { lang: 'cy' }).errors?.[0]?.message;
    assert.equal(welsh, 'Rhaid i enw’r sefydliad fod yn 200 nod neu lai');
  });
});

describe('validate', () => {
  it('gives the parsed value when it is valid', () => {
    const result = validate(Need, { code: 'food', urgency: 'soon', details: '  Skipping meals  ' });
    assert.deepEqual(result, {
      success: true,
      data: { code: 'food', urgency: 'soon', details: 'Skipping meals' },
    });
  });

  it('gives JSON Pointer paths, stable codes and English messages by default', () => {
    const result = validate(
      ReferralCreate,
      changed(councillorDebtAndFood, [['needs', 1, 'urgency'], REMOVE]),
    );
    assert.deepEqual(result.errors, [
      { path: '/needs/1/urgency', code: 'required', message: 'Select how urgent help with ‘Food’ is' },
    ]);
  });

  it('gives messages in Welsh when asked, with the same paths and codes', () => {
    const broken = changed(
      councillorDebtAndFood,
      [['needs', 1, 'urgency'], REMOVE],
      [['resident', 'name', 'given'], ''],
    );
    const en = validate(ReferralCreate, broken, { lang: 'en' }).errors ?? [];
    const cy = validate(ReferralCreate, broken, { lang: 'cy' }).errors ?? [];
    assert.deepEqual(
      cy.map((e) => [e.path, e.code]),
      en.map((e) => [e.path, e.code]),
    );
    assert.deepEqual(
      cy.map((e) => e.message),
      ['Rhowch enw cyntaf', 'Dewiswch pa mor frys yw’r help gyda ‘Bwyd’'],
    );
  });

  it('gives one error for each unknown key, with the key in the path, escaped', () => {
    const result = validate(Need, { code: 'food', urgency: 'soon', colour: 'red', 'a/b~c': 1 });
    assert.deepEqual(
      result.errors?.map((e) => [e.path, e.code]),
      [
        ['/colour', 'unknown_field'],
        ['/a~1b~0c', 'unknown_field'],
      ],
    );
    assert.match(result.errors[0]?.message ?? '', /^Remove the field ‘colour’/);
  });

  it('prefixes paths with `at`, and finds the field’s own message there', () => {
    const result = validate(Need, { code: 'food' }, { at: ['needs', 2], lang: 'cy' });
    assert.deepEqual(result.errors, [
      { path: '/needs/2/urgency', code: 'required', message: 'Dewiswch pa mor frys yw’r help gyda ‘Bwyd’' },
    ]);
    // Without `at` the part has no field of its own and gets the general message.
    assert.deepEqual(errorsOf(Need, { code: 'food' }), ['/urgency required']);
  });

  it('names the field in words, never by its path, when it has no message of its own', () => {
    const result = validate(ReferralCreate, { ...councillorDebtAndFood, extra: true }, { lang: 'cy' });
    assert.deepEqual(result.errors, [
      {
        path: '/extra',
        code: 'unknown_field',
        message: 'Tynnwch y maes ‘extra’: nid yw’n rhan o’r cais hwn',
      },
    ]);
    const whole = validate(Need, 'food');
    assert.deepEqual(whole.errors, [
      { path: '', code: 'invalid_type', message: 'The request body must be an object' },
    ]);
  });

  it('never copies the input into an error', () => {
    const broken = changed(
      councillorDebtAndFood,
      [['resident', 'name', 'given'], `${SECRET}\u0000`],
      [['resident', 'name', 'family'], SECRET.repeat(5)],
      [['resident', 'dateOfBirth'], SECRET],
      [['resident', 'nhsNumber'], '9434765918'],
      [['resident', 'contact', 'phone'], SECRET],
      [['resident', 'contact', 'email'], SECRET],
      [['resident', 'contact', 'methods'], [SECRET]],
      [['resident', 'address', 'postcode'], SECRET],
      [['resident', 'address', 'uprn'], SECRET],
      [['resident', 'language', 'preferred'], SECRET],
      [['referrer', 'type'], SECRET],
      [['referrer', 'name'], `${SECRET}\u202e`],
      [['needs', 0, 'code'], SECRET],
      [['needs', 1, 'details'], SECRET.repeat(100)],
      [['safeguarding', 'concern'], SECRET],
      [['source', 'channel'], SECRET],
      [['consentId'], SECRET],
      [['extra'], SECRET],
    );
    for (const lang of ['en', 'cy'] as const) {
      const errors = validate(ReferralCreate, broken, { lang }).errors ?? [];
      assert.ok(errors.length >= 15, `${errors.length} errors`);
      const text = JSON.stringify(errors);
      for (const part of ['Zebedee', 'Quackenbush', 'Ffolkes', '9434765918'])
        assert.equal(text.includes(part), false, `${part} in ${text}`);
    }
  });

  it('finds exactly the problems in a realistic broken referral', () => {
    const broken = changed(
      councillorDebtAndFood,
      [['residentName'], 'Marcus Bell'],
      [['resident', 'name', 'given'], '  '],
      [['resident', 'dateOfBirth'], '1968-02-30'],
      [
        ['resident', 'contact', 'methods'],
        ['phone', 'email'],
      ],
      [['resident', 'contact', 'phone'], '07700 90012'],
      [['resident', 'contact', 'mobile'], '07700 900123'],
      [['resident', 'address', 'postcode'], 'N7 6QC'],
      [['referrer', 'type'], 'gp_practice'],
      [['referrer', 'organisation'], REMOVE],
      [['referrer', 'residentAgreed'], false],
      [
        ['needs'],
        [
          { code: 'food', urgency: 'urgent' },
          { code: 'food', urgency: 'soon', details: 'Skipping meals' },
        ],
      ],
      [['safeguarding'], { concern: true, immediateDanger: false }],
      [['source', 'channel'], 'fax'],
    );
    const errors = validate(ReferralCreate, broken).errors ?? [];
    const expected = [
      ['/residentName', 'unknown_field'],
      ['/resident/name/given', 'required'],
      ['/resident/dateOfBirth', 'invalid'],
      ['/resident/contact/phone', 'invalid'],
      ['/resident/contact/mobile', 'unknown_field'],
      ['/resident/contact/email', 'email_needed_for_method'],
      ['/resident/address/postcode', 'invalid'],
      ['/referrer/organisation/name', 'organisation_required'],
      ['/referrer/noAgreementReason', 'no_agreement_reason_required'],
      ['/needs', 'needs_unique'],
      ['/safeguarding/subject', 'safeguarding_subject_required'],
      ['/safeguarding/details', 'safeguarding_details_required'],
      ['/source/channel', 'invalid_option'],
    ];
    const key = ([path, code]: readonly string[]) => `${path} ${code}`;
    assert.deepEqual(errors.map((e) => key([e.path, e.code])).sort(), expected.map(key).sort());
    const message = (path: string) => errors.find((e) => e.path === path)?.message;
    assert.equal(
      message('/resident/contact/email'),
      'Enter an email address, or choose another way to contact them',
    );
    assert.equal(message('/resident/dateOfBirth'), 'Date of birth must be a real date');
    assert.equal(message('/referrer/organisation/name'), 'Enter the name of your organisation');
    assert.equal(message('/needs'), 'Choose each kind of help only once');
  });
});

describe('describeIssues and toPointer', () => {
  it('writes paths as RFC 6901 JSON Pointers', () => {
    assert.equal(toPointer([]), '');
    assert.equal(toPointer(['needs', 0, 'code']), '/needs/0/code');
    assert.equal(toPointer(['a/b', 'c~d', '~1']), '/a~1b/c~0d/~01');
  });

  it('describes issues from a plain parse, in English by default', () => {
    const result = Need.safeParse({ code: 'food', urgency: 'never' });
    assert.equal(result.success, false);
    const errors = describeIssues(result.error.issues, undefined, ['needs', 0]);
    assert.deepEqual(errors, [
      { path: '/needs/0/urgency', code: 'invalid_option', message: 'Select how urgent this is' },
    ]);
  });
});
