/**
 * One referral as an R4 transaction Bundle that another system can take whole: the Patient, the
 * ServiceRequest and its Task, the Consent, the assessment's QuestionnaireResponse and the
 * assigned (and requested) services from the directory, with every reference resolving inside
 * the Bundle. And back.
 */
import type {
  Bundle,
  BundleEntry,
  Consent as FhirConsent,
  Patient,
  QuestionnaireResponse,
  Reference,
  Resource,
  ServiceRequest,
  Task,
} from '@medplum/fhirtypes';
import type { Assessment } from '../assessment.ts';
import type { Consent } from '../consent.ts';
import type { Referral } from '../referral.ts';
import type { Service } from '../service.ts';
import { questionnaireResponseToAssessment, assessmentToQuestionnaireResponse } from './assessment.ts';
import { IDENTIFIER_SYSTEMS } from './constants.ts';
import { consentToFhir, fhirToConsent } from './consent.ts';
import { residentToPatient } from './patient.ts';
import {
  referralToServiceRequest,
  serviceRequestToReferral,
  type ServiceRequestOptions,
} from './referral.ts';
import { serviceToFhir } from './service.ts';
import { expectResourceType, fail, idFrom, required, type DeepReadonly } from './support.ts';
import { referralToTask } from './task.ts';

/** A referral and the records it names, to put in one Bundle. */
export interface ReferralRecords {
  readonly referral: DeepReadonly<Referral>;
  /** The consent the referral names (`referral.consentId`); needed when it names one. */
  readonly consent?: DeepReadonly<Consent> | null;
  /** The assessment the referral names (`referral.assessmentId`); needed when it names one. */
  readonly assessment?: DeepReadonly<Assessment> | null;
  /** The directory entries of the services the referral names: the assigned one and the one asked for. */
  readonly services?: readonly DeepReadonly<Service>[];
}

export interface ReferralBundleOptions extends ServiceRequestOptions {
  /** Whether the hub's record of the person is in use (Patient.active); left out when not given. */
  readonly patientActive?: boolean;
}

/** What {@link bundleToReferral} reads back. */
export interface ReferralFromBundle {
  readonly referral: Referral;
  readonly consent: Consent | null;
  readonly assessment: Assessment | null;
}

const URN = 'urn:uuid:';

/** The identifier each resource is matched on by a receiving server (a conditional update). */
const matchedOn: Readonly<Partial<Record<Resource['resourceType'], string>>> = {
  Patient: IDENTIFIER_SYSTEMS.residentId,
  ServiceRequest: IDENTIFIER_SYSTEMS.referralId,
  Task: IDENTIFIER_SYSTEMS.referralId,
  Consent: IDENTIFIER_SYSTEMS.consentId,
  QuestionnaireResponse: IDENTIFIER_SYSTEMS.assessmentId,
  HealthcareService: IDENTIFIER_SYSTEMS.serviceId,
  Organization: IDENTIFIER_SYSTEMS.organisationId,
  Location: IDENTIFIER_SYSTEMS.locationId,
};

/** Every Reference in a resource (contained resources and extensions too), to read or rewrite. */
function mapReferences<T>(value: T, map: (reference: string) => string): T {
  if (Array.isArray(value)) return value.map((item: unknown) => mapReferences(item, map)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      key === 'reference' && typeof child === 'string' ? map(child) : mapReferences(child, map),
    ]),
  ) as T;
}

function identifierValue(resource: Resource, system: string): string | undefined {
  const identifiers = 'identifier' in resource ? resource.identifier : undefined;
  const list = Array.isArray(identifiers) ? identifiers : identifiers === undefined ? [] : [identifiers];
  return list.find((i) => i.system === system)?.value;
}

function namedServices(referral: DeepReadonly<Referral>): string[] {
  return [
    ...(referral.assignedService === null ? [] : [referral.assignedService.serviceId]),
    ...(referral.requestedServiceId === null ? [] : [referral.requestedServiceId]),
  ].filter((id, i, all) => all.indexOf(id) === i);
}

/**
 * The referral as an R4 transaction Bundle. Each entry's fullUrl is `urn:uuid:` and the
 * resource's hubkit id (the Task's own derived id), every reference between them is to that
 * fullUrl, and each is a conditional update (`PUT Patient?identifier=…resident-id|…`): a
 * receiving server matches it on hubkit's identifier, updates what it has and creates what it
 * has not, keeping its own ids; sending the same referral again changes nothing. The resources
 * carry no id of their own, as a conditional update wants.
 *
 * Throws {@link FhirMappingError} when a record the referral names is missing or is another's.
 */
