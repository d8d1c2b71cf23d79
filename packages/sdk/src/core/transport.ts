/**
 * One request to the hub: ky with the key, the timeout and the retry rule; the answer checked
 * against the contract; every failure turned into one of the SDK's errors. The API key lives
 * only in the Authorization header ky sends: no error keeps the request, its headers or ky's
 * own error, so no error can leak the key.
 */
import ky, { HTTPError, NetworkError, TimeoutError, type KyInstance, type Options } from 'ky';
import {
  CLIENT_HEADER,
  CORRELATION_ID_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  PROOF_HEADER,
  Problem,
  REQUEST_ID_HEADER,
  toPointer,
  type FieldError,
  type Lang,
} from '@hubkit/schema';
import type * as z from 'zod/mini';
import { APIConnectionError } from '../errors/api-connection-error.ts';
import { APIConnectionTimeoutError } from '../errors/api-connection-timeout-error.ts';
import { APIError } from '../errors/api-error.ts';
import { AuthenticationError } from '../errors/authentication-error.ts';
import { BadRequestError } from '../errors/bad-request-error.ts';
import { ConflictError } from '../errors/conflict-error.ts';
import { HubkitError } from '../errors/hubkit-error.ts';
import { InternalServerError } from '../errors/internal-server-error.ts';
import { InvalidResponseError } from '../errors/invalid-response-error.ts';
import { NotFoundError } from '../errors/not-found-error.ts';
import { PermissionDeniedError } from '../errors/permission-denied-error.ts';
import { RateLimitError } from '../errors/rate-limit-error.ts';
import { UnprocessableEntityError } from '../errors/unprocessable-entity-error.ts';
import { APIUserAbortError } from '../errors/api-user-abort-error.ts';
import { APIPromise } from './api-promise.ts';
import { checkedApiKey, type ApiKey } from './api-key.ts';
import type { Log } from './log.ts';
import { type LogDetails } from './log.ts';
import { clientName, isBrowserLike } from './runtime.ts';
import { tolerant, type Read } from './tolerant.ts';

/** Options for one call, overriding the client's. */
export interface RequestOptions {
  /** Milliseconds to wait for each attempt. */
  timeout?: number;
  /** Retries after the first attempt (0 for none). */
  maxRetries?: number;
  /** For creates: the key that makes the call safe to repeat. A new UUID when not given. */
  idempotencyKey?: string;
  /** Your own id for the request, echoed back by the hub and kept in its logs. */
  correlationId?: string;
  signal?: AbortSignal;
}

export interface TransportOptions {
  apiKey: ApiKey;
  /** Send a secret key from where a `document` exists (see HubkitOptions). */
  dangerouslyAllowBrowser: boolean;
  baseUrl: string;
  timeout: number;
  maxRetries: number;
  lang: Lang;
  fetch?: typeof fetch | undefined;
  log: Log;
}

export interface Call<S extends z.ZodMiniType | undefined> {
  method: 'GET' | 'POST' | 'DELETE';
  /** The route's template, `/v1/referrals/{id}`: what is logged. */
  path: string;
  /** The values of the template's `{names}`, each encoded as one path segment. */
  params?: Readonly<Record<string, string | number>> | undefined;
  /** The query, or a function that makes it (a ValidationError it throws rejects the call). */
  query?:
    | Record<string, string | number | boolean | undefined>
    | (() => Record<string, string | number | boolean | undefined>)
    | undefined;
  /** The body, or a function that makes it (a ValidationError it throws rejects the call). */
  body?: unknown;
  /** The contract's schema of a successful answer, read tolerantly (see tolerant.ts); none for 204. */
  response: S;
  /** Send an Idempotency-Key (the given one or a new one), the same on every retry. */
  idempotent?: boolean;
  /** A write the hub may ask a publishable key to prove work for (see `solveProof`). */
  proof?: boolean;
}

/** The hub wants a solved challenge before it takes this write. */
function wantsProof(error: unknown): boolean {
  if (!(error instanceof HTTPError) || error.response.status !== 403) return false;
  const code = (error.data as { code?: unknown } | undefined)?.code;
  return code === 'proof_of_work_required' || code === 'proof_of_work_invalid';
}

/** The hub says the staff token sent has run out: a new one is needed. */
function tokenExpired(error: unknown): boolean {
  if (!(error instanceof HTTPError) || error.response.status !== 401) return false;
  return (error.data as { code?: unknown } | undefined)?.code === 'token_expired';
}

/**
 * Where an answer breaks the contract, for the developer: paths and zod's codes, in English.
 * Not the schema's GOV.UK messages, which are for people filling in forms: leaving that table
 * out keeps it out of every browser bundle that only reads answers.
 */
function contractErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: toPointer([...issue.path, key]),
          code: 'unknown_field',
          message: 'A field this SDK does not know',
        }))
      : [{ path: toPointer(issue.path), code: issue.code, message: issue.message }],
  );
}

