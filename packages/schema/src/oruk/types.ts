/**
 * The Open Referral UK (HSDS 3.0) objects hubkit writes, as `/services/{id}` and the list
 * endpoints return them. Field names are HSDS's own (snake_case, American spelling). Only the
 * fields hubkit has data for are listed; what a publisher sends beyond them is read through the
 * lenient schemas in `./input.ts`.
 *
 * These are type aliases, not interfaces, so that they are assignable to the lenient input types
 * (which carry an index signature for unknown fields): `orukToService(serviceToOruk(s))` needs no
 * parse in between.
 */
/* eslint-disable @typescript-eslint/consistent-type-definitions -- see above: interfaces get no implicit index signature */
import type { ServiceStatus, Weekday, codelists } from '../codelists.ts';

/** HSDS 3.0 service status: the same four values as hubkit's `serviceStatusCodes`. */
export type OrukStatus = ServiceStatus;
export type OrukPhoneType = (typeof codelists)['phone-type']['codes'][number];
export type OrukWeekday = Weekday;

/** A third-party identifier of an organisation (org-id.guide scheme), here a charity number. */
export type OrukOrganizationIdentifier = {
  id: string;
  organization_id: string;
  /** `GB-CHC` (England and Wales), `GB-SC` (Scotland) or `GB-NIC` (Northern Ireland). */
  identifier_scheme: string;
  identifier_type: string;
  identifier: string;
};

/** An organisation with its one-to-one fields only, as `/organizations` lists it. */
export type OrukOrganizationListItem = {
  id: string;
  name: string;
  /** Required by HSDS; an empty string where hubkit has no description. */
  description: string;
  email?: string;
  website?: string;
};

/** An organisation as a fully nested service carries it. */
export type OrukOrganization = OrukOrganizationListItem & {
  organization_identifiers: OrukOrganizationIdentifier[];
};

export type OrukPhone = {
  id: string;
  service_id: string;
  number: string;
  type?: OrukPhoneType;
  description?: string;
};

/** A weekly opening, as an RFC 5545 RRULE-style schedule. Times are UK local, `HH:MM`. */
export type OrukSchedule = {
  id: string;
  /** Set on the service's own schedules. */
  service_id?: string;
  /** Set on a schedule of the service at one of its locations. */
  service_at_location_id?: string;
  freq: 'WEEKLY';
  /** Comma-separated weekdays: `MO,WE,FR`. */
  byday: string;
  opens_at: string;
  closes_at: string;
  valid_from?: string;
  valid_to?: string;
  description?: string;
};

export type OrukLanguage = {
  id: string;
  service_id: string;
  /** English name, or the code itself for a language hubkit has no name for. */
  name: string;
  /** ISO 639-1 or 639-3 code (a BCP 47 tag, as hubkit stores it). */
  code: string;
};

export type OrukTaxonomy = {
  id: string;
  name: string;
  description: string;
  uri?: string;
};

export type OrukTaxonomyTerm = {
  id: string;
  code: string;
  name: string;
  /** Required by HSDS. */
  description: string;
  /** The taxonomy's name, as free text. */
  taxonomy: string;
  taxonomy_id: string;
  /** ISO 639 code of the term's language. */
  language?: string;
  taxonomy_detail: OrukTaxonomy;
};

/** Links a service to a taxonomy term: how needs, vocabularies and hubkit's flags are carried. */
export type OrukAttribute = {
  id: string;
  link_id: string;
  link_entity: 'service';
  taxonomy_term_id: string;
  value?: string;
  taxonomy_term: OrukTaxonomyTerm;
};

export type OrukCostOption = {
  id: string;
  service_id: string;
  option: string;
  amount?: number;
  currency?: string;
};

export type OrukServiceArea = {
  id: string;
  service_id: string;
  name: string;
};

export type OrukAccessibility = {
  id: string;
  location_id: string;
  description: string;
};

export type OrukAddress = {
  id: string;
  location_id: string;
  address_1: string;
  address_2?: string;
  city: string;
  /** The county, where there is one. */
  region?: string;
  /** Required by HSDS: the county, or an empty string. */
  state_province: string;
  postal_code: string;
  country: 'GB';
  address_type: 'physical';
};

/** A location with its one-to-one fields only, as `/service_at_locations` lists it. */
export type OrukLocationListItem = {
  id: string;
  location_type: 'physical';
  name?: string;
  description?: string;
  latitude?: number;
  longitude?: number;
};

export type OrukLocation = OrukLocationListItem & {
  addresses: OrukAddress[];
  accessibility: OrukAccessibility[];
};

/** A service at one of its locations, as a fully nested service carries it. */
export type OrukServiceAtLocation = {
  id: string;
  service_id: string;
  location_id: string;
  location: OrukLocation;
  /**
   * When the service runs at this location. Absent when hubkit does not know (the location's
   * `openingTimes` is absent); an empty list when it knows there are none.
   */
  schedules?: OrukSchedule[];
};

/** A service with its one-to-one fields only, as `/services` lists it. */
export type OrukServiceListItem = {
  id: string;
  organization_id: string;
  name: string;
  alternate_name?: string;
  description: string;
  url?: string;
  email?: string;
  status: OrukStatus;
  interpretation_services?: string;
  application_process?: string;
  fees_description?: string;
  eligibility_description?: string;
  minimum_age?: number;
  maximum_age?: number;
  assured_date?: string;
  alert?: string;
  organization: OrukOrganizationListItem;
};

/** A fully nested service, as `/services/{id}` returns it. */
export type OrukService = Omit<OrukServiceListItem, 'organization'> & {
  organization: OrukOrganization;
  phones: OrukPhone[];
  schedules: OrukSchedule[];
  service_areas: OrukServiceArea[];
  service_at_locations: OrukServiceAtLocation[];
  languages: OrukLanguage[];
  cost_options: OrukCostOption[];
  attributes: OrukAttribute[];
};

/** A service at a location with one-to-one fields only, as `/service_at_locations` lists it. */
export type OrukServiceAtLocationListItem = {
  id: string;
  service_id: string;
  location_id: string;
  location: OrukLocationListItem;
  service: OrukServiceListItem;
};

/** A fully nested service at a location, as `/service_at_locations/{id}` returns it. */
export type OrukServiceAtLocationDetail = OrukServiceAtLocation & { service: OrukService };

/** HSDS 3.0's paginated list envelope (`components.schemas.Page` plus `contents`). */
export type OrukPage<T> = {
  /** How many items the whole list has, on all pages. */
  total_items: number;
  /** How many pages the whole list has: 0 when it is empty. */
  total_pages: number;
  /** This page's number, from 1. */
  page_number: number;
  /** How many items this page has (HSDS: "the number of entities in the current page"). */
  size: number;
  first_page: boolean;
  last_page: boolean;
  /** Whether this page has no items. */
  empty: boolean;
  contents: T[];
};

/** What `/` returns: the API's HSDS version and profile. */
export type OrukApiInfo = {
  version: string;
  profile: string;
  openapi_url: string;
  description?: string;
  publisher?: { name: string; email?: string; website?: string };
};
