import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { referralChannelCodes } from './codelists.ts';
import {
  councillorDebtAndFood,
  selfReferralShielding,
  tenantAtRiskOfEviction,
} from './fixtures/referrals.ts';
import { closedTenantReferral, tenantAssessment } from './fixtures/stored.ts';
import { Actor, Referral, ReferralCreate, StatusChange } from './referral.ts';
import { REMOVE, changed, errorsOf, parsed } from './testing/edit.ts';

const minimal = {
  resident: {
    name: { given: 'Eileen', family: 'Hartley' },
    contact: { methods: ['in_person'], safeToLeaveMessage: true },
    language: { preferred: 'en', interpreterNeeded: false },
  },
  referrer: { type: 'self', residentAware: true, residentAgreed: true },
  needs: [{ code: 'food', urgency: 'soon' }],
  safeguarding: { concern: false, immediateDanger: false },
};

describe('ReferralCreate', () => {
  it('needs a resident, a referrer, their needs and the safeguarding questions', () => {
    assert.deepEqual(parsed(ReferralCreate, minimal), minimal);
    assert.deepEqual(errorsOf(ReferralCreate, {}), [
      '/needs required',
      '/referrer required',
      '/resident required',
      '/safeguarding required',
    ]);
  });

  it('takes the realistic referrals', () => {
    for (const referral of [councillorDebtAndFood, tenantAtRiskOfEviction, selfReferralShielding]) {
      assert.ok(parsed(ReferralCreate, referral));
    }
  });

  it('normalises what people type on the way in', () => {
    const typed = changed(
      minimal,
      [['resident', 'contact', 'phone'], '07700 900 123'],
      [['resident', 'address'], { line1: '9 Harlesden Gardens', town: 'London', postcode: 'nw104hg' }],
      [['resident', 'name', 'given'], '  Eileen  '],
    );
    const got = parsed(ReferralCreate, typed);
    assert.equal(got.resident.contact.phone, '+447700900123');
    assert.equal(got.resident.address?.postcode, 'NW10 4HG');
    assert.equal(got.resident.name.given, 'Eileen');
  });

  it('may be kept as a draft or submitted, nothing else', () => {
    for (const status of ['draft', 'submitted'])
      assert.equal(parsed(ReferralCreate, { ...minimal, status }).status, status);
    for (const status of ['triage', 'accepted', 'closed']) {
      assert.deepEqual(errorsOf(ReferralCreate, { ...minimal, status }), ['/status invalid_option'], status);
    }
  });

  it('says where it came from, with the partner’s own reference', () => {
    for (const channel of referralChannelCodes.codes) {
      assert.deepEqual(parsed(ReferralCreate, { ...minimal, source: { channel } }).source, { channel });
    }
    const source = { channel: 'api', partnerReference: 'TEN-55821' };
    assert.deepEqual(parsed(ReferralCreate, { ...minimal, source }).source, source);
    assert.deepEqual(errorsOf(ReferralCreate, { ...minimal, source: { channel: 'fax' } }), [
      '/source/channel invalid_option',
    ]);
  });

  it('links a consent record and a requested service by id', () => {
    const ids = {
      consentId: '05338159-303f-42e1-8abc-2dce534afe14',
      requestedServiceId: '3e546a1c-cabc-43b7-a3e1-dcce1a0824c2',
    };
    assert.deepEqual(parsed(ReferralCreate, { ...minimal, ...ids }), { ...minimal, ...ids });
    assert.deepEqual(errorsOf(ReferralCreate, { ...minimal, consentId: 'consent-1' }), [
      '/consentId invalid',
    ]);
  });

  it('takes a first single assessment with it', () => {
    const { sections, completedBy, completedAt } = tenantAssessment;
    const assessment = { sections, completedBy, completedAt };
    assert.ok(parsed(ReferralCreate, { ...minimal, assessment }).assessment);
    assert.deepEqual(errorsOf(ReferralCreate, { ...minimal, assessment: { ...assessment, version: 1 } }), [
      '/assessment/version unknown_field',
    ]);
  });

  it('refuses fields that only the hub sets, and any other unknown field', () => {
    for (const field of ['id', 'reference', 'priority', 'history', 'outcomes', 'residentId']) {
      assert.deepEqual(
        errorsOf(ReferralCreate, { ...minimal, [field]: 'x' }),
        [`/${field} unknown_field`],
        field,
      );
    }
  });

  it('finds errors in every part at once', () => {
    const broken = changed(
      minimal,
      [['resident', 'name', 'family'], REMOVE],
      [['referrer', 'type'], 'nobody'],
      [['needs', 0, 'urgency'], 'whenever'],
      [['safeguarding', 'immediateDanger'], REMOVE],
    );
    assert.deepEqual(errorsOf(ReferralCreate, broken), [
      '/needs/0/urgency invalid_option',
      '/referrer/type invalid_option',
      '/resident/name/family required',
      '/safeguarding/immediateDanger required',
    ]);
  });
});

