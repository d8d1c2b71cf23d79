/**
 * hubkit → Open Referral UK (HSDS 3.0): a hubkit `Service` as `/services/{id}` returns it, and
 * the objects of the list endpoints (`/services`, `/service_at_locations`, `/organizations`).
 * Every field maps to something `orukToService` reads back, so the round trip loses nothing.
 */
import { deliveryMethodCodes, labelOf, languageCodes } from '../codelists.ts';
import type { OpeningTimes, Service, ServiceLocation, ServiceOrganisation } from '../service.ts';
import { childId } from './ids.ts';
import { field, organisationWithoutDescription, stateProvinceOfPostcode } from './util.ts';
import type {
  OrukAttribute,
  OrukLocationListItem,
  OrukOrganization,
  OrukOrganizationIdentifier,
  OrukOrganizationListItem,
  OrukSchedule,
  OrukService,
  OrukServiceAtLocation,
  OrukServiceAtLocationDetail,
  OrukServiceAtLocationListItem,
  OrukServiceListItem,
  OrukTaxonomyTerm,
} from './types.ts';
import {
  HUBKIT_DELIVERY_METHODS_TAXONOMY,
  acceptsReferralsTerm,
  needTerm,
  orukTaxonomyTerm,
} from './vocabularies.ts';

/** org-id.guide schemes for the three UK charity registers hubkit's charity numbers come from. */
export function charityScheme(charityNumber: string): 'GB-CHC' | 'GB-SC' | 'GB-NIC' {
  if (charityNumber.startsWith('SC')) return 'GB-SC';
  if (charityNumber.startsWith('NIC')) return 'GB-NIC';
  return 'GB-CHC';
}

export function organizationListItem(organisation: ServiceOrganisation): OrukOrganizationListItem {
  return {
    id: organisation.id,
    name: organisation.name,
    // Required by HSDS and the UK profile: with none given, say so rather than send an empty string.
    description: organisation.description ?? organisationWithoutDescription(organisation.name),
    ...field('email', organisation.email),
    ...field('website', organisation.url),
  };
}

export function organizationToOruk(organisation: ServiceOrganisation): OrukOrganization {
  const identifiers: OrukOrganizationIdentifier[] =
    organisation.charityNumber === undefined
      ? []
      : [
          {
            id: childId(organisation.id, 'organization_identifier', 0),
            organization_id: organisation.id,
            identifier_scheme: charityScheme(organisation.charityNumber),
            identifier_type: 'Charity number',
            identifier: organisation.charityNumber,
          },
        ];
  return { ...organizationListItem(organisation), organization_identifiers: identifiers };
}

/** The organisations of `services`, each once (the first copy of each wins), as `/organizations` lists them. */
export function organizationsOf(services: readonly Service[]): OrukOrganizationListItem[] {
  const seen = new Set<string>();
  const organizations: OrukOrganizationListItem[] = [];
  for (const service of services) {
    if (seen.has(service.organisation.id)) continue;
    seen.add(service.organisation.id);
    organizations.push(organizationListItem(service.organisation));
  }
  return organizations;
}

function scheduleToOruk(
  times: OpeningTimes,
  id: string,
  owner: { service_id: string } | { service_at_location_id: string },
): OrukSchedule {
  return {
    id,
    ...owner,
    freq: 'WEEKLY',
    byday: times.byDay.join(','),
    opens_at: times.opensAt,
    closes_at: times.closesAt,
    ...field('valid_from', times.validFrom),
    ...field('valid_to', times.validTo),
    ...field('description', times.description),
  };
}

function locationListItem(location: ServiceLocation): OrukLocationListItem {
  return {
    id: location.id,
    location_type: 'physical',
    ...field('name', location.name),
    ...field('description', location.description),
    ...field('latitude', location.latitude),
    ...field('longitude', location.longitude),
  };
}

function serviceAtLocationToOruk(
  service: Service,
  location: ServiceLocation,
  index: number,
): OrukServiceAtLocation {
  const id = childId(service.id, 'service_at_location', index);
  const { address } = location;
  return {
    id,
    service_id: service.id,
    location_id: location.id,
    location: {
      ...locationListItem(location),
      addresses: [
        {
          id: childId(location.id, 'address', 0),
          location_id: location.id,
          address_1: address.line1,
          ...field('address_2', address.line2),
          city: address.town,
          ...field('region', address.county),
          // Required by HSDS and the UK profile: the county, else the nation the postcode lies in.
          state_province: address.county ?? stateProvinceOfPostcode(address.postcode),
          postal_code: address.postcode,
          country: 'GB',
          address_type: 'physical',
        },
      ],
      accessibility:
        location.accessibility === undefined
          ? []
          : [
              {
                id: childId(location.id, 'accessibility', 0),
                location_id: location.id,
                description: location.accessibility,
              },
            ],
    },
    // Absent and empty differ: "not known" and "known to be none" (see OrukServiceAtLocation).
    ...field(
      'schedules',
      location.openingTimes?.map((times, i) =>
        scheduleToOruk(times, childId(id, 'schedule', i), { service_at_location_id: id }),
      ),
    ),
  };
}

