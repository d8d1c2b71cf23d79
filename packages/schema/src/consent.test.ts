import { registerWelsh } from './cy.ts';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  confidentialityBasisCodes,
  consentMethodCodes,
  consentPurposeCodes,
  labelOf,
  lawfulBasisCodes,
  representativeAuthorityCodes,
  specialCategoryConditionCodes,
} from './codelists.ts';
import {
  Consent,
  ConsentCreate,
  ConsentGiver,
  ConsentWithdrawal,
  PrivacyNoticeRef,
  permits,
} from './consent.ts';
import {
  consentByPhone,
  consentByRepresentative,
  consentOnline,
  consentWithSafeguardingOverride,
  privacyNotice,
  privacyNoticeText,
  withdrawnConsent,
} from './fixtures/consents.ts';
import { REMOVE, changed, errorsOf, parsed } from './testing/edit.ts';
import { validate } from './messages.ts';

// The Welsh messages and labels are checked here too: put them in place, as a server does.
registerWelsh();

const sha256 = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;

describe('privacy notice', () => {
  it('is pinned by the SHA-256 of its exact text', () => {
    assert.equal(privacyNotice.textHash, sha256(privacyNoticeText));
    // Any change to the text, even one space, gives another hash.
    assert.notEqual(sha256(`${privacyNoticeText} `), privacyNotice.textHash);
  });

  it('takes only a Subresource-Integrity style SHA-256', () => {
    const hex = createHash('sha256').update(privacyNoticeText).digest('hex');
    const sha512 = `sha512-${createHash('sha512').update(privacyNoticeText).digest('base64')}`;
    for (const textHash of [hex, `sha256-${hex}`, sha512, privacyNotice.textHash.slice(0, -1), '']) {
      assert.deepEqual(
        errorsOf(PrivacyNoticeRef, { ...privacyNotice, textHash }),
        // An empty answer was not given; anything else is in the wrong format.
        [textHash === '' ? '/textHash required' : '/textHash invalid'],
        textHash,
      );
    }
    assert.deepEqual(errorsOf(PrivacyNoticeRef, changed(privacyNotice, [['version'], REMOVE])), [
      '/version required',
    ]);
  });
});

