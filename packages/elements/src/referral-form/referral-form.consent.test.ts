import { expect, fixture, html } from '@open-wc/testing';
import { privacyNotice, privacyNoticeText } from '@hubkit/schema/fixtures';
import type { HubConsentCapture } from '../consent-capture/consent-capture.ts';
import '../define/consent-capture.ts';
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
  next,
  sendButton,
  until,
} from '../testing/referral-form.ts';
import type { HubReferralForm } from './referral-form.ts';

const notice = { version: privacyNotice.version, text: privacyNoticeText, url: privacyNotice.url };

async function mountWithConsent(run: MockHubRun): Promise<HubReferralForm> {
  return fixture<HubReferralForm>(
    html`<hub-referral-form publishable-key=${run.key} api-base=${run.apiBase}>
      <hub-consent-capture
        slot="consent"
        controller="Community Hub (fictional council)"
        controller-ico="Z1234567"
        methods="online"
        purposes="hub_triage contact"
        .notice=${notice}
      ></hub-consent-capture>
    </hub-referral-form>`,
  );
}

function inCapture(capture: HubConsentCapture, selector: string): HTMLElement {
  const found = capture.shadowRoot?.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`No ${selector} in the consent element`);
  return found;
}

/** Agrees to the first purpose, as the person, and goes on to check (Continue on the consent step). */
async function answerConsent(el: HubReferralForm, capture: HubConsentCapture, who: string): Promise<void> {
  // Its first render runs in a task of its own (never within the task that added it).
  await capture.updateComplete;
  inCapture(capture, '#purposes').click();
  inCapture(capture, '#giver-type').click();
  await capture.updateComplete;
  const name = inCapture(capture, '#giver-name') as HTMLInputElement;
  name.value = who;
  name.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await capture.updateComplete;
  await next(el);
  await until(() => heading(el) === 'Check your answers before sending the referral');
}

describe('<hub-referral-form>: with <hub-consent-capture> as its consent step', () => {
  let run: MockHubRun;
  beforeEach(async () => {
    run = await startMockHub();
  });
  afterEach(async () => {
    await run.stop();
  });

  it('sends the consent inside the referral on Send, never before: exactly one referral and one consent, linked', async () => {
    const el = await mountWithConsent(run);
    const capture = el.querySelector('hub-consent-capture');
    if (!capture) throw new Error('No consent element');
    expect(capture.mode).to.equal('embedded');
    for (const answer of [
      answerReferrer,
      answerPerson,
      answerNeeds,
      answerDetails,
      answerSafeguarding,
      answerContact,
    ]) {
      await answer(el);
    }
    expect(heading(el)).to.equal('Their consent to share information');
    expect($(el, '.caption').textContent).to.contain('Step 7 of 7');
    await expect(el).to.be.accessible();

    // Nothing answered: the consent element shows its own errors, and the step stays.
    await next(el);
    await until(() => capture.shadowRoot?.querySelector('.error-summary') !== null);
    expect(heading(el)).to.equal('Their consent to share information');
    expect(run.hub.state.consents()).to.have.length(0);

    inCapture(capture, '#purposes').click();
    inCapture(capture, '#giver-type').click();
    await capture.updateComplete;
    const name = inCapture(capture, '#giver-name') as HTMLInputElement;
    name.value = 'Marcus Bell';
    name.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await capture.updateComplete;
    await next(el);
    await until(() => heading(el) === 'Check your answers before sending the referral');
    expect(run.hub.state.consents(), 'nothing sent on leaving the consent step').to.have.length(0);
    expect(el.shadowRoot?.textContent).to.contain('Consent to share information');

    // Back to the consent step and on again: still nothing sent.
    $(el, '.back-link').click();
    await el.updateComplete;
    expect(heading(el)).to.equal('Their consent to share information');
    await next(el);
    await until(() => heading(el) === 'Check your answers before sending the referral');
    expect(run.hub.state.consents()).to.have.length(0);
    expect(run.hub.state.referrals()).to.have.length(0);

    sendButton(el).click();
    await until(() => el.value !== undefined);
    const consents = run.hub.state.consents();
    const referrals = run.hub.state.referrals();
    expect(consents).to.have.length(1);
    expect(referrals).to.have.length(1);
    expect(referrals[0]?.consentId).to.equal(consents[0]?.id);
    expect(consents[0]?.referralId).to.equal(referrals[0]?.id);
    expect(consents[0]?.givenBy.name).to.equal('Marcus Bell');
  });

  it('sends nothing at all when the journey is abandoned after the consent step', async () => {
    const el = await mountWithConsent(run);
    const capture = el.querySelector('hub-consent-capture');
    if (!capture) throw new Error('No consent element');
    for (const answer of [
      answerReferrer,
      answerPerson,
      answerNeeds,
      answerDetails,
      answerSafeguarding,
      answerContact,
    ]) {
      await answer(el);
    }
    await answerConsent(el, capture, 'Marcus Bell');
    // The person closes the tab here: the form goes, unsent.
    el.remove();
    await new Promise((r) => setTimeout(r, 100));
    expect(run.hub.state.consents()).to.have.length(0);
    expect(run.hub.state.referrals()).to.have.length(0);
  });

  it('“Make another referral” starts the consent afresh: the next person’s referral never carries the last one’s consent', async () => {
    const el = await mountWithConsent(run);
    const capture = el.querySelector('hub-consent-capture');
    if (!capture) throw new Error('No consent element');
    const steps = [
      answerReferrer,
      answerPerson,
      answerNeeds,
      answerDetails,
      answerSafeguarding,
      answerContact,
    ];
    for (const answer of steps) await answer(el);
    await answerConsent(el, capture, 'Marcus Bell');
    sendButton(el).click();
    await until(() => el.value !== undefined);
    const first = el.value;

    [...(el.shadowRoot?.querySelectorAll('button') ?? [])]
      .find((b) => /another/i.test(b.textContent))
      ?.click();
    await el.updateComplete;
    expect(capture.consent, 'no record carried over').to.equal(undefined);
    expect(capture.draft.name, 'no answer carried over').to.equal('');
    expect(capture.draft.granted).to.deep.equal([]);
    for (const answer of steps) await answer(el);
    expect(heading(el)).to.equal('Their consent to share information');
    await answerConsent(el, capture, 'Ada Bell');
    sendButton(el).click();
    await until(() => el.value !== undefined && el.value.id !== first?.id);

    const consents = run.hub.state.consents();
    const referrals = run.hub.state.referrals();
    expect(consents).to.have.length(2);
    expect(referrals).to.have.length(2);
    expect(referrals[1]?.consentId).to.equal(consents[1]?.id);
    expect(referrals[1]?.consentId).to.not.equal(referrals[0]?.consentId);
    expect(consents[1]?.givenBy.name).to.equal('Ada Bell');
  });

  it('has no consent step without a consent element', async () => {
    const el = await fixture<HubReferralForm>(
      html`<hub-referral-form publishable-key=${run.key} api-base=${run.apiBase}></hub-referral-form>`,
    );
    expect($(el, '.caption').textContent).to.contain('Step 1 of 6');
  });
});
