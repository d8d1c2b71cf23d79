/**
 * `createHubMock()`: msw request handlers that answer every route of the v1 contract (the
 * `routes` table in @hubkit/schema) as the reference hub does, from memory: keys, validation in
 * English and Welsh, Idempotency-Key, cursor pagination, the referral lifecycle, consent and its
 * withdrawal, single assessments, directory search by distance, reports, webhook endpoints, the
 * audit trail, the Open Referral UK read endpoints and `/healthz`; with switches for failures.
 */
import {
  CORRELATION_ID_HEADER,
  REQUEST_ID_HEADER,
  validate,
  Assessment,
  Consent,
  Referral,
  Service,
  SessionCreate,
  type AuditEvent,
  type Session,
  type Lang,
  type WebhookEndpoint,
  type WebhookEvent,
} from '@hubkit/schema';
import {
  API_CORS,
  CursorError,
  Hub,
  MemoryStore,
  ORUK_KNOWN_PATHS,
  ORUK_METHODS,
  ProblemError,
  answerRoute,
  bearerKey,
  checkKeyAccess,
  checkSessionAccess,
  isSessionToken,
  copy,
  cursorProblem,
  languageOf,
  orukEndpoints,
  problemBody,
  normaliseOrigin,
  requestOrigin,
  secretKeyInBrowser,
  sessionKindOf,
  unauthorized,
  type AccessKey,
  type OrukDirectory,
} from '@hubkit/hub';
import { demoDirectory } from '@hubkit/schema/fixtures';
import { routes, type Route, type RouteName } from '@hubkit/schema/routes';
import { HttpHandler, HttpResponse, delay, type PathParams } from 'msw';
import { createFaults, type Fault, type Faults } from './faults.ts';
import { finishHeaders, jsonResponse, newRequestId, problemResponse, readJsonText } from './http.ts';
import {
  buildKeys,
  DEFAULT_DASHBOARD_KEY,
  DEFAULT_PARTNER_KEY,
  type MockKey,
  type MockKeyOptions,
} from './keys.ts';
import { ProofOfWork, type ProofOfWorkOptions } from './proof-of-work.ts';
import { codeOfStatus } from './problem.ts';
import { registerWelsh } from '@hubkit/schema/cy';

export const DEFAULT_BASE_URL = 'https://hub.example.org';

/** The origin of the page the mock runs in; null outside a browser. */
const pageOrigin = (): string | null =>
  (globalThis as { location?: { origin?: string } }).location?.origin ?? null;

export interface HubMockOptions {
  /** Where the mock hub answers: `${baseUrl}/v1/…`, `${baseUrl}/oruk/…`, `${baseUrl}/healthz`. */
  baseUrl?: string;
  /**
   * Keys besides the default publishable (`pk_test_hubkitMockPublishable0001`) and secret hub
   * (`sk_test_hubkitMockSecret00000000001`) keys; one with a default key's value replaces it.
   */
  keys?: readonly MockKeyOptions[];
  /** Web origins the default publishable key may be used from (default: any). */
  origins?: readonly string[];
  /** The directory (default: the schema fixtures' `demoDirectory`). */
  services?: readonly Service[];
  /** The clock, in milliseconds since 1970 (default `Date.now`). */
  now?: () => number;
  /** Milliseconds each answer takes (default 0); a few hundred look real in Storybook. */
  latencyMs?: number;
  /** Answer problems in this language whatever Accept-Language says (default: as the hub, from Accept-Language). */
  lang?: Lang;
  /** The version `/healthz` reports (default `0.1.0`). */
  version?: string;
  /** Largest JSON body accepted, in bytes (default 100 KiB, as the hub). */
  bodyLimit?: number;
  /** How long an Idempotency-Key is remembered (default 24 hours, as the hub). */
  idempotencyTtlMs?: number;
  /**
   * After how long a claim on an Idempotency-Key lapses and a retry takes it over (default 30 s,
   * the hub's request timeout).
   */
  requestTimeoutMs?: number;
  /**
   * Proof of work, as a hub under attack asks for it: `{ required: true }` makes publishable
   * keys' referrals, consents and withdrawals carry a solved challenge (default off; the
   * challenges route answers either way). `maxNumber` sets the difficulty (default 100 000).
   */
  proofOfWork?: ProofOfWorkOptions;
}

