/** Webhook endpoints (the hub's own keys only) and their deliveries. */
import type { WebhookEndpoint, WebhookEndpointCreate } from '@hubkit/schema';
import { notFound } from '../problems.ts';
import { pageRequest as page } from '../records.ts';
import type { StoredWebhookEndpoint } from '../store.ts';
import { base64url, randomBytes } from '../web.ts';
import { caller, hubOnly, id, type Handler } from './context.ts';

/** A webhook endpoint as the API shows it: the signing secret only when it is made. */
function publicEndpoint({ secret: _secret, ...endpoint }: StoredWebhookEndpoint): WebhookEndpoint {
  return endpoint;
}

export const webhookHandlers = {
  createWebhookEndpoint: async (c) => {
    hubOnly(c);
    const secret = `whsec_${base64url(randomBytes(32))}`;
    const endpoint = await c.hub.createWebhookEndpoint(c.body as WebhookEndpointCreate, secret, caller(c));
    return { status: 201, body: endpoint, stored: true };
  },
  listWebhookEndpoints: async (c) => {
    hubOnly(c);
    const result = await c.hub.store.listWebhookEndpoints(page(c.query));
    return { status: 200, body: { data: result.data.map(publicEndpoint), nextCursor: result.nextCursor } };
  },
  retrieveWebhookEndpoint: async (c) => {
    hubOnly(c);
    const endpoint = await c.hub.store.getWebhookEndpoint(id(c));
    if (!endpoint) throw notFound('webhook endpoint');
    return { status: 200, body: publicEndpoint(endpoint) };
  },
  deleteWebhookEndpoint: async (c) => {
    hubOnly(c);
    if (!(await c.hub.store.deleteWebhookEndpoint(id(c), c.hub.now()))) throw notFound('webhook endpoint');
    return { status: 204, body: null };
  },
  listWebhookDeliveries: async (c) => {
    hubOnly(c);
    if (!(await c.hub.store.getWebhookEndpoint(id(c)))) throw notFound('webhook endpoint');
    return { status: 200, body: await c.hub.store.listDeliveries(id(c), page(c.query)) };
  },
} satisfies Record<string, Handler>;
