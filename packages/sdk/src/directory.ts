/**
 * Reading any Open Referral UK (HSDS 3.0) publisher, a hub's `/oruk` or a council's own feed,
 * into hubkit `Service`s, so the service finder can show either.
 *
 * Publishers differ, so everything read goes through the schema's lenient ORUK reader: an item
 * it cannot read is skipped and counted, never the end of the search. No request needs a key:
 * a directory is public.
 */
import ky, {
  SchemaValidationError,
  isHTTPError,
  isNetworkError,
  isTimeoutError,
  type KyInstance,
  type ShouldRetryState,
} from 'ky';
import { needCodes, type NeedCode, type Service } from '@hubkit/schema';
import {
  HUBKIT_NEEDS_TAXONOMY,
  ORUK_MAX_PER_PAGE,
  OrukPageInput,
  OrukTaxonomyInput,
  orukPageInfo,
  readOrukService,
  taxonomyId,
  taxonomyTermId,
} from '@hubkit/schema/oruk';
import { DirectoryReaderError } from './errors/directory-reader-error.ts';

// In a file of its own (one error a file), so code that only tells failures apart (the elements'
// submit controller) does not load and run the whole reader to know this class.
export { DirectoryReaderError, type DirectoryReaderErrorReason } from './errors/directory-reader-error.ts';

export interface DirectoryReaderOptions {
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
  /** Items to ask for on each page, 1 to 1000 (default 50). */
  perPage?: number;
  /** Milliseconds to wait for each attempt (default 10 000). */
  timeout?: number;
  /** Retries after a failed attempt (default 2). Every request is a GET, so retrying is safe. */
  retry?: number;
  /** Stops every request this reader makes. */
  signal?: AbortSignal;
}

export interface DirectoryQuery {
  /** Words to search for, as the publisher searches (`search`). */
  text?: string;
  /** Only services meeting this need. */
  need?: NeedCode;
  /** Only services with this term of the publisher's own taxonomies (`taxonomy_term_id`). */
  taxonomyTermId?: string;
  /** Services near this postcode, nearest first (the publisher's `/service_at_locations`). */
  postcode?: string;
  /** With `postcode`: only services within this many kilometres of it. */
  proximityKm?: number;
}

export interface DirectoryPage {
  /** The services read from this page: each service once in the whole search, so a page may hold fewer than were listed. */
  items: Service[];
  /** The page's number, from 1. */
  page: number;
  /** As the publisher counts them (items listed, before needs are filtered here); undefined when it does not say. */
  totalPages: number | undefined;
  totalItems: number | undefined;
  /** Items on this page that could not be read. */
  skipped: number;
}

/**
 * A search: `for await (const service of search)` reads every page; `pages()` gives them one by
 * one; `first(n)` the first n services. Each of them starts again from the first page.
 */
export interface DirectorySearch extends AsyncIterable<Service> {
  pages(): AsyncGenerator<DirectoryPage, void, undefined>;
  first(n: number): Promise<Service[]>;
  /** Items the latest reading of this search could not read and left out. */
  readonly skipped: number;
}

export interface DirectoryReader {
  search(query?: DirectoryQuery): DirectorySearch;
  /** One service by its id (the id a search gave it, or the publisher's own). */
  service(id: string): Promise<Service>;
}

const DEFAULT_PER_PAGE = 50;
const DETAIL_CONCURRENCY = 4;
/** A last guard against a publisher whose pages never end. */
const MAX_PAGES = 10_000;
/** Longest `Retry-After` worth waiting for: a finder should say "try later", not hang. */
const MAX_RETRY_AFTER_MS = 10_000;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A list item with everything a service is read from; otherwise `/services/{id}` is asked. */
function isNested(raw: Json): boolean {
  // Needs come from attributes: without them a hubkit service would read as needing "other".
  return (
    isObject(raw.organization) &&
    Array.isArray(raw.service_at_locations) &&
    // The first-generation API's name for them (see first-generation.ts in @hubkit/schema/oruk).
    (Array.isArray(raw.attributes) || Array.isArray(raw.service_taxonomys))
  );
}

function idOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Runs `tasks` at most `limit` at a time and yields their results in order. Only `limit` run
 * ahead of the reader, so stopping early (`first(3)`) leaves little unneeded work in flight.
 */
