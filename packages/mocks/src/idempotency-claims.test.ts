/**
 * As at the hub: a claim on an Idempotency-Key lapses after the request timeout, and a retry then
 * takes it over; the request that lost its claim changes nothing and is told the key is in flight.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Referral } from '@hubkit/schema';
import { councillorDebtAndFood } from '@hubkit/schema/fixtures';
import { useMockHub } from './testing/harness.ts';

let clock = Date.parse('2026-11-23T10:00:00.000Z');
// Latency keeps the first request in flight while the clock moves on past the request timeout.
const { mock, call } = useMockHub({ latencyMs: 100, now: () => clock, requestTimeoutMs: 30_000 });

const create = (key: string) =>
  call<Referral & { code?: string }>('POST', '/v1/referrals', {
    body: councillorDebtAndFood,
    headers: { 'Idempotency-Key': key },
  });

describe('Idempotency-Key claims lapse after the request timeout', () => {
  it('a claim still inside the timeout is respected: 409', async () => {
    const [first, second] = await Promise.all([
      create('live-1'),
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        clock += 29_000;
        return create('live-1');
      })(),
    ]);
    assert.equal(first.status, 201);
    assert.equal(second.status, 409);
    assert.equal(mock.state.referrals().length, 1);
  });

  it('a claim older than the timeout is taken over; the request that lost it makes nothing', async () => {
    const [first, second] = await Promise.all([
      create('lapsed-1'),
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        clock += 31_000;
        return create('lapsed-1');
      })(),
    ]);
    assert.equal(second.status, 201, `taken over (${String(second.body.code)})`);
    assert.equal(first.status, 409);
    assert.equal(first.body.code, 'idempotency_request_in_flight');
    assert.equal(mock.state.referrals().length, 1);
    const replay = await create('lapsed-1');
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.equal(replay.body.id, second.body.id);
  });
});
