import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ProblemError,
  newConsent,
  newReferral,
  transitionedReferral,
  withOutcome,
  withdrawnConsent,
  type Referral,
  type ReferralCreate,
} from './index.ts';
import { consentOnline, councillorDebtAndFood, demoDirectory } from './fixtures/index.ts';

const now = '2026-11-02T09:00:00.000Z';
const later = '2026-11-02T10:00:00.000Z';
const hub = { role: 'hub', keyId: 'key_hub' } as const;

/** The problem a call throws: its status, code and first field, for comparing. */
function problemOf(call: () => unknown): { status: number; code: string; path: string | undefined } {
  try {
    call();
  } catch (error) {
    if (error instanceof ProblemError)
      return { status: error.status, code: error.code, path: error.errors?.[0]?.path };
    throw error;
  }
  throw new Error('no problem was thrown');
}

function made(input: ReferralCreate = councillorDebtAndFood): Referral {
  return newReferral(input, {
    id: '3f8a3c1e-6f0e-4d2b-9a51-0c8e1f2d7b6a',
    reference: 'HUB-7K3P-Q9',
    residentId: 'a1b2c3d4-0000-4000-8000-000000000001',
    assessmentId: 'a1b2c3d4-0000-4000-8000-000000000002',
    by: { role: 'referrer', keyId: 'key_pk' },
    now,
  }).referral;
}

describe('newReferral', () => {
  it('starts submitted, with its priority, triage due time and first history step', () => {
    const referral = made();
    assert.equal(referral.status, 'submitted');
    assert.equal(referral.submittedAt, now);
    assert.ok(referral.triageDueBy && referral.triageDueBy > now);
    assert.deepEqual(referral.history, [
      { from: null, to: 'submitted', at: now, by: { role: 'referrer', keyId: 'key_pk' } },
    ]);
    assert.equal(referral.assessmentId, null, 'no assessment came with it');
  });

  it('keeps a draft out of triage', () => {
    const draft = made({ ...councillorDebtAndFood, status: 'draft' });
    assert.equal(draft.triageDueBy, null);
    assert.equal(draft.submittedAt, null);
  });
});

describe('transitionedReferral', () => {
  it('answers a move the lifecycle forbids with the status the API gives it', () => {
    const referral = made();
    const service = null;
    // A referrer may not triage: 403; nothing goes from submitted to closed: 409; a decline needs a reason: 422.
    assert.deepEqual(
      problemOf(() =>
        transitionedReferral(
          referral,
          { to: 'triage' },
          { by: { role: 'referrer', keyId: 'k' }, now, service },
        ),
      ),
      { status: 403, code: 'role_not_allowed', path: undefined },
    );
    assert.equal(
      problemOf(() => transitionedReferral(referral, { to: 'closed' }, { by: hub, now, service })).status,
      409,
    );
    const inTriage = transitionedReferral(
      referral,
      { to: 'triage' },
      { by: hub, now: later, service },
    ).referral;
    assert.deepEqual(
      problemOf(() => transitionedReferral(inTriage, { to: 'declined' }, { by: hub, now, service })),
      { status: 422, code: 'reason_required', path: undefined },
    );
  });

  it('assigns a service that is in the directory, and names the field when it is not', () => {
    const [service] = demoDirectory;
    assert.ok(service);
    let referral = made();
    for (const to of ['triage', 'accepted'] as const)
      referral = transitionedReferral(referral, { to }, { by: hub, now: later, service: null }).referral;
    assert.deepEqual(
      problemOf(() =>
        transitionedReferral(
          referral,
          { to: 'assigned', serviceId: service.id },
          { by: hub, now, service: null },
        ),
      ),
      { status: 422, code: 'validation_failed', path: '/serviceId' },
    );
    const { referral: assigned, event } = transitionedReferral(
      referral,
      { to: 'assigned', serviceId: service.id },
      { by: hub, now: later, service },
    );
    assert.equal(assigned.assignedService?.serviceName, service.name);
    assert.deepEqual(event, {
      referral: { id: referral.id, reference: referral.reference },
      from: 'accepted',
      to: 'assigned',
      by: 'hub',
      at: later,
    });
    assert.equal(assigned.history.length, 4);
  });
});

describe('withOutcome', () => {
  it('records an outcome once, for a need of the referral, while it is being helped with', () => {
    let referral = made();
    const outcome = { need: 'food', code: 'food_secured' } as const;
    assert.equal(problemOf(() => withOutcome(referral, outcome, { role: 'hub', now })).status, 409);
    for (const to of ['triage', 'accepted'] as const)
      referral = transitionedReferral(referral, { to }, { by: hub, now, service: null }).referral;
    assert.equal(
      problemOf(() => withOutcome(referral, { need: 'housing', code: 'advice_given' }, { role: 'hub', now }))
        .path,
      '/need',
    );
    const recorded = withOutcome(referral, outcome, { role: 'hub', now: later });
    assert.equal(recorded.referral.outcomes.length, 1);
    assert.equal(problemOf(() => withOutcome(recorded.referral, outcome, { role: 'hub', now })).status, 409);
  });
});

describe('withdrawnConsent', () => {
  const consent = newConsent(consentOnline, { id: 'c0000000-0000-4000-8000-000000000001', now });

  it('lets a publishable key withdraw only a consent it recorded and no referral uses yet', () => {
    const found = { consent, createdByKeyId: 'key_pk' };
    const withdrawal = { withdrawnAt: later, method: 'online' } as const;
    assert.equal(
      problemOf(() => withdrawnConsent(found, withdrawal, { kind: 'publishable', keyId: 'key_other' }))
        .status,
      404,
    );
    assert.equal(
      problemOf(() =>
        withdrawnConsent({ ...found, consent: { ...consent, referralId: 'r1' } }, withdrawal, {
          kind: 'publishable',
          keyId: 'key_pk',
        }),
      ).status,
      404,
    );
    const withdrawn = withdrawnConsent(found, withdrawal, { kind: 'publishable', keyId: 'key_pk' });
    assert.equal(withdrawn.status, 'withdrawn');
    assert.deepEqual(withdrawn.withdrawal, withdrawal);
    assert.equal(
      problemOf(() =>
        withdrawnConsent({ consent: withdrawn, createdByKeyId: 'key_pk' }, withdrawal, {
          kind: 'secret',
          keyId: 'key_hub',
        }),
      ).status,
      409,
    );
  });
});
