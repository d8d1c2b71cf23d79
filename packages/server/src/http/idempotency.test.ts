import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { councillorDebtAndFood, selfReferralShielding, consentOnline } from '@hubkit/schema/fixtures';
import type { Referral } from '@hubkit/schema';
import type { Store } from '@hubkit/hub';
import { SqliteStore } from '../store/sqlite.ts';
import { type TestHub } from '../testing/hub.ts';
import { forEachEngine } from '../testing/engines.ts';

forEachEngine((engine) => {
  let hub: TestHub;
  before(async () => {
    hub = await engine.testHub();
  });
  after(async () => {
    await hub.close();
  });

  const create = (
    key: string | undefined,
    body: unknown = councillorDebtAndFood,
    apiKey: 'secret' | 'publishable' = 'secret',
  ) =>
    hub.request<Referral>('POST', '/v1/referrals', {
      key: apiKey,
      body,
      headers: {
        ...(key ? { 'Idempotency-Key': key } : {}),
        ...(apiKey === 'publishable' ? { Origin: 'https://vcs.example.org' } : {}),
      },
    });

  const count = async () =>
    (await hub.request<{ data: Referral[] }>('GET', '/v1/referrals?limit=100')).body.data.length;

  describe('Idempotency-Key on creates', () => {
    it('replays the first answer for the same key and body, marked as a replay, and makes one referral', async () => {
      const before = await count();
      const first = await create('idem-replay-1');
      assert.equal(first.status, 201);
      assert.equal(first.headers.get('idempotent-replayed'), null);
      const second = await create('idem-replay-1');
      assert.equal(second.status, 201);
      assert.equal(second.headers.get('idempotent-replayed'), 'true');
      assert.equal(second.text, first.text, 'the same body, byte for byte');
      assert.notEqual(second.headers.get('x-request-id'), first.headers.get('x-request-id'));
      assert.equal(await count(), before + 1);
    });

    it('answers the same key with a different body with 422, and changes nothing', async () => {
      assert.equal((await create('idem-reuse-1')).status, 201);
      const before = await count();
      const other = await create('idem-reuse-1', selfReferralShielding);
      assert.equal(other.status, 422);
      assert.equal((other.body as unknown as { code: string }).code, 'idempotency_key_reused');
      assert.equal(await count(), before);
    });

    it('keeps keys apart per API key: the same key from another API key is another request', async () => {
      const withSecret = await create('idem-shared-name');
      const withPublishable = await create('idem-shared-name', councillorDebtAndFood, 'publishable');
      assert.equal(withPublishable.status, 201);
      assert.notEqual(withPublishable.body.id, withSecret.body.id);
    });

    it('makes exactly one referral from concurrent creates with one key; the others are told it is in flight or replayed', async () => {
      const before = await count();
      const answers = await Promise.all(Array.from({ length: 12 }, () => create('idem-concurrent-1')));
      const statuses = answers.map((a) => a.status);
      assert.ok(
        statuses.every((s) => s === 201 || s === 409),
        statuses.join(','),
      );
      const made = answers.filter((a) => a.status === 201);
      assert.ok(made.length >= 1);
      assert.equal(new Set(made.map((a) => a.body.id)).size, 1, 'every 201 is the same referral');
      for (const inFlight of answers.filter((a) => a.status === 409)) {
        assert.equal((inFlight.body as unknown as { code: string }).code, 'idempotency_request_in_flight');
        assert.equal(inFlight.headers.get('retry-after'), '1');
      }
      assert.equal(await count(), before + 1);
    });

    it('stores a refusal too: the same request gets the same problem again', async () => {
      const id = crypto.randomUUID();
      const first = await hub.request('POST', `/v1/referrals/${id}/transitions`, {
        body: { to: 'triage' },
        headers: { 'Idempotency-Key': 'idem-refusal' },
      });
      assert.equal(first.status, 404);
      const again = await hub.request('POST', `/v1/referrals/${id}/transitions`, {
        body: { to: 'triage' },
        headers: { 'Idempotency-Key': 'idem-refusal' },
      });
      assert.equal(again.status, 404);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.equal(again.text, first.text);
    });

    it('does not store a request that failed validation: it can be corrected and sent with the same key', async () => {
      const broken = await create('idem-fix-me', { ...councillorDebtAndFood, needs: [] });
      assert.equal(broken.status, 422);
      const fixed = await create('idem-fix-me');
      assert.equal(fixed.status, 201);
      assert.equal(fixed.headers.get('idempotent-replayed'), null);
    });

    it('refuses a malformed key with 400', async () => {
      for (const key of ['', 'has space', 'é', 'x'.repeat(256)]) {
        const answer = await hub.request('POST', '/v1/referrals', {
          body: councillorDebtAndFood,
          headers: { 'Idempotency-Key': key },
        });
        assert.equal(answer.status, 400, JSON.stringify(key));
        assert.equal((answer.body as { code: string }).code, 'idempotency_key_invalid');
      }
    });

    it('replays transitions, outcomes and consents too', async () => {
      const referral = (await create(undefined)).body;
      const move = () =>
        hub.request<Referral>('POST', `/v1/referrals/${referral.id}/transitions`, {
          body: { to: 'triage' },
          headers: { 'Idempotency-Key': `move-${referral.id}` },
        });
      const first = await move();
      const second = await move();
      assert.equal(first.status, 200);
      assert.equal(second.headers.get('idempotent-replayed'), 'true');
      const again = await hub.request<Referral>('GET', `/v1/referrals/${referral.id}`);
      assert.equal(again.body.history.length, 2, 'moved once');
      const consent = () =>
        hub.request('POST', '/v1/consents', {
          body: consentOnline,
          headers: { 'Idempotency-Key': 'consent-once' },
        });
      const c1 = await consent();
      const c2 = await consent();
      assert.equal(c2.text, c1.text);
    });
  });

  const claim = (token: string, until = '2999-01-01T00:00:00.000Z') => ({
    token,
    holder: 'elsewhere.example:1:test',
    until,
  });

  describe('Idempotency-Key keeping', () => {
    it('keeps keys for at least 24 hours and forgets them after', async () => {
      const store: Store = new SqliteStore(':memory:');
      try {
        const t0 = '2026-11-23T10:00:00.000Z';
        const expires = '2026-11-24T10:00:00.000Z';
        assert.deepEqual(await store.beginIdempotent('key_a', 'k1', 'hash', t0, expires, claim('c1')), {
          state: 'started',
        });
        await store.completeIdempotent({ keyId: 'key_a', key: 'k1', token: 'c1', status: 201, body: '{}' });
        const dayLater = '2026-11-24T09:59:59.000Z';
        assert.equal(
          (await store.beginIdempotent('key_a', 'k1', 'hash', dayLater, expires, claim('c2'))).state,
          'done',
        );
        assert.equal(await store.purgeIdempotency(dayLater), 0);
        assert.equal(await store.purgeIdempotency('2026-11-24T10:00:00.000Z'), 1);
        assert.equal(
          (
            await store.beginIdempotent(
              'key_a',
              'k1',
              'hash',
              '2026-11-24T10:00:01.000Z',
              '2026-11-25T10:00:01.000Z',
              claim('c3'),
            )
          ).state,
          'started',
        );
      } finally {
        await store.close();
      }
    });

    it('releases a claim whose request failed unexpectedly, so a retry runs; only its own claim', async () => {
      const store = new SqliteStore(':memory:');
      try {
        const now = new Date().toISOString();
        const later = new Date(Date.now() + 86_400_000).toISOString();
        await store.beginIdempotent('key_a', 'k2', 'hash', now, later, claim('mine'));
        assert.equal(
          (await store.beginIdempotent('key_a', 'k2', 'hash', now, later, claim('other'))).state,
          'in_flight',
        );
        await store.releaseIdempotent('key_a', 'k2', 'other');
        assert.equal(
          (await store.beginIdempotent('key_a', 'k2', 'hash', now, later, claim('other'))).state,
          'in_flight',
          'a request that does not hold the claim cannot release it',
        );
        await store.releaseIdempotent('key_a', 'k2', 'mine');
        assert.equal(
          (await store.beginIdempotent('key_a', 'k2', 'hash', now, later, claim('other'))).state,
          'started',
        );
      } finally {
        await store.close();
      }
    });
  });
});
