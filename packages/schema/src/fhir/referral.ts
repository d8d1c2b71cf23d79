/**
 * Referral ↔ ServiceRequest. The ServiceRequest is the request itself (who, for whom, what
 * for, how urgent, safeguarding); its workflow (exact status, history, outcomes, times) is a
 * Task (`referralToTask`) and the person is a Patient (`residentToPatient`). A
 * referral reads back from the three together.
 */
import type {
  Flag,
  Organization,
  Patient,
  Practitioner,
  PractitionerRole,
  Reference,
  RelatedPerson,
  Resource,
  ServiceRequest,
  Task,
} from '@medplum/fhirtypes';
import {
  labelOf,
  needCodes,
  professionalReferrerTypes,
  referralChannelCodes,
  referrerTypeCodes,
  safeguardingSubjectCodes,
  urgencyCodes,
  type ReferralStatus,
  type ReferrerType,
} from '../codelists.ts';
import type { Safeguarding } from '../needs.ts';
import { Referral } from '../referral.ts';
import type { Organisation, Referrer } from '../referrer.ts';
import { CODE_SYSTEMS, EXTENSIONS, IDENTIFIER_SYSTEMS, SECURITY_LABELS, SNOMED } from './constants.ts';
import { patientToResident } from './patient.ts';
import { priorityFromFhir, priorityToFhir } from './priority.ts';
import {
  ExtensionReader,
  codeIn,
  local,
  codingOf,
  contactFrom,
  expectResourceType,
  ext,
  fail,
  idFrom,
  nonEmpty,
  optional,
  parseAs,
  referenceTo,
  required,
  telecomOf,
  type DeepReadonly,
} from './support.ts';
import { referralWorkflowFrom } from './task.ts';

/** ServiceRequest.status for each referral status; the exact status is on the Task. */
export const serviceRequestStatusFor: Readonly<Record<ReferralStatus, ServiceRequest['status']>> = {
  draft: 'draft',
  submitted: 'active',
  triage: 'active',
  accepted: 'active',
  assigned: 'active',
  in_progress: 'active',
  returned: 'active',
  closed: 'completed',
  declined: 'revoked',
  withdrawn: 'revoked',
};

/** Referrers whose referrals are social prescribing referrals unless asked otherwise. */
export const socialPrescribingReferrers = [
  'gp_practice',
  'health_professional',
] as const satisfies readonly ReferrerType[];

export interface ServiceRequestOptions {
  /**
   * Code the request as a referral to a social prescribing service (SNOMED CT
   * 871731000000106) whoever made it. By default only referrals from GP practices and other
   * health professionals are; others are coded as a patient referral (3457005).
   */
  readonly socialPrescribing?: boolean;
}

/** The ids of the resources a ServiceRequest contains. */
const CONTAINED = {
  referrer: 'referrer',
  practitioner: 'referrer-practitioner',
  organisation: 'referrer-organisation',
  safeguarding: 'safeguarding',
} as const;

/** What resource stands for the referrer: a professional, someone who knows the person, or the person. */
type RequesterKind = 'practitioner' | 'related-person' | 'patient';

function requesterKind(type: ReferrerType): RequesterKind {
  if (type === 'self') return 'patient';
  return (professionalReferrerTypes as readonly ReferrerType[]).includes(type)
    ? 'practitioner'
    : 'related-person';
}

/** The referrer's fields each kind of resource has an element for; the rest go in the referrer extension. */
type ReferrerField = 'name' | 'role' | 'relationship' | 'organisation' | 'contact';
const homes: Readonly<Record<RequesterKind, readonly ReferrerField[]>> = {
  practitioner: ['name', 'role', 'organisation', 'contact'],
  'related-person': ['name', 'relationship', 'contact'],
  patient: [],
};

function organizationOf(organisation: DeepReadonly<Organisation>): Organization {
  return {
    resourceType: 'Organization',
    id: CONTAINED.organisation,
    ...nonEmpty('identifier', [
      ...(organisation.odsCode === undefined
        ? []
        : [{ system: IDENTIFIER_SYSTEMS.odsOrganisationCode, value: organisation.odsCode }]),
      ...(organisation.charityNumber === undefined
        ? []
        : [{ system: IDENTIFIER_SYSTEMS.charityNumber, value: organisation.charityNumber }]),
    ]),
    name: organisation.name,
  };
}

