import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  REFERENCE_ALPHABET,
  Reference,
  generateReference,
  isValidReference,
  normaliseReference,
  referenceCheckCharacter,
} from './reference.ts';
import { errorsOf, parsed, pick, seeded } from './testing/edit.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford's base 32
const FORMAT = /^HUB-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/;

/** Luhn mod 32, written out here on its own: double every second value from the right. */
function expectedCheck(data: string): string {
  const n = ALPHABET.length;
  let sum = 0;
  Array.from(data)
    .reverse()
    .forEach((char, i) => {
      const value = ALPHABET.indexOf(char) * (i % 2 === 0 ? 2 : 1);
      sum += Math.floor(value / n) + (value % n);
    });
  return ALPHABET.charAt((n - (sum % n)) % n);
}

const referenceOf = (data: string) => `HUB-${data.slice(0, 4)}-${data.slice(4)}${expectedCheck(data)}`;

function randomData(random: () => number): string {
  return Array.from({ length: 5 }, () => pick(random, Array.from(ALPHABET))).join('');
}

describe('reference alphabet', () => {
  it('is Crockford base 32: 32 characters, without I, L, O or U', () => {
    assert.equal(REFERENCE_ALPHABET, ALPHABET);
    assert.equal(new Set(REFERENCE_ALPHABET).size, 32);
    for (const char of 'ILOU') assert.equal(REFERENCE_ALPHABET.includes(char), false, char);
  });
});

describe('check character', () => {
  it('is Luhn mod 32 of the five data characters', () => {
    const random = seeded(32);
    for (let n = 0; n < 2000; n += 1) {
      const data = randomData(random);
      assert.equal(referenceCheckCharacter(data), expectedCheck(data), data);
    }
    assert.equal(referenceCheckCharacter('00000'), '0');
  });

  it('refuses characters outside the alphabet', () => {
    for (const data of ['0000I', 'OOOOO', 'abcde', '0000U']) {
      assert.throws(() => referenceCheckCharacter(data), RangeError, data);
    }
  });
});

describe('generateReference', () => {
  it('makes valid references in the HUB-XXXX-XX format, nearly all different', () => {
    const references = Array.from({ length: 5000 }, () => generateReference());
    for (const reference of references) {
      assert.match(reference, FORMAT);
      assert.ok(isValidReference(reference), reference);
      assert.equal(parsed(Reference, reference), reference);
      assert.equal(reference.at(-1), expectedCheck(reference.slice(4, 8) + reference.slice(9, 10)));
    }
    // 5,000 draws from 32^5: a clash or two is possible, dozens are not.
    assert.ok(new Set(references).size >= 4990);
  });

  it('uses every character of the alphabet in every position, evenly', () => {
    const counts = Array.from({ length: 5 }, () => new Map<string, number>());
    const draws = 32_000;
    for (let n = 0; n < draws; n += 1) {
      const data = generateReference().replace(/^HUB-(....)-(.).$/, '$1$2');
      for (const [i, char] of Array.from(data).entries()) {
        const position = counts[i];
        if (position) position.set(char, (position.get(char) ?? 0) + 1);
      }
    }
    for (const position of counts) {
      assert.equal(position.size, 32);
      for (const count of position.values()) assert.ok(count > 800 && count < 1200, String(count));
    }
  });

  it('maps random bytes onto the alphabet from the source it is given', () => {
    const source = (bytes: number[]) => ({
      getRandomValues(array: Uint8Array) {
        array.set(bytes);
        return array;
      },
    });
    assert.equal(generateReference(source([0, 0, 0, 0, 0])), 'HUB-0000-00');
    assert.equal(generateReference(source([1, 33, 255, 31, 32])), referenceOf('11ZZ0'));
  });
});