function attribute(service: Service, index: number, term: OrukTaxonomyTerm, value?: string): OrukAttribute {
  return {
    id: childId(service.id, 'attribute', index),
    link_id: service.id,
    link_entity: 'service',
    taxonomy_term_id: term.id,
    ...field('value', value),
    taxonomy_term: term,
  };
}

/** Needs, other taxonomy terms, delivery methods and "accepts referrals", as attributes, in that order. */
function attributesOf(service: Service): OrukAttribute[] {
  const terms: { term: OrukTaxonomyTerm; value?: string }[] = [
    ...service.needs.map((need) => ({ term: needTerm(need) })),
    ...service.taxonomyTerms.map((t) => ({ term: orukTaxonomyTerm(t.taxonomy, t.code, t.name) })),
    ...service.deliveryMethods.map((method) => ({
      term: orukTaxonomyTerm(HUBKIT_DELIVERY_METHODS_TAXONOMY, method, labelOf(deliveryMethodCodes, method), {
        language: 'en',
      }),
    })),
    { term: acceptsReferralsTerm(), value: String(service.acceptsReferrals) },
  ];
  return terms.map(({ term, value }, i) => attribute(service, i, term, value));
}

/** The service's one-to-one fields, as `/services` lists it. */
export function serviceToOrukListItem(service: Service): OrukServiceListItem {
  return {
    id: service.id,
    organization_id: service.organisation.id,
    name: service.name,
    ...field('alternate_name', service.alternateName),
    description: service.description,
    ...field('url', service.url),
    ...field('email', service.email),
    status: service.status,
    ...field('interpretation_services', service.interpretationServices),
    ...field('application_process', service.applicationProcess),
    ...field('fees_description', service.cost.description),
    ...field('eligibility_description', service.eligibility?.description),
    ...field('minimum_age', service.eligibility?.minimumAge),
    ...field('maximum_age', service.eligibility?.maximumAge),
    ...field('assured_date', service.assuredDate),
    ...field('alert', service.alert),
    organization: organizationListItem(service.organisation),
  };
}

/** The fully nested service, as `/services/{id}` returns it. */
export function serviceToOruk(service: Service): OrukService {
  const { organization: _listed, ...listItem } = serviceToOrukListItem(service);
  return {
    ...listItem,
    organization: organizationToOruk(service.organisation),
    phones: service.phones.map((phone, i) => ({
      id: childId(service.id, 'phone', i),
      service_id: service.id,
      number: phone.number,
      ...field('type', phone.type),
      ...field('description', phone.description),
    })),
    schedules: service.openingTimes.map((times, i) =>
      scheduleToOruk(times, childId(service.id, 'schedule', i), { service_id: service.id }),
    ),
    service_areas: service.areas.map((name, i) => ({
      id: childId(service.id, 'service_area', i),
      service_id: service.id,
      name,
    })),
    service_at_locations: service.locations.map((location, i) =>
      serviceAtLocationToOruk(service, location, i),
    ),
    languages: service.languages.map((code, i) => ({
      id: childId(service.id, 'language', i),
      service_id: service.id,
      name: labelOf(languageCodes, code),
      code,
    })),
    // One option says free (amount 0) or not (no amount): the words stay in fees_description.
    cost_options: [
      service.cost.free
        ? {
            id: childId(service.id, 'cost_option', 0),
            service_id: service.id,
            option: 'Free',
            amount: 0,
            currency: 'GBP',
          }
        : { id: childId(service.id, 'cost_option', 0), service_id: service.id, option: 'Charges apply' },
    ],
    attributes: attributesOf(service),
  };
}

/** One `/service_at_locations` item for each of the service's locations. */
export function serviceAtLocationItems(service: Service): OrukServiceAtLocationListItem[] {
  const listed = serviceToOrukListItem(service);
  return service.locations.map((location, i) => ({
    id: childId(service.id, 'service_at_location', i),
    service_id: service.id,
    location_id: location.id,
    location: locationListItem(location),
    service: listed,
  }));
}

/** One fully nested service at location for each of the service's locations, as `/service_at_locations/{id}` returns it. */
export function serviceAtLocationDetails(service: Service): OrukServiceAtLocationDetail[] {
  const full = serviceToOruk(service);
  return full.service_at_locations.map((sal) => ({ ...sal, service: full }));
}
