/**
 * Staff tokens through the SDK, on the mock hub (the same hub core as the server): a partner's
 * server mints one with `sessions.create`, a page reads its own referrals with it, a function as
 * `apiKey` is asked for each request, and an expired token is renewed once, never more; a hub's
 * server mints a report token for its dashboard, which reads the reports only.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { setupServer } from 'msw/node';
import { councillorDebtAndFood } from '@hubkit/schema/fixtures';
import { createHubMock } from '@hubkit/mocks';
import {
  AuthenticationError,
  Hubkit,
  PermissionDeniedError,
  ValidationError,
  createClient,
} from './index.ts';

const PARTNER = 'sk_test_SdkSessionsPartnerKey000000001';
const PORTAL = 'https://portal.partner.example';
const HUB = 'sk_test_SdkSessionsHubDashboardKey0001';
const INTRANET = 'https://intranet.hub.example';

let offset = 0;
const mock = createHubMock({
  keys: [
    { key: PARTNER, role: 'referrer', origins: [PORTAL] },
    { key: HUB, role: 'hub', origins: [INTRANET] },
  ],
  now: () => Date.now() + offset,
});
const server = setupServer(...mock.handlers);
before(() => {
  server.listen({ onUnhandledFrame: 'error' });
});
afterEach(() => {
  mock.reset();
  offset = 0;
});
after(() => {
  server.close();
});

/** The partner's server: its secret referrer key. */
const partner = new Hubkit({ apiKey: PARTNER, baseUrl: mock.baseUrl, maxRetries: 0 });

/** Its staff page: a browser adds `Origin` to every request; here a fetch that does the same. */
const page = (apiKey: string | (() => string | Promise<string>), origin = PORTAL) =>
  new Hubkit({
    apiKey,
    baseUrl: mock.baseUrl,
    maxRetries: 0,
    fetch: (input, init) => {
      const request = new Request(input, init);
      request.headers.set('Origin', origin);
      return fetch(request);
    },
  });

const mint = async (expiresIn?: number) =>
  (
    await partner.sessions.create({
      staffRef: 'staff-42',
      origin: PORTAL,
      ...(expiresIn ? { expiresIn } : {}),
    })
  ).token;

describe('staff tokens in the SDK', () => {
  it('mints a token on the partner’s server, and checks what it sends first', async () => {
    const session = await partner.sessions.create({
      staffRef: 'staff-42',
      origin: PORTAL,
      expiresIn: 600,
    });
    assert.match(session.token, /^st_/);
    assert.equal(session.origin, PORTAL);
    assert.equal(session.staffRef, 'staff-42');
    const lasts = Date.parse(session.expiresAt) - Date.now();
    assert.ok(lasts > 500_000 && lasts <= 600_000, `${lasts} ms`);
    await assert.rejects(
      partner.sessions.create({ staffRef: 'Jo Bloggs <jo@example.org>', origin: PORTAL }),
      (error: unknown) => error instanceof ValidationError && error.errors[0]?.path === '/staffRef',
    );
  });

  it('reads the partner’s own referrals with the token, and may not write', async () => {
    const made = await partner.referrals.create(councillorDebtAndFood);
    const staff = page(await mint());
    assert.equal((await staff.referrals.retrieve(made.id)).id, made.id);
    assert.deepEqual(
      (await staff.referrals.list()).data.map((r) => r.id),
      [made.id],
    );
    await assert.rejects(
      staff.referrals.transition(made.id, { to: 'withdrawn', reason: 'Moved away' }),
      PermissionDeniedError,
    );
  });

  it('mints a report token with a hub key, which reads the reports and no referral', async () => {
    const hub = new Hubkit({ apiKey: HUB, baseUrl: mock.baseUrl, maxRetries: 0 });
    const made = await hub.referrals.create(councillorDebtAndFood);
    const session = await hub.sessions.create({ staffRef: 'analyst-1', origin: INTRANET });
    const dashboard = page(session.token, INTRANET);
    // From the day before to the day after (UTC), so the UK day of the referral is within.
    const day = (offsetDays: number) =>
      new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
    const period = { from: day(-1), to: day(1) };
    const report = await dashboard.reports.referrals(period);
    assert.equal(report.total, 1);
    await assert.rejects(dashboard.referrals.retrieve(made.id), PermissionDeniedError);
    await assert.rejects(async () => dashboard.referrals.list(), PermissionDeniedError);
    // A partner's staff token reads no report.
    await assert.rejects(page(await mint()).reports.referrals(period), PermissionDeniedError);
  });

  it('asks a function for the token on each request', async () => {
    let asked = 0;
    const staff = page(async () => {
      asked += 1;
      return mint();
    });
    await staff.referrals.list();
    await staff.referrals.list();
    assert.equal(asked, 2);
  });

  it('asks the function once more and retries once when the token has expired', async () => {
    const stale = await mint(60);
    offset += 61_000;
    const fresh = await mint();
    const given = [stale, fresh];
    const staff = page(() => given.shift() ?? 'st_none');
    assert.deepEqual((await staff.referrals.list()).data, []);
    assert.equal(given.length, 0, 'asked twice: the stale token, then a fresh one');
  });

  it('retries only once, and not at all for a token given as it is', async () => {
    const stale = await mint(60);
    offset += 61_000;
    let asked = 0;
    const renewing = page(() => {
      asked += 1;
      return stale;
    });
    await assert.rejects(
      async () => renewing.referrals.list(),
      (error: unknown) => error instanceof AuthenticationError && error.code === 'token_expired',
    );
    assert.equal(asked, 2);
    await assert.rejects(
      async () => page(stale).referrals.list(),
      (error: unknown) => error instanceof AuthenticationError && error.code === 'token_expired',
    );
  });

  it('takes a staff token in a browser, where it refuses a secret key', () => {
    const globals = globalThis as { document?: unknown };
    globals.document = {};
    try {
      assert.doesNotThrow(() => createClient({ apiKey: 'st_anything.signed', baseUrl: mock.baseUrl }));
      assert.throws(
        () => createClient({ apiKey: PARTNER, baseUrl: mock.baseUrl }),
        /secret key may not be used/,
      );
      assert.throws(
        () => createClient({ apiKey: 'nonsense', baseUrl: mock.baseUrl }),
        /staff token \(st_…\)/,
      );
    } finally {
      delete globals.document;
    }
  });
});
