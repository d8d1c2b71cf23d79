/**
 * What partners know from openai-node and stripe-node: the raw response beside the data
 * (`withResponse()`, `asResponse()`), the answer's headers on API errors, the caller's own abort
 * told apart from a timeout, a User-Agent naming the SDK and runtime, and a logger that never
 * writes personal data or the key. On the mock hub, through msw.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, afterEach, before, describe, it } from 'node:test';
import { HttpResponse, delay, http } from 'msw';
import { setupServer } from 'msw/node';
import { CLIENT_HEADER, REQUEST_ID_HEADER } from '@hubkit/schema';
import { councillorDebtAndFood } from '@hubkit/schema/fixtures';
import { createHubMock } from '@hubkit/mocks';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIPromise,
  APIUserAbortError,
  Hubkit,
  NotFoundError,
  RateLimitError,
  UnprocessableEntityError,
  VERSION,
  type Logger,
  type LogLevel,
} from './index.ts';

const hub = createHubMock();
const server = setupServer(...hub.handlers);
/** The headers of every request that reached the mock hub. */
let sent: Headers[] = [];
before(() => {
  server.listen({ onUnhandledFrame: 'error' });
  server.events.on('request:start', ({ request }) => sent.push(new Headers(request.headers)));
});
afterEach(() => {
  hub.reset();
  server.resetHandlers();
  sent = [];
});
after(() => {
  server.close();
});

const client = (
  options: { logger?: Logger; logLevel?: LogLevel; maxRetries?: number; timeout?: number } = {},
) => new Hubkit({ apiKey: hub.keys.secret, baseUrl: hub.baseUrl, logLevel: 'off', ...options });

describe('withResponse() and asResponse()', () => {
  it('give the data with the raw Response, and await still gives the data', async () => {
    const sdk = client();
    const call = sdk.referrals.create(councillorDebtAndFood);
    assert.ok(call instanceof APIPromise);
    assert.ok(call instanceof Promise, 'a real Promise: Promise.all, .then and await work');
    const { data, response } = await call.withResponse();
    assert.equal(response.status, 201);
    assert.equal(data.resident.name.family, 'Bell');
    assert.match(response.headers.get(REQUEST_ID_HEADER) ?? '', /.+/);
    assert.equal((await call).id, data.id, 'the same call, read once');
    assert.equal(sent.length, 1, 'one request, however it is read');

    const referral = await sdk.referrals.retrieve(data.id);
    assert.equal(referral.id, data.id);
    const both = await Promise.all([sdk.referrals.retrieve(data.id), sdk.health()]);
    assert.equal(both[0].id, data.id);
  });

  it('asResponse() hands over the body unread and unchecked', async () => {
    const sdk = client();
    const made = await sdk.referrals.create(councillorDebtAndFood);
    const response = await sdk.referrals.retrieve(made.id).asResponse();
    assert.equal(response.status, 200);
    assert.equal(response.bodyUsed, false);
    const body = (await response.json()) as { id: string };
    assert.equal(body.id, made.id);
  });

  it('work on a list’s first page too', async () => {
    const sdk = client();
    await sdk.referrals.create(councillorDebtAndFood);
    sent = [];
    const { data: page, response } = await sdk.referrals.list({ limit: 1 }).withResponse();
    assert.equal(page.data.length, 1);
    assert.equal(response.status, 200);
    const raw = await sdk.services.search({ q: 'money' }).asResponse();
    assert.equal(raw.status, 200);
    assert.ok(Array.isArray(((await raw.json()) as { data: unknown }).data));
    assert.equal(sent.length, 2);
  });

  it('a call refused before sending rejects, whichever way it is read', async () => {
    const call = client().referrals.create({ ...councillorDebtAndFood, needs: [] });
    await assert.rejects(call.withResponse(), /Nothing was sent/);
    await assert.rejects(call.asResponse(), /Nothing was sent/);
    await assert.rejects(call, /Nothing was sent/);
    assert.equal(sent.length, 0);
  });
});

describe('API errors', () => {
  it('carry the answer’s headers', async () => {
    const missing = await client()
      .referrals.retrieve('8c4a1d2e-0b6f-4b8e-9a55-0c1d2e3f4a5b')
      .catch((e: unknown) => e);
    assert.ok(missing instanceof NotFoundError);
    assert.ok(missing.headers instanceof Headers);
    assert.equal(missing.headers.get(REQUEST_ID_HEADER), missing.requestId);
    assert.match(missing.headers.get('content-type') ?? '', /problem\+json/);

    server.use(
      http.get(`${hub.baseUrl}/healthz`, () =>
        HttpResponse.json(
          { type: 'about:blank', title: 'Too many requests', status: 429, code: 'rate_limited' },
          { status: 429, headers: { 'Retry-After': '7', 'RateLimit-Remaining': '0' } },
        ),
      ),
    );
    const limited = await client({ maxRetries: 0 })
      .health()
      .catch((e: unknown) => e);
    assert.ok(limited instanceof RateLimitError);
    assert.equal(limited.retryAfterSeconds, 7);
    assert.equal(limited.headers?.get('ratelimit-remaining'), '0');
  });

  it('never carry the request’s headers, where the key is', async () => {
    const refused = await client()
      .referrals.create({
        ...councillorDebtAndFood,
        requestedServiceId: '8c4a1d2e-0b6f-4b8e-9a55-0c1d2e3f4a5b',
      })
      .catch((e: unknown) => e);
    assert.ok(refused instanceof UnprocessableEntityError, String(refused));
    for (const [, value] of refused.headers ?? []) assert.ok(!value.includes(hub.keys.secret));
  });
});

