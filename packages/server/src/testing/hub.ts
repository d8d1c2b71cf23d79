/**
 * A real hub for tests, over loopback HTTP: an in-memory database, the demo directory, known
 * keys, a log that tests can read, and a small client that returns status, headers and body.
 */
import { demoDirectory, homesAndMoneyHub } from '@hubkit/schema/fixtures';
import { makeKey } from '../domain/keys.ts';
import type { Logger } from '../log.ts';
import { uniformRateLimits } from '../http/rate-limit.ts';
import { startHub, type HubOptions, type RunningHub } from '../server.ts';
import { openApiResponses } from '../../../schema/src/testing/openapi-responses.ts';

export const ORIGIN = 'https://vcs.example.org';
/** Where the partner's own staff pages are: its key mints staff tokens for this origin. */
export const PORTAL = 'https://portal.partner.example';

/** The service the provider key works for: it sees only referrals assigned to it. */
export const PROVIDER_SERVICE = homesAndMoneyHub.id;

/** Keys every test hub has. */
export const KEYS = {
  publishable: 'pk_test_PublishableKeyForTests0001',
  otherPublishable: 'pk_test_PublishableKeyForTests0002',
  secret: 'sk_test_SecretHubKeyForTests00000000001',
  provider: 'sk_test_SecretProviderKeyForTests00002',
  /** A partner's case system that refers: it sees the referrals it made. */
  partner: 'sk_test_SecretPartnerKeyForTests000003',
} as const;
export type KeyName = keyof typeof KEYS;

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  /** A named test key, a literal Authorization key, or null for none (default: secret). */
  key?: KeyName | (string & {}) | null;
  /** Sent as JSON unless it is a string (sent as it is). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface TestHub extends RunningHub {
  logs: string[];
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<Answer<T>>;
}

export async function testHub(options: Partial<HubOptions> = {}): Promise<TestHub> {
  const logs: string[] = [];
  const logger: Logger = {
    info: (entry) => logs.push(JSON.stringify(entry)),
    error: (entry) => logs.push(JSON.stringify(entry)),
  };
  const running = await startHub({
    port: 0,
    db: ':memory:',
    logger,
    rateLimits: uniformRateLimits({ perSecond: 1000, burst: 1000 }),
    ...options,
    webhooks: {
      allowPrivateNetworks: true,
      intervalMs: 50,
      retryScheduleMs: [50, 100, 200],
      ...options.webhooks,
    },
  });
  // Every answer a test gets is checked against the OpenAPI document, so it cannot drift.
  const documented = openApiResponses();
  const now = running.hub.now();
  const make = [
    makeKey({
      kind: 'publishable',
      name: 'Test VCS site',
      allowedOrigins: [ORIGIN],
      value: KEYS.publishable,
      now,
    }),
    makeKey({
      kind: 'publishable',
      name: 'Other site',
      allowedOrigins: ['https://other.example.org'],
      value: KEYS.otherPublishable,
      now,
    }),
    makeKey({ kind: 'secret', name: 'Test hub', role: 'hub', value: KEYS.secret, now }),
    makeKey({
      kind: 'secret',
      name: 'Test partner system',
      role: 'referrer',
      allowedOrigins: [PORTAL],
      value: KEYS.partner,
      now,
    }),
    makeKey({
      kind: 'secret',
      name: 'Test provider',
      role: 'provider',
      serviceIds: [PROVIDER_SERVICE],
      value: KEYS.provider,
      now,
    }),
  ];
  for (const { record } of make) await running.hub.store.insertKey(record);
  for (const service of demoDirectory) await running.hub.store.upsertService(service, now);

  async function request<T>(
    method: string,
    path: string,
    { key = 'secret', body, headers = {} }: RequestOptions = {},
  ): Promise<Answer<T>> {
    const auth = key === null ? {} : { Authorization: `Bearer ${key in KEYS ? KEYS[key as KeyName] : key}` };
    const init: RequestInit = {
      method,
      headers: {
        ...auth,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    };
    const response = await fetch(`${running.url}${path}`, init);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (the home page): the text is the body.
    }
    const answer = { status: response.status, headers: response.headers, body: parsed as T, text };
    const wrong = documented.check(method, path, answer);
    if (wrong.length > 0)
      throw new Error(`The answer differs from the OpenAPI document: ${wrong.join('; ')}`);
    return answer;
  }

  return Object.assign(running, { logs, request });
}
