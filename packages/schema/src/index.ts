/**
 * @hubkit/schema: the shared language of a community referral hub.
 *
 * Zod (zod/mini) schemas and their TypeScript types for referrals, residents, referrers,
 * needs, safeguarding, single assessments, consent records, the service directory, outcomes,
 * the referral lifecycle, webhook events and the v1 API; codelists in English and Welsh;
 * validation messages in the GOV.UK style (the Welsh apart, in `@hubkit/schema/cy`: call its
 * `registerWelsh()` once at start). Other entry points: `@hubkit/schema/fixtures`,
 * `/json-schema`, `/openapi`, `/fhir`, `/oruk`.
 *
 * @packageDocumentation
 */
export * from './codes.ts';
export * from './codelists.ts';
export {
  Address,
  ContactDetails,
  POSTCODE_PATTERN,
  isValidNhsNumber,
  normalisePhone,
  normalisePostcode,
  postcodeDistrict,
} from './primitives.ts';
export * from './resident.ts';
export * from './referrer.ts';
export * from './needs.ts';
export * from './reference.ts';
export * from './lifecycle.ts';
export * from './outcome.ts';
export * from './money.ts';
export * from './assessment.ts';
export * from './consent.ts';
export * from './referral.ts';
export * from './service.ts';
export * from './webhook.ts';
export * from './api.ts';
export * from './messages.ts';
export * from './dates.ts';
export * from './proof.ts';
export * from './directory-words.ts';
