import { expect, fixture, html } from '@open-wc/testing';
import { startMockHub, type MockHubRun } from '../testing/mock-hub.ts';
import {
  $,
  answerContact,
  answerDetails,
  answerNeeds,
  answerPerson,
  answerReferrer,
  answerSafeguarding,
  heading,
  mount,
  next,
  pick,
  sendButton,
  type,
  until,
} from '../testing/referral-form.ts';
import type { HubReferralForm } from './referral-form.ts';

describe('<hub-referral-form>: accessibility and Welsh', () => {
  let run: MockHubRun;
  beforeEach(async () => {
    run = await startMockHub();
  });
  afterEach(async () => {
    await run.stop();
  });

  it('every step, with and without errors, and the confirmation pass axe', async () => {
    const el = await mount(run);
    const answers = [
      answerReferrer,
      answerPerson,
      answerNeeds,
      answerDetails,
      answerSafeguarding,
      answerContact,
    ];
    const seen: string[] = [];
    for (const answer of answers) {
      await expect(el).to.be.accessible();
      await next(el);
      expect(el.shadowRoot?.querySelector('.error-summary')).to.not.equal(null);
      await expect(el).to.be.accessible();
      seen.push(heading(el));
      await answer(el);
    }
    expect(seen).to.have.length(6);
    expect(heading(el)).to.equal('Check your answers before sending the referral');
    await expect(el).to.be.accessible();
    sendButton(el).click();
    await until(() => el.value !== undefined);
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('passes axe in the dark theme, with the conditional questions open', async () => {
    const el = await fixture<HubReferralForm>(
      html`<hub-referral-form
        publishable-key=${run.key}
        api-base=${run.apiBase}
        theme="dark"
      ></hub-referral-form>`,
    );
    await pick(el, 'referrer-type', 'family_friend');
    await pick(el, 'resident-agreed', 'no');
    await next(el);
    await expect(el).to.be.accessible();
  });

  it('speaks Welsh with lang="cy": steps, codelists, errors and the confirmation', async () => {
    const el = await mount(run, 'cy');
    expect(heading(el)).to.equal('Pwy sy’n gwneud yr atgyfeiriad hwn?');
    expect(el.shadowRoot?.textContent).to.contain('Teulu, ffrind neu gymydog');
    await next(el);
    expect($(el, '.error-summary').textContent).to.contain('Mae problem wedi codi');
    expect($(el, '.error-summary').textContent).to.contain('Dewiswch pwy sy’n gwneud yr atgyfeiriad');
    expect($(el, '#referrer-type-error').textContent).to.contain('Gwall:');
    await answerReferrer(el);
    expect(heading(el)).to.equal('Am yr unigolyn');
    await answerPerson(el);
    expect(el.shadowRoot?.textContent).to.contain('Arian a dyled');
    await answerNeeds(el);
    await answerDetails(el);
    await answerSafeguarding(el);
    await answerContact(el);
    expect(heading(el)).to.equal('Gwiriwch eich atebion cyn anfon yr atgyfeiriad');
    expect(el.shadowRoot?.textContent).to.contain('Newid');
    expect(sendButton(el).textContent.trim()).to.equal('Anfon yr atgyfeiriad');
    await expect(el).to.be.accessible();
    sendButton(el).click();
    await until(() => el.value !== undefined);
    await el.updateComplete;
    expect(heading(el)).to.equal('Atgyfeiriad wedi’i anfon');
    expect(el.shadowRoot?.textContent).to.contain('Eich cyfeirnod');
    expect(run.hub.state.referrals()[0]?.resident.language.preferred).to.equal('cy');
  });

  it('mirrors in a right-to-left page', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div dir="rtl">
        <hub-referral-form publishable-key=${run.key} api-base=${run.apiBase}></hub-referral-form>
      </div>`,
    );
    const el = wrapper.querySelector('hub-referral-form');
    if (!el) throw new Error('No form');
    // Its first render runs in a task of its own: the fixture waited for the wrapper only.
    await el.updateComplete;
    await pick(el, 'referrer-type', 'family_friend');
    const conditional = getComputedStyle($(el, '.conditional'));
    expect(conditional.borderRightWidth).to.equal('4px');
    expect(conditional.borderLeftWidth).to.equal('0px');
    await answerReferrerAsFamily(el);
    expect(getComputedStyle($(el, '.back-link'), '::before').content).to.equal('"› "');
    await expect(el).to.be.accessible();
  });
});

async function answerReferrerAsFamily(el: HubReferralForm): Promise<void> {
  await type(el, 'referrer-name', 'Sam Bell');
  await type(el, 'referrer-phone', '07700 900456');
  await pick(el, 'resident-aware', 'yes');
  await pick(el, 'resident-agreed', 'yes');
  await next(el);
  expect(heading(el)).to.equal('About the person');
}
