/** The mock asks for proof of work as the hub does, when switched on. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';
import { councillorDebtAndFood } from '@hubkit/schema/fixtures';
import { DEFAULT_PUBLISHABLE_KEY } from './index.ts';
import { useMockHub, type Answer } from './testing/harness.ts';

const { mock, call } = useMockHub({ proofOfWork: { required: true, maxNumber: 2000 } });
const web = { key: DEFAULT_PUBLISHABLE_KEY };
const encode = (payload: unknown) => btoa(JSON.stringify(payload));

async function solved(): Promise<string> {
  const answer = await call('GET', '/v1/challenges', web);
  assert.equal(answer.status, 200);
  const solution = await solveChallenge({ challenge: answer.body, deriveKey });
  assert.ok(solution);
  return encode({ challenge: answer.body, solution });
}

const refer = (headers: Record<string, string>) =>
  call('POST', '/v1/referrals', {
    ...web,
    body: councillorDebtAndFood,
    headers: { 'Idempotency-Key': crypto.randomUUID(), ...headers },
  });

const refused = (answer: Answer, code: string) => {
  assert.equal(answer.status, 403);
  assert.equal(answer.body.code, code);
};

describe('the mock with proof of work on', () => {
  it('refuses a publishable key’s referral without a solution, or with a wrong one', async () => {
    refused(await refer({}), 'proof_of_work_required');
    const good = JSON.parse(atob(await solved())) as { solution: { counter: number } };
    good.solution.counter += 1;
    refused(await refer({ 'Hubkit-Proof': encode(good) }), 'proof_of_work_invalid');
    assert.equal(mock.state.referrals().length, 0);
  });

  it('makes it with a solved challenge, and refuses the solution a second time', async () => {
    const proof = await solved();
    assert.equal((await refer({ 'Hubkit-Proof': proof })).status, 201);
    refused(await refer({ 'Hubkit-Proof': proof }), 'proof_of_work_invalid');
    assert.equal(mock.state.referrals().length, 1);
  });

  it('asks nothing of the secret key', async () => {
    const answer = await call('POST', '/v1/referrals', { body: councillorDebtAndFood });
    assert.equal(answer.status, 201);
  });
});