async function* inOrder<T>(tasks: readonly (() => Promise<T>)[], limit: number): AsyncGenerator<T> {
  const running: Promise<T>[] = [];
  let next = 0;
  const fill = () => {
    while (running.length < limit && next < tasks.length) {
      const task = tasks[next];
      next += 1;
      if (task === undefined) continue;
      const promise = task();
      // Awaited in turn below; this only stops a task left behind by an early stop from being reported as unhandled.
      promise.catch(() => undefined);
      running.push(promise);
    }
  };
  fill();
  for (let head = running.shift(); head !== undefined; head = running.shift()) {
    const value = await head;
    fill();
    yield value;
  }
}

type Outcome = { service: Service; publisherId: string } | { skipped: true };
type Event = { service: Service } | { page: DirectoryPage };

interface Plan {
  path: '/services' | '/service_at_locations';
  params: Record<string, string>;
  /** Needs filtered here, after reading, when the publisher cannot filter by them. */
  need: NeedCode | undefined;
}

function checkQuery(query: DirectoryQuery): void {
  if (query.need !== undefined && !(needCodes.codes as readonly string[]).includes(query.need)) {
    throw new RangeError(`need must be one of hubkit’s need codes, not ${query.need}`);
  }
  if (query.proximityKm !== undefined) {
    if (query.postcode === undefined) throw new TypeError('proximityKm needs a postcode to measure from');
    if (!Number.isFinite(query.proximityKm) || query.proximityKm < 0) {
      throw new RangeError(`proximityKm must be a number of kilometres from 0, not ${query.proximityKm}`);
    }
  }
}

/**
 * A reader of the ORUK publisher at `baseUrl` (the URL its `/services` is under, such as a hub's
 * `https://hub.example.org/oruk`).
 *
 * ```ts
 * const reader = createDirectoryReader('https://hub.example.org/oruk');
 * for await (const service of reader.search({ need: 'food', postcode: 'N1 9AA', proximityKm: 2 })) …
 * ```
 */
