import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
// Space is pressed by its key value, ' ': WebDriver BiDi (Firefox) knows no key named "Space".
import { ifDefined } from 'lit/directives/if-defined.js';
import { ReferralConsent, validate } from '@hubkit/schema';
import { privacyNotice, privacyNoticeText, selfReferralShielding } from '@hubkit/schema/fixtures';
import { createClient, createReferral } from '@hubkit/sdk';
import { startMockHub, type MockHubRun } from '../testing/mock-hub.ts';
import '../define/consent-capture.ts';
import { noticeHash, type HubConsentCapture } from './consent-capture.ts';

let run: MockHubRun;

beforeEach(async () => {
  run = await startMockHub();
});
afterEach(async () => {
  await run.stop();
});

const notice = { version: privacyNotice.version, text: privacyNoticeText, url: privacyNotice.url };

interface Options {
  lang?: string;
  methods?: string;
  purposes?: string;
  mode?: 'embedded';
}

async function capture(o: Options = {}): Promise<HubConsentCapture> {
  const el = await fixture<HubConsentCapture>(
    html`<hub-consent-capture
      publishable-key=${run.key}
      api-base=${run.apiBase}
      controller="Community Hub (fictional council)"
      controller-ico="Z1234567"
      lang=${ifDefined(o.lang)}
      methods=${ifDefined(o.methods)}
      purposes=${ifDefined(o.purposes)}
      mode=${ifDefined(o.mode)}
      .notice=${notice}
    ></hub-consent-capture>`,
  );
  return el;
}

function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`No ${what}`);
  return value;
}
const root = (el: HubConsentCapture): ShadowRoot => must(el.shadowRoot, 'shadow root');
const $ = (el: HubConsentCapture, selector: string): HTMLElement =>
  must(root(el).querySelector<HTMLElement>(selector), selector);
const input = (el: HubConsentCapture, selector: string): HTMLInputElement => {
  const found = $(el, selector);
  if (!(found instanceof HTMLInputElement || found instanceof HTMLTextAreaElement))
    throw new Error(`${selector} is not a field`);
  return found as HTMLInputElement;
};
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const summary = (el: HubConsentCapture) =>
  [...root(el).querySelectorAll('.error-summary__list a')].map((a) => text(a));

async function type(el: HubConsentCapture, selector: string, value: string): Promise<void> {
  const field = input(el, selector);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}
async function click(el: HubConsentCapture, selector: string): Promise<void> {
  $(el, selector).click();
  await el.updateComplete;
}
const submit = (el: HubConsentCapture) => click(el, '[part="record-button"]');
/** Recording hashes the notice first (Web Crypto, asynchronous): the summary shows after that, focused. */
const problemsShown = (el: HubConsentCapture) =>
  waitUntil(() => root(el).activeElement?.classList.contains('error-summary'), 'no error summary focused');

/** Agrees to hub_triage and share_with_services, not the rest; the resident, online. */
async function answerOnline(el: HubConsentCapture, name = 'Eileen Hartley'): Promise<void> {
  await click(el, '#purposes'); // hub_triage: the first carries the field's id
  await click(el, '#purposes-share_with_services');
  await click(el, '#giver-type'); // resident
  await type(el, '#giver-name', name);
  await click(el, '#method'); // online
}

async function recorded(el: HubConsentCapture): Promise<void> {
  await waitUntil(() => root(el).querySelector('#outcome-title'), 'consent was not recorded', {
    timeout: 5000,
  });
}

function noPersonalDataStored(name: string): void {
  const stored = (storage: Storage) =>
    Array.from({ length: storage.length }, (_, i) => {
      const key = storage.key(i) ?? '';
      return `${key}=${storage.getItem(key) ?? ''}`;
    }).join(';');
  const stores = [stored(localStorage), stored(sessionStorage), document.cookie, location.href];
  for (const store of stores) expect(store).not.to.contain(name);
  expect(localStorage.length).to.equal(0);
  expect(sessionStorage.length).to.equal(0);
}

