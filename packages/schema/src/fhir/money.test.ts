import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Extension, Task } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { closedTenantReferral } from '../fixtures/index.ts';
import { MAX_PENCE } from '../money.ts';
import type { Referral } from '../referral.ts';
import {
  EXTENSIONS,
  FhirMappingError,
  referralToServiceRequest,
  referralToTask,
  residentToPatient,
  serviceRequestToReferral,
} from './index.ts';

/** The closed tenant referral with its income outcome worth `pence` a week. */
function withIncome(pence: number): Referral {
  const outcomes = closedTenantReferral.outcomes.map((outcome) =>
    'amount' in outcome ? { ...outcome, amount: { ...outcome.amount, amount: pence } } : outcome,
  );
  return { ...structuredClone(closedTenantReferral), outcomes };
}

const amountOf = (task: Task) =>
  task.output?.[1]?.extension
    ?.find((e) => e.url === EXTENSIONS.outcomeDetails)
    ?.extension?.find((e) => e.url === 'amount')?.valueMoney;

/** Through FHIR JSON, as another system would send it back, and read. */
function roundTrip(referral: Referral): Referral {
  const json = <T>(value: T) => JSON.parse(JSON.stringify(value)) as T;
  return serviceRequestToReferral(json(referralToServiceRequest(referral)), {
    task: json(referralToTask(referral)),
    patient: json(residentToPatient(referral.resident, { id: referral.residentId })),
  });
}

describe('FHIR Money: decimal pounds at the edge, whole pence inside', () => {
  it('writes 115 pence as Money.value 1.15 GBP, and 8640 as 86.4', () => {
    assert.deepEqual(amountOf(referralToTask(withIncome(115))), { value: 1.15, currency: 'GBP' });
    assert.match(
      JSON.stringify(referralToTask(withIncome(115))),
      /"valueMoney":\{"value":1\.15,"currency":"GBP"\}/,
    );
    assert.deepEqual(amountOf(referralToTask(closedTenantReferral as Referral)), {
      value: 86.4,
      currency: 'GBP',
    });
  });

  it('reads the pence back exactly, from 0 to £10 million', () => {
    for (const pence of [0, 1, 7, 29, 57, 115, 8640, 100_000, MAX_PENCE]) {
      const referral = withIncome(pence);
      assert.deepEqual(roundTrip(referral), referral, String(pence));
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_PENCE }), (pence) => {
        const back = roundTrip(withIncome(pence)).outcomes[1]?.amount?.amount;
        assert.equal(back, pence);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a Money.value finer than a penny, or below zero, saying where', () => {
    for (const value of [1.155, -1]) {
      const referral = withIncome(115);
      const task = referralToTask(referral);
      const money = amountOf(task);
      assert.ok(money);
      money.value = value;
      assert.throws(
        () =>
          serviceRequestToReferral(referralToServiceRequest(referral), {
            task,
            patient: residentToPatient(referral.resident, { id: referral.residentId }),
          }),
        (error: unknown) =>
          error instanceof FhirMappingError &&
          error.message.includes(
            `Task.output[1].extension('${EXTENSIONS.outcomeDetails}').extension('amount')`,
          ) &&
          error.message.includes(`${String(value)} is not an amount in pounds and whole pence`),
      );
    }
  });

  it('keeps a Money without a value as an amount to correct, not a guess', () => {
    const referral = withIncome(115);
    const task = referralToTask(referral);
    const amount = task.output?.[1]?.extension
      ?.find((e) => e.url === EXTENSIONS.outcomeDetails)
      ?.extension?.find((e): e is Extension => e.url === 'amount');
    assert.ok(amount?.valueMoney);
    amount.valueMoney = { currency: 'GBP' };
    assert.throws(
      () =>
        serviceRequestToReferral(referralToServiceRequest(referral), {
          task,
          patient: residentToPatient(referral.resident, { id: referral.residentId }),
        }),
      /amount/,
    );
  });
});
