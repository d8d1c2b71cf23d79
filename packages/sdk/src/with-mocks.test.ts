/**
 * The SDK against @hubkit/mocks, as a partner tests an integration without a hub: the whole
 * referral journey on the mock, and each failure switch meeting the SDK's retry rule.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { setupServer } from 'msw/node';
import { councillorDebtAndFood } from '@hubkit/schema/fixtures';
import { createHubMock, make } from '@hubkit/mocks';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  Hubkit,
  InvalidResponseError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  ValidationError,
} from './index.ts';

const hub = createHubMock();
const server = setupServer(...hub.handlers);
before(() => {
  server.listen({ onUnhandledFrame: 'error' });
});
afterEach(() => {
  hub.reset();
});
after(() => {
  server.close();
});

const client = (options: { maxRetries?: number; timeout?: number } = {}) =>
  new Hubkit({ apiKey: hub.keys.secret, baseUrl: hub.baseUrl, ...options });

describe('the SDK on the mock hub', () => {
  it('follows a referral from creation to its outcome', async () => {
    const sdk = client();
    const referral = await sdk.referrals.create(councillorDebtAndFood);
    assert.equal(referral.status, 'submitted');
    const service = hub.state.services()[0];
    assert.ok(service);
    await sdk.referrals.transition(referral.id, { to: 'triage' });
    await sdk.referrals.transition(referral.id, { to: 'accepted' });
    await sdk.referrals.transition(referral.id, { to: 'assigned', serviceId: service.id });
    await sdk.referrals.transition(referral.id, { to: 'in_progress' });
    await sdk.referrals.recordOutcome(referral.id, { need: 'food', code: 'food_secured' });
    await sdk.referrals.recordOutcome(referral.id, { need: 'money_debt', code: 'debt_managed' });
    const closed = await sdk.referrals.transition(referral.id, { to: 'closed' });
    assert.equal(closed.status, 'closed');
    const events = [];
    for await (const event of sdk.referrals.events(referral.id)) events.push(event.type);
    assert.ok(
      events.includes('referral.created') && events.includes('referral.outcome_recorded'),
      events.join(),
    );
    assert.equal(hub.state.referral(referral.id)?.status, 'closed');
  });

  it('reads referrals seeded from the factories, across pages', async () => {
    for (let i = 0; i < 5; i += 1) hub.seed.referral(make.referral({ status: 'accepted' }));
    const ids = new Set<string>();
    for await (const referral of client().referrals.list({ status: 'accepted', limit: 2 }))
      ids.add(referral.id);
    assert.equal(ids.size, 5);
  });

  it('refuses what the hub refuses, with the same errors', async () => {
    await assert.rejects(client().referrals.retrieve('00000000-0000-4000-8000-000000000000'), NotFoundError);
    const referral = await client().referrals.create(councillorDebtAndFood);
    await assert.rejects(client().referrals.transition(referral.id, { to: 'closed' }), (error: unknown) => {
      assert.ok(error instanceof ConflictError, String(error));
      assert.equal(error.status, 409);
      assert.equal(error.code, 'transition_not_allowed');
      return true;
    });
    // Checked before any request: the mock hears nothing.
    const before = hub.state.audit().length;
    await assert.rejects(client().referrals.create({ ...councillorDebtAndFood, needs: [] }), ValidationError);
    assert.equal(hub.state.audit().length, before);
  });
});

describe('the SDK meeting the mock’s failure switches', () => {
  it('a create whose answer is lost is retried with its key and makes one referral', async () => {
    hub.faults.add({ kind: 'lost', route: 'createReferral', times: 1 });
    const referral = await client().referrals.create(councillorDebtAndFood);
    assert.equal(hub.state.referrals().length, 1);
    assert.equal(hub.state.referrals()[0]?.id, referral.id);
  });

  it('waits as long as Retry-After says after a 429, then succeeds', async () => {
    hub.faults.add({ kind: 'status', status: 429, retryAfter: 1, route: 'createReferral', times: 1 });
    const started = Date.now();
    await client().referrals.create(councillorDebtAndFood);
    assert.ok(Date.now() - started >= 900, 'the SDK waited for Retry-After');
    assert.equal(hub.state.referrals().length, 1);
  });

  it('searches with a postcode the hub cannot place: an ordinary page that says distance was not used', async () => {
    const sdk = client();
    const page = await sdk.services.search({ postcode: 'ZE1 0AA', limit: 2 });
    assert.equal(page.distances, 'postcode_not_found');
    assert.ok(page.data.length > 0 && page.data.every((r) => r.distanceKm === null));
    const next = await page.nextPage();
    assert.equal(next?.distances, 'postcode_not_found', 'every page says the same');
    const pages = [];
    for await (const each of sdk.services.search({ postcode: 'N7 6QX', limit: 50 }).pages())
      pages.push(each.distances);
    assert.deepEqual([...new Set(pages)], ['from_postcode']);
    assert.equal((await sdk.services.search({ need: 'food' })).distances, 'no_postcode');
  });

  it('gives up after its retries with the error of the last answer', async () => {
    hub.faults.add({ kind: 'status', status: 429, retryAfter: 0, route: 'searchServices' });
    const error = await client({ maxRetries: 1 })
      .services.search({ postcode: 'N7 6QX' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.ok(error instanceof RateLimitError, String(error));
    assert.equal(error.retryAfterSeconds, 0);
    hub.faults.clear();
    hub.faults.add({ kind: 'status', status: 503, retryAfter: 0 });
    await assert.rejects(
      async () => client({ maxRetries: 0 }).services.list(),
      (error: unknown) => {
        assert.ok(error instanceof InternalServerError, String(error));
        assert.equal(error.status, 503);
        return true;
      },
    );
  });

  it('says the connection failed, or timed out, and never that the hub refused', async () => {
    hub.faults.add({ kind: 'network' });
    await assert.rejects(async () => client({ maxRetries: 1 }).services.list(), APIConnectionError);
    hub.faults.clear();
    hub.faults.add({ kind: 'timeout', route: 'listServices' });
    await assert.rejects(
      async () => client({ maxRetries: 0, timeout: 200 }).services.list(),
      APIConnectionTimeoutError,
    );
  });

  it('refuses an answer that breaks the contract instead of handing it on', async () => {
    hub.faults.add({ kind: 'malformed', body: 'contract', route: 'retrieveReferral' });
    const referral = await client().referrals.create(councillorDebtAndFood);
    await assert.rejects(client().referrals.retrieve(referral.id), InvalidResponseError);
    hub.faults.clear();
    hub.faults.add({ kind: 'malformed', body: 'invalid_json', route: 'retrieveReferral' });
    await assert.rejects(client().referrals.retrieve(referral.id), InvalidResponseError);
  });
});