describe('<hub-consent-capture>', () => {
  it('records online consent: one record with the notice version and hash and each purpose decision', async () => {
    const el = await capture();
    await expect(el).to.be.accessible();
    expect(text($(el, '.notice-text'))).to.contain('privacy notice, version 2026-04');
    await answerOnline(el);
    const changed = oneEvent(el, 'hub-consent-change');
    await submit(el);
    const event = await changed;
    await recorded(el);
    const consents = run.hub.state.consents();
    expect(consents).to.have.length(1);
    const [stored] = consents;
    expect(stored?.privacyNotice).to.deep.equal(privacyNotice);
    expect(stored?.givenBy).to.deep.equal({ type: 'resident', name: 'Eileen Hartley' });
    expect(stored?.method).to.equal('online');
    expect(stored?.recordedBy).to.equal(undefined);
    expect(stored?.purposes).to.deep.equal([
      { purpose: 'hub_triage', granted: true },
      { purpose: 'share_with_services', granted: true },
      { purpose: 'single_assessment', granted: false },
      { purpose: 'contact', granted: false },
      { purpose: 'special_category', granted: false },
      { purpose: 'follow_up', granted: false },
    ]);
    expect(stored?.controllers).to.deep.equal([
      { name: 'Community Hub (fictional council)', role: 'controller', icoRegistration: 'Z1234567' },
    ]);
    expect(event.detail.consent.id).to.equal(stored?.id);
    expect(el.consent?.id).to.equal(stored?.id);
    expect(root(el).activeElement?.id).to.equal('outcome-title');
    expect(text($(el, '.decisions')))
      .to.contain('Agreed')
      .and.to.contain('Not agreed');
    await expect(el).to.be.accessible();
    noPersonalDataStored('Eileen Hartley');
  });

  it('hashes the exact notice text as PrivacyNoticeRef wants, including slotted text', async () => {
    expect(await noticeHash(privacyNoticeText)).to.equal(privacyNotice.textHash);
    const el = await fixture<HubConsentCapture>(
      html`<hub-consent-capture
        publishable-key=${run.key}
        api-base=${run.apiBase}
        controller="Community Hub (fictional council)"
        methods="online"
        notice-version="2026-04"
        >${privacyNoticeText}</hub-consent-capture
      >`,
    );
    await expect(el).to.be.accessible();
    await click(el, '#purposes');
    await click(el, '#giver-type');
    await type(el, '#giver-name', 'Eileen Hartley');
    const consent = await el.record();
    expect(consent.privacyNotice.textHash).to.equal(privacyNotice.textHash);
    expect(consent.privacyNotice.version).to.equal('2026-04');
    expect(consent.method).to.equal('online');
  });

  it('a double submit makes one record', async () => {
    const el = await capture();
    await answerOnline(el);
    const button = $(el, '[part="record-button"]');
    button.click();
    button.click();
    const [a, b] = await Promise.all([el.record(), el.record()]);
    await recorded(el);
    expect(a.id).to.equal(b.id);
    expect(run.hub.state.consents()).to.have.length(1);
  });

  it('shows the schema’s errors in a summary that takes focus and links to each field, keeping answers', async () => {
    const el = await capture();
    await type(el, '#giver-name', 'Eileen Hartley');
    await submit(el);
    await waitUntil(() => root(el).activeElement?.classList.contains('error-summary'), 'summary not focused');
    expect(summary(el)).to.deep.equal([
      'Agree to at least one use of these details, or do not send the referral',
      'Select who is giving consent',
      'Select how consent was given',
    ]);
    expect(text($(el, '.form-group--error .error-message'))).to.contain('Error:');
    expect(input(el, '#giver-name').value).to.equal('Eileen Hartley');
    await expect(el).to.be.accessible();
    // The link for "who" moves focus to its first radio.
    const links = [...root(el).querySelectorAll<HTMLAnchorElement>('.error-summary__list a')];
    const who = must(
      links.find((l) => l.getAttribute('href') === '#giver-type'),
      'who link',
    );
    who.click();
    expect(root(el).activeElement?.id).to.equal('giver-type');
    expect(run.hub.state.consents()).to.have.length(0);
  });

  it('on behalf of someone: the authority and the reason are required', async () => {
    const el = await capture({ methods: 'online' });
    await click(el, '#purposes');
    await click(el, '#giver-type-representative');
    await type(el, '#giver-name', 'Ruth Osei');
    await type(el, '#giver-relationship', 'Daughter');
    await click(el, '#giver-authority-lasting_power_of_attorney');
    await expect(el).to.be.accessible();
    await submit(el);
    await problemsShown(el);
    expect(summary(el)).to.deep.equal(['Explain why the person is not consenting themselves']);
    expect(text($(el, '#giver-reason-error'))).to.contain('Explain why');
    await expect(el).to.be.accessible();
    await type(el, '#giver-reason', 'Her father has advanced dementia.');
    const consent = await el.record();
    expect(consent.givenBy).to.deep.equal({
      type: 'representative',
      name: 'Ruth Osei',
      relationship: 'Daughter',
      authority: 'lasting_power_of_attorney',
      reason: 'Her father has advanced dementia.',
    });
    expect(run.hub.state.consents()).to.have.length(1);
  });

  it('by phone: the staff member’s name is required, and recorded', async () => {
    const el = await capture();
    await click(el, '#purposes');
    await click(el, '#giver-type');
    await type(el, '#giver-name', 'Marcus Bell');
    await click(el, '#method-phone');
    await submit(el);
    await problemsShown(el);
    expect(summary(el)).to.deep.equal(['Enter who took consent by phone, in person or on paper']);
    expect(text($(el, '#staff-name-error'))).to.contain('Enter who took consent');
    await expect(el).to.be.accessible();
    await type(el, '#staff-name', 'Sam Okoro');
    await type(el, '#staff-role', 'Triage adviser');
    const consent = await el.record();
    expect(consent.method).to.equal('phone');
    expect(consent.recordedBy).to.deep.equal({ name: 'Sam Okoro', role: 'Triage adviser' });
  });

  it('a lost answer keeps every answer; Try again records exactly one', async () => {
    const el = await capture();
    await answerOnline(el);
    // The SDK retries once itself: lose both answers so the person sees the failure.
    run.hub.faults.add({ kind: 'lost', route: 'createConsent', times: 2 });
    await submit(el);
    await waitUntil(() => root(el).querySelector('#failure-title'), 'no failure shown', { timeout: 5000 });
    expect(root(el).activeElement?.id).to.equal('failure-title');
    expect(text($(el, '.failure'))).to.contain('Nothing you typed has been lost');
    expect(input(el, '#giver-name').value).to.equal('Eileen Hartley');
    expect(input(el, '#purposes').checked).to.equal(true);
    expect(el.consent).to.equal(undefined);
    await expect(el).to.be.accessible();
    const changed = oneEvent(el, 'hub-consent-change');
    await click(el, '#try-again');
    await changed;
    await recorded(el);
    expect(run.hub.state.consents()).to.have.length(1);
  });

  it('a network failure says so; Try again records one', async () => {
    const el = await capture();
    await answerOnline(el);
    run.hub.faults.add({ kind: 'network', route: 'createConsent', times: 2 });
    await submit(el);
    await waitUntil(() => root(el).querySelector('#failure-title'), 'no failure shown', { timeout: 5000 });
    expect(run.hub.state.consents()).to.have.length(0);
    await click(el, '#try-again');
    await recorded(el);
    expect(run.hub.state.consents()).to.have.length(1);
  });

  it('answers changed after a lost answer: still exactly one record, the one the hub made', async () => {
    const el = await capture();
    await answerOnline(el);
    run.hub.faults.add({ kind: 'lost', route: 'createConsent', times: 2 });
    await submit(el);
    await waitUntil(() => root(el).querySelector('#failure-title'), 'no failure shown', { timeout: 5000 });
    expect(run.hub.state.consents()).to.have.length(1);
    await type(el, '#giver-name', 'Eileen M Hartley');
    await submit(el);
    await recorded(el);
    const consents = run.hub.state.consents();
    expect(consents).to.have.length(1);
    expect(el.consent?.id).to.equal(consents[0]?.id);
    expect(text($(el, '.outcome'))).to.contain('Eileen Hartley’s answers have been recorded');
  });

  it('the hub busy or failing: says which, with common strings; Try again records one', async () => {
    const el = await capture();
    await answerOnline(el);
    run.hub.faults.add({ kind: 'status', status: 429, route: 'createConsent', times: 2 });
    await submit(el);
    await waitUntil(() => root(el).querySelector('#failure-title'), 'no failure shown', { timeout: 8000 });
    expect(text($(el, '.failure'))).to.contain('Too many people are using this');
    run.hub.faults.add({ kind: 'status', status: 503, route: 'createConsent', times: 2 });
    await click(el, '#try-again');
    await waitUntil(
      () => text(root(el).querySelector('.failure')).includes('Something went wrong on our side'),
      'no server error shown',
      { timeout: 8000 },
    );
    await expect(el).to.be.accessible();
    expect(run.hub.state.consents()).to.have.length(0);
    await click(el, '#try-again');
    await recorded(el);
    expect(run.hub.state.consents()).to.have.length(1);
  });

  it('withdraws after confirming (Cancel goes back): the hub keeps the record, marked withdrawn', async () => {
    const el = await capture();
    await answerOnline(el);
    const first = await el.record();
    await recorded(el);
    await click(el, '#withdraw');
    await waitUntil(() => root(el).activeElement?.id === 'withdraw-title', 'confirmation not focused');
    await expect(el).to.be.accessible();
    await click(el, '#withdraw-cancel');
    await waitUntil(() => root(el).activeElement?.id === 'withdraw', 'focus not back on Withdraw');
    expect(run.hub.state.consents()[0]?.status).to.equal('active');
    await click(el, '#withdraw');
    await type(el, '#withdraw-reason', 'Changed my mind');
    const changed = oneEvent(el, 'hub-consent-change');
    await click(el, '#withdraw-confirm');
    const event = await changed;
    expect(event.detail.consent.id).to.equal(first.id);
    expect(event.detail.consent.status).to.equal('withdrawn');
    await waitUntil(
      () => text(root(el).querySelector('#outcome-title')) === 'Consent withdrawn',
      'not withdrawn',
    );
    const [stored] = run.hub.state.consents();
    expect(stored?.status).to.equal('withdrawn');
    expect(stored?.withdrawal?.method).to.equal('online');
    expect(stored?.withdrawal?.reason).to.equal('Changed my mind');
    expect(el.consent?.status).to.equal('withdrawn');
    expect(root(el).activeElement?.id).to.equal('outcome-title');
    expect(root(el).querySelector('#withdraw')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a withdrawal whose answer is lost: Try again withdraws once, with the same reason', async () => {
    const el = await capture({ methods: 'phone' });
    await click(el, '#purposes');
    await click(el, '#giver-type');
    await type(el, '#giver-name', 'Marcus Bell');
    await type(el, '#staff-name', 'Sam Okoro');
    await el.record();
    await recorded(el);
    run.hub.faults.add({ kind: 'lost', route: 'withdrawConsent', times: 2 });
    await click(el, '#withdraw');
    await type(el, '#withdraw-reason', 'Sorted things out');
    await click(el, '#withdraw-confirm');
    await waitUntil(() => root(el).querySelector('#failure-title'), 'no failure shown', { timeout: 5000 });
    expect(text($(el, '#failure-title'))).to.equal('Consent was not withdrawn');
    expect(root(el).activeElement?.id).to.equal('failure-title');
    await expect(el).to.be.accessible();
    const changed = oneEvent(el, 'hub-consent-change');
    await click(el, '#try-again');
    expect((await changed).detail.consent.status).to.equal('withdrawn');
    const [stored] = run.hub.state.consents();
    expect(stored?.withdrawal).to.include({ method: 'phone', reason: 'Sorted things out' });
    expect(stored?.withdrawal?.recordedBy).to.deep.equal({ name: 'Sam Okoro' });
  });

  it('inside a <form>: invalid until recorded, then its value is the consent id', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form>
        <hub-consent-capture
          name="consentId"
          publishable-key=${run.key}
          api-base=${run.apiBase}
          controller="Community Hub (fictional council)"
          methods="online"
          .notice=${notice}
        ></hub-consent-capture>
        <button>Send</button>
      </form>`,
    );
    const el = must(form.querySelector('hub-consent-capture'), 'element');
    await el.updateComplete;
    let submitted = 0;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submitted += 1;
    });
    expect(form.checkValidity()).to.equal(false);
    expect(el.validity.valueMissing).to.equal(true);
    expect(el.validationMessage).to.equal('Give and record consent before sending this form.');
    form.requestSubmit();
    expect(submitted).to.equal(0);
    expect(new FormData(form).get('consentId')).to.equal(null);
    // Reporting the problem takes a keyboard user to the first question.
    expect(form.reportValidity()).to.equal(false);
    expect(document.activeElement).to.equal(el);
    expect(root(el).activeElement?.id).to.equal('purposes');
    await click(el, '#purposes');
    await click(el, '#giver-type');
    await type(el, '#giver-name', 'Eileen Hartley');
    expect(form.checkValidity()).to.equal(false);
    const consent = await el.record();
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(true);
    expect(new FormData(form).get('consentId')).to.equal(consent.id);
    form.requestSubmit();
    expect(submitted).to.equal(1);
    await el.withdraw();
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(false);
  });

  it('embedded: no Record button; the page reads the draft and calls record()', async () => {
    const el = await capture({ mode: 'embedded', methods: 'online', purposes: 'hub_triage contact' });
    expect(root(el).querySelector('[part="record-button"]')).to.equal(null);
    expect(root(el).querySelectorAll('input[type="checkbox"]').length).to.equal(2);
    el.draft = { ...el.draft, giverType: 'resident', name: 'Eileen Hartley', granted: ['contact'] };
    await el.updateComplete;
    expect(input(el, '#giver-name').value).to.equal('Eileen Hartley');
    expect(el.draft.granted).to.deep.equal(['contact']);
    const consent = await el.record();
    expect(consent.purposes).to.deep.equal([
      { purpose: 'hub_triage', granted: false },
      { purpose: 'contact', granted: true },
    ]);
    expect(el.consent?.id).to.equal(consent.id);
    expect(await el.record()).to.equal(consent);
    expect(run.hub.state.consents()).to.have.length(1);
  });

  describe('collect(): the consent to send with a referral, sending nothing', () => {
    /** Counts the requests the page makes while `work` runs. */
    async function requestsDuring(work: () => Promise<void>): Promise<number> {
      // The very function is put back (the mock hub's interceptor puts its own back after it).
      // eslint-disable-next-line @typescript-eslint/unbound-method
      const original = window.fetch;
      let count = 0;
      window.fetch = (...args: Parameters<typeof fetch>) => {
        count += 1;
        return original.apply(window, args);
      };
      try {
        await work();
      } finally {
        window.fetch = original;
      }
      return count;
    }

    it('with answers missing: undefined, the problems in its summary, which takes focus; nothing sent', async () => {
      const el = await capture({ mode: 'embedded' });
      await type(el, '#giver-name', 'Eileen Hartley');
      let collected: ReturnType<HubConsentCapture['collect']> = undefined;
      const sent = await requestsDuring(async () => {
        collected = el.collect();
        await el.updateComplete;
      });
      expect(collected).to.equal(undefined);
      await waitUntil(
        () => root(el).activeElement?.classList.contains('error-summary'),
        'summary not focused',
      );
      expect(summary(el)).to.deep.equal([
        'Agree to at least one use of these details, or do not send the referral',
        'Select who is giving consent',
        'Select how consent was given',
      ]);
      expect(input(el, '#giver-name').value).to.equal('Eileen Hartley');
      expect(sent).to.equal(0);
      expect(run.hub.state.consents()).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('answered: the consent as ReferralCreate.consent wants it, the same for the same answers; nothing sent', async () => {
      const el = await capture({ mode: 'embedded' });
      await answerOnline(el);
      let first: ReturnType<HubConsentCapture['collect']>;
      let again: ReturnType<HubConsentCapture['collect']>;
      const sent = await requestsDuring(async () => {
        first = el.collect();
        await aTimeout(5);
        again = el.collect();
        await el.updateComplete;
      });
      const consent = must(first, 'consent');
      expect(sent).to.equal(0);
      expect(run.hub.state.consents()).to.have.length(0);
      expect(validate(ReferralConsent, consent).success).to.equal(true);
      expect(consent).not.to.have.property('referralId');
      expect(consent.givenBy).to.deep.equal({ type: 'resident', name: 'Eileen Hartley' });
      expect(consent.method).to.equal('online');
      expect(consent.privacyNotice).to.deep.equal(privacyNotice);
      expect(consent.purposes.filter((p) => p.granted).map((p) => p.purpose)).to.deep.equal([
        'hub_triage',
        'share_with_services',
      ]);
      expect(again, 'a retry sends the very same consent').to.deep.equal(consent);
      expect(el.consent, 'nothing is recorded').to.equal(undefined);
      expect(root(el).querySelector('.error-summary')).to.equal(null);
      noPersonalDataStored('Eileen Hartley');
    });

    it('clears the problems it showed once they are answered', async () => {
      const el = await capture({ mode: 'embedded', methods: 'online' });
      expect(el.collect()).to.equal(undefined);
      await el.updateComplete;
      expect(summary(el)).to.have.length.greaterThan(0);
      await click(el, '#purposes');
      await click(el, '#giver-type');
      await type(el, '#giver-name', 'Eileen Hartley');
      expect(el.collect()).not.to.equal(undefined);
      await el.updateComplete;
      expect(root(el).querySelector('.error-summary')).to.equal(null);
      expect(root(el).querySelector('.form-group--error')).to.equal(null);
    });

    it('in Welsh: the problems in Welsh', async () => {
      const el = await capture({ mode: 'embedded', lang: 'cy', methods: 'online' });
      expect(el.collect()).to.equal(undefined);
      await el.updateComplete;
      expect(summary(el)).to.include('Dewiswch pwy sy’n rhoi cydsyniad');
    });

    it('sent with a referral: the hub makes one consent, linked to it', async () => {
      const el = await capture({ mode: 'embedded' });
      await answerOnline(el);
      const consent = must(el.collect(), 'consent');
      const client = createClient({ apiKey: run.key, baseUrl: run.apiBase });
      const referral = await createReferral(client, { ...selfReferralShielding, consent });
      const stored = run.hub.state.consents();
      expect(stored).to.have.length(1);
      expect(stored[0]?.id).to.equal(referral.consentId);
      expect(stored[0]?.referralId).to.equal(referral.id);
      expect(stored[0]?.givenBy.name).to.equal('Eileen Hartley');
    });

    it('embedded, Enter in a field sends nothing (the page sends the consent with the referral)', async () => {
      const el = await capture({ mode: 'embedded' });
      await answerOnline(el);
      input(el, '#giver-name').focus();
      const sent = await requestsDuring(async () => {
        await sendKeys({ press: 'Enter' });
        await aTimeout(100);
        await el.updateComplete;
      });
      expect(sent).to.equal(0);
      expect(run.hub.state.consents()).to.have.length(0);
      expect(el.consent).to.equal(undefined);
    });
  });

  it('in Welsh: every string and the schema’s messages', async () => {
    const el = await capture({ lang: 'cy' });
    expect(text($(el, '#notice-heading'))).to.equal('Hysbysiad preifatrwydd');
    expect(text(root(el).querySelector('fieldset legend'))).to.equal('Beth ydych chi’n cytuno iddo?');
    expect(text($(el, '[part="record-button"]'))).to.equal('Cofnodi’r cydsyniad');
    expect(text(root(el).querySelector('label[for="giver-type"]'))).to.equal('Yr unigolyn ei hun');
    await submit(el);
    await problemsShown(el);
    expect(text($(el, '.error-summary__title'))).to.equal('Mae problem wedi codi');
    expect(summary(el)).to.include(
      'Cytunwch i o leiaf un defnydd o’r manylion hyn, neu peidiwch ag anfon yr atgyfeiriad',
    );
    await expect(el).to.be.accessible();
    await answerOnline(el, 'Gwen Jones');
    await submit(el);
    await recorded(el);
    expect(text($(el, '#outcome-title'))).to.equal('Cydsyniad wedi’i gofnodi');
    expect(text($(el, '#withdraw'))).to.equal('Tynnu’r cydsyniad yn ôl');
    expect(run.hub.state.consents()[0]?.language).to.equal('cy');
    await expect(el).to.be.accessible();
  });

  it('problems shown switch language with the element', async () => {
    const el = await capture();
    await submit(el);
    await problemsShown(el);
    expect(summary(el)).to.include('Select who is giving consent');
    el.lang = 'cy';
    await el.updateComplete;
    expect(text($(el, '.error-summary__title'))).to.equal('Mae problem wedi codi');
    expect(summary(el)).not.to.include('Select who is giving consent');
    expect(summary(el)).to.include(
      'Cytunwch i o leiaf un defnydd o’r manylion hyn, neu peidiwch ag anfon yr atgyfeiriad',
    );
  });

  it('lays out right to left in a right-to-left page', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div dir="rtl" lang="ar">
        <hub-consent-capture
          publishable-key=${run.key}
          api-base=${run.apiBase}
          controller="Community Hub (fictional council)"
          .notice=${notice}
        ></hub-consent-capture>
      </div>`,
    );
    const el = must(wrapper.querySelector('hub-consent-capture'), 'element');
    await el.updateComplete;
    await click(el, '#giver-type-representative');
    const conditional = getComputedStyle($(el, '.conditional'));
    expect(conditional.borderRightWidth).to.equal('4px');
    expect(conditional.borderLeftWidth).to.equal('0px');
    const noticeBox = getComputedStyle($(el, '.privacy-notice'));
    expect(noticeBox.borderRightWidth).to.equal('5px');
    await expect(el).to.be.accessible();
  });

  it('says it is not set up without a key, accessibly', async () => {
    const el = await fixture<HubConsentCapture>(html`<hub-consent-capture></hub-consent-capture>`);
    expect(text($(el, '[part="notice"]'))).to.contain('not set up');
    await expect(el).to.be.accessible();
  });

  it('dark theme is accessible', async () => {
    const el = await capture();
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('keyboard only: tick, choose, type, record, withdraw', async () => {
    const el = await capture({ methods: 'online', purposes: 'hub_triage share_with_services' });
    input(el, '#purposes').focus();
    await sendKeys({ press: ' ' }); // hub_triage
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: ' ' }); // share_with_services
    await sendKeys({ press: 'Tab' }); // the first "who" radio
    await sendKeys({ press: ' ' }); // resident
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Keyboard Person' });
    await sendKeys({ press: 'Tab' });
    expect(text(root(el).activeElement)).to.equal('Record consent');
    await sendKeys({ press: 'Enter' });
    await recorded(el);
    const [stored] = run.hub.state.consents();
    expect(stored?.givenBy.name).to.equal('Keyboard Person');
    expect(stored?.purposes.every((p) => p.granted)).to.equal(true);
    expect(root(el).activeElement?.id).to.equal('outcome-title');
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement?.id).to.equal('withdraw');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(el).activeElement?.id === 'withdraw-title', 'confirmation not focused');
    await sendKeys({ press: 'Tab' }); // the reason
    await sendKeys({ type: 'No longer needed' });
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement?.id).to.equal('withdraw-confirm');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => run.hub.state.consents()[0]?.status === 'withdrawn', 'not withdrawn');
    expect(run.hub.state.consents()[0]?.withdrawal?.reason).to.equal('No longer needed');
    await aTimeout(0);
    noPersonalDataStored('Keyboard Person');
  });
});