/** What the mock holds, as copies, for tests to assert on. */
export interface HubMockState {
  /** Referrals, oldest first. */
  referrals(): Referral[];
  referral(id: string): Referral | undefined;
  consents(): Consent[];
  /** Every version of every assessment, in the order recorded. */
  assessments(): Assessment[];
  /** Every event recorded, in order (a withdrawal is recorded once and once more for each referral it stops). */
  events(): WebhookEvent[];
  /** The audit trail, oldest first. */
  audit(): AuditEvent[];
  /** Live webhook endpoints, with their signing secrets. */
  webhookEndpoints(): WebhookEndpoint[];
  services(): Service[];
}

/** Puts records in place without a request, for stories and tests that start from a given state. */
export interface HubMockSeed {
  /** A referral as the hub would hold it; checked against the schema. */
  referral(referral: Referral): Referral;
  /** A consent record, as made by the key with `createdByKeyId` (default: the secret key's). */
  consent(consent: Consent, createdByKeyId?: string): Consent;
  /** One version of an assessment. */
  assessment(assessment: Assessment): Assessment;
  /** A directory service (added, or replacing the one with its id). */
  service(service: Service): Service;
}

export interface MockKeys {
  /** The default publishable key. */
  publishable: string;
  /** The default secret hub key. */
  secret: string;
  /** The default referring partner's secret key: it mints staff tokens for `DEFAULT_STAFF_ORIGIN`. */
  partner: string;
  /**
   * The default secret hub key behind the hub's intranet dashboard: it mints report tokens for
   * `DEFAULT_DASHBOARD_ORIGIN`, which read the reports only.
   */
  dashboard: string;
  /** Every key the mock knows. */
  all: readonly MockKey[];
}

