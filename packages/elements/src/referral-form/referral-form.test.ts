import { expect, oneEvent } from '@open-wc/testing';
import { startMockHub, type MockHubRun } from '../testing/mock-hub.ts';
import {
  $,
  answerAll,
  expectNoPersonalDataStored,
  heading,
  mount,
  sendButton,
  until,
} from '../testing/referral-form.ts';
import { HubReferralForm } from './referral-form.ts';

describe('<hub-referral-form>: the whole journey', () => {
  let run: MockHubRun;
  beforeEach(async () => {
    run = await startMockHub();
  });
  afterEach(async () => {
    await run.stop();
  });

  it('makes exactly one referral with the answers, shows its reference and fires hub-referral-submitted', async () => {
    const el = await mount(run);
    expect(el).to.be.instanceOf(HubReferralForm);
    await answerAll(el);
    const submitted = oneEvent(el, 'hub-referral-submitted');
    sendButton(el).click();
    const event = await submitted;
    await el.updateComplete;

    const referrals = run.hub.state.referrals();
    expect(referrals).to.have.length(1);
    const [made] = referrals;
    expect(event.detail.referral.id).to.equal(made?.id);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(made?.referrer).to.deep.include({
      type: 'gp_practice',
      name: 'Dr Priya Shah',
      residentAware: true,
      residentAgreed: true,
    });
    expect(made?.referrer.organisation?.name).to.equal('Rowan Surgery (fictional)');
    expect(made?.resident.name).to.deep.equal({ given: 'Marcus', family: 'Bell' });
    expect(made?.resident.dateOfBirth).to.equal('1968-03-14');
    // The postcode as the schema normalises it, the phone in E.164.
    expect(made?.resident.address?.postcode).to.equal('N7 6QX');
    expect(made?.resident.contact).to.deep.include({
      phone: '+447700900123',
      methods: ['phone'],
      times: ['morning'],
      safeToLeaveMessage: true,
    });
    expect(made?.needs).to.deep.equal([
      { code: 'money_debt', urgency: 'soon', details: 'Council tax arrears' },
      { code: 'food', urgency: 'urgent' },
    ]);
    expect(made?.safeguarding).to.deep.equal({ concern: false, immediateDanger: false });
    expect(made?.resident.language).to.deep.equal({ preferred: 'en', interpreterNeeded: false });
    expect(made?.source?.channel).to.equal('web_form');
    expect(made?.notes).to.equal('Prefers the phone to coming in');

    expect(heading(el)).to.equal('Referral sent');
    expect($(el, '.panel__reference').textContent).to.equal(made?.reference);
    expect(el.shadowRoot?.activeElement).to.equal($(el, '.step-heading'));
    expectNoPersonalDataStored();
  });

  it('is form-associated: invalid until sent, then its value is the referral id', async () => {
    const el = await mount(run);
    const form = document.createElement('form');
    form.append(el);
    document.body.append(form);
    try {
      expect(el.form).to.equal(form);
      expect(el.checkValidity()).to.equal(false);
      el.setAttribute('name', 'referral');
      await answerAll(el);
      sendButton(el).click();
      await until(() => el.value !== undefined);
      await el.updateComplete;
      expect(el.checkValidity()).to.equal(true);
      expect(new FormData(form).get('referral')).to.equal(run.hub.state.referrals()[0]?.id);
    } finally {
      form.remove();
    }
  });

  it('sends one referral when Send is clicked twice', async () => {
    const el = await mount(run);
    await answerAll(el);
    const button = sendButton(el);
    button.click();
    button.click();
    await until(() => el.value !== undefined);
    await new Promise((r) => setTimeout(r, 100));
    expect(run.hub.state.referrals()).to.have.length(1);
  });

  it('asks for a requested service and sends it', async () => {
    const el = await mount(run);
    const service = run.hub.state.services()[0];
    if (!service) throw new Error('The mock hub has no services');
    const { id } = service;
    el.service = { id, name: 'Homes and Money Hub' };
    await answerAll(el);
    expect(el.shadowRoot?.textContent).to.contain('Homes and Money Hub');
    sendButton(el).click();
    await until(() => el.value !== undefined);
    expect(run.hub.state.referrals()[0]?.requestedServiceId).to.equal(id);
  });
});
