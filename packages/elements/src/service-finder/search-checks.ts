/**
 * What checks a search before it is sent: the search schema (zod) and the postcode's tidy form.
 * Not needed to paint the search form, so `<hub-service-finder>` loads this when the person
 * starts typing (and on idle before that); Search waits for it.
 */
export { ServiceSearch, normalisePostcode, validate } from '@hubkit/schema';