export interface HubMock {
  /** For `setupServer(...handlers)` or `setupWorker(...handlers)`. */
  handlers: HttpHandler[];
  /** The handler of each route of the contract (all of them are in `handlers` too). */
  routeHandlers: Readonly<Record<RouteName, HttpHandler>>;
  state: HubMockState;
  seed: HubMockSeed;
  faults: Faults;
  keys: MockKeys;
  baseUrl: string;
  /**
   * A staff token, as `POST /v1/sessions` mints it, without a request: for stories and browser
   * tests, where a page may not hold the secret key that mints one. Minted for the default
   * partner's key (or `key`, a secret referrer or hub key given to the mock with `origins`), for
   * `origin` (default: the key's first) and `expiresIn` seconds (default 900), by the mock's clock.
   */
  mintStaffToken(options?: {
    staffRef?: string;
    origin?: string;
    expiresIn?: number;
    key?: string;
  }): Promise<Session>;
  /**
   * A report token, as `POST /v1/sessions` mints it for a hub key, without a request: for stories
   * and browser tests of a hub's dashboard (`<hub-report>`). It reads `GET /v1/reports/referrals`
   * and nothing else. Minted for the default dashboard key (or `key`, a secret hub key given to
   * the mock with `origins`), for `origin` (default: the key's first, `DEFAULT_DASHBOARD_ORIGIN`)
   * and `expiresIn` seconds (default 900), by the mock's clock. In a browser, where the mock
   * answers in the page and takes the page's origin for a request's, give the dashboard key the
   * page's: `createHubMock({ keys: [{ key: DEFAULT_DASHBOARD_KEY, origins: [location.origin] }] })`.
   */
  mintReportToken(options?: {
    staffRef?: string;
    origin?: string;
    expiresIn?: number;
    key?: string;
  }): Promise<Session>;
  /**
   * Revokes a key (by its value or its id), as `hubkit-server keys revoke` does: it is refused
   * with 401 from the next request, and so are the staff tokens it minted. `reset()` restores it.
   */
  revokeKey(keyOrId: string): void;
  /** Forgets every record, idempotency key and fault; the directory goes back to how it started. */
  reset(): void;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const GET_OR_HEAD = /^(GET|HEAD)$/;

/** A route's path as a pattern whose groups are its parameters, and their names. */
function pathPattern(base: string, path: string): { pattern: RegExp; names: string[] } {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  const body = path
    .split(/\{\w+\}/)
    .map(escapeRegExp)
    .join('([^/]+)');
  return { pattern: new RegExp(`^${escapeRegExp(base)}${body}$`), names };
}

/** The `i`th group a route's pattern matched (msw names them by position). */
function paramAt(params: Record<string, string | readonly string[] | undefined>, i: number): string {
  const value = params[String(i)];
  return typeof value === 'string' ? value : '';
}

/** A HEAD request gets the GET answer without its body. */
function forMethod(request: Request, response: Response): Response {
  if (request.method !== 'HEAD') return response;
  return new Response(null, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

export function createHubMock(options: HubMockOptions = {}): HubMock {
  // It answers in Welsh to a Welsh Accept-Language: the schema's Welsh, kept apart for browsers.
  registerWelsh();
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const configured = buildKeys(options.keys, options.origins);
  const keys = [...configured];
  const store = new MemoryStore(options.services ?? demoDirectory);
  const clock = options.now ?? Date.now;
  const hub = new Hub(store, { now: () => new Date(clock()) });
  const { faults, take } = createFaults();
  const latencyMs = options.latencyMs ?? 0;
  const bodyLimit = options.bodyLimit ?? 100 * 1024;
  const ttl = options.idempotencyTtlMs ?? 24 * 3_600_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const version = options.version ?? '0.1.0';
  const proofOfWork = new ProofOfWork(options.proofOfWork);
  /** What every route's answer needs of this mock (see `answerRoute`); a request is its own digest. */
  const host = {
    hub,
    baseUrl,
    version,
    proofOfWork,
    idempotencyTtlMs: ttl,
    requestTimeoutMs,
    holder: 'mock',
    digest: (text: string) => text,
  };
  const langOf = (request: Request): Lang =>
    options.lang ?? languageOf(request.headers.get('accept-language') ?? undefined);

  /** A key as the hub core's access rules read it (a secret key without origins mints no tokens). */
  const accessKey = (key: MockKey) => ({
    ...key,
    allowedOrigins: key.origins ?? [],
    revokedAt: key.revoked ? 'revoked' : null,
  });

  /** The mock hub's own origin: a same-origin page's (`Sec-Fetch-Site: same-origin`, no Origin). */
  const ownOrigin = new URL(baseUrl).origin;

  async function authenticate(request: Request, route: Route): Promise<AccessKey | null> {
    if (route.keys.length === 0) return null;
    const value = bearerKey(request.headers.get('authorization'));
    const origin = request.headers.get('origin');
    if (isSessionToken(value)) {
      // In a browser, the mock answers inside the page, before the browser would add the Origin
      // header of a cross-origin request: such a request comes from the page's own origin. (In
      // Node, a request with no Origin is not a browser's, and a staff token refuses it, unless
      // it says it is same-origin, as the hub reads it: see requestOrigin.)
      // A staff token reads as the key that minted it, for the member of staff it names.
      const { key, claims } = await checkSessionAccess(
        value,
        {
          tokens: store.sessions,
          findKey: (id) => {
            const found = keys.find((k) => k.id === id);
            return found ? accessKey(found) : null;
          },
          now: clock(),
        },
        route.keys,
        requestOrigin(origin ?? pageOrigin(), request.headers.get('sec-fetch-site'), ownOrigin),
      );
      return { ...key, staffRef: claims.staffRef };
    }
    const key = keys.find((k) => k.key === value);
    if (!key || key.revoked) throw unauthorized();
    checkKeyAccess({ kind: key.kind, allowedOrigins: key.origins }, route.keys, origin);
    return accessKey(key);
  }

  function errorResponse(error: unknown, lang: Lang, requestId: string): Response {
    if (error instanceof ProblemError) return problemResponse(error, lang, requestId);
    if (error instanceof CursorError) return problemResponse(cursorProblem(error), lang, requestId);
    // A mistake in the mock itself: answer as the hub would, and say what went wrong.
    console.error('[@hubkit/mocks] unexpected error', error);
    return problemResponse(
      new ProblemError(
        500,
        'internal_error',
        'The hub could not finish this request. It has been logged; try again.',
      ),
      lang,
      requestId,
    );
  }

  interface Exchange {
    request: Request;
    requestId: string;
    lang: Lang;
    /** Waits the mock's latency, once per request. */
    wait: () => Promise<void>;
  }

  async function handleRoute(name: RouteName, route: Route, names: string[], raw: string[], x: Exchange) {
    const { request } = x;
    const decoded = (param: string) => {
      try {
        return decodeURIComponent(raw[names.indexOf(param)] ?? '');
      } catch {
        return '';
      }
    };
    const answer = await answerRoute(
      { ...host, beforeWork: x.wait },
      {
        name,
        key: await authenticate(request, route),
        requestId: x.requestId,
        lang: x.lang,
        url: new URL(request.url),
        param: decoded,
        header: (header) => request.headers.get(header) ?? undefined,
        readBody: () => readJsonText(request, bodyLimit),
      },
    );
    return jsonResponse(answer.body, answer.status, answer.headers);
  }

  /** What a switched-on failure answers; null for `lost`, which answers after doing the work. */
  async function faultResponse(fault: Fault, route: Route | null, x: Exchange): Promise<Response | null> {
    switch (fault.kind) {
      case 'timeout':
        await delay('infinite');
        return HttpResponse.error();
      case 'network':
        await x.wait();
        return HttpResponse.error();
      case 'lost':
        return null;
      case 'status': {
        await x.wait();
        const code = fault.code ?? codeOfStatus(fault.status);
        const detail =
          fault.detail ??
          (code === 'rate_limited'
            ? `Too many requests from this key; try again in ${fault.retryAfter ?? 1} s.`
            : fault.status >= 500
              ? 'The hub could not finish this request. It has been logged; try again.'
              : 'A failure switched on in the mock hub.');
        const headers: Record<string, string> = {};
        if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
        if (fault.status === 401) headers['WWW-Authenticate'] = 'Bearer realm="hubkit"';
        return jsonResponse(
          problemBody(fault.status, code, x.lang, x.requestId, detail),
          fault.status,
          headers,
        );
      }
      case 'malformed': {
        await x.wait();
        const status = route && route.status !== 204 ? route.status : 200;
        const headers = { 'Content-Type': 'application/json; charset=utf-8' };
        // Cut off mid-way, as a body is when a connection drops; or JSON that no response schema accepts.
        const text =
          fault.body === 'contract' ? JSON.stringify({ id: 42, unexpected: true }) : '{"data": [{"id": "';
        return new Response(text, { status, headers });
      }
    }
  }

  /** Every answer: the fault if one is switched on, the latency, the headers, HEAD without a body. */
  async function exchange(
    request: Request,
    faultRoute: RouteName | null,
    route: Route | null,
    work: (x: Exchange) => Promise<Response>,
  ): Promise<Response> {
    let waited: Promise<void> | undefined;
    const x: Exchange = {
      request,
      requestId: newRequestId(),
      lang: langOf(request),
      wait: () => (waited ??= latencyMs > 0 ? delay(latencyMs) : Promise.resolve()),
    };
    const fault = take(faultRoute);
    let response = fault ? await faultResponse(fault, route, x) : null;
    if (!response) {
      try {
        response = await work(x);
      } catch (error) {
        response = errorResponse(error, x.lang, x.requestId);
      }
      await x.wait();
      if (fault?.kind === 'lost') return HttpResponse.error();
    }
    if (response.type === 'error') return response;
    finishHeaders(response, request, x.requestId);
    return forMethod(request, response);
  }

  const pathOf = (request: Request) => new URL(request.url).pathname.slice(basePath.length);

  /**
   * A web origin a publishable key may be used from, or a referring partner's or a hub's staff
   * tokens: browsers may read answers there (CORS).
   */
  const allowedOrigin = (request: Request): string | null => {
    const origin = request.headers.get('origin');
    const normal = origin ? normaliseOrigin(origin) : null;
    if (!normal) return null;
    return keys.some(
      (k) =>
        !k.revoked &&
        ((k.kind === 'publishable' && (k.origins === null || k.origins.includes(normal))) ||
          (sessionKindOf(k) && k.origins?.includes(normal))),
    )
      ? normal
      : null;
  };

  const browserSecret = (request: Request) =>
    secretKeyInBrowser(request.headers.get('authorization'), request.headers.get('origin'));

  /** The contract's cross-cutting headers for /v1: never cached, CORS for registered origins. */
  const v1Headers = (response: Response, request: Request) => {
    if (pathOf(request).startsWith('/v1/') && response.type !== 'error') {
      response.headers.set('Cache-Control', 'no-store');
      // A secret key from a browser is refused, and the refusal gets no CORS permission.
      const origin = browserSecret(request) ? null : allowedOrigin(request);
      if (origin) {
        response.headers.set('Access-Control-Allow-Origin', origin);
        response.headers.set('Access-Control-Expose-Headers', API_CORS.exposeHeaders.join(', '));
      }
      response.headers.append('Vary', 'Origin');
    }
    return response;
  };

  const routeHandlers = {} as Record<RouteName, HttpHandler>;
  for (const [name, route] of Object.entries(routes) as [RouteName, Route][]) {
    const { pattern, names } = pathPattern(baseUrl, route.path);
    // GET also answers HEAD, as the hub does.
    const method = route.method === 'GET' ? GET_OR_HEAD : route.method;
    routeHandlers[name] = new HttpHandler(
      method,
      pattern,
      async ({ request, params }: { request: Request; params: PathParams }) => {
        const raw = names.map((_, i) => paramAt(params, i));
        const response = await exchange(request, name, route, (x) => {
          const refused = browserSecret(request);
          if (refused) throw refused;
          return handleRoute(name, route, names, raw, x);
        });
        return v1Headers(response, request);
      },
    );
  }

  /** ORUK: public, any website may read it, cached a while when found. */
  const orukHeaders = (response: Response) => {
    if (response.type === 'error') return response;
    response.headers.set('Access-Control-Allow-Origin', '*');
    response.headers.set(
      'Access-Control-Expose-Headers',
      [REQUEST_ID_HEADER, CORRELATION_ID_HEADER].join(', '),
    );
    response.headers.set('Cache-Control', response.ok ? 'public, max-age=300' : 'no-store');
    return response;
  };
  const directory: OrukDirectory = {
    findServices: (query) => store.findServices(query),
    getService: (id) => Promise.resolve(store.services.get(id)),
    version: () => store.servicesVersion(),
  };
  const orukHandlers = orukEndpoints.map((endpoint) => {
    const { pattern, names } = pathPattern(`${baseUrl}/oruk`, endpoint.path.replace(':id', '{id}'));
    return new HttpHandler(
      GET_OR_HEAD,
      pattern,
      async ({ request, params }: { request: Request; params: PathParams }) => {
        const id = names.length > 0 ? paramAt(params, 0) : undefined;
        const response = await exchange(request, null, null, async (x) => {
          const query = new URL(request.url).searchParams;
          return jsonResponse(await endpoint.answer({ directory, params: query, lang: x.lang, id }), 200);
        });
        return orukHeaders(response);
      },
    );
  });

  /** Anything else under the base URL: 204 to a preflight, 405 with Allow at a known path, else 404. */
  const fallback = new HttpHandler(/.*/, new RegExp(`^${escapeRegExp(baseUrl)}/.+$`), async ({ request }) => {
    const path = pathOf(request);
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    if (path === '/oruk' || path.startsWith('/oruk/')) {
      if (method === 'OPTIONS') {
        return new Response(null, {
          status: 204,
          headers: {
            'Access-Control-Allow-Origin': '*',
            'Access-Control-Allow-Methods': ORUK_METHODS,
            'Access-Control-Allow-Headers': ['Accept', 'Accept-Language', CORRELATION_ID_HEADER].join(', '),
            'Access-Control-Max-Age': '86400',
          },
        });
      }
      const response = await exchange(request, null, null, () => {
        if (ORUK_KNOWN_PATHS.some((known) => known.test(path))) {
          throw new ProblemError(
            405,
            'method_not_allowed',
            'The Open Referral UK directory is read-only: use GET here.',
            {
              headers: { Allow: ORUK_METHODS },
            },
          );
        }
        throw new ProblemError(404, 'not_found', 'There is nothing at this address.');
      });
      return orukHeaders(response);
    }
    if (method === 'OPTIONS' && path.startsWith('/v1/')) {
      // A preflight (which only browsers send, and msw never sees from them).
      const origin = allowedOrigin(request);
      const response = new Response(null, {
        status: 204,
        headers: {
          'Cache-Control': 'no-store',
          ...(origin && {
            'Access-Control-Allow-Origin': origin,
            'Access-Control-Allow-Methods': API_CORS.allowMethods.join(', '),
            'Access-Control-Allow-Headers': API_CORS.allowHeaders.join(', '),
            'Access-Control-Max-Age': String(API_CORS.maxAge),
            Vary: 'Origin',
          }),
        },
      });
      finishHeaders(response, request, newRequestId());
      return response;
    }
    const response = await exchange(request, null, null, () => {
      const refused = path.startsWith('/v1/') && browserSecret(request);
      if (refused) throw refused;
      const allowed = Object.values(routes as Record<string, Route>)
        .filter((r) => new RegExp(`^${r.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path))
        .map((r) => r.method);
      if (allowed.length > 0) {
        throw new ProblemError(405, 'method_not_allowed', `Use ${allowed.join(' or ')} here.`, {
          headers: { Allow: allowed.join(', ') },
        });
      }
      throw new ProblemError(404, 'not_found', 'There is nothing at this address.');
    });
    return v1Headers(response, request);
  });

  const secretId = keys.find((k) => k.kind === 'secret')?.id ?? 'key_mock_secret';
  const checked = <T>(schema: Parameters<typeof validate>[0], value: T, what: string): T => {
    const result = validate(schema, value);
    if (!result.success) {
      throw new TypeError(
        `Not a valid ${what}: ${result.errors.map((e) => `${e.path} ${e.code}`).join(', ')}`,
      );
    }
    return copy(result.data as T);
  };

  /** A staff token minted by `key` (or the default `fallback` key), as `POST /v1/sessions` would. */
  const mintToken = async (
    fallback: string,
    { staffRef = 'staff-1', origin, expiresIn, key: value }: Parameters<HubMock['mintStaffToken']>[0] = {},
  ): Promise<Session> => {
    const key = keys.find((k) => k.key === (value ?? fallback));
    if (!key) throw new Error('The mock hub has no such key');
    const input = checked(
      SessionCreate,
      { staffRef, origin: origin ?? key.origins?.[0] ?? '', ...(expiresIn ? { expiresIn } : {}) },
      'staff token request',
    );
    return hub.createSession(input, { key: accessKey(key), requestId: newRequestId(), lang: 'en' });
  };

  return {
    handlers: [...Object.values(routeHandlers), ...orukHandlers, fallback],
    routeHandlers,
    state: {
      referrals: () => copy([...store.referrals.values()].map((r) => r.referral)),
      referral: (id) => {
        const found = store.referral(id);
        return found && copy(found);
      },
      consents: () => copy([...store.consents.values()].map((c) => c.consent)),
      assessments: () => copy(store.assessments),
      events: () => copy(store.events.map((e) => e.event)),
      audit: () => copy(store.audit.map((a) => a.event)),
      webhookEndpoints: () => store.liveEndpoints(),
      services: () => copy([...store.services.values()]),
    },
    seed: {
      referral: (referral) => {
        const value = checked(Referral, referral, 'referral');
        store.putReferral(value);
        return copy(value);
      },
      consent: (consent, createdByKeyId = secretId) => {
        const value = checked(Consent, consent, 'consent record');
        store.consents.set(value.id, { consent: value, createdByKeyId });
        return copy(value);
      },
      assessment: (assessment) => {
        const value = checked(Assessment, assessment, 'assessment');
        store.assessments.push(value);
        return copy(value);
      },
      service: (service) => {
        const value = checked(Service, service, 'service');
        void store.upsertService(value);
        return copy(value);
      },
    },
    faults,
    keys: {
      publishable: keys.find((k) => k.kind === 'publishable')?.key ?? '',
      secret: keys.find((k) => k.kind === 'secret' && k.role === 'hub')?.key ?? '',
      partner: keys.find((k) => k.id === 'key_mock_partner')?.key ?? '',
      dashboard: keys.find((k) => k.id === 'key_mock_dashboard')?.key ?? '',
      all: keys,
    },
    baseUrl,
    mintStaffToken: (options = {}) => mintToken(DEFAULT_PARTNER_KEY, options),
    mintReportToken: (options = {}) => mintToken(DEFAULT_DASHBOARD_KEY, options),
    revokeKey(keyOrId) {
      const at = keys.findIndex((k) => k.key === keyOrId || k.id === keyOrId);
      const key = keys[at];
      if (!key) throw new Error('The mock hub has no such key');
      keys[at] = { ...key, revoked: true };
    },
    reset() {
      store.reset();
      faults.clear();
      keys.splice(0, keys.length, ...configured);
    },
  };
}
