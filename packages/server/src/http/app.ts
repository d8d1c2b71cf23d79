/**
 * The hub's HTTP API on Hono: every route of the v1 contract (`routes` in @hubkit/schema), each
 * HTTP concern one middleware (http/middleware/*.ts), in the order below, and each route then
 * answered by the hub core's `answerRoute` (@hubkit/hub: params, query and body checked with the
 * shared schema, proof of work, the handler, the audit trail, the Idempotency-Key), which the
 * mocks call too, so that no rule of the contract is written twice.
 *
 *   every request   access log → request id and language → security headers → allowed host
 *   /v1/*           no-store → secret key from a browser refused → CORS (cached allowed origins)
 *   each v1 route   operation → deadline → authenticate → rate limit → JSON body (type and
 *                   size-limited) → answerRoute
 *   errors          problem details (middleware/problems.ts)
 */
import { createHash } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { answerRoute, ProblemError, type Hub, type RouteHost } from '@hubkit/hub';
import { routes, type Route, type RouteName } from '@hubkit/schema/routes';
import { registerWelsh } from '@hubkit/schema/cy';
import { jsonLogger, type Logger } from '../log.ts';
import { AllowedOrigins } from './allowed-origins.ts';
import type { TrustProxy } from './client-address.ts';
import { operationOf, type HubEnv } from './env.ts';
import { accessLog } from './middleware/access-log.ts';
import { allowedHostOnly } from './middleware/allowed-host.ts';
import { authenticate } from './middleware/authenticate.ts';
import { apiCors, refuseSecretKeyInBrowser } from './middleware/cors.ts';
import { deadline } from './middleware/deadline.ts';
import { operation } from './middleware/operation.ts';
import { problems } from './middleware/problems.ts';
import { rateLimit, throttle } from './middleware/rate-limit.ts';
import { readJsonBody } from './middleware/read-request.ts';
import { requestContext, requestIds } from './middleware/request-context.ts';
import { noStoreForApi, securityHeaders } from './middleware/security-headers.ts';
import { ProofOfWork, type ProofOfWorkOptions } from './proof-of-work.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits, type TokenBuckets } from './rate-limit.ts';
import { json } from './responses.ts';

export type { HubEnv } from './env.ts';