export function referralToBundle(records: ReferralRecords, options: ReferralBundleOptions = {}): Bundle {
  const { referral, consent = null, assessment = null, services = [] } = records;
  if (
    (referral.consentId === null) !== (consent === null) ||
    (consent && consent.id !== referral.consentId)
  ) {
    fail(
      'consent',
      `the referral names consent ${String(referral.consentId)}: give that consent, and only that`,
    );
  }
  if (
    (referral.assessmentId === null) !== (assessment === null) ||
    (assessment && assessment.id !== referral.assessmentId)
  ) {
    fail(
      'assessment',
      `the referral names assessment ${String(referral.assessmentId)}: give that assessment, and only that`,
    );
  }
  if (consent && consent.referralId !== null && consent.referralId !== referral.id) {
    fail('consent.referralId', 'the consent belongs to another referral');
  }
  if (assessment && assessment.residentId !== referral.residentId) {
    fail('assessment.residentId', 'the assessment is about someone other than the person referred');
  }
  const wanted = namedServices(referral);
  const given = services.map((s) => s.id);
  const missing = wanted.filter((id) => !given.includes(id));
  const extra = given.filter((id) => !wanted.includes(id));
  if (missing.length) fail('services', `the directory entries of service ${missing.join(', ')} are needed`);
  if (extra.length) fail('services', `the referral does not name service ${extra.join(', ')}`);

  const serviceResources = services.map(serviceToFhir);
  const resources: Resource[] = [
    residentToPatient(referral.resident, {
      id: referral.residentId,
      ...(options.patientActive === undefined ? {} : { active: options.patientActive }),
    }),
    referralToServiceRequest(referral, options),
    referralToTask(referral),
    ...(consent === null ? [] : [consentToFhir(consent, { residentId: referral.residentId })]),
    ...(assessment === null ? [] : [assessmentToQuestionnaireResponse(assessment)]),
    ...serviceResources.map((r) => r.healthcareService),
    ...serviceResources.map((r) => r.organization),
    ...serviceResources.flatMap((r) => r.locations),
  ];
  // A service's organisation or location may be another's too: one entry each.
  const unique = resources.filter(
    (r, i) => resources.findIndex((o) => o.resourceType === r.resourceType && o.id === r.id) === i,
  );
  const fullUrls = new Map(unique.map((r) => [`${r.resourceType}/${String(r.id)}`, `${URN}${String(r.id)}`]));

  const entry: BundleEntry[] = unique.map((resource) => {
    const { id, ...rest } = mapReferences(resource, (reference) => {
      if (reference.startsWith('#')) return reference;
      return (
        fullUrls.get(reference) ??
        fail(resource.resourceType, `refers to ${reference}, which is not in the Bundle`)
      );
    });
    const system = required(
      matchedOn[resource.resourceType],
      resource.resourceType,
      'an identifier to match on',
    );
    const value = required(identifierValue(resource, system), `${resource.resourceType}.identifier`, system);
    return {
      fullUrl: `${URN}${String(id)}`,
      resource: rest,
      request: { method: 'PUT', url: `${resource.resourceType}?identifier=${system}|${value}` },
    };
  });
  return { resourceType: 'Bundle', type: 'transaction', entry };
}

/**
 * Reads a Bundle made by {@link referralToBundle} back into the referral, its consent and its
 * assessment, exactly. References may be to entries' fullUrls (`urn:uuid:`) or `Type/id`; a
 * resource without an id takes the one in its `urn:uuid:` fullUrl. The directory's resources are
 * not read: the directory is the record of its services.
 */
export function bundleToReferral(bundle: Bundle): ReferralFromBundle {
  expectResourceType(bundle, 'Bundle');
  const entries = (bundle.entry ?? []).filter((e): e is BundleEntry & { resource: Resource } => !!e.resource);
  const named = entries.map((e, i) => {
    const id =
      e.resource.id ??
      (e.fullUrl?.startsWith(URN) ? e.fullUrl.slice(URN.length) : undefined) ??
      fail(`Bundle.entry[${i}]`, 'has neither a resource id nor a urn:uuid fullUrl');
    const resource: Resource = { ...e.resource, id };
    return { fullUrl: e.fullUrl, local: `${e.resource.resourceType}/${id}`, resource };
  });
  const locals = new Map(named.filter((n) => n.fullUrl).map((n) => [n.fullUrl, n.local]));
  const resources = named.map((n) =>
    mapReferences(n.resource, (reference) => locals.get(reference) ?? reference),
  );
  const find = <T extends Resource>(type: T['resourceType'], reference: Reference | undefined) => {
    const id = idFrom(reference, type);
    return resources.find((r) => r.resourceType === type && id !== undefined && r.id === id) as T | undefined;
  };

  const serviceRequests = resources.filter((r): r is ServiceRequest => r.resourceType === 'ServiceRequest');
  if (serviceRequests.length !== 1) {
    fail('Bundle', `holds ${serviceRequests.length} ServiceRequests: a referral's Bundle holds one`);
  }
  const serviceRequest = serviceRequests[0] ?? fail('Bundle', 'holds no ServiceRequest');
  const task = required(
    resources.find(
      (r): r is Task =>
        r.resourceType === 'Task' && r.focus?.reference === `ServiceRequest/${String(serviceRequest.id)}`,
    ),
    'Bundle',
    'the Task whose focus is the ServiceRequest',
  );
  const patient = required(
    find<Patient>('Patient', serviceRequest.subject),
    'Bundle',
    'the Patient referred',
  );
  const supporting = serviceRequest.supportingInfo ?? [];
  const consentReference = supporting.find((r) => idFrom(r, 'Consent') !== undefined);
  const assessmentReference = supporting.find((r) => idFrom(r, 'QuestionnaireResponse') !== undefined);
  const consent =
    consentReference &&
    required(
      find<FhirConsent>('Consent', consentReference),
      'ServiceRequest.supportingInfo',
      'the Consent it names',
    );
  const response =
    assessmentReference &&
    required(
      find<QuestionnaireResponse>('QuestionnaireResponse', assessmentReference),
      'ServiceRequest.supportingInfo',
      'the QuestionnaireResponse it names',
    );
  return {
    referral: serviceRequestToReferral(serviceRequest, { task, patient }),
    consent: consent ? fhirToConsent(consent) : null,
    assessment: response ? questionnaireResponseToAssessment(response) : null,
  };
}
