import { registerWelsh } from '../cy.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Consent as FhirConsent } from '@medplum/fhirtypes';
import type { Consent, ConsentCreate } from '../consent.ts';
import {
  consentByPhone,
  consentByRepresentative,
  consentOnline,
  consentWithSafeguardingOverride,
  withdrawnConsent,
} from '../fixtures/index.ts';
import { assertInValueSet, assertValidFhir, officialConcept, R4_VALUE_SETS } from './fhir-validator.test.ts';
import {
  DEFAULT_CONSENT_POLICY,
  EXTENSIONS,
  FhirMappingError,
  codeSystemUrl,
  consentResidentId,
  consentToFhir,
  fhirToConsent,
  purposeOfUse,
  type DeepReadonly,
} from './index.ts';

// The Welsh messages and labels are checked here too: put them in place, as a server does.
registerWelsh();

type StoredConsent = DeepReadonly<Consent>;
const residentId = 'ffe7c3b4-2933-4736-a1c3-18ce113d0384';

let counter = 0;
function stored(consent: DeepReadonly<ConsentCreate>, fields: Partial<StoredConsent> = {}): StoredConsent {
  counter += 1;
  const { referralId, ...rest } = consent;
  return {
    id: `5c0d7a52-41b8-4f0e-9d55-0000000000${String(counter).padStart(2, '0')}`,
    status: 'active',
    createdAt: '2026-11-05T12:00:00.000Z',
    ...rest,
    referralId: referralId ?? null,
    withdrawal: null,
    ...fields,
  };
}

const consents: Record<string, StoredConsent> = {
  consentOnline: stored(consentOnline),
  consentByPhone: stored(consentByPhone, { referralId: '1966ea40-f35b-4f59-aa74-f739a54ab58c' }),
  consentByRepresentative: stored(consentByRepresentative),
  consentWithSafeguardingOverride: stored(consentWithSafeguardingOverride),
  withdrawnConsent,
  representativeWithoutRelationship: stored(consentByRepresentative, {
    givenBy: {
      type: 'representative',
      name: 'Dev Patel',
      authority: 'appointee',
      reason: 'Manages his benefits.',
    },
    privacyNotice: { version: '2026-01', textHash: consentOnline.privacyNotice.textHash },
    language: 'cy',
  }),
  residentWithEveryGiverField: stored(consentOnline, {
    givenBy: {
      type: 'resident',
      name: 'Eileen Hartley',
      relationship: 'Herself',
      authority: 'resident_asked',
      reason: 'Her daughter helped her fill in the form.',
    },
  }),
};

