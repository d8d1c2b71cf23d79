/**
 * The hubkit client, two ways.
 *
 * On a server, the class, with every operation:
 *
 *   const hub = new Hubkit({ apiKey: process.env.HUBKIT_SECRET_KEY, baseUrl: 'https://hub.example.org' });
 *   const referral = await hub.referrals.create({ resident, referrer, needs, safeguarding });
 *
 * In a browser bundle, the functions, so that the bundle carries only what it uses:
 *
 *   const hub = createClient({ apiKey: 'pk_…', baseUrl: 'https://hub.example.org' });
 *   const referral = await createReferral(hub, { resident, referrer, needs, safeguarding });
 *
 * On a partner's staff page, with a staff token its server mints (`sessions.create`), fetched
 * again whenever it runs out:
 *
 *   const hub = createClient({ apiKey: () => fetch('/hub-token').then((r) => r.text()), baseUrl });
 *   for await (const referral of listReferrals(hub)) …
 */
import { Health as HealthSchema, type Lang } from '@hubkit/schema';
import { HubkitError } from './errors/hubkit-error.ts';
import { checkedApiKey, type ApiKey } from './core/api-key.ts';
import type { APIPromise } from './core/api-promise.ts';
import { LOG_LEVELS, Log, type LogLevel, type Logger } from './core/log.ts';
import { Transport, type HubClient, type RequestOptions } from './core/transport.ts';
import type { Health } from './types.ts';
import { Assessments } from './resources/assessments.ts';
import { AuditEvents } from './resources/audit-events.ts';
import { Consents } from './resources/consents.ts';
import { Referrals } from './resources/referrals.ts';
import { Reports } from './resources/reports.ts';
import { Services } from './resources/services.ts';
import { Sessions } from './resources/sessions.ts';
import { WebhookEndpoints } from './resources/webhook-endpoints.ts';

export interface HubkitOptions {
  /**
   * A publishable key (`pk_…`, browsers), a secret key (`sk_…`, servers only) or a staff token
   * (`st_…`, browsers: minted by your server with `sessions.create`). Or a function that gives
   * one, called for each request: a page passes one that fetches a fresh staff token from its own
   * server, and when the hub answers that the token has expired (`401 token_expired`) the client
   * calls it once more and sends the request again, once.
   */
  apiKey: ApiKey;
  /** The hub's address, like `https://hub.example.org` (a path is fine: `https://council.gov.uk/hub`). */
  baseUrl: string;
  /** Milliseconds to wait for each attempt (default 30 000). */
  timeout?: number;
  /** Retries after a failed attempt (default 2). */
  maxRetries?: number;
  /** A fetch to use instead of the global one (looked up on each call). */
  fetch?: typeof fetch;
  /** The language of validation messages, from this SDK and the hub (default `en`). */
  lang?: Lang;
  /**
   * Skip this SDK's own refusal of a secret key where a `document` exists. It does not make a
   * secret key work in a browser: the hub answers any request that carries both a secret key and
   * an `Origin` header (which browsers add) with 403 `secret_key_in_browser`. Only for code that
   * has a DOM but is not a web page, such as tests under jsdom or server-side rendering.
   */
  dangerouslyAllowBrowser?: boolean;
  /**
   * Where the SDK logs (default `console`). It logs the method, the route's template
   * (`/v1/referrals/{id}`), the status, the hub's request id, the attempt and timings: never a
   * body, a query, an id in a path, a header's value or the key.
   */
  logger?: Logger;
  /**
   * How much to log: `debug` (every attempt and answer), `info` (retries and failures), `warn`
   * (answers that break the contract), `error`, or `off`. Default `warn`.
   */
  logLevel?: LogLevel;
}

/** Whether `url` names this machine: localhost, 127.0.0.0/8 or [::1] (the URL parser normalises them). */
function isLoopback(url: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return false;
  }
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** A client for the operation functions (`createReferral(client, …)`); checks the options. */
export function createClient(options: HubkitOptions): HubClient {
  const { apiKey, baseUrl } = options;
  const allowBrowser = options.dangerouslyAllowBrowser ?? false;
  // A function's keys are checked as it gives them, on each request.
  if (typeof apiKey !== 'function') checkedApiKey(apiKey, allowBrowser);
  if (!/^https?:\/\/[^/]/.test(baseUrl)) throw new HubkitError('baseUrl must be the hub’s http(s) address');
  if (baseUrl.startsWith('http:') && !isLoopback(baseUrl)) {
    throw new HubkitError(
      'baseUrl must start https:// (plain http:// only to this machine: localhost, 127.0.0.1 or [::1]), so the API key is never sent unencrypted',
    );
  }
  const logLevel = options.logLevel ?? 'warn';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new HubkitError(`logLevel must be one of ${LOG_LEVELS.join(', ')}`);
  }
  return new Transport({
    apiKey,
    dangerouslyAllowBrowser: allowBrowser,
    baseUrl,
    timeout: options.timeout ?? 30_000,
    maxRetries: options.maxRetries ?? 2,
    lang: options.lang ?? 'en',
    fetch: options.fetch,
    log: new Log(options.logger, logLevel),
  });
}

/** Whether the hub and its database are up. */
export function getHealth(client: HubClient, options?: RequestOptions): APIPromise<Health> {
  return client.request({ method: 'GET', path: '/healthz', response: HealthSchema }, options);
}

/** Every operation of the hub's API, grouped by resource. */
export class Hubkit {
  readonly referrals: Referrals;
  readonly consents: Consents;
  readonly assessments: Assessments;
  readonly services: Services;
  readonly reports: Reports;
  readonly webhookEndpoints: WebhookEndpoints;
  readonly auditEvents: AuditEvents;
  readonly sessions: Sessions;
  readonly #client: HubClient;

  constructor(options: HubkitOptions) {
    this.#client = createClient(options);
    this.referrals = new Referrals(this.#client);
    this.consents = new Consents(this.#client);
    this.assessments = new Assessments(this.#client);
    this.services = new Services(this.#client);
    this.reports = new Reports(this.#client);
    this.webhookEndpoints = new WebhookEndpoints(this.#client);
    this.auditEvents = new AuditEvents(this.#client);
    this.sessions = new Sessions(this.#client);
  }

  /** {@inheritDoc getHealth} */
  health(options?: RequestOptions): APIPromise<Health> {
    return getHealth(this.#client, options);
  }
}
