// What the CDN build fetches and shows on a page in English or in Welsh (cdn-lang-en.html,
// cdn-lang-cy.html): the elements take the page's language. Every state a shadow root is ever in
// is recorded: a MutationObserver, attached as each shadow root is made, sees each render before
// the browser can paint it, so an English first render on a Welsh page would be caught.
import { report } from './csp-listen.ts';
import { startMockHub } from './mock-hub.ts';

// Every module of the mock hub is one resource in this dev build: the browser's default buffer
// (250 entries) can fill before the CDN's chunks load, and a chunk fetched would go unlisted.
performance.setResourceTimingBufferSize(10_000);

const seen: string[] = [];
// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with its element as `this`
const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
  const root = attachShadow.call(this, init);
  const tag = this.localName;
  new MutationObserver(() => {
    const text = root.textContent.replace(/\s+/gu, ' ').trim();
    if (text) seen.push(`${tag}: ${text}`);
  }).observe(root, { childList: true, subtree: true, characterData: true });
  return root;
};

// The page's script runs before the loader's, so the elements are on the page when it looks.
const run = await startMockHub();
const provider = document.createElement('hub-provider');
provider.setAttribute('publishable-key', run.key);
provider.setAttribute('api-base', run.apiBase);
const finder = document.createElement('hub-service-finder');
const form = document.createElement('hub-referral-form');
const consent = document.createElement('hub-consent-capture');
consent.setAttribute('slot', 'consent');
consent.setAttribute('notice-version', '2026-04');
consent.append('Privacy notice.');
form.append(consent);
provider.append(finder, form);
document.body.append(provider);
const elements = ['hub-service-finder', 'hub-referral-form', 'hub-consent-capture'];
await Promise.all(['hub-provider', ...elements].map((tag) => customElements.whenDefined(tag)));
await Promise.all([finder.updateComplete, form.updateComplete, consent.updateComplete]);
// Once `updateComplete` has settled the element shows its language. On a loaded machine the
// provider's client can reach an element after its first render (it shows meanwhile, in the
// page's language, that it is not set up): what each shows is read once each shows its first
// question, in either language (cdn-welsh.test.ts checks which), or after 10 s.
const textOf = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/gu, ' ');
const FIRST_QUESTIONS = [
  ['What are you looking for?', 'Am beth ydych chi’n chwilio?'],
  ['Who is making this referral?', 'Pwy sy’n gwneud yr atgyfeiriad hwn?'],
  ['What do you agree to?', 'Beth ydych chi’n cytuno iddo?'],
];
const setUp = () =>
  [finder, form, consent].every((el, i) => FIRST_QUESTIONS[i]?.some((text) => textOf(el).includes(text)));
for (let waited = 0; !setUp() && waited < 10_000; waited += 50) {
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const shown = [finder, form, consent].map(textOf);
await new Promise((resolve) => setTimeout(resolve, 300));

// Welsh chunks are the CDN build's Welsh modules: `locale.cy.…`, `messages.cy.…`, `cy.…` (the schema's).
const fetched = performance
  .getEntriesByType('resource')
  .map((entry) => new URL(entry.name).pathname)
  .filter((path) => path.startsWith('/cdn/'))
  .map((path) => path.slice('/cdn/'.length));
report({ fetched, seen, shown });
