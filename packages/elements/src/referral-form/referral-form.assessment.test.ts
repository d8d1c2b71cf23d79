import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
// Space is pressed by its key value, ' ': WebDriver BiDi (Firefox) knows no key named "Space".
import { startMockHub, type MockHubRun } from '../testing/mock-hub.ts';
import {
  $,
  answerAll,
  answerAssessment,
  answerDetails,
  answerNeeds,
  answerPerson,
  answerReferrer,
  answerSafeguarding,
  answerContact,
  expectNoPersonalDataStored,
  heading,
  input,
  mount,
  next,
  pick,
  sendButton,
  type,
  until,
} from '../testing/referral-form.ts';
import type { HubReferralForm } from './referral-form.ts';

const ASSESSMENT_TITLE = 'What matters to them and how they are doing';
const CHECK_TITLE = 'Check your answers before sending the referral';

/** A form with the assessment step turned on by its attribute. */
async function mountAssessing(run: MockHubRun, lang = 'en'): Promise<HubReferralForm> {
  return fixture<HubReferralForm>(
    html`<hub-referral-form
      publishable-key=${run.key}
      api-base=${run.apiBase}
      lang=${lang}
      assessment
    ></hub-referral-form>`,
  );
}

async function toAssessment(el: HubReferralForm): Promise<void> {
  await answerReferrer(el);
  await answerPerson(el);
  await answerNeeds(el);
  await answerDetails(el);
}

function textarea(el: HubReferralForm, id: string): HTMLTextAreaElement {
  const found = $(el, `#${id}`);
  if (!(found instanceof HTMLTextAreaElement)) throw new Error(`#${id} is not a textarea`);
  return found;
}

function button(el: HubReferralForm, text: string): HTMLButtonElement {
  const found = [...(el.shadowRoot?.querySelectorAll('button') ?? [])].find(
    (b) => b.textContent.trim() === text,
  );
  if (!found) throw new Error(`No button ${text}`);
  return found;
}

async function send(el: HubReferralForm): Promise<void> {
  sendButton(el).click();
  await until(() => el.value !== undefined);
  await el.updateComplete;
}

/** The "Check your answers" row whose key is `key`. */
function row(el: HubReferralForm, key: string): HTMLElement {
  const found = [...(el.shadowRoot?.querySelectorAll<HTMLElement>('.summary-list__row') ?? [])].find(
    (r) => r.querySelector('.summary-list__key')?.textContent.trim() === key,
  );
  if (!found) throw new Error(`No row ${key}`);
  return found;
}

