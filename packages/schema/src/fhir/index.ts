/**
 * `@hubkit/schema/fhir`: FHIR R4 mappings of hubkit's records, both ways where lossless.
 *
 * - Resident ↔ Patient
 * - Referral ↔ ServiceRequest (the request) + Task (its workflow status, history, outcomes)
 * - Consent ↔ Consent
 * - Assessment ↔ QuestionnaireResponse, answering {@link assessmentQuestionnaire}
 * - every codelist → CodeSystem
 *
 * hubkit's own URIs live under {@link FHIR_BASE}.
 *
 * @packageDocumentation
 */
export {
  CODE_SYSTEMS,
  EXTENSIONS,
  FHIR_BASE,
  IDENTIFIER_SYSTEMS,
  SECURITY_LABELS,
  SNOMED,
  STANDARD_EXTENSIONS,
  TASK_FULFIL,
  codeSystemUrl,
  extensionUrl,
  identifierSystem,
} from './constants.ts';
export { FhirMappingError } from './errors.ts';
export type { DeepReadonly } from './support.ts';
export { codeSystemFor } from './code-system.ts';
export { patientToResident, residentToPatient, type PatientOptions } from './patient.ts';
export {
  referralToServiceRequest,
  serviceRequestStatusFor,
  serviceRequestToReferral,
  socialPrescribingReferrers,
  type ReferralResources,
  type ServiceRequestOptions,
} from './referral.ts';
export { referralToTask, taskIdOf, taskStatusFor, taskToReferralStatus } from './task.ts';
export { priorityToFhir } from './priority.ts';
export {
  CONSENT_POLICY_AUTHORITY,
  DEFAULT_CONSENT_POLICY,
  consentResidentId,
  consentToFhir,
  fhirToConsent,
  purposeOfUse,
  type ConsentOptions,
} from './consent.ts';
export {
  ASSESSMENT_QUESTIONNAIRE_URL,
  ASSESSMENT_QUESTIONNAIRE_VERSION,
  assessmentQuestionnaire,
  assessmentToQuestionnaireResponse,
  questionnaireResponseToAssessment,
} from './assessment.ts';
export {
  extensionDefinitions,
  extensionStructureDefinitions,
  structureDefinitionFileName,
  structureDefinitionOf,
  type ExtensionDefinition,
  type ExtensionPart,
  type ExtensionValueType,
} from './structure-definitions.ts';
export { serviceToFhir, type ServiceResources } from './service.ts';
export {
  bundleToReferral,
  referralToBundle,
  type ReferralBundleOptions,
  type ReferralFromBundle,
  type ReferralRecords,
} from './bundle.ts';