function referrerToFhir(referrer: DeepReadonly<Referrer>, residentId: string) {
  const kind = requesterKind(referrer.type);
  const home = homes[kind];
  const organisation = referrer.organisation && organizationOf(referrer.organisation);
  const contained: Resource[] = organisation ? [organisation] : [];
  let requester: NonNullable<ServiceRequest['requester']>;

  if (kind === 'practitioner') {
    if (referrer.name !== undefined) {
      contained.push({
        resourceType: 'Practitioner',
        id: CONTAINED.practitioner,
        name: [{ text: referrer.name }],
      });
    }
    contained.push({
      resourceType: 'PractitionerRole',
      id: CONTAINED.referrer,
      ...(referrer.name === undefined ? {} : { practitioner: local('Practitioner', CONTAINED.practitioner) }),
      ...(organisation ? { organization: local('Organization', CONTAINED.organisation) } : {}),
      ...(referrer.role === undefined ? {} : { code: [{ text: referrer.role }] }),
      ...nonEmpty('telecom', telecomOf(referrer.contact)),
    });
    requester = { ...local('PractitionerRole', CONTAINED.referrer), ...optional('display', referrer.name) };
  } else if (kind === 'related-person') {
    contained.push({
      resourceType: 'RelatedPerson',
      id: CONTAINED.referrer,
      patient: referenceTo('Patient', residentId),
      ...(referrer.relationship === undefined ? {} : { relationship: [{ text: referrer.relationship }] }),
      ...(referrer.name === undefined ? {} : { name: [{ text: referrer.name }] }),
      ...nonEmpty('telecom', telecomOf(referrer.contact)),
    });
    requester = { ...local('RelatedPerson', CONTAINED.referrer), ...optional('display', referrer.name) };
  } else {
    requester = referenceTo('Patient', residentId);
  }

  const leftover = (field: ReferrerField) => !home.includes(field);
  const extension = ext.complex(EXTENSIONS.referrer, [
    ...ext.coding('type', referrerTypeCodes, referrer.type),
    ...ext.boolean('residentAware', referrer.residentAware),
    ...ext.boolean('residentAgreed', referrer.residentAgreed),
    ...ext.string('noAgreementReason', referrer.noAgreementReason),
    ...(leftover('name') ? ext.string('name', referrer.name) : []),
    ...(leftover('role') ? ext.string('role', referrer.role) : []),
    ...(leftover('relationship') ? ext.string('relationship', referrer.relationship) : []),
    ...(leftover('organisation') && organisation
      ? ext.reference('organisation', local('Organization', CONTAINED.organisation))
      : []),
    ...(leftover('contact') ? ext.string('phone', referrer.contact?.phone) : []),
    ...(leftover('contact') ? ext.string('email', referrer.contact?.email) : []),
  ]);
  return { requester, contained, extension };
}

function safeguardingFlagText(safeguarding: DeepReadonly<Safeguarding>): string {
  const about =
    safeguarding.subject === undefined
      ? ''
      : ` about ${labelOf(safeguardingSubjectCodes, safeguarding.subject).replace(/^./, (c) => c.toLowerCase())}`;
  return `Safeguarding concern${about}${safeguarding.immediateDanger ? ': immediate danger' : ''}`;
}

/**
 * A safeguarding concern shows to any FHIR reader as a contained safety Flag in
 * supportingInfo (and immediate danger as priority `stat`, through the referral's priority);
 * the hubkit extension keeps every detail.
 */
function safeguardingToFhir(safeguarding: DeepReadonly<Safeguarding>, residentId: string) {
  const extension = ext.complex(EXTENSIONS.safeguarding, [
    ...ext.boolean('concern', safeguarding.concern),
    ...ext.coding('subject', safeguardingSubjectCodes, safeguarding.subject),
    ...ext.boolean('immediateDanger', safeguarding.immediateDanger),
    ...ext.string('details', safeguarding.details),
    ...ext.string('actionTaken', safeguarding.actionTaken),
  ]);
  if (!safeguarding.concern) return { extension, contained: [], supportingInfo: [] };
  const text = safeguardingFlagText(safeguarding);
  const flag: Flag = {
    resourceType: 'Flag',
    id: CONTAINED.safeguarding,
    status: 'active',
    category: [{ coding: [{ system: CODE_SYSTEMS.flagCategory, code: 'safety', display: 'Safety' }] }],
    code: { text },
    subject: referenceTo('Patient', residentId),
  };
  return {
    extension,
    contained: [flag],
    supportingInfo: [{ ...local('Flag', CONTAINED.safeguarding), display: text }],
  };
}