describe('<hub-referral-form>: the short single-assessment step', () => {
  let run: MockHubRun;
  beforeEach(async () => {
    run = await startMockHub();
  });
  afterEach(async () => {
    await run.stop();
  });

  it('is off by default: no step, no answers on the check page, no assessment sent', async () => {
    const el = await mount(run);
    expect(el.assessment).to.equal(false);
    expect($(el, '.caption').textContent).to.equal('Step 1 of 6');
    await answerReferrer(el);
    await answerPerson(el);
    await answerNeeds(el);
    await answerDetails(el);
    expect(heading(el)).to.equal('Safeguarding');
    expect(el.shadowRoot?.querySelector('#what-matters-most')).to.equal(null);
    await answerSafeguarding(el);
    await answerContact(el);
    expect(heading(el)).to.equal(CHECK_TITLE);
    expect(el.shadowRoot?.textContent).to.not.contain('What matters to them');
    await send(el);
    expect(run.hub.state.referrals()[0]?.assessmentId).to.equal(null);
    expect(run.hub.state.assessments()).to.have.length(0);
  });

  it('with the step on, sends the answers as the referral’s assessment, completed by the referrer now', async () => {
    const el = await mountAssessing(run);
    expect(el.assessment).to.equal(true);
    expect($(el, '.caption').textContent).to.equal('Step 1 of 7');
    await toAssessment(el);
    expect(heading(el)).to.equal(ASSESSMENT_TITLE);
    expect($(el, '.caption').textContent).to.equal('Step 5 of 7');
    // The scale in words, with "Not sure" to take a score back.
    const fieldset = $(el, '#wellbeing-money_debt').closest('fieldset');
    const labels = [...(fieldset?.querySelectorAll('label') ?? [])].map((l) => l.textContent.trim());
    expect(labels).to.deep.equal([
      '1 – In crisis',
      '2 – Struggling',
      '3 – Getting by',
      '4 – Doing well',
      '5 – Thriving',
      'Not sure',
    ]);
    await answerAssessment(el);
    expect(heading(el)).to.equal('Safeguarding');
    await answerSafeguarding(el);
    await answerContact(el);
    expect(heading(el)).to.equal(CHECK_TITLE);
    expect(row(el, 'What matters most to them?').textContent).to.contain('Keeping his flat');
    expect(row(el, 'How things are: Money and debt').textContent).to.contain('2 – Struggling');
    expect(row(el, 'How things are: Food').textContent).to.contain('3 – Getting by');
    expect(row(el, 'What is going well for them, or what are they good at?').textContent).to.contain(
      'Good with budgets',
    );

    const before = Date.now();
    await send(el);
    const [referral] = run.hub.state.referrals();
    const assessments = run.hub.state.assessments();
    expect(assessments).to.have.length(1);
    const [made] = assessments;
    expect(referral?.assessmentId).to.equal(made?.id);
    expect(made?.referralId).to.equal(referral?.id);
    expect(made?.sections).to.deep.equal([
      { domain: 'money_debt', score: 2, actions: [] },
      { domain: 'food', score: 3, actions: [] },
    ]);
    expect(made?.whatMattersMost).to.equal('Keeping his flat and seeing his grandchildren');
    expect(made?.strengths).to.equal('Good with budgets once he has a plan');
    expect(made?.completedBy).to.deep.equal({
      name: 'Dr Priya Shah',
      role: 'Social prescribing link worker',
      organisation: 'Rowan Surgery (fictional)',
    });
    const completedAt = Date.parse(made?.completedAt ?? '');
    expect(completedAt).to.be.within(before - 60_000, Date.now());
    expectNoPersonalDataStored();
    for (const value of ['grandchildren', 'budgets']) {
      expect(JSON.stringify(Object.entries(sessionStorage)) + location.href).to.not.contain(value);
    }
  });

  it('a self-referral’s assessment is completed by the person, and only scored needs become sections', async () => {
    const el = await mountAssessing(run);
    await pick(el, 'referrer-type', 'self');
    await next(el);
    await answerPerson(el);
    await answerNeeds(el);
    await answerDetails(el);
    await pick(el, 'wellbeing-money_debt', '4');
    await pick(el, 'wellbeing-food', '1');
    // "Not sure" takes a score back.
    await pick(el, 'wellbeing-food', 'unsure');
    await next(el);
    await answerSafeguarding(el);
    await answerContact(el);
    await send(el);
    const [made] = run.hub.state.assessments();
    expect(made?.completedBy).to.deep.equal({ name: 'Marcus Bell' });
    expect(made?.sections).to.deep.equal([{ domain: 'money_debt', score: 4, actions: [] }]);
    expect(made).to.not.have.property('whatMattersMost');
  });

  it('“Skip this step” sends no assessment, shows “Skipped”, and keeps the answers for a Change', async () => {
    const el = await mountAssessing(run);
    await toAssessment(el);
    await type(el, 'what-matters-most', 'Seeing his grandchildren');
    await pick(el, 'wellbeing-food', '3');
    button(el, 'Skip this step').click();
    await el.updateComplete;
    expect(heading(el)).to.equal('Safeguarding');
    expect(el.shadowRoot?.activeElement).to.equal($(el, '.step-heading'));
    await answerSafeguarding(el);
    await answerContact(el);
    expect(row(el, 'Short assessment').textContent).to.contain('Skipped');
    await send(el);
    expect(run.hub.state.referrals()).to.have.length(1);
    expect(run.hub.state.referrals()[0]?.assessmentId).to.equal(null);
    expect(run.hub.state.assessments()).to.have.length(0);
  });

  it('left blank, Continue sends no assessment either', async () => {
    const el = await mountAssessing(run);
    await toAssessment(el);
    await next(el);
    expect(heading(el)).to.equal('Safeguarding');
    await answerSafeguarding(el);
    await answerContact(el);
    expect(row(el, 'Short assessment').textContent).to.contain('Not given');
    await send(el);
    expect(run.hub.state.assessments()).to.have.length(0);
  });

  it('a bad answer shows the schema’s error by its field and keeps what was typed', async () => {
    const el = await mountAssessing(run);
    await toAssessment(el);
    const long = 'a'.repeat(2001);
    await type(el, 'what-matters-most', long);
    await type(el, 'strengths', 'Cooks for his neighbours');
    await next(el);
    expect(heading(el)).to.equal(ASSESSMENT_TITLE);
    const summary = $(el, '.error-summary');
    expect(el.shadowRoot?.activeElement).to.equal(summary);
    const links = [...summary.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
      '#what-matters-most',
      '#wellbeing-money_debt',
    ]);
    expect(links[0]?.textContent).to.contain('What matters most must be 2000 characters or fewer');
    expect(links[1]?.textContent).to.contain(
      'Select how things are with at least one need, or skip this step',
    );
    links[1]?.click();
    expect(el.shadowRoot?.activeElement?.id).to.equal('wellbeing-money_debt');
    expect(textarea(el, 'what-matters-most').value).to.equal(long);
    expect(textarea(el, 'what-matters-most').getAttribute('aria-describedby')).to.contain(
      'what-matters-most-error',
    );
    expect(textarea(el, 'strengths').value).to.equal('Cooks for his neighbours');
    await expect(el).to.be.accessible();

    await type(el, 'what-matters-most', 'Staying in his flat');
    await pick(el, 'wellbeing-money_debt', '2');
    await next(el);
    expect(heading(el)).to.equal('Safeguarding');
  });

  it('speaks Welsh: the step, the scale, Skip and the schema’s messages', async () => {
    const el = await mountAssessing(run, 'cy');
    await toAssessment(el);
    expect(heading(el)).to.equal('Beth sy’n bwysig iddynt a sut maen nhw');
    const text = el.shadowRoot?.textContent ?? '';
    expect(text).to.contain('Beth sydd bwysicaf iddynt?');
    expect(text).to.contain('Sut mae pethau gyda ‘Bwyd’ nawr?');
    expect(text).to.contain('2 – Cael trafferth');
    expect(text).to.contain('Ddim yn siŵr');
    expect(button(el, 'Hepgor y cam hwn')).to.not.equal(undefined);
    await type(el, 'what-matters-most', 'a'.repeat(2001));
    await next(el);
    const summary = $(el, '.error-summary').textContent;
    expect(summary).to.contain('2000 nod neu lai');
    expect(summary).to.contain('Dewiswch sut mae pethau gydag o leiaf un angen, neu hepgorwch y cam hwn');
    expect(summary).to.not.contain('Select');
    await type(el, 'what-matters-most', 'Aros yn ei fflat');
    await pick(el, 'wellbeing-food', '3');
    await next(el);
    await answerSafeguarding(el);
    await answerContact(el);
    expect(el.shadowRoot?.textContent).to.contain('Sut mae pethau: Bwyd');
    expect(el.shadowRoot?.textContent).to.contain('3 – Ymdopi');
    await send(el);
    expect(button(el, 'Gwneud atgyfeiriad arall')).to.not.equal(undefined);
  });

  it('is accessible: the step, its errors, the check page and the confirmation', async () => {
    const el = await mountAssessing(run);
    await toAssessment(el);
    await expect(el).to.be.accessible();
    await type(el, 'strengths', 'b'.repeat(2001));
    await next(el);
    expect($(el, '.error-summary')).to.not.equal(undefined);
    await expect(el).to.be.accessible();
    await type(el, 'strengths', '');
    await answerAssessment(el);
    await answerSafeguarding(el);
    await answerContact(el);
    await expect(el).to.be.accessible();
    await send(el);
    await expect(el).to.be.accessible();
  });

  it('a Change link on “Check your answers” returns to the step and back, keeping and updating the answers', async () => {
    const el = await mountAssessing(run);
    await answerAll(el, answerAssessment);
    const change = row(el, 'How things are: Food').querySelector('a');
    expect(change?.textContent).to.contain('Change');
    change?.click();
    await el.updateComplete;
    expect(heading(el)).to.equal(ASSESSMENT_TITLE);
    expect(textarea(el, 'what-matters-most').value).to.equal('Keeping his flat and seeing his grandchildren');
    expect(input(el, '#wellbeing-food-3').checked).to.equal(true);
    await pick(el, 'wellbeing-food', '4');
    await next(el);
    expect(heading(el)).to.equal(CHECK_TITLE);
    expect(row(el, 'How things are: Food').textContent).to.contain('4 – Doing well');

    // Back from a Change returns too; a Skip from a Change comes back to the check page.
    row(el, 'What matters most to them?').querySelector('a')?.click();
    await el.updateComplete;
    $(el, '.back-link').click();
    await el.updateComplete;
    expect(heading(el)).to.equal(CHECK_TITLE);
    row(el, 'What matters most to them?').querySelector('a')?.click();
    await el.updateComplete;
    button(el, 'Skip this step').click();
    await el.updateComplete;
    expect(heading(el)).to.equal(CHECK_TITLE);
    expect(row(el, 'Short assessment').textContent).to.contain('Skipped');
    // And Change, Continue brings the kept answers back.
    row(el, 'Short assessment').querySelector('a')?.click();
    await el.updateComplete;
    await next(el);
    expect(heading(el)).to.equal(CHECK_TITLE);
    await send(el);
    expect(run.hub.state.assessments()[0]?.sections).to.deep.equal([
      { domain: 'money_debt', score: 2, actions: [] },
      { domain: 'food', score: 4, actions: [] },
    ]);
  });
});

