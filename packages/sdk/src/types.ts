/**
 * What the SDK's calls give back: the schema's entities as read from a hub that may be newer
 * than this SDK (see core/tolerant.ts). The same fields as `@hubkit/schema`'s types, but a code
 * may also be a string this SDK does not know yet: `ReferralStatus | (string & {})`.
 */
import type * as schema from '@hubkit/schema';
import type { Read } from './core/tolerant.ts';

export type Assessment = Read<typeof schema.Assessment>;
export type AuditEvent = Read<typeof schema.AuditEvent>;
export type Consent = Read<typeof schema.Consent>;
export type Health = Read<typeof schema.Health>;
export type Outcome = Read<typeof schema.Outcome>;
export type Referral = Read<typeof schema.Referral>;
export type ReferralReport = Read<typeof schema.ReferralReport>;
export type Service = Read<typeof schema.Service>;
export type ServiceSearchResult = Read<typeof schema.ServiceSearchResult>;
export type Session = Read<typeof schema.Session>;
export type WebhookDelivery = Read<typeof schema.WebhookDelivery>;
export type WebhookEndpoint = Read<typeof schema.WebhookEndpoint>;
/** An event of a type this SDK knows; its codes may still be new ones. */
export type WebhookEvent = Read<typeof schema.WebhookEvent>;

/**
 * An event of a type this SDK does not know yet (the hub added it): its envelope, and its data
 * as sent. Tell them apart with `isKnownWebhookEvent(event)`.
 */
export interface UnknownWebhookEvent {
  id: string;
  /** Not one of `webhookEventTypes`. */
  type: string;
  apiVersion: string;
  createdAt: string;
  data: Record<string, unknown>;
}
