/**
 * What the hub's middleware share on a request's context: its id and language for every request,
 * and, on the v1 routes, the operation being answered, filled in step by step (the key, what was
 * read from the request, the claim on its Idempotency-Key, the handler's answer).
 */
import type { Context } from 'hono';
import type { Lang } from '@hubkit/schema';
import type { Route, RouteName } from '@hubkit/schema/routes';
import type { Caller } from '../domain/hub.ts';
import type { ApiKeyRecord } from '../store/types.ts';
import type { HandlerResult } from './handlers.ts';

export interface Operation {
  name: RouteName;
  route: Route;
  /** The caller's key; null on routes that take none. */
  key: ApiKeyRecord | null;
  /** Path parameters, checked (ids are UUIDs, lower case). */
  params: Record<string, string>;
  /** The query, validated; undefined for routes without one. */
  query: unknown;
  /** The body, validated, and its exact text (for the Idempotency-Key's request hash). */
  body: unknown;
  bodyText: string;
  /** The claim on the request's Idempotency-Key, for the write to store its answer with. */
  idempotency?: Caller['idempotency'];
  /** Lets the claim go, should the request run out of time. */
  releaseClaim?: () => Promise<void>;
  /** The handler's answer. */
  result?: HandlerResult;
}

export interface HubEnv {
  Variables: {
    requestId: string;
    lang: Lang;
    keyId?: string;
    operation?: Operation;
  };
}

/** The operation a v1 route's middleware works on (begun by `operation()`, first on each route). */
export function operationOf(c: Context<HubEnv>): Operation {
  const operation = c.get('operation');
  if (!operation) throw new Error('No operation on this request: operation() comes first on each v1 route');
  return operation;
}
