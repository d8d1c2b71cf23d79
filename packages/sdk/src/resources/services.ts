import { Service, ServiceListQuery, ServiceSearch, ServiceSearchPage, pageOf } from '@hubkit/schema';
import type * as z from 'zod/mini';
import { listPages } from '../core/list.ts';
import { Page, PagePromise } from '../core/page.ts';
import type { APIPromise } from '../core/api-promise.ts';
import type { HubClient, RequestOptions } from '../core/transport.ts';
import type { Read } from '../core/tolerant.ts';
import type * as read from '../types.ts';
import { checked } from '../core/validate-input.ts';

const ServicePage = /* @__PURE__ */ pageOf(Service);

/** Whether a page of search results is in order of distance (a newer hub may say more). */
export type SearchDistances = Read<typeof ServiceSearchPage>['distances'];

/**
 * A page of search results, and whether they are in order of distance: `from_postcode`,
 * `no_postcode`, or `postcode_not_found` (a real postcode the hub cannot place: the results
 * come as without a postcode, with no distances, and no radius applied). Every page of a search
 * says the same.
 */
export class SearchPage extends Page<read.ServiceSearchResult> {
  readonly distances: SearchDistances;

  constructor(
    data: read.ServiceSearchResult[],
    nextCursor: string | null,
    distances: SearchDistances,
    next: (cursor: string) => Promise<SearchPage>,
  ) {
    super(data, nextCursor, next);
    this.distances = distances;
  }

  /** The next page, or null after the last. */
  override async nextPage(): Promise<SearchPage | null> {
    return (await super.nextPage()) as SearchPage | null;
  }
}

export type ServiceSearchParams = z.input<typeof ServiceSearch>;
export type ServiceListParams = z.input<typeof ServiceListQuery>;

/** Browse the directory by words and need. */
export function listServices(
  client: HubClient,
  params: ServiceListParams = {},
  options?: RequestOptions,
): PagePromise<read.Service> {
  return listPages(
    client,
    '/v1/services',
    {},
    checked(ServiceListQuery, params, client.lang),
    ServicePage,
    options,
  );
}

/**
 * Search the directory by words, need and postcode: services for the person's area first,
 * nearest first. The postcode is sent in the body, never in a URL.
 */
export function searchServices(
  client: HubClient,
  params: ServiceSearchParams = {},
  options?: RequestOptions,
): PagePromise<read.ServiceSearchResult, SearchPage> {
  const search = checked(ServiceSearch, params, client.lang);
  const fetchPage = (cursor: string | undefined): APIPromise<SearchPage> =>
    client
      .request(
        {
          method: 'POST',
          path: '/v1/services/search',
          body: { ...search, ...(cursor ? { cursor } : {}) },
          response: ServiceSearchPage,
        },
        options,
      )
      ._thenUnwrap(
        (page) => new SearchPage(page.data, page.nextCursor, page.distances, (next) => fetchPage(next)),
      );
  return new PagePromise(() => fetchPage(search.cursor));
}

export function retrieveService(
  client: HubClient,
  id: string,
  options?: RequestOptions,
): APIPromise<read.Service> {
  return client.request(
    { method: 'GET', path: '/v1/services/{id}', params: { id }, response: Service },
    options,
  );
}

/** The hub's directory of services. */
export class Services {
  readonly #client: HubClient;

  constructor(client: HubClient) {
    this.#client = client;
  }

  /** {@inheritDoc listServices} */
  list(params?: ServiceListParams, options?: RequestOptions): PagePromise<read.Service> {
    return listServices(this.#client, params, options);
  }

  /** {@inheritDoc searchServices} */
  search(
    params?: ServiceSearchParams,
    options?: RequestOptions,
  ): PagePromise<read.ServiceSearchResult, SearchPage> {
    return searchServices(this.#client, params, options);
  }

  retrieve(id: string, options?: RequestOptions): APIPromise<read.Service> {
    return retrieveService(this.#client, id, options);
  }
}
