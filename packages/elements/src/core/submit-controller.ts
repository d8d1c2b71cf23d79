/**
 * Talking to the hub, the one way every element does it: a lit reactive controller that sends a
 * request, exactly once for a write, and says what happened in one vocabulary of failures, so
 * every element tells a person the same thing in the same words.
 *
 * Exactly once: a write is sent under an Idempotency-Key kept across every retry (a double
 * click, Try again, the SDK's own retries), so the hub makes one record however often it is
 * asked. The key changes only after the hub refused the answers (it made nothing, and keeps that
 * refusal for the key), so the corrected answers are a new request. When the answers changed
 * after a send whose answer never came, the hub may have made the first: it then refuses the
 * key for the new answers, and the first request is sent again to get what it made.
 *
 * Light: the SDK (and ky, and the response schemas) are not imported here. The SDK's error
 * classes are loaded when the first request is sent (or on idle, by `prefetch()`), and each
 * request loads the SDK functions it calls itself (`lazy(() => import('./sdk.ts'))` in the
 * element's folder), so an element's first paint needs neither.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FieldError } from '@hubkit/schema';
import type { HubClient } from '@hubkit/sdk';
import { lazy } from './lazy.ts';
import type * as SdkErrorClasses from './sdk-errors.ts';
import type { common } from './common.ts';

/** The SDK's error classes, loaded late: shared by every element's controllers. */
export const sdkErrors = lazy(() => import('./sdk-errors.ts'));

/**
 * Why a request failed, the same words in every element:
 * - `offline`: the browser is offline;
 * - `network`: the hub could not be reached, or its answer was lost on the way;
 * - `rateLimited`: the hub asked to slow down (429; `retryAfter` says for how long, if it did);
 * - `proofFailed`: the check that protects the hub from misuse (proof of work) could not be done;
 * - `rejected`: the hub (or the SDK before sending) refused the answers (`errors` says why);
 * - `conflict`: the hub holds a different request under this key (answers changed after a send
 *   whose answer was lost, and that send cannot be repeated);
 * - `server`: the hub failed (5xx), or anything else unexpected;
 * - `notConfigured`: there is no key and address to talk to a hub with.
 */
export type SubmitFailure =
  | 'offline'
  | 'network'
  | 'rateLimited'
  | 'proofFailed'
  | 'rejected'
  | 'conflict'
  | 'server'
  | 'notConfigured';

/** Where a request stands: not sent, on its way, answered, or failed (`failure` says why). */
export type SubmitStatus = 'idle' | 'sending' | 'done' | 'failed';

/** The SDK error classes the controller tells failures apart by (a type only: loaded late). */
export type SdkErrors = typeof SdkErrorClasses;

/** What a request is given to send with: the client and the request options. */
export interface SendContext {
  /** The SDK client; throws `NotConfiguredError` when the element is not set up. */
  client: () => Promise<HubClient>;
  options: {
    /** For writes: the key that makes the request safe to repeat (absent for reads). */
    idempotencyKey?: string;
    /** Aborted when a newer request replaces this one (reads only). */
    signal: AbortSignal;
    /** A person waiting is better told to try again than kept waiting through long back-offs. */
    maxRetries: number;
  };
}

/** One request: how to send it, given the SDK, the client and the options. */
export type SendRequest<T> = (context: SendContext) => Promise<T>;

export interface SubmitControllerOptions {
  /** The SDK client, or undefined when the element is not set up. */
  client: () => HubClient | undefined | Promise<HubClient | undefined>;
  /**
   * `write` (default): one request at a time, under an Idempotency-Key; a second `send()` while
   * one is on its way gets that one's answer. `read`: no key, and a newer request replaces the
   * one on its way (a new search): the older is aborted and its answer dropped.
   */
  kind?: 'write' | 'read';
  /** Retries the SDK makes before a failure is shown (default 1). */
  maxRetries?: number;
}

/** Thrown to the caller of a read that a newer one replaced; the controller's state is the newer's. */
export class SupersededError extends Error {
  override readonly name = 'SupersededError';
  constructor() {
    super('A newer request replaced this one');
  }
}

/** Thrown when there is no client: the element is not set up. */
export class NotConfiguredError extends Error {
  override readonly name = 'NotConfiguredError';
  constructor() {
    super('Not set up: a publishable key and the hub’s address are needed');
  }
}

