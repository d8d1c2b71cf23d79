/**
 * The service directory: who offers what help, where, when, to whom and at what cost. Shaped
 * after Open Referral UK (HSDS 3.0) so that every field maps to it and back without loss
 * (see `@hubkit/schema/oruk`), and so a finder can read a hub or any ORUK publisher alike.
 */
import * as z from 'zod/mini';
import {
  DELIVERY_METHOD_CODES,
  NEED_CODES,
  PHONE_TYPE_CODES,
  SERVICE_STATUS_CODES,
  WEEKDAY_CODES,
} from './codes.ts';
import {
  checked,
  code,
  date,
  email,
  id,
  languageTag,
  longText,
  phone,
  postcode,
  text,
  url,
  rule,
  unique,
} from './primitives.ts';

export const ServiceOrganisation = z.strictObject({
  id,
  name: text(200),
  description: z.optional(longText(4000)),
  url: z.optional(url),
  email: z.optional(email),
  /** Registered charity number in England and Wales, Scotland or Northern Ireland. */
  charityNumber: z.optional(checked(z.string(), z.regex(/^(\d{6,8}|SC\d{6}|NIC\d{6})$/))),
});
export type ServiceOrganisation = z.infer<typeof ServiceOrganisation>;

export const ServicePhone = z.strictObject({
  number: phone,
  type: z.optional(code(PHONE_TYPE_CODES)),
  /** "Freephone advice line". */
  description: z.optional(text(200)),
});
export type ServicePhone = z.infer<typeof ServicePhone>;

const time = checked(z.string(), z.regex(/^([01]\d|2[0-3]):[0-5]\d$/));

/** A weekly opening: these days, from this time to that (UK local time). */
export const OpeningTimes = checked(
  z.strictObject({
    byDay: checked(z.array(code(WEEKDAY_CODES)), z.minLength(1), z.maxLength(7), unique()),
    opensAt: time,
    closesAt: time,
    /** "Drop-in, no appointment needed". */
    description: z.optional(text(200)),
    validFrom: z.optional(date),
    validTo: z.optional(date),
  }),
  rule<{ opensAt: string; closesAt: string }>((o) => o.opensAt < o.closesAt, {
    reads: ['opensAt', 'closesAt'],
    path: ['closesAt'],
    key: 'closes_before_opens',
  }),
  rule<{ validFrom?: string | undefined; validTo?: string | undefined }>(
    (o) => o.validFrom === undefined || o.validTo === undefined || o.validFrom <= o.validTo,
    { reads: ['validFrom', 'validTo'], path: ['validTo'], key: 'valid_dates_order' },
  ),
);
export type OpeningTimes = z.infer<typeof OpeningTimes>;

export const ServiceAddress = z.strictObject({
  line1: text(120),
  line2: z.optional(text(120)),
  town: text(80),
  county: z.optional(text(80)),
  postcode,
});
export type ServiceAddress = z.infer<typeof ServiceAddress>;

/** A place where the service is delivered. */
export const ServiceLocation = z.strictObject({
  id,
  name: z.optional(text(200)),
  description: z.optional(longText(2000)),
  address: ServiceAddress,
  latitude: z.optional(checked(z.number(), z.minimum(-90), z.maximum(90))),
  longitude: z.optional(checked(z.number(), z.minimum(-180), z.maximum(180))),
  /** Step-free access, hearing loop, accessible toilet… */
  accessibility: z.optional(longText(1000)),
  openingTimes: z.optional(checked(z.array(OpeningTimes), z.maxLength(14))),
});
export type ServiceLocation = z.infer<typeof ServiceLocation>;

export const TaxonomyTerm = z.strictObject({
  /** The vocabulary, like `esd-service-types` (LGA), and the code and name in it. */
  taxonomy: text(100),
  code: text(100),
  name: text(200),
});
export type TaxonomyTerm = z.infer<typeof TaxonomyTerm>;

export const Eligibility = checked(
  z.strictObject({
    description: z.optional(longText(2000)),
    minimumAge: z.optional(checked(z.number(), z.int(), z.minimum(0), z.maximum(130))),
    maximumAge: z.optional(checked(z.number(), z.int(), z.minimum(0), z.maximum(130))),
  }),
  z.refine((e) => e.minimumAge === undefined || e.maximumAge === undefined || e.minimumAge <= e.maximumAge, {
    path: ['maximumAge'],
    params: { key: 'age_range_order' },
  }),
);
export type Eligibility = z.infer<typeof Eligibility>;

export const Cost = z.strictObject({
  free: z.boolean(),
  /** What it costs and who pays, when not free: "£2 a session; free for carers". */
  description: z.optional(longText(1000)),
});
export type Cost = z.infer<typeof Cost>;

/** A service in the directory. */
export const Service = z.strictObject({
  id,
  name: text(200),
  alternateName: z.optional(text(200)),
  description: longText(4000),
  status: code(SERVICE_STATUS_CODES),
  organisation: ServiceOrganisation,
  /** The needs it helps with: how the finder and the referral form match people to it. */
  needs: checked(z.array(code(NEED_CODES)), z.minLength(1), unique()),
  /** Terms from other vocabularies (LGA's ESD service types, a council's own). */
  taxonomyTerms: checked(z.array(TaxonomyTerm), z.maxLength(50)),
  url: z.optional(url),
  email: z.optional(email),
  phones: checked(z.array(ServicePhone), z.maxLength(10)),
  /** How to get help: "Drop in, or ask the hub to refer you". */
  applicationProcess: z.optional(longText(2000)),
  deliveryMethods: checked(z.array(code(DELIVERY_METHOD_CODES)), z.maxLength(4), unique()),
  /** When the service itself runs, where it is not tied to one location (a phone line). */
  openingTimes: checked(z.array(OpeningTimes), z.maxLength(14)),
  locations: checked(z.array(ServiceLocation), z.maxLength(50)),
  /** Named areas it covers: "Islington", "Bury". */
  areas: checked(z.array(text(100)), z.maxLength(20)),
  eligibility: z.optional(Eligibility),
  cost: Cost,
  /** Languages spoken without an interpreter, as BCP 47 tags. */
  languages: checked(z.array(languageTag), z.maxLength(40), unique()),
  interpretationServices: z.optional(longText(1000)),
  /** Whether the hub can refer people to it directly. */
  acceptsReferrals: z.boolean(),
  /** A short-term notice: "Closed on bank holidays". */
  alert: z.optional(longText(500)),
  /** When the entry was last checked. */
  assuredDate: z.optional(date),
});
export type Service = z.infer<typeof Service>;

/** A service found by a search, with how far its nearest location is. */
export const ServiceSearchResult = z.strictObject({
  service: Service,
  /** Kilometres from the searched postcode to the nearest location; null without a postcode or location. */
  distanceKm: z.nullable(checked(z.number(), z.minimum(0))),
  nearestLocationId: z.nullable(id),
});
export type ServiceSearchResult = z.infer<typeof ServiceSearchResult>;

/**
 * A page of a directory search (`POST /v1/services/search`). `distances` says whether the
 * results are in order of distance: `from_postcode`; `no_postcode` (none was given); or
 * `postcode_not_found`, a real postcode the hub cannot place (outside the districts it knows),
 * so the results come as without a postcode and no radius was applied.
 */
export const ServiceSearchPage = z.strictObject({
  data: z.array(ServiceSearchResult),
  nextCursor: z.nullable(z.string()),
  distances: z.enum(['from_postcode', 'no_postcode', 'postcode_not_found']),
});
export type ServiceSearchPage = z.infer<typeof ServiceSearchPage>;