/**
 * The referral as an R4 ServiceRequest (id, identifiers, status, priority, code, needs,
 * referrer, safeguarding, links to its consent, assessment and services). Its exact status,
 * history, outcomes and times are on the Task from `referralToTask`; the person is the
 * Patient with id `referral.residentId`.
 */
export function referralToServiceRequest(
  referral: DeepReadonly<Referral>,
  options: ServiceRequestOptions = {},
): ServiceRequest {
  const referrer = referrerToFhir(referral.referrer, referral.residentId);
  const safeguarding = safeguardingToFhir(referral.safeguarding, referral.residentId);
  const socialPrescribing =
    options.socialPrescribing ??
    (socialPrescribingReferrers as readonly ReferrerType[]).includes(referral.referrer.type);
  const service = referral.assignedService;
  return {
    resourceType: 'ServiceRequest',
    id: referral.id,
    ...(referral.sharingRestricted
      ? {
          meta: {
            security: [SECURITY_LABELS.noDisclosureWithoutConsent],
          },
        }
      : {}),
    ...nonEmpty('contained', [...referrer.contained, ...safeguarding.contained]),
    extension: [
      ...referrer.extension,
      ...safeguarding.extension,
      ...ext.coding(EXTENSIONS.referralChannel, referralChannelCodes, referral.source?.channel),
      ...(referral.requestedServiceId === null
        ? []
        : ext.reference(
            EXTENSIONS.requestedService,
            referenceTo('HealthcareService', referral.requestedServiceId),
          )),
      ...ext.boolean(EXTENSIONS.sharingRestricted, referral.sharingRestricted),
    ],
    identifier: [
      { system: IDENTIFIER_SYSTEMS.referralId, value: referral.id },
      { system: IDENTIFIER_SYSTEMS.referralReference, value: referral.reference },
      ...(referral.source?.partnerReference === undefined
        ? []
        : [{ system: IDENTIFIER_SYSTEMS.partnerReference, value: referral.source.partnerReference }]),
    ],
    status: serviceRequestStatusFor[referral.status],
    intent: 'order',
    priority: priorityToFhir[referral.priority],
    // UK Core must-support: a referral, whatever kind (as US Core's category value set has it).
    category: [{ coding: [SNOMED.patientReferral] }],
    code: { coding: [socialPrescribing ? SNOMED.socialPrescribingReferral : SNOMED.patientReferral] },
    subject: referenceTo('Patient', referral.residentId),
    ...optional('authoredOn', referral.submittedAt),
    requester: referrer.requester,
    ...(service === null
      ? {}
      : {
          performer: [
            {
              ...referenceTo('HealthcareService', service.serviceId, service.serviceName),
              extension: ext.complex(EXTENSIONS.assignedService, [
                ...ext.string('organisationName', service.organisationName),
                ...ext.dateTime('assignedAt', service.assignedAt),
              ]),
            },
          ],
        }),
    reasonCode: referral.needs.map((need) => ({
      extension: [
        ...ext.coding(EXTENSIONS.needUrgency, urgencyCodes, need.urgency),
        ...ext.string(EXTENSIONS.needDetails, need.details),
      ],
      coding: [codingOf(needCodes, need.code)],
    })),
    ...nonEmpty('supportingInfo', [
      ...safeguarding.supportingInfo,
      ...(referral.consentId === null ? [] : [referenceTo('Consent', referral.consentId)]),
      ...(referral.assessmentId === null
        ? []
        : [referenceTo('QuestionnaireResponse', referral.assessmentId)]),
    ]),
    ...(referral.notes === undefined ? {} : { note: [{ text: referral.notes }] }),
  };
}

function contained<T extends Resource>(
  serviceRequest: ServiceRequest,
  reference: Reference | undefined,
  type: T['resourceType'],
  location: string,
): T | undefined {
  const value = reference?.reference;
  if (value === undefined) return undefined;
  if (!value.startsWith('#')) fail(location, `expected a reference to a contained ${type}, got '${value}'`);
  const found = serviceRequest.contained?.find(
    (r): r is T => r.resourceType === type && r.id === value.slice(1),
  );
  return found ?? fail(location, `'${value}' is not a contained ${type}`);
}

