import { registerWelsh } from './cy.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import { validate } from './messages.ts';
import {
  Address,
  ContactDetails,
  checked,
  rule,
  unique,
  MULTI_LINE,
  POSTCODE_PATTERN,
  SINGLE_LINE,
  date,
  dateTime,
  email,
  id,
  isValidNhsNumber,
  languageTag,
  longText,
  money,
  nhsNumber,
  normalisePhone,
  normalisePostcode,
  phone,
  postcode,
  postcodeDistrict,
  text,
  uprn,
  url,
} from './primitives.ts';
import { changed, errorsOf, parsed, seeded, REMOVE } from './testing/edit.ts';

// The Welsh messages and labels are checked here too: put them in place, as a server does.
registerWelsh();

const accepts = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) =>
  schema.safeParse(value).success;

describe('postcodes', () => {
  // Every outward-code shape (A9, A99, A9A, AA9, AA99, AA9A), from real places.
  const valid = [
    'EC1A 1BB',
    'W1A 0AX',
    'SW1A 2AA',
    'IG11 7PB',
    'NW10 4HG',
    'BL9 0EU',
    'M26 2SP',
    'HA0 4TL',
    'RM10 8XX',
    'M1 1AE',
    'B33 8TH',
    'CR2 6XH',
    'DN55 1PT',
    'N1 1AA',
    'N7 6QX',
    'E1W 1AA',
    'WC2H 7LT',
    'CF10 1EP',
    'LL55 4UR',
    'SA1 1DP',
    'BT1 5GS',
    'EH1 1YZ',
    'GIR 0AA',
  ];

  it('accepts real postcodes of every shape, unchanged', () => {
    for (const code of valid) assert.equal(parsed(postcode, code), code, code);
  });

  it('normalises postcodes as people type them', () => {
    const typed: [string, string][] = [
      ['n11aa', 'N1 1AA'],
      ['n1 1aa', 'N1 1AA'],
      [' N1  1AA ', 'N1 1AA'],
      ['N1\t1AA', 'N1 1AA'],
      ['N1\u00a01AA', 'N1 1AA'],
      ['sw1a2aa', 'SW1A 2AA'],
      ['ig11 7pb', 'IG11 7PB'],
      ['gir0aa', 'GIR 0AA'],
    ];
    for (const [input, expected] of typed) {
      assert.equal(normalisePostcode(input), expected, input);
      assert.equal(parsed(postcode, input), expected, input);
    }
    for (const code of valid) {
      const squashed = code.replace(' ', '').toLowerCase();
      assert.equal(parsed(postcode, squashed), code, squashed);
    }
  });

  it('refuses letters and digits in the wrong places', () => {
    const wrong = [
      '1N 1AA', // starts with a digit
      'NN 1AA', // no digit in the outward code
      'N1 AAA', // inward code starts with a letter
      'N1 11A', // inward code has two digits
      'N1 1A1', // inward code ends with a digit
      'QA1 1AA', // Q, V and X are never first
      'VA1 1AA',
      'X1 1AA',
      'AI1 1AA', // I, J and Z are never second
      'AJ1 1AA',
      'AZ1 1AA',
      'W1I 1AA', // only ABCDEFGHJKPSTUW third in A9A
      'W1Q 1AA',
      'EC1I 1AA', // only ABEHMNPRVWXY fourth in AA9A
      'EC1Z 1AA',
      'ABC1 1AA', // three letters
      'N1-1AA',
      'N1 1A!',
    ];
    for (const code of wrong) assert.equal(accepts(postcode, code), false, code);
  });

  it('refuses C, I, K, M, O and V anywhere in the inward code, and allows the other letters', () => {
    const inwardLetters = 'ABDEFGHJLNPQRSTUWXYZ';
    for (const letter of 'CIKMOV') {
      assert.equal(accepts(postcode, `N1 1${letter}A`), false, letter);
      assert.equal(accepts(postcode, `N1 1A${letter}`), false, letter);
    }
    for (const letter of inwardLetters)
      assert.equal(accepts(postcode, `N1 1${letter}${letter}`), true, letter);
    // Every letter is one or the other.
    assert.equal(new Set(Array.from(inwardLetters + 'CIKMOV')).size, 26);
  });

  it('refuses postcodes that are too short, too long or empty', () => {
    for (const code of ['', ' ', 'N', 'N1', 'N1 1', 'N1 1A', 'N11A', 'N1 1AAA', 'EC1A 1BBB', 'EC12A 1BB']) {
      assert.equal(accepts(postcode, code), false, JSON.stringify(code));
    }
  });

  it('exports an anchored pattern that matches only normalised postcodes', () => {
    assert.ok(POSTCODE_PATTERN.test('N1 1AA'));
    assert.equal(POSTCODE_PATTERN.test('n1 1aa'), false);
    assert.equal(POSTCODE_PATTERN.test('N11AA'), false);
    assert.equal(POSTCODE_PATTERN.test('xN1 1AA'), false);
    assert.equal(POSTCODE_PATTERN.test('N1 1AAx'), false);
  });

  it('gives the postcode district', () => {
    assert.equal(postcodeDistrict('n11aa'), 'N1');
    assert.equal(postcodeDistrict('IG11 7PB'), 'IG11');
    assert.equal(postcodeDistrict('ec1a1bb'), 'EC1A');
  });
});

