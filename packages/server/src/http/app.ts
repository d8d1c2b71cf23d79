/**
 * The hub's HTTP API on Hono: every route of the v1 contract (`routes` in @hubkit/schema) with
 * the cross-cutting rules: request ids, CORS for publishable keys' origins, authentication,
 * per-key rate limits, JSON bodies within a size limit, validation with the shared schema,
 * Idempotency-Key, problem details for every error, and the audit trail.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { routePath } from 'hono/route';
import {
  CLIENT_HEADER,
  CORRELATION_ID_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAY_HEADER,
  PROOF_HEADER,
  REQUEST_ID_HEADER,
  type Lang,
} from '@hubkit/schema';
import {
  CursorError,
  ProblemError,
  answerRoute,
  cursorProblem,
  languageOf,
  problemBody,
  secretKeyInBrowser,
  type ApiKeyRecord,
  type Hub,
} from '@hubkit/hub';
import { routes, type Route, type RouteName } from '@hubkit/schema/routes';
import { hashKey, kindOf, normaliseOrigin } from '../domain/keys.ts';
import { getConnInfo } from '@hono/node-server/conninfo';
import { clientAddressResolver, clientBucket, type TrustProxy } from './client-address.ts';
import { ProofOfWork, type ProofOfWorkOptions } from './proof-of-work.ts';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimits, type Taken } from './rate-limit.ts';
import { readJsonText } from './request.ts';
import { registerWelsh } from '@hubkit/schema/cy';

export interface Logger {
  info(entry: Record<string, unknown>): void;
  error(entry: Record<string, unknown>): void;
}

/** One JSON line per request: route template, status, time, ids. Never bodies, queries or personal data. */
export const jsonLogger: Logger = {
  info: (entry) => {
    process.stdout.write(`${JSON.stringify(entry)}\n`);
  },
  error: (entry) => {
    process.stderr.write(`${JSON.stringify(entry)}\n`);
  },
};

export const silentLogger: Logger = { info: () => undefined, error: () => undefined };

export interface AppOptions {
  hub: Hub;
  logger?: Logger;
  /** Largest JSON body accepted, in bytes (default 100 KiB). */
  bodyLimit?: number;
  /** Per key, per key and client address, and failed authentication per client address. */
  rateLimits?: RateLimits;
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

export interface HubEnv {
  Variables: { requestId: string; lang: Lang; keyId?: string };
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

const CORRELATION_ID = /^[\x21-\x7e]{1,200}$/;
const ALLOW_HEADERS = [
  'Authorization',
  'Content-Type',
  IDEMPOTENCY_KEY_HEADER,
  PROOF_HEADER,
  CORRELATION_ID_HEADER,
  'Accept-Language',
  CLIENT_HEADER,
];
const EXPOSE_HEADERS = [REQUEST_ID_HEADER, CORRELATION_ID_HEADER, IDEMPOTENT_REPLAY_HEADER, 'Retry-After'];

function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(status === 204 ? null : typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': `${type}; charset=utf-8`, ...headers },
  });
}

function problem(c: Context<HubEnv>, error: ProblemError): Response {
  const body = problemBody(
    error.status,
    error.code,
    c.get('lang'),
    c.get('requestId'),
    error.message,
    error.errors,
  );
  return json(body, error.status, error.headers);
}

