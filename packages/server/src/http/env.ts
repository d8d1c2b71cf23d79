/**
 * What the hub's middleware share on a request's context: its id and language for every request,
 * and, on the v1 routes, the operation being answered, filled in step by step (the key, the body's
 * text, what lets its claim on an Idempotency-Key go).
 */
import type { Context } from 'hono';
import type { Lang } from '@hubkit/schema';
import type { Route, RouteName } from '@hubkit/schema/routes';
import type { ApiKeyRecord } from '@hubkit/hub';

export interface Operation {
  name: RouteName;
  route: Route;
  /**
   * The caller's key; null on routes that take none. For a staff token, the key that minted it,
   * with the member of staff the token is for.
   */
  key: (ApiKeyRecord & { staffRef?: string }) | null;
  /** The body's exact text (checked with the schema, and hashed for its Idempotency-Key, by answerRoute). */
  bodyText: string;
  /** Lets the claim go, should the request run out of time. */
  releaseClaim?: () => Promise<void>;
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