export interface AppOptions {
  hub: Hub;
  logger?: Logger;
  /** Largest JSON body accepted, in bytes (default 100 KiB). */
  bodyLimit?: number;
  /** Per key, per key and client address, and failed authentication per client address. */
  rateLimits?: RateLimits;
  /**
   * Where the rate limits' buckets are kept (default: in this process). Several hub processes on
   * one PostgreSQL database share theirs through it (PostgresRateLimiter).
   */
  rateLimiter?: TokenBuckets;
  /**
   * Whose `X-Forwarded-For` to believe for the client's address: no one (default), a number of
   * proxy hops, or the proxies' addresses and ranges.
   */
  trustProxy?: TrustProxy;
  /** Proof of work for publishable keys' writes, for a hub under attack (off by default). */
  proofOfWork?: ProofOfWorkOptions;
  /** Idempotency keys are kept at least this long (default 24 hours). */
  idempotencyTtlMs?: number;
  /**
   * The longest a request is handled, in milliseconds (default 30 s): past it the caller gets
   * `503 request_timeout`, and the request's claim on its Idempotency-Key lapses, so a retry runs.
   */
  requestTimeoutMs?: number;
  /** This hub process, as named on its Idempotency-Key claims (`host:pid:nonce`; see server.ts). */
  instanceId?: string;
  /** The public base URL, for the OpenAPI document's `servers`. */
  publicUrl?: string;
  /**
   * Whether to answer a `Host` value (lower case, `name:port`); any other gets 421
   * `unknown_host`, so a page on another name that resolves here (DNS rebinding) is refused.
   * Not given: every Host is answered (an app tested without a server).
   */
  allowedHost?: (host: string) => boolean;
  version?: string;
  /** Extra routes on the same app (the home page, ORUK endpoints, the example site). */
  extend?: (app: Hono<HubEnv>) => void;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export function createApp(options: AppOptions): Hono<HubEnv> {
  // It answers in Welsh to a Welsh Accept-Language: the schema's Welsh, kept apart for browsers.
  registerWelsh();
  const { hub } = options;
  const logger = options.logger ?? jsonLogger;
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const limits = throttle(
    options.rateLimits ?? DEFAULT_RATE_LIMITS,
    options.trustProxy ?? false,
    options.rateLimiter,
  );
  const proofOfWork = new ProofOfWork(options.proofOfWork);
  const app = new Hono<HubEnv>();

  app.use('*', accessLog(logger), requestIds, requestContext, securityHeaders);
  if (options.allowedHost) app.use('*', allowedHostOnly(options.allowedHost));
  app.use('/v1/*', noStoreForApi, refuseSecretKeyInBrowser, apiCors(new AllowedOrigins(hub.store)));

  /** What every route's answer needs of this hub (see `answerRoute`). */
  const host: RouteHost = {
    hub,
    baseUrl: options.publicUrl ?? '',
    version: options.version ?? '0.0.0',
    proofOfWork,
    idempotencyTtlMs: options.idempotencyTtlMs ?? 24 * 3_600_000,
    requestTimeoutMs: requestTimeout,
    holder: options.instanceId ?? `app:${crypto.randomUUID()}`,
    digest: (text) => createHash('sha256').update(text).digest('hex'),
  };

  // The same for every route; each route begins its own operation.
  const steps = {
    deadline: deadline(requestTimeout),
    authenticate: authenticate(
      hub.store,
      limits,
      () => Date.parse(hub.now()),
      // Behind a proxy, the address asked of this process is not the page's: the public URL is.
      (requestUrl) => new URL(options.publicUrl ?? requestUrl).origin,
    ),
    rateLimit: rateLimit(limits),
    body: readJsonBody(options.bodyLimit ?? 100 * 1024),
  };

  /** What runs before each v1 route is answered, in order. */
  const before = (name: RouteName, route: Route): MiddlewareHandler<HubEnv>[] => [
    operation(name, route),
    steps.deadline,
    steps.authenticate,
    steps.rateLimit,
    ...(route.body ? steps.body : []),
  ];

  for (const [name, route] of Object.entries(routes) as [RouteName, Route][]) {
    const path = route.path.replace(/\{(\w+)\}/g, ':$1');
    app.on(route.method, [path], ...before(name, route), async (c) => {
      const operation = operationOf(c);
      const url = new URL(c.req.url);
      const answer = await answerRoute(
        {
          ...host,
          baseUrl: host.baseUrl || url.origin,
          // Should the request run out of time, the deadline lets its claim go first.
          onClaim: (release) => {
            operation.releaseClaim = release;
          },
        },
        {
          name,
          key: operation.key,
          requestId: c.get('requestId'),
          lang: c.get('lang'),
          url,
          param: (param) => c.req.param(param),
          header: (header) => c.req.header(header),
          readBody: () => Promise.resolve(operation.bodyText),
        },
      );
      return json(answer.body, answer.status, answer.headers);
    });
  }

  options.extend?.(app);

  // A known path with another method: 405, with the methods it takes.
  app.all('*', (c) => {
    const allowed = Object.values(routes)
      .filter((r) => new RegExp(`^${r.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(c.req.path))
      .map((r) => r.method);
    if (allowed.length > 0) {
      throw new ProblemError(405, 'method_not_allowed', `Use ${allowed.join(' or ')} here.`, {
        headers: { Allow: allowed.join(', ') },
      });
    }
    throw new ProblemError(404, 'not_found', 'There is nothing at this address.');
  });

  app.onError(problems(logger));

  return app;
}
