// The elements come from the CDN loader the page loads (strict-csp.html), not from here.
import { report } from './csp-listen.ts';
import { startMockHub } from './mock-hub.ts';

const run = await startMockHub();
const provider = document.createElement('hub-provider');
provider.setAttribute('publishable-key', run.key);
provider.setAttribute('api-base', run.apiBase);
provider.setAttribute('lang', 'cy');
const finder = document.createElement('hub-service-finder');
const form = document.createElement('hub-referral-form');
const consent = document.createElement('hub-consent-capture');
consent.setAttribute('slot', 'consent');
consent.setAttribute('notice-version', '2026-04');
consent.append('Hysbysiad preifatrwydd.');
form.append(consent);
provider.append(finder, form);
document.body.append(provider);
const tags = ['hub-provider', 'hub-service-finder', 'hub-referral-form', 'hub-consent-capture'];
await Promise.all(tags.map((tag) => customElements.whenDefined(tag)));
await Promise.all([finder.updateComplete, form.updateComplete, consent.updateComplete]);

// Search, so results (phone links, opening times, distances) render too.
const search = finder.shadowRoot?.querySelector<HTMLInputElement>('#postcode');
if (search) {
  search.value = 'N7 6QX';
  search.dispatchEvent(new Event('input'));
}
await finder.updateComplete;
finder.shadowRoot?.querySelector('form')?.requestSubmit();
// The search loads the SDK's chunks first (each checked, each run in a task of its own): wait for
// the results rather than a fixed time, up to a limit.
const listed = () => finder.shadowRoot?.querySelectorAll('li').length ?? 0;
for (let waited = 0; listed() === 0 && waited < 15_000; waited += 100)
  await new Promise((resolve) => setTimeout(resolve, 100));
await finder.updateComplete;
const results = listed();
const rendered = [finder, form, consent].map((el) => (el.shadowRoot?.textContent ?? '').trim().length > 0);
report({ rendered, results });