describe('UPRN and addresses', () => {
  const address = { line1: '2 Ripple Road', town: 'Barking', postcode: 'ig11 7pb' };

  it('allows an address without a UPRN, and normalises its postcode', () => {
    assert.deepEqual(parsed(Address, address), { ...address, postcode: 'IG11 7PB' });
  });

  it('accepts a UPRN of 1 to 12 digits only', () => {
    for (const value of ['1', '100023336956', '10033544614']) {
      assert.equal(parsed(Address, { ...address, uprn: value }).uprn, value);
    }
    for (const value of ['', '1000233369561', '12a', ' 123', '-1', '1.5']) {
      assert.equal(accepts(uprn, value), false, value);
      const kind = value === '' ? 'required' : 'invalid';
      assert.deepEqual(errorsOf(Address, { ...address, uprn: value }), [`/uprn ${kind}`], value);
    }
  });

  it('needs line 1, a town and a postcode, and refuses unknown fields', () => {
    assert.deepEqual(errorsOf(Address, changed(address, [['line1'], REMOVE])), ['/line1 required']);
    assert.deepEqual(errorsOf(Address, changed(address, [['town'], '  '])), ['/town required']);
    assert.deepEqual(errorsOf(Address, changed(address, [['postcode'], REMOVE])), ['/postcode required']);
    assert.deepEqual(errorsOf(Address, { ...address, flat: '12' }), ['/flat unknown_field']);
  });

  it('has optional phone and email in contact details, and nothing else', () => {
    assert.deepEqual(parsed(ContactDetails, {}), {});
    assert.deepEqual(errorsOf(ContactDetails, { mobile: '07700900982' }), ['/mobile unknown_field']);
  });
});

describe('UK phone numbers', () => {
  it('normalises national and international formats to E.164', () => {
    const typed: [string, string][] = [
      ['07700 900982', '+447700900982'],
      ['07700-900-982', '+447700900982'],
      ['07700.900.982', '+447700900982'],
      ['(020) 7946 0018', '+442079460018'],
      ['020 7946 0018', '+442079460018'],
      ['+44 (0)20 7946 0018', '+442079460018'],
      ['+44 20 7946 0018', '+442079460018'],
      ['0044 20 7946 0018', '+442079460018'],
      ['0044 (0)20 7946 0018', '+442079460018'],
      ['+447700900982', '+447700900982'],
      ['0161 496 0742', '+441614960742'],
      ['01632 960001', '+441632960001'],
      ['016977 3456', '+44169773456'], // a 4-digit local number: 9 digits after +44
      ['0800 123 456', '+44800123456'],
      ['0800 123 4567', '+448001234567'],
      ['+33 1 23 45 67 89', '+33123456789'],
      ['00353 1 234 5678', '+35312345678'],
      ['+1 (202) 555-0123', '+12025550123'],
    ];
    for (const [input, expected] of typed) {
      assert.equal(normalisePhone(input), expected, input);
      assert.equal(parsed(phone, input), expected, input);
    }
  });

  it('refuses numbers that cannot be dialled', () => {
    const wrong = [
      '',
      'abc',
      '07700 90098', // a mobile number missing a digit
      '020 7946 001', // a London number missing a digit
      '07700 9009821', // a digit too many
      '+44 7700 900982 ext 5',
      '447700900982', // neither + nor 0: cannot tell the country
      '+44',
      '+44 0',
      '+0 123 4567',
      '+1 234', // too short for E.164
      '+1234567890123456', // too long for E.164
    ];
    for (const value of wrong) assert.equal(accepts(phone, value), false, JSON.stringify(value));
  });

  it('stores only E.164', () => {
    for (const value of ['07700 900982', '(020) 7946 0018', '+33 1 23 45 67 89', '0800 123 456']) {
      assert.match(parsed(phone, value), /^\+[1-9]\d{6,14}$/);
    }
  });
});

