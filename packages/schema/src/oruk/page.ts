/**
 * HSDS 3.0's paginated list envelope, both ways. Every ORUK list endpoint (`/services`,
 * `/service_at_locations`, `/organizations`, `/taxonomies`, `/taxonomy_terms`) answers with it:
 * `total_items`, `total_pages`, `page_number` (from 1), `size` (items on this page),
 * `first_page`, `last_page`, `empty`, then the page's items in `contents`.
 */
import * as z from 'zod/mini';
import { validate, type ValidateOptions, type ValidationResult } from '../messages.ts';
import type { OrukPage } from './types.ts';
import { firstGenerationPage, isFirstGenerationPage } from './first-generation.ts';

export interface PageRequest {
  /** From 1. */
  page: number;
  /** Items a page holds, from 1. */
  perPage: number;
}

function assertPageRequest({ page, perPage }: PageRequest): void {
  if (!Number.isInteger(page) || page < 1)
    throw new RangeError(`page must be a whole number from 1, not ${page}`);
  if (!Number.isInteger(perPage) || perPage < 1) {
    throw new RangeError(`perPage must be a whole number from 1, not ${perPage}`);
  }
}

/**
 * The envelope for one page whose items are `contents`, of a list of `totalItems` items.
 * An empty list has no pages: `total_pages` 0, and page 1 is both its first and its last.
 */
export function toOrukPage<T>(
  contents: readonly T[],
  request: PageRequest & { totalItems: number },
): OrukPage<T> {
  assertPageRequest(request);
  const { page, perPage, totalItems } = request;
  if (!Number.isInteger(totalItems) || totalItems < 0) {
    throw new RangeError(`totalItems must be a whole number from 0, not ${totalItems}`);
  }
  const totalPages = Math.ceil(totalItems / perPage);
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents: [...contents],
  };
}

/** Page `page` of all of `items`, `perPage` to a page. */
export function paginate<T>(items: readonly T[], request: PageRequest): OrukPage<T> {
  assertPageRequest(request);
  const start = (request.page - 1) * request.perPage;
  return toOrukPage(items.slice(start, start + request.perPage), { ...request, totalItems: items.length });
}

function toCount(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

const count = z.optional(z.pipe(z.unknown(), z.transform(toCount)));
const flag = z.catch(z.optional(z.boolean()), undefined);

/**
 * A page from any publisher. Only `contents` must be there (the first-generation Open Referral
 * UK API calls it `content`, with its own paging fields: see first-generation.ts); the rest is taken when it makes sense and worked out when it is missing.
 */
export const OrukPageInput = z.pipe(
  z.transform((value: unknown) =>
    isFirstGenerationPage(value)
      ? firstGenerationPage(value)
      : typeof value === 'object' && value !== null && !('contents' in value) && 'content' in value
        ? { ...value, contents: value.content }
        : value,
  ),
  z.looseObject({
    contents: z.array(z.unknown()),
    total_items: count,
    total_pages: count,
    page_number: count,
    size: count,
    first_page: flag,
    last_page: flag,
    empty: flag,
  }),
);
export type OrukPageInput = z.output<typeof OrukPageInput>;

/** A page as a reader uses it: its items, where it is, and the number of the next page. */
export interface OrukPageInfo<T> {
  items: T[];
  page: number;
  /** Unknown (undefined) when the publisher does not say. */
  totalItems: number | undefined;
  totalPages: number | undefined;
  firstPage: boolean;
  lastPage: boolean;
  /** The page to ask for next, or null after the last. */
  nextPage: number | null;
}

/** The envelope's fields as `OrukPageInput` leaves them: each may be missing. */
export interface OrukPageFields<T> {
  contents: T[];
  total_items?: number | undefined;
  total_pages?: number | undefined;
  page_number?: number | undefined;
  size?: number | undefined;
  first_page?: boolean | undefined;
  last_page?: boolean | undefined;
  empty?: boolean | undefined;
}

/** What a page tells a reader, from a parsed (or hubkit-made) envelope. */
export function orukPageInfo<T>(page: OrukPageFields<T>): OrukPageInfo<T> {
  const number = page.page_number !== undefined && page.page_number > 0 ? page.page_number : 1;
  const totalPages =
    page.total_pages ??
    (page.total_items !== undefined && page.size !== undefined && page.size > 0 && number === 1
      ? Math.ceil(page.total_items / page.size)
      : undefined);
  // Trust the publisher's own flag first, then its page count; with neither, an empty page ends the list.
  const lastPage =
    page.last_page ?? (totalPages !== undefined ? number >= totalPages : page.contents.length === 0);
  return {
    items: page.contents,
    page: number,
    totalItems: page.total_items,
    totalPages,
    firstPage: page.first_page ?? number === 1,
    lastPage,
    nextPage: lastPage ? null : number + 1,
  };
}

/** Reads a page from any publisher: what it tells a reader, or an error naming what is missing. */
export function fromOrukPage(
  data: unknown,
  options: ValidateOptions = {},
): ValidationResult<OrukPageInfo<unknown>> {
  const parsed = validate(OrukPageInput, data, options);
  if (!parsed.success) return { success: false, errors: parsed.errors };
  return { success: true, data: orukPageInfo(parsed.data) };
}
