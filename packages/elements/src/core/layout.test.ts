/**
 * The elements sit in a partner's page like its own content: the page's font, headings no
 * bigger than the page's section headings and at the level the partner sets, check-answers rows
 * in line, and a privacy notice written in HTML flowing as HTML.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { privacyNotice, privacyNoticeText } from '@hubkit/schema/fixtures';
import { startMockHub, type MockHubRun } from '../testing/mock-hub.ts';
import { $, answerAll, pick } from '../testing/referral-form.ts';
import '../define/referral-form.ts';
import '../define/consent-capture.ts';
import type { HubReferralForm } from '../referral-form/referral-form.ts';
import type { HubConsentCapture } from '../consent-capture/consent-capture.ts';

function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`No ${what}`);
  return value;
}

let run: MockHubRun;
beforeEach(async () => {
  run = await startMockHub();
});
afterEach(async () => {
  await run.stop();
});

/** A partner's page section: Noto Sans, its own h2, the form inside. */
async function inPage(attributes = '', style = ''): Promise<{ page: HTMLElement; el: HubReferralForm }> {
  const page = await fixture<HTMLElement>(
    html`<section style=${`font-family: 'Noto Sans', 'DejaVu Sans', sans-serif; font-size: 18px; ${style}`}>
      <h2>2. Ask for a referral</h2>
    </section>`,
  );
  // Attributes given as markup, the way a partner writes them.
  page.insertAdjacentHTML(
    'beforeend',
    `<hub-referral-form publishable-key="${run.key}" api-base="${run.apiBase}" ${attributes}></hub-referral-form>`,
  );
  const el = page.querySelector<HubReferralForm>('hub-referral-form');
  if (!el) throw new Error('no form');
  await el.updateComplete;
  return { page, el };
}

describe('in a partner’s page', () => {
  it('uses the page’s font, in text, buttons and inputs', async () => {
    const { page, el } = await inPage();
    const family = getComputedStyle(page).fontFamily;
    expect(family).to.contain('Noto Sans');
    await pick(el, 'referrer-type', 'gp_practice');
    for (const selector of ['.step-heading', 'button[type="submit"]', '.choice__label', '#referrer-name']) {
      expect(getComputedStyle($(el, selector)).fontFamily, selector).to.equal(family);
    }
  });

  it('a partner can still name a font', async () => {
    const { el } = await inPage('', '--hub-font-family: monospace');
    expect(getComputedStyle($(el, '.step-heading')).fontFamily).to.equal('monospace');
  });

  it('draws a step heading no bigger than the page’s own section heading', async () => {
    const { page, el } = await inPage();
    const pageHeading = parseFloat(getComputedStyle(page.querySelector('h2') as Element).fontSize);
    const stepHeading = parseFloat(getComputedStyle($(el, '.step-heading')).fontSize);
    expect(stepHeading).to.be.at.most(pageHeading);
    // And bigger than the text, so it still reads as a heading.
    expect(stepHeading).to.be.above(parseFloat(getComputedStyle($(el, '.choice__label')).fontSize));
  });

  it('takes the heading size the partner sets', async () => {
    const { el } = await inPage('', '--hub-heading-size: 2rem');
    expect(getComputedStyle($(el, '.step-heading')).fontSize).to.equal('32px');
  });

  it('puts its headings at level 2 by default, or the level the partner sets, sub-headings below', async () => {
    const { el } = await inPage();
    expect($(el, '.step-heading').localName).to.equal('h2');
    const nested = await inPage('heading-level="3"');
    expect($(nested.el, '.step-heading').localName).to.equal('h3');
    await answerAll(nested.el);
    expect($(nested.el, '.step-heading').localName).to.equal('h3');
    const sections = [...(nested.el.shadowRoot?.querySelectorAll('.section-heading') ?? [])];
    expect(sections.length).to.be.greaterThan(0);
    for (const section of sections) expect(section.localName).to.equal('h4');
    await expect(nested.el).to.be.accessible();
  });
});

describe('check your answers', () => {
  it('lines up every row, with or without a Change link', async () => {
    const { el } = await inPage();
    // A service chosen in the finder: its row has no Change link.
    const service = run.hub.state.services()[0];
    if (!service) throw new Error('no service in the fixtures');
    el.service = { id: service.id, name: service.name };
    await answerAll(el);
    const rows = [...(el.shadowRoot?.querySelectorAll<HTMLElement>('.summary-list__row') ?? [])];
    const without = rows.filter((row) => !row.querySelector('.summary-list__actions a'));
    expect(without.length, 'rows without a Change link').to.be.greaterThan(0);
    expect(rows.length - without.length, 'rows with one').to.be.greaterThan(0);
    const lefts = (selector: string) =>
      rows.map((row) => Math.round(must(row.querySelector(selector), selector).getBoundingClientRect().left));
    for (const selector of ['.summary-list__key', '.summary-list__value', '.summary-list__actions']) {
      const found = lefts(selector);
      expect(new Set(found).size, `${selector} lefts: ${found.join(', ')}`).to.equal(1);
    }
  });
});

describe('the privacy notice', () => {
  it('flows the page’s HTML as HTML: its source’s line breaks are not kept', async () => {
    const el = await fixture<HubConsentCapture>(
      html`<hub-consent-capture publishable-key=${run.key} api-base=${run.apiBase}>
        <p id="source">We use your details to arrange help from local services.</p>
      </hub-consent-capture>`,
    );
    const paragraph = must(el.querySelector<HTMLElement>('#source'), '#source');
    const lineHeight = parseFloat(getComputedStyle(paragraph).lineHeight);
    // One line of text (the box is wide enough), not three.
    expect(paragraph.getBoundingClientRect().height).to.be.below(lineHeight * 1.5);
    expect(getComputedStyle(paragraph).whiteSpaceCollapse).to.equal('collapse');
  });

  it('keeps the paragraphs of a notice given as plain text', async () => {
    const el = await fixture<HubConsentCapture>(
      html`<hub-consent-capture
        publishable-key=${run.key}
        api-base=${run.apiBase}
        .notice=${{ version: privacyNotice.version, text: privacyNoticeText, url: privacyNotice.url }}
      ></hub-consent-capture>`,
    );
    const plain = must(el.shadowRoot?.querySelector('.notice-text--plain'), 'plain notice');
    expect(plain.textContent).to.equal(privacyNoticeText);
    expect(getComputedStyle(plain).whiteSpaceCollapse).to.equal('preserve-breaks');
  });
});
