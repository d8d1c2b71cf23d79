import { expect } from '@open-wc/testing';
import { startMockHub, type MockHubRun } from '../testing/mock-hub.ts';
import { $, answerAll, heading, mount, sendButton, until } from '../testing/referral-form.ts';

describe('<hub-referral-form>: a hub that asks for proof of work', () => {
  let run: MockHubRun;
  beforeEach(async () => {
    // The hub's default difficulty: what a resident's browser would be asked.
    run = await startMockHub({ proofOfWork: { required: true } });
  });
  afterEach(async () => {
    await run.stop();
  });

  it('sends the referral, solving the challenge while the button says it is sending', async () => {
    const el = await mount(run);
    await answerAll(el);
    sendButton(el).click();
    await el.updateComplete;
    expect(sendButton(el).getAttribute('aria-disabled')).to.equal('true');
    expect(sendButton(el).textContent.trim()).to.equal('Sending…');
    await until(() => el.value !== undefined, 8000);
    await el.updateComplete;
    expect(run.hub.state.referrals()).to.have.length(1);
    expect(el.value?.id).to.equal(run.hub.state.referrals()[0]?.id);
    expect(heading(el)).to.equal('Referral sent');
  });

  it('says in words when the check cannot be finished, and keeps every answer', async () => {
    const el = await mount(run);
    await answerAll(el);
    run.hub.faults.add({
      kind: 'status',
      status: 403,
      code: 'proof_of_work_invalid',
      route: 'createReferral',
      times: 2,
    });
    sendButton(el).click();
    await until(() => el.shadowRoot?.querySelector('.notice') !== null, 8000);
    await el.updateComplete;
    expect(run.hub.state.referrals()).to.have.length(0);
    expect($(el, '.notice').getAttribute('role')).to.equal('alert');
    expect($(el, '.notice').textContent).to.contain('check that protects this form from misuse');
    expect(el.shadowRoot?.textContent).to.contain('Marcus Bell');
    await expect(el).to.be.accessible();

    sendButton(el).click();
    await until(() => el.value !== undefined, 8000);
    expect(run.hub.state.referrals()).to.have.length(1);
  });
});
