/**
 * @hubkit/server: the reference hub API. `startHub()` runs one; `createApp()` gives the Hono
 * app to mount elsewhere; `SqliteStore` and the `Store` interface are the storage.
 *
 * @packageDocumentation
 */
export { startHub, VERSION, type HubOptions, type RunningHub } from './server.ts';
export { createApp, type AppOptions, type HubEnv } from './http/app.ts';
export { jsonLogger, silentLogger, type Logger } from './log.ts';
export {
  DEFAULT_RATE_LIMITS,
  uniformRateLimits,
  type RateLimit,
  type RateLimits,
} from './http/rate-limit.ts';
export { parseTrustProxy, type TrustProxy } from './http/client-address.ts';
export { DEFAULT_PROOF_MAX_NUMBER, type ProofOfWorkOptions } from './http/proof-of-work.ts';
export { staticFiles, STRICT_CSP, type StaticMount, type StaticOptions } from './http/static.ts';
export { Hub, systemClock, type Caller, type Clock } from '@hubkit/hub';
export { ProblemError } from '@hubkit/hub';
export { makeKey, hashKey } from './domain/keys.ts';
export { signWebhook, WebhookDispatcher, DEFAULT_RETRY_SCHEDULE_MS } from './domain/webhooks.ts';
export { seedDirectory, demoKeys, type DemoKeys } from './domain/demo.ts';
export { SqliteStore } from './store/sqlite.ts';
export type {
  ApiKeyRecord,
  AuditFilter,
  DueDelivery,
  IdempotencyBegin,
  IdempotencyClaim,
  IdempotencyCompletion,
  KeyKind,
  KeyRole,
  PageRequest,
  ReferralFilter,
  ReportCounts,
  ServiceFilter,
  Store,
  StoredEvent,
  StoredWebhookEndpoint,
  WriteEffects,
} from '@hubkit/hub';
export { IdempotencyClaimLost } from '@hubkit/hub';
export { main } from './cli.ts';
export { startHubProcess, type HubProcess, type HubProcessOptions } from './process.ts';
