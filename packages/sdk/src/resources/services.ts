import { Service, ServiceListQuery, ServiceSearch, ServiceSearchResult, pageOf } from '@hubkit/schema';
import type * as z from 'zod/mini';
import { listPages } from '../core/list.ts';
import { Page, PagePromise } from '../core/page.ts';
import type { APIPromise } from '../core/api-promise.ts';
import type { HubClient, RequestOptions } from '../core/transport.ts';
import type * as read from '../types.ts';
import { checked } from '../core/validate-input.ts';

const ServicePage = /* @__PURE__ */ pageOf(Service);
const SearchPage = /* @__PURE__ */ pageOf(ServiceSearchResult);

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
): PagePromise<read.ServiceSearchResult> {
  const search = checked(ServiceSearch, params, client.lang);
  const fetchPage = (cursor: string | undefined): APIPromise<Page<read.ServiceSearchResult>> =>
    client
      .request(
        {
          method: 'POST',
          path: '/v1/services/search',
          body: { ...search, ...(cursor ? { cursor } : {}) },
          response: SearchPage,
        },
        options,
      )
      ._thenUnwrap((page) => new Page(page.data, page.nextCursor, (next) => fetchPage(next)));
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
  search(params?: ServiceSearchParams, options?: RequestOptions): PagePromise<read.ServiceSearchResult> {
    return searchServices(this.#client, params, options);
  }

  retrieve(id: string, options?: RequestOptions): APIPromise<read.Service> {
    return retrieveService(this.#client, id, options);
  }
}
