/**
 * Consent ↔ R4 Consent (scope patient-privacy, category LOINC 59284-0 "Patient Consent").
 * One nested provision per purpose (permit or deny), the privacy notice as the policy, the
 * data controllers as the organisations; the UK GDPR bases, the method and the safeguarding
 * decision as hubkit extensions, since R4 has nothing for them.
 */
import type {
  Coding,
  Consent as FhirConsent,
  ConsentProvision,
  Extension,
  Organization,
  RelatedPerson,
} from '@medplum/fhirtypes';
import {
  confidentialityBasisCodes,
  consentMethodCodes,
  consentPurposeCodes,
  controllerRoleCodes,
  lawfulBasisCodes,
  representativeAuthorityCodes,
  specialCategoryConditionCodes,
} from '../codelists.ts';
import { Consent, type ConsentGiver, type StaffMember } from '../consent.ts';
import { CODE_SYSTEMS, EXTENSIONS, IDENTIFIER_SYSTEMS, codeSystemUrl } from './constants.ts';
import {
  ExtensionReader,
  codeIn,
  codeOf,
  codingOf,
  expectResourceType,
  ext,
  fail,
  idFrom,
  local,
  nonEmpty,
  optional,
  parseAs,
  referenceTo,
  required,
  type DeepReadonly,
} from './support.ts';

const SCOPE = {
  system: CODE_SYSTEMS.consentScope,
  code: 'patient-privacy',
  display: 'Privacy Consent',
} as const;
const CATEGORY = { system: CODE_SYSTEMS.loinc, code: '59284-0', display: 'Patient Consent' } as const;
const REPRESENTATIVE = 'representative';

/**
 * The policy a Consent names when the privacy notice has no URL of its own: the UK GDPR, which
 * any system can read. A privacy notice URL, when there is one, is named instead.
 */
export const DEFAULT_CONSENT_POLICY = 'https://www.legislation.gov.uk/eur/2016/679/contents';
/** Consent.policy.authority: the regulator of personal data in the UK, the ICO. */
export const CONSENT_POLICY_AUTHORITY = 'https://ico.org.uk';

type ConsentPurpose = (typeof consentPurposeCodes.codes)[number];

/**
 * The HL7 v3 PurposeOfUse (ActReason) code beside each hubkit purpose, for systems that do not
 * know hubkit's codes. The nearest honest code, never a wider one: triage, sharing with
 * services, the shared assessment and using special category data to get the right help are
 * all organising a person's care across organisations (COC, coordination of care); contacting
 * them about the referral is administering its delivery (PATADMIN); asking later how things went
 * is quality improvement (HQUALIMP). The hubkit code stays the exact one.
 */
export const purposeOfUse: Readonly<Record<ConsentPurpose, Coding>> = {
  hub_triage: { system: CODE_SYSTEMS.actReason, code: 'COC', display: 'coordination of care' },
  share_with_services: { system: CODE_SYSTEMS.actReason, code: 'COC', display: 'coordination of care' },
  single_assessment: { system: CODE_SYSTEMS.actReason, code: 'COC', display: 'coordination of care' },
  contact: { system: CODE_SYSTEMS.actReason, code: 'PATADMIN', display: 'patient administration' },
  special_category: { system: CODE_SYSTEMS.actReason, code: 'COC', display: 'coordination of care' },
  follow_up: { system: CODE_SYSTEMS.actReason, code: 'HQUALIMP', display: 'health quality improvement' },
};
const controllerId = (index: number) => `controller-${index + 1}`;

export interface ConsentOptions {
  /** The person the consent is about (their `residentId`): Consent.patient. */
  readonly residentId: string;
}

function staffMember(url: string, staff: DeepReadonly<StaffMember> | undefined): Extension[] {
  return staff === undefined
    ? []
    : ext.complex(url, [
        ...ext.string('name', staff.name),
        ...ext.string('role', staff.role),
        ...ext.string('organisation', staff.organisation),
      ]);
}

function staffMemberFrom(reader: ExtensionReader | undefined) {
  return (
    reader && {
      name: reader.string('name'),
      role: reader.string('role'),
      organisation: reader.string('organisation'),
    }
  );
}

/**
 * Who gave consent: the person (a reference to the Patient) or a representative (a contained
 * RelatedPerson, with their authority as a relationship coded in hubkit's codelist).
 */