describe('<hub-referral-form>: the assessment step by keyboard only', () => {
  let run: MockHubRun;
  beforeEach(async () => {
    run = await startMockHub();
  });
  afterEach(async () => {
    await run.stop();
  });

  it('answers with Tab, arrows and typing, and skips with Enter on “Skip this step”', async () => {
    const el = await mountAssessing(run);
    await toAssessment(el);
    const active = () => el.shadowRoot?.activeElement as HTMLElement | null;
    /** Presses Tab (Shift+Tab when `back`) until the focused control matches. */
    const tabTo = async (match: (e: HTMLElement) => boolean, back = false) => {
      const visited: string[] = [];
      for (let i = 0; i < 40; i += 1) {
        if (back) await sendKeys({ down: 'Shift' });
        await sendKeys({ press: 'Tab' });
        if (back) await sendKeys({ up: 'Shift' });
        const now = active();
        if (now && match(now)) return;
        visited.push(now ? `${now.localName}#${now.id}` : 'outside the element');
      }
      throw new Error(`Tab never reached the control; focus went ${visited.join(' → ')}`);
    };
    await el.updateComplete;
    expect(active()?.classList.contains('step-heading')).to.equal(true);
    await tabTo((e) => e.id === 'what-matters-most');
    await sendKeys({ type: 'His garden' });
    await tabTo((e) => e.id === 'wellbeing-money_debt');
    await sendKeys({ press: ' ' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(input(el, '#wellbeing-money_debt-2').checked).to.equal(true);
    expect(textarea(el, 'what-matters-most').value).to.equal('His garden');
    await tabTo((e) => e.textContent.trim() === 'Skip this step');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await new Promise((r) => setTimeout(r));
    expect(heading(el)).to.equal('Safeguarding');
    expect(active()?.classList.contains('step-heading')).to.equal(true);
    // Back by keyboard, Shift+Tab from the heading to the link above it (as a person would; Tab
    // past the page's end wraps round in Chromium, not in Firefox): the answers are still there.
    await tabTo((e) => e.classList.contains('back-link'), true);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(heading(el)).to.equal(ASSESSMENT_TITLE);
    expect(input(el, '#wellbeing-money_debt-2').checked).to.equal(true);
  });
});

describe('<hub-referral-form>: starting again', () => {
  let run: MockHubRun;
  beforeEach(async () => {
    run = await startMockHub();
  });
  afterEach(async () => {
    await run.stop();
  });

  it('“Make another referral” starts a fresh draft, and the second referral is a second record', async () => {
    const el = await mountAssessing(run);
    await answerAll(el, answerAssessment);
    await send(el);
    const first = el.value;
    const again = button(el, 'Make another referral');
    expect(again.getAttribute('part')).to.equal('secondary-button');
    again.click();
    await el.updateComplete;
    expect(heading(el)).to.equal('Who is making this referral?');
    expect(el.shadowRoot?.activeElement).to.equal($(el, '.step-heading'));
    expect(el.value).to.equal(undefined);
    expect(el.checkValidity()).to.equal(false);
    expect(input(el, '#referrer-type').checked).to.equal(false);
    expect(el.shadowRoot?.querySelector('.back-link')).to.equal(null);

    // The same answers again: under the first key the hub would give back the first referral.
    await answerAll(el, answerAssessment);
    expect(row(el, 'What matters most to them?').textContent).to.contain('Keeping his flat');
    await send(el);
    const referrals = run.hub.state.referrals();
    expect(referrals).to.have.length(2);
    expect(referrals[1]?.id).to.equal(el.value?.id);
    expect(el.value?.id).to.not.equal(first?.id);
    expect(el.value?.reference).to.not.equal(first?.reference);
    expect(run.hub.state.assessments()).to.have.length(2);
  });

  it('a reset of the partner’s form clears the draft and returns to the first step', async () => {
    const el = await mountAssessing(run);
    const form = document.createElement('form');
    form.append(el);
    document.body.append(form);
    try {
      await answerReferrer(el);
      await answerPerson(el);
      expect(heading(el)).to.equal('Their needs');
      form.reset();
      await el.updateComplete;
      expect(heading(el)).to.equal('Who is making this referral?');
      expect(input(el, '#referrer-type').checked).to.equal(false);
      await pick(el, 'referrer-type', 'gp_practice');
      expect(input(el, '#referrer-name').value).to.equal('');
      await pick(el, 'referrer-type', 'self');
      await next(el);
      expect(input(el, '#given-name').value).to.equal('');

      // After a referral is sent, a reset starts the next one under a new key.
      form.reset();
      await el.updateComplete;
      el.setAttribute('name', 'referral');
      await answerAll(el, answerAssessment);
      await send(el);
      const first = el.value;
      expect(el.checkValidity()).to.equal(true);
      expect(new FormData(form).get('referral')).to.equal(first?.id);
      form.reset();
      await el.updateComplete;
      expect(heading(el)).to.equal('Who is making this referral?');
      expect(el.value).to.equal(undefined);
      expect(el.checkValidity()).to.equal(false);
      expect(new FormData(form).get('referral')).to.equal(null);
      await answerAll(el, answerAssessment);
      await send(el);
      const referrals = run.hub.state.referrals();
      expect(referrals).to.have.length(2);
      expect(run.hub.state.assessments()).to.have.length(2);
      expect(el.value?.id).to.not.equal(first?.id);
      expect(new FormData(form).get('referral')).to.equal(el.value?.id);
    } finally {
      form.remove();
    }
  });

  it('a reset keeps the partner’s presets', async () => {
    const el = await fixture<HubReferralForm>(
      html`<hub-referral-form
        publishable-key=${run.key}
        api-base=${run.apiBase}
        referrer-type="gp_practice"
        preselect="food"
      ></hub-referral-form>`,
    );
    await pick(el, 'referrer-type', 'self');
    el.formResetCallback();
    await el.updateComplete;
    expect(input(el, '#referrer-type-gp_practice').checked).to.equal(true);
    await answerReferrer(el);
    await answerPerson(el);
    expect(input(el, '#needs-food').checked).to.equal(true);
  });
});
