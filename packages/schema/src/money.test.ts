import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { closedTenantReferral } from './fixtures/index.ts';
import { JSON_SCHEMA_BASE, jsonSchemas } from './json-schema.ts';
import { exportedSchemasAjv } from './testing/json-schema-check.ts';
import { validate } from './messages.ts';
import { MAX_PENCE, penceToPounds, poundsToPence } from './money.ts';
import { MoneyAmount, Outcome } from './outcome.ts';

/** Every penny amount checked one by one: £0.00 to £1,000.00. */
const EVERY_PENNY_TO = 100_000;

/** The pounds-and-pence text of `pence`, worked out with integers only: 115 → "1.15", 7 → "0.07". */
const written = (pence: number) => {
  const pounds = `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
  return pounds.replace(/\.?0+$/, '') || '0';
};

function ajvFor(name: 'MoneyAmount' | 'Outcome') {
  const check = exportedSchemasAjv().getSchema(`${JSON_SCHEMA_BASE}${name}.json`);
  assert.ok(check);
  return check;
}

describe('money is a whole number of pence', () => {
  const weekly = (amount: number) => ({ amount, currency: 'GBP', frequency: 'weekly' });
  const ajv = ajvFor('MoneyAmount');

  it('is exported as a JSON Schema integer from 0 to £10 million, with no multipleOf, said to be pence', () => {
    const amount = (jsonSchemas().MoneyAmount.properties as Record<string, Record<string, unknown>>).amount;
    assert.ok(amount);
    assert.equal(amount.type, 'integer');
    assert.equal(amount.minimum, 0);
    assert.equal(amount.maximum, MAX_PENCE);
    assert.equal(MAX_PENCE, 1_000_000_000);
    assert.equal('multipleOf' in amount, false);
    assert.match(String(amount.description), /^Pence, as a whole number/);
  });

  it(`every amount from 0 to ${EVERY_PENNY_TO} pence passes validate() and Ajv 2020 alike`, () => {
    const refused: number[] = [];
    for (let pence = 0; pence <= EVERY_PENNY_TO; pence += 1) {
      const value = weekly(pence);
      if (!validate(MoneyAmount, value).success || !ajv(value)) refused.push(pence);
    }
    assert.deepEqual(refused.slice(0, 10), [], `${refused.length} amounts refused`);
    for (const pence of [115, 7, 29, 57, MAX_PENCE]) {
      assert.ok(validate(MoneyAmount, weekly(pence)).success, String(pence));
      assert.ok(ajv(weekly(pence)), String(pence));
    }
  });

  it('an outcome of 115 pence (£1.15) is a valid Outcome for the package and for Ajv', () => {
    const outcome = { ...closedTenantReferral.outcomes[1], amount: weekly(115) };
    assert.deepEqual(validate(Outcome, outcome), { success: true, data: outcome });
    const check = ajvFor('Outcome');
    assert.ok(check(outcome), JSON.stringify(check.errors));
  });

  it('anything but a whole number of pence from 0 to £10 million is refused by both, naming the field', () => {
    for (const amount of [1.15, 0.07, 86.4, 0.5, -1, MAX_PENCE + 1, Number.MAX_SAFE_INTEGER + 2, '115']) {
      const result = validate(MoneyAmount, weekly(amount as number));
      assert.equal(result.success, false, String(amount));
      assert.ok(!result.success);
      assert.deepEqual([...new Set(result.errors.map((e) => e.path))], ['/amount'], String(amount));
      assert.equal(ajv(weekly(amount as number)), false, String(amount));
    }
    const outcome = { ...closedTenantReferral.outcomes[1], amount: weekly(1.15) };
    assert.deepEqual(validate(Outcome, outcome), {
      success: false,
      errors: [
        {
          path: '/amount/amount',
          code: 'invalid_type',
          message: 'Enter the amount in pence, as a whole number, like 2550 for £25.50',
        },
      ],
    });
  });

  it('fast-check: validate() and Ajv agree on any number as an amount', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -10, max: MAX_PENCE + 10 }),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
        ),
        (n) => {
          const value = weekly(n);
          const ours = validate(MoneyAmount, value).success;
          assert.equal(ours, Number.isInteger(n) && n >= 0 && n <= MAX_PENCE);
          assert.equal(ajv(value), ours);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('pence and decimal pounds, exactly', () => {
  it(`every amount from 0 to ${EVERY_PENNY_TO} pence is its decimal in pounds and back`, () => {
    const wrong: string[] = [];
    for (let pence = 0; pence <= EVERY_PENNY_TO; pence += 1) {
      const pounds = penceToPounds(pence);
      // The number serialises as the decimal itself (JSON for FHIR's Money.value), and reads back.
      if (String(pounds) !== written(pence) || JSON.stringify(pounds) !== written(pence))
        wrong.push(`${pence} → ${pounds}`);
      if (poundsToPence(pounds) !== pence) wrong.push(`${pounds} → ${poundsToPence(pounds)}`);
      if (poundsToPence(JSON.parse(written(pence)) as number) !== pence) wrong.push(written(pence));
    }
    assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} wrong`);
    assert.equal(penceToPounds(115), 1.15);
    assert.equal(poundsToPence(1.15), 115);
    // Where multiplying by 100 goes wrong: 1.15 * 100 is 114.99999999999999.
    assert.notEqual(1.15 * 100, 115);
  });

  it('fast-check: any amount up to £10 million goes to pounds and back unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_PENCE }), (pence) => {
        const pounds = penceToPounds(pence);
        assert.equal(String(pounds), written(pence));
        assert.equal(poundsToPence(pounds), pence);
      }),
      { numRuns: 20_000 },
    );
  });

  it('refuses pounds that are not a whole number of pence at or above zero', () => {
    for (const pounds of [1.155, 0.001, -1, -0.01, Number.NaN, Infinity, 1e-7, 1e21, 2 ** 53]) {
      assert.equal(poundsToPence(pounds), undefined, String(pounds));
    }
    assert.equal(poundsToPence(-0), 0);
    assert.equal(poundsToPence(100), 10_000);
    assert.equal(poundsToPence(0.1), 10);
    assert.throws(() => penceToPounds(1.5), RangeError);
  });
});