describe('Referral (stored)', () => {
  it('takes the stored referral fixture', () => {
    assert.ok(parsed(Referral, closedTenantReferral));
  });

  it('has every hub field present, with null where there is nothing', () => {
    const nullable = [
      'triageDueBy',
      'submittedAt',
      'consentId',
      'requestedServiceId',
      'assessmentId',
      'assignedService',
    ];
    for (const field of nullable) {
      assert.ok(parsed(Referral, { ...closedTenantReferral, [field]: null }), field);
      assert.deepEqual(
        errorsOf(Referral, changed(closedTenantReferral, [[field], REMOVE])),
        [`/${field} required`],
        field,
      );
    }
    for (const field of [
      'id',
      'reference',
      'status',
      'priority',
      'createdAt',
      'updatedAt',
      'residentId',
      'history',
      'outcomes',
      'sharingRestricted',
    ]) {
      assert.deepEqual(
        errorsOf(Referral, changed(closedTenantReferral, [[field], REMOVE])),
        [`/${field} required`],
        field,
      );
    }
  });

  it('checks the reference and its check character', () => {
    assert.equal(
      parsed(Referral, { ...closedTenantReferral, reference: 'hub 6zrk en' }).reference,
      'HUB-6ZRK-EN',
    );
    assert.deepEqual(errorsOf(Referral, { ...closedTenantReferral, reference: 'HUB-6ZRK-EM' }), [
      '/reference reference_check',
    ]);
    assert.deepEqual(errorsOf(Referral, { ...closedTenantReferral, reference: 'REF-1' }), [
      '/reference invalid',
    ]);
  });

  it('checks its history and outcomes', () => {
    assert.deepEqual(errorsOf(Referral, changed(closedTenantReferral, [['history', 1, 'to'], 'finished'])), [
      '/history/1/to invalid_option',
    ]);
    assert.deepEqual(
      errorsOf(Referral, changed(closedTenantReferral, [['history', 1, 'by', 'role'], 'admin'])),
      ['/history/1/by/role invalid_option'],
    );
    assert.deepEqual(
      errorsOf(Referral, changed(closedTenantReferral, [['outcomes', 0, 'code'], 'food_secured'])),
      ['/outcomes/0/code outcome_does_not_fit_need'],
    );
  });

  it('refuses unknown fields, here and in its parts', () => {
    assert.deepEqual(errorsOf(Referral, { ...closedTenantReferral, deleted: false }), [
      '/deleted unknown_field',
    ]);
    assert.deepEqual(
      errorsOf(Referral, changed(closedTenantReferral, [['assignedService', 'worker'], 'x'])),
      ['/assignedService/worker unknown_field'],
    );
  });
});

describe('StatusChange and Actor', () => {
  it('records who changed the status, when, and why', () => {
    const change = {
      from: 'triage',
      to: 'declined',
      at: '2026-09-02T11:30:00.000Z',
      by: { role: 'hub', keyId: 'key_hub_demo', organisation: 'Community Hub (fictional council)' },
      reason: 'Lives outside the hub’s area; referred to the neighbouring hub.',
    };
    assert.deepEqual(parsed(StatusChange, change), change);
    assert.ok(parsed(StatusChange, { ...change, from: null }));
    assert.deepEqual(errorsOf(StatusChange, changed(change, [['at'], '2 September'])), ['/at invalid']);
  });

  it('holds the id of the key that acted, never anything else', () => {
    assert.deepEqual(errorsOf(Actor, { role: 'hub', key: 'sk_live_123' }), ['/key unknown_field']);
  });
});
