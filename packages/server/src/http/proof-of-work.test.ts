/**
 * Proof of work over real HTTP: with it switched on, a publishable key's write needs a solved,
 * unspent challenge from GET /v1/challenges; a retry of the same write may carry it again.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { councillorDebtAndFood, consentOnline } from '@hubkit/schema/fixtures';
import { KEYS, ORIGIN, type TestHub } from '../testing/hub.ts';
import { forEachEngine } from '../testing/engines.ts';

forEachEngine((engine) => {
  let hub: TestHub;
  before(async () => {
    // A small difficulty: these tests are about the rules, not the cost.
    hub = await engine.testHub({ proofOfWork: { required: true, maxNumber: 2000 } });
  });
  after(async () => {
    await hub.close();
  });

  const encode = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64');

  async function solved(): Promise<string> {
    const answer = await hub.request('GET', '/v1/challenges', {
      key: 'publishable',
      headers: { Origin: ORIGIN },
    });
    assert.equal(answer.status, 200);
    const solution = await solveChallenge({ challenge: answer.body, deriveKey });
    assert.ok(solution);
    return encode({ challenge: answer.body, solution });
  }

  const refer = (headers: Record<string, string>, body: unknown = councillorDebtAndFood) =>
    hub.request('POST', '/v1/referrals', {
      key: 'publishable',
      body,
      headers: { Origin: ORIGIN, 'Idempotency-Key': randomUUID(), ...headers },
    });

  const referrals = async () =>
    ((await hub.request('GET', '/v1/referrals?limit=100')).body as { data: unknown[] }).data.length;

  const refused = (answer: { status: number; body: any; headers: Headers }, code: string) => {
    assert.equal(answer.status, 403);
    assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(answer.body.code, code);
  };

  describe('proof of work, switched on', () => {
    it('answers a signed, expiring challenge to a publishable key, and not to a secret key', async () => {
      const answer = await hub.request('GET', '/v1/challenges', {
        key: 'publishable',
        headers: { Origin: ORIGIN },
      });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.parameters.algorithm, 'SHA-256');
      assert.ok(answer.body.parameters.expiresAt > Date.now() / 1000);
      assert.match(answer.body.signature, /^[0-9a-f]{64}$/);
      assert.equal((await hub.request('GET', '/v1/challenges')).status, 403);
      assert.equal((await hub.request('GET', '/v1/challenges', { key: null })).status, 401);
    });

    it('refuses a write without a solution, and stores nothing', async () => {
      const before = await referrals();
      refused(await refer({}), 'proof_of_work_required');
      assert.equal(await referrals(), before);
    });

    it('refuses a wrong, tampered or garbled solution', async () => {
      const before = await referrals();
      const good = JSON.parse(Buffer.from(await solved(), 'base64').toString()) as {
        challenge: { parameters: Record<string, unknown> };
        solution: { counter: number; derivedKey: string };
      };
      const wrong = {
        ...good,
        solution: { counter: good.solution.counter + 1, derivedKey: good.solution.derivedKey },
      };
      refused(await refer({ 'Hubkit-Proof': encode(wrong) }), 'proof_of_work_invalid');
      // An easier challenge of one's own making: the signature no longer fits.
      const easier = {
        ...good,
        challenge: { ...good.challenge, parameters: { ...good.challenge.parameters, keyPrefix: '0' } },
      };
      refused(await refer({ 'Hubkit-Proof': encode(easier) }), 'proof_of_work_invalid');
      refused(await refer({ 'Hubkit-Proof': 'not base64 json' }), 'proof_of_work_invalid');
      refused(await refer({ 'Hubkit-Proof': encode({ challenge: 1 }) }), 'proof_of_work_invalid');
      assert.equal(await referrals(), before);
    });

    it('makes the referral with a solved challenge, once: a reused solution is refused', async () => {
      const before = await referrals();
      const proof = await solved();
      const key = randomUUID();
      const made = await refer({ 'Hubkit-Proof': proof, 'Idempotency-Key': key });
      assert.equal(made.status, 201);
      // The same write again (a retry after a lost answer) may carry it: the first answer comes back.
      const again = await refer({ 'Hubkit-Proof': proof, 'Idempotency-Key': key });
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.equal(again.body.id, made.body.id);
      // Any other write may not.
      refused(await refer({ 'Hubkit-Proof': proof }), 'proof_of_work_invalid');
      const other = { ...councillorDebtAndFood, notes: 'Another referral' };
      refused(await refer({ 'Hubkit-Proof': proof, 'Idempotency-Key': key }, other), 'proof_of_work_invalid');
      assert.equal(await referrals(), before + 1);
    });

    it('asks it of consents too, and not of secret keys nor of reads', async () => {
      const consent = () =>
        hub.request('POST', '/v1/consents', {
          key: 'publishable',
          body: consentOnline,
          headers: { Origin: ORIGIN, 'Idempotency-Key': randomUUID() },
        });
      refused(await consent(), 'proof_of_work_required');
      assert.equal(
        (
          await hub.request('POST', '/v1/referrals', {
            body: councillorDebtAndFood,
            headers: { 'Idempotency-Key': randomUUID() },
          })
        ).status,
        201,
      );
      assert.equal(
        (
          await hub.request('GET', '/v1/services?limit=1', {
            key: 'publishable',
            headers: { Origin: ORIGIN },
          })
        ).status,
        200,
      );
    });

    it('lets browsers send the Hubkit-Proof header (CORS)', async () => {
      const preflight = await hub.request('OPTIONS', '/v1/referrals', {
        key: null,
        headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' },
      });
      assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Hubkit-Proof/);
    });
  });

  describe('proof of work, switched off (the default)', () => {
    it('still answers challenges, and asks for none', async () => {
      const off = await engine.testHub();
      try {
        const challenge = await off.request('GET', '/v1/challenges', {
          key: 'publishable',
          headers: { Origin: ORIGIN },
        });
        assert.equal(challenge.status, 200);
        const made = await off.request('POST', '/v1/referrals', {
          key: KEYS.publishable,
          body: councillorDebtAndFood,
          headers: { Origin: ORIGIN, 'Idempotency-Key': randomUUID() },
        });
        assert.equal(made.status, 201);
      } finally {
        await off.close();
      }
    });
  });
});
