import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ProblemError,
  newConsent,
  newReferral,
  transitionedReferral,
  withOutcome,
  withdrawnConsent,
  visibleConsent,
  namedReferral,
  checkConsentLink,
} from './index.ts';
import type { Referral, ReferralCreate } from '@hubkit/schema';
import { consentOnline, councillorDebtAndFood, demoDirectory } from '@hubkit/schema/fixtures';

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
    consentId: 'a1b2c3d4-0000-4000-8000-000000000003',
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

describe('who may see and withdraw a consent', () => {
  const consent = newConsent(consentOnline, { id: 'c0000000-0000-4000-8000-000000000001', now });
  const withdrawal = { withdrawnAt: later, method: 'online' } as const;
  const key = (
    id: string,
    role: 'hub' | 'provider' | 'referrer',
    kind = 'secret' as 'secret' | 'publishable',
  ) => ({
    id,
    kind,
    role,
    serviceIds: role === 'provider' ? ['svc_mine'] : [],
  });
  const pk = key('key_pk', 'referrer', 'publishable');
  const hubKey = key('key_hub', 'hub');
  const partner = key('key_partner', 'referrer');
  const assigned = key('key_provider', 'provider');
  const unrelated = { ...key('key_other_provider', 'provider'), serviceIds: ['svc_other'] };
  // A referral made by the partner with this consent, assigned to the first provider's service.
  const referral: Referral = {
    ...made(),
    consentId: consent.id,
    history: [{ from: null, to: 'submitted', at: now, by: { role: 'referrer', keyId: 'key_partner' } }],
    assignedService: {
      serviceId: 'svc_mine',
      serviceName: 'Mine',
      organisationName: 'Ours',
      assignedAt: now,
    },
  };
  const found = { consent, createdByKeyId: 'key_partner' };

  it('shows a consent to the hub, the key that recorded it and keys that may see a referral it covers', () => {
    assert.equal(visibleConsent(found, hubKey, []).id, consent.id);
    assert.equal(visibleConsent(found, partner, []).id, consent.id);
    assert.equal(visibleConsent(found, assigned, [referral]).id, consent.id);
  });

  it('answers not found to any other key, exactly as for a consent that does not exist', () => {
    const missing = problemOf(() => visibleConsent(null, hubKey, []));
    assert.deepEqual(
      problemOf(() => visibleConsent(found, unrelated, [referral])),
      missing,
    );
    assert.deepEqual(
      problemOf(() => visibleConsent(found, assigned, [])),
      missing,
    );
    assert.deepEqual(
      problemOf(() => visibleConsent(found, key('key_pk2', 'referrer', 'publishable'), [referral])),
      missing,
    );
    // A provider sees nothing more once sharing stopped.
    assert.deepEqual(
      problemOf(() => visibleConsent(found, assigned, [{ ...referral, sharingRestricted: true }])),
      missing,
    );
    assert.deepEqual(missing, { status: 404, code: 'not_found', path: undefined });
  });

  it('lets a publishable key withdraw only a consent it recorded and no referral uses yet', () => {
    const own = { consent, createdByKeyId: 'key_pk' };
    assert.equal(
      problemOf(() => withdrawnConsent(own, withdrawal, key('key_other', 'referrer', 'publishable'), []))
        .status,
      404,
    );
    assert.equal(
      problemOf(() =>
        withdrawnConsent({ ...own, consent: { ...consent, referralId: 'r1' } }, withdrawal, pk, []),
      ).status,
      404,
    );
    const withdrawn = withdrawnConsent(own, withdrawal, pk, []);
    assert.equal(withdrawn.status, 'withdrawn');
    assert.deepEqual(withdrawn.withdrawal, withdrawal);
    assert.equal(
      problemOf(() =>
        withdrawnConsent({ consent: withdrawn, createdByKeyId: 'key_pk' }, withdrawal, hubKey, []),
      ).status,
      409,
    );
  });

  it('lets only keys that may see a consent withdraw it', () => {
    assert.equal(problemOf(() => withdrawnConsent(found, withdrawal, unrelated, [referral])).status, 404);
    assert.equal(withdrawnConsent(found, withdrawal, assigned, [referral]).status, 'withdrawn');
    assert.equal(withdrawnConsent(found, withdrawal, partner, []).status, 'withdrawn');
  });
});

describe('referrals named in a request body', () => {
  const referral = made();
  const maker = { id: 'key_pk', role: 'referrer', serviceIds: [] } as const;
  const other = { id: 'key_pk_other', role: 'referrer', serviceIds: [] } as const;

  it('answer a referral the key may not see exactly as one that does not exist', () => {
    const missing = problemOf(() => namedReferral(null, maker));
    assert.deepEqual(missing, { status: 422, code: 'validation_failed', path: '/referralId' });
    assert.deepEqual(
      problemOf(() => namedReferral(referral, other)),
      missing,
    );
    assert.equal(namedReferral(referral, maker).id, referral.id);
  });

  it('may have consent recorded for them by their maker or the hub, never by a provider', () => {
    assert.doesNotThrow(() => {
      checkConsentLink({ role: 'referrer' });
      checkConsentLink({ role: 'hub' });
    });
    assert.equal(
      problemOf(() => {
        checkConsentLink({ role: 'provider' });
      }).status,
      403,
    );
  });
});