describe('consentToFhir and fhirToConsent', () => {
  for (const [name, consent] of Object.entries(consents)) {
    describe(name, () => {
      const resource = consentToFhir(consent, { residentId });

      it('makes a valid R4 Consent with allowed status and provision types', () => {
        assertValidFhir(resource);
        assertInValueSet(resource.status, R4_VALUE_SETS.consentState, 'Consent.status');
        for (const p of resource.provision?.provision ?? []) {
          assertInValueSet(p.type, R4_VALUE_SETS.consentProvisionType, 'Consent.provision.provision.type');
        }
        assert.equal(resource.provision?.type, undefined, 'R4: no type on the root provision');
      });

      it('is a privacy consent, category Patient Consent, about the patient', () => {
        assert.deepEqual(resource.scope.coding, [
          {
            system: 'http://terminology.hl7.org/CodeSystem/consentscope',
            code: 'patient-privacy',
            display: 'Privacy Consent',
          },
        ]);
        assert.deepEqual(resource.category[0]?.coding, [
          { system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' },
        ]);
        assert.equal(resource.patient?.reference, `Patient/${residentId}`);
        assert.equal(consentResidentId(resource), residentId);
      });

      it('has one provision per purpose, permit or deny', () => {
        assert.deepEqual(
          resource.provision?.provision?.map((p) => [p.type, p.purpose?.[0]?.code]),
          consent.purposes.map((p) => [p.granted ? 'permit' : 'deny', p.purpose]),
        );
      });

      it('reads back exactly', () => {
        assert.deepStrictEqual(fhirToConsent(structuredClone(resource)), consent);
      });

      it('reads back exactly from JSON', () => {
        assert.deepStrictEqual(fhirToConsent(JSON.parse(JSON.stringify(resource)) as FhirConsent), consent);
      });
    });
  }

  describe('the elements', () => {
    it('makes the person the performer when they consent themselves', () => {
      const resource = consentToFhir(consents.consentOnline ?? withdrawnConsent, { residentId });
      assert.deepEqual(resource.performer, [
        { reference: `Patient/${residentId}`, display: 'Eileen Hartley' },
      ]);
    });

    it('makes a representative a RelatedPerson, with relationship and authority', () => {
      const resource = consentToFhir(consents.consentByRepresentative ?? withdrawnConsent, { residentId });
      assert.deepEqual(resource.performer, [{ reference: '#representative', display: 'Ruth Osei' }]);
      const person = resource.contained?.find((r) => r.resourceType === 'RelatedPerson');
      assert.equal(person?.patient.reference, `Patient/${residentId}`);
      assert.deepEqual(person.relationship, [
        { text: 'Daughter' },
        {
          coding: [
            {
              system: codeSystemUrl('representative-authority'),
              code: 'lasting_power_of_attorney',
              display: 'Lasting power of attorney',
            },
          ],
        },
      ]);
    });

    it('names the controllers as organisations, with their role', () => {
      const resource = consentToFhir(withdrawnConsent, { residentId });
      assert.deepEqual(
        resource.organization?.map((o) => [o.reference, o.display, o.extension?.[0]?.valueCoding?.code]),
        [
          ['#controller-1', 'Community Hub (fictional council)', 'controller'],
          ['#controller-2', 'Holloway Neighbours Trust (fictional)', 'joint_controller'],
        ],
      );
    });

    it('points the policy at the privacy notice, with its version and hash', () => {
      const resource = consentToFhir(withdrawnConsent, { residentId });
      assert.deepEqual(resource.policy, [
        {
          extension: [
            { url: EXTENSIONS.privacyNoticeVersion, valueString: '2026-04' },
            { url: EXTENSIONS.privacyNoticeHash, valueString: withdrawnConsent.privacyNotice.textHash },
          ],
          authority: 'https://ico.org.uk',
          uri: 'https://hub.example.org/privacy',
        },
      ]);
    });

    it('gives the privacy notice shown as the source (UK Core must-support)', () => {
      assert.deepEqual(consentToFhir(withdrawnConsent, { residentId }).sourceAttachment, {
        url: 'https://hub.example.org/privacy',
        title: 'Privacy notice, version 2026-04',
      });
      const consent = consents.representativeWithoutRelationship;
      assert.ok(consent);
      assert.deepEqual(consentToFhir(consent, { residentId }).sourceAttachment, {
        title: 'Privacy notice, version 2026-01',
      });
    });

    it('names a policy any system can read when the privacy notice has no URL: the UK GDPR', () => {
      const consent = consents.representativeWithoutRelationship;
      assert.ok(consent);
      assert.equal(consent.privacyNotice.url, undefined);
      const policy = consentToFhir(consent, { residentId }).policy?.[0];
      assert.equal(policy?.uri, 'https://www.legislation.gov.uk/eur/2016/679/contents');
      assert.equal(policy.uri, DEFAULT_CONSENT_POLICY);
      assert.equal(policy.authority, 'https://ico.org.uk');
      assert.equal(fhirToConsent(consentToFhir(consent, { residentId })).privacyNotice.url, undefined);
    });

    it('codes every purpose with an HL7 v3 PurposeOfUse code beside hubkit’s own', () => {
      const resource = consentToFhir(withdrawnConsent, { residentId });
      for (const provision of resource.provision?.provision ?? []) {
        const [ours, standard] = provision.purpose ?? [];
        assert.equal(ours?.system, codeSystemUrl('consent-purpose'));
        assert.equal(standard?.system, 'http://terminology.hl7.org/CodeSystem/v3-ActReason');
        assert.equal(provision.purpose?.length, 2);
      }
      assert.deepEqual(
        Object.fromEntries(Object.entries(purposeOfUse).map(([purpose, coding]) => [purpose, coding.code])),
        {
          hub_triage: 'COC',
          share_with_services: 'COC',
          single_assessment: 'COC',
          contact: 'PATADMIN',
          special_category: 'COC',
          follow_up: 'HQUALIMP',
        },
      );
    });

    it('uses PurposeOfUse codes and displays exactly as v3-ActReason has them', () => {
      for (const coding of Object.values(purposeOfUse)) {
        const official = officialConcept(
          'http://terminology.hl7.org/CodeSystem/v3-ActReason',
          coding.code ?? '',
        );
        assert.equal(coding.display, official.display, coding.code);
      }
    });

    it('reads back a purpose from hubkit’s code whatever other codings sit beside it', () => {
      const resource = consentToFhir(withdrawnConsent, { residentId });
      const provision = resource.provision?.provision?.[0];
      assert.ok(provision?.purpose);
      provision.purpose.reverse();
      assert.equal(fhirToConsent(resource).purposes[0]?.purpose, 'hub_triage');
    });

    it('ends a withdrawn consent: inactive, provision period ended', () => {
      const resource = consentToFhir(withdrawnConsent, { residentId });
      assert.equal(resource.status, 'inactive');
      assert.deepEqual(resource.provision?.period, {
        start: '2026-11-03T09:40:00Z',
        end: '2026-11-20T15:30:00Z',
      });
      const active = consentToFhir(consents.consentOnline ?? withdrawnConsent, { residentId });
      assert.equal(active.status, 'active');
      assert.equal(active.provision?.period?.end, undefined);
    });

    it('keeps the lawful basis, the article 9 condition and the confidentiality basis', () => {
      const resource = consentToFhir(withdrawnConsent, { residentId });
      const code = (url: string) => resource.extension?.find((e) => e.url === url)?.valueCoding?.code;
      assert.equal(code(EXTENSIONS.lawfulBasis), 'public_task');
      assert.equal(code(EXTENSIONS.specialCategoryCondition), 'substantial_public_interest');
      assert.equal(code(EXTENSIONS.confidentialityBasis), 'explicit_consent');
      assert.equal(code(EXTENSIONS.consentMethod), 'phone');
    });

    it('records a safeguarding decision to share apart from the consent', () => {
      const resource = consentToFhir(consents.consentWithSafeguardingOverride ?? withdrawnConsent, {
        residentId,
      });
      const override = resource.extension?.find((e) => e.url === EXTENSIONS.safeguardingOverride);
      assert.deepEqual(
        override?.extension?.map((e) => e.url),
        ['reason', 'sharedWith', 'sharedWith', 'legalBasis', 'decidedBy', 'decidedAt'],
      );
      assert.ok(resource.provision?.provision?.every((p) => p.type === 'permit'));
    });
  });

  describe('a Consent that is not a hubkit consent', () => {
    const resource = consentToFhir(withdrawnConsent, { residentId });

    it('is refused without a patient', () => {
      const { patient: _, ...withoutPatient } = resource;
      assert.throws(() => fhirToConsent(withoutPatient), {
        name: 'FhirMappingError',
        message: /Consent\.patient: the person the consent is about .* is missing/,
      });
    });

    it('is refused when it is not a privacy consent', () => {
      assert.throws(
        () =>
          fhirToConsent({
            ...resource,
            scope: {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'treatment' }],
            },
          }),
        /Consent\.scope: a hubkit consent is a privacy consent/,
      );
    });

    it('is refused when it is proposed, not given', () => {
      assert.throws(
        () => fhirToConsent({ ...resource, status: 'proposed' }),
        /'proposed' is neither active nor inactive/,
      );
    });

    it('is refused with a purpose that is not a hubkit purpose', () => {
      const json = JSON.stringify(resource).replace('"code":"hub_triage"', '"code":"marketing"');
      assert.throws(() => fhirToConsent(JSON.parse(json) as FhirConsent), /'marketing' is not a code/);
    });

    it('is refused with a withdrawal date but no withdrawal', () => {
      const without = {
        ...resource,
        extension: (resource.extension ?? []).filter((e) => e.url !== EXTENSIONS.withdrawal),
      };
      assert.throws(() => fhirToConsent(without), /a withdrawal needs both/);
    });

    it('is refused when it breaks a consent rule, with the field errors', () => {
      const without = {
        ...resource,
        extension: (resource.extension ?? []).filter((e) => e.url !== EXTENSIONS.recordedBy),
      };
      assert.throws(
        () => fhirToConsent(without),
        (error: unknown) =>
          error instanceof FhirMappingError && error.errors.some((e) => e.path === '/recordedBy'),
      );
    });
  });
});
