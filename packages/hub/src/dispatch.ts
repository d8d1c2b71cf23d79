/**
 * Answering one request of the v1 contract once the host has routed and authenticated it: the
 * path parameters, query and body read and validated with the shared schema, proof of work,
 * the route's handler, the audit trail, and the Idempotency-Key (IETF draft: claimed before the
 * work, completed with it, a refusal stored as the answer, a failure letting the claim go). The
 * server's Hono app and the mocks' msw handlers both call `answerRoute`.
 */
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAY_HEADER,
  IdempotencyKey,
  PROOF_HEADER,
  validate,
  type AuditEvent,
  type Lang,
} from '@hubkit/schema';
import { routes, type Route, type RouteName } from '@hubkit/schema/routes';
import { handlers, type HandlerContext, type HandlerResult } from './handlers/index.ts';
import type { Caller, Hub } from './hub.ts';
import { idempotencyInFlight, problemBody, ProblemError } from './problems.ts';
import { auditEventsFor, type AccessKey } from './records.ts';
import { parseJson, queryObject } from './request.ts';
import { IdempotencyClaimLost } from './store.ts';
import { newId, randomId } from './web.ts';

/** What the host brings: the hub, its settings, and what the handlers need of it. */
export interface RouteHost extends Pick<HandlerContext, 'baseUrl' | 'version'> {
  hub: Hub;
  /** Issues and checks proof-of-work challenges (the host's ProofOfWork: its own hashing and spent-challenge store). */
  proofOfWork: HandlerContext['proofOfWork'] & {
    readonly required: boolean;
    check(solution: string | undefined, use: string | null): Promise<void>;
  };
  /** How long an answer is kept for its Idempotency-Key, and how long a claim lasts. */
  idempotencyTtlMs: number;
  requestTimeoutMs: number;
  /** This hub process, as named on its claims. */
  holder: string;
  /** What identifies a request for its Idempotency-Key, from its method, path and exact body. */
  digest: (text: string) => string;
  /** Run before the handler (the mocks' latency). */
  beforeWork?: () => Promise<void>;
  /** Given what lets the request's claim go, should the host give up on it (a timeout). */
  onClaim?: (release: () => Promise<void>) => void;
}

/** One request, as the host's router found it and its authentication let it through. */
export interface RouteRequest {
  name: RouteName;
  /** The key it was sent with (null on a public route). */
  key: AccessKey | null;
  requestId: string;
  lang: Lang;
  /** The request's URL (a `URL`): its path, and its query's pairs. */
  url: { pathname: string; searchParams: Iterable<readonly [string, string]> };
  /** A path parameter as sent (decoded), or undefined. */
  param: (name: string) => string | undefined;
  header: (name: string) => string | undefined;
  /** The body's text, read within the host's size limit (asked only of routes that take one). */
  readBody: () => Promise<string>;
}

/** The answer: its status, its body (JSON text when replayed), and headers. */
export interface RouteAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** A query or body checked against the route's schema, or the problem that names each field. */
function validated(
  schema: Route['body'],
  value: unknown,
  lang: Lang,
  status: 400 | 422,
  code: 'invalid_query' | 'validation_failed',
): unknown {
  if (!schema) return value;
  const result = validate(schema, value, { lang });
  if (result.success) return result.data;
  throw new ProblemError(
    status,
    code,
    status === 422
      ? 'Some fields need changing: see errors.'
      : 'Some query parameters need changing: see errors.',
    { errors: result.errors },
  );
}

/** The route's path parameters: an id is a UUID (in lower case), a version a positive number. */
function routeParams(route: Route, param: RouteRequest['param']): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [, name] of route.path.matchAll(/\{(\w+)\}/g)) {
    const value = param(name ?? '') ?? '';
    const ok = name === 'version' ? /^[1-9]\d{0,8}$/.test(value) : UUID.test(value);
    if (!ok || !name) throw new ProblemError(404, 'not_found', 'Nothing here has that id.');
    params[name] = name === 'id' ? value.toLowerCase() : value;
  }
  return params;
}

/**
 * Routes whose handler reads, then makes one write, the last thing it does, with its answer for
 * the Idempotency-Key (completeIdempotent, which fails unless the claim is still this request's):
 * nothing of theirs is kept unless the claim is held, so their work need not wait for it.
 */
