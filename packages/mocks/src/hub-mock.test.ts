/**
 * The mock hub's HTTP: a handler for every route of the contract, the headers every answer
 * carries, keys, reading bodies and queries, validation in English and Welsh, and its options.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Referral } from '@hubkit/schema';
import { PROBLEM_TYPE_BASE } from '@hubkit/hub';
import { councillorDebtAndFood, homesAndMoneyHub } from '@hubkit/schema/fixtures';
import { routes, type RouteName } from '@hubkit/schema/routes';
import { createHubMock, DEFAULT_PUBLISHABLE_KEY, DEFAULT_SECRET_KEY, make } from './index.ts';
import { client, ORIGIN, useMockHub, type Answer } from './testing/harness.ts';

const PROVIDER = 'sk_test_mockProviderKeyForTests0001';
const PARTNER = 'sk_test_mockPartnerKeyForTests00001';
const RESTRICTED = 'pk_test_mockRestrictedPublishable01';
const REVOKED = 'sk_test_mockRevokedKeyForTests000001';

const { mock, server, call } = useMockHub({
  keys: [
    { key: PROVIDER, role: 'provider', serviceIds: [homesAndMoneyHub.id] },
    { key: PARTNER, role: 'referrer' },
    { key: RESTRICTED, origins: [ORIGIN] },
    { key: REVOKED, revoked: true },
  ],
});

function problemShape(answer: Answer, code: string): void {
  assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(answer.body.code, code);
  assert.equal(answer.body.type, `${PROBLEM_TYPE_BASE}${code}`);
  assert.equal(answer.body.status, answer.status);
  assert.equal(answer.body.requestId, answer.headers.get('x-request-id'));
  assert.equal(typeof answer.body.title, 'string');
}

const SOME_ID = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

describe('routes', () => {
  it('has one handler for every route of the contract, each in the handlers list', () => {
    const names = Object.keys(routes).sort();
    assert.deepEqual(Object.keys(mock.routeHandlers).sort(), names);
    for (const name of names) assert.ok(mock.handlers.includes(mock.routeHandlers[name as RouteName]), name);
  });

  it('answers every route at its own path and method, not with the catch-all', async () => {
    for (const [name, route] of Object.entries(routes)) {
      const path = route.path.replace('{version}', '1').replace(/\{\w+\}/g, SOME_ID);
      const answer = await call(route.method, path, {
        ...(route.method === 'POST' ? { body: {} } : {}),
      });
      assert.notEqual(answer.status, 405, name);
      assert.notEqual(answer.body?.detail, 'There is nothing at this address.', name);
      assert.ok(answer.headers.get('x-request-id'), name);
    }
  });

  it('answers a known path with another method 405 and Allow, an unknown one 404', async () => {
    const wrong = await call('PUT', '/v1/referrals');
    assert.equal(wrong.status, 405);
    problemShape(wrong, 'method_not_allowed');
    assert.equal(wrong.headers.get('allow'), 'POST, GET');
    const missing = await call('GET', '/v2/referrals');
    assert.equal(missing.status, 404);
    problemShape(missing, 'not_found');
  });

  it('answers HEAD like GET, without a body', async () => {
    const answer = await call('HEAD', '/v1/services?limit=1');
    assert.equal(answer.status, 200);
    assert.equal(answer.text, '');
    assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
  });

  it('answers /healthz and the OpenAPI document without a key', async () => {
    const health = await call('GET', '/healthz', { key: null });
    assert.equal(health.status, 200);
    assert.deepEqual(health.body, { status: 'ok', version: '0.1.0', database: 'ok' });
    const openapi = await call('GET', '/v1/openapi.json', { key: null });
    assert.equal(openapi.status, 200);
    assert.equal(openapi.body.openapi, '3.1.0');
    assert.deepEqual(openapi.body.servers, [{ url: mock.baseUrl }]);
  });
});

describe('headers', () => {
  it('carries a new X-Request-Id on every answer, and echoes a visible X-Correlation-Id', async () => {
    const answers = [
      await call('GET', '/v1/services', { headers: { 'X-Correlation-Id': 'case-42' } }),
      await call('GET', '/v1/referrals', { key: null, headers: { 'X-Correlation-Id': 'case-42' } }),
      await call('GET', '/oruk/services', { key: null, headers: { 'X-Correlation-Id': 'case-42' } }),
      await call('GET', '/healthz', { key: null, headers: { 'X-Correlation-Id': 'case-42' } }),
    ];
    const ids = answers.map((a) => a.headers.get('x-request-id'));
    for (const id of ids) assert.match(id ?? '', /^req_[A-Za-z0-9_-]{16}$/);
    assert.equal(new Set(ids).size, ids.length);
    for (const a of answers) assert.equal(a.headers.get('x-correlation-id'), 'case-42');
    const odd = await call('GET', '/v1/services', { headers: { 'X-Correlation-Id': 'has space' } });
    assert.equal(odd.headers.get('x-correlation-id'), null);
  });

  it('keeps /v1 answers out of caches and stops sniffing', async () => {
    const answer = await call('GET', '/v1/services');
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(answer.headers.get('referrer-policy'), 'no-referrer');
  });
});

describe('keys', () => {
  it('answers 401 with WWW-Authenticate for no key, a malformed key, an unknown key, a revoked key', async () => {
    for (const key of [null, 'nonsense', 'pk_test_NotAKeyThisHubKnows0000', REVOKED]) {
      const answer = await call('GET', '/v1/referrals', { key });
      assert.equal(answer.status, 401, String(key));
      problemShape(answer, 'unauthorized');
      assert.equal(answer.headers.get('www-authenticate'), 'Bearer realm="hubkit"');
    }
  });

  it('refuses a secret key sent from a browser (with an Origin): 403, no CORS permission, nothing done', async () => {
    for (const origin of [ORIGIN, 'https://elsewhere.example']) {
      for (const key of [mock.keys.secret, 'sk_live_unknownunknownunknown00']) {
        for (const [method, path, body] of [
          ['GET', '/v1/referrals', undefined],
          ['POST', '/v1/referrals', make.referralCreate()],
          ['GET', '/v1/no-such-route', undefined],
        ] as const) {
          const answer = await call(method, path, { key, body, headers: { Origin: origin } });
          assert.equal(answer.status, 403, `${method} ${path} from ${origin}`);
          problemShape(answer, 'secret_key_in_browser');
          assert.match(answer.body.detail, /Secret keys never belong in a browser/);
          assert.equal(answer.headers.get('access-control-allow-origin'), null);
        }
      }
    }
    assert.equal(mock.state.referrals().length, 0, 'no referral was made');
    assert.equal((await call('GET', '/v1/referrals')).status, 200);
  });

  it('lets a publishable key make referrals and consents and read the directory, and nothing else', async () => {
    const pk = { key: mock.keys.publishable };
    assert.equal(mock.keys.publishable, DEFAULT_PUBLISHABLE_KEY);
    assert.equal(mock.keys.secret, DEFAULT_SECRET_KEY);
    for (const path of [
      '/v1/referrals',
      '/v1/audit-events',
      '/v1/webhook-endpoints',
      `/v1/consents/${SOME_ID}`,
    ]) {
      const answer = await call('GET', path, pk);
      assert.equal(answer.status, 403, path);
      problemShape(answer, 'forbidden');
      assert.equal(
        answer.body.detail,
        'A publishable key may not do this; use a secret key, from your server.',
      );
    }
    assert.equal((await call('GET', '/v1/services?need=food', pk)).status, 200);
    assert.equal((await call('POST', '/v1/referrals', { ...pk, body: make.referralCreate() })).status, 201);
    assert.equal((await call('POST', '/v1/consents', { ...pk, body: make.consentCreate() })).status, 201);
  });

  it('lets the default publishable key be used from any website, a restricted one only from its own', async () => {
    const anywhere = await call('GET', '/v1/services', {
      key: mock.keys.publishable,
      headers: { Origin: 'https://anywhere.example' },
    });
    assert.equal(anywhere.status, 200);
    const own = await call('GET', '/v1/services', { key: RESTRICTED, headers: { Origin: ORIGIN } });
    assert.equal(own.status, 200);
    const other = await call('GET', '/v1/services', {
      key: RESTRICTED,
      headers: { Origin: 'https://evil.example' },
    });
    assert.equal(other.status, 403);
    problemShape(other, 'origin_not_allowed');
  });

  it('keeps reports, webhooks and the audit trail to the hub’s own keys', async () => {
    for (const key of [PROVIDER, PARTNER]) {
      for (const path of [
        '/v1/audit-events',
        '/v1/webhook-endpoints',
        '/v1/reports/referrals?from=2026-01-01&to=2026-01-31',
      ]) {
        const answer = await call('GET', path, { key });
        assert.equal(answer.status, 403, `${key} ${path}`);
        problemShape(answer, 'forbidden');
      }
    }
  });

  it('shows a provider only referrals assigned to its services, and a partner only its own', async () => {
    const made = await call<Referral>('POST', '/v1/referrals', { body: make.referralCreate() });
    assert.equal((await call('GET', `/v1/referrals/${made.body.id}`, { key: PROVIDER })).status, 404);
    assert.equal((await call('GET', `/v1/referrals/${made.body.id}`, { key: PARTNER })).status, 404);
    const partners = await call<Referral>('POST', '/v1/referrals', {
      key: PARTNER,
      body: make.referralCreate(),
    });
    const listed = await call('GET', '/v1/referrals', { key: PARTNER });
    assert.deepEqual(
      listed.body.data.map((r: Referral) => r.id),
      [partners.body.id],
    );
    for (const step of [
      { to: 'triage' },
      { to: 'accepted' },
      { to: 'assigned', serviceId: homesAndMoneyHub.id },
    ]) {
      assert.equal(
        (await call('POST', `/v1/referrals/${made.body.id}/transitions`, { body: step })).status,
        200,
      );
    }
    const seen = await call<Referral>('GET', `/v1/referrals/${made.body.id}`, { key: PROVIDER });
    assert.equal(seen.status, 200);
    assert.equal(seen.body.assignedService?.serviceName, homesAndMoneyHub.name);
  });

  it('refuses a key given in a way the hub would not take', () => {
    assert.throws(() => createHubMock({ keys: [{ key: 'pk_short' }] }), /16 to 196 more visible characters/);
    assert.throws(() => createHubMock({ keys: [{ key: 'xx_test_aaaaaaaaaaaaaaaaaaaa' }] }), /pk_ or sk_/);
    assert.throws(() => createHubMock({ origins: ['not an origin'] }), /Not a web origin/);
  });
});

describe('bodies and queries', () => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    call('POST', '/v1/referrals', { body, headers });

  it('refuses malformed and empty JSON with 400 invalid_json, without quoting it', async () => {
    const broken = await post('{"resident": {"name": "Marcus Bell"');
    assert.equal(broken.status, 400);
    problemShape(broken, 'invalid_json');
    assert.doesNotMatch(broken.text, /Marcus/);
    const empty = await post('');
    assert.equal(empty.status, 400);
    problemShape(empty, 'invalid_json');
  });

  it('refuses a body that is not UTF-8 with 400', async () => {
    const response = await fetch(`${mock.baseUrl}/v1/referrals`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${mock.keys.secret}`, 'Content-Type': 'application/json' },
      body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
    });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { code: string }).code, 'invalid_json');
  });

  it('refuses anything but JSON with 415', async () => {
    const answer = await post('resident=Marcus', { 'Content-Type': 'application/x-www-form-urlencoded' });
    assert.equal(answer.status, 415);
    problemShape(answer, 'unsupported_media_type');
  });

  it('refuses a body over 100 KiB with 413', async () => {
    const answer = await post({ ...councillorDebtAndFood, notes: 'x'.repeat(101 * 1024) });
    assert.equal(answer.status, 413);
    problemShape(answer, 'payload_too_large');
    assert.equal(answer.body.detail, 'The body may be at most 102400 bytes.');
  });

  it('answers invalid fields with 422 and every failing field, in English and in Welsh', async () => {
    const body = {
      ...councillorDebtAndFood,
      resident: {
        ...councillorDebtAndFood.resident,
        address: { ...councillorDebtAndFood.resident.address, postcode: 'XX9 9ZZZ' },
      },
      nickname: 'Zebedee Quackenbush',
    };
    const english = await post(body);
    assert.equal(english.status, 422);
    problemShape(english, 'validation_failed');
    assert.deepEqual(english.body.errors, [
      { path: '/resident/address/postcode', code: 'invalid', message: 'Enter a postcode, like N1 1AA' },
      {
        path: '/nickname',
        code: 'unknown_field',
        message: 'Remove the field ‘nickname’: it is not part of this request',
      },
    ]);
    assert.equal(english.body.title, 'Check the information you sent');
    const welsh = await post(body, { 'Accept-Language': 'cy-GB, en;q=0.5' });
    assert.equal(welsh.status, 422);
    assert.deepEqual(welsh.body.errors, [
      { path: '/resident/address/postcode', code: 'invalid', message: 'Rhowch god post, fel N1 1AA' },
      {
        path: '/nickname',
        code: 'unknown_field',
        message: 'Tynnwch y maes ‘nickname’: nid yw’n rhan o’r cais hwn',
      },
    ]);
    assert.equal(welsh.body.title, 'Gwiriwch yr wybodaeth a anfonwyd gennych');
    assert.doesNotMatch(welsh.text, /XX9|Zebedee/);
    assert.equal(mock.state.referrals().length, 0);
  });

  it('refuses a malformed, repeated or unknown query parameter, and a cursor it did not give, with 400', async () => {
    const answer = await call('GET', '/v1/referrals?status=lost&limit=1000');
    assert.equal(answer.status, 400);
    problemShape(answer, 'invalid_query');
    assert.deepEqual(
      answer.body.errors.map((e: { path: string }) => e.path),
      ['/status', '/limit'],
    );
    const repeated = await call('GET', '/v1/referrals?status=draft&status=closed');
    assert.equal(repeated.status, 400);
    assert.deepEqual(repeated.body.errors, [
      { path: '/status', code: 'repeated', message: 'Give status once' },
    ]);
    assert.equal((await call('GET', '/v1/referrals?colour=blue')).status, 400);
    const cursor = await call('GET', '/v1/referrals?cursor=not-a-cursor');
    assert.equal(cursor.status, 400);
    assert.deepEqual(cursor.body.errors, [
      { path: '/cursor', code: 'invalid', message: 'Use the nextCursor of the previous page' },
    ]);
  });

  it('answers 404 for ids that are not ids, and never echoes them', async () => {
    for (const id of ['123', 'HUB-7K3P-Q9', '..%2f..%2fetc%2fpasswd', "'; DROP TABLE referrals; --"]) {
      const answer = await call('GET', `/v1/referrals/${encodeURIComponent(id)}`);
      assert.equal(answer.status, 404, id);
      problemShape(answer, 'not_found');
      assert.ok(!answer.text.includes(id));
    }
  });
});

describe('options', () => {
  it('answers at its base URL, on its clock, in the language it is given, after its latency', async () => {
    let clock = Date.parse('2026-03-02T09:30:00Z');
    const own = createHubMock({
      baseUrl: 'https://hub.test/api/',
      now: () => clock,
      lang: 'cy',
      latencyMs: 60,
      version: '9.9.9',
    });
    // In front of this file's mock, until the handlers are reset.
    server.use(...own.handlers);
    try {
      assert.equal(own.baseUrl, 'https://hub.test/api');
      const request = client(own.baseUrl, own.keys.secret);
      const started = performance.now();
      const made = await request<Referral>('POST', '/v1/referrals', { body: make.referralCreate() });
      assert.ok(performance.now() - started >= 50, 'waited for the latency');
      assert.equal(made.status, 201);
      assert.equal(made.body.createdAt, '2026-03-02T09:30:00.000Z');
      clock += 60_000;
      const moved = await request<Referral>('POST', `/v1/referrals/${made.body.id}/transitions`, {
        body: { to: 'triage' },
      });
      assert.equal(moved.body.updatedAt, '2026-03-02T09:31:00.000Z');
      const refused = await request('POST', '/v1/referrals', {
        body: {},
        headers: { 'Accept-Language': 'en' },
      });
      assert.equal(refused.body.title, 'Gwiriwch yr wybodaeth a anfonwyd gennych');
      assert.equal((await request('GET', '/healthz', { key: null })).body.version, '9.9.9');
    } finally {
      server.resetHandlers();
    }
  });

  it('serves the directory it is given, and goes back to it on reset', async () => {
    const only = make.service({ name: 'Only Service (fictional)' });
    const own = createHubMock({ services: [only] });
    // In front of this file's mock, until the handlers are reset.
    server.use(...own.handlers);
    try {
      const request = client(own.baseUrl, own.keys.secret);
      const listed = await request('GET', '/v1/services');
      assert.deepEqual(
        listed.body.data.map((s: { name: string }) => s.name),
        ['Only Service (fictional)'],
      );
      own.seed.service(make.service({ name: 'Seeded Service (fictional)' }));
      assert.equal(own.state.services().length, 2);
      own.reset();
      assert.deepEqual(
        own.state.services().map((s) => s.id),
        [only.id],
      );
    } finally {
      server.resetHandlers();
    }
  });

  it('seeds records checked against the schema, and gives copies of what it holds', async () => {
    const referral = mock.seed.referral(make.referral());
    const read = await call<Referral>('GET', `/v1/referrals/${referral.id}`);
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, referral);
    assert.throws(
      () => mock.seed.referral({ ...make.referral(), reference: 'nope' }),
      /Not a valid referral/,
    );
    const copy = mock.state.referrals()[0];
    assert.ok(copy);
    copy.status = 'closed';
    assert.equal(mock.state.referral(referral.id)?.status, 'submitted');
  });
});
