// Load late what is not needed first: the finder paints its search form from lit, the element
// and its text; the checks (the search schema, zod) come when the person starts typing (or on
// idle), and Search waits for them. Its own page (wtr runs each file in one), so nothing here was
// loaded before. critical-path.test.ts checks the same of the CDN's bundles.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { startMockHub } from '../testing/mock-hub.ts';
import { until } from '../testing/referral-form.ts';
import '../define/service-finder.ts';
import type { HubServiceFinder } from './service-finder.ts';

// Unbundled, the test server sends every module on its own: more than the 250 entries the
// browser keeps by default.
performance.setResourceTimingBufferSize(10_000);

/** Whether the page has fetched a module whose address contains `part`. */
const fetched = (part: string): boolean =>
  performance.getEntriesByType('resource').some((entry) => entry.name.includes(part));

const CHECKS = '/service-finder/search-checks.ts';
const SDK = '/packages/sdk/src/';
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<hub-service-finder>: what it loads, and when', () => {
  it('paints without the checks or the SDK; typing loads the checks; Search checks with them', async () => {
    const run = await startMockHub();
    // Hold the idle prefetch, to see what the first paint needs by itself.
    const idle = Object.getOwnPropertyDescriptor(window, 'requestIdleCallback');
    window.requestIdleCallback = () => 0;
    try {
      const el = await fixture<HubServiceFinder>(
        html`<hub-service-finder publishable-key=${run.key} api-base=${run.apiBase}></hub-service-finder>`,
      );
      const root = el.shadowRoot;
      if (!root) throw new Error('no shadow root');
      expect(text(root.querySelector('label[for="postcode"]'))).to.equal('Postcode');
      expect(root.querySelectorAll('#need option').length).to.be.greaterThan(1);
      expect(fetched(CHECKS), 'the checks are not needed to paint').to.equal(false);
      expect(fetched(SDK), 'nor the SDK').to.equal(false);
      await expect(el).to.be.accessible();

      // The person starts typing: the checks load now, and what they typed stays.
      const postcode = root.querySelector<HTMLInputElement>('#postcode');
      if (!postcode) throw new Error('no postcode field');
      postcode.value = 'not a postcode';
      postcode.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await el.updateComplete;
      await until(() => fetched(CHECKS));

      // Search: the checks name the field in words, keep what was typed, and nothing is sent.
      root.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
      // The checks arrive over the network first (many modules, unbundled): more than waitUntil's 1 s.
      await waitUntil(() => root.activeElement?.classList.contains('error-summary'), 'summary not focused', {
        timeout: 15_000,
      });
      expect(text(root.querySelector('#postcode-error'))).to.equal('Error: Enter a postcode, like N1 1AA');
      expect(root.querySelector<HTMLInputElement>('#postcode')?.value).to.equal('not a postcode');
      expect(fetched(SDK), 'nothing was sent').to.equal(false);
    } finally {
      if (idle) Object.defineProperty(window, 'requestIdleCallback', idle);
      else Reflect.deleteProperty(window, 'requestIdleCallback');
      await run.stop();
    }
  });
});