describe('NHS numbers', () => {
  /** The check digit, written out from the NHS Data Dictionary: weights 10 down to 2, modulus 11. */
  function checkDigit(first9: string): number | null {
    let total = 0;
    for (let i = 0; i < 9; i += 1) total += Number(first9[i]) * (10 - i);
    const remainder = total % 11;
    const check = remainder === 0 ? 0 : 11 - remainder;
    return check === 10 ? null : check;
  }

  it('accepts real-format valid numbers, typed with spaces or dashes', () => {
    for (const value of ['9434765919', '4010232137', '9434765870']) {
      assert.ok(isValidNhsNumber(value), value);
      assert.equal(parsed(nhsNumber, value), value);
    }
    assert.equal(parsed(nhsNumber, '943 476 5919'), '9434765919');
    assert.equal(parsed(nhsNumber, '943-476-5919'), '9434765919');
    // The exported check says spaces and dashes are removed, so it must accept them too.
    assert.ok(isValidNhsNumber('943 476 5919'));
    assert.ok(isValidNhsNumber('943-476-5919'));
  });

  it('agrees with the modulus 11 rule for thousands of numbers', () => {
    const random = seeded(11);
    let withoutValidNumber = 0;
    for (let n = 0; n < 3000; n += 1) {
      const first9 = Array.from({ length: 9 }, () => Math.floor(random() * 10)).join('');
      const check = checkDigit(first9);
      if (check === null) withoutValidNumber += 1;
      for (let digit = 0; digit <= 9; digit += 1) {
        assert.equal(isValidNhsNumber(`${first9}${digit}`), digit === check, `${first9}${digit}`);
      }
    }
    // A remainder of 1 gives check digit 10: about 1 in 11 prefixes has no valid number.
    assert.ok(withoutValidNumber > 150 && withoutValidNumber < 400, String(withoutValidNumber));
  });

  it('catches every single mistyped digit', () => {
    const valid = '9434765919';
    for (let position = 0; position < 10; position += 1) {
      for (let digit = 0; digit <= 9; digit += 1) {
        if (String(digit) === valid[position]) continue;
        const typo = `${valid.slice(0, position)}${digit}${valid.slice(position + 1)}`;
        assert.equal(isValidNhsNumber(typo), false, typo);
      }
    }
  });

  it('refuses the wrong number of digits and anything but digits', () => {
    for (const value of ['', '943476591', '94347659190', '943476591X', 'abcdefghij', '9434 765 91 9 9']) {
      assert.equal(accepts(nhsNumber, value), false, value);
    }
  });

  it('gives one error, not two, for a number that is not 10 digits', () => {
    assert.deepEqual(errorsOf(nhsNumber, '12345'), [' invalid']);
    assert.deepEqual(errorsOf(nhsNumber, '9434765918'), [' nhs_number_check']);
  });
});

describe('dates and times', () => {
  const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');

  it('accepts exactly the days each month has, leap years included', () => {
    for (const year of [1900, 1996, 2000, 2023, 2024, 2100]) {
      for (let month = 1; month <= 12; month += 1) {
        for (let day = 1; day <= 31; day += 1) {
          const value = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
          assert.equal(accepts(date, value), day <= daysIn(year, month), value);
        }
      }
    }
  });

  it('refuses what is not a YYYY-MM-DD date', () => {
    for (const value of [
      '2026-02-31',
      '2026-13-01',
      '2026-00-10',
      '2026-1-1',
      '01/02/2026',
      '2026-02-01T00:00:00Z',
      '',
    ]) {
      assert.equal(accepts(date, value), false, value);
    }
  });

  it('takes instants with an offset only', () => {
    for (const value of ['2026-11-02T10:14:00Z', '2026-11-02T10:14:00.123Z', '2026-11-02T10:14:00+01:00']) {
      assert.ok(accepts(dateTime, value), value);
    }
    for (const value of ['2026-11-02T10:14:00', '2026-11-02', '2026-11-02 10:14:00Z', 'yesterday']) {
      assert.equal(accepts(dateTime, value), false, value);
    }
  });
});

