/**
 * Words a person reads in the referral form: fields named in words (never a JSON path, even in
 * the hub's own 422), each need named, GOV.UK date and postcode messages, and Welsh dates in
 * browsers without Welsh date data.
 */
import { expect } from '@open-wc/testing';
import { startMockHub, type MockHubRun } from '../testing/mock-hub.ts';
import {
  $,
  answerAll,
  answerNeeds,
  answerPerson,
  answerReferrer,
  heading,
  input,
  mount,
  next,
  sendButton,
  type,
  until,
} from '../testing/referral-form.ts';
import { longDate } from '../core/dates.ts';
import type { HubReferralForm } from './referral-form.ts';

let run: MockHubRun;
beforeEach(async () => {
  run = await startMockHub();
});
afterEach(async () => {
  await run.stop();
});

const summary = (el: HubReferralForm) =>
  [...$(el, '.error-summary').querySelectorAll('a')].map((a) => a.textContent.replace(/\s+/g, ' ').trim());

/** A JSON Pointer, or anything like one, in what a person reads. */
const POINTER = /(^|[\s‘'"])\/[A-Za-z0-9]/u;

describe('<hub-referral-form>: words a person reads', () => {
  it('names each need that has no urgency', async () => {
    const el = await mount(run);
    await answerReferrer(el);
    await answerPerson(el);
    await answerNeeds(el);
    await next(el);
    expect(summary(el)).to.deep.equal([
      'Select how urgent help with ‘Money and debt’ is',
      'Select how urgent help with ‘Food’ is',
    ]);
    expect($(el, '#need-food-urgency-error').textContent).to.contain('‘Food’');
  });

  it('names each need in Welsh too', async () => {
    const el = await mount(run, 'cy');
    await answerReferrer(el);
    await answerPerson(el);
    await answerNeeds(el);
    await next(el);
    expect(summary(el)).to.deep.equal([
      'Dewiswch pa mor frys yw’r help gyda ‘Arian a dyled’',
      'Dewiswch pa mor frys yw’r help gyda ‘Bwyd’',
    ]);
  });

  async function personWith(el: HubReferralForm, fields: Record<string, string>): Promise<void> {
    await answerReferrer(el);
    const answers: Record<string, string> = {
      'given-name': 'Marcus',
      'family-name': 'Bell',
      'dob-day': '14',
      'dob-month': '3',
      'dob-year': '1961',
      'address-line1': '18 Mercer Street',
      'address-town': 'London',
      'address-postcode': 'N7 6QX',
      ...fields,
    };
    for (const [id, value] of Object.entries(answers)) await type(el, id, value);
    await next(el);
  }

  for (const [parts, message] of [
    [{ 'dob-month': '' }, 'Date of birth must include a month'],
    [{ 'dob-day': '', 'dob-month': '' }, 'Date of birth must include a day and month'],
    [{ 'dob-year': '61' }, 'Year must include 4 numbers'],
    [{ 'dob-day': '30', 'dob-month': '2' }, 'Date of birth must be a real date'],
    [{ 'dob-year': '2999' }, 'Date of birth must be in the past'],
  ] as const) {
    it(`says "${message}" for a date of birth typed ${JSON.stringify(parts)}`, async () => {
      const el = await mount(run);
      await personWith(el, parts);
      expect(summary(el)).to.deep.equal([message]);
      expect($(el, '#dob-error').textContent).to.contain(message);
      // Nothing typed is lost.
      expect(input(el, '#dob-year').value).to.equal(parts['dob-year' as keyof typeof parts] ?? '1961');
    });
  }

  it('accepts a month written as a word, and says what is missing in Welsh', async () => {
    const el = await mount(run);
    await personWith(el, { 'dob-month': 'March' });
    expect(heading(el)).to.equal('Their needs');
    const cy = await mount(run, 'cy');
    await personWith(cy, { 'dob-month': '' });
    expect(summary(cy)).to.deep.equal(['Rhaid i’r dyddiad geni gynnwys mis']);
  });

  it('asks for a real postcode when ZZ99 9ZZ is typed', async () => {
    const el = await mount(run);
    await personWith(el, { 'address-postcode': 'ZZ99 9ZZ' });
    expect(summary(el)).to.deep.equal(['Enter a real postcode']);
    const cy = await mount(run, 'cy');
    await personWith(cy, { 'address-postcode': 'ZZ99 9ZZ' });
    expect(summary(cy)).to.deep.equal(['Rhowch god post go iawn']);
  });

  it('names every text field in words when it has hidden formatting characters', async () => {
    const el = await mount(run);
    const fields = ['given-name', 'family-name', 'address-line1', 'address-line2', 'address-town'];
    await personWith(el, Object.fromEntries(fields.map((id) => [id, `Ab\u202ecd`])));
    const messages = summary(el);
    expect(messages).to.have.length(fields.length);
    for (const message of messages) expect(message).to.not.match(POINTER);
    expect(messages).to.include('Remove hidden formatting characters from address line 1');
  });

  it('places a hub 422 about the whole resident on the person step, in words', async () => {
    const el = await mount(run);
    await answerAll(el);
    const realFetch = globalThis.fetch;
    // The hub's own answer, as the schema words it for a referral with no resident.
    const { validate, ReferralCreate } = await import('@hubkit/schema');
    const refused = validate(ReferralCreate, { referrer: { type: 'self' } });
    const problem = {
      type: 'https://hub.example.org/problems/validation_failed',
      title: 'Check the data',
      status: 422,
      code: 'validation_failed',
      errors: (refused.errors ?? []).filter((e) => e.path === '/resident'),
    };
    expect(problem.errors).to.have.length(1);
    globalThis.fetch = () =>
      Promise.resolve(
        new Response(JSON.stringify(problem), {
          status: 422,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
      );
    try {
      sendButton(el).click();
      await until(() => el.shadowRoot?.querySelector('.error-summary, .notice') !== null, 8000);
    } finally {
      globalThis.fetch = realFetch;
    }
    await el.updateComplete;
    expect(heading(el)).to.equal('About the person');
    expect(summary(el)).to.deep.equal(['Enter the person’s details']);
    expect(el.shadowRoot?.textContent).to.not.match(POINTER);
  });
});

describe('Welsh dates without Welsh date data in the browser', () => {
  it('uses the browser’s Welsh when it has it, and the catalogue’s month names when it does not', () => {
    expect(longDate('1961-03-14', 'cy', () => false)).to.equal('14 Mawrth 1961');
    expect(longDate('1961-12-01', 'cy', () => false)).to.equal('1 Rhagfyr 1961');
    expect(longDate('1961-03-14', 'en', () => false)).to.equal('14 March 1961');
    expect(longDate('1961-03-14', 'cy', () => true)).to.equal(
      new Intl.DateTimeFormat('cy-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date('1961-03-14T12:00:00Z'),
      ),
    );
    expect(longDate('1961-03-14', 'en', () => true)).to.equal('14 March 1961');
  });

  it('shows "14 Mawrth 1961" on check answers in a browser whose Intl lacks Welsh', async () => {
    // A browser without Welsh date data: Intl resolves cy to its default, American English.
    const Real = Intl.DateTimeFormat;
    const withoutWelsh = (locales?: string | readonly string[]) =>
      [locales ?? []].flat().some((l) => l.toLowerCase().startsWith('cy')) ? 'en-US' : locales;
    const Fake = function (locales?: string | string[], options?: Intl.DateTimeFormatOptions) {
      return new Real(withoutWelsh(locales) as string, options);
    } as unknown as typeof Intl.DateTimeFormat;
    Object.assign(Fake, {
      supportedLocalesOf: (locales: string | string[]) =>
        Real.supportedLocalesOf([locales].flat().filter((l) => !l.toLowerCase().startsWith('cy'))),
    });
    const el = await mount(run, 'cy');
    Intl.DateTimeFormat = Fake;
    try {
      expect(
        new Intl.DateTimeFormat('cy-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
          new Date('1961-03-14T12:00:00Z'),
        ),
      ).to.equal('March 14, 1961');
      await answerReferrer(el);
      await type(el, 'given-name', 'Marcus');
      await type(el, 'family-name', 'Bell');
      await type(el, 'dob-day', '14');
      await type(el, 'dob-month', '3');
      await type(el, 'dob-year', '1961');
      await next(el);
      await answerNeeds(el);
      await answerDetailsCy(el);
      const text = el.shadowRoot?.textContent ?? '';
      expect(text).to.contain('14 Mawrth 1961');
      expect(text).to.not.contain('March 14, 1961');
    } finally {
      Intl.DateTimeFormat = Real;
    }
  });
});

/** The rest of the journey to check answers (the Welsh form has the same fields). */
async function answerDetailsCy(el: HubReferralForm): Promise<void> {
  const { answerDetails, answerSafeguarding, answerContact } = await import('../testing/referral-form.ts');
  // answerDetails checks nothing in English; the contact step is answered by value.
  await answerDetails(el);
  await answerSafeguarding(el);
  await answerContact(el);
}
