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
 */
import { Health as HealthSchema, PUBLISHABLE_KEY_PREFIX, SECRET_KEY_PREFIX, type Lang } from '@hubkit/schema';
import { HubkitError } from './errors/hubkit-error.ts';
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
import { WebhookEndpoints } from './resources/webhook-endpoints.ts';

export interface HubkitOptions {
  /** A publishable key (`pk_…`, browsers) or a secret key (`sk_…`, servers only). */
  apiKey: string;
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

function inBrowser(): boolean {
  return typeof (globalThis as { document?: unknown }).document !== 'undefined';
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
  if (
    typeof apiKey !== 'string' ||
    !(apiKey.startsWith(PUBLISHABLE_KEY_PREFIX) || apiKey.startsWith(SECRET_KEY_PREFIX))
  ) {
    throw new HubkitError(
      `apiKey must be a publishable (${PUBLISHABLE_KEY_PREFIX}…) or secret (${SECRET_KEY_PREFIX}…) key`,
    );
  }
  if (apiKey.startsWith(SECRET_KEY_PREFIX) && inBrowser() && !options.dangerouslyAllowBrowser) {
    throw new HubkitError(
      'A secret key may not be used in a browser: anyone using the page could read it. Use a publishable key, or call the hub from your server.',
    );
  }
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
  }

  /** {@inheritDoc getHealth} */
  health(options?: RequestOptions): APIPromise<Health> {
    return getHealth(this.#client, options);
  }
}
