// Load late what is not needed first: the form paints its first step from lit, the element and
// its text; the checks (schemas, zod) and the sending (SDK, ky) come when the person starts, and
// Continue waits for them when they are not there yet. Its own page (wtr runs each file in one),
// so nothing here was loaded before.
import { expect, fixture, html } from '@open-wc/testing';
import '../define/referral-form.ts';
import { $, heading, input, until } from '../testing/referral-form.ts';
import type { HubReferralForm } from './referral-form.ts';

/** Whether the page has fetched a module whose address contains `part`. */
const fetched = (part: string): boolean =>
  performance.getEntriesByType('resource').some((entry) => entry.name.includes(part));

const CHECKS = '/referral-form/draft.ts';
const SENDING = '/referral-form/send.ts';
const SDK = '/packages/sdk/src/';

describe('<hub-referral-form>: what it loads, and when', () => {
  it('paints without the checks or the SDK; Continue waits for the checks; answering loads the rest', async () => {
    // Hold the idle prefetch, to see what the first paint needs by itself.
    const idle = Object.getOwnPropertyDescriptor(window, 'requestIdleCallback');
    window.requestIdleCallback = () => 0;
    try {
      const el = await fixture<HubReferralForm>(html`<hub-referral-form lang="en"></hub-referral-form>`);
      expect(heading(el)).to.equal('Who is making this referral?');
      expect(fetched(CHECKS), 'the checks are not needed to paint').to.equal(false);
      expect(fetched(SENDING), 'nor the sending').to.equal(false);
      // (zod is there: unbundled, the test server loads @hubkit/schema whole, where a bundler keeps
      // only the codelists the step shows; critical-path.test.ts checks the bundles.)
      expect(fetched(SDK), 'nor the SDK').to.equal(false);

      // Continue before anything is loaded: it waits for the checks, then says what is missing.
      $(el, 'button[type="submit"]').click();
      await el.updateComplete;
      expect(fetched(CHECKS)).to.equal(true);
      expect($(el, '.error-summary').textContent).to.contain('There is a problem');
      expect(el.shadowRoot?.activeElement).to.equal($(el, '.error-summary'));
      expect(heading(el)).to.equal('Who is making this referral?');

      // The person answers: the sending and the SDK load now, before Send.
      const radio = input(el, '#referrer-type');
      radio.focus();
      radio.click();
      await until(() => fetched(SENDING) && fetched(SDK));
    } finally {
      // Back to the browser's own (on Window.prototype, unless the page had its own).
      if (idle) Object.defineProperty(window, 'requestIdleCallback', idle);
      else Reflect.deleteProperty(window, 'requestIdleCallback');
    }
  });
});