describe('<hub-consent-capture>: heading-level', () => {
  const tags = (el: HubConsentCapture, selector: string) => $(el, selector).tagName.toLowerCase();

  it('puts its headings at level 2 by default', async () => {
    const el = await capture();
    expect(tags(el, '#notice-heading')).to.equal('h2');
    await answerOnline(el);
    await submit(el);
    await recorded(el);
    expect(tags(el, '#outcome-title')).to.equal('h2');
  });

  it('puts its headings at the level the partner sets, sub-headings one below', async () => {
    const el = await capture();
    el.headingLevel = 4;
    await el.updateComplete;
    expect(tags(el, '#notice-heading')).to.equal('h4');
    // Focus still moves to them (tabindex -1), and the page stays accessible.
    expect($(el, '#notice-heading').getAttribute('tabindex')).to.equal('-1');
    await answerOnline(el);
    run.hub.faults.add({ kind: 'network', route: 'createConsent', times: 2 });
    await submit(el);
    await waitUntil(() => root(el).querySelector('#failure-title'), 'no failure shown', { timeout: 5000 });
    expect(tags(el, '#failure-title')).to.equal('h4');
    await click(el, '#try-again');
    await recorded(el);
    expect(tags(el, '#outcome-title')).to.equal('h4');
    await click(el, '[part="withdraw-button"]');
    expect(tags(el, '#withdraw-title')).to.equal('h5');
    await expect(el).to.be.accessible();
  });
});
