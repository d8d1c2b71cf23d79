/**
 * Lenient schemas for what any Open Referral UK (HSDS 3.0) publisher sends. Publishers differ:
 * they add fields of their own, leave out optional ones, send `null` for absent, numbers as
 * strings, and now and then a value of the wrong type. So:
 *
 * - objects are loose: unknown fields pass through untouched;
 * - an optional field of the wrong type (or `null`) reads as absent, and a list item that is not
 *   an object of the right shape is dropped, rather than failing the whole service;
 * - only what a hubkit `Service` cannot do without fails, with an error naming its path: the
 *   service's `id`, `name` and `status`, and the `id` and `name` of its organisation when the
 *   publisher nests one.
 *
 * `orukToService` then turns the parsed value into a hubkit `Service`.
 */
import * as z from 'zod/mini';
import { serviceStatusCodes } from '../codelists.ts';
import { checked } from '../primitives.ts';

/** Optional text: anything but a string reads as absent. */
const text = z.catch(z.optional(z.string()), undefined);

/** Required text: present, a string, not blank. */
const requiredText = checked(z.string(), z.trim(), z.minLength(1));

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** An optional number; a numeric string counts, anything else reads as absent. */
const number = z.optional(z.pipe(z.unknown(), z.transform(toNumber)));

/** An optional list: items that do not fit `item` are dropped; anything but a list reads as absent. */
/* @__NO_SIDE_EFFECTS__ */
function list<T extends z.ZodMiniType>(item: T) {
  return z.optional(
    z.pipe(
      z.unknown(),
      z.transform((value): z.output<T>[] | undefined =>
        Array.isArray(value)
          ? value.flatMap((entry: unknown) => {
              const parsed = item.safeParse(entry);
              return parsed.success ? [parsed.data] : [];
            })
          : undefined,
      ),
    ),
  );
}

/** An optional nested object: one that does not fit reads as absent. */
/* @__NO_SIDE_EFFECTS__ */
function nested<T extends z.ZodMiniType>(schema: T) {
  return z.catch(z.optional(schema), undefined);
}

/** `Active`, ` temporarily_closed ` and `Temporarily Closed` all read as HSDS's own values. */
export function normaliseStatus(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

export const OrukPhoneInput = z.looseObject({
  id: text,
  number: requiredText,
  extension: number,
  type: text,
  description: text,
});
export type OrukPhoneInput = z.output<typeof OrukPhoneInput>;

export const OrukScheduleInput = z.looseObject({
  id: text,
  freq: text,
  interval: number,
  byday: text,
  opens_at: text,
  closes_at: text,
  valid_from: text,
  valid_to: text,
  until: text,
  description: text,
});
export type OrukScheduleInput = z.output<typeof OrukScheduleInput>;

export const OrukLanguageInput = z.looseObject({
  id: text,
  code: text,
  name: text,
  /** Open Referral UK before 3.0 named the language here. */
  language: text,
});
export type OrukLanguageInput = z.output<typeof OrukLanguageInput>;

export const OrukTaxonomyInput = z.looseObject({
  id: text,
  name: text,
  description: text,
  uri: text,
});
export type OrukTaxonomyInput = z.output<typeof OrukTaxonomyInput>;

export const OrukTaxonomyTermInput = z.looseObject({
  id: text,
  code: text,
  name: text,
  /** The UK profile's name for `name`. */
  term: text,
  description: text,
  taxonomy: text,
  taxonomy_id: text,
  parent_id: text,
  taxonomy_detail: nested(OrukTaxonomyInput),
});
export type OrukTaxonomyTermInput = z.output<typeof OrukTaxonomyTermInput>;

export const OrukAttributeInput = z.looseObject({
  id: text,
  link_id: text,
  link_type: text,
  link_entity: text,
  taxonomy_term_id: text,
  value: text,
  taxonomy_term: nested(OrukTaxonomyTermInput),
});
export type OrukAttributeInput = z.output<typeof OrukAttributeInput>;

export const OrukCostOptionInput = z.looseObject({
  id: text,
  option: text,
  amount: number,
  currency: text,
  amount_description: text,
});
export type OrukCostOptionInput = z.output<typeof OrukCostOptionInput>;

export const OrukServiceAreaInput = z.looseObject({
  id: text,
  name: text,
  description: text,
});
export type OrukServiceAreaInput = z.output<typeof OrukServiceAreaInput>;

export const OrukAccessibilityInput = z.looseObject({
  id: text,
  description: text,
  details: text,
});
export type OrukAccessibilityInput = z.output<typeof OrukAccessibilityInput>;

export const OrukAddressInput = z.looseObject({
  id: text,
  address_1: text,
  address_2: text,
  city: text,
  region: text,
  state_province: text,
  postal_code: text,
  country: text,
  address_type: text,
});
export type OrukAddressInput = z.output<typeof OrukAddressInput>;

export const OrukLocationInput = z.looseObject({
  id: text,
  location_type: text,
  name: text,
  description: text,
  latitude: number,
  longitude: number,
  addresses: list(OrukAddressInput),
  accessibility: list(OrukAccessibilityInput),
  schedules: list(OrukScheduleInput),
});
export type OrukLocationInput = z.output<typeof OrukLocationInput>;

export const OrukServiceAtLocationInput = z.looseObject({
  id: text,
  service_id: text,
  location_id: text,
  description: text,
  location: nested(OrukLocationInput),
  schedules: list(OrukScheduleInput),
});
export type OrukServiceAtLocationInput = z.output<typeof OrukServiceAtLocationInput>;

export const OrukOrganizationIdentifierInput = z.looseObject({
  id: text,
  identifier_scheme: text,
  identifier_type: text,
  identifier: text,
});
export type OrukOrganizationIdentifierInput = z.output<typeof OrukOrganizationIdentifierInput>;

export const OrukOrganizationInput = z.looseObject({
  id: requiredText,
  name: requiredText,
  description: text,
  email: text,
  website: text,
  organization_identifiers: list(OrukOrganizationIdentifierInput),
});
export type OrukOrganizationInput = z.output<typeof OrukOrganizationInput>;

export const OrukContactInput = z.looseObject({
  id: text,
  name: text,
  email: text,
  phones: list(OrukPhoneInput),
});
export type OrukContactInput = z.output<typeof OrukContactInput>;

/** A service from any publisher: a `/services` list item or a fully nested `/services/{id}`. */
export const OrukServiceInput = z.looseObject({
  id: requiredText,
  name: requiredText,
  status: z.pipe(checked(z.string(), z.overwrite(normaliseStatus)), z.enum(serviceStatusCodes.codes)),
  organization_id: text,
  alternate_name: text,
  description: text,
  url: text,
  email: text,
  interpretation_services: text,
  application_process: text,
  fees_description: text,
  /** Deprecated in HSDS 3.0 for `fees_description`; older feeds still send it. */
  fees: text,
  eligibility_description: text,
  minimum_age: number,
  maximum_age: number,
  assured_date: text,
  alert: text,
  organization: z.nullish(OrukOrganizationInput),
  phones: list(OrukPhoneInput),
  /** The UK profile puts phones under contacts rather than on the service. */
  contacts: list(OrukContactInput),
  schedules: list(OrukScheduleInput),
  service_areas: list(OrukServiceAreaInput),
  service_at_locations: list(OrukServiceAtLocationInput),
  languages: list(OrukLanguageInput),
  cost_options: list(OrukCostOptionInput),
  attributes: list(OrukAttributeInput),
});
export type OrukServiceInput = z.output<typeof OrukServiceInput>;
