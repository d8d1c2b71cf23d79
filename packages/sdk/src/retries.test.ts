/**
 * Retries, timeouts and exactly-once creation, rehearsed with msw in front of the real hub:
 * a handler forwards each request to the hub (`bypass`) and can break the answer on the way
 * back, the way a network does.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { http, HttpResponse, bypass, delay } from 'msw';
import { setupServer } from 'msw/node';
import { councillorDebtAndFood } from '@hubkit/schema/fixtures';
import { startHubProcess, type HubProcess } from '@hubkit/server';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  ConflictError,
  Hubkit,
  InternalServerError,
  InvalidResponseError,
  RateLimitError,
} from './index.ts';

const SECRET = 'sk_test_SdkRetryTestsSecretKey000000001';
let running: HubProcess;
const msw = setupServer();

/** What reached the hub through the proxy, in order. */
let seen: { method: string; path: string; idempotencyKey: string | null; at: number }[] = [];

before(async () => {
  // In its own process: msw in Node would otherwise intercept the hub's incoming requests too.
  running = await startHubProcess({ secretKey: SECRET });
  msw.listen({ onUnhandledFrame: 'bypass' });
});
afterEach(() => {
  msw.resetHandlers();
  seen = [];
});
after(async () => {
  msw.close();
  await running.close();
});

const client = (options: { maxRetries?: number; timeout?: number } = {}) =>
  new Hubkit({
    apiKey: SECRET,
    baseUrl: running.url,
    maxRetries: options.maxRetries ?? 2,
    ...(options.timeout ? { timeout: options.timeout } : {}),
  });

const countReferrals = async () => {
  let n = 0;
  for await (const _ of client().referrals.list({ limit: 100 })) n += 1;
  return n;
};

/** Forwards to the hub; `breakAnswer(n)` may replace the n-th answer (1-based). */
function proxy(
  path: string,
  breakAnswer: (attempt: number, real: () => Promise<Response>) => Promise<Response> | Response,
) {
  let attempt = 0;
  return http.all(`${running.url}${path}`, async ({ request }) => {
    attempt += 1;
    const url = new URL(request.url);
    seen.push({
      method: request.method,
      path: url.pathname,
      idempotencyKey: request.headers.get('idempotency-key'),
      at: Date.now(),
    });
    return breakAnswer(attempt, () => fetch(bypass(request)));
  });
}

describe('exactly-once creation', () => {
  it('retries a create whose first answer was lost, with the same Idempotency-Key, and the hub has one referral', async () => {
    const before = await countReferrals();
    msw.use(
      proxy('/v1/referrals', async (attempt, real) => {
        const answer = await real(); // the hub makes the referral…
        return attempt === 1 ? HttpResponse.error() : answer; // …but the first answer never arrives
      }),
    );
    const referral = await client().referrals.create(councillorDebtAndFood);
    assert.equal(seen.length, 2);
    assert.ok(seen[0]?.idempotencyKey);
    assert.equal(seen[1]?.idempotencyKey, seen[0].idempotencyKey, 'the retry carries the same key');
    msw.resetHandlers();
    assert.equal(await countReferrals(), before + 1);
    assert.equal((await client().referrals.retrieve(referral.id)).id, referral.id);
  });

  it('uses the key the caller gives, and a new one for each create', async () => {
    msw.use(proxy('/v1/referrals', (_attempt, real) => real()));
    await client().referrals.create(councillorDebtAndFood, { idempotencyKey: 'my-own-key-1' });
    await client().referrals.create(councillorDebtAndFood);
    await client().referrals.create(councillorDebtAndFood);
    assert.equal(seen[0]?.idempotencyKey, 'my-own-key-1');
    assert.notEqual(seen[1]?.idempotencyKey, seen[2]?.idempotencyKey);
  });

  it('waits out a 409 while the first request with its key is in flight, then gets the replay', async () => {
    msw.use(
      proxy('/v1/referrals', async (attempt, real) => {
        if (attempt === 1) {
          return HttpResponse.json(
            {
              type: 'https://hubkit.dev/problems/idempotency_request_in_flight',
              title: 'In flight',
              status: 409,
              code: 'idempotency_request_in_flight',
            },
            { status: 409, headers: { 'Retry-After': '0', 'Content-Type': 'application/problem+json' } },
          );
        }
        return real();
      }),
    );
    const referral = await client().referrals.create(councillorDebtAndFood);
    assert.equal(referral.status, 'submitted');
    assert.equal(seen.length, 2);
  });

  it('does not retry any other 409: a conflict is an answer', async () => {
    const referral = await client().referrals.create(councillorDebtAndFood);
    msw.use(proxy(`/v1/referrals/${referral.id}/transitions`, (_attempt, real) => real()));
    await assert.rejects(client().referrals.transition(referral.id, { to: 'closed' }), ConflictError);
    assert.equal(seen.length, 1);
  });
});

