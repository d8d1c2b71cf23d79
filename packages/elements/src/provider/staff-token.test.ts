/**
 * A staff page end to end: `<hub-provider>` given a function that fetches staff tokens (as a
 * page asks its own server), `<hub-referral-tracker>` inside it, on the mock hub, which checks
 * each token as the hub does. The partner's server is played by a client of its secret key.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createClient, createReferral, createSession, type HubClient } from '@hubkit/sdk';
import { make } from '@hubkit/mocks';
import { startMockHub, type MockHubRun } from '../testing/mock-hub.ts';
import type { HubReferralTracker } from '../referral-tracker/referral-tracker.ts';
import type { StaffToken } from '../core/client.ts';
import '../define/provider.ts';
import '../define/referral-tracker.ts';

const PARTNER_KEY = 'sk_test_PartnerStaffPortalKey00001';
const MINUTE = 60_000;

let run: MockHubRun;
let now: number;
let partner: HubClient;

beforeEach(async () => {
  now = Date.now();
  run = await startMockHub({
    now: () => now,
    keys: [{ kind: 'secret', role: 'referrer', key: PARTNER_KEY, origins: [location.origin], id: 'partner' }],
  });
  partner = createClient({
    apiKey: PARTNER_KEY,
    baseUrl: run.apiBase,
    dangerouslyAllowBrowser: true,
    logLevel: 'off',
  });
});
afterEach(async () => {
  await run.stop();
});

/** Two referrals the partner made, and one the hub made (which the partner's staff may not see). */
async function referrals(): Promise<string[]> {
  const hub = createClient({
    apiKey: run.hub.keys.secret,
    baseUrl: run.apiBase,
    dangerouslyAllowBrowser: true,
    logLevel: 'off',
  });
  await createReferral(hub, make.referralCreate());
  const made = [];
  for (let i = 0; i < 2; i += 1) made.push(await createReferral(partner, make.referralCreate()));
  return made.map((r) => r.reference);
}

/** The page's token source: asks "its server" (the partner's client) for a token for staff-42. */
function tokenSource(minted: StaffToken[]): () => Promise<StaffToken> {
  return async () => {
    const session = await createSession(partner, {
      staffRef: 'staff-42',
      origin: location.origin,
      expiresIn: 600,
    });
    const given = { token: session.token, expiresAt: session.expiresAt };
    minted.push(given);
    return given;
  };
}

const shown = (el: HubReferralTracker) =>
  [...(el.shadowRoot?.querySelectorAll('tbody .reference') ?? [])].map((cell) => cell.textContent.trim());

async function staffPage(source: () => Promise<StaffToken>): Promise<HubReferralTracker> {
  const provider = await fixture(
    html`<hub-provider api-base=${run.apiBase} .staffToken=${source}
      ><hub-referral-tracker refresh-interval="0"></hub-referral-tracker
    ></hub-provider>`,
  );
  const el = provider.querySelector('hub-referral-tracker');
  if (!el) throw new Error('no tracker');
  return el;
}

describe('<hub-provider> with staff tokens', () => {
  it('gives the elements a client that reads the partner’s own referrals with a token from the page’s server', async () => {
    const references = await referrals();
    const minted: StaffToken[] = [];
    const el = await staffPage(tokenSource(minted));
    await waitUntil(() => shown(el).length > 0, 'no referrals shown', { timeout: 8000 });
    expect(shown(el).sort()).to.deep.equal([...references].sort());
    // Kept: reading again does not ask the page's server for another token.
    await el.refresh();
    expect(minted).to.have.length(1);
  });

  it('asks for a new token shortly before the kept one expires', async () => {
    await referrals();
    const minted: StaffToken[] = [];
    const el = await staffPage(tokenSource(minted));
    await waitUntil(() => shown(el).length === 2, 'no referrals shown', { timeout: 8000 });
    const realNow = Date.now;
    // Nine and a half minutes on (the token was minted for ten): the page's own clock decides.
    const ahead = realNow() + 9.5 * MINUTE;
    Date.now = () => ahead;
    try {
      now += 9.5 * MINUTE;
      await el.refresh();
      expect(minted).to.have.length(2);
      expect(shown(el)).to.have.length(2);
    } finally {
      Date.now = realNow;
    }
  });

  it('gets a new token and reads again when the hub refuses the kept one as expired', async () => {
    await referrals();
    const minted: StaffToken[] = [];
    const el = await staffPage(tokenSource(minted));
    await waitUntil(() => shown(el).length === 2, 'no referrals shown', { timeout: 8000 });
    // The hub's clock is eleven minutes ahead of the page's: the token the page keeps is dead there.
    now += 11 * MINUTE;
    const expired = oneEvent(el, 'hub-session-expired');
    await el.refresh();
    await expired;
    await waitUntil(() => minted.length === 2 && shown(el).length === 2, 'not read again with a new token', {
      timeout: 8000,
    });
    expect(el.shadowRoot?.textContent).not.to.contain('expired');
  });

  it('is not set up without an https hub address, and never sends its token elsewhere', async () => {
    const calls: string[] = [];
    const provider = await fixture(
      html`<hub-provider
        api-base="http://hub.example.org"
        .staffToken=${() => {
          calls.push('asked');
          return Promise.resolve('st_never');
        }}
        ><hub-referral-tracker refresh-interval="0"></hub-referral-tracker
      ></hub-provider>`,
    );
    const el = provider.querySelector('hub-referral-tracker');
    await el?.updateComplete;
    expect(el?.shadowRoot?.querySelector('[part="notice"]')).to.not.equal(null);
    expect(calls).to.deep.equal([]);
  });
});
