/**
 * The referral form answered step by step as a person would, in a page that has a
 * `<hub-referral-form>` with a `<hub-consent-capture slot="consent">` in it, up to "Check your
 * answers". For the examples' end-to-end tests: `await page.evaluate(answerReferralForm, answers)`.
 * Self-contained (puppeteer sends its source to the page), so it uses nothing from outside.
 */

/** What the person answers (fictional people only). */
export interface ReferralAnswers {
  /** Who is referring; `type` left out when the page preselects it (and it is checked instead). */
  referrer: {
    type?: string;
    expectedType?: string;
    name: string;
    role: string;
    organisation: string;
    email: string;
  };
  person: {
    givenName: string;
    familyName: string;
    dob: [day: string, month: string, year: string];
    line1: string;
    town: string;
    postcode: string;
  };
  need: { code: string; urgency: string; details: string };
  phone: string;
  /** Who gives consent (the person themselves, online). */
  consentGiver: string;
}

/** Answers every step; returns each step's heading as it was seen, the last "Check your answers". */
export async function answerReferralForm(answers: ReferralAnswers): Promise<string[]> {
  type Lit = HTMLElement & { updateComplete: Promise<boolean> };
  const form = document.querySelector<Lit>('hub-referral-form');
  const consent = document.querySelector<Lit>('hub-consent-capture');
  if (!form?.shadowRoot || !consent?.shadowRoot) throw new Error('no referral form or consent on the page');
  const root = form.shadowRoot;
  const c = consent.shadowRoot;
  const settle = async () => {
    await form.updateComplete;
    await consent.updateComplete;
  };
  const type = async (id: string, value: string, within: ShadowRoot = root) => {
    const field = within.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`);
    if (!field) throw new Error(`no field ${id}`);
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await settle();
  };
  const pick = async (name: string, value: string) => {
    const input = [...root.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)].find(
      (i) => i.value === value,
    );
    if (!input) throw new Error(`no choice ${name}=${value}`);
    input.click();
    await settle();
  };
  const heading = () => root.querySelector('.step-heading')?.textContent.trim() ?? '';
  const seen = [heading()];
  const next = async () => {
    root.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await settle();
    seen.push(heading());
  };

  const { referrer, person, need } = answers;
  if (referrer.type) await pick('referrer-type', referrer.type);
  const checked = root.querySelector<HTMLInputElement>('input[name="referrer-type"]:checked');
  if (referrer.expectedType && checked?.value !== referrer.expectedType)
    throw new Error(`the referrer type is ${checked?.value ?? 'not chosen'}, not ${referrer.expectedType}`);
  await type('referrer-name', referrer.name);
  await type('referrer-role', referrer.role);
  await type('referrer-organisation', referrer.organisation);
  await type('referrer-email', referrer.email);
  await pick('resident-aware', 'yes');
  await pick('resident-agreed', 'yes');
  await next();

  await type('given-name', person.givenName);
  await type('family-name', person.familyName);
  const [day, month, year] = person.dob;
  await type('dob-day', day);
  await type('dob-month', month);
  await type('dob-year', year);
  await type('address-line1', person.line1);
  await type('address-town', person.town);
  await type('address-postcode', person.postcode);
  await next();

  await pick('needs', need.code);
  await next();
  await pick(`need-${need.code}-urgency`, need.urgency);
  await type(`need-${need.code}-details`, need.details);
  await next();

  await pick('sg-concern', 'no');
  await next();

  await pick('contact-methods', 'phone');
  await type('contact-phone', answers.phone);
  await pick('contact-times', 'morning');
  await pick('contact-safe', 'yes');
  await pick('contact-interpreter', 'no');
  await next();

  // Consent: each purpose, who is agreeing, how.
  for (const box of c.querySelectorAll<HTMLInputElement>('input[name="purposes"]')) {
    box.click();
    await settle();
  }
  c.querySelector<HTMLInputElement>('#giver-type')?.click();
  await settle();
  await type('giver-name', answers.consentGiver, c);
  c.querySelector<HTMLInputElement>('#method')?.click();
  await settle();
  // Recording the consent is a request to the hub: wait for "Check your answers" and its Send.
  root.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
  const deadline = Date.now() + 20_000;
  while (![...root.querySelectorAll('button')].some((b) => /send/i.test(b.textContent))) {
    if (Date.now() > deadline) throw new Error(`no Send button after the consent step: ${heading()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  seen.push(heading());
  return seen;
}
