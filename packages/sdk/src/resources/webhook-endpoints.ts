import { ListQuery, WebhookDelivery, WebhookEndpoint, WebhookEndpointCreate, pageOf } from '@hubkit/schema';
import type * as z from 'zod/mini';
import { listPages } from '../core/list.ts';
import type { PagePromise } from '../core/page.ts';
import type { APIPromise } from '../core/api-promise.ts';
import type { HubClient, RequestOptions } from '../core/transport.ts';
import type * as read from '../types.ts';
import { checked } from '../core/validate-input.ts';

const EndpointPage = /* @__PURE__ */ pageOf(WebhookEndpoint);
const DeliveryPage = /* @__PURE__ */ pageOf(WebhookDelivery);

export type WebhookEndpointCreateParams = z.input<typeof WebhookEndpointCreate>;

/** Registers a URL for events. The answer carries the signing secret: the only time it is shown. */
export function createWebhookEndpoint(
  client: HubClient,
  params: WebhookEndpointCreateParams,
  options?: RequestOptions,
): APIPromise<read.WebhookEndpoint & { secret: string }> {
  const body = (): unknown => checked(WebhookEndpointCreate, params, client.lang);
  return client
    .request(
      { method: 'POST', path: '/v1/webhook-endpoints', body, response: WebhookEndpoint, idempotent: true },
      options,
    )
    ._thenUnwrap((endpoint) => ({ ...endpoint, secret: endpoint.secret ?? '' }));
}

export function listWebhookEndpoints(
  client: HubClient,
  params: z.input<typeof ListQuery> = {},
  options?: RequestOptions,
): PagePromise<read.WebhookEndpoint> {
  return listPages(
    client,
    '/v1/webhook-endpoints',
    {},
    checked(ListQuery, params, client.lang),
    EndpointPage,
    options,
  );
}

export function retrieveWebhookEndpoint(
  client: HubClient,
  id: string,
  options?: RequestOptions,
): APIPromise<read.WebhookEndpoint> {
  return client.request(
    { method: 'GET', path: '/v1/webhook-endpoints/{id}', params: { id }, response: WebhookEndpoint },
    options,
  );
}

/** Deletes an endpoint: nothing more is sent to it. */
export function deleteWebhookEndpoint(
  client: HubClient,
  id: string,
  options?: RequestOptions,
): APIPromise<undefined> {
  return client.request(
    { method: 'DELETE', path: '/v1/webhook-endpoints/{id}', params: { id }, response: undefined },
    options,
  );
}

/** Every delivery attempt to an endpoint, newest first. */
export function listWebhookDeliveries(
  client: HubClient,
  id: string,
  params: z.input<typeof ListQuery> = {},
  options?: RequestOptions,
): PagePromise<read.WebhookDelivery> {
  return listPages(
    client,
    '/v1/webhook-endpoints/{id}/deliveries',
    { id },
    checked(ListQuery, params, client.lang),
    DeliveryPage,
    options,
  );
}

/** Where the hub sends events. */
export class WebhookEndpoints {
  readonly #client: HubClient;

  constructor(client: HubClient) {
    this.#client = client;
  }

  /** {@inheritDoc createWebhookEndpoint} */
  create(
    params: WebhookEndpointCreateParams,
    options?: RequestOptions,
  ): APIPromise<read.WebhookEndpoint & { secret: string }> {
    return createWebhookEndpoint(this.#client, params, options);
  }

  list(params?: z.input<typeof ListQuery>, options?: RequestOptions): PagePromise<read.WebhookEndpoint> {
    return listWebhookEndpoints(this.#client, params, options);
  }

  retrieve(id: string, options?: RequestOptions): APIPromise<read.WebhookEndpoint> {
    return retrieveWebhookEndpoint(this.#client, id, options);
  }

  /** {@inheritDoc deleteWebhookEndpoint} */
  delete(id: string, options?: RequestOptions): APIPromise<undefined> {
    return deleteWebhookEndpoint(this.#client, id, options);
  }

  /** {@inheritDoc listWebhookDeliveries} */
  deliveries(
    id: string,
    params?: z.input<typeof ListQuery>,
    options?: RequestOptions,
  ): PagePromise<read.WebhookDelivery> {
    return listWebhookDeliveries(this.#client, id, params, options);
  }
}
