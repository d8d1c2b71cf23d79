/**
 * Idempotency-Key as the hub answers it: a replay gets the first answer byte for byte, a
 * different request with the key is refused, a request while the first is still being handled
 * is told so, refusals are kept and validation failures are not.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Referral } from '@hubkit/schema';
import { councillorDebtAndFood, selfReferralShielding } from '@hubkit/schema/fixtures';
import { make } from './index.ts';
import { useMockHub } from './testing/harness.ts';

// A little latency, so that a second request can arrive while the first is being handled.
const { mock, call } = useMockHub({ latencyMs: 80 });

const create = (key: string | undefined, body: unknown = councillorDebtAndFood, apiKey = mock.keys.secret) =>
  call<Referral>('POST', '/v1/referrals', {
    key: apiKey,
    body,
    headers: key === undefined ? {} : { 'Idempotency-Key': key },
  });

describe('Idempotency-Key', () => {
  it('replays the first answer for the same key and body, marked as a replay, and makes one referral', async () => {
    const first = await create('replay-1');
    assert.equal(first.status, 201);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    const second = await create('replay-1');
    assert.equal(second.status, 201);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal(second.text, first.text, 'the same body, byte for byte');
    assert.notEqual(second.headers.get('x-request-id'), first.headers.get('x-request-id'));
    assert.equal(mock.state.referrals().length, 1);
  });

  it('answers the same key with a different body with 422 idempotency_key_reused, and changes nothing', async () => {
    assert.equal((await create('reuse-1')).status, 201);
    const other = await create('reuse-1', selfReferralShielding);
    assert.equal(other.status, 422);
    assert.equal((other.body as unknown as { code: string }).code, 'idempotency_key_reused');
    assert.equal(mock.state.referrals().length, 1);
  });

  it('tells a request that arrives while the first with its key is handled: 409 with Retry-After', async () => {
    const [first, second] = await Promise.all([
      create('in-flight-1'),
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return create('in-flight-1');
      })(),
    ]);
    assert.equal(first.status, 201);
    assert.equal(second.status, 409);
    assert.equal((second.body as unknown as { code: string }).code, 'idempotency_request_in_flight');
    assert.equal(second.headers.get('retry-after'), '1');
    assert.equal(mock.state.referrals().length, 1);
    const later = await create('in-flight-1');
    assert.equal(later.headers.get('idempotent-replayed'), 'true');
    assert.equal(later.body.id, first.body.id);
  });

  it('keeps keys apart per API key', async () => {
    const secret = await create('shared-name');
    const publishable = await create('shared-name', councillorDebtAndFood, mock.keys.publishable);
    assert.equal(publishable.status, 201);
    assert.notEqual(publishable.body.id, secret.body.id);
    assert.equal(mock.state.referrals().length, 2);
  });

  it('keeps a refusal too: the same request gets the same problem again', async () => {
    const id = crypto.randomUUID();
    const send = () =>
      call('POST', `/v1/referrals/${id}/transitions`, {
        body: { to: 'triage' },
        headers: { 'Idempotency-Key': 'refusal-1' },
      });
    const first = await send();
    assert.equal(first.status, 404);
    const again = await send();
    assert.equal(again.status, 404);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.text, first.text);
  });

  it('does not keep a request that failed validation: it can be corrected and sent with the same key', async () => {
    const broken = await create('fix-me', { ...councillorDebtAndFood, needs: [] });
    assert.equal(broken.status, 422);
    const fixed = await create('fix-me');
    assert.equal(fixed.status, 201);
    assert.equal(fixed.headers.get('idempotent-replayed'), null);
  });

  it('refuses a malformed key with 400', async () => {
    for (const key of ['', 'has space', 'é', 'x'.repeat(256)]) {
      const answer = await create(key);
      assert.equal(answer.status, 400, JSON.stringify(key));
      assert.equal((answer.body as unknown as { code: string }).code, 'idempotency_key_invalid');
    }
    assert.equal(mock.state.referrals().length, 0);
  });

  it('replays transitions, outcomes, consents and withdrawals too', async () => {
    const referral = (await create(undefined)).body;
    const move = () =>
      call<Referral>('POST', `/v1/referrals/${referral.id}/transitions`, {
        body: { to: 'triage' },
        headers: { 'Idempotency-Key': 'move-1' },
      });
    const moved = await move();
    assert.equal(moved.status, 200);
    const again = await move();
    assert.equal(again.text, moved.text);
    assert.equal(mock.state.referral(referral.id)?.history.length, 2);
    const consent = () =>
      call('POST', '/v1/consents', {
        body: make.consentCreate(),
        headers: { 'Idempotency-Key': 'consent-1' },
      });
    const made = await consent();
    assert.equal((await consent()).text, made.text);
    assert.equal(mock.state.consents().length, 1);
    const withdraw = () =>
      call('POST', `/v1/consents/${made.body.id}/withdraw`, {
        body: make.consentWithdrawal({ withdrawnAt: '2026-11-05T10:00:00Z' }),
        headers: { 'Idempotency-Key': 'withdraw-1' },
      });
    const withdrawn = await withdraw();
    assert.equal(withdrawn.status, 200);
    const replayed = await withdraw();
    assert.equal(replayed.status, 200, 'the first answer, not 409 already withdrawn');
    assert.equal(replayed.text, withdrawn.text);
  });

  it('forgets keys on reset', async () => {
    await create('forgotten');
    mock.reset();
    const fresh = await create('forgotten');
    assert.equal(fresh.status, 201);
    assert.equal(fresh.headers.get('idempotent-replayed'), null);
  });
});