describe('text', () => {
  const names = [
    'Siân',
    'Gwenllïan ap Dafydd',
    'Dŵr a Thŷ',
    'Ŵyn Ŷ',
    'Rhys ’Pwt’',
    'O’Brien',
    "O'Brien",
    'Jean-Luc Picard-Smith',
    'محمد عبد الله',
    'আয়েশা বেগম',
    'Zoë 😊',
    '👨‍👩‍👧 family', // joined with zero-width joiners
    'Ngozi Adébáyọ̀',
  ];

  it('accepts Welsh, Arabic, Bengali, emoji, apostrophes and hyphens', () => {
    for (const name of names) {
      assert.equal(parsed(text(100), name), name, name);
      assert.equal(parsed(longText(100), name), name, name);
    }
  });

  it('trims, and refuses text that is only whitespace', () => {
    assert.equal(parsed(text(10), '  Siân \n'), 'Siân');
    assert.equal(parsed(longText(10), '\n Siân\t'), 'Siân');
    for (const blank of ['', ' ', '\u00a0', ' \t ']) {
      assert.deepEqual(errorsOf(text(10), blank), [' required'], JSON.stringify(blank));
    }
  });

  it('counts the length after trimming, and refuses one character too many', () => {
    assert.equal(parsed(text(100), ` ${'a'.repeat(100)} `).length, 100);
    assert.deepEqual(errorsOf(text(100), 'a'.repeat(101)), [' too_long']);
    assert.equal(parsed(longText(2000), 'a'.repeat(2000)).length, 2000);
    assert.deepEqual(errorsOf(longText(2000), 'a'.repeat(2001)), [' too_long']);
  });

  const forbidden = [
    ...Array.from({ length: 0x20 }, (_, i) => i), // C0 controls
    0x7f, // DEL
    ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i), // C1 controls
    0x202a,
    0x202b,
    0x202c,
    0x202d,
    0x202e, // bidi embeddings and overrides
    0x2066,
    0x2067,
    0x2068,
    0x2069, // bidi isolates
  ];
  const hex = (point: number) => `U+${point.toString(16).padStart(4, '0')}`;

  it('refuses control and bidirectional override characters in single-line text, wherever they are', () => {
    for (const point of forbidden) {
      const char = String.fromCodePoint(point);
      assert.equal(accepts(text(10), `a${char}b`), false, hex(point));
      // At either end, whitespace (tab, line breaks) is trimmed away before the check.
      for (const value of [`${char}ab`, `ab${char}`]) {
        const result = text(10).safeParse(value);
        if (char.trim() === '') assert.deepEqual(result, { success: true, data: 'ab' }, hex(point));
        else assert.equal(result.success, false, `${hex(point)} in ${JSON.stringify(value)}`);
      }
      assert.equal(SINGLE_LINE.test(`a${char}b`), false, hex(point));
    }
  });

  it('allows tab and line breaks in multi-line text only, and refuses the other controls there', () => {
    const lineBreaks = [0x09, 0x0a, 0x0d];
    for (const point of forbidden) {
      const value = `a${String.fromCodePoint(point)}b`;
      assert.equal(accepts(longText(10), value), lineBreaks.includes(point), hex(point));
      assert.equal(MULTI_LINE.test(value), lineBreaks.includes(point), hex(point));
    }
  });

  it('does not refuse ordinary characters next to the forbidden ranges', () => {
    const near = [0x20, 0x7e, 0xa0, 0xa1, 0x200c, 0x200d, 0x2027, 0x202f, 0x2065, 0x206a, 0x2019];
    for (const point of near) {
      assert.ok(accepts(text(10), `a${String.fromCodePoint(point)}b`), hex(point));
    }
  });
});