function organisationFrom(organization: Organization | undefined) {
  return (
    organization && {
      name: organization.name,
      odsCode: organization.identifier?.find((i) => i.system === IDENTIFIER_SYSTEMS.odsOrganisationCode)
        ?.value,
      charityNumber: organization.identifier?.find((i) => i.system === IDENTIFIER_SYSTEMS.charityNumber)
        ?.value,
    }
  );
}

function referrerFrom(serviceRequest: ServiceRequest, residentId: string) {
  const extensionAt = `ServiceRequest.extension('${EXTENSIONS.referrer}')`;
  const reader = required(
    new ExtensionReader(serviceRequest.extension, 'ServiceRequest').complex(EXTENSIONS.referrer),
    extensionAt,
    'who made the referral',
  );
  const type = required(reader.coded('type', referrerTypeCodes), `${extensionAt}.type`, 'the referrer type');
  const kind = requesterKind(type);
  const fromResource: Partial<Record<ReferrerField, unknown>> = {};

  if (kind === 'practitioner') {
    const role = required(
      contained<PractitionerRole>(
        serviceRequest,
        serviceRequest.requester,
        'PractitionerRole',
        'ServiceRequest.requester',
      ),
      'ServiceRequest.requester',
      `a ${type} referrer's PractitionerRole`,
    );
    const at = 'ServiceRequest.contained(PractitionerRole)';
    const practitioner = contained<Practitioner>(
      serviceRequest,
      role.practitioner,
      'Practitioner',
      `${at}.practitioner`,
    );
    fromResource.name = practitioner?.name?.[0]?.text;
    fromResource.role = role.code?.[0]?.text;
    fromResource.organisation = organisationFrom(
      contained<Organization>(serviceRequest, role.organization, 'Organization', `${at}.organization`),
    );
    fromResource.contact = role.telecom && contactFrom(role.telecom);
  } else if (kind === 'related-person') {
    const person = required(
      contained<RelatedPerson>(
        serviceRequest,
        serviceRequest.requester,
        'RelatedPerson',
        'ServiceRequest.requester',
      ),
      'ServiceRequest.requester',
      `a ${type} referrer's RelatedPerson`,
    );
    fromResource.name = person.name?.[0]?.text;
    fromResource.relationship = person.relationship?.[0]?.text;
    fromResource.contact = person.telecom && contactFrom(person.telecom);
  } else if (idFrom(serviceRequest.requester, 'Patient') !== residentId) {
    fail('ServiceRequest.requester', 'a self-referral is requested by the person it is for');
  }

  const phone = reader.string('phone');
  const email = reader.string('email');
  return {
    type,
    name: fromResource.name ?? reader.string('name'),
    role: fromResource.role ?? reader.string('role'),
    relationship: fromResource.relationship ?? reader.string('relationship'),
    organisation:
      fromResource.organisation ??
      organisationFrom(
        contained<Organization>(
          serviceRequest,
          reader.reference('organisation'),
          'Organization',
          `${extensionAt}.organisation`,
        ),
      ),
    contact: fromResource.contact ?? ((phone ?? email) ? { phone, email } : undefined),
    residentAware: reader.boolean('residentAware'),
    residentAgreed: reader.boolean('residentAgreed'),
    noAgreementReason: reader.string('noAgreementReason'),
  };
}

function safeguardingFrom(serviceRequest: ServiceRequest) {
  const location = `ServiceRequest.extension('${EXTENSIONS.safeguarding}')`;
  const reader = required(
    new ExtensionReader(serviceRequest.extension, 'ServiceRequest').complex(EXTENSIONS.safeguarding),
    location,
    'the safeguarding answers',
  );
  return {
    concern: reader.boolean('concern'),
    subject: reader.coded('subject', safeguardingSubjectCodes),
    immediateDanger: reader.boolean('immediateDanger'),
    details: reader.string('details'),
    actionTaken: reader.string('actionTaken'),
  };
}

/** The three resources a referral is made of, besides its ServiceRequest. */
export interface ReferralResources {
  /** The Task from `referralToTask`: status, history, outcomes, times. */
  readonly task: Task;
  /** The Patient from `residentToPatient`: the person referred. */
  readonly patient: Patient;
}

/**
 * Reads a referral back from its ServiceRequest, Task and Patient, exactly as
 * {@link referralToServiceRequest}, `referralToTask` and `residentToPatient`
 * wrote it. The SNOMED CT code, the safety Flag and Task.statusReason, owner and
 * ServiceRequest.status are derived and not read (the statuses are checked to agree). A
 * referrer's empty contact details (`contact: {}`) read back as none.
 */