/**
 * When a request is tried again. Every request this SDK makes is safe to repeat: reads, and
 * writes that carry an Idempotency-Key, so a retried create never makes a second referral. So
 * retry whatever may not have reached the hub or that it could not take just now: connection
 * errors, timeouts, 408, 429, 5xx, and 409 only while another request with the same
 * Idempotency-Key is still being handled (any other 409 is a real conflict). Delays grow
 * exponentially from half a second with full jitter, so that many clients do not retry in step,
 * and follow the hub's Retry-After when it sends one.
 */
function retryRule(limit: number): NonNullable<Options['retry']> {
  return {
    limit,
    methods: ['get', 'post', 'delete'],
    statusCodes: [408, 409, 429, 500, 502, 503, 504],
    afterStatusCodes: [409, 429, 503],
    maxRetryAfter: 60_000,
    delay: (attempt) => 500 * 2 ** (attempt - 1),
    backoffLimit: 8_000,
    jitter: true,
    retryOnTimeout: true,
    shouldRetry: ({ error }) => {
      if (error instanceof HTTPError && error.response.status === 409) {
        return (error.data as { code?: unknown } | undefined)?.code === 'idempotency_request_in_flight';
      }
      return undefined;
    },
  };
}

function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

function retryAfter(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.round((at - Date.now()) / 1000));
}

/** The SDK's error for the hub's error answer. */
export function errorFor(status: number, data: unknown, headers: Headers): APIError {
  // Read tolerantly too: a problem with a field or a code this SDK does not know is still the problem.
  const parsed = tolerant(Problem).safeParse(data);
  const problem = parsed.success ? parsed.data : undefined;
  const requestId = headers.get(REQUEST_ID_HEADER) ?? problem?.requestId;
  switch (status) {
    case 400:
      return new BadRequestError(status, problem, requestId, headers);
    case 401:
      return new AuthenticationError(status, problem, requestId, headers);
    case 403:
      return new PermissionDeniedError(status, problem, requestId, headers);
    case 404:
      return new NotFoundError(status, problem, requestId, headers);
    case 409:
      return new ConflictError(status, problem, requestId, headers);
    case 422:
      return new UnprocessableEntityError(status, problem, requestId, headers);
    case 429:
      return new RateLimitError(status, problem, requestId, retryAfter(headers), headers);
    default:
      return status >= 500
        ? new InternalServerError(status, problem, requestId, headers)
        : new APIError(status, problem, requestId, headers);
  }
}

/** What every operation function takes: a client made by `createClient`. */
export type HubClient = Transport;

export class Transport {
  readonly #ky: KyInstance;
  readonly #options: TransportOptions;

