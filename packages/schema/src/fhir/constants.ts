/**
 * The URIs the FHIR mappings use: hubkit's own (under one canonical base) and the external
 * code systems and identifier systems they borrow.
 */
import type { Coding } from '@medplum/fhirtypes';

/** The canonical base of every URI hubkit defines for FHIR. */
export const FHIR_BASE = 'https://hubkit.dev/fhir';

/** The canonical URL of the CodeSystem for the codelist called `name` (`need`, `outcome`…). */
export function codeSystemUrl(name: string): string {
  return `${FHIR_BASE}/CodeSystem/${name}`;
}

/** The canonical URL of a hubkit extension. */
export function extensionUrl(name: string): string {
  return `${FHIR_BASE}/StructureDefinition/${name}`;
}

/** The system of a hubkit identifier (`resident-id`, `referral-reference`…). */
export function identifierSystem(name: string): string {
  return `${FHIR_BASE}/sid/${name}`;
}

/** Identifier systems: hubkit's own and the NHS's. */
export const IDENTIFIER_SYSTEMS = {
  residentId: identifierSystem('resident-id'),
  referralId: identifierSystem('referral-id'),
  /** The `HUB-XXXX-XX` reference people read over the phone. */
  referralReference: identifierSystem('referral-reference'),
  /** The referrer's own case or record number. */
  partnerReference: identifierSystem('partner-reference'),
  consentId: identifierSystem('consent-id'),
  assessmentId: identifierSystem('assessment-id'),
  /** The directory's ids of a service, its organisation and its locations. */
  serviceId: identifierSystem('service-id'),
  organisationId: identifierSystem('organisation-id'),
  locationId: identifierSystem('location-id'),
  /** Charity numbers in England and Wales, Scotland (`SC…`) and Northern Ireland (`NIC…`). */
  charityNumber: identifierSystem('charity-number'),
  /** The ICO data protection register (`Z1234567`). */
  icoRegistration: identifierSystem('ico-registration'),
  nhsNumber: 'https://fhir.nhs.uk/Id/nhs-number',
  odsOrganisationCode: 'https://fhir.nhs.uk/Id/ods-organization-code',
} as const;

/** hubkit's extensions, for what FHIR R4 has no element for. */
export const EXTENSIONS = {
  // Patient
  contactPreferences: extensionUrl('contact-preferences'),
  accessibilityNeeds: extensionUrl('accessibility-needs'),
  equalityMonitoring: extensionUrl('equality-monitoring'),
  // ServiceRequest
  referrer: extensionUrl('referrer'),
  needUrgency: extensionUrl('need-urgency'),
  needDetails: extensionUrl('need-details'),
  safeguarding: extensionUrl('safeguarding'),
  referralChannel: extensionUrl('referral-channel'),
  requestedService: extensionUrl('requested-service'),
  assignedService: extensionUrl('assigned-service'),
  sharingRestricted: extensionUrl('sharing-restricted'),
  // Task
  statusChange: extensionUrl('status-change'),
  outcomeDetails: extensionUrl('outcome-details'),
  // Consent
  consentMethod: extensionUrl('consent-method'),
  consentGiver: extensionUrl('consent-giver'),
  consentLanguage: extensionUrl('consent-language'),
  interpreterUsed: extensionUrl('consent-interpreter-used'),
  recordedBy: extensionUrl('recorded-by'),
  privacyNoticeVersion: extensionUrl('privacy-notice-version'),
  privacyNoticeHash: extensionUrl('privacy-notice-hash'),
  controllerRole: extensionUrl('controller-role'),
  lawfulBasis: extensionUrl('lawful-basis'),
  specialCategoryCondition: extensionUrl('special-category-condition'),
  confidentialityBasis: extensionUrl('confidentiality-basis'),
  safeguardingOverride: extensionUrl('safeguarding-override'),
  withdrawal: extensionUrl('withdrawal'),
  // QuestionnaireResponse
  assessmentVersion: extensionUrl('assessment-version'),
  sectionPosition: extensionUrl('section-position'),
  // Several resources
  createdAt: extensionUrl('created-at'),
  referral: extensionUrl('referral'),
} as const;

/** Extensions defined by HL7 and HL7 UK that the mappings use. */
export const STANDARD_EXTENSIONS = {
  interpreterRequired: 'http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired',
  ukCoreEthnicCategory: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory',
  ukCoreAddressKey: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-AddressKey',
} as const;

/** External code systems. */
export const CODE_SYSTEMS = {
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
  bcp47: 'urn:ietf:bcp:47',
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  flagCategory: 'http://terminology.hl7.org/CodeSystem/flag-category',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  /** HL7 v3 ActReason: the PurposeOfUse codes. */
  actReason: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  taskCode: 'http://hl7.org/fhir/CodeSystem/task-code',
  serviceProvision: 'http://terminology.hl7.org/CodeSystem/service-provision-conditions',
  ukCoreAddressKeyType: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-AddressKeyType',
  ukCoreEthnicCategoryEngland: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland',
} as const;

/** SNOMED CT (UK edition) procedures for `ServiceRequest.code`. */
export const SNOMED = {
  socialPrescribingReferral: {
    system: CODE_SYSTEMS.snomed,
    code: '871731000000106',
    display: 'Referral to social prescribing service',
  },
  patientReferral: { system: CODE_SYSTEMS.snomed, code: '3457005', display: 'Patient referral' },
} as const satisfies Record<string, Coding>;

/**
 * Security labels, with the display exactly as the code system has it (other systems compare
 * displays as text: a typographic apostrophe is another string).
 */
export const SECURITY_LABELS = {
  /** v3-ActCode NODSCLCDS: on a referral whose sharing the person restricted. */
  noDisclosureWithoutConsent: {
    system: CODE_SYSTEMS.actCode,
    code: 'NODSCLCDS',
    display: "no disclosure without information subject's consent directive",
  },
} as const satisfies Record<string, Coding>;

/** Task.code of a referral's Task (FHIR task-code): it is for fulfilling its ServiceRequest. */
export const TASK_FULFIL = {
  system: CODE_SYSTEMS.taskCode,
  code: 'fulfill',
  display: 'Fulfill the focal request',
} as const satisfies Coding;
