/**
 * @hubkit/sdk: the typed client of a hubkit hub, for browsers, Node ≥ 22 and other fetch
 * runtimes. Every argument and answer is typed from @hubkit/schema and checked against it;
 * creates are safe to retry; lists are pages you can await or iterate.
 *
 * @packageDocumentation
 */
export { Hubkit, createClient, getHealth, type HubkitOptions } from './client.ts';
export type { HubClient, RequestOptions } from './core/transport.ts';
export { APIPromise } from './core/api-promise.ts';
export type { Logger, LogLevel, LogDetails } from './core/log.ts';
export { isKnownWebhookEvent } from './core/events.ts';
export { isKnownCode } from './core/codes.ts';
export { Page, PagePromise } from './core/page.ts';
export { VERSION } from './version.ts';
export * from './errors/index.ts';
export * from './resources/referrals.ts';
export * from './resources/consents.ts';
export * from './resources/assessments.ts';
export * from './resources/services.ts';
export * from './resources/reports.ts';
export * from './resources/webhook-endpoints.ts';
export * from './resources/audit-events.ts';
export * from './resources/sessions.ts';
export type { ApiKey } from './core/api-key.ts';
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
import type * as read from './types.ts';

// The answers' types: the schema's entities as read from a hub that may be newer than this SDK
// (see types.ts), as aliases: re-exported names would read as values.
export type Assessment = read.Assessment;
export type AuditEvent = read.AuditEvent;
export type Consent = read.Consent;
export type Health = read.Health;
export type Outcome = read.Outcome;
export type Referral = read.Referral;
export type ReferralReport = read.ReferralReport;
export type Service = read.Service;
export type ServiceSearchResult = read.ServiceSearchResult;
export type Session = read.Session;
export type UnknownWebhookEvent = read.UnknownWebhookEvent;
export type WebhookDelivery = read.WebhookDelivery;
export type WebhookEndpoint = read.WebhookEndpoint;
export type WebhookEvent = read.WebhookEvent;
