import { WebhookEvent, webhookEventTypes } from '@hubkit/schema';
import * as z from 'zod/mini';
import type { UnknownWebhookEvent, WebhookEvent as ReadWebhookEvent } from '../types.ts';
import { alreadyTolerant, tolerant } from './tolerant.ts';

const knownTypes: ReadonlySet<string> = new Set(webhookEventTypes);

/** Whether this SDK knows the event's type; if so, its data is typed by that type. */
export function isKnownWebhookEvent(
  event: ReadWebhookEvent | UnknownWebhookEvent,
): event is ReadWebhookEvent {
  return knownTypes.has(event.type);
}

/**
 * Reads a webhook event, in a delivery or the events list: a known type by its schema (read
 * tolerantly), a type the hub added later as its envelope and data. A known type whose data is
 * not its contract is not passed off as an unknown one: it fails.
 */
export const WebhookEventReader = /* @__PURE__ */ alreadyTolerant(
  z.union([
    tolerant(WebhookEvent),
    z.object({
      id: z.string(),
      type: z.string().check(z.refine((type) => !knownTypes.has(type))),
      apiVersion: z.string(),
      createdAt: z.string(),
      data: z.record(z.string(), z.unknown()),
    }),
  ]),
) as unknown as z.ZodMiniType<ReadWebhookEvent | UnknownWebhookEvent>;