describe('normaliseReference', () => {
  const data = '10K0P'; // has the 1s and 0s people misread
  const canonical = referenceOf(data);
  const check = canonical.at(-1) ?? '';

  it('reads references as people type or say them', () => {
    const forms = [
      canonical,
      canonical.toLowerCase(),
      ` ${canonical} `,
      `hub 10k0 p${check.toLowerCase()}`,
      `HUB10K0P${check}`,
      `10K0P${check}`,
      `10k0-p${check}`,
      `H U B - 1 0 K 0 - P ${check}`,
      `HUB-1OKO-P${check}`, // O for 0
      `hub-10ko-p${check}`,
      `HUB-I0K0-P${check}`, // I for 1
      `hub-l0k0-p${check}`, // l for 1
    ];
    for (const form of forms) {
      assert.equal(normaliseReference(form), canonical, form);
      assert.ok(isValidReference(form), form);
      assert.equal(parsed(Reference, form), canonical, form);
    }
  });

  it('hands back what it cannot read, trimmed and in capitals, for the validator', () => {
    assert.equal(normaliseReference(' hub-123 '), 'HUB-123');
    assert.equal(normaliseReference('HUB-7K3P-Q9X'), 'HUB-7K3P-Q9X');
    assert.equal(normaliseReference('HUB-7K3P-U9'), 'HUB-7K3P-U9');
    for (const input of ['', 'HUB', 'HUB-7K3P', 'HUB-7K3P-Q9X', 'HUB-7K3P-U9', 'REF-7K3P-Q9']) {
      assert.equal(isValidReference(input), false, input);
      assert.deepEqual(errorsOf(Reference, input), [input === '' ? ' required' : ' invalid'], input);
    }
  });
});

describe('catching mistakes', () => {
  const random = seeded(2026);
  const sample = Array.from({ length: 300 }, () => referenceOf(randomData(random)));
  const code = (reference: string) => reference.slice(4, 8) + reference.slice(9);
  const asReference = (chars: string) => `HUB-${chars.slice(0, 4)}-${chars.slice(4)}`;

  it('catches every single mistyped character, in every position', () => {
    let tried = 0;
    for (const reference of sample) {
      const chars = code(reference);
      for (let position = 0; position < 6; position += 1) {
        for (const char of ALPHABET) {
          if (char === chars[position]) continue;
          const typo = asReference(chars.slice(0, position) + char + chars.slice(position + 1));
          tried += 1;
          assert.equal(isValidReference(typo), false, `${reference} → ${typo}`);
        }
      }
    }
    assert.equal(tried, sample.length * 6 * 31);
  });

  it('gives a typo its own error code', () => {
    const reference = sample[0] ?? '';
    const last = reference.at(-1) === '0' ? '1' : '0';
    assert.deepEqual(errorsOf(Reference, reference.slice(0, -1) + last), [' reference_check']);
  });

  it('catches every swap of two different neighbours but 0 and Z, the known blind spot of Luhn mod N', () => {
    // Every ordered pair of different characters, swapped at every pair of neighbours.
    const fill = seeded(7);
    let swaps = 0;
    const missed: string[] = [];
    for (let position = 0; position < 5; position += 1) {
      for (const a of ALPHABET) {
        for (const b of ALPHABET) {
          if (a === b) continue;
          // Five data characters with a and b at position, position + 1 (the check may be one).
          let chars: string;
          do {
            const data = Array.from(randomData(fill));
            chars = data.join('') + expectedCheck(data.join(''));
            const attempt = Array.from(chars);
            attempt[position] = a;
            attempt[position + 1] = b;
            if (position + 1 < 5) attempt[5] = expectedCheck(attempt.slice(0, 5).join(''));
            chars = attempt.join('');
          } while (!isValidReference(asReference(chars)));
          swaps += 1;
          const swapped = chars.slice(0, position) + b + a + chars.slice(position + 2);
          if (isValidReference(asReference(swapped))) missed.push(`${a}${b}`);
        }
      }
    }
    assert.equal(swaps, 5 * 32 * 31);
    const caught = 1 - missed.length / swaps;
    assert.ok(caught > 0.997, `caught ${caught}`);
    // The only swaps Luhn mod 32 misses are of the first and last characters of the alphabet.
    assert.deepEqual(new Set(missed), new Set(['0Z', 'Z0']));
    assert.equal(missed.length, 5 * 2);
  });

  it('measures swaps in random references the same way', () => {
    let swaps = 0;
    let missed = 0;
    for (const reference of sample) {
      const chars = code(reference);
      for (let position = 0; position < 5; position += 1) {
        const [a, b] = [chars[position], chars[position + 1]];
        if (a === b) continue;
        swaps += 1;
        const swapped = asReference(
          chars.slice(0, position) + (b ?? '') + (a ?? '') + chars.slice(position + 2),
        );
        if (isValidReference(swapped)) {
          missed += 1;
          assert.deepEqual([a, b].sort(), ['0', 'Z'], swapped);
        }
      }
    }
    assert.ok(swaps > 1300);
    assert.ok(missed / swaps < 0.01, `${missed} of ${swaps} missed`);
  });
});
