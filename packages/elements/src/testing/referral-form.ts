/** Helpers for the referral form's tests: answering each step as a person would. */
import { expect, fixture, html } from '@open-wc/testing';
import type { MockHubRun } from './mock-hub.ts';
import type { HubReferralForm } from '../referral-form/referral-form.ts';
import '../define/referral-form.ts';

export async function mount(run: MockHubRun, lang = 'en'): Promise<HubReferralForm> {
  return fixture<HubReferralForm>(
    html`<hub-referral-form
      publishable-key=${run.key}
      api-base=${run.apiBase}
      lang=${lang}
    ></hub-referral-form>`,
  );
}

export function $(el: HubReferralForm, selector: string): HTMLElement {
  const found = el.shadowRoot?.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`No ${selector} in the form`);
  return found;
}

export function input(el: HubReferralForm, selector: string): HTMLInputElement {
  const found = $(el, selector);
  if (!(found instanceof HTMLInputElement)) throw new Error(`${selector} is not an input`);
  return found;
}

export const heading = (el: HubReferralForm): string => $(el, '.step-heading').textContent.trim();

export async function type(el: HubReferralForm, id: string, value: string): Promise<void> {
  const field = $(el, `#${id}`);
  if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) {
    throw new Error(`#${id} is not a text field`);
  }
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** Ticks the radio or checkbox of `name` whose value is `value`. */
export async function pick(el: HubReferralForm, name: string, value: string): Promise<void> {
  const inputs = [...(el.shadowRoot?.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`) ?? [])];
  const input = inputs.find((i) => i.value === value);
  if (!input) throw new Error(`No ${name}=${value} in the form`);
  input.click();
  await el.updateComplete;
}

export async function next(el: HubReferralForm): Promise<void> {
  $(el, 'button[type="submit"]').click();
  await el.updateComplete;
}

export async function answerReferrer(el: HubReferralForm): Promise<void> {
  await pick(el, 'referrer-type', 'gp_practice');
  await type(el, 'referrer-name', 'Dr Priya Shah');
  await type(el, 'referrer-role', 'Social prescribing link worker');
  await type(el, 'referrer-organisation', 'Rowan Surgery (fictional)');
  await type(el, 'referrer-email', 'priya.shah@example.com');
  await pick(el, 'resident-aware', 'yes');
  await pick(el, 'resident-agreed', 'yes');
  await next(el);
}

export async function answerPerson(el: HubReferralForm): Promise<void> {
  await type(el, 'given-name', 'Marcus');
  await type(el, 'family-name', 'Bell');
  await type(el, 'dob-day', '14');
  await type(el, 'dob-month', '3');
  await type(el, 'dob-year', '1968');
  await type(el, 'address-line1', '18 Mercer Street');
  await type(el, 'address-town', 'London');
  await type(el, 'address-postcode', 'n76qx');
  await next(el);
}

export async function answerNeeds(el: HubReferralForm): Promise<void> {
  await pick(el, 'needs', 'money_debt');
  await pick(el, 'needs', 'food');
  await next(el);
}

export async function answerDetails(el: HubReferralForm): Promise<void> {
  await pick(el, 'need-money_debt-urgency', 'soon');
  await type(el, 'need-money_debt-details', 'Council tax arrears');
  await pick(el, 'need-food-urgency', 'urgent');
  await type(el, 'notes', 'Prefers the phone to coming in');
  await next(el);
}

export async function answerSafeguarding(el: HubReferralForm): Promise<void> {
  await pick(el, 'sg-concern', 'no');
  await next(el);
}

export async function answerContact(el: HubReferralForm): Promise<void> {
  await pick(el, 'contact-methods', 'phone');
  await type(el, 'contact-phone', '07700 900123');
  await pick(el, 'contact-times', 'morning');
  await pick(el, 'contact-safe', 'yes');
  await pick(el, 'contact-interpreter', 'no');
  await next(el);
}

/** Answers the short assessment step (on when the form has the `assessment` attribute). */
export async function answerAssessment(el: HubReferralForm): Promise<void> {
  expect(heading(el)).to.equal('What matters to them and how they are doing');
  await type(el, 'what-matters-most', 'Keeping his flat and seeing his grandchildren');
  await pick(el, 'wellbeing-money_debt', '2');
  await pick(el, 'wellbeing-food', '3');
  await type(el, 'strengths', 'Good with budgets once he has a plan');
  await next(el);
}

/**
 * Answers every step, ending on "Check your answers"; `assessment` answers the assessment step
 * (after the needs' details) when the form has it.
 */
export async function answerAll(
  el: HubReferralForm,
  assessment?: (el: HubReferralForm) => Promise<void>,
): Promise<void> {
  await answerReferrer(el);
  await answerPerson(el);
  await answerNeeds(el);
  await answerDetails(el);
  if (assessment) await assessment(el);
  await answerSafeguarding(el);
  await answerContact(el);
  expect(heading(el)).to.equal('Check your answers before sending the referral');
}

export function sendButton(el: HubReferralForm): HTMLElement {
  return $(el, '.button-group .button');
}

/** Waits until `test` holds, or fails after `ms`. */
export async function until(test: () => boolean, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!test()) {
    if (Date.now() - start > ms) throw new Error('Timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Nothing the person typed is kept anywhere but in the element. */
export function expectNoPersonalDataStored(): void {
  const stored = [
    JSON.stringify(Object.entries(localStorage)),
    JSON.stringify(Object.entries(sessionStorage)),
    document.cookie,
    location.href,
  ].join(' ');
  for (const value of ['Marcus', 'Bell', 'Mercer', '900123', 'priya', 'Council tax', 'Prefers the phone']) {
    expect(stored).to.not.contain(value);
  }
}
