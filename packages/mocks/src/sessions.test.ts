/**
 * The mock's staff-token fixtures: every mock hub has a referring partner with a registered
 * origin, and `mintStaffToken` gives stories and browser tests a token without a request (a
 * page may not hold the secret key that mints one). The rules themselves are the hub core's,
 * checked in the access matrix.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { councillorDebtAndFood } from '@hubkit/schema/fixtures';
import { DEFAULT_PARTNER_KEY, DEFAULT_STAFF_ORIGIN } from './index.ts';
import { useMockHub } from './testing/harness.ts';

let now = Date.parse('2026-12-01T09:00:00Z');
const { mock, call } = useMockHub({ now: () => now });

describe('staff tokens on the mock hub', () => {
  it('has a partner with a registered origin, whose minted token reads only its referrals', async () => {
    assert.equal(mock.keys.partner, DEFAULT_PARTNER_KEY);
    const own = await call('POST', '/v1/referrals', { key: mock.keys.partner, body: councillorDebtAndFood });
    await call('POST', '/v1/referrals', { body: councillorDebtAndFood });
    const session = await mock.mintStaffToken({ staffRef: 'staff-9', expiresIn: 600 });
    assert.equal(session.origin, DEFAULT_STAFF_ORIGIN);
    assert.equal(session.expiresAt, '2026-12-01T09:10:00.000Z');
    const staff = { key: session.token, headers: { Origin: DEFAULT_STAFF_ORIGIN } };
    const listed = await call('GET', '/v1/referrals', staff);
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.data.map((r: { id: string }) => r.id),
      [own.body.id],
    );
    assert.equal(listed.headers.get('access-control-allow-origin'), DEFAULT_STAFF_ORIGIN);
  });

  it('lets a story see a token expire, by the mock’s clock, and stop with its key', async () => {
    const session = await mock.mintStaffToken({ expiresIn: 60 });
    const staff = { key: session.token, headers: { Origin: DEFAULT_STAFF_ORIGIN } };
    assert.equal((await call('GET', '/v1/referrals', staff)).status, 200);
    now += 60_000;
    const expired = await call('GET', '/v1/referrals', staff);
    assert.equal(expired.status, 401);
    assert.equal(expired.body.code, 'token_expired');
    const fresh = await mock.mintStaffToken();
    mock.revokeKey(DEFAULT_PARTNER_KEY);
    const revoked = await call('GET', '/v1/referrals', { ...staff, key: fresh.token });
    assert.equal(revoked.body.code, 'unauthorized');
    await assert.rejects(mock.mintStaffToken({ origin: 'https://elsewhere.example' }), /origin/);
  });
});