export function createApp(options: AppOptions): Hono<HubEnv> {
  // It answers in Welsh to a Welsh Accept-Language: the schema's Welsh, kept apart for browsers.
  registerWelsh();
  const { hub } = options;
  const logger = options.logger ?? jsonLogger;
  const bodyLimit = options.bodyLimit ?? 100 * 1024;
  const limits = options.rateLimits ?? DEFAULT_RATE_LIMITS;
  const resolveClient = clientAddressResolver(options.trustProxy ?? false);
  const ttl = options.idempotencyTtlMs ?? 24 * 3_600_000;
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const instanceId = options.instanceId ?? `app:${randomUUID()}`;
  const limiter = new RateLimiter();
  const proofOfWork = new ProofOfWork(options.proofOfWork);
  /** What every route's answer needs of this app (see `answerRoute`). */
  const host = {
    hub,
    version: options.version ?? '0.0.0',
    proofOfWork,
    idempotencyTtlMs: ttl,
    requestTimeoutMs: requestTimeout,
    holder: instanceId,
    digest: (text: string) => createHash('sha256').update(text).digest('hex'),
  };
  const app = new Hono<HubEnv>();

  // Every response: a request id, the caller's correlation id, no caching, no sniffing.
  app.use('*', async (c, next) => {
    const started = performance.now();
    const requestId = `req_${randomBytes(12).toString('base64url')}`;
    c.set('requestId', requestId);
    c.set('lang', languageOf(c.req.header('accept-language')));
    await next();
    const headers = c.res.headers;
    headers.set(REQUEST_ID_HEADER, requestId);
    const correlation = c.req.header(CORRELATION_ID_HEADER);
    if (correlation && CORRELATION_ID.test(correlation)) headers.set(CORRELATION_ID_HEADER, correlation);
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Referrer-Policy', 'no-referrer');
    if (c.req.path.startsWith('/v1/')) headers.set('Cache-Control', 'no-store');
    logger.info({
      at: new Date().toISOString(),
      requestId,
      method: c.req.method,
      route: routePath(c as Context),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      keyId: c.get('keyId') ?? null,
    });
  });

  // Before anything else is read or done: only the host names this hub is configured for.
  const allowedHost = options.allowedHost;
  if (allowedHost) {
    app.use('*', async (c, next) => {
      if (allowedHost((c.req.header('host') ?? '').toLowerCase())) return next();
      return problem(
        c as Context<HubEnv>,
        new ProblemError(
          421,
          'unknown_host',
          'This hub does not answer for that host name: use its own address (HUBKIT_PUBLIC_URL, or the address it listens on).',
        ),
      );
    });
  }

  // CORS: browsers may call /v1 only from an origin a publishable key is registered for.
  const allowedOrigin = async (origin: string | undefined): Promise<string | null> => {
    const normal = origin ? normaliseOrigin(origin) : null;
    if (!normal) return null;
    const keys = await hub.store.listKeys();
    return keys.some((k) => k.kind === 'publishable' && !k.revokedAt && k.allowedOrigins.includes(normal))
      ? normal
      : null;
  };
  app.use('/v1/*', async (c, next) => {
    // Answered before any CORS header is set: the page may not even read the refusal.
    if (c.req.method !== 'OPTIONS') {
      const refused = secretKeyInBrowser(c.req.header('authorization'), c.req.header('origin'));
      if (refused) {
        const answer = problem(c as Context<HubEnv>, refused);
        answer.headers.append('Vary', 'Origin');
        return answer;
      }
    }
    const origin = await allowedOrigin(c.req.header('origin'));
    if (c.req.method === 'OPTIONS') {
      if (!origin) return c.body(null, 204);
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, DELETE',
        'Access-Control-Allow-Headers': ALLOW_HEADERS.join(', '),
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
    }
    await next();
    if (origin) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Expose-Headers', EXPOSE_HEADERS.join(', '));
    }
    c.res.headers.append('Vary', 'Origin');
    return undefined;
  });

  /** The caller's rate-limit identity: its address (by /64 for IPv6), from the socket or a trusted proxy. */
  const clientOf = (c: Context<HubEnv>): string => {
    let socket = 'unknown';
    try {
      socket = getConnInfo(c as Context).remote.address ?? socket;
    } catch {
      // Not over Node's HTTP server (app.request in a test): one shared identity.
    }
    return clientBucket(resolveClient(socket, c.req.header('x-forwarded-for')));
  };

  const tooMany = (taken: Taken & { allowed: false }, what: string) =>
    new ProblemError(429, 'rate_limited', `${what}; try again in ${taken.retryAfterSeconds} s.`, {
      headers: { 'Retry-After': String(taken.retryAfterSeconds) },
    });

  async function authenticate(c: Context<HubEnv>, route: Route): Promise<ApiKeyRecord | null> {
    if (route.keys.length === 0) return null;
    const client = clientOf(c);
    // An address that keeps failing is stopped before its keys are even looked up.
    const failures = `fail\n${client}`;
    const blocked = limiter.check(failures, limits.failedAuth);
    if (!blocked.allowed) throw tooMany(blocked, 'Too many requests without a valid key from here');
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer ([\x21-\x7e]{1,200})$/.exec(header.trim());
    const unauthorized = () => {
      limiter.take(failures, limits.failedAuth);
      return new ProblemError(
        401,
        'unauthorized',
        'Send a publishable or secret key as Authorization: Bearer <key>.',
        {
          headers: { 'WWW-Authenticate': 'Bearer realm="hubkit"' },
        },
      );
    };
    if (!match?.[1] || !kindOf(match[1])) throw unauthorized();
    const key = await hub.store.findKeyByHash(hashKey(match[1]));
    if (!key || key.revokedAt) throw unauthorized();
    c.set('keyId', key.id);
    if (!route.keys.includes(key.kind)) {
      throw new ProblemError(
        403,
        'forbidden',
        `A ${key.kind} key may not do this; use a secret key, from your server.`,
      );
    }
    const origin = c.req.header('origin');
    if (key.kind === 'publishable' && origin !== undefined) {
      const normal = normaliseOrigin(origin);
      if (!normal || !key.allowedOrigins.includes(normal)) {
        throw new ProblemError(
          403,
          'origin_not_allowed',
          'This publishable key is not registered for the website making the request.',
        );
      }
    }
    // The client's own share first: one that runs out takes nothing from the key's other callers.
    const taken = limiter.takeAll([
      [`client\n${key.id}\n${client}`, limits.perClient[key.kind]],
      [`key\n${key.id}`, limits.perKey[key.kind]],
    ]);
    if (!taken.allowed) throw tooMany(taken, 'Too many requests from this key');
    return key;
  }

  for (const [name, route] of Object.entries(routes) as [RouteName, Route][]) {
    const path = route.path.replace(/\{(\w+)\}/g, ':$1');
    /** `onClaim` is given what releases the request's claim if it runs out of time. */
    const handle = async (
      c: Context<HubEnv>,
      onClaim: (release: () => Promise<void>) => void,
    ): Promise<Response> => {
      const url = new URL(c.req.url);
      const answer = await answerRoute(
        { ...host, baseUrl: options.publicUrl ?? url.origin, onClaim },
        {
          name,
          key: await authenticate(c, route),
          requestId: c.get('requestId'),
          lang: c.get('lang'),
          url,
          param: (param) => c.req.param(param),
          header: (header) => c.req.header(header),
          readBody: () => readJsonText(c.req.raw, bodyLimit),
        },
      );
      return json(answer.body, answer.status, answer.headers);
    };

    app.on(route.method, path, async (c) => {
      // Handling time is bounded, so a claim on an Idempotency-Key can lapse after the same time.
      let onTimeout: (() => Promise<void>) | undefined;
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const release = onTimeout?.() ?? Promise.resolve();
          void release
            .catch(() => undefined)
            .then(() => {
              reject(
                new ProblemError(
                  503,
                  'request_timeout',
                  'The hub took too long to answer; try again, with the same Idempotency-Key for a create.',
                  { headers: { 'Retry-After': '1' } },
                ),
              );
            });
        }, requestTimeout);
      });
      try {
        return await Promise.race([
          handle(c, (release) => {
            onTimeout = release;
          }),
          deadline,
        ]);
      } finally {
        clearTimeout(timer);
      }
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

  app.onError((error, c) => {
    if (error instanceof ProblemError) return problem(c, error);
    if (error instanceof CursorError) return problem(c, cursorProblem(error));
    // Unexpected: log what failed and where, never the request's data.
    logger.error({
      requestId: c.get('requestId'),
      route: routePath(c as Context),
      error: error.name,
      stack: error.stack,
    });
    return problem(
      c,
      new ProblemError(
        500,
        'internal_error',
        'The hub could not finish this request. It has been logged; try again.',
      ),
    );
  });

  return app;
}
