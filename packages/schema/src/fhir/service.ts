/**
 * A directory service as R4 resources: the HealthcareService itself, the Organization that
 * provides it and a Location for each place it is delivered. One way: the directory is the
 * record, and Open Referral UK (`@hubkit/schema/oruk`) is its lossless exchange format; these
 * resources are there so a referral's assigned service can travel with it in a Bundle.
 */
import type {
  Address,
  ContactPoint,
  HealthcareService,
  HealthcareServiceAvailableTime,
  Location,
  Organization,
} from '@medplum/fhirtypes';
import { labelOf, needCodes, serviceStatusCodes } from '../codelists.ts';
import type { OpeningTimes, Service, ServiceAddress, ServiceLocation } from '../service.ts';
import { CODE_SYSTEMS, IDENTIFIER_SYSTEMS } from './constants.ts';
import { codingOf, nonEmpty, optional, referenceTo, type DeepReadonly } from './support.ts';

/** The resources of one directory service. */
export interface ServiceResources {
  readonly healthcareService: HealthcareService;
  readonly organization: Organization;
  readonly locations: readonly Location[];
}

const days = {
  MO: 'mon',
  TU: 'tue',
  WE: 'wed',
  TH: 'thu',
  FR: 'fri',
  SA: 'sat',
  SU: 'sun',
} as const;

/** `09:30` → `09:30:00`: FHIR times have seconds. */
const fhirTime = (time: string) => `${time}:00`;

function availableTimes(
  openingTimes: readonly DeepReadonly<OpeningTimes>[],
): HealthcareServiceAvailableTime[] {
  return openingTimes.map((o) => ({
    daysOfWeek: o.byDay.map((day) => days[day]),
    availableStartTime: fhirTime(o.opensAt),
    availableEndTime: fhirTime(o.closesAt),
  }));
}

function addressOf(address: DeepReadonly<ServiceAddress>): Address {
  return {
    use: 'work',
    line: [address.line1, ...(address.line2 === undefined ? [] : [address.line2])],
    city: address.town,
    ...optional('district', address.county),
    postalCode: address.postcode,
    country: 'GB',
  };
}

function phoneOf(phone: DeepReadonly<Service['phones'][number]>): ContactPoint {
  const system = phone.type === 'fax' ? 'fax' : phone.type === 'text' ? 'sms' : 'phone';
  return { system, value: phone.number };
}

function locationOf(location: DeepReadonly<ServiceLocation>, organisationId: string): Location {
  const hasPosition = location.latitude !== undefined && location.longitude !== undefined;
  return {
    resourceType: 'Location',
    id: location.id,
    identifier: [{ system: IDENTIFIER_SYSTEMS.locationId, value: location.id }],
    status: 'active',
    ...optional('name', location.name),
    ...optional('description', location.description),
    mode: 'instance',
    address: addressOf(location.address),
    ...(hasPosition ? { position: { latitude: location.latitude, longitude: location.longitude } } : {}),
    managingOrganization: referenceTo('Organization', organisationId),
    ...nonEmpty(
      'hoursOfOperation',
      (location.openingTimes ?? []).map((o) => ({
        daysOfWeek: o.byDay.map((day) => days[day]),
        openingTime: fhirTime(o.opensAt),
        closingTime: fhirTime(o.closesAt),
      })),
    ),
  };
}

/**
 * A directory service as a HealthcareService (what it helps with as need codings, its hours,
 * languages, eligibility and cost), the Organization that runs it and its Locations. Each has
 * the directory's id as its id and as an identifier.
 */
export function serviceToFhir(service: DeepReadonly<Service>): ServiceResources {
  const { organisation } = service;
  const organization: Organization = {
    resourceType: 'Organization',
    id: organisation.id,
    identifier: [
      { system: IDENTIFIER_SYSTEMS.organisationId, value: organisation.id },
      ...(organisation.charityNumber === undefined
        ? []
        : [{ system: IDENTIFIER_SYSTEMS.charityNumber, value: organisation.charityNumber }]),
    ],
    active: true,
    name: organisation.name,
    ...nonEmpty('telecom', [
      ...(organisation.email === undefined ? [] : [{ system: 'email' as const, value: organisation.email }]),
      ...(organisation.url === undefined ? [] : [{ system: 'url' as const, value: organisation.url }]),
    ]),
  };
  const locations = service.locations.map((location) => locationOf(location, organisation.id));
  const healthcareService: HealthcareService = {
    resourceType: 'HealthcareService',
    id: service.id,
    identifier: [{ system: IDENTIFIER_SYSTEMS.serviceId, value: service.id }],
    // Only an active service takes people; "temporarily closed" is not active.
    active: service.status === 'active',
    providedBy: referenceTo('Organization', organisation.id, organisation.name),
    type: service.needs.map((need) => ({
      coding: [codingOf(needCodes, need)],
      text: labelOf(needCodes, need),
    })),
    ...nonEmpty(
      'location',
      service.locations.map((location) => referenceTo('Location', location.id, location.name)),
    ),
    name: service.name,
    comment:
      service.status === 'active'
        ? service.description
        : `${labelOf(serviceStatusCodes, service.status)}. ${service.description}`,
    ...optional('extraDetails', service.applicationProcess),
    ...nonEmpty('telecom', [
      ...service.phones.map(phoneOf),
      ...(service.email === undefined ? [] : [{ system: 'email' as const, value: service.email }]),
      ...(service.url === undefined ? [] : [{ system: 'url' as const, value: service.url }]),
    ]),
    ...nonEmpty(
      'eligibility',
      service.eligibility?.description === undefined ? [] : [{ comment: service.eligibility.description }],
    ),
    // R4's service-provision-conditions: free, or fees apply.
    serviceProvisionCode: [
      {
        coding: [
          service.cost.free
            ? { system: CODE_SYSTEMS.serviceProvision, code: 'free', display: 'Free' }
            : { system: CODE_SYSTEMS.serviceProvision, code: 'cost', display: 'Fees apply' },
        ],
        ...optional('text', service.cost.description),
      },
    ],
    ...nonEmpty(
      'communication',
      service.languages.map((language) => ({ coding: [{ system: CODE_SYSTEMS.bcp47, code: language }] })),
    ),
    ...nonEmpty('availableTime', availableTimes(service.openingTimes)),
  };
  return { healthcareService, organization, locations };
}