const FENCED_BY_CLAIM: ReadonlySet<RouteName> = new Set([
  'createReferral',
  'createConsent',
  'createAssessment',
]);

export async function answerRoute(host: RouteHost, request: RouteRequest): Promise<RouteAnswer> {
  const { hub, proofOfWork } = host;
  const { name, key, requestId, lang } = request;
  const route: Route = routes[name];
  const store = hub.store;
  const params = routeParams(route, request.param);
  const query = route.query
    ? validated(route.query, queryObject(request.url.searchParams), lang, 400, 'invalid_query')
    : undefined;
  let bodyText = '';
  let body: unknown;
  if (route.body) {
    bodyText = await request.readBody();
    body = validated(route.body, parseJson(bodyText), lang, 422, 'validation_failed');
  }
  const idempotencyKey = route.idempotent ? (request.header(IDEMPOTENCY_KEY_HEADER) ?? null) : null;
  // Same key, same request: the method, the path and the exact body.
  const requestHash = host.digest(`${route.method} ${request.url.pathname}\n${bodyText}`);
  // Checked before the Idempotency-Key is claimed: a refusal here is not the write's answer.
  if (route.proof && key?.kind === 'publishable' && proofOfWork.required) {
    const use = idempotencyKey === null ? null : `${key.id}\n${idempotencyKey}\n${requestHash}`;
    await proofOfWork.check(request.header(PROOF_HEADER), use);
  }

  /** Who read or changed which records with this request's answer. */
  const auditEvents = (answer: unknown): AuditEvent[] =>
    key
      ? auditEventsFor(name, {
          newId,
          at: hub.now(),
          key,
          requestId,
          pathId: params.id,
          answer,
          body,
        })
      : [];
  // A write records them with its record (Caller.audit); a read, or a replayed answer (which
  // discloses it again), records them alone.
  const caller: Caller | null = key && { key, requestId, lang, audit: auditEvents };
  const audit = async (answer: unknown): Promise<void> => {
    if (caller) await store.insertAudit(auditEvents(answer));
  };

  const run = async (idempotency?: Caller['idempotency']): Promise<HandlerResult> => {
    await host.beforeWork?.();
    const result = await handlers[name]({
      baseUrl: host.baseUrl,
      version: host.version,
      proofOfWork,
      hub,
      caller: caller && { ...caller, idempotency },
      params,
      query,
      body,
    });
    if (!result.stored) await audit(result.body);
    return result;
  };

  if (idempotencyKey === null || !caller) return run();
  if (!IdempotencyKey.safeParse(idempotencyKey).success) {
    throw new ProblemError(
      400,
      'idempotency_key_invalid',
      'An Idempotency-Key is 1 to 255 visible ASCII characters.',
    );
  }
  const now = hub.now();
  const claim = { keyId: caller.key.id, key: idempotencyKey, token: randomId() };
  const claiming = store.beginIdempotent(
    claim.keyId,
    idempotencyKey,
    requestHash,
    now,
    new Date(Date.parse(now) + host.idempotencyTtlMs).toISOString(),
    {
      token: claim.token,
      holder: host.holder,
      until: new Date(Date.parse(now) + host.requestTimeoutMs).toISOString(),
    },
  );
  // Work whose one write is fenced by the claim starts while the claim is made, where the store
  // runs writes in order (Store.writesInOrder): its write is asked for after the claim, so it
  // runs after it, and is rolled back unless the claim is this request's. The claim and the write then often share one batch and one commit.
  // The hub sets its `answer`: the text stored for a replay, sent as is.
  const idempotency: NonNullable<Caller['idempotency']> = { ...claim, status: route.status };
  const early = store.writesInOrder && FENCED_BY_CLAIM.has(name) ? run(idempotency) : null;
  early?.catch(() => undefined); // awaited below, unless the claim answers first
  const begun = await claiming;
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
  host.onClaim?.(() => store.releaseIdempotent(claim.keyId, claim.key, claim.token));
  try {
    const result = await (early ?? run(idempotency));
    if (!result.stored)
      await store.completeIdempotent({ ...claim, status: result.status, body: JSON.stringify(result.body) });
    // Sent as the very text stored for a replay.
    return { ...result, body: (result.stored ? idempotency.answer : undefined) ?? result.body };
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
