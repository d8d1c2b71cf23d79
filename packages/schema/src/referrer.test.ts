import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { professionalReferrerTypes, referrerTypeCodes, type ReferrerType } from './codelists.ts';
import { Organisation, Referrer } from './referrer.ts';
import { REMOVE, changed, errorsOf, parsed } from './testing/edit.ts';

/** Who the issue says may refer, and which of them refer in a professional role. */
const TYPES: Record<ReferrerType, 'professional' | 'personal'> = {
  self: 'personal',
  family_friend: 'personal',
  councillor: 'professional',
  council_officer: 'professional',
  gp_practice: 'professional',
  health_professional: 'professional',
  vcs_partner: 'professional',
  housing_provider: 'professional',
  school: 'professional',
  police: 'professional',
  social_care: 'professional',
  dwp: 'professional',
  probation: 'professional',
  fire_rescue: 'professional',
  other: 'personal',
};

const selfReferral = { type: 'self', residentAware: true, residentAgreed: true };
const someoneElse = {
  type: 'family_friend',
  name: 'Ruth Osei',
  relationship: 'Daughter',
  contact: { phone: '07700 900456' },
  residentAware: true,
  residentAgreed: true,
};
const professional = {
  type: 'gp_practice',
  name: 'Jordan Ellis',
  role: 'Social prescribing link worker',
  organisation: { name: 'Harlesden Road Medical Centre (fictional)', odsCode: 'E84999' },
  contact: { email: 'jordan.ellis@example.com' },
  residentAware: true,
  residentAgreed: true,
};

describe('referrer types', () => {
  it('are every kind of referrer the hub takes', () => {
    assert.deepEqual([...referrerTypeCodes.codes].sort(), Object.keys(TYPES).sort());
    const professionals = Object.entries(TYPES)
      .filter(([, kind]) => kind === 'professional')
      .map(([type]) => type);
    assert.deepEqual([...professionalReferrerTypes].sort(), professionals.sort());
  });

  it('needs an organisation from professionals only', () => {
    for (const [type, kind] of Object.entries(TYPES)) {
      if (type === 'self') continue;
      const withoutOrganisation = { ...someoneElse, type };
      assert.deepEqual(
        errorsOf(Referrer, withoutOrganisation),
        kind === 'professional' ? ['/organisation/name organisation_required'] : [],
        type,
      );
      assert.deepEqual(errorsOf(Referrer, { ...professional, type }), [], type);
    }
  });

  it('refuses a type that is not in the list', () => {
    assert.deepEqual(errorsOf(Referrer, { ...someoneElse, type: 'neighbour' }), ['/type invalid_option']);
    assert.deepEqual(errorsOf(Referrer, changed(someoneElse, [['type'], REMOVE])), ['/type required']);
  });
});

describe('who the referrer is', () => {
  it('needs nothing more from someone referring themselves', () => {
    assert.deepEqual(parsed(Referrer, selfReferral), selfReferral);
  });

  it('needs the name and a phone number or email of anyone else', () => {
    assert.deepEqual(errorsOf(Referrer, changed(someoneElse, [['name'], REMOVE])), [
      '/name referrer_name_required',
    ]);
    assert.deepEqual(errorsOf(Referrer, changed(someoneElse, [['contact'], REMOVE])), [
      '/contact referrer_contact_required',
    ]);
    assert.deepEqual(errorsOf(Referrer, changed(someoneElse, [['contact'], {}])), [
      '/contact referrer_contact_required',
    ]);
    assert.deepEqual(
      errorsOf(Referrer, changed(someoneElse, [['contact'], { email: 'ruth@example.com' }])),
      [],
    );
  });

  it('normalises the referrer’s phone number', () => {
    assert.equal(parsed(Referrer, someoneElse).contact?.phone, '+447700900456');
  });

  it('checks ODS codes and charity numbers', () => {
    const organisation = { name: 'Willow Women’s Centre (fictional)' };
    for (const odsCode of ['F83004', 'E84999', 'RRK', '8KL73']) {
      assert.ok(parsed(Organisation, { ...organisation, odsCode }), odsCode);
    }
    for (const odsCode of ['f83004', 'F8', 'F83004-1', 'F83 004']) {
      assert.deepEqual(errorsOf(Organisation, { ...organisation, odsCode }), ['/odsCode invalid'], odsCode);
    }
    for (const charityNumber of ['1099999', '222222', 'SC012345', 'NIC100002']) {
      assert.ok(parsed(Organisation, { ...organisation, charityNumber }), charityNumber);
    }
    for (const charityNumber of ['12345', 'SC12345', 'AB123456', '']) {
      assert.deepEqual(errorsOf(Organisation, { ...organisation, charityNumber }), [
        charityNumber === '' ? '/charityNumber required' : '/charityNumber invalid',
      ]);
    }
  });

  it('refuses unknown fields in the referrer, its organisation and its contact details', () => {
    assert.deepEqual(errorsOf(Referrer, { ...professional, team: 'x' }), ['/team unknown_field']);
    assert.deepEqual(errorsOf(Referrer, changed(professional, [['organisation', 'ward'], 'x'])), [
      '/organisation/ward unknown_field',
    ]);
    assert.deepEqual(errorsOf(Referrer, changed(professional, [['contact', 'fax'], 'x'])), [
      '/contact/fax unknown_field',
    ]);
  });
});

describe('whether the person knows and agrees', () => {
  // The rules: someone referring themselves knows and agrees; nobody agrees to what they do
  // not know about; a referral made without agreement says why.
  function expectedErrors(type: string, aware: boolean, agreed: boolean, reason: boolean): string[] {
    const errors: string[] = [];
    if (type === 'self' && !(aware && agreed)) errors.push('/residentAgreed self_referral_agreed');
    if (agreed && !aware) errors.push('/residentAware agreed_but_not_aware');
    if (!agreed && !reason) errors.push('/noAgreementReason no_agreement_reason_required');
    return errors.sort();
  }

  it('follows the rules for every combination', () => {
    for (const base of [selfReferral, someoneElse, professional]) {
      for (const aware of [true, false]) {
        for (const agreed of [true, false]) {
          for (const reason of [true, false]) {
            const referrer = {
              ...base,
              residentAware: aware,
              residentAgreed: agreed,
              ...(reason
                ? { noAgreementReason: 'Safeguarding concern: telling him could put his wife at risk.' }
                : {}),
            };
            assert.deepEqual(
              errorsOf(Referrer, referrer),
              expectedErrors(base.type, aware, agreed, reason),
              `${base.type} aware=${aware} agreed=${agreed} reason=${reason}`,
            );
          }
        }
      }
    }
  });

  it('needs both answers', () => {
    assert.deepEqual(errorsOf(Referrer, changed(someoneElse, [['residentAware'], REMOVE])), [
      '/residentAware required',
    ]);
    assert.deepEqual(errorsOf(Referrer, changed(someoneElse, [['residentAgreed'], REMOVE])), [
      '/residentAgreed required',
    ]);
  });
});
