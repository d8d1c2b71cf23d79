/**
 * What a route handler is given and gives back. The host (the server's Hono app, the mocks' msw
 * handlers) has already authenticated, parsed and validated; a handler asks the hub and says
 * what to answer. Plain data both ways: no framework, no request object.
 */
import type { Caller, Hub } from '../hub.ts';
import { requireCaller, requireHub } from '../records.ts';

export interface HandlerContext {
  hub: Hub;
  caller: Caller | null;
  /** The route's path parameters, checked (ids are UUIDs in lower case). */
  params: Record<string, string>;
  /** The query, validated against the route's schema. */
  query: unknown;
  /** The body, validated against the route's schema. */
  body: unknown;
  /** Where the hub answers, for the OpenAPI document's `servers`. */
  baseUrl: string;
  /** What `/healthz` reports. */
  version: string;
  /** Issues proof-of-work challenges (the host's ProofOfWork: its own hashing and spent-challenge store). */
  proofOfWork: { challenge(): Promise<unknown> };
}

export interface HandlerResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** The hub saved this answer with the write itself, for the request's Idempotency-Key. */
  stored?: boolean;
}

export type Handler = (context: HandlerContext) => Promise<HandlerResult>;

export const caller = (context: HandlerContext): Caller => requireCaller(context.caller);
/** Hub-wide reports, the audit trail and webhooks are the hub's own: not a provider's. */
export const hubOnly = (context: HandlerContext): Caller => requireHub(context.caller);
export const id = (context: HandlerContext): string => context.params.id ?? '';
