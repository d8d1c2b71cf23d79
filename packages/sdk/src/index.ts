/**
 * @hubkit/sdk: the typed client of a hubkit hub, for browsers, Node ≥ 22 and other fetch
 * runtimes. Every argument and answer is typed from @hubkit/schema and checked against it;
 * creates are safe to retry; lists are pages you can await or iterate.
 *
 * @packageDocumentation
 */
export { Hubkit, createClient, getHealth, type HubkitOptions } from './client.ts';
export type { HubClient, RequestOptions } from './core/transport.ts';
export { Page, PagePromise } from './core/page.ts';
export * from './errors/index.ts';
export * from './resources/referrals.ts';
export * from './resources/consents.ts';
export * from './resources/assessments.ts';
export * from './resources/services.ts';
export * from './resources/reports.ts';
export * from './resources/webhook-endpoints.ts';
export * from './resources/audit-events.ts';
export {
  webhooks,
  verifyWebhook,
  signWebhook,
  WebhookVerificationError,
  type WebhookVerificationReason,
  type VerifyWebhookOptions,
  type SignWebhookOptions,
} from './webhooks.ts';
export {
  createDirectoryReader,
  DirectoryReaderError,
  type DirectoryReader,
  type DirectoryReaderErrorReason,
  type DirectoryReaderOptions,
  type DirectoryQuery,
  type DirectoryPage,
  type DirectorySearch,
} from './directory.ts';
import type * as schema from '@hubkit/schema';

// The schema's types under the SDK's name, as aliases: re-exported names would read as values.
export type Assessment = schema.Assessment;
export type AuditEvent = schema.AuditEvent;
export type Consent = schema.Consent;
export type Health = schema.Health;
export type Outcome = schema.Outcome;
export type Referral = schema.Referral;
export type ReferralReport = schema.ReferralReport;
export type Service = schema.Service;
export type ServiceSearchResult = schema.ServiceSearchResult;
export type WebhookDelivery = schema.WebhookDelivery;
export type WebhookEndpoint = schema.WebhookEndpoint;
export type WebhookEvent = schema.WebhookEvent;
