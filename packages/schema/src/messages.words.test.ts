/**
 * Words a person reads: every message names its field in words (never "/resident/address/line1"),
 * names the need an answer is about, and says what is missing or wrong in a date or a postcode
 * as the GOV.UK patterns do, in English and Welsh.
 */
import { registerWelsh } from './cy.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateFromParts, datePartsProblem, monthOf } from './dates.ts';
import { consentByPhone, consentOnline } from './fixtures/consents.ts';
import { referralJourneys } from './fixtures/referrals.ts';
import { validate } from './messages.ts';
import { ConsentCreate } from './consent.ts';
import { ReferralCreate } from './referral.ts';
import { REMOVE, changed } from './testing/edit.ts';
import type { Lang } from './codelists.ts';

// The Welsh messages and labels are checked here too: put them in place, as a server does.
registerWelsh();

/** Every path to a value in `value`, objects and lists included. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [at];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [at, ...entries.flatMap(([k, v]) => paths(v, [...at, k]))].filter((p) => p.length > 0);
}

/** A JSON Pointer, or anything like one, in a sentence. */
const POINTER = /(^|[\s‘'"])\/[A-Za-z0-9]/u;

describe('messages name fields in words', () => {
  const schemas = [
    ...Object.values(referralJourneys).map((r) => ['a referral', ReferralCreate, r] as const),
    ['a consent', ConsentCreate, consentOnline] as const,
    ['a consent by phone', ConsentCreate, consentByPhone] as const,
  ];
  for (const lang of ['en', 'cy'] as Lang[]) {
    it(`for every field of the fixtures, missing, mistyped or with hidden characters (${lang})`, () => {
      let checked = 0;
      for (const [what, schema, fixture] of schemas) {
        for (const path of paths(fixture)) {
          for (const value of [REMOVE, 12345, 'Ann\u0000', { x: 1 }, '']) {
            const result = validate(schema, changed(fixture, [path, value]), { lang });
            for (const error of result.errors ?? []) {
              checked += 1;
              assert.doesNotMatch(error.message, POINTER, `${what} ${error.path}: ${error.message}`);
              assert.ok(!error.message.includes(error.path) || error.path === '', error.message);
            }
          }
        }
      }
      assert.ok(checked > 500, `only ${checked} messages checked`);
    });
  }

  it('says which field has hidden formatting characters, and what is missing, in words', () => {
    const referral = referralJourneys.councillorDebtAndFood;
    const line1 = validate(
      ReferralCreate,
      changed(referral, [['resident', 'address', 'line1'], '18 Mercer\u202eStreet']),
    );
    assert.deepEqual(
      line1.errors?.map((e) => e.message),
      ['Remove hidden formatting characters from address line 1'],
    );
    const noResident = (lang: Lang) =>
      validate(ReferralCreate, changed(referral, [['resident'], REMOVE]), { lang }).errors?.map(
        (e) => e.message,
      );
    assert.deepEqual(noResident('en'), ['Enter the person’s details']);
    assert.deepEqual(noResident('cy'), ['Rhowch manylion yr unigolyn']);
  });
});

describe('messages name the need', () => {
  it('says which need has no urgency, one message a need, in English and Welsh', () => {
    const referral = changed(
      referralJourneys.councillorDebtAndFood,
      [['needs', 0, 'urgency'], REMOVE],
      [['needs', 1, 'urgency'], REMOVE],
    );
    const en = validate(ReferralCreate, referral).errors?.map((e) => e.message);
    assert.deepEqual(en, [
      'Select how urgent help with ‘Money and debt’ is',
      'Select how urgent help with ‘Food’ is',
    ]);
    const cy = validate(ReferralCreate, referral, { lang: 'cy' }).errors?.map((e) => e.message);
    assert.deepEqual(cy, [
      'Dewiswch pa mor frys yw’r help gyda ‘Arian a dyled’',
      'Dewiswch pa mor frys yw’r help gyda ‘Bwyd’',
    ]);
  });
});

describe('dates typed in parts (GOV.UK date input)', () => {
  const dob = (day: string, month: string, year: string, lang: Lang = 'en') =>
    validate(
      ReferralCreate,
      changed(referralJourneys.councillorDebtAndFood, [
        ['resident', 'dateOfBirth'],
        dateFromParts(day, month, year) ?? REMOVE,
      ]),
      { lang },
    ).errors?.map((e) => e.message) ?? [];

  it('accepts month names and abbreviations, in English and Welsh', () => {
    for (const month of ['3', '03', 'March', 'march', 'Mar', 'mar.', 'MAR', 'Mawrth', 'maw']) {
      assert.equal(dateFromParts('14', month, '1961'), '1961-03-14', month);
    }
    assert.equal(monthOf('Sept'), 9);
    assert.equal(monthOf('Rhagfyr'), 12);
    assert.equal(monthOf('13'), undefined);
    assert.equal(monthOf('ma'), undefined, 'too short to tell March from May');
    assert.equal(dateFromParts('', '', ''), undefined);
    assert.deepEqual(dob('14', 'March', '1961'), []);
  });

  it('says what is missing, what is wrong, and when it is not a real date', () => {
    assert.deepEqual(dob('14', '', '1961'), ['Date of birth must include a month']);
    assert.deepEqual(dob('', '3', '1961'), ['Date of birth must include a day']);
    assert.deepEqual(dob('14', '3', ''), ['Date of birth must include a year']);
    assert.deepEqual(dob('', '', '1961'), ['Date of birth must include a day and month']);
    assert.deepEqual(dob('14', '3', '61'), ['Year must include 4 numbers']);
    assert.deepEqual(dob('31', '2', '1961'), ['Date of birth must be a real date']);
    assert.deepEqual(dob('14', 'Marchember', '1961'), ['Date of birth must be a real date']);
    assert.deepEqual(dob('14', '3', '2999'), ['Date of birth must be in the past']);
    assert.deepEqual(dob('14', '', '1961', 'cy'), ['Rhaid i’r dyddiad geni gynnwys mis']);
    assert.deepEqual(dob('14', '3', '61', 'cy'), ['Rhaid i’r flwyddyn gynnwys 4 rhif']);
    assert.equal(datePartsProblem('1961-03-14'), 'not_real');
    assert.equal(datePartsProblem('14/03/1961'), undefined);
  });
});

describe('postcodes', () => {
  const postcodeError = (value: string, lang: Lang = 'en') =>
    validate(
      ReferralCreate,
      changed(referralJourneys.councillorDebtAndFood, [['resident', 'address', 'postcode'], value]),
      {
        lang,
      },
    ).errors?.map((e) => [e.code, e.message]);

  it('asks for a real postcode when one is written in the right shape but none is written so', () => {
    for (const value of ['ZZ99 9ZZ', 'zz999zz', 'QA1 1AA', 'N1 1CI']) {
      assert.deepEqual(postcodeError(value), [['invalid', 'Enter a real postcode']], value);
    }
    assert.deepEqual(postcodeError('ZZ99 9ZZ', 'cy'), [['invalid', 'Rhowch god post go iawn']]);
    assert.deepEqual(postcodeError('hello'), [['invalid', 'Enter a postcode, like N1 1AA']]);
    assert.deepEqual(postcodeError('N7 6QX'), undefined);
  });
});