describe('ConsentCreate', () => {
  it('takes consent given online, by phone, in person by a representative and with a safeguarding override', () => {
    for (const consent of [
      consentOnline,
      consentByPhone,
      consentByRepresentative,
      consentWithSafeguardingOverride,
    ]) {
      assert.ok(parsed(ConsentCreate, consent));
    }
  });

  it('needs who, when, how, which notice, which controllers, which purposes and on what basis', () => {
    assert.deepEqual(errorsOf(ConsentCreate, {}), [
      '/confidentialityBasis required',
      '/controllers required',
      '/givenAt required',
      '/givenBy required',
      '/lawfulBasis required',
      '/method required',
      '/privacyNotice required',
      '/purposes required',
    ]);
    assert.deepEqual(errorsOf(ConsentCreate, { ...consentOnline, givenAt: '2 November 2026' }), [
      '/givenAt invalid',
    ]);
  });

  it('needs to know who took consent that was not given online', () => {
    for (const method of consentMethodCodes.codes) {
      const consent = { ...consentOnline, method };
      assert.deepEqual(
        errorsOf(ConsentCreate, consent),
        method === 'online' ? [] : ['/recordedBy recorded_by_required'],
        method,
      );
      assert.deepEqual(
        errorsOf(ConsentCreate, { ...consent, recordedBy: { name: 'Sam Okoro' } }),
        [],
        method,
      );
    }
  });

  it('records each purpose on its own, once', () => {
    assert.equal(consentPurposeCodes.codes.length, 6);
    const purposes = consentPurposeCodes.codes.map((purpose, i) => ({ purpose, granted: i % 2 === 0 }));
    assert.deepEqual(parsed(ConsentCreate, { ...consentOnline, purposes }).purposes, purposes);
    const twice = [...purposes, { purpose: 'contact', granted: true }];
    assert.deepEqual(errorsOf(ConsentCreate, { ...consentOnline, purposes: twice }), [
      '/purposes purposes_unique',
    ]);
    assert.deepEqual(errorsOf(ConsentCreate, { ...consentOnline, purposes: [] }), ['/purposes required']);
    assert.deepEqual(
      errorsOf(ConsentCreate, { ...consentOnline, purposes: [{ purpose: 'marketing', granted: true }] }),
      ['/purposes/0/purpose invalid_option'],
    );
    assert.deepEqual(errorsOf(ConsentCreate, { ...consentOnline, purposes: [{ purpose: 'contact' }] }), [
      '/purposes/0/granted required',
    ]);
  });

  it('does not take consent as the lawful basis when nothing was agreed to', () => {
    const refusedAll = consentPurposeCodes.codes.map((purpose) => ({ purpose, granted: false }));
    assert.deepEqual(errorsOf(ConsentCreate, { ...consentOnline, purposes: refusedAll }), [
      '/purposes no_purpose_granted',
    ]);
    // On another basis, a record that the person said no to everything is worth keeping.
    assert.deepEqual(
      errorsOf(ConsentCreate, { ...consentOnline, lawfulBasis: 'public_task', purposes: refusedAll }),
      [],
    );
  });

  it('names the lawful basis from article 6(1), the condition from article 9(2) and the confidentiality basis', () => {
    assert.deepEqual(
      lawfulBasisCodes.codes.map(
        (code) => /article 6\(1\)\((.)\)/.exec(labelOf(lawfulBasisCodes, code))?.[1],
      ),
      ['a', 'b', 'c', 'd', 'e', 'f'],
    );
    assert.deepEqual(
      specialCategoryConditionCodes.codes.map(
        (c) => /article 9\(2\)\((.)\)/.exec(labelOf(specialCategoryConditionCodes, c))?.[1],
      ),
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'],
    );
    for (const lawfulBasis of lawfulBasisCodes.codes) {
      assert.equal(parsed(ConsentCreate, { ...consentOnline, lawfulBasis }).lawfulBasis, lawfulBasis);
    }
    for (const specialCategoryCondition of specialCategoryConditionCodes.codes) {
      assert.ok(parsed(ConsentCreate, { ...consentOnline, specialCategoryCondition }));
    }
    for (const confidentialityBasis of confidentialityBasisCodes.codes) {
      assert.ok(parsed(ConsentCreate, { ...consentOnline, confidentialityBasis }));
    }
    assert.deepEqual(errorsOf(ConsentCreate, changed(consentOnline, [['confidentialityBasis'], REMOVE])), [
      '/confidentialityBasis required',
    ]);
    assert.deepEqual(errorsOf(ConsentCreate, { ...consentOnline, lawfulBasis: 'because' }), [
      '/lawfulBasis invalid_option',
    ]);
  });

  it('needs at least one controller, each with a valid ICO registration when given', () => {
    assert.deepEqual(errorsOf(ConsentCreate, { ...consentOnline, controllers: [] }), [
      '/controllers required',
    ]);
    const controller = { name: 'Bury Good Neighbours (fictional)', role: 'joint_controller' };
    for (const icoRegistration of ['Z1234567', 'ZA123456']) {
      assert.ok(
        parsed(ConsentCreate, { ...consentOnline, controllers: [{ ...controller, icoRegistration }] }),
      );
    }
    for (const icoRegistration of ['Y1234567', 'Z123456', 'z1234567']) {
      assert.deepEqual(
        errorsOf(ConsentCreate, { ...consentOnline, controllers: [{ ...controller, icoRegistration }] }),
        ['/controllers/0/icoRegistration invalid'],
        icoRegistration,
      );
    }
    const many = Array.from({ length: 21 }, () => controller);
    assert.deepEqual(errorsOf(ConsentCreate, { ...consentOnline, controllers: many }), [
      '/controllers too_many',
    ]);
  });

  it('records the language the person was asked in, and whether an interpreter helped', () => {
    assert.equal(parsed(ConsentCreate, { ...consentOnline, language: 'cy' }).language, 'cy');
    const interpreted = parsed(ConsentCreate, { ...consentByPhone, language: 'bn', interpreterUsed: true });
    assert.deepEqual([interpreted.language, interpreted.interpreterUsed], ['bn', true]);
    assert.deepEqual(errorsOf(ConsentCreate, { ...consentOnline, language: 'Welsh' }), ['/language invalid']);
  });

  it('needs the article 9 condition when details about health, disability or ethnicity are used', () => {
    const { specialCategoryCondition: _, ...withoutCondition } = consentOnline;
    assert.deepEqual(errorsOf(ConsentCreate, withoutCondition), [
      '/specialCategoryCondition special_category_condition_required',
    ]);
    const notUsed = {
      ...withoutCondition,
      purposes: consentOnline.purposes.map((p) =>
        p.purpose === 'special_category' ? { ...p, granted: false } : p,
      ),
    };
    assert.ok(parsed(ConsentCreate, notUsed));
  });

  it('refuses unknown fields at every level', () => {
    const places = [[], ['givenBy'], ['privacyNotice'], ['controllers', 0], ['purposes', 0], ['recordedBy']];
    for (const place of places) {
      const pointer = place.map((p) => `/${p}`).join('');
      assert.deepEqual(errorsOf(ConsentCreate, changed(consentByPhone, [[...place, 'note'], 'x'])), [
        `${pointer}/note unknown_field`,
      ]);
    }
    assert.deepEqual(
      errorsOf(
        ConsentCreate,
        changed(consentWithSafeguardingOverride, [['safeguardingOverride', 'decidedBy', 'phone'], 'x']),
      ),
      ['/safeguardingOverride/decidedBy/phone unknown_field'],
    );
  });
});