  constructor(options: TransportOptions) {
    this.#options = options;
    const client = clientName();
    this.#ky = ky.create({
      prefix: options.baseUrl,
      timeout: options.timeout,
      retry: retryRule(options.maxRetries),
      // The global fetch is looked up on each call, so that interceptors installed after the
      // client was made (msw in tests, tracing) see its requests.
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      // The Authorization header is set on each request (see #send): the key may change.
      headers: {
        Accept: 'application/json',
        'Accept-Language': options.lang,
        // Which SDK and runtime, for the hub's logs. Browsers send their own User-Agent and
        // refuse or drop ours (and a User-Agent set in a browser would need CORS's leave), so
        // there only Hubkit-Client, which the hub's CORS allows.
        [CLIENT_HEADER]: client,
        ...(isBrowserLike() ? {} : { 'User-Agent': client }),
      },
    });
  }

  get lang(): Lang {
    return this.#options.lang;
  }

  /** The call's answer: await it for the data, or ask for the `Response` too (see APIPromise). */
  request<S extends z.ZodMiniType | undefined>(
    call: Call<S>,
    options: RequestOptions = {},
  ): APIPromise<S extends z.ZodMiniType ? Read<S> : undefined> {
    const details: LogDetails = { method: call.method, route: call.path };
    const started = Date.now();
    const response = this.#send(call, options, details).catch((error: unknown) => {
      const failure = this.#translate(error, options.timeout ?? this.#options.timeout, options.signal);
      this.#options.log.info('request failed', {
        ...details,
        ...(failure instanceof APIError
          ? { status: failure.status, ...(failure.requestId ? { requestId: failure.requestId } : {}) }
          : {}),
        error: failure.name,
        durationMs: Date.now() - started,
      });
      throw failure;
    });
    return new APIPromise(response, async (answer) => {
      try {
        return (await this.#read(answer, call.response)) as S extends z.ZodMiniType ? Read<S> : undefined;
      } catch (error) {
        const requestId = answer.headers.get(REQUEST_ID_HEADER);
        this.#options.log.warn('answer does not match the contract', {
          ...details,
          status: answer.status,
          ...(requestId ? { requestId } : {}),
          error: error instanceof HubkitError ? error.name : 'Error',
        });
        throw error;
      }
    });
  }

  async #send(
    call: Call<z.ZodMiniType | undefined>,
    options: RequestOptions,
    details: LogDetails,
  ): Promise<Response> {
    const body: unknown = typeof call.body === 'function' ? (call.body as () => unknown)() : call.body;
    const headers: Record<string, string> = {};
    if (call.idempotent) headers[IDEMPOTENCY_KEY_HEADER] = options.idempotencyKey ?? newIdempotencyKey();
    if (options.correlationId) headers[CORRELATION_ID_HEADER] = options.correlationId;
    const searchParams: Record<string, string> = {};
    const query = typeof call.query === 'function' ? call.query() : call.query;
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) searchParams[key] = String(value);
    }
    const path = call.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = call.params?.[name];
      if (value === undefined) throw new HubkitError(`No value for {${name}} in ${call.path}`);
      return encodeURIComponent(String(value));
    });
    const timeout = options.timeout ?? this.#options.timeout;
    const log = this.#options.log;
    let attemptStarted = Date.now();
    let apiKey = await this.#apiKey();
    const sendWith = (proof?: string) =>
      this.#ky(path, {
        method: call.method,
        headers: {
          ...headers,
          Authorization: `Bearer ${apiKey}`,
          ...(proof ? { [PROOF_HEADER]: proof } : {}),
        },
        searchParams,
        ...(body === undefined ? {} : { json: body }),
        timeout,
        ...(options.maxRetries === undefined ? {} : { retry: retryRule(options.maxRetries) }),
        ...(options.signal ? { signal: options.signal } : {}),
        hooks: {
          beforeRequest: [
            () => {
              attemptStarted = Date.now();
              log.debug('request', { ...details, attempt: 1 });
            },
          ],
          beforeRetry: [
            ({ error, retryCount }) => {
              log.info('retrying', {
                ...details,
                attempt: retryCount + 1,
                ...(error instanceof HTTPError ? { status: error.response.status } : {}),
                error: error.name,
              });
              attemptStarted = Date.now();
            },
          ],
          afterResponse: [
            ({ response, retryCount }) => {
              const requestId = response.headers.get(REQUEST_ID_HEADER);
              log.debug('response', {
                ...details,
                status: response.status,
                ...(requestId ? { requestId } : {}),
                attempt: retryCount + 1,
                durationMs: Date.now() - attemptStarted,
              });
            },
          ],
        },
      });
    const renewable = typeof this.#options.apiKey === 'function';
    const send = async (proof?: string): Promise<Response> => {
      try {
        return await sendWith(proof);
      } catch (error) {
        if (!renewable || !tokenExpired(error)) throw error;
        // A staff token ran out while the page was open: ask for a new one, and try once more.
        log.info('renewing the staff token', { ...details, status: 401 });
        apiKey = await this.#apiKey();
        return await sendWith(proof);
      }
    };
    try {
      return await send();
    } catch (error) {
      if (!call.proof || !wantsProof(error)) throw error;
      // A hub under attack: solve a challenge and send the same write again, with the same
      // Idempotency-Key, so that it is still made at most once.
      const { idempotencyKey: _, ...rest } = options;
      // Loaded only when a hub asks: pages whose hub never does never download the solver.
      const { solveProof, ProofChallenge } = await import('./proof.ts');
      const challenge = await this.request(
        { method: 'GET', path: '/v1/challenges', response: ProofChallenge },
        rest,
      );
      const proof = await solveProof(challenge, options.signal);
      if (!proof) throw error;
      return await send(proof);
    }
  }

  /** The key or staff token to send now: the function's answer, if the client was given one. */
  async #apiKey(): Promise<string> {
    const { apiKey, dangerouslyAllowBrowser } = this.#options;
    return checkedApiKey(typeof apiKey === 'function' ? await apiKey() : apiKey, dangerouslyAllowBrowser);
  }

  async #read(response: Response, schema: z.ZodMiniType | undefined): Promise<unknown> {
    const requestId = response.headers.get(REQUEST_ID_HEADER) ?? undefined;
    if (!schema) {
      await response.body?.cancel();
      return undefined;
    }
    let data: unknown;
    try {
      data = await response.json();
    } catch {
      throw new InvalidResponseError('The hub’s answer is not JSON', { status: response.status, requestId });
    }
    const result = tolerant(schema).safeParse(data);
    if (result.success) return result.data;
    const errors = contractErrors(result.error.issues);
    throw new InvalidResponseError(
      `The hub’s answer does not match the contract this SDK knows (${errors
        .map((e) => e.path || '/')
        .slice(0, 5)
        .join(', ')}): is the SDK older or newer than the hub?`,
      { status: response.status, requestId, errors },
    );
  }

  #translate(error: unknown, timeout: number, signal: AbortSignal | undefined): HubkitError {
    if (error instanceof HubkitError) return error;
    // The caller's own signal: not a failure of the hub or the network, and never retried.
    if (signal?.aborted) return new APIUserAbortError();
    if (error instanceof HTTPError)
      return errorFor(error.response.status, error.data, error.response.headers);
    if (error instanceof TimeoutError) return new APIConnectionTimeoutError(timeout);
    if (error instanceof NetworkError) return new APIConnectionError();
    if (error instanceof Error && error.name === 'AbortError')
      return new APIConnectionError('The request was cancelled');
    // Anything else is a bug: say what kind, without the request that carries the key.
    return new APIConnectionError(
      `The request failed: ${error instanceof Error ? error.name : typeof error}`,
    );
  }
}
