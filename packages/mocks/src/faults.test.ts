/**
 * Switches for failures: the network failing, a hub that never answers, any status with
 * Retry-After, a broken body, and an answer lost after the work was done, so a client can
 * rehearse every path, and show that a retry with its Idempotency-Key makes one referral.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validate } from '@hubkit/schema';
import { routes } from '@hubkit/schema/routes';
import { make } from './index.ts';
import { client, useMockHub } from './testing/harness.ts';

const { mock, call } = useMockHub();
/** A referral, or the problem that refused it. */
const createReferral = (body: unknown = make.referralCreate(), headers: Record<string, string> = {}) =>
  call('POST', '/v1/referrals', { body, headers });

describe('faults', () => {
  it('network: fetch rejects, for the route and the number of times asked, then the hub answers again', async () => {
    mock.faults.add({ kind: 'network', route: 'createReferral', times: 2 });
    assert.equal((await call('GET', '/v1/services')).status, 200, 'other routes answer');
    await assert.rejects(createReferral(), TypeError);
    assert.equal(mock.faults.list()[0]?.remaining, 1);
    await assert.rejects(createReferral(), TypeError);
    assert.deepEqual(mock.faults.list(), []);
    assert.equal((await createReferral()).status, 201);
    assert.equal(mock.state.referrals().length, 1, 'only the request that got through was carried out');
  });

  it('timeout: the hub never answers; the client’s own deadline ends the wait', async () => {
    mock.faults.add({ kind: 'timeout', route: ['listServices', 'searchServices'] });
    const controller = new AbortController();
    const timer = setTimeout(() => {
      controller.abort(new Error('gave up waiting'));
    }, 100);
    const started = performance.now();
    await assert.rejects(
      fetch(`${mock.baseUrl}/v1/services`, {
        headers: { Authorization: `Bearer ${mock.keys.secret}` },
        signal: controller.signal,
      }),
      /gave up waiting/,
    );
    clearTimeout(timer);
    assert.ok(performance.now() - started >= 90);
    assert.equal((await call('GET', '/healthz', { key: null })).status, 200);
  });

  it('status: 429 with Retry-After and a rate_limited problem, once, and nothing done', async () => {
    mock.faults.add({ kind: 'status', status: 429, retryAfter: 2, route: 'createReferral', times: 1 });
    const limited = await createReferral();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '2');
    assert.match(limited.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(limited.body.code, 'rate_limited');
    assert.equal(limited.body.title, 'Too many requests');
    assert.equal(limited.body.requestId, limited.headers.get('x-request-id'));
    assert.equal(mock.state.referrals().length, 0);
    assert.equal((await createReferral()).status, 201);
  });

  it('status: 503 with Retry-After, or any status and code, on every route until cleared', async () => {
    mock.faults.add({ kind: 'status', status: 503, retryAfter: 30 });
    for (const answer of [
      await call('GET', '/v1/referrals'),
      await call('GET', '/oruk/services', { key: null }),
    ]) {
      assert.equal(answer.status, 503);
      assert.equal(answer.headers.get('retry-after'), '30');
      assert.equal(answer.body.code, 'internal_error');
    }
    mock.faults.clear();
    mock.faults.add({
      kind: 'status',
      status: 409,
      code: 'conflict',
      detail: 'Someone else changed it.',
      route: 'transitionReferral',
    });
    const referral = await createReferral();
    const refused = await call('POST', `/v1/referrals/${referral.body.id}/transitions`, {
      body: { to: 'triage' },
    });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.detail, 'Someone else changed it.');
    assert.equal(refused.body.code, 'conflict');
    assert.equal(mock.state.referral(referral.body.id)?.status, 'submitted');
  });

  it('malformed: a success whose body is not JSON, or is JSON that breaks the contract', async () => {
    // These answers break the OpenAPI document on purpose: read them without its check.
    const call = client(mock.baseUrl, mock.keys.secret);
    const createReferral = () => call('POST', '/v1/referrals', { body: make.referralCreate() });
    const off = mock.faults.add({ kind: 'malformed', route: 'listServices' });
    const broken = await call('GET', '/v1/services');
    assert.equal(broken.status, 200);
    assert.match(broken.headers.get('content-type') ?? '', /^application\/json/);
    assert.throws(() => JSON.parse(broken.text) as unknown, SyntaxError);
    off();
    mock.faults.add({ kind: 'malformed', body: 'contract', route: 'retrieveReferral' });
    const referral = await createReferral();
    const odd = await call('GET', `/v1/referrals/${referral.body.id}`);
    assert.equal(odd.status, 200);
    assert.equal(validate(routes.retrieveReferral.response, odd.body).success, false);
    assert.equal(validate(routes.retrieveReferral.response, referral.body).success, true);
    mock.faults.add({ kind: 'malformed', body: 'contract', route: 'createConsent' });
    const consent = await call('POST', '/v1/consents', { body: make.consentCreate() });
    assert.equal(consent.status, 201, 'the route’s own success status');
    assert.equal(validate(routes.createConsent.response, consent.body).success, false);
  });

  it('lost: the referral is made but the answer never arrives; a retry with the same key gets it, and makes no second', async () => {
    const body = make.referralCreate();
    const headers = { 'Idempotency-Key': 'lost-then-retried' };
    mock.faults.add({ kind: 'lost', route: 'createReferral', times: 1 });
    await assert.rejects(createReferral(body, headers), TypeError);
    const stored = mock.state.referrals();
    assert.equal(stored.length, 1, 'the work was done');
    const retried = await createReferral(body, headers);
    assert.equal(retried.status, 201);
    assert.equal(retried.headers.get('idempotent-replayed'), 'true');
    assert.equal(retried.body.id, stored[0]?.id);
    assert.equal(mock.state.referrals().length, 1, 'exactly one referral');
  });

  it('lost: without an Idempotency-Key the retry makes a second referral', async () => {
    const body = make.referralCreate();
    mock.faults.add({ kind: 'lost', route: 'createReferral', times: 1 });
    await assert.rejects(createReferral(body), TypeError);
    assert.equal((await createReferral(body)).status, 201);
    assert.equal(mock.state.referrals().length, 2);
  });

  it('are switched off one by one, all at once, or by reset; and refuse what makes no sense', async () => {
    const off = mock.faults.add({ kind: 'network' });
    mock.faults.add({ kind: 'status', status: 500, route: 'getHealth' });
    assert.equal(mock.faults.list().length, 2);
    off();
    assert.deepEqual(
      mock.faults.list().map((f) => f.kind),
      ['status'],
    );
    assert.equal((await call('GET', '/healthz', { key: null })).status, 500);
    mock.faults.clear();
    assert.equal((await call('GET', '/healthz', { key: null })).status, 200);
    mock.faults.add({ kind: 'network' });
    mock.reset();
    assert.equal((await call('GET', '/healthz', { key: null })).status, 200);
    assert.throws(() => mock.faults.add({ kind: 'network', times: 0 }), RangeError);
    assert.throws(() => mock.faults.add({ kind: 'status', status: 200 }), RangeError);
  });
});
