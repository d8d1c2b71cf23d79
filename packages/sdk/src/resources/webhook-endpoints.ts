import { ListQuery, WebhookDelivery, WebhookEndpoint, WebhookEndpointCreate, pageOf } from '@hubkit/schema';
import type * as z from 'zod/mini';
import { listPages, segment } from '../core/list.ts';
import type { PagePromise } from '../core/page.ts';
import type { HubClient, RequestOptions } from '../core/transport.ts';
import { checked } from '../core/validate-input.ts';

const EndpointPage = /* @__PURE__ */ pageOf(WebhookEndpoint);
const DeliveryPage = /* @__PURE__ */ pageOf(WebhookDelivery);

export type WebhookEndpointCreateParams = z.input<typeof WebhookEndpointCreate>;

/** Registers a URL for events. The answer carries the signing secret: the only time it is shown. */
export async function createWebhookEndpoint(
  client: HubClient,
  params: WebhookEndpointCreateParams,
  options?: RequestOptions,
): Promise<WebhookEndpoint & { secret: string }> {
  const body = checked(WebhookEndpointCreate, params, client.lang);
  const endpoint = await client.request(
    { method: 'POST', path: '/v1/webhook-endpoints', body, response: WebhookEndpoint, idempotent: true },
    options,
  );
  return { ...endpoint, secret: endpoint.secret ?? '' };
}

export function listWebhookEndpoints(
  client: HubClient,
  params: z.input<typeof ListQuery> = {},
  options?: RequestOptions,
): PagePromise<WebhookEndpoint> {
  return listPages(
    client,
    '/v1/webhook-endpoints',
    checked(ListQuery, params, client.lang),
    EndpointPage,
    options,
  );
}

export async function retrieveWebhookEndpoint(
  client: HubClient,
  id: string,
  options?: RequestOptions,
): Promise<WebhookEndpoint> {
  return client.request(
    { method: 'GET', path: `/v1/webhook-endpoints/${segment(id)}`, response: WebhookEndpoint },
    options,
  );
}

/** Deletes an endpoint: nothing more is sent to it. */
export async function deleteWebhookEndpoint(
  client: HubClient,
  id: string,
  options?: RequestOptions,
): Promise<void> {
  await client.request(
    { method: 'DELETE', path: `/v1/webhook-endpoints/${segment(id)}`, response: undefined },
    options,
  );
}

/** Every delivery attempt to an endpoint, newest first. */
export function listWebhookDeliveries(
  client: HubClient,
  id: string,
  params: z.input<typeof ListQuery> = {},
  options?: RequestOptions,
): PagePromise<WebhookDelivery> {
  return listPages(
    client,
    `/v1/webhook-endpoints/${segment(id)}/deliveries`,
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
  ): Promise<WebhookEndpoint & { secret: string }> {
    return createWebhookEndpoint(this.#client, params, options);
  }

  list(params?: z.input<typeof ListQuery>, options?: RequestOptions): PagePromise<WebhookEndpoint> {
    return listWebhookEndpoints(this.#client, params, options);
  }

  retrieve(id: string, options?: RequestOptions): Promise<WebhookEndpoint> {
    return retrieveWebhookEndpoint(this.#client, id, options);
  }

  /** {@inheritDoc deleteWebhookEndpoint} */
  delete(id: string, options?: RequestOptions): Promise<void> {
    return deleteWebhookEndpoint(this.#client, id, options);
  }

  /** {@inheritDoc listWebhookDeliveries} */
  deliveries(
    id: string,
    params?: z.input<typeof ListQuery>,
    options?: RequestOptions,
  ): PagePromise<WebhookDelivery> {
    return listWebhookDeliveries(this.#client, id, params, options);
  }
}
