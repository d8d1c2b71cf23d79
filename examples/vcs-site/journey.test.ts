/**
 * The README's main command, end to end in Chromium and in Firefox: the example partner site as
 * `npm start` serves it, under its strict CSP. Find a service, refer someone to it through every
 * step (the consent inside), see the reference, and read the referral back through the API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { engines } from '../testing/browsers.ts';
import { startSite, type RunningSite } from '../testing/start-site.ts';
import { answerReferralForm, type ReferralAnswers } from '../testing/referral-journey.ts';

const KEYS = {
  publishable: 'pk_demo_ExampleJourneyTest00000001',
  secret: 'sk_demo_ExampleJourneyTestSecret000001',
};
let site: RunningSite;

before(async () => {
  site = await startSite(KEYS);
});
after(async () => {
  await site.stop();
});

for (const engine of engines) {
  describe(`npm start: the example partner site, end to end, in ${engine.name}`, () => {
    let browser: Browser;
    let page: Page;

    before(async () => {
      browser = await engine.launch();
      page = await browser.newPage();
      // Before any script of the page: every CSP violation, and every hubkit event.
      await page.evaluateOnNewDocument(() => {
        const seen = { violations: [] as string[], events: [] as { type: string; detail: unknown }[] };
        (window as unknown as { __seen: typeof seen }).__seen = seen;
        document.addEventListener('securitypolicyviolation', (e) => {
          seen.violations.push(`${e.violatedDirective} ${e.blockedURI}`);
        });
        for (const type of ['hub-service-select', 'hub-consent-change', 'hub-referral-submitted']) {
          window.addEventListener(type, (e) => {
            seen.events.push({ type, detail: (e as CustomEvent).detail });
          });
        }
      });
    });
    after(async () => {
      await browser.close();
    });

    it('finds a service, refers someone to it with their consent, shows the reference, and the hub has it', async () => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${site.url}/`, { waitUntil: 'networkidle0' });
      const start = page.url();

      // Find a service by words and choose the first.
      await page.evaluate(() => {
        const finder = document.querySelector('hub-service-finder');
        const root = finder?.shadowRoot;
        const words = root?.querySelector<HTMLInputElement>('#q');
        if (!finder || !root || !words) throw new Error('no service finder on the page');
        words.value = 'debt';
        words.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        root.querySelector('form')?.requestSubmit();
      });
      await page.waitForFunction(
        () =>
          document.querySelector('hub-service-finder')?.shadowRoot?.querySelector('[part="choose-button"]'),
        { timeout: 10_000 },
      );
      await page.evaluate(() => {
        document
          .querySelector('hub-service-finder')
          ?.shadowRoot?.querySelector<HTMLButtonElement>('[part="choose-button"]')
          ?.click();
      });

      // Every step of the referral form, the consent inside it, then Send.
      const steps = await page.evaluate(answerReferralForm, {
        referrer: {
          type: 'gp_practice',
          name: 'Dr Priya Shah',
          role: 'Link worker',
          organisation: 'Rowan Surgery (fictional)',
          email: 'priya.shah@example.com',
        },
        person: {
          givenName: 'Marcus',
          familyName: 'Bell',
          dob: ['14', '3', '1968'],
          line1: '18 Mercer Street',
          town: 'London',
          postcode: 'n76qx',
        },
        need: { code: 'money_debt', urgency: 'soon', details: 'Council tax arrears' },
        phone: '07700 900123',
        consentGiver: 'Marcus Bell',
      } satisfies ReferralAnswers);
      await page.evaluate(() => {
        [...(document.querySelector('hub-referral-form')?.shadowRoot?.querySelectorAll('button') ?? [])]
          .find((b) => /send/i.test(b.textContent))
          ?.click();
      });
      await page.waitForFunction(
        () =>
          /HUB-[0-9A-Z]{4}-[0-9A-Z]{2}/.test(
            document.querySelector('hub-referral-form')?.shadowRoot?.textContent ?? '',
          ),
        { timeout: 10_000 },
      );

      assert.equal(new Set(steps).size, steps.length, `every step has its own heading: ${steps.join(' | ')}`);
      assert.equal(steps.length, 8, steps.join(' | '));
      const seen = await page.evaluate(
        () =>
          (window as unknown as { __seen: { violations: string[]; events: { type: string; detail: any }[] } })
            .__seen,
      );
      assert.deepEqual(seen.violations, [], 'no CSP violation');
      assert.deepEqual(errors, []);
      const types = seen.events.map((e) => e.type);
      // The consent goes to the hub inside the referral, on Send: no consent of its own before it.
      assert.deepEqual(types, ['hub-service-select', 'hub-referral-submitted']);
      const chosen = seen.events[0]?.detail.service as { id: string; name: string };
      const submitted = seen.events[1]?.detail.referral as { id: string; reference: string };
      const shown = await page.evaluate(
        () => document.querySelector('hub-referral-form')?.shadowRoot?.textContent ?? '',
      );
      assert.ok(shown.includes(submitted.reference), 'the confirmation shows the reference');

      // The hub has it, as sent, for the chosen service, with the consent.
      const response = await fetch(`${site.url}/v1/referrals/${submitted.id}`, {
        headers: { Authorization: `Bearer ${KEYS.secret}` },
      });
      assert.equal(response.status, 200);
      const referral = (await response.json()) as {
        reference: string;
        requestedServiceId: string | null;
        consentId: string | null;
        resident: { name: { given: string; family: string }; address?: { postcode: string } };
        needs: { code: string }[];
      };
      assert.equal(referral.reference, submitted.reference);
      assert.equal(referral.requestedServiceId, chosen.id);
      assert.ok(referral.consentId, 'sent with the consent recorded in the form');
      assert.equal(referral.resident.name.family, 'Bell');
      assert.equal(referral.resident.address?.postcode, 'N7 6QX');
      assert.deepEqual(
        referral.needs.map((n) => n.code),
        ['money_debt'],
      );

      // Nothing about the person kept in the browser or put in the address.
      const kept = await page.evaluate(() => ({
        local: localStorage.length,
        session: sessionStorage.length,
        cookie: document.cookie,
      }));
      assert.deepEqual(kept, { local: 0, session: 0, cookie: '' });
      assert.equal(page.url(), start);
    });
  });
}