function performerOf(givenBy: DeepReadonly<ConsentGiver>, residentId: string) {
  if (givenBy.type === 'resident') {
    return {
      performer: referenceTo('Patient', residentId, givenBy.name),
      contained: [],
      // Not expected for the person themselves, but kept if given.
      leftovers: [
        ...ext.string('relationship', givenBy.relationship),
        ...ext.coding('authority', representativeAuthorityCodes, givenBy.authority),
      ],
    };
  }
  const person: RelatedPerson = {
    resourceType: 'RelatedPerson',
    id: REPRESENTATIVE,
    patient: referenceTo('Patient', residentId),
    ...nonEmpty('relationship', [
      ...(givenBy.relationship === undefined ? [] : [{ text: givenBy.relationship }]),
      ...(givenBy.authority === undefined
        ? []
        : [{ coding: [codingOf(representativeAuthorityCodes, givenBy.authority)] }]),
    ]),
    name: [{ text: givenBy.name }],
  };
  return {
    performer: { ...local('RelatedPerson', REPRESENTATIVE), display: givenBy.name },
    contained: [person],
    leftovers: [],
  };
}

/** The consent record as an R4 Consent about the Patient `options.residentId`. */
export function consentToFhir(consent: DeepReadonly<Consent>, options: ConsentOptions): FhirConsent {
  const giver = performerOf(consent.givenBy, options.residentId);
  const { privacyNotice, withdrawal, safeguardingOverride } = consent;
  const controllers: Organization[] = consent.controllers.map((controller, i) => ({
    resourceType: 'Organization',
    id: controllerId(i),
    ...(controller.icoRegistration === undefined
      ? {}
      : { identifier: [{ system: IDENTIFIER_SYSTEMS.icoRegistration, value: controller.icoRegistration }] }),
    name: controller.name,
  }));
  const provisions: ConsentProvision[] = consent.purposes.map((decision) => ({
    type: decision.granted ? 'permit' : 'deny',
    purpose: [codingOf(consentPurposeCodes, decision.purpose), purposeOfUse[decision.purpose]],
  }));

  return {
    resourceType: 'Consent',
    id: consent.id,
    contained: [...giver.contained, ...controllers],
    extension: [
      ...ext.dateTime(EXTENSIONS.createdAt, consent.createdAt),
      ...(consent.referralId === null
        ? []
        : ext.reference(EXTENSIONS.referral, referenceTo('ServiceRequest', consent.referralId))),
      ...ext.complex(EXTENSIONS.consentGiver, [
        ...giver.leftovers,
        ...ext.string('reason', consent.givenBy.reason),
      ]),
      ...ext.coding(EXTENSIONS.consentMethod, consentMethodCodes, consent.method),
      ...staffMember(EXTENSIONS.recordedBy, consent.recordedBy),
      ...ext.coding(EXTENSIONS.lawfulBasis, lawfulBasisCodes, consent.lawfulBasis),
      ...ext.coding(
        EXTENSIONS.specialCategoryCondition,
        specialCategoryConditionCodes,
        consent.specialCategoryCondition,
      ),
      ...ext.coding(EXTENSIONS.confidentialityBasis, confidentialityBasisCodes, consent.confidentialityBasis),
      ...ext.code(EXTENSIONS.consentLanguage, consent.language),
      ...ext.boolean(EXTENSIONS.interpreterUsed, consent.interpreterUsed),
      ...(safeguardingOverride === undefined
        ? []
        : ext.complex(EXTENSIONS.safeguardingOverride, [
            ...ext.string('reason', safeguardingOverride.reason),
            ...safeguardingOverride.sharedWith.flatMap((recipient) => ext.string('sharedWith', recipient)),
            ...ext.string('legalBasis', safeguardingOverride.legalBasis),
            ...staffMember('decidedBy', safeguardingOverride.decidedBy),
            ...ext.dateTime('decidedAt', safeguardingOverride.decidedAt),
          ])),
      ...(withdrawal === null
        ? []
        : ext.complex(EXTENSIONS.withdrawal, [
            ...ext.coding('method', consentMethodCodes, withdrawal.method),
            ...staffMember('recordedBy', withdrawal.recordedBy),
            ...ext.string('reason', withdrawal.reason),
          ])),
    ],
    identifier: [{ system: IDENTIFIER_SYSTEMS.consentId, value: consent.id }],
    // Withdrawn consent ends (inactive) but is never deleted.
    status: consent.status === 'active' ? 'active' : 'inactive',
    scope: { coding: [SCOPE] },
    // UK Core must-support: what the consent rests on, the privacy notice the person was shown.
    sourceAttachment: {
      ...optional('url', privacyNotice.url),
      title: `Privacy notice, version ${privacyNotice.version}`,
    },
    category: [{ coding: [CATEGORY] }],
    patient: referenceTo('Patient', options.residentId),
    dateTime: consent.givenAt,
    performer: [giver.performer],
    organization: consent.controllers.map((controller, i) => ({
      ...local('Organization', controllerId(i)),
      display: controller.name,
      extension: ext.coding(EXTENSIONS.controllerRole, controllerRoleCodes, controller.role),
    })),
    policy: [
      {
        extension: [
          ...ext.string(EXTENSIONS.privacyNoticeVersion, privacyNotice.version),
          ...ext.string(EXTENSIONS.privacyNoticeHash, privacyNotice.textHash),
        ],
        authority: CONSENT_POLICY_AUTHORITY,
        uri: privacyNotice.url ?? DEFAULT_CONSENT_POLICY,
      },
    ],
    provision: {
      period: { start: consent.givenAt, ...(withdrawal === null ? {} : { end: withdrawal.withdrawnAt }) },
      provision: provisions,
    },
  };
}

