import { expect } from '@open-wc/testing';
import { startMockHub, type MockHubRun } from '../testing/mock-hub.ts';
import {
  $,
  input,
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
  type,
} from '../testing/referral-form.ts';
import type { HubReferralForm } from './referral-form.ts';

/** The summary is focused, lists `messages`, and each link focuses its field. */
async function expectSummary(el: HubReferralForm, expected: Record<string, string>): Promise<void> {
  const summary = $(el, '.error-summary');
  expect(el.shadowRoot?.activeElement).to.equal(summary);
  const links = [...summary.querySelectorAll('a')];
  expect(links.map((a) => a.textContent.trim())).to.deep.equal(Object.values(expected));
  for (const [id, message] of Object.entries(expected)) {
    const link = links.find((a) => a.getAttribute('href') === `#${id}`);
    expect(link, `a link to #${id}`).to.not.equal(undefined);
    link?.click();
    expect(el.shadowRoot?.activeElement?.id).to.equal(id);
    expect(
      $(el, `#${id}`).getAttribute('aria-describedby') ??
        $(el, `#${id}`).closest('fieldset')?.getAttribute('aria-describedby'),
    ).to.contain('-error');
    expect(el.shadowRoot?.textContent).to.contain(message);
  }
  await expect(el).to.be.accessible();
}

describe('<hub-referral-form>: each step’s errors', () => {
  let run: MockHubRun;
  beforeEach(async () => {
    run = await startMockHub();
  });
  afterEach(async () => {
    await run.stop();
  });

  it('who is referring: asks who, then name, organisation, contact and agreement; keeps what was typed', async () => {
    const el = await mount(run);
    await next(el);
    await expectSummary(el, { 'referrer-type': 'Select who is making the referral' });
    await pick(el, 'referrer-type', 'vcs_partner');
    await type(el, 'referrer-role', 'Caseworker');
    await next(el);
    await expectSummary(el, {
      'referrer-name': 'Enter your name',
      'referrer-organisation': 'Enter the name of your organisation',
      'referrer-phone': 'Enter a phone number or email address so the hub can contact you',
      'resident-aware': 'Select whether the person knows about this referral',
      'resident-agreed': 'Select whether the person agrees to this referral',
    });
    expect(input(el, '#referrer-role').value).to.equal('Caseworker');
    await pick(el, 'resident-aware', 'yes');
    await pick(el, 'resident-agreed', 'no');
    await next(el);
    expect(el.shadowRoot?.textContent).to.contain(
      'Explain why the referral is being made without their agreement',
    );
    expect(input(el, '#resident-aware').checked).to.equal(true);
  });

  it('about the person: names, a real date of birth and a postcode', async () => {
    const el = await mount(run);
    await answerReferrer(el);
    expect(heading(el)).to.equal('About the person');
    await type(el, 'dob-day', '31');
    await type(el, 'dob-month', '2');
    await type(el, 'dob-year', '1990');
    await type(el, 'address-line1', '1 High Street');
    await type(el, 'address-postcode', 'not a postcode');
    await next(el);
    await expectSummary(el, {
      'given-name': 'Enter a first name',
      'family-name': 'Enter a last name',
      'dob-day': $(el, '#dob-error').textContent.replace('Error:', '').trim(),
      'address-town': 'Enter a town or city',
      'address-postcode': 'Enter a postcode, like N1 1AA',
    });
    expect(input(el, '#dob-day').value).to.equal('31');
    expect(input(el, '#address-postcode').value).to.equal('not a postcode');
  });

  it('needs, details, safeguarding and contact each say what is missing', async () => {
    const el = await mount(run);
    await answerReferrer(el);
    await answerPerson(el);
    await next(el);
    await expectSummary(el, { needs: 'Select at least one thing they need help with' });
    await answerNeeds(el);
    await next(el);
    await expectSummary(el, {
      'need-money_debt-urgency': 'Select how urgent help with ‘Money and debt’ is',
      'need-food-urgency': 'Select how urgent help with ‘Food’ is',
    });
    await answerDetails(el);
    await next(el);
    await expectSummary(el, { 'sg-concern': 'Select whether you have a safeguarding concern' });
    await pick(el, 'sg-concern', 'yes');
    await next(el);
    await expectSummary(el, {
      'sg-subject': 'Select whether the concern is about an adult or a child',
      'sg-details': 'Describe the safeguarding concern',
      'sg-danger': 'Select whether anyone is in immediate danger',
    });
    await pick(el, 'sg-concern', 'no');
    await answerSafeguarding(el);
    await pick(el, 'contact-methods', 'email');
    await next(el);
    const summary = $(el, '.error-summary');
    expect(el.shadowRoot?.activeElement).to.equal(summary);
    expect(summary.textContent).to.contain('Select whether it is safe');
    expect(summary.textContent).to.contain('Enter an email address, or choose another way to contact them');
    expect(summary.textContent).to.contain('Select whether they need an interpreter');
    await pick(el, 'contact-interpreter', 'yes');
    await next(el);
    expect($(el, '.error-summary').textContent).to.contain('Select the language they prefer');
    await pick(el, 'contact-methods', 'email');
    await answerContact(el);
    expect(heading(el)).to.equal('Check your answers before sending the referral');
  });
});
