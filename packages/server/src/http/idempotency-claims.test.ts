/**
 * Idempotency-Key claims never outlive their request: a claim lapses after the request timeout,
 * a restarted hub clears the claims of the process that died, and the write of a request that lost
 * its claim is rolled back, so a retry after a crash or a timeout makes the record exactly once.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, it } from 'node:test';
import { councillorDebtAndFood } from '@hubkit/schema/fixtures';
import type { Referral } from '@hubkit/schema';
import { hashKey } from '../domain/keys.ts';
import { startHub } from '../server.ts';
import { openStore } from '../store/open.ts';
import { IdempotencyClaimLost, type Store } from '@hubkit/hub';
import { forEachEngine, type Engine } from '../testing/engines.ts';
import { KEYS } from '../testing/hub.ts';
import { silentLogger } from '../log.ts';

const DAY = 86_400_000;
const at = (ms: number) => new Date(ms).toISOString();

/** The PID of a process that has exited: a hub that crashed. */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  assert.ok(pid);
  return pid;
}

/** A body that only this test sends, to count the referrals made from it. */
const bodyFor = (name: string) => ({
  ...councillorDebtAndFood,
  resident: { ...councillorDebtAndFood.resident, name: { given: name, family: 'Claimtest' } },
});

async function post(url: string, idempotencyKey: string, body: unknown) {
  const response = await fetch(`${url}/v1/referrals`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${KEYS.secret}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': idempotencyKey,
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    replayed: response.headers.get('idempotent-replayed'),
    body: (await response.json()) as Referral & { code?: string },
  };
}

async function referralsNamed(url: string, given: string): Promise<number> {
  const response = await fetch(`${url}/v1/referrals?limit=100`, {
    headers: { Authorization: `Bearer ${KEYS.secret}` },
  });
  const page = (await response.json()) as { data: Referral[] };
  return page.data.filter((r) => r.resident.name.given === given).length;
}

/** A database with the test keys, as a hub left it. */
async function databaseWithKeys(engine: Engine): Promise<{ db: string; secretKeyId: string }> {
  const db = await engine.database();
  const first = await engine.testHub({ db });
  await first.close();
  const store = await openStore(db);
  const key = await store.findKeyByHash(hashKey(KEYS.secret));
  await store.close();
  assert.ok(key);
  return { db, secretKeyId: key.id };
}

/** Leaves a claim in the database as a hub mid-request would: claimed, nothing stored yet. */
async function leaveClaim(
  db: string,
  keyId: string,
  idempotencyKey: string,
  claim: { holder: string; claimedAt: number; timeoutMs: number },
): Promise<void> {
  const store = await openStore(db);
  const started = await store.beginIdempotent(
    keyId,
    idempotencyKey,
    'a hash of the request',
    at(claim.claimedAt),
    at(claim.claimedAt + DAY),
    { token: 'claim-left-behind', holder: claim.holder, until: at(claim.claimedAt + claim.timeoutMs) },
  );
  assert.equal(started.state, 'started');
  await store.close();
}