function containedIn<T extends { resourceType: string; id?: string }>(
  consent: FhirConsent,
  reference: string | undefined,
  type: T['resourceType'],
  location: string,
): T {
  if (!reference?.startsWith('#')) fail(location, `expected a reference to a contained ${type}`);
  const found = consent.contained?.find((r) => r.resourceType === type && r.id === reference.slice(1));
  return (found as T | undefined) ?? fail(location, `'${reference}' is not a contained ${type}`);
}

function giverFrom(consent: FhirConsent, residentId: string, extensions: ExtensionReader) {
  const performer = required(consent.performer?.[0], 'Consent.performer', 'who gave consent');
  if ((consent.performer?.length ?? 0) > 1)
    fail('Consent.performer', 'a hubkit consent is given by one person');
  const leftovers = extensions.complex(EXTENSIONS.consentGiver);
  const reason = leftovers?.string('reason');
  if (performer.reference?.startsWith('Patient/')) {
    if (idFrom(performer, 'Patient') !== residentId)
      fail('Consent.performer', 'is a Patient other than Consent.patient');
    return {
      type: 'resident',
      name: performer.display,
      relationship: leftovers?.string('relationship'),
      authority: leftovers?.coded('authority', representativeAuthorityCodes),
      reason,
    };
  }
  const person = containedIn<RelatedPerson>(
    consent,
    performer.reference,
    'RelatedPerson',
    'Consent.performer',
  );
  const relationships = person.relationship ?? [];
  return {
    type: 'representative',
    name: person.name?.[0]?.text,
    relationship: relationships.find((r) => r.coding === undefined)?.text,
    authority: relationships
      .map((r, i) =>
        codeIn(representativeAuthorityCodes, r, `Consent.contained(RelatedPerson).relationship[${i}]`),
      )
      .find((code) => code !== undefined),
    reason,
  };
}

/**
 * Reads an R4 Consent made by {@link consentToFhir} back into the consent record, exactly. It
 * must be a privacy consent about one patient, active or inactive, with a provision per purpose.
 */