describe('who gave consent', () => {
  it('needs only a name from the person themselves', () => {
    assert.deepEqual(parsed(ConsentGiver, { type: 'resident', name: 'Eileen Hartley' }), {
      type: 'resident',
      name: 'Eileen Hartley',
    });
  });

  it('needs the authority and the reason from someone acting for them', () => {
    const representative = consentByRepresentative.givenBy;
    assert.ok(parsed(ConsentGiver, representative));
    assert.deepEqual(errorsOf(ConsentGiver, changed(representative, [['authority'], REMOVE])), [
      '/authority representative_authority_required',
    ]);
    assert.deepEqual(errorsOf(ConsentGiver, changed(representative, [['reason'], REMOVE])), [
      '/reason representative_reason_required',
    ]);
    assert.deepEqual(errorsOf(ConsentGiver, { type: 'representative', name: 'Ruth Osei' }), [
      '/authority representative_authority_required',
      '/reason representative_reason_required',
    ]);
    for (const authority of representativeAuthorityCodes.codes) {
      assert.ok(parsed(ConsentGiver, { ...representative, authority }), authority);
    }
  });
});

describe('withdrawal', () => {
  it('takes a withdrawal with when and how', () => {
    assert.ok(parsed(ConsentWithdrawal, withdrawnConsent.withdrawal));
    assert.deepEqual(errorsOf(ConsentWithdrawal, { method: 'online' }), ['/withdrawnAt required']);
  });

  it('needs who took a withdrawal by phone, in person or on paper, as for consent', () => {
    const { recordedBy: _, ...unrecorded } = withdrawnConsent.withdrawal;
    assert.deepEqual(errorsOf(ConsentWithdrawal, unrecorded), [
      '/recordedBy withdrawal_recorded_by_required',
    ]);
    assert.ok(parsed(ConsentWithdrawal, { ...unrecorded, method: 'online' }));
    const message = validate(ConsentWithdrawal, unrecorded).errors?.[0]?.message;
    assert.equal(message, 'Enter who took the withdrawal by phone, in person or on paper');
  });

  it('stores a withdrawn consent with its withdrawal, and an active one without', () => {
    assert.ok(parsed(Consent, withdrawnConsent));
    assert.ok(parsed(Consent, { ...withdrawnConsent, status: 'active', withdrawal: null }));
  });

  it('refuses a stored consent whose status and withdrawal disagree', () => {
    assert.deepEqual(errorsOf(Consent, { ...withdrawnConsent, withdrawal: null }), [
      '/withdrawal withdrawal_status_mismatch',
    ]);
    assert.deepEqual(errorsOf(Consent, { ...withdrawnConsent, status: 'active' }), [
      '/withdrawal withdrawal_status_mismatch',
    ]);
  });

  it('permits a purpose only while consent is active and the purpose was granted', () => {
    const active = { status: 'active', purposes: consentOnline.purposes } as const;
    assert.equal(permits(active, 'share_with_services'), true);
    assert.equal(permits(active, 'follow_up'), false); // asked, and said no
    assert.equal(permits({ ...active, purposes: [] }, 'contact'), false); // never asked
    for (const purpose of consentPurposeCodes.codes) {
      assert.equal(permits({ ...active, status: 'withdrawn' }, purpose), false, purpose);
    }
  });
});

describe('safeguarding override', () => {
  it('is recorded apart from consent, with who decided, when and why', () => {
    const override = consentWithSafeguardingOverride.safeguardingOverride;
    assert.ok(parsed(ConsentCreate, consentWithSafeguardingOverride));
    for (const field of ['reason', 'decidedBy', 'decidedAt']) {
      assert.deepEqual(
        errorsOf(
          ConsentCreate,
          changed(consentWithSafeguardingOverride, [['safeguardingOverride', field], REMOVE]),
        ),
        [`/safeguardingOverride/${field} required`],
        field,
      );
    }
    assert.ok(override.decidedBy.name);
  });

  it('is not consent: it grants no purpose the person did not agree to', () => {
    const purposes = [
      { purpose: 'hub_triage', granted: true },
      { purpose: 'share_with_services', granted: false },
    ] as const;
    const consent = parsed(ConsentCreate, { ...consentWithSafeguardingOverride, purposes });
    assert.ok(consent.safeguardingOverride);
    assert.equal(permits({ status: 'active', purposes: consent.purposes }, 'share_with_services'), false);
    assert.equal((consentPurposeCodes.codes as readonly string[]).includes('safeguarding'), false);
  });
});
