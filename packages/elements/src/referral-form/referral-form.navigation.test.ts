import { expect, fixture, html } from '@open-wc/testing';
import { startMockHub, type MockHubRun } from '../testing/mock-hub.ts';
import {
  $,
  input,
  answerAll,
  answerContact,
  answerDetails,
  answerNeeds,
  answerPerson,
  answerReferrer,
  heading,
  mount,
  next,
  pick,
  sendButton,
  type,
  until,
} from '../testing/referral-form.ts';
import type { HubReferralForm } from './referral-form.ts';

const CHECK = 'Check your answers before sending the referral';

async function back(el: HubReferralForm): Promise<void> {
  $(el, '.back-link').click();
  await el.updateComplete;
}

async function changeLink(el: HubReferralForm, hidden: string): Promise<void> {
  const link = [
    ...(el.shadowRoot?.querySelectorAll<HTMLAnchorElement>('.summary-list__actions a') ?? []),
  ].find((a) => a.querySelector('.visually-hidden')?.textContent.trim() === hidden);
  if (!link) throw new Error(`No Change link for ${hidden}`);
  link.click();
  await el.updateComplete;
}

describe('<hub-referral-form>: moving between steps', () => {
  let run: MockHubRun;
  beforeEach(async () => {
    run = await startMockHub();
  });
  afterEach(async () => {
    await run.stop();
  });

  it('Back keeps every answer, and each step change focuses its heading', async () => {
    const el = await mount(run);
    await answerReferrer(el);
    expect(el.shadowRoot?.activeElement).to.equal($(el, '.step-heading'));
    await answerPerson(el);
    await back(el);
    expect(heading(el)).to.equal('About the person');
    expect(el.shadowRoot?.activeElement).to.equal($(el, '.step-heading'));
    expect(input(el, '#given-name').value).to.equal('Marcus');
    expect(input(el, '#dob-year').value).to.equal('1968');
    await back(el);
    expect(input(el, '#referrer-name').value).to.equal('Dr Priya Shah');
    expect(el.shadowRoot?.querySelector('.back-link')).to.equal(null);
    expect(location.hash).to.equal('');
  });

  it('Change from check your answers goes to the step and comes back to check your answers', async () => {
    const el = await mount(run);
    await answerAll(el);
    await changeLink(el, 'Date of birth');
    expect(heading(el)).to.equal('About the person');
    // Back also returns to check your answers.
    await back(el);
    expect(heading(el)).to.equal(CHECK);
    await changeLink(el, 'Date of birth');
    expect(heading(el)).to.equal('About the person');
    await type(el, 'given-name', 'Marc');
    await next(el);
    expect(heading(el)).to.equal(CHECK);
    expect(el.shadowRoot?.activeElement).to.equal($(el, '.step-heading'));
    expect(el.shadowRoot?.textContent).to.contain('Marc Bell');
    expect(el.shadowRoot?.textContent).to.contain('14 March 1968');
  });

  it('a need added from check your answers asks for its details before coming back', async () => {
    const el = await mount(run);
    await answerAll(el);
    await changeLink(el, 'What do they need help with?');
    expect(heading(el)).to.equal('Their needs');
    await pick(el, 'needs', 'housing');
    await next(el);
    expect(heading(el)).to.equal('Tell us about each need');
    expect(input(el, '#need-money_debt-urgency-soon').checked).to.equal(true);
    await pick(el, 'need-housing-urgency', 'routine');
    await next(el);
    expect(heading(el)).to.equal(CHECK);
    sendButton(el).click();
    await until(() => el.value !== undefined);
    expect(run.hub.state.referrals()[0]?.needs.map((n) => n.code)).to.deep.equal([
      'money_debt',
      'food',
      'housing',
    ]);
  });

  it('offers only the needs the partner allows, with its preselection ticked, and preselects the referrer type', async () => {
    const el = await fixture<HubReferralForm>(
      html`<hub-referral-form
        publishable-key=${run.key}
        api-base=${run.apiBase}
        needs="food fuel_energy, money_debt"
        preselect="food housing"
        referrer-type="self"
      ></hub-referral-form>`,
    );
    expect(input(el, '#referrer-type').checked).to.equal(true);
    await next(el);
    expect(heading(el)).to.equal('About you');
    await answerPerson(el);
    const boxes = [...(el.shadowRoot?.querySelectorAll<HTMLInputElement>('input[name="needs"]') ?? [])];
    expect(boxes.map((b) => b.value)).to.deep.equal(['money_debt', 'food', 'fuel_energy']);
    expect(boxes.filter((b) => b.checked).map((b) => b.value)).to.deep.equal(['food']);
    await next(el);
    await pick(el, 'need-food-urgency', 'soon');
    await next(el);
    await pick(el, 'sg-concern', 'no');
    await next(el);
    await answerContact(el);
    sendButton(el).click();
    await until(() => el.value !== undefined);
    const [made] = run.hub.state.referrals();
    expect(made?.referrer).to.deep.equal({ type: 'self', residentAware: true, residentAgreed: true });
    expect(made?.needs).to.deep.equal([{ code: 'food', urgency: 'soon' }]);
  });

  it('immediate danger shows the partner’s emergency contacts and still lets the referral go', async () => {
    const el = await mount(run);
    el.emergencyContacts = [
      { name: 'Police', phone: '999' },
      { name: 'Domestic abuse helpline (fictional)', phone: '0808 000 0000' },
    ];
    await answerReferrer(el);
    await answerPerson(el);
    await answerNeeds(el);
    await answerDetails(el);
    await pick(el, 'sg-concern', 'yes');
    await pick(el, 'sg-subject', 'child');
    await type(el, 'sg-details', 'A child at home is being hurt');
    expect(el.shadowRoot?.querySelector('.warning')).to.equal(null);
    await pick(el, 'sg-danger', 'yes');
    const warning = $(el, '.warning');
    expect(warning.textContent).to.contain('contact emergency services now');
    const links = [...warning.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal(['tel:999', 'tel:08080000000']);
    expect(warning.textContent).to.contain('Domestic abuse helpline (fictional)');
    await expect(el).to.be.accessible();
    await next(el);
    await answerContact(el);
    expect(heading(el)).to.equal(CHECK);
    sendButton(el).click();
    await until(() => el.value !== undefined);
    expect(run.hub.state.referrals()[0]?.safeguarding).to.deep.include({
      concern: true,
      subject: 'child',
      immediateDanger: true,
    });
  });

  it('shows 999 when the partner gives no emergency contacts', async () => {
    const el = await mount(run);
    await answerReferrer(el);
    await answerPerson(el);
    await answerNeeds(el);
    await answerDetails(el);
    await pick(el, 'sg-concern', 'yes');
    await pick(el, 'sg-danger', 'yes');
    expect([...$(el, '.warning').querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal([
      'tel:999',
    ]);
  });
});