export function fhirToConsent(resource: FhirConsent): Consent {
  expectResourceType(resource, 'Consent');
  const residentId = required(
    idFrom(resource.patient, 'Patient'),
    'Consent.patient',
    'the person the consent is about (a reference to their Patient)',
  );
  if (!resource.scope.coding?.some((c) => c.system === SCOPE.system && c.code === SCOPE.code)) {
    fail('Consent.scope', `a hubkit consent is a privacy consent (${SCOPE.system}|${SCOPE.code})`);
  }
  if (resource.status !== 'active' && resource.status !== 'inactive') {
    fail('Consent.status', `'${resource.status}' is neither active nor inactive (withdrawn)`);
  }
  const extensions = new ExtensionReader(resource.extension, 'Consent');
  const policy = required(resource.policy?.[0], 'Consent.policy', 'the privacy notice');
  const notice = new ExtensionReader(policy.extension, 'Consent.policy');
  const withdrawal = extensions.complex(EXTENSIONS.withdrawal);
  const withdrawnAt = resource.provision?.period?.end;
  if ((withdrawal === undefined) !== (withdrawnAt === undefined)) {
    fail(
      'Consent.provision.period.end',
      'a withdrawal needs both its date (period end) and the withdrawal extension',
    );
  }
  const override = extensions.complex(EXTENSIONS.safeguardingOverride);

  return parseAs(
    Consent,
    {
      id: resource.identifier?.find((i) => i.system === IDENTIFIER_SYSTEMS.consentId)?.value ?? resource.id,
      status: resource.status === 'active' ? 'active' : 'withdrawn',
      createdAt: extensions.dateTime(EXTENSIONS.createdAt),
      referralId: idFrom(extensions.reference(EXTENSIONS.referral), 'ServiceRequest') ?? null,
      givenBy: giverFrom(resource, residentId, extensions),
      givenAt: resource.dateTime,
      method: extensions.coded(EXTENSIONS.consentMethod, consentMethodCodes),
      recordedBy: staffMemberFrom(extensions.complex(EXTENSIONS.recordedBy)),
      privacyNotice: {
        version: notice.string(EXTENSIONS.privacyNoticeVersion),
        textHash: notice.string(EXTENSIONS.privacyNoticeHash),
        url: policy.uri === DEFAULT_CONSENT_POLICY ? undefined : policy.uri,
      },
      controllers: (resource.organization ?? []).map((reference, i) => {
        const location = `Consent.organization[${i}]`;
        const organization = containedIn<Organization>(
          resource,
          reference.reference,
          'Organization',
          location,
        );
        return {
          name: organization.name,
          icoRegistration: organization.identifier?.find(
            (id) => id.system === IDENTIFIER_SYSTEMS.icoRegistration,
          )?.value,
          role: new ExtensionReader(reference.extension, location).coded(
            EXTENSIONS.controllerRole,
            controllerRoleCodes,
          ),
        };
      }),
      purposes: (resource.provision?.provision ?? []).map((provision, i) => {
        const location = `Consent.provision.provision[${i}]`;
        // Other systems' codings (the v3 PurposeOfUse one) sit beside hubkit's and are not read.
        const ours = (provision.purpose ?? []).filter(
          (coding) => coding.system === codeSystemUrl(consentPurposeCodes.name),
        );
        if (ours.length !== 1)
          fail(
            `${location}.purpose`,
            `each provision is about exactly one purpose from ${codeSystemUrl(consentPurposeCodes.name)}`,
          );
        return {
          purpose: codeOf(consentPurposeCodes, ours[0] ?? {}, `${location}.purpose`),
          granted:
            provision.type === 'permit'
              ? true
              : provision.type === 'deny'
                ? false
                : fail(`${location}.type`, 'must be permit or deny'),
        };
      }),
      lawfulBasis: extensions.coded(EXTENSIONS.lawfulBasis, lawfulBasisCodes),
      specialCategoryCondition: extensions.coded(
        EXTENSIONS.specialCategoryCondition,
        specialCategoryConditionCodes,
      ),
      confidentialityBasis: extensions.coded(EXTENSIONS.confidentialityBasis, confidentialityBasisCodes),
      language: extensions.code(EXTENSIONS.consentLanguage),
      interpreterUsed: extensions.boolean(EXTENSIONS.interpreterUsed),
      safeguardingOverride: override && {
        reason: override.string('reason'),
        sharedWith: override.all('sharedWith').map((e) => e.valueString),
        legalBasis: override.string('legalBasis'),
        decidedBy: staffMemberFrom(override.complex('decidedBy')),
        decidedAt: override.dateTime('decidedAt'),
      },
      withdrawal: withdrawal
        ? {
            withdrawnAt,
            method: withdrawal.coded('method', consentMethodCodes),
            recordedBy: staffMemberFrom(withdrawal.complex('recordedBy')),
            reason: withdrawal.string('reason'),
          }
        : null,
    },
    'The Consent',
  );
}

/** The Patient a Consent is about: the `residentId` to give {@link consentToFhir} again. */
export function consentResidentId(resource: FhirConsent): string {
  return required(idFrom(resource.patient, 'Patient'), 'Consent.patient', 'the person the consent is about');
}
