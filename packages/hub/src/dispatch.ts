/**
 * Answering one request of the v1 contract once the host has read it: the route's handler, the
 * audit trail, and the Idempotency-Key (IETF draft: claimed before the work, completed with it,
 * a refusal stored as the answer, a failure letting the claim go). The server's Hono app and the
 * mocks' msw handlers authenticate, read and validate, then call `answerRoute`.
 */
import { IDEMPOTENT_REPLAY_HEADER, IdempotencyKey } from '@hubkit/schema';
import type { RouteName } from '@hubkit/schema/routes';
import { handlers, type HandlerContext, type HandlerResult } from './handlers/index.ts';
import type { Caller, Hub } from './hub.ts';
import { idempotencyInFlight, problemBody, ProblemError } from './problems.ts';
import { auditEventsFor } from './records.ts';
import { IdempotencyClaimLost } from './store.ts';
import { newId } from './web.ts';

export interface RouteRequest {
  hub: Hub;
  name: RouteName;
  /** The status the route answers with when it succeeds (a write's idempotent answer). */
  status: number;
  /** Who is asking (null on a public route), for which request, in which language. */
  caller: Caller | null;
  params: Record<string, string>;
  query: unknown;
  body: unknown;
  /** The Idempotency-Key sent (on a route that takes one), or null. */
  idempotencyKey: string | null;
  /** Same key, same request: what identifies the request (method, path and exact body). */
  requestHash: string;
  /** How long an answer is kept for its Idempotency-Key, and how long a claim lasts. */
  idempotencyTtlMs: number;
  requestTimeoutMs: number;
  /** This hub process, as named on its claims. */
  holder: string;
  /** What the handlers need of the host. */
  host: Pick<HandlerContext, 'baseUrl' | 'version' | 'proofOfWork'>;
  /** Run before the handler (the mocks' latency). */
  beforeWork?: () => Promise<void>;
  /** Given what lets the request's claim go, should the host give up on it (a timeout). */
  onClaim?: (release: () => Promise<void>) => void;
}

/** The answer: its status, its body (JSON text when replayed), and headers. */
export interface RouteAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export async function answerRoute(request: RouteRequest): Promise<RouteAnswer> {
  const { hub, name, caller, params, body } = request;
  const store = hub.store;

  /** Records who read or changed which records, in one batch; a replayed answer discloses it again. */
  const audit = async (answer: unknown): Promise<void> => {
    if (!caller) return;
    const events = auditEventsFor(name, {
      newId,
      at: hub.now(),
      key: caller.key,
      requestId: caller.requestId,
      pathId: params.id,
      answer,
      body,
    });
    await store.insertAudit(events);
  };

  const run = async (idempotency?: Caller['idempotency']): Promise<HandlerResult> => {
    await request.beforeWork?.();
    const result = await handlers[name]({
      ...request.host,
      hub,
      caller: caller && { ...caller, idempotency },
      params,
      query: request.query,
      body,
    });
    await audit(result.body);
    return result;
  };

  const { idempotencyKey, requestHash } = request;
  if (idempotencyKey === null || !caller) return run();
  if (!IdempotencyKey.safeParse(idempotencyKey).success) {
    throw new ProblemError(
      400,
      'idempotency_key_invalid',
      'An Idempotency-Key is 1 to 255 visible ASCII characters.',
    );
  }
  const now = hub.now();
  const claim = { keyId: caller.key.id, key: idempotencyKey, token: newId() };
  const begun = await store.beginIdempotent(
    claim.keyId,
    idempotencyKey,
    requestHash,
    now,
    new Date(Date.parse(now) + request.idempotencyTtlMs).toISOString(),
    {
      token: claim.token,
      holder: request.holder,
      until: new Date(Date.parse(now) + request.requestTimeoutMs).toISOString(),
    },
  );
  if (begun.state === 'in_flight') throw idempotencyInFlight();
  if (begun.state === 'done') {
    if (begun.requestHash !== requestHash) {
      throw new ProblemError(
        422,
        'idempotency_key_reused',
        'This Idempotency-Key was used with a different request; use a new key.',
      );
    }
    if (begun.status < 300) await audit(JSON.parse(begun.body));
    return { status: begun.status, body: begun.body, headers: { [IDEMPOTENT_REPLAY_HEADER]: 'true' } };
  }
  // Out of time: let the claim go now. Should the work still reach its write, the write no
  // longer holds the claim and is rolled back, so a retry makes the record once.
  request.onClaim?.(() => store.releaseIdempotent(claim.keyId, claim.key, claim.token));
  try {
    const result = await run({ ...claim, status: request.status });
    if (!result.stored)
      await store.completeIdempotent({ ...claim, status: result.status, body: JSON.stringify(result.body) });
    return result;
  } catch (error) {
    if (error instanceof IdempotencyClaimLost) {
      // Another request with this key took over: it makes the record, a retry gets its answer.
      throw idempotencyInFlight();
    }
    if (error instanceof ProblemError && error.status < 500) {
      // A refusal is the answer to this request: a retry gets the same one.
      const refusal = problemBody(
        error.status,
        error.code,
        caller.lang,
        caller.requestId,
        error.message,
        error.errors,
      );
      try {
        await store.completeIdempotent({ ...claim, status: error.status, body: JSON.stringify(refusal) });
      } catch (lost) {
        if (lost instanceof IdempotencyClaimLost) throw idempotencyInFlight();
        throw lost;
      }
    } else {
      await store.releaseIdempotent(claim.keyId, claim.key, claim.token);
    }
    throw error;
  }
}
