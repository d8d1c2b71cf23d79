import { registerWelsh } from './cy.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ageBandCodes,
  contactMethodCodes,
  disabilityCodes,
  ethnicityCodes,
  genderReassignmentCodes,
  maritalStatusCodes,
  pregnancyMaternityCodes,
  religionCodes,
  sexCodes,
  sexualOrientationCodes,
  type Codelist,
} from './codelists.ts';
import { EqualityMonitoring, Resident, dateOfBirth } from './resident.ts';
import { REMOVE, changed, errorsOf, parsed } from './testing/edit.ts';

// The Welsh messages and labels are checked here too: put them in place, as a server does.
registerWelsh();

const resident = {
  name: { given: 'Eileen', family: 'Hartley' },
  contact: { methods: ['in_person'], safeToLeaveMessage: false },
  language: { preferred: 'en', interpreterNeeded: false },
};
const address = { line1: '27 Brook Lane', town: 'Bury', postcode: 'BL9 6ST' };

const isoDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('Resident', () => {
  it('needs only a name, a way to contact them and a language', () => {
    assert.deepEqual(parsed(Resident, resident), resident);
    assert.deepEqual(errorsOf(Resident, {}), ['/contact required', '/language required', '/name required']);
  });

  it('refuses unknown fields at every level', () => {
    const full = {
      ...resident,
      address,
      accessibility: { needs: [] },
      equality: {},
    };
    assert.deepEqual(parsed(Resident, full), full);
    const places = [[], ['name'], ['contact'], ['address'], ['language'], ['accessibility'], ['equality']];
    for (const place of places) {
      const pointer = place.map((p) => `/${p}`).join('');
      assert.deepEqual(errorsOf(Resident, changed(full, [[...place, 'nickname'], 'x'])), [
        `${pointer}/nickname unknown_field`,
      ]);
    }
  });
});

describe('names', () => {
  it('needs a first and a last name, trimmed', () => {
    assert.deepEqual(
      parsed(Resident, changed(resident, [['name', 'given'], '  Eileen '])).name.given,
      'Eileen',
    );
    assert.deepEqual(errorsOf(Resident, changed(resident, [['name', 'given'], ''])), [
      '/name/given required',
    ]);
    assert.deepEqual(errorsOf(Resident, changed(resident, [['name', 'family'], REMOVE])), [
      '/name/family required',
    ]);
    assert.equal(parsed(Resident, changed(resident, [['name', 'preferred'], 'Lena'])).name.preferred, 'Lena');
  });

  it('takes names in any script, with apostrophes, hyphens and emoji', () => {
    const names: [string, string][] = [
      ['Siôn', 'ap Gwilym'],
      ['Gwenllïan', 'Ŵyn-Ŷr'],
      ['Seán', 'O’Súilleabháin'],
      ['Mary-Jane', "D'Arcy"],
      ['محمد', 'الحسن'],
      ['আয়েশা', 'বেগম'],
      ['Zoë', 'Smith 🌈'],
    ];
    for (const [given, family] of names) {
      assert.deepEqual(parsed(Resident, changed(resident, [['name'], { given, family }])).name, {
        given,
        family,
      });
    }
  });

  it('refuses control characters and bidirectional overrides in names', () => {
    for (const bad of [
      'Eil\u0000een',
      'Eileen\u202egnirts',
      'Eil\u2066een',
      'Eileen\nHartley',
      'Eil\u0085een',
    ]) {
      assert.deepEqual(errorsOf(Resident, changed(resident, [['name', 'given'], bad])), [
        '/name/given invalid_characters',
      ]);
    }
  });

  it('takes names of up to 100 characters', () => {
    assert.ok(parsed(Resident, changed(resident, [['name', 'family'], 'a'.repeat(100)])));
    assert.deepEqual(errorsOf(Resident, changed(resident, [['name', 'family'], 'a'.repeat(101)])), [
      '/name/family too_long',
    ]);
  });
});

