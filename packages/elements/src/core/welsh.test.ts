// Welsh is fetched only where an element speaks it, and an element in Welsh never shows English
// first: it renders nothing until its Welsh has arrived, and `updateComplete` waits for it.
import { expect, fixture, html } from '@open-wc/testing';
import '../define/service-finder.ts';
import '../define/consent-capture.ts';
import type { HubServiceFinder } from '../service-finder/service-finder.ts';

/** Every text a shadow root is ever in: a MutationObserver sees each render before any paint. */
const seen: string[] = [];
// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with its element as `this`
const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
  const root = attachShadow.call(this, init);
  new MutationObserver(() => {
    const text = root.textContent.replace(/\s+/gu, ' ').trim();
    if (text) seen.push(text);
  }).observe(root, { childList: true, subtree: true, characterData: true });
  return root;
};

// The page has loaded hundreds of source modules: room for every fetch from here on (the Welsh
// modules are only ever fetched later, with a dynamic import).
performance.setResourceTimingBufferSize(100_000);

/** Every Welsh module fetched so far (`*.cy.ts`, and the schema's `cy.ts`). */
const welshFetched = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => /(^|[/.])cy\.ts$/u.test(path));

const text = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/gu, ' ');

describe('Welsh, loaded late', () => {
  const before = document.documentElement.lang;
  afterEach(() => {
    document.documentElement.lang = before;
    seen.length = 0;
  });

  // First: before any Welsh has been fetched on this page.
  it('an English element fetches no Welsh', async () => {
    document.documentElement.lang = 'en';
    const finder = await fixture<HubServiceFinder>(
      html`<hub-service-finder
        publishable-key="pk_test_welsh"
        api-base="https://hub.example.org"
      ></hub-service-finder>`,
    );
    await fixture(html`<hub-consent-capture lang="en-GB"></hub-consent-capture>`);
    expect(text(finder)).to.include('What are you looking for?');
    expect(welshFetched()).to.deep.equal([]);
  });

  it('a Welsh element waits for its Welsh: nothing shown before, Welsh once updateComplete settles', async () => {
    expect(welshFetched(), 'no Welsh fetched yet').to.deep.equal([]);
    const finder = document.createElement('hub-service-finder');
    finder.lang = 'cy';
    finder.setAttribute('publishable-key', 'pk_test_welsh');
    finder.setAttribute('api-base', 'https://hub.example.org');
    document.body.append(finder);
    await finder.updateComplete;
    expect(text(finder)).to.include('Am beth ydych chi’n chwilio?');
    expect(text(finder), 'Welsh codelist labels').to.include('Arian a dyled');
    expect(seen.length, 'its renders were recorded').to.be.greaterThan(0);
    expect(
      seen.filter((state) => state.includes('What are you looking for?') || state.includes('Money and debt')),
      'never English',
    ).to.deep.equal([]);
    expect(welshFetched().some((path) => path.endsWith('core/welsh.cy.ts'))).to.equal(true);
    finder.remove();
  });

  it('a switch to Welsh keeps the English until the Welsh is in place, then shows only Welsh', async () => {
    document.documentElement.lang = 'en';
    const capture = await fixture<HTMLElement & { updateComplete: Promise<boolean> }>(
      html`<hub-consent-capture></hub-consent-capture>`, // not set up: it shows the shared strings
    );
    expect(text(capture)).to.include('This form is not set up');
    seen.length = 0;
    document.documentElement.lang = 'cy';
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await capture.updateComplete;
    expect(text(capture)).to.include('Nid yw’r ffurflen hon wedi’i gosod');
    expect(text(capture)).not.to.include('This form is not set up');
    for (const state of seen)
      expect(
        state.includes('This form is not set up') && state.includes('Nid yw’r ffurflen hon wedi’i gosod'),
        'never half English, half Welsh',
      ).to.equal(false);
  });
});