forEachEngine((engine) => {
  describe('Idempotency-Key claims after a crash', () => {
    it('a hub restarted on the same database clears the claim of the process that died: the retry makes the referral, once', async () => {
      const { db, secretKeyId } = await databaseWithKeys(engine);
      const body = bodyFor('Restarted');
      // The claim is recent (well inside the request timeout): only the holder being gone frees it.
      await leaveClaim(db, secretKeyId, 'crash-key-1', {
        holder: `${hostname()}:${deadPid()}:crashed`,
        claimedAt: Date.now(),
        timeoutMs: 30_000,
      });
      const hub = await startHub({ port: 0, db, logger: silentLogger });
      try {
        const retry = await post(hub.url, 'crash-key-1', body);
        assert.equal(retry.status, 201, `the retry is not refused (${String(retry.body.code)})`);
        assert.equal(retry.replayed, null);
        const again = await post(hub.url, 'crash-key-1', body);
        assert.equal(again.status, 201);
        assert.equal(again.replayed, 'true');
        assert.equal(again.body.id, retry.body.id);
        assert.equal(await referralsNamed(hub.url, 'Restarted'), 1);
      } finally {
        await hub.close();
      }
    });

    it('a restarted hub leaves alone a recent claim of a process it cannot tell is gone (another hub on the same database)', async () => {
      const { db, secretKeyId } = await databaseWithKeys(engine);
      const body = bodyFor('Shared');
      await leaveClaim(db, secretKeyId, 'busy-key-1', {
        holder: 'another-host.example:4242:alive',
        claimedAt: Date.now(),
        timeoutMs: 30_000,
      });
      const hub = await startHub({ port: 0, db, logger: silentLogger });
      try {
        const meanwhile = await post(hub.url, 'busy-key-1', body);
        assert.equal(meanwhile.status, 409);
        assert.equal(meanwhile.body.code, 'idempotency_request_in_flight');
        assert.equal(await referralsNamed(hub.url, 'Shared'), 0);
      } finally {
        await hub.close();
      }
    });

    it('an in-flight claim older than the request timeout is taken over, whoever held it', async () => {
      const { db, secretKeyId } = await databaseWithKeys(engine);
      const hub = await startHub({ port: 0, db, logger: silentLogger, requestTimeoutMs: 30_000 });
      try {
        const body = bodyFor('Lapsed');
        // Claimed after the hub started (so start-up did not clear it), 31 s ago, by a live process.
        await leaveClaim(db, secretKeyId, 'lapsed-key-1', {
          holder: 'another-host.example:4242:alive',
          claimedAt: Date.now() - 31_000,
          timeoutMs: 30_000,
        });
        const retry = await post(hub.url, 'lapsed-key-1', body);
        assert.equal(retry.status, 201, `the lapsed claim is taken over (${String(retry.body.code)})`);
        assert.equal(retry.replayed, null);
        assert.equal((await post(hub.url, 'lapsed-key-1', body)).replayed, 'true');
        assert.equal(await referralsNamed(hub.url, 'Lapsed'), 1);
      } finally {
        await hub.close();
      }
    });
  });

  describe('a request that runs past the request timeout', () => {
    it('answers 503 request_timeout, lets its claim go, and its late write is rolled back: the retry makes the referral once', async () => {
      const inner = await openStore(await engine.database());
      let slow = true;
      let lateWrites = 0;
      let lostClaims = 0;
      // The same store, with the referral's write held up while `slow`: a handler stuck mid-request.
      const store = new Proxy(inner, {
        get(target, property) {
          const value: unknown = Reflect.get(target, property, target);
          if (typeof value !== 'function') return value;
          if (property === 'insertReferral') {
            return async (...args: Parameters<Store['insertReferral']>) => {
              if (slow) await new Promise((resolve) => setTimeout(resolve, 600));
              lateWrites += 1;
              try {
                await target.insertReferral(...args);
              } catch (error) {
                if (error instanceof IdempotencyClaimLost) lostClaims += 1;
                throw error;
              }
            };
          }
          return (value as (...a: unknown[]) => unknown).bind(target);
        },
      });
      const hub = await engine.testHub({ store, requestTimeoutMs: 200 });
      try {
        const body = bodyFor('Slow');
        const first = await post(hub.url, 'slow-key-1', body);
        assert.equal(first.status, 503);
        assert.equal(first.body.code, 'request_timeout');
        slow = false;
        const retry = await post(hub.url, 'slow-key-1', body);
        assert.equal(retry.status, 201, `the key is free for a retry (${String(retry.body.code)})`);
        // Let the first request's handler wake up and try its write.
        await new Promise((resolve) => setTimeout(resolve, 800));
        assert.equal(lateWrites, 2, 'both handlers reached their write');
        assert.equal(lostClaims, 1, 'the late one no longer held the claim');
        assert.equal(await referralsNamed(hub.url, 'Slow'), 1);
        assert.equal((await post(hub.url, 'slow-key-1', body)).body.id, retry.body.id);
      } finally {
        await hub.close();
      }
    });
  });

  describe('the claim fences the write', () => {
    it('a write whose claim was taken over is rolled back whole; the new holder’s stands', async () => {
      const store = await openStore(await engine.database());
      try {
        const t0 = Date.parse('2026-11-23T10:00:00.000Z');
        const begin = (token: string, now: number) =>
          store.beginIdempotent('key_a', 'fence', 'hash', at(now), at(now + DAY), {
            token,
            holder: 'h:1:x',
            until: at(now + 30_000),
          });
        assert.equal((await begin('old', t0)).state, 'started');
        assert.equal((await begin('new', t0 + 10_000)).state, 'in_flight', 'a live claim is respected');
        assert.equal((await begin('new', t0 + 30_000)).state, 'started', 'a lapsed claim is taken over');
        const endpoint = (id: string) => ({
          id,
          url: 'https://partner.example/hook',
          events: ['referral.created' as const],
          enabled: true,
          createdAt: at(t0),
          secret: 'whsec_x',
        });
        const old = '00000000-0000-4000-8000-000000000001';
        await assert.rejects(
          store.insertWebhookEndpoint(endpoint(old), {
            idempotency: { keyId: 'key_a', key: 'fence', token: 'old', status: 201, body: '{}' },
          }),
          IdempotencyClaimLost,
        );
        assert.equal(await store.getWebhookEndpoint(old), null, 'nothing of the old request is stored');
        const fresh = '00000000-0000-4000-8000-000000000002';
        await store.insertWebhookEndpoint(endpoint(fresh), {
          idempotency: { keyId: 'key_a', key: 'fence', token: 'new', status: 201, body: '"new"' },
        });
        assert.ok(await store.getWebhookEndpoint(fresh));
        const done = await begin('later', t0 + 60_000);
        assert.deepEqual(done, { state: 'done', requestHash: 'hash', status: 201, body: '"new"' });
      } finally {
        await store.close();
      }
    });
  });
});