export function serviceRequestToReferral(
  serviceRequest: ServiceRequest,
  resources: ReferralResources,
): Referral {
  expectResourceType(serviceRequest, 'ServiceRequest');
  const { task, patient } = resources;
  const identifier = (system: string) => serviceRequest.identifier?.find((i) => i.system === system)?.value;
  const id = required(
    identifier(IDENTIFIER_SYSTEMS.referralId) ?? serviceRequest.id,
    'ServiceRequest.id',
    'the referral id',
  );
  const residentId = required(
    idFrom(serviceRequest.subject, 'Patient'),
    'ServiceRequest.subject',
    'a reference to the Patient referred',
  );
  if (patient.id !== residentId) {
    fail(
      'ServiceRequest.subject',
      `refers to Patient/${residentId}, but the Patient given is ${String(patient.id)}`,
    );
  }
  if (serviceRequest.id !== undefined && task.focus?.reference !== `ServiceRequest/${serviceRequest.id}`) {
    fail('Task.focus', `is ${String(task.focus?.reference)}, not ServiceRequest/${serviceRequest.id}`);
  }
  const workflow = referralWorkflowFrom(task);
  if (serviceRequestStatusFor[workflow.status] !== serviceRequest.status) {
    fail(
      'ServiceRequest.status',
      `'${serviceRequest.status}' disagrees with the Task's '${workflow.status}', which needs '${serviceRequestStatusFor[workflow.status]}'`,
    );
  }

  const extensions = new ExtensionReader(serviceRequest.extension, 'ServiceRequest');
  const channel = extensions.coded(EXTENSIONS.referralChannel, referralChannelCodes);
  const partnerReference = identifier(IDENTIFIER_SYSTEMS.partnerReference);
  if (channel === undefined && partnerReference !== undefined) {
    fail('ServiceRequest.identifier', 'a partner reference needs the referral channel extension too');
  }
  const performer = serviceRequest.performer?.[0];
  const assigned =
    performer &&
    new ExtensionReader(performer.extension, 'ServiceRequest.performer').complex(EXTENSIONS.assignedService);
  const supporting = serviceRequest.supportingInfo ?? [];

  return parseAs(
    Referral,
    {
      id,
      reference: identifier(IDENTIFIER_SYSTEMS.referralReference),
      status: workflow.status,
      priority: priorityFromFhir(serviceRequest.priority, 'ServiceRequest.priority'),
      triageDueBy: workflow.triageDueBy,
      createdAt: workflow.createdAt,
      updatedAt: workflow.updatedAt,
      submittedAt: serviceRequest.authoredOn ?? null,
      residentId,
      resident: patientToResident(patient),
      referrer: referrerFrom(serviceRequest, residentId),
      needs: (serviceRequest.reasonCode ?? []).map((concept, i) => {
        const reasons = new ExtensionReader(concept.extension, `ServiceRequest.reasonCode[${i}]`);
        return {
          code: codeIn(needCodes, concept, `ServiceRequest.reasonCode[${i}]`),
          urgency: reasons.coded(EXTENSIONS.needUrgency, urgencyCodes),
          details: reasons.string(EXTENSIONS.needDetails),
        };
      }),
      safeguarding: safeguardingFrom(serviceRequest),
      source: channel && { channel, partnerReference },
      consentId: supporting.map((r) => idFrom(r, 'Consent')).find((v) => v !== undefined) ?? null,
      requestedServiceId:
        idFrom(extensions.reference(EXTENSIONS.requestedService), 'HealthcareService') ?? null,
      notes: serviceRequest.note?.map((n) => n.text).join('\n\n'),
      assessmentId:
        supporting.map((r) => idFrom(r, 'QuestionnaireResponse')).find((v) => v !== undefined) ?? null,
      assignedService: performer
        ? {
            serviceId: idFrom(performer, 'HealthcareService'),
            serviceName: performer.display,
            organisationName: assigned?.string('organisationName'),
            assignedAt: assigned?.dateTime('assignedAt'),
          }
        : null,
      history: workflow.history,
      outcomes: workflow.outcomes,
      sharingRestricted: extensions.boolean(EXTENSIONS.sharingRestricted),
    },
    'The ServiceRequest, Task and Patient',
  );
}
