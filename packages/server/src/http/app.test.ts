import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { councillorDebtAndFood } from '@hubkit/schema/fixtures';
import { routes } from '@hubkit/schema/routes';
import { KEYS, ORIGIN, type TestHub } from '../testing/hub.ts';
import { uniformRateLimits } from './rate-limit.ts';
import { forEachEngine } from '../testing/engines.ts';

forEachEngine((engine) => {
  let hub: TestHub;
  before(async () => {
    hub = await engine.testHub();
  });
  after(async () => {
    await hub.close();
  });

  const problemShape = (answer: { status: number; headers: Headers; body: any }, code: string) => {
    assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(answer.body.status, answer.status);
    assert.equal(answer.body.code, code);
    assert.equal(answer.body.type, `https://hubkit.dev/problems/${code}`);
    assert.equal(typeof answer.body.title, 'string');
    assert.equal(answer.body.requestId, answer.headers.get('x-request-id'));
  };

  describe('every response', () => {
    it('carries an X-Request-Id, different each time, and echoes X-Correlation-Id', async () => {
      const answers = await Promise.all([
        hub.request('GET', '/healthz', { key: null, headers: { 'X-Correlation-Id': 'partner-42' } }),
        hub.request('GET', '/v1/referrals/not-an-id'),
        hub.request('GET', '/nowhere', { key: null }),
        hub.request('PUT', '/v1/referrals'),
        hub.request('GET', '/', { key: null }),
      ]);
      const ids = answers.map((a) => a.headers.get('x-request-id'));
      for (const id of ids) assert.match(id ?? '', /^req_[\w-]{16}$/);
      assert.equal(new Set(ids).size, ids.length);
      const [withCorrelation, without] = answers;
      assert.equal(withCorrelation.headers.get('x-correlation-id'), 'partner-42');
      assert.equal(without.headers.get('x-correlation-id'), null);
    });

    it('does not echo a correlation id that is not a visible ASCII token', async () => {
      const answer = await hub.request('GET', '/healthz', {
        key: null,
        headers: { 'X-Correlation-Id': 'a'.repeat(201) },
      });
      assert.equal(answer.headers.get('x-correlation-id'), null);
    });

    it('keeps API answers out of caches and stops content sniffing', async () => {
      const answer = await hub.request('GET', '/v1/referrals');
      assert.equal(answer.headers.get('cache-control'), 'no-store');
      assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
    });
  });

  describe('meta', () => {
    it('answers /healthz without a key', async () => {
      const answer = await hub.request('GET', '/healthz', { key: null });
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, { status: 'ok', version: '0.1.0', database: 'ok' });
    });

    it('serves the schema package’s OpenAPI document with this hub as the server', async () => {
      const answer = await hub.request('GET', '/v1/openapi.json', { key: null });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.openapi, '3.1.0');
      assert.deepEqual(answer.body.servers, [{ url: hub.url }]);
      assert.equal(Object.keys(answer.body.paths).length > 20, true);
    });

    it('has a home page that links to the API reference', async () => {
      const answer = await hub.request('GET', '/', { key: null });
      assert.equal(answer.status, 200);
      assert.match(answer.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(answer.text, /href="\/v1\/openapi\.json"/);
    });

    it('answers unknown addresses with 404 and known ones with the wrong method with 405 and Allow', async () => {
      const missing = await hub.request('GET', '/v2/referrals');
      assert.equal(missing.status, 404);
      problemShape(missing, 'not_found');
      const wrongMethod = await hub.request('PUT', '/v1/referrals');
      assert.equal(wrongMethod.status, 405);
      problemShape(wrongMethod, 'method_not_allowed');
      assert.equal(wrongMethod.headers.get('allow'), 'POST, GET');
    });
  });

  describe('keys', () => {
    it('answers 401 with WWW-Authenticate for no key, a malformed key, an unknown key', async () => {
      for (const key of [
        null,
        'nonsense',
        'pk_test_NotAKeyThisHubKnows0000',
        'sk_live_unknownunknownunknown00',
      ]) {
        const answer = await hub.request('GET', '/v1/referrals', { key });
        assert.equal(answer.status, 401, String(key));
        problemShape(answer, 'unauthorized');
        assert.equal(answer.headers.get('www-authenticate'), 'Bearer realm="hubkit"');
      }
    });

    it('refuses a secret key sent from a browser (with an Origin): 403, no CORS permission, nothing done', async () => {
      const before = await hub.request<{ data: unknown[] }>('GET', '/v1/referrals?limit=100');
      for (const origin of [ORIGIN, 'https://elsewhere.example', 'null']) {
        for (const key of [KEYS.secret, 'sk_live_unknownunknownunknown00']) {
          for (const [method, path, body] of [
            ['GET', '/v1/referrals', undefined],
            ['POST', '/v1/referrals', councillorDebtAndFood],
            ['GET', '/v1/no-such-route', undefined],
          ] as const) {
            const answer = await hub.request(method, path, { key, body, headers: { Origin: origin } });
            assert.equal(answer.status, 403, `${method} ${path} from ${origin}`);
            problemShape(answer, 'secret_key_in_browser');
            assert.match(answer.body.detail, /Secret keys never belong in a browser/);
            assert.equal(answer.headers.get('access-control-allow-origin'), null);
          }
        }
      }
      const after = await hub.request<{ data: unknown[] }>('GET', '/v1/referrals?limit=100');
      assert.equal(after.body.data.length, before.body.data.length, 'no referral was made');
      // The same key from a server (no Origin) works, and a publishable key from its site has CORS.
      assert.equal((await hub.request('GET', '/v1/referrals')).status, 200);
      const pk = await hub.request('GET', '/v1/services', {
        key: 'publishable',
        headers: { Origin: ORIGIN },
      });
      assert.equal(pk.headers.get('access-control-allow-origin'), ORIGIN);
    });

    it('lets a publishable key do only what it may: make referrals and consents, read the directory, get a challenge', async () => {
      const allowed = new Set(
        Object.entries(routes)
          .filter(([, r]) => (r.keys as readonly string[]).includes('publishable'))
          .map(([name]) => name),
      );
      assert.deepEqual([...allowed].sort(), [
        'createChallenge',
        'createConsent',
        'createReferral',
        'listServices',
        'retrieveService',
        'searchServices',
        'withdrawConsent',
      ]);
      const forbidden = [
        ['GET', '/v1/referrals'],
        ['GET', `/v1/referrals/${crypto.randomUUID()}`],
        ['GET', '/v1/audit-events'],
        ['GET', '/v1/reports/referrals?from=2026-01-01&to=2026-12-31'],
        ['GET', '/v1/webhook-endpoints'],
      ] as const;
      for (const [method, path] of forbidden) {
        const answer = await hub.request(method, path, { key: 'publishable', headers: { Origin: ORIGIN } });
        assert.equal(answer.status, 403, path);
        problemShape(answer, 'forbidden');
      }
      const services = await hub.request('GET', '/v1/services?need=food', {
        key: 'publishable',
        headers: { Origin: ORIGIN },
      });
      assert.equal(services.status, 200);
    });

    it('refuses a publishable key from a website it is not registered for, and answers CORS only for registered ones', async () => {
      const wrong = await hub.request('GET', '/v1/services', {
        key: 'publishable',
        headers: { Origin: 'https://evil.example' },
      });
      assert.equal(wrong.status, 403);
      problemShape(wrong, 'origin_not_allowed');
      assert.equal(wrong.headers.get('access-control-allow-origin'), null);

      const right = await hub.request('GET', '/v1/services', {
        key: 'publishable',
        headers: { Origin: ORIGIN },
      });
      assert.equal(right.status, 200);
      assert.equal(right.headers.get('access-control-allow-origin'), ORIGIN);
      assert.match(right.headers.get('access-control-expose-headers') ?? '', /X-Request-Id/);

      const preflight = await fetch(`${hub.url}/v1/referrals`, {
        method: 'OPTIONS',
        headers: {
          Origin: ORIGIN,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization, content-type, idempotency-key, hubkit-client',
        },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-origin'), ORIGIN);
      assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
      // The SDK names itself in Hubkit-Client from browsers, where it may not set User-Agent.
      assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Hubkit-Client/);
      const foreign = await fetch(`${hub.url}/v1/referrals`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
      });
      assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    });

    it('gives a key registered for another website no CORS answer on this one', async () => {
      const answer = await hub.request('GET', '/v1/services', {
        key: 'otherPublishable',
        headers: { Origin: ORIGIN },
      });
      assert.equal(answer.status, 403);
      problemShape(answer, 'origin_not_allowed');
    });

    it('stops a revoked key at once', async () => {
      const { makeKey } = await import('../domain/keys.ts');
      const made = makeKey({ kind: 'secret', name: 'Short-lived', now: hub.hub.now() });
      await hub.hub.store.insertKey(made.record);
      assert.equal((await hub.request('GET', '/v1/referrals', { key: made.key })).status, 200);
      await hub.hub.store.revokeKey(made.record.id, hub.hub.now());
      assert.equal((await hub.request('GET', '/v1/referrals', { key: made.key })).status, 401);
    });
  });

  describe('rate limits', () => {
    it('answers 429 with Retry-After once a key’s burst is spent, and only for that key', async () => {
      const limited = await engine.testHub({
        rateLimits: {
          ...uniformRateLimits({ perSecond: 1000, burst: 1000 }),
          perKey: { publishable: { perSecond: 0.5, burst: 3 }, secret: { perSecond: 1000, burst: 1000 } },
        },
      });
      try {
        const statuses: number[] = [];
        let last;
        for (let i = 0; i < 5; i += 1) {
          last = await limited.request('GET', '/v1/services', {
            key: 'publishable',
            headers: { Origin: ORIGIN },
          });
          statuses.push(last.status);
        }
        assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
        assert.ok(last);
        problemShape(last, 'rate_limited');
        assert.ok(Number(last.headers.get('retry-after')) >= 1);
        assert.equal(
          (await limited.request('GET', '/v1/services')).status,
          200,
          'another key is not limited',
        );
      } finally {
        await limited.close();
      }
    });
  });

  describe('request bodies', () => {
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      hub.request('POST', '/v1/referrals', { body, headers });

    it('refuses malformed JSON with 400 invalid_json, without quoting it', async () => {
      const answer = await post('{"resident": {"name": "Marcus Bell"');
      assert.equal(answer.status, 400);
      problemShape(answer, 'invalid_json');
      assert.doesNotMatch(answer.text, /Marcus/);
    });

    it('refuses a body that escapes half of a surrogate pair with 400 invalid_json, and stores nothing', async () => {
      const count = async () =>
        (await hub.request<{ data: unknown[] }>('GET', '/v1/referrals?limit=100')).body.data.length;
      const before = await count();
      // JSON.stringify writes the lone surrogate as the escape "\ud800": no store can hold it.
      const answer = await post({ ...councillorDebtAndFood, notes: 'Moving flat \ud800 soon' });
      assert.equal(answer.status, 400, answer.text);
      problemShape(answer, 'invalid_json');
      assert.doesNotMatch(answer.text, /Moving/);
      assert.equal(await count(), before);
    });

    it('refuses an empty body and a body that is not UTF-8', async () => {
      assert.equal((await post('')).status, 400);
      const bytes = await fetch(`${hub.url}/v1/referrals`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${KEYS.secret}`, 'Content-Type': 'application/json' },
        body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      });
      assert.equal(bytes.status, 400);
    });

    it('refuses anything but JSON with 415', async () => {
      const answer = await post('resident=Marcus', { 'Content-Type': 'application/x-www-form-urlencoded' });
      assert.equal(answer.status, 415);
      problemShape(answer, 'unsupported_media_type');
    });

    it('refuses a body over the limit with 413, declared or not', async () => {
      const big = JSON.stringify({ ...councillorDebtAndFood, notes: 'x'.repeat(120 * 1024) });
      const answer = await post(big);
      assert.equal(answer.status, 413);
      problemShape(answer, 'payload_too_large');
      const chunked = await fetch(`${hub.url}/v1/referrals`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${KEYS.secret}`, 'Content-Type': 'application/json' },
        body: new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(big));
            controller.close();
          },
        }),
        duplex: 'half',
      });
      assert.equal(chunked.status, 413);
    });

    it('answers invalid fields with 422 and every failing field, in Welsh when asked, without the input', async () => {
      const body = {
        ...councillorDebtAndFood,
        resident: {
          ...councillorDebtAndFood.resident,
          address: { ...councillorDebtAndFood.resident.address, postcode: 'XX9 9ZZZ' },
        },
        nickname: 'Zebedee Quackenbush',
      };
      const answer = await post(body, { 'Accept-Language': 'cy-GB, en;q=0.5' });
      assert.equal(answer.status, 422);
      problemShape(answer, 'validation_failed');
      assert.deepEqual(answer.body.errors, [
        { path: '/resident/address/postcode', code: 'invalid', message: 'Rhowch god post, fel N1 1AA' },
        {
          path: '/nickname',
          code: 'unknown_field',
          message: 'Tynnwch y maes ‘nickname’: nid yw’n rhan o’r cais hwn',
        },
      ]);
      assert.doesNotMatch(answer.text, /XX9|Zebedee/);
      assert.equal(answer.body.title, 'Gwiriwch yr wybodaeth a anfonwyd gennych');
    });

    it('refuses a malformed query with 400 naming the parameter, and a repeated one', async () => {
      const answer = await hub.request('GET', '/v1/referrals?status=lost&limit=1000');
      assert.equal(answer.status, 400);
      problemShape(answer, 'invalid_query');
      assert.deepEqual(
        answer.body.errors.map((e: { path: string }) => e.path),
        ['/status', '/limit'],
      );
      assert.equal((await hub.request('GET', '/v1/referrals?status=draft&status=closed')).status, 400);
      assert.equal((await hub.request('GET', '/v1/referrals?cursor=not-a-cursor')).status, 400);
    });

    it('answers 404, not 400 or 500, for ids that are not ids, and never echoes them', async () => {
      for (const id of ['123', 'HUB-7K3P-Q9', '..%2f..%2fetc%2fpasswd', "'; DROP TABLE referrals; --"]) {
        const answer = await hub.request('GET', `/v1/referrals/${encodeURIComponent(id)}`);
        assert.equal(answer.status, 404, id);
        assert.ok(!answer.text.includes(id));
      }
    });
  });

  describe('logs', () => {
    it('hold route templates, statuses and ids, never personal data, bodies or query strings', async () => {
      const created = await hub.request('POST', '/v1/referrals', { body: councillorDebtAndFood });
      assert.equal(created.status, 201);
      await hub.request('GET', `/v1/referrals/${created.body.id as string}`);
      await hub.request('POST', '/v1/services/search', { body: { postcode: 'N7 6QX' } });
      await hub.request('GET', '/v1/services?q=Marcus');
      const all = hub.logs.join('\n');
      for (const secret of ['Marcus', 'Bell', 'N7 6QX', '7700900123', 'dana.whitlock', 'q=', KEYS.secret]) {
        assert.ok(!all.includes(secret), `${secret} is in the log`);
      }
      assert.ok(
        hub.logs.some(
          (line) => line.includes('"route":"/v1/referrals/:id"') && line.includes('"status":200'),
        ),
      );
    });
  });
});
