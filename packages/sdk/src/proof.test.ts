/**
 * The SDK meets a hub that asks for proof of work: it fetches a challenge, solves it with Web
 * Crypto and sends the same write again with the same Idempotency-Key, without its caller
 * doing anything.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createChallenge, randomInt, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { consentOnline, councillorDebtAndFood } from '@hubkit/schema/fixtures';
import { silentLogger, startHub, type RunningHub } from '@hubkit/server';
import { createHubMock } from '@hubkit/mocks';
import { setupServer } from 'msw/node';
import { solveProof } from './core/proof.ts';
import { Hubkit, PermissionDeniedError } from './index.ts';

const SECRET = 'sk_test_SdkProofTestsSecret0000000001';
const PUBLISHABLE = 'pk_test_SdkProofTestsPublishable001';

interface Sent {
  method: string;
  path: string;
  idempotencyKey: string | null;
  proof: string | null;
}

/** A fetch that notes what the SDK sent. */
function recording(sent: Sent[]): typeof fetch {
  return (input, init) => {
    const request = new Request(input, init);
    sent.push({
      method: request.method,
      path: new URL(request.url).pathname,
      idempotencyKey: request.headers.get('idempotency-key'),
      proof: request.headers.get('hubkit-proof'),
    });
    return fetch(request);
  };
}

describe('solveProof', () => {
  it('finds the counter of an ALTCHA challenge, which altcha-lib then verifies', async () => {
    const secret = 'test secret';
    const challenge = await createChallenge({
      algorithm: 'SHA-256',
      cost: 1,
      counter: randomInt(5000),
      deriveKey,
      hmacSignatureSecret: secret,
    });
    const header = await solveProof(challenge as never);
    assert.ok(header);
    const payload = JSON.parse(atob(header));
    const result = await verifySolution({ ...payload, deriveKey, hmacSignatureSecret: secret });
    assert.equal(result.verified, true);
  });

  it('stops when asked to', async () => {
    const challenge = await createChallenge({
      algorithm: 'SHA-256',
      cost: 1,
      keyPrefix: 'ffffffffffff',
      deriveKey,
      hmacSignatureSecret: 's',
    });
    const controller = new AbortController();
    setTimeout(() => {
      controller.abort();
    }, 50);
    await assert.rejects(solveProof(challenge as never, controller.signal), { name: 'AbortError' });
  });
});

describe('a hub with proof of work on', () => {
  let running: RunningHub;
  before(async () => {
    running = await startHub({
      port: 0,
      db: ':memory:',
      demo: true,
      logger: silentLogger,
      secretKey: SECRET,
      publishableKey: PUBLISHABLE,
      proofOfWork: { required: true, maxNumber: 5000 },
    });
  });
  after(async () => {
    await running.close();
  });

  it('gets a referral made from a publishable key, solving the challenge by itself', async () => {
    const sent: Sent[] = [];
    const site = new Hubkit({ apiKey: PUBLISHABLE, baseUrl: running.url, fetch: recording(sent) });
    const referral = await site.referrals.create(councillorDebtAndFood, { idempotencyKey: 'proof-test-1' });
    assert.equal(referral.status, 'submitted');
    assert.deepEqual(
      sent.map((s) => [s.method, s.path, s.idempotencyKey, s.proof !== null]),
      [
        ['POST', '/v1/referrals', 'proof-test-1', false],
        ['GET', '/v1/challenges', null, false],
        ['POST', '/v1/referrals', 'proof-test-1', true],
      ],
    );
    const hub = new Hubkit({ apiKey: SECRET, baseUrl: running.url });
    assert.equal((await hub.referrals.retrieve(referral.id)).id, referral.id);
  });

  it('records consent the same way', async () => {
    const site = new Hubkit({ apiKey: PUBLISHABLE, baseUrl: running.url });
    const consent = await site.consents.create(consentOnline);
    assert.ok(consent.id);
  });

  it('says what went wrong when the challenge cannot be had', async () => {
    const site = new Hubkit({
      apiKey: PUBLISHABLE,
      baseUrl: running.url,
      maxRetries: 0,
      // A proxy that drops the challenge header on the way.
      fetch: (input, init) => {
        const request = new Request(input, init);
        request.headers.delete('hubkit-proof');
        return fetch(request);
      },
    });
    await assert.rejects(site.referrals.create(councillorDebtAndFood), (error: unknown) => {
      assert.ok(error instanceof PermissionDeniedError);
      assert.equal(error.code, 'proof_of_work_required');
      return true;
    });
  });
});

describe('the mock hub with proof of work on', () => {
  const mock = createHubMock({ proofOfWork: { required: true, maxNumber: 5000 } });
  const server = setupServer(...mock.handlers);
  before(() => {
    server.listen({ onUnhandledFrame: 'error' });
  });
  after(() => {
    server.close();
  });

  it('gets the referral made, once', async () => {
    const site = new Hubkit({ apiKey: mock.keys.publishable, baseUrl: mock.baseUrl });
    const referral = await site.referrals.create(councillorDebtAndFood);
    assert.deepEqual(
      mock.state.referrals().map((r) => r.id),
      [referral.id],
    );
  });
});