export function createDirectoryReader(
  baseUrl: string,
  options: DirectoryReaderOptions = {},
): DirectoryReader {
  // Relative to the page in a browser (`/oruk`); absolute anywhere else.
  const base = new URL(baseUrl, (globalThis as { location?: { href: string } }).location?.href);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new TypeError('The directory URL must be an http or https URL');
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  const perPage = options.perPage ?? DEFAULT_PER_PAGE;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > ORUK_MAX_PER_PAGE) {
    throw new RangeError(`perPage must be a whole number from 1 to ${ORUK_MAX_PER_PAGE}, not ${perPage}`);
  }
  const userFetch = options.fetch;
  const readerSignal = options.signal;

  const api: KyInstance = ky.create({
    // Called as a plain function: a browser's fetch throws when called as a method of ky's options.
    ...(userFetch ? { fetch: (input: RequestInfo | URL, init?: RequestInit) => userFetch(input, init) } : {}),
    timeout: options.timeout ?? 10_000,
    headers: { Accept: 'application/json' },
    retry: {
      limit: options.retry ?? 2,
      methods: ['get'],
      statusCodes: [408, 429, 500, 502, 503, 504],
      // Every request is a GET, which changes nothing at the publisher: a timed-out one is safe to send again.
      retryOnTimeout: true,
      backoffLimit: 3000,
      // Ky would wait as long as `Retry-After` says. Longer than a person will wait on a page is
      // better given up at once; retrying sooner than asked would only be refused again.
      shouldRetry: ({ error }: ShouldRetryState) => {
        if (!isHTTPError(error)) return undefined;
        const after = retryAfterMs(error.response.headers.get('retry-after'));
        return after !== undefined && after > MAX_RETRY_AFTER_MS ? false : undefined;
      },
    },
  });

  /** The publisher's URL for `path` with `params`, keeping any parameters of the base URL. */
  function urlFor(path: string, params: Record<string, string> = {}): URL {
    const url = new URL(base.href);
    url.pathname = `${basePath}${path}`;
    url.hash = '';
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url;
  }

  function signalFor(signal: AbortSignal | undefined): AbortSignal | undefined {
    const signals = [readerSignal, signal].filter((s): s is AbortSignal => s !== undefined);
    return signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  }

  /** Any failure as a DirectoryReaderError naming the path only; an abort stays as it is. */
  function failure(error: unknown, url: URL, signal: AbortSignal | undefined): unknown {
    if (signal?.aborted || (error instanceof Error && error.name === 'AbortError')) return error;
    const path = url.pathname;
    if (isHTTPError(error)) {
      const status = error.response.status;
      return new DirectoryReaderError(status === 404 ? 'not_found' : 'http_error', path, status);
    }
    if (isTimeoutError(error)) return new DirectoryReaderError('timeout', path);
    if (isNetworkError(error) || error instanceof TypeError) {
      return new DirectoryReaderError('network_error', path);
    }
    if (error instanceof SchemaValidationError || error instanceof SyntaxError) {
      return new DirectoryReaderError('invalid_response', path);
    }
    return error;
  }

  async function getJson(url: URL, signal: AbortSignal | undefined): Promise<unknown> {
    try {
      return await api.get(url, signal ? { signal } : {}).json();
    } catch (error) {
      throw failure(error, url, signal);
    }
  }

  async function getPage(url: URL, signal: AbortSignal | undefined) {
    try {
      return await api.get(url, signal ? { signal } : {}).json(OrukPageInput);
    } catch (error) {
      throw failure(error, url, signal);
    }
  }

  // Service ids a search gave, to the publisher's own: a publisher's id that is not a UUID is
  // read as a UUID derived from it, which only this map can take back to the publisher.
  const publisherIds = new Map<string, string>();

  // Whether the publisher has hubkit's needs taxonomy (a hub does), asked once. Asked with the
  // reader's signal only: searches share the answer, and one stopping early must not spoil it.
  let needsTaxonomy: Promise<boolean> | undefined;
  function hasNeedsTaxonomy(): Promise<boolean> {
    needsTaxonomy ??= (async () => {
      const url = urlFor(`/taxonomies/${taxonomyId(HUBKIT_NEEDS_TAXONOMY)}`);
      try {
        const taxonomy = OrukTaxonomyInput.safeParse(await getJson(url, signalFor(undefined)));
        return taxonomy.success && taxonomy.data.name === HUBKIT_NEEDS_TAXONOMY;
      } catch (error) {
        if (error instanceof DirectoryReaderError) {
          // No such taxonomy (4xx) or nonsense: for good, so needs are filtered here.
          if (error.reason === 'invalid_response' || (error.status !== undefined && error.status < 500)) {
            return false;
          }
          // Failing for now (5xx): filter here this time, ask again next time.
          needsTaxonomy = undefined;
          if (error.reason === 'http_error') return false;
        }
        // Unreachable, too slow or stopped: the search could not go on either.
        needsTaxonomy = undefined;
        throw error;
      }
    })();
    return needsTaxonomy;
  }

  async function planFor(query: DirectoryQuery): Promise<Plan> {
    const params: Record<string, string> = {
      per_page: String(perPage),
      // HSDS 3.0's `full` asks for nested items; a publisher that ignores it is asked for each service.
      full: 'true',
    };
    const text = query.text?.trim();
    if (text) params.search = text;
    let need = query.need;
    if (query.taxonomyTermId !== undefined) {
      params.taxonomy_term_id = query.taxonomyTermId;
    } else if (need !== undefined && (await hasNeedsTaxonomy())) {
      params.taxonomy_term_id = taxonomyTermId(HUBKIT_NEEDS_TAXONOMY, need);
      need = undefined;
    }
    const postcode = query.postcode?.trim();
    if (!postcode) return { path: '/services', params, need };
    params.postcode = postcode;
    if (query.proximityKm !== undefined) params.proximity = String(Math.round(query.proximityKm * 1000));
    return { path: '/service_at_locations', params, need };
  }

  /** Reads one service: as listed when it is nested, else from `/services/{id}`. */
  async function readService(listed: Json | undefined, id: string, signal: AbortSignal | undefined) {
    let raw: unknown = listed;
    if (listed === undefined || !isNested(listed)) {
      const url = urlFor(`/services/${encodeURIComponent(id)}`);
      try {
        raw = await getJson(url, signal);
      } catch (error) {
        // Listed but gone by the time it was asked for (or never there): nothing to read.
        if (error instanceof DirectoryReaderError && error.reason === 'not_found') return undefined;
        throw error;
      }
    }
    const read = readOrukService(raw);
    return read.success ? read.data : undefined;
  }

  /** Every service of the search, then a page event at the end of each page. */
  async function* events(query: DirectoryQuery, counter: { skipped: number }): AsyncGenerator<Event> {
    // Stops requests still running for a page when the reader stops early.
    const stop = new AbortController();
    const signal = signalFor(stop.signal);
    try {
      const plan = await planFor(query);
      const listedIds = new Set<string>();
      const serviceIds = new Set<string>();
      let totalPages: number | undefined;
      for (let page = 1; page <= MAX_PAGES; page += 1) {
        const url = urlFor(plan.path, { ...plan.params, page: String(page) });
        const envelope = await getPage(url, signal);
        const info = orukPageInfo(envelope);
        totalPages = info.totalPages ?? totalPages;

        // One task a service, in the order listed; a service listed again (at another location,
        // or on a page that moved) is read once.
        let fresh = 0;
        const tasks = info.items.map((item): (() => Promise<Outcome | undefined>) => {
          const listed = !isObject(item) ? undefined : plan.path === '/services' ? item : item.service;
          const nested = isObject(listed) ? listed : undefined;
          const id = idOf(nested?.id) ?? (isObject(item) ? idOf(item.service_id) : undefined);
          if (id === undefined) return () => Promise.resolve({ skipped: true });
          if (listedIds.has(id)) return () => Promise.resolve(undefined);
          listedIds.add(id);
          fresh += 1;
          return async () => {
            const service = await readService(nested, id, signal);
            return service ? { service, publisherId: id } : { skipped: true };
          };
        });

        let skipped = 0;
        const items: Service[] = [];
        for await (const outcome of inOrder(tasks, DETAIL_CONCURRENCY)) {
          if (outcome === undefined) continue;
          if ('skipped' in outcome) {
            skipped += 1;
            counter.skipped += 1;
            continue;
          }
          const { service, publisherId } = outcome;
          publisherIds.set(service.id, publisherId);
          if (serviceIds.has(service.id)) continue;
          serviceIds.add(service.id);
          if (plan.need !== undefined && !service.needs.includes(plan.need)) continue;
          items.push(service);
          yield { service };
        }
        yield { page: { items, page, totalPages, totalItems: info.totalItems, skipped } };

        const last =
          info.lastPage ||
          info.items.length === 0 ||
          (totalPages !== undefined && page >= totalPages) ||
          // A publisher that ignores `page` sends page 1 again: its number, or nothing new, says so.
          (page > 1 && envelope.page_number !== undefined && envelope.page_number !== page) ||
          (page > 1 && fresh === 0 && plan.path === '/services');
        if (last) return;
      }
    } finally {
      stop.abort();
    }
  }

  function search(query: DirectoryQuery = {}): DirectorySearch {
    checkQuery(query);
    let latest = { skipped: 0 };
    const run = () => {
      latest = { skipped: 0 };
      return events(query, latest);
    };
    return {
      get skipped() {
        return latest.skipped;
      },
      async *[Symbol.asyncIterator]() {
        for await (const event of run()) if ('service' in event) yield event.service;
      },
      async *pages() {
        for await (const event of run()) if ('page' in event) yield event.page;
      },
      async first(n: number) {
        if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number from 0, not ${n}`);
        const found: Service[] = [];
        if (n === 0) return found;
        for await (const event of run()) {
          if (!('service' in event)) continue;
          found.push(event.service);
          if (found.length >= n) break;
        }
        return found;
      },
    };
  }

  async function service(id: string): Promise<Service> {
    const publisherId = publisherIds.get(id) ?? id;
    const url = urlFor(`/services/${encodeURIComponent(publisherId)}`);
    const signal = signalFor(undefined);
    const read = readOrukService(await getJson(url, signal));
    if (!read.success) throw new DirectoryReaderError('invalid_response', url.pathname);
    publisherIds.set(read.data.id, publisherId);
    return read.data;
  }

  return { search, service };
}

/** `Retry-After` in milliseconds: seconds, or an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at - Date.now();
}