describe('date of birth', () => {
  it('takes real dates from 1900 to today', () => {
    for (const day of ['1900-01-01', '1946-05-20', '2000-02-29', isoDay(0), isoDay(-1)]) {
      assert.equal(parsed(dateOfBirth, day), day);
      assert.equal(parsed(Resident, { ...resident, dateOfBirth: day }).dateOfBirth, day);
    }
  });

  it('refuses dates in the future', () => {
    for (const day of [isoDay(2), isoDay(400), '2999-01-01']) {
      assert.deepEqual(
        errorsOf(Resident, { ...resident, dateOfBirth: day }),
        ['/dateOfBirth date_in_future'],
        day,
      );
    }
  });

  it('refuses dates before 1900', () => {
    for (const day of ['1899-12-31', '1066-10-14', '0001-01-01']) {
      assert.deepEqual(
        errorsOf(Resident, { ...resident, dateOfBirth: day }),
        ['/dateOfBirth date_too_early'],
        day,
      );
    }
  });

  it("takes the UK's new day from its first millisecond, in summer and in winter time", (t) => {
    t.mock.timers.enable({ apis: ['Date'] });
    // UK midnight: 23:00 UTC the day before in summer time (BST), 00:00 UTC in winter (GMT).
    for (const [midnight, day] of [
      ['2026-07-14T23:00:00.000Z', '2026-07-15'],
      ['2026-12-03T00:00:00.000Z', '2026-12-03'],
    ] as const) {
      t.mock.timers.setTime(Date.parse(midnight) - 1);
      assert.deepEqual(errorsOf(dateOfBirth, day), [' date_in_future'], `${day} before ${midnight}`);
      t.mock.timers.setTime(Date.parse(midnight));
      assert.equal(parsed(dateOfBirth, day), day, `${day} at ${midnight}`);
    }
  });

  it('refuses dates that do not exist, with one error only', () => {
    for (const day of ['1980-02-30', '1981-02-29', '1980-04-31', '31/01/1980', 'yesterday', '2999-13-45']) {
      assert.deepEqual(errorsOf(Resident, { ...resident, dateOfBirth: day }), ['/dateOfBirth invalid'], day);
    }
  });
});

describe('NHS number', () => {
  it('is optional, and normalised when given', () => {
    assert.equal(parsed(Resident, { ...resident, nhsNumber: '943 476 5919' }).nhsNumber, '9434765919');
    assert.deepEqual(errorsOf(Resident, { ...resident, nhsNumber: '9434765918' }), [
      '/nhsNumber nhs_number_check',
    ]);
  });
});

describe('contact preferences', () => {
  const details = { phone: '07700 900982', email: 'eileen@example.com' };

  it('normalises the phone number', () => {
    const got = parsed(
      Resident,
      changed(resident, [['contact'], { ...details, methods: ['phone'], safeToLeaveMessage: true }]),
    );
    assert.equal(got.contact.phone, '+447700900982');
  });

  it('needs the details for each way they asked to be contacted', () => {
    // What each method needs, and where the error goes when it is missing.
    const needs: Record<string, [string, string] | null> = {
      phone: ['/contact/phone', 'phone_needed_for_method'],
      text: ['/contact/phone', 'phone_needed_for_method'],
      email: ['/contact/email', 'email_needed_for_method'],
      letter: ['/address', 'address_needed_for_letter'],
      in_person: null,
    };
    assert.deepEqual(Object.keys(needs).sort(), [...contactMethodCodes.codes].sort());
    for (const [method, missing] of Object.entries(needs)) {
      const bare = changed(resident, [['contact', 'methods'], [method]]);
      assert.deepEqual(errorsOf(Resident, bare), missing ? [missing.join(' ')] : [], method);
      const withAll = changed(
        bare,
        [['contact', 'phone'], details.phone],
        [['contact', 'email'], details.email],
        [['address'], address],
      );
      assert.deepEqual(errorsOf(Resident, withAll), [], method);
    }
  });

  it('reports every missing detail at once', () => {
    const all = changed(resident, [
      ['contact', 'methods'],
      ['letter', 'email', 'text'],
    ]);
    assert.deepEqual(errorsOf(Resident, all), [
      '/address address_needed_for_letter',
      '/contact/email email_needed_for_method',
      '/contact/phone phone_needed_for_method',
    ]);
  });

  it('needs at least one method, and no more than five', () => {
    assert.deepEqual(errorsOf(Resident, changed(resident, [['contact', 'methods'], []])), [
      '/contact/methods required',
    ]);
    assert.deepEqual(errorsOf(Resident, changed(resident, [['contact', 'methods'], ['pigeon']])), [
      '/contact/methods/0 invalid_option',
    ]);
    const six = Array.from({ length: 6 }, () => 'in_person');
    assert.deepEqual(errorsOf(Resident, changed(resident, [['contact', 'methods'], six])), [
      '/contact/methods too_many',
    ]);
  });

  it('records when to contact them and whether a message may be left', () => {
    const withTimes = changed(resident, [
      ['contact', 'times'],
      ['morning', 'evening', 'weekend'],
    ]);
    assert.deepEqual(parsed(Resident, withTimes).contact.times, ['morning', 'evening', 'weekend']);
    assert.deepEqual(errorsOf(Resident, changed(resident, [['contact', 'times'], ['midnight']])), [
      '/contact/times/0 invalid_option',
    ]);
    assert.deepEqual(errorsOf(Resident, changed(resident, [['contact', 'safeToLeaveMessage'], REMOVE])), [
      '/contact/safeToLeaveMessage required',
    ]);
    assert.deepEqual(errorsOf(Resident, changed(resident, [['contact', 'safeToLeaveMessage'], 'yes'])), [
      '/contact/safeToLeaveMessage invalid_type',
    ]);
    const notes = 'Text only.\nDo not call: her partner checks her phone.';
    assert.equal(parsed(Resident, changed(resident, [['contact', 'notes'], notes])).contact.notes, notes);
  });
});