export class SubmitController<T = unknown> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: SubmitControllerOptions;

  /** Where the last request stands. */
  status: SubmitStatus = 'idle';
  /** Why the last request failed; undefined unless `status` is `failed`. */
  failure: SubmitFailure | undefined;
  /** After `rateLimited`: the seconds the hub asked to wait, when it said. */
  retryAfter: number | undefined;
  /** After `rejected`: what the hub (or the SDK) found wrong, field by field. */
  errors: readonly FieldError[] = [];
  /** The answer to the last request, once `done`. */
  result: T | undefined;

  /** The write's Idempotency-Key, kept across retries. */
  #key: string = crypto.randomUUID();
  /** The write last sent whose answer never came: the hub may have made it. */
  #unsettled: SendRequest<T> | undefined;
  #inFlight: Promise<T> | undefined;
  /** The request last sent, for `retry()`. */
  #last: SendRequest<T> | undefined;
  #abort: AbortController | undefined;
  /** Each request's number: the answer to one that was replaced, or reset, changes nothing. */
  #run = 0;

  constructor(host: ReactiveControllerHost, options: SubmitControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    // Nothing to start: requests are the element's to send.
  }

  hostDisconnected(): void {
    // A read no one will see is not worth finishing; a write is left to finish (it is the hub's).
    if (this.#options.kind === 'read') this.#abort?.abort();
  }

  /** Whether a request is on its way. */
  get busy(): boolean {
    return this.status === 'sending';
  }

  /** The Idempotency-Key the next write is sent under (for tests and logs: it is not personal). */
  get idempotencyKey(): string {
    return this.#key;
  }

  /** Starts loading the SDK on idle, so the first request does not wait for it. */
  prefetch(): void {
    sdkErrors.prefetch();
  }

  /**
   * Sends `request`. A write is sent once: while one is on its way, this gives that one's
   * answer. Rejects with the SDK's error (after `status`, `failure`, `errors` are set); a read
   * that a newer one replaced rejects with `SupersededError` and changes nothing.
   */
  send(request: SendRequest<T>): Promise<T> {
    const write = this.#options.kind !== 'read';
    if (write && this.#inFlight) return this.#inFlight;
    this.#abort?.abort();
    this.#last = request;
    const run = ++this.#run;
    const sending = this.#send(request, run).finally(() => {
      if (this.#inFlight === sending) this.#inFlight = undefined;
    });
    if (write) this.#inFlight = sending;
    return sending;
  }

  /** Sends the last request again (Try again), under the same key. */
  retry(): Promise<T> {
    const last = this.#last;
    if (!last) return Promise.reject(new Error('Nothing has been sent to try again'));
    return this.send(last);
  }

  /**
   * Forgets everything: the answer, the failure, and the key (the next write is a new record).
   * A request on its way is dropped (a read is aborted).
   */
  reset(): void {
    this.#run += 1;
    this.#abort?.abort();
    this.#abort = undefined;
    this.#inFlight = undefined;
    this.#last = undefined;
    this.#unsettled = undefined;
    this.#key = crypto.randomUUID();
    this.status = 'idle';
    this.failure = undefined;
    this.retryAfter = undefined;
    this.errors = [];
    this.result = undefined;
    this.#host.requestUpdate();
  }

  async #send(request: SendRequest<T>, run: number): Promise<T> {
    const write = this.#options.kind !== 'read';
    const abort = new AbortController();
    this.#abort = abort;
    this.status = 'sending';
    this.failure = undefined;
    this.retryAfter = undefined;
    this.errors = [];
    this.#host.requestUpdate();
    const errors = sdkErrors.load();
    let sdk: SdkErrors | undefined;
    const client = async (): Promise<HubClient> => {
      const found = await this.#options.client();
      if (!found) throw new NotConfiguredError();
      return found;
    };
    try {
      const loaded = await errors;
      sdk = loaded;
      if (run !== this.#run) throw new SupersededError();
      const context = (): SendContext => ({
        client,
        options: {
          ...(write ? { idempotencyKey: this.#key } : {}),
          signal: abort.signal,
          maxRetries: this.#options.maxRetries ?? 1,
        },
      });
      const result = write ? await this.#write(request, context, loaded) : await request(context());
      if (run !== this.#run) throw new SupersededError();
      this.result = result;
      this.status = 'done';
      return result;
    } catch (error) {
      if (run !== this.#run || error instanceof SupersededError) throw new SupersededError();
      this.#failed(error, sdk);
      throw error;
    } finally {
      // Only a request on its way is ever aborted: a finished read's pages may still be read.
      if (this.#abort === abort) this.#abort = undefined;
      if (run === this.#run) this.#host.requestUpdate();
    }
  }

  async #write(request: SendRequest<T>, context: () => SendContext, sdk: SdkErrors): Promise<T> {
    try {
      const result = await request(context());
      this.#unsettled = undefined;
      return result;
    } catch (error) {
      const unsettled = this.#unsettled;
      if (error instanceof sdk.APIError) {
        if (error.code === 'idempotency_key_reused' && unsettled) {
          // The first request may have been made: asked again, the hub gives what it made.
          const result = await unsettled(context());
          this.#unsettled = undefined;
          return result;
        }
        if (refusedAnswers(error)) {
          // The hub said no and made nothing; it keeps that answer for the key, so corrected
          // answers need a key of their own.
          this.#key = crypto.randomUUID();
          this.#unsettled = undefined;
        }
      } else if (error instanceof sdk.APIConnectionError || error instanceof TypeError) {
        // No answer: the hub may have made it. Kept until the hub answers this key.
        this.#unsettled ??= request;
      }
      throw error;
    }
  }

  #failed(error: unknown, sdk: SdkErrors | undefined): void {
    this.status = 'failed';
    this.failure = failureOf(error, sdk);
    if (this.failure === 'rateLimited' && sdk && error instanceof sdk.RateLimitError) {
      this.retryAfter = error.retryAfterSeconds;
    }
    if (this.failure === 'rejected' && sdk) {
      if (error instanceof sdk.APIError || error instanceof sdk.ValidationError) this.errors = error.errors;
    }
  }
}

const PROOF_CODES = new Set(['proof_of_work_required', 'proof_of_work_invalid']);

/**
 * The hub refused the answers and made nothing: a 4xx other than a conflict (409: in flight, or
 * another request under the key), too many requests (429) or a proof of work refused (checked
 * before the key is claimed, so the key still stands for a request the hub may have made).
 */
function refusedAnswers(error: { status: number; code?: string | undefined }): boolean {
  return (
    error.status < 500 && error.status !== 409 && error.status !== 429 && !PROOF_CODES.has(error.code ?? '')
  );
}

/** The failure an error is, in the one vocabulary. */
export function failureOf(error: unknown, sdk: SdkErrors | undefined): SubmitFailure {
  if (error instanceof NotConfiguredError) return 'notConfigured';
  const offline = typeof navigator !== 'undefined' && !navigator.onLine;
  if (!sdk) return offline ? 'offline' : error instanceof TypeError ? 'network' : 'server';
  if (error instanceof sdk.RateLimitError) return 'rateLimited';
  if (error instanceof sdk.ValidationError) return 'rejected';
  if (error instanceof sdk.APIError) {
    if (PROOF_CODES.has(error.code ?? '')) return 'proofFailed';
    if (error.status === 429) return 'rateLimited';
    if (error.code === 'idempotency_key_reused') return 'conflict';
    if (error.status === 422) return 'rejected';
    // 409 in flight (the same request still being made), 400, 5xx: nothing the person can change.
    return 'server';
  }
  if (error instanceof sdk.DirectoryReaderError) {
    if (error.status === 429) return 'rateLimited';
    if (error.reason === 'network_error' || error.reason === 'timeout')
      return offline ? 'offline' : 'network';
    return 'server';
  }
  if (error instanceof sdk.APIConnectionError || error instanceof TypeError) {
    return offline ? 'offline' : 'network';
  }
  return 'server';
}

/**
 * What to tell a person about a failure, from the shared catalogue: the same words in every
 * element. `rejected` is the error summary's title (the element lists the problems under it).
 */
export function failureText(
  controller: Pick<SubmitController, 'failure' | 'retryAfter'>,
  c: (typeof common)['en'],
): string {
  switch (controller.failure) {
    case 'offline':
      return c.offline;
    case 'network':
      return c.networkError;
    case 'rateLimited':
      return controller.retryAfter ? c.rateLimitedFor(controller.retryAfter) : c.rateLimited;
    case 'proofFailed':
      return c.proofFailed;
    case 'rejected':
      return c.errorSummaryTitle;
    case 'conflict':
      return c.conflict;
    case 'notConfigured':
      return c.notConfigured;
    case 'server':
    case undefined:
      return c.serverError;
  }
}