describe('retries', () => {
  it('retry connection errors, 408, 5xx, then succeed', async () => {
    msw.use(
      proxy('/healthz', (attempt, real) =>
        attempt === 1
          ? HttpResponse.error()
          : attempt === 2
            ? new HttpResponse(null, { status: 503 })
            : real(),
      ),
    );
    assert.equal((await client().health()).status, 'ok');
    assert.equal(seen.length, 3);
  });

  it('give up after maxRetries (2 by default), with the error of the last attempt', async () => {
    msw.use(proxy('/healthz', () => new HttpResponse(null, { status: 500 })));
    await assert.rejects(client().health(), InternalServerError);
    assert.equal(seen.length, 3);
  });

  it('take maxRetries per client and per call', async () => {
    msw.use(proxy('/healthz', () => HttpResponse.error()));
    await assert.rejects(client({ maxRetries: 0 }).health(), APIConnectionError);
    assert.equal(seen.length, 1);
    seen = [];
    await assert.rejects(client({ maxRetries: 0 }).health({ maxRetries: 1 }), APIConnectionError);
    assert.equal(seen.length, 2);
  });

  it('honour Retry-After on 429 and then succeed; surface a RateLimitError when retries run out', async () => {
    msw.use(
      proxy('/healthz', (attempt, real) =>
        attempt === 1
          ? HttpResponse.json(
              { type: 'x', title: 'Slow down', status: 429, code: 'rate_limited' },
              { status: 429, headers: { 'Retry-After': '1' } },
            )
          : real(),
      ),
    );
    assert.equal((await client().health()).status, 'ok');
    assert.equal(seen.length, 2);
    const waited = (seen[1]?.at ?? 0) - (seen[0]?.at ?? 0);
    assert.ok(waited >= 900, `waited ${waited} ms for Retry-After: 1`);

    msw.resetHandlers();
    seen = [];
    msw.use(
      proxy('/healthz', () =>
        HttpResponse.json(
          { type: 'x', title: 'Slow down', status: 429, code: 'rate_limited' },
          { status: 429, headers: { 'Retry-After': '0' } },
        ),
      ),
    );
    const error = await client({ maxRetries: 1 })
      .health()
      .catch((e: unknown) => e);
    assert.ok(error instanceof RateLimitError);
    assert.equal(error.retryAfterSeconds, 0);
    assert.equal(seen.length, 2);
  });

  it('time out each attempt, retry, and report a timeout', async () => {
    msw.use(
      proxy('/healthz', async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const error = await client({ timeout: 150, maxRetries: 1 })
      .health()
      .catch((e: unknown) => e);
    assert.ok(error instanceof APIConnectionTimeoutError);
    assert.equal(seen.length, 2);
  });

  it('do not retry client errors (400, 401, 403, 404, 422)', async () => {
    for (const status of [400, 401, 403, 404, 422]) {
      msw.resetHandlers();
      seen = [];
      msw.use(
        proxy('/healthz', () => HttpResponse.json({ type: 'x', title: 't', status, code: 'x' }, { status })),
      );
      await assert.rejects(client().health());
      assert.equal(seen.length, 1, String(status));
    }
  });
});

describe('answers that break the contract', () => {
  it('are an InvalidResponseError naming where, never a silent undefined', async () => {
    msw.use(proxy('/healthz', () => HttpResponse.json({ status: 'ok', version: 1, residentName: 'x' })));
    const error = await client()
      .health()
      .catch((e: unknown) => e);
    assert.ok(error instanceof InvalidResponseError);
    assert.deepEqual(error.errors.map((e) => e.path).sort(), ['/database', '/version']);
    assert.ok(
      !error.message.includes('"x"') && !JSON.stringify(error.errors).includes('"x"'),
      'never a value',
    );
    msw.resetHandlers();
    msw.use(
      proxy('/healthz', () =>
        HttpResponse.json({ status: 'ok', version: '1', database: 'ok', residentName: 'x' }),
      ),
    );
    // A field or a code added by a newer hub is not a broken contract: the field is dropped, the
    // code kept as sent.
    const newer = await client().health();
    assert.deepEqual(newer, { status: 'ok', version: '1', database: 'ok' });
    msw.resetHandlers();
    msw.use(proxy('/healthz', () => HttpResponse.json({ status: 'draining', version: '1', database: 'ok' })));
    assert.equal((await client().health()).status, 'draining');
    msw.resetHandlers();
    msw.use(
      proxy(
        '/healthz',
        () =>
          new HttpResponse('<html>gateway</html>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
      ),
    );
    await assert.rejects(client().health(), InvalidResponseError);
  });
});