describe('aborting', () => {
  it('the caller’s own signal is an APIUserAbortError, not retried; a timeout stays a timeout', async () => {
    server.use(
      http.get(`${hub.baseUrl}/healthz`, async () => {
        await delay(2_000);
        return HttpResponse.json({ status: 'ok', version: '1', database: 'ok' });
      }),
    );
    const controller = new AbortController();
    const call = client({ maxRetries: 2 }).health({ signal: controller.signal });
    setTimeout(() => {
      controller.abort();
    }, 50);
    const aborted = await call.catch((e: unknown) => e);
    assert.ok(aborted instanceof APIUserAbortError, String(aborted));
    assert.ok(!(aborted instanceof APIConnectionError), 'not a connection failure');
    assert.equal(aborted.name, 'APIUserAbortError');
    assert.equal(sent.length, 1, 'never retried');

    const already = await client()
      .health({ signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    assert.ok(already instanceof APIUserAbortError, String(already));

    const slow = await client({ maxRetries: 0, timeout: 50 })
      .health()
      .catch((e: unknown) => e);
    assert.ok(slow instanceof APIConnectionTimeoutError, String(slow));
  });
});

describe('User-Agent', () => {
  it('names the SDK, its version and the runtime, in User-Agent and Hubkit-Client', async () => {
    await client().health();
    const [headers] = sent;
    const expected = new RegExp(
      `^hubkit-sdk/${VERSION.replaceAll('.', '\\.')} node/${process.versions.node.replaceAll('.', '\\.')} \\(${process.platform}; ${process.arch}\\)$`,
    );
    assert.match(headers?.get('user-agent') ?? '', expected);
    assert.match(headers?.get(CLIENT_HEADER) ?? '', expected);
  });

  it('says the version package.json says', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    assert.equal(VERSION, manifest.version, 'update src/version.ts with the package’s version');
  });
});

describe('the logger', () => {
  function recorder(): { logger: Logger; lines: { level: string; args: unknown[] }[] } {
    const lines: { level: string; args: unknown[] }[] = [];
    const at =
      (level: string) =>
      (...args: unknown[]) =>
        lines.push({ level, args });
    return { logger: { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') }, lines };
  }

  it('at debug, logs each request and answer without personal data or the key', async () => {
    const { logger, lines } = recorder();
    const sdk = client({ logger, logLevel: 'debug' });
    const made = await sdk.referrals.create(councillorDebtAndFood);
    await sdk.referrals.retrieve(made.id);
    // A refusal whose problem details quote what was sent.
    await sdk.referrals
      .create({ ...councillorDebtAndFood, requestedServiceId: '8c4a1d2e-0b6f-4b8e-9a55-0c1d2e3f4a5b' })
      .catch(() => undefined);

    const written = JSON.stringify(lines);
    assert.ok(lines.length >= 6, written);
    const response = lines.find(
      (l) => l.args[0] === '[hubkit] response' && (l.args[1] as { status?: number }).status === 201,
    );
    assert.ok(response, written);
    assert.equal(response.level, 'debug');
    const details = response.args[1] as Record<string, unknown>;
    assert.equal(details.method, 'POST');
    assert.equal(details.route, '/v1/referrals');
    assert.match(String(details.requestId), /.+/);
    assert.equal(typeof details.durationMs, 'number');
    assert.ok(
      lines.some((l) => (l.args[1] as { route?: string }).route === '/v1/referrals/{id}'),
      'the route’s template',
    );
    assert.ok(
      lines.some((l) => l.level === 'info' && l.args[0] === '[hubkit] request failed'),
      written,
    );

    const personal = [
      hub.keys.secret,
      made.id,
      made.reference,
      made.residentId,
      'Marcus',
      'Bell',
      '1968-03-14',
      '7700900123',
      'Rowan Court',
      'N7 6QX',
      'Whitlock',
      'dana.whitlock@example.com',
      'ME-2026-0412',
      'council tax',
      'surgery',
    ];
    for (const value of personal) assert.ok(!written.includes(value), `the log holds ${value}`);
  });

  it('logs nothing at the default level when all goes well, nor anything when off', async () => {
    const quiet = recorder();
    await new Hubkit({
      apiKey: hub.keys.secret,
      baseUrl: hub.baseUrl,
      logger: quiet.logger,
    }).referrals.create(councillorDebtAndFood);
    assert.deepEqual(quiet.lines, []);
    const off = recorder();
    server.use(http.get(`${hub.baseUrl}/healthz`, () => HttpResponse.json({ status: 1 })));
    await client({ logger: off.logger, logLevel: 'off' })
      .health()
      .catch(() => undefined);
    assert.deepEqual(off.lines, []);
    const warned = recorder();
    await client({ logger: warned.logger, logLevel: 'warn' })
      .health()
      .catch(() => undefined);
    assert.deepEqual(
      warned.lines.map((l) => [l.level, l.args[0]]),
      [['warn', '[hubkit] answer does not match the contract']],
    );
  });

  it('refuses a level it does not know', () => {
    assert.throws(
      () => new Hubkit({ apiKey: hub.keys.secret, baseUrl: hub.baseUrl, logLevel: 'verbose' as LogLevel }),
      /logLevel must be one of off, error, warn, info, debug/,
    );
  });
});
