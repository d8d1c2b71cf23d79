/**
 * `@hubkit/schema/oruk`: the service directory as Open Referral UK (HSDS 3.0), both ways.
 *
 * - Writing: `serviceToOruk` (a fully nested service, as `/services/{id}` returns it),
 *   `serviceToOrukListItem`, `serviceAtLocationItems`, `organizationsOf`, `orukTaxonomies`,
 *   `orukTaxonomyTerms`, and `toOrukPage` / `paginate` for the list envelope.
 * - Reading any publisher: the lenient `OrukServiceInput` and `OrukPageInput` schemas,
 *   `orukToService`, `readOrukService` and `fromOrukPage`.
 *
 * A hubkit service survives the round trip unchanged: `orukToService(serviceToOruk(s))` equals `s`.
 *
 * @packageDocumentation
 */
export * from './types.ts';
export { childId, deterministicId, type OrukChildKind } from './ids.ts';
export * from './vocabularies.ts';
export {
  charityScheme,
  organizationListItem,
  organizationToOruk,
  organizationsOf,
  serviceAtLocationDetails,
  serviceAtLocationItems,
  serviceToOruk,
  serviceToOrukListItem,
} from './to-oruk.ts';
export * from './input.ts';
export { asUuid, orukToService, readOrukService } from './from-oruk.ts';
export * from './page.ts';
export { fromFirstGeneration, isFirstGenerationPage, isFirstGenerationService } from './first-generation.ts';
export * from './query.ts';
export * from './api-info.ts';
export { cleanText, htmlToText, type CleanTextOptions } from './util.ts';