describe('address', () => {
  it('normalises the postcode and takes an optional UPRN', () => {
    const got = parsed(Resident, {
      ...resident,
      address: { ...address, postcode: 'bl96st', uprn: '100012345678' },
    });
    assert.deepEqual(got.address, { ...address, uprn: '100012345678' });
    assert.deepEqual(errorsOf(Resident, { ...resident, address: { ...address, postcode: 'BL9 6SC' } }), [
      '/address/postcode invalid',
    ]);
  });
});

describe('language and accessibility', () => {
  it('records the language they prefer and whether they need an interpreter', () => {
    for (const preferred of ['en', 'cy', 'bn', 'bfi', 'pa-Guru']) {
      assert.equal(
        parsed(Resident, changed(resident, [['language', 'preferred'], preferred])).language.preferred,
        preferred,
      );
    }
    assert.deepEqual(errorsOf(Resident, changed(resident, [['language', 'preferred'], 'Welsh'])), [
      '/language/preferred invalid',
    ]);
    assert.deepEqual(errorsOf(Resident, changed(resident, [['language', 'interpreterNeeded'], REMOVE])), [
      '/language/interpreterNeeded required',
    ]);
  });

  it('records accessibility needs from the codelist, with details', () => {
    const accessibility = {
      needs: ['bsl', 'step_free', 'easy_read'],
      details: 'Deaf; BSL is her first language.',
    };
    assert.deepEqual(parsed(Resident, { ...resident, accessibility }).accessibility, accessibility);
    assert.deepEqual(errorsOf(Resident, { ...resident, accessibility: { needs: ['ramp'] } }), [
      '/accessibility/needs/0 invalid_option',
    ]);
  });
});

describe('equality monitoring', () => {
  // Equality Act 2010, s.4: the nine protected characteristics, and the field for each.
  const characteristics: Record<string, [keyof EqualityMonitoring, Codelist<string>]> = {
    age: ['ageBand', ageBandCodes],
    disability: ['disability', disabilityCodes],
    'gender reassignment': ['genderReassignment', genderReassignmentCodes],
    'marriage and civil partnership': ['maritalStatus', maritalStatusCodes],
    'pregnancy and maternity': ['pregnancyMaternity', pregnancyMaternityCodes],
    race: ['ethnicity', ethnicityCodes],
    'religion or belief': ['religion', religionCodes],
    sex: ['sex', sexCodes],
    'sexual orientation': ['sexualOrientation', sexualOrientationCodes],
  };

  it('asks about every protected characteristic, each allowing prefer not to say', () => {
    assert.equal(Object.keys(characteristics).length, 9);
    const everyPreferNotToSay = Object.fromEntries(
      Object.values(characteristics).map(([field]) => [field, 'prefer_not_to_say']),
    );
    assert.deepEqual(parsed(EqualityMonitoring, everyPreferNotToSay), everyPreferNotToSay);
    for (const [name, [field, list]] of Object.entries(characteristics)) {
      assert.ok(list.codes.includes('prefer_not_to_say'), name);
      for (const code of list.codes)
        assert.deepEqual(parsed(EqualityMonitoring, { [field]: code }), { [field]: code });
      assert.deepEqual(
        errorsOf(EqualityMonitoring, { [field]: 'unknown' }),
        [`/${field} invalid_option`],
        name,
      );
    }
  });

  it('makes every question optional', () => {
    assert.deepEqual(parsed(EqualityMonitoring, {}), {});
    assert.deepEqual(parsed(Resident, { ...resident, equality: {} }).equality, {});
  });

  it('follows the 2021 Census ethnic groups, with a free-text description', () => {
    assert.equal(ethnicityCodes.codes.filter((c) => c !== 'prefer_not_to_say').length, 19);
    const equality = { ethnicity: 'other', ethnicityDescription: 'Kurdish' };
    assert.deepEqual(parsed(EqualityMonitoring, equality), equality);
  });
});
