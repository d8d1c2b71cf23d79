// What the CDN loader fetches and defines, step by step (cdn-loader.html loads it as a partner does).
import { report } from './csp-listen.ts';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fetched = () =>
  [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map(
    (link) => new URL(link.href).pathname.split('/').pop()?.split('.')[0] ?? '',
  );
const defined = (tag: string) => customElements.get(tag) !== undefined;
const within = (tag: string, ms: number) =>
  Promise.race([customElements.whenDefined(tag).then(() => true), settle(ms).then(() => false)]);

// Which task code runs in: a number that moves on once the running task's microtasks have run.
// Two pieces of code that see the same number ran in one task (nothing between them let the
// event loop turn); each chunk the loader runs in a task of its own sees a number of its own.
let turn = 0;
let turning = false;
const currentTurn = () => {
  if (!turning) {
    turning = true;
    turn += 1;
    queueMicrotask(() => {
      turning = false;
    });
  }
  return turn;
};
// When lit's code runs (lit-html records its version on globalThis as its module is evaluated),
// and when each element is defined (at the end of its own chunk's evaluation).
const turns: Record<string, number | undefined> = {};
let litVersions: unknown;
Object.defineProperty(globalThis, 'litHtmlVersions', {
  configurable: true,
  get() {
    turns.lit ??= currentTurn();
    return litVersions;
  },
  set(value: unknown) {
    litVersions = value;
  },
});
const define = customElements.define.bind(customElements);
customElements.define = (name, constructor, options) => {
  turns[name] ??= currentTurn();
  define(name, constructor, options);
};

// 1. No hub-* element on the page: nothing fetched.
await settle(300);
const idle = fetched();

// 2. A finder inside an open shadow root that is already on the page when it is added.
class PartnerCard extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }
}
customElements.define('partner-card', PartnerCard);
const card = new PartnerCard();
document.body.append(card);
await settle(50);
card.shadowRoot?.append(document.createElement('hub-service-finder'));
const finderInShadow = await within('hub-service-finder', 8000);
const afterFinder = fetched();

// 3. A host whose shadow root already holds a consent capture when the host joins the page.
const other = new PartnerCard();
other.shadowRoot?.append(document.createElement('hub-consent-capture'));
document.body.append(other);
const consentInShadow = await within('hub-consent-capture', 8000);
await settle(200);

report({
  idle,
  finderInShadow,
  afterFinder,
  consentInShadow,
  formDefined: defined('hub-referral-form'),
  all: fetched(),
  turns,
});
