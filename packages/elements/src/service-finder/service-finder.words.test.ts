/**
 * The finder reads words as people type them (the hub's rule, in @hubkit/schema, which the mock
 * hub uses too), and asks for a real postcode when one in the right shape is not real.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { demoDirectory } from '@hubkit/schema/fixtures';
import { startMockHub, type MockHubRun } from '../testing/mock-hub.ts';
import '../define/service-finder.ts';
import type { HubServiceFinder } from './service-finder.ts';

let run: MockHubRun;
beforeEach(async () => {
  run = await startMockHub();
});
afterEach(async () => {
  await run.stop();
});

const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function search(el: HubServiceFinder, q: string, postcode = ''): Promise<void> {
  const root = el.shadowRoot;
  if (!root) throw new Error('no shadow root');
  const fields: [string, string][] = [
    ['q', q],
    ['postcode', postcode],
  ];
  for (const [id, value] of fields) {
    const input = root.querySelector<HTMLInputElement>(`#${id}`);
    if (!input) throw new Error(`no #${id}`);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
  await el.updateComplete;
  root.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
  await el.updateComplete;
  await waitUntil(
    () =>
      !root.querySelector('[aria-busy="true"]') &&
      Boolean(root.querySelector('.results, .error-summary, #results-title, #failure-title')),
    'the search did not finish',
    { timeout: 8000 },
  );
}

const titles = (el: HubServiceFinder) =>
  [...(el.shadowRoot?.querySelectorAll('.result__title') ?? [])].map((t) => text(t));

describe('<hub-service-finder>: words as people type them', () => {
  const foodBanks = demoDirectory
    .filter((s) => s.status !== 'defunct' && /food ?bank/iu.test(s.description))
    .map((s) => s.name)
    .sort();

  for (const q of ['food bank', 'foodbank', 'food banks']) {
    it(`finds the food banks for "${q}"`, async () => {
      expect(foodBanks).to.have.length(2);
      const el = await fixture<HubServiceFinder>(
        html`<hub-service-finder publishable-key=${run.key} api-base=${run.apiBase}></hub-service-finder>`,
      );
      await search(el, q);
      expect(titles(el).sort()).to.deep.equal(foodBanks);
    });
  }

  it('asks for a real postcode for ZZ99 9ZZ, in English and Welsh', async () => {
    for (const [lang, message] of [
      ['en', 'Enter a real postcode'],
      ['cy', 'Rhowch god post go iawn'],
    ]) {
      const el = await fixture<HubServiceFinder>(
        html`<hub-service-finder
          publishable-key=${run.key}
          api-base=${run.apiBase}
          lang=${lang ?? ''}
        ></hub-service-finder>`,
      );
      await search(el, '', 'ZZ99 9ZZ');
      expect(text(el.shadowRoot?.querySelector('.error-summary'))).to.contain(message);
      expect(text(el.shadowRoot?.querySelector('#postcode-error'))).to.contain(message);
    }
  });
});
