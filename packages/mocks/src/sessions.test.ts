/**
 * The mock's staff-token fixtures: every mock hub has a referring partner with a registered
 * origin, and a hub key for its intranet dashboard with one; `mintStaffToken` and
 * `mintReportToken` give stories and browser tests a token without a request (a page may not
 * hold the secret key that mints one). The rules themselves are the hub core's, checked in the
 * access matrix.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { councillorDebtAndFood } from '@hubkit/schema/fixtures';
import {
  DEFAULT_DASHBOARD_KEY,
  DEFAULT_DASHBOARD_ORIGIN,
  DEFAULT_PARTNER_KEY,
  DEFAULT_STAFF_ORIGIN,
  createHubMock,
} from './index.ts';
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

  it('has a hub dashboard with a registered origin, whose report token reads only the reports', async () => {
    assert.equal(mock.keys.dashboard, DEFAULT_DASHBOARD_KEY);
    await call('POST', '/v1/referrals', { body: councillorDebtAndFood });
    const session = await mock.mintReportToken({ staffRef: 'analyst-3' });
    assert.equal(session.origin, DEFAULT_DASHBOARD_ORIGIN);
    assert.equal(session.staffRef, 'analyst-3');
    const dashboard = { key: session.token, headers: { Origin: DEFAULT_DASHBOARD_ORIGIN } };
    const report = await call('GET', '/v1/reports/referrals?from=2026-11-01&to=2026-11-30', dashboard);
    assert.equal(report.status, 200, JSON.stringify(report.body));
    assert.equal(report.headers.get('access-control-allow-origin'), DEFAULT_DASHBOARD_ORIGIN);
    const referrals = await call('GET', '/v1/referrals', dashboard);
    assert.equal(referrals.status, 403);
    assert.equal(referrals.body.code, 'forbidden');
    // The partner's staff token is no way into the reports.
    const staff = await mock.mintStaffToken();
    const refused = await call('GET', '/v1/reports/referrals?from=2026-11-01&to=2026-11-30', {
      key: staff.token,
      headers: { Origin: DEFAULT_STAFF_ORIGIN },
    });
    assert.equal(refused.status, 403);
    // The default hub key has no origins: it mints nothing.
    await assert.rejects(mock.mintReportToken({ key: mock.keys.secret }), /origin/);
  });

  it('takes the dashboard key with other origins, such as a story’s page', async () => {
    const page = 'http://localhost:6006';
    const story = createHubMock({ keys: [{ key: DEFAULT_DASHBOARD_KEY, origins: [page] }] });
    assert.equal(story.keys.dashboard, DEFAULT_DASHBOARD_KEY);
    assert.equal((await story.mintReportToken()).origin, page);
  });
});
