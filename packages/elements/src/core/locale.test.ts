// Elements follow the page's language when it changes at run time (a site's language switch that
// does not reload), through one observer of <html lang> shared by every element on the page.
import { expect, fixture, html } from '@open-wc/testing';
import '../define/provider.ts';
import '../define/referral-form.ts';
import type { HubReferralForm } from '../referral-form/referral-form.ts';
import { heading, until } from '../testing/referral-form.ts';
import { pageLangFollowers } from './locale.ts';

const EN = 'Who is making this referral?';
const CY = 'Pwy sy’n gwneud yr atgyfeiriad hwn?';

describe('elements follow <html lang>', () => {
  const before = document.documentElement.lang;
  afterEach(() => {
    document.documentElement.lang = before;
  });

  it('switch language when the page does, text and validity alike, and an own lang attribute wins', async () => {
    document.documentElement.lang = 'en-GB';
    const box = await fixture<HTMLElement>(
      html`<div>
        <hub-referral-form class="page"></hub-referral-form>
        <hub-provider><hub-referral-form class="provided"></hub-referral-form></hub-provider>
        <hub-referral-form class="own" lang="en"></hub-referral-form>
      </div>`,
    );
    const [page, provided, own] = ['.page', '.provided', '.own'].map((s) => {
      const el = box.querySelector<HubReferralForm>(s);
      if (!el) throw new Error(`No ${s}`);
      return el;
    }) as [HubReferralForm, HubReferralForm, HubReferralForm];
    // Each element's first render runs in a task of its own: the fixture waits for the box only.
    await Promise.all([page, provided, own].map((el) => el.updateComplete));
    expect(heading(page)).to.equal(EN);
    expect(heading(provided)).to.equal(EN);
    expect(page.validationMessage).to.equal('Send the referral first');

    document.documentElement.lang = 'cy';
    await until(() => heading(page) === CY && heading(provided) === CY);
    expect(page.validationMessage).to.equal('Anfonwch yr atgyfeiriad yn gyntaf');
    expect(heading(own), 'its own lang attribute wins').to.equal(EN);

    document.documentElement.lang = 'en';
    await until(() => heading(page) === EN && heading(provided) === EN);
    expect(page.validationMessage).to.equal('Send the referral first');
  });

  it('share one observer, held while any element is on the page and let go with the last', async () => {
    const box = await fixture<HTMLElement>(
      html`<div><hub-referral-form></hub-referral-form><hub-referral-form></hub-referral-form></div>`,
    );
    const base = pageLangFollowers();
    expect(base).to.be.at.least(2);
    const [one, two] = box.querySelectorAll('hub-referral-form');
    one?.remove();
    expect(pageLangFollowers()).to.equal(base - 1);
    two?.remove();
    expect(pageLangFollowers()).to.equal(base - 2);
    // Back on the page, it follows again.
    if (two) box.append(two);
    expect(pageLangFollowers()).to.equal(base - 1);
  });
});
