/**
 * The query parameters of HSDS 3.0's list endpoints that a hub answers, as strings arrive in a
 * URL: `page` and `per_page` for every list; `search`, `taxonomy_term_id`, `taxonomy_id` and
 * `organization_id` to filter; `postcode` with `proximity` (metres from the postcode's centre)
 * on `/service_at_locations`. Parameters a hub does not answer pass through untouched.
 */
import * as z from 'zod/mini';
import { checked, postcode } from '../primitives.ts';

/** The most items one page may ask for, so one request cannot ask for the whole directory. */
export const ORUK_MAX_PER_PAGE = 1000;
export const ORUK_DEFAULT_PER_PAGE = 50;

const wholeNumber = (min: number, max: number) =>
  checked(z.coerce.number(), z.int(), z.minimum(min), z.maximum(max));
const words = z.optional(checked(z.string(), z.trim(), z.minLength(1), z.maxLength(200)));

export const OrukListQuery = z.looseObject({
  page: z._default(wholeNumber(1, 1_000_000), 1),
  per_page: z._default(wholeNumber(1, ORUK_MAX_PER_PAGE), ORUK_DEFAULT_PER_PAGE),
  search: words,
  taxonomy_term_id: words,
  taxonomy_id: words,
  organization_id: words,
  postcode: z.optional(postcode),
  /** Metres from the centre of `postcode`. */
  proximity: z.optional(checked(z.coerce.number(), z.minimum(0), z.maximum(1_000_000))),
  /** `true` asks for fully nested items instead of one-to-one fields only. */
  full: z.optional(
    z.pipe(
      z.enum(['true', 'false']),
      z.transform((v) => v === 'true'),
    ),
  ),
});
export type OrukListQuery = z.output<typeof OrukListQuery>;
