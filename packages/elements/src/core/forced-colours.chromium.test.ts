/**
 * Forced colours (Windows High Contrast) really emulated: Chromium repaints the page with the
 * system palette, as Windows does. Every button's label, the "Referral sent" panel and the
 * tracker's table must stay readable, which the contrast of their computed colours shows.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { startMockHub, type MockHubRun } from '../testing/mock-hub.ts';
import { $, answerAll, heading, mount, sendButton } from '../testing/referral-form.ts';
import { emulateMedia, textContrast } from '../testing/contrast.ts';
import { provide, seedReferrals, staffConfig } from '../testing/tracker.ts';
import '../define/service-finder.ts';
import '../define/referral-tracker.ts';
import type { HubServiceFinder } from '../service-finder/service-finder.ts';

/** Every visible button in `root`, with the contrast of its label against its own background. */
function buttons(root: ShadowRoot): { label: string; contrast: number }[] {
  return [...root.querySelectorAll<HTMLElement>('button, .button')]
    .filter((b) => b.getClientRects().length > 0)
    .map((b) => ({ label: b.textContent.replace(/\s+/g, ' ').trim(), contrast: textContrast(b) }));
}

function expectReadable(found: { label: string; contrast: number }[]): void {
  expect(found.length).to.be.greaterThan(0);
  for (const { label, contrast } of found) {
    expect(contrast, `"${label}" contrast ${contrast.toFixed(2)}:1`).to.be.at.least(4.5);
  }
}

describe('forced colours (Windows High Contrast), emulated', () => {
  let run: MockHubRun;
  beforeEach(async () => {
    run = await startMockHub();
    await emulateMedia([{ name: 'forced-colors', value: 'active' }]);
  });
  afterEach(async () => {
    await emulateMedia([{ name: 'forced-colors', value: 'none' }]);
    await run.stop();
  });

  it('is really on', () => {
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
  });

  it('keeps the referral form’s Continue and Send labels and the "Referral sent" panel readable', async () => {
    const el = await mount(run);
    const root = el.shadowRoot;
    if (!root) throw new Error('no shadow root');
    expectReadable(buttons(root));
    await answerAll(el);
    expect(buttons(root).map((b) => b.label)).to.include('Send referral');
    expectReadable(buttons(root));
    sendButton(el).click();
    await waitUntil(() => heading(el) === 'Referral sent', 'not sent', { timeout: 8000 });
    for (const part of ['.panel__title', '.panel__body', '.panel__reference']) {
      const node = $(el, part);
      expect(node.textContent.trim()).to.not.equal('');
      expect(textContrast(node), `${part} contrast`).to.be.at.least(4.5);
    }
    expectReadable(buttons(root));
  });

  it('keeps the finder’s Search and "Choose this service" labels readable', async () => {
    const el = await fixture<HubServiceFinder>(
      html`<hub-service-finder
        publishable-key=${run.key}
        api-base=${run.apiBase}
        selectable
      ></hub-service-finder>`,
    );
    const root = el.shadowRoot;
    if (!root) throw new Error('no shadow root');
    expectReadable(buttons(root));
    root.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await waitUntil(() => root.querySelectorAll('.result__choose').length > 0, 'no results', {
      timeout: 8000,
    });
    expect(buttons(root).map((b) => b.label)).to.include.members(['Search']);
    expect(buttons(root).some((b) => b.label.startsWith('Choose this service'))).to.equal(true);
    expectReadable(buttons(root));
  });

  it('keeps the tracker’s sort buttons, references and an open referral readable', async () => {
    seedReferrals(run.hub);
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    provide(host, staffConfig(run.hub));
    const el = document.createElement('hub-referral-tracker');
    el.setAttribute('refresh-interval', '0');
    host.append(el);
    await el.updateComplete;
    const root = el.shadowRoot;
    if (!root) throw new Error('no shadow root');
    await waitUntil(() => root.querySelectorAll('tbody .open').length === 3, 'no referrals', {
      timeout: 8000,
    });
    root.querySelector<HTMLButtonElement>('tbody .open')?.click();
    await waitUntil(() => root.querySelector('.timeline'), 'not opened', { timeout: 8000 });
    expect(buttons(root).map((b) => b.label)).to.include.members(['Reference↕', 'Submitted▼']);
    expectReadable(buttons(root));
    for (const part of ['caption', '.status', '.detail__title', '.timeline__what', '.outcomes dd']) {
      const node = root.querySelector<HTMLElement>(part);
      if (!node) throw new Error(`no ${part}`);
      expect(textContrast(node), `${part} contrast`).to.be.at.least(4.5);
    }
  });
});
