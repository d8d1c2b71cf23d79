// Leaving the page mid-form loses every answer (they are kept nowhere but in the element): the
// browser asks first, while anything answered is unsent; and never before, nor once it is sent.
import { expect, fixture, html } from '@open-wc/testing';
import { startMockHub, type MockHubRun } from '../testing/mock-hub.ts';
import {
  answerAll,
  expectNoPersonalDataStored,
  heading,
  mount,
  pick,
  sendButton,
  type,
  until,
} from '../testing/referral-form.ts';
import type { HubReferralForm } from './referral-form.ts';

/** Whether leaving the page now would be questioned (what the browser's own prompt follows). */
function leavingAsks(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('<hub-referral-form>: leaving the page with answers unsent', () => {
  let run: MockHubRun;
  beforeEach(async () => {
    run = await startMockHub();
  });
  afterEach(async () => {
    await run.stop();
  });

  it('asks only while there are answers not yet sent, and keeps them nowhere else', async () => {
    const el = await mount(run);
    expect(leavingAsks(), 'nothing answered yet').to.equal(false);
    await pick(el, 'referrer-type', 'gp_practice');
    await type(el, 'referrer-name', 'Dr Priya Shah');
    expect(leavingAsks(), 'answers typed').to.equal(true);
    expectNoPersonalDataStored();
    expect(JSON.stringify(Object.entries(sessionStorage))).to.not.contain('Priya Shah');

    // Answered, sent: nothing left to lose.
    el.formResetCallback();
    await el.updateComplete;
    expect(leavingAsks(), 'started again, nothing answered').to.equal(false);
    await answerAll(el);
    expect(leavingAsks()).to.equal(true);
    sendButton(el).click();
    await until(() => el.value !== undefined);
    await el.updateComplete;
    expect(heading(el)).to.equal('Referral sent');
    expect(leavingAsks(), 'sent').to.equal(false);
    expectNoPersonalDataStored();
  });

  it('does not ask for a partner’s presets alone, nor once the form is taken off the page', async () => {
    const el = await fixture<HubReferralForm>(
      html`<hub-referral-form
        publishable-key=${run.key}
        api-base=${run.apiBase}
        lang="en"
        preselect="food"
        referrer-type="self"
      ></hub-referral-form>`,
    );
    expect(leavingAsks(), 'presets are not answers').to.equal(false);
    await pick(el, 'referrer-type', 'gp_practice');
    expect(leavingAsks()).to.equal(true);
    el.remove();
    expect(leavingAsks(), 'no form, nothing to lose').to.equal(false);
  });
});
