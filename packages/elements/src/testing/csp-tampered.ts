// The page loads the CDN loader from /cdn-tampered/<kind>/, where one chunk's bytes differ from
// the build's (web-test-runner.config.mjs): for `static`, a chunk the finder imports statically;
// for `dynamic`, the Open Referral UK reader the finder imports when it reads a feed. The changed
// bytes would count themselves in globalThis.__hubkitTampered if they ever ran.
import { report } from './csp-listen.ts';

const kind = location.pathname.includes('tampered-static') ? 'static' : 'dynamic';
const ran = () => (globalThis as { __hubkitTampered?: number }).__hubkitTampered ?? 0;

// Every modulepreload the loader inserts, and whether it loaded or failed.
const preloads: { href: string; outcome: Promise<'load' | 'error'> }[] = [];
new MutationObserver((records) => {
  for (const record of records)
    for (const node of record.addedNodes)
      if (node instanceof HTMLLinkElement && node.rel === 'modulepreload')
        preloads.push({
          href: node.href,
          outcome: new Promise((resolve) => {
            node.addEventListener('load', () => {
              resolve('load');
            });
            node.addEventListener('error', () => {
              resolve('error');
            });
          }),
        });
}).observe(document.head, { childList: true });

const errors: string[] = [];
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  errors.push(args.map(String).join(' '));
  consoleError(...args);
};

const finder = document.createElement('hub-service-finder');
if (kind === 'dynamic') finder.setAttribute('directory-url', `${location.origin}/oruk-feed`);
document.body.append(finder);
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const defined = await Promise.race([
  customElements.whenDefined('hub-service-finder').then(() => true),
  settle(3000),
]);

let shown = '';
if (defined && kind === 'dynamic') {
  await finder.updateComplete;
  const words = finder.shadowRoot?.querySelector<HTMLInputElement>('#q');
  if (words) {
    words.value = 'debt';
    words.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }
  finder.shadowRoot?.querySelector('form')?.requestSubmit();
  await settle(1500);
  await finder.updateComplete;
  shown = (finder.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
}

const outcomes = await Promise.all(preloads.map(async (p) => ({ href: p.href, outcome: await p.outcome })));
const failed = outcomes.filter((o) => o.outcome === 'error').map((o) => o.href);
const ranBefore = ran();

// Control: the same changed bytes imported without the loader's check do run, so the check,
// not the server, is what kept them out.
let ranUnchecked = 0;
if (failed[0]) {
  try {
    await import(/* @vite-ignore */ `${failed[0]}?unchecked`);
  } catch {
    // A chunk that throws on its own still counted itself first.
  }
  ranUnchecked = ran() - ranBefore;
}

report({
  kind,
  defined: customElements.get('hub-service-finder') !== undefined,
  failed: failed.map((href) => new URL(href).pathname),
  loaded: outcomes.filter((o) => o.outcome === 'load').length,
  ranTampered: ranBefore,
  ranUnchecked,
  shown,
  errors,
});