describe('other primitives', () => {
  it('checks ids are UUIDs', () => {
    assert.ok(accepts(id, '6b84f66a-dd1a-4fea-a209-5b78e8672639'));
    for (const value of ['6b84f66a', '', 'not-a-uuid', '6b84f66a-dd1a-4fea-a209-5b78e867263']) {
      assert.equal(accepts(id, value), false, value);
    }
  });

  it('checks email addresses and their length', () => {
    for (const value of ['name@example.com', "o'brien@example.co.uk", 'a.b+hub@example.cymru']) {
      assert.ok(accepts(email, value), value);
    }
    for (const value of [
      '',
      'name',
      'name@',
      '@example.com',
      'a b@example.com',
      `${'a'.repeat(250)}@example.com`,
    ]) {
      assert.equal(accepts(email, value), false, value);
    }
  });

  it('takes web addresses over http or https only', () => {
    assert.ok(accepts(url, 'https://example.org/path?q=1'));
    assert.ok(accepts(url, 'http://example.org'));
    for (const value of ['ftp://example.org', 'javascript:alert(1)', 'example.org', '']) {
      assert.equal(accepts(url, value), false, value);
    }
  });

  it('takes BCP 47 language tags', () => {
    for (const value of ['en', 'cy', 'bn', 'bfi', 'pa-Guru', 'en-GB', 'zh-Hant-HK']) {
      assert.ok(accepts(languageTag, value), value);
    }
    for (const value of ['', 'English', 'EN', 'e', 'en_GB', 'en-']) {
      assert.equal(accepts(languageTag, value), false, value);
    }
  });

  it('takes money as whole pence, from 0 to £10 million (1 000 000 000 pence)', () => {
    for (let pence = 0; pence <= 200_000; pence += 1) {
      if (!accepts(money, pence)) assert.fail(`${pence} refused`);
    }
    for (const value of [123_456_789, 999_999_999, 1_000_000_000])
      assert.ok(accepts(money, value), String(value));
    for (const value of [-1, 0.5, 1.15, 1_000_000_001, Number.NaN, Number.POSITIVE_INFINITY, '10']) {
      assert.equal(accepts(money, value), false, String(value));
    }
  });
});

describe('rules across fields and lists without repeats', () => {
  const Contact = checked(
    z.strictObject({
      name: text(10),
      methods: checked(z.array(z.enum(['phone', 'email'])), unique()),
      phone: z.optional(text(20)),
    }),
    rule<{ methods: string[]; phone?: string | undefined }>(
      (c) => c.phone !== undefined || !c.methods.includes('phone'),
      {
        reads: ['methods', 'phone'],
        path: ['phone'],
        key: 'phone_needed_for_method',
      },
    ),
    rule<{ methods: string[] }>((c) => c.methods.length < 2, {
      reads: ['methods'],
      path: ['methods'],
      key: 'too_many_methods',
    }),
  );
  const issues = (value: unknown) => validate(Contact, value).errors?.map((e) => `${e.path} ${e.code}`) ?? [];

  it('runs a rule beside errors in fields it does not read, so all are reported at once', () => {
    assert.deepEqual(issues({ methods: ['phone'] }), ['/name required', '/phone phone_needed_for_method']);
  });

  it('does not run a rule on a field that is already wrong', () => {
    assert.deepEqual(issues({ name: 'Ann', methods: ['fax'] }), ['/methods/0 invalid_option']);
    assert.deepEqual(issues({ name: 'Ann', methods: ['phone'], phone: 7 }), ['/phone invalid_type']);
  });

  it('runs every rule even when another rule found something first', () => {
    assert.deepEqual(issues({ name: 'Ann', methods: ['phone', 'email'] }), [
      '/phone phone_needed_for_method',
      '/methods too_many_methods',
    ]);
  });

  it('refuses a list with the same value twice, and then runs no rule on it', () => {
    assert.deepEqual(issues({ name: 'Ann', methods: ['email', 'email'] }), ['/methods duplicates']);
  });
});

describe('empty and missing answers', () => {
  it('calls an empty formatted answer missing, not mistyped', () => {
    const Form = z.strictObject({ postcode, phone, choice: z.enum(['a', 'b']) });
    const result = validate(Form, { postcode: '', phone: '  ', choice: null });
    assert.deepEqual(
      result.errors?.map((e) => `${e.path} ${e.code} ${e.message}`),
      [
        '/postcode required Enter a postcode',
        '/phone required Enter a phone number',
        '/choice required Enter the field ‘choice’',
      ],
    );
  });

  it('refuses line and paragraph separators in single-line text, but not in multi-line text', () => {
    assert.equal(text(20).safeParse('Ann\u2028Smith').success, false);
    assert.equal(text(20).safeParse('Ann\u2029Smith').success, false);
    assert.equal(longText(20).safeParse('Line one\nline two').success, true);
  });

  it('refuses an NHS number of ten identical digits, which passes the check digit but is never issued', () => {
    for (const digit of '0123456789') assert.equal(isValidNhsNumber(digit.repeat(10)), false, digit);
    assert.equal(isValidNhsNumber('943 476 5919'), true);
  });
});
