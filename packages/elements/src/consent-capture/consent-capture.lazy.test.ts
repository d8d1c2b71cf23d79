// Load late what is not needed first: the consent capture paints its questions from lit, the
// element and its text; the checks (the schemas, zod) come when the person starts answering (or
// on idle), and Record waits for them. Its own page (wtr runs each file in one), so nothing here
// was loaded before. critical-path.test.ts checks the same of the CDN's bundles.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { privacyNotice, privacyNoticeText } from '@hubkit/schema/fixtures';
import { startMockHub } from '../testing/mock-hub.ts';
import { until } from '../testing/referral-form.ts';
import '../define/consent-capture.ts';
import type { HubConsentCapture } from './consent-capture.ts';

// Unbundled, the test server sends every module on its own: more than the 250 entries the
// browser keeps by default.
performance.setResourceTimingBufferSize(10_000);

/** Whether the page has fetched a module whose address contains `part`. */
const fetched = (part: string): boolean =>
  performance.getEntriesByType('resource').some((entry) => entry.name.includes(part));

const CHECKS = '/consent-capture/consent-checks.ts';
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<hub-consent-capture>: what it loads, and when', () => {
  it('paints without the checks; answering loads them; Record checks with them, keeping every answer', async () => {
    const run = await startMockHub();
    // Hold the idle prefetch, to see what the first paint needs by itself.
    const idle = Object.getOwnPropertyDescriptor(window, 'requestIdleCallback');
    window.requestIdleCallback = () => 0;
    try {
      const notice = { version: privacyNotice.version, text: privacyNoticeText, url: privacyNotice.url };
      const el = await fixture<HubConsentCapture>(
        html`<hub-consent-capture
          publishable-key=${run.key}
          api-base=${run.apiBase}
          controller="Community Hub (fictional council)"
          .notice=${notice}
        ></hub-consent-capture>`,
      );
      const root = el.shadowRoot;
      if (!root) throw new Error('no shadow root');
      expect(text(root.querySelector('#purposes-legend, legend'))).not.to.equal('');
      expect(root.querySelectorAll('input[type="checkbox"]').length).to.be.greaterThan(0);
      expect(fetched(CHECKS), 'the checks are not needed to paint').to.equal(false);
      await expect(el).to.be.accessible();

      // The person starts answering: the checks load now, and what they typed stays.
      const name = root.querySelector<HTMLInputElement>('#giver-name');
      if (!name) throw new Error('no name field');
      name.value = 'Eileen Hartley';
      name.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await el.updateComplete;
      await until(() => fetched(CHECKS));
      expect(name.value).to.equal('Eileen Hartley');

      // Record: the checks say what is missing, in words, and nothing is sent.
      root.querySelector<HTMLButtonElement>('[part="record-button"]')?.click();
      // The checks arrive over the network first (many modules, unbundled): more than waitUntil's 1 s.
      await waitUntil(() => root.activeElement?.classList.contains('error-summary'), 'summary not focused', {
        timeout: 15_000,
      });
      const problems = [...root.querySelectorAll('.error-summary__list a')].map((a) => text(a));
      expect(problems).to.deep.equal([
        'Agree to at least one use of these details, or do not send the referral',
        'Select who is giving consent',
        'Select how consent was given',
      ]);
      expect(root.querySelector<HTMLInputElement>('#giver-name')?.value).to.equal('Eileen Hartley');
      expect(run.hub.state.consents()).to.have.length(0);
    } finally {
      // Back to the browser's own (on Window.prototype, unless the page had its own).
      if (idle) Object.defineProperty(window, 'requestIdleCallback', idle);
      else Reflect.deleteProperty(window, 'requestIdleCallback');
      await run.stop();
    }
  });
});
