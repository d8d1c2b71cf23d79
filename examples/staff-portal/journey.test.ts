/**
 * The example staff portal as `npm start` runs it, end to end in Chromium and in Firefox: its
 * server mints staff tokens with the demo partner key, and its page follows the partner's
 * referrals with <hub-referral-tracker>, under a strict CSP. The hub moves a referral on; the
 * tracker shows the new status and says so. The partner's secret key never reaches the page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { engines } from '../testing/browsers.ts';
import { startSite, type RunningSite } from '../testing/start-site.ts';

const KEYS = {
  publishable: 'pk_demo_StaffPortalJourney00000001',
  secret: 'sk_demo_StaffPortalJourneySecret000001',
};
let site: RunningSite;

before(async () => {
  site = await startSite(KEYS);
});
after(async () => {
  await site.stop();
});

/** The hub's own staff move a referral on (with the hub's secret key, from its side). */
async function moveOn(reference: string, to: string): Promise<void> {
  const auth = { Authorization: `Bearer ${KEYS.secret}` };
  const list = (await (await fetch(`${site.url}/v1/referrals?limit=100`, { headers: auth })).json()) as {
    data: { id: string; reference: string }[];
  };
  const referral = list.data.find((r) => r.reference === reference);
  assert.ok(referral, `the hub has ${reference}`);
  const moved = await fetch(`${site.url}/v1/referrals/${referral.id}/transitions`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ to }),
  });
  assert.equal(moved.status, 200, await moved.text());
}

/** The tracker's rows: reference and status, as a person reads them. */
const rows = (page: Page) =>
  page.evaluate(() =>
    [...(document.querySelector('hub-referral-tracker')?.shadowRoot?.querySelectorAll('tbody tr') ?? [])]
      .map((row) => row.textContent.replace(/\s+/g, ' ').trim())
      .filter((text) => text.length > 0),
  );

for (const engine of engines) {
  describe(`npm start: the example staff portal, end to end, in ${engine.name}`, () => {
    let browser: Browser;
    let page: Page;

    before(async () => {
      browser = await engine.launch();
      page = await browser.newPage();
      await page.evaluateOnNewDocument(() => {
        const seen = { violations: [] as string[] };
        (window as unknown as { __seen: typeof seen }).__seen = seen;
        document.addEventListener('securitypolicyviolation', (e) => {
          seen.violations.push(`${e.violatedDirective} ${e.blockedURI}`);
        });
      });
    });
    after(async () => {
      await browser.close();
    });

    it('shows the partner’s referrals with a staff token, and what the hub did with them', async () => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      const sent: string[] = [];
      page.on('request', (request) => {
        sent.push(`${request.url()} ${request.headers().authorization ?? ''}`);
      });
      await page.goto(`${site.portal}/`, { waitUntil: 'networkidle0' });

      // The partner's case system makes a referral; the tracker shows it, submitted.
      await page.click('#example-referral');
      await page.waitForFunction(
        () => document.querySelector('#example-result')?.textContent.includes('HUB-') ?? false,
      );
      const reference = /HUB-[A-Z0-9-]+/.exec(
        await page.$eval('#example-result', (el) => el.textContent),
      )?.[0];
      assert.ok(reference, 'a reference is shown');
      await page.waitForFunction(
        (ref) =>
          document.querySelector('hub-referral-tracker')?.shadowRoot?.textContent.includes(ref) ?? false,
        { timeout: 15_000 },
        reference,
      );
      const before = (await rows(page)).find((row) => row.includes(reference));
      assert.match(before ?? '', /Submitted/);

      // The hub triages it; the tracker, refreshed, shows the new status and says so.
      await moveOn(reference, 'triage');
      await page.evaluate(() => document.querySelector('hub-referral-tracker')?.refresh());
      await page.waitForFunction(
        (ref) =>
          [
            ...(document.querySelector('hub-referral-tracker')?.shadowRoot?.querySelectorAll('tbody tr') ??
              []),
          ].some((row) => row.textContent.includes(ref) && /triage/i.test(row.textContent)),
        { timeout: 15_000 },
        reference,
      );
      const said = await page.evaluate(
        () =>
          document.querySelector('hub-referral-tracker')?.shadowRoot?.querySelector('[role="status"]')
            ?.textContent ?? '',
      );
      assert.match(said, /1 referral updated/i);

      // The page read the hub with a staff token only; the partner's secret key stayed on its server.
      const toHub = sent.filter((line) => line.startsWith(site.url));
      assert.ok(
        toHub.some((line) => line.includes('Bearer st_')),
        'the page read with a staff token',
      );
      assert.ok(!sent.some((line) => line.includes('sk_')), 'no secret key in any request of the page');
      const seen = await page.evaluate(
        () => (window as unknown as { __seen: { violations: string[] } }).__seen,
      );
      assert.deepEqual(seen.violations, [], 'no CSP violation');
      assert.deepEqual(errors, []);
    });
  });
}
