/**
 * Dark mode and partners' colours: the elements follow the system's colour scheme unless a
 * theme is pinned, and text on whatever brand colour a partner sets keeps 4.5:1, computed from
 * the browser's own styles.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { startMockHub, type MockHubRun } from '../testing/mock-hub.ts';
import { $, answerAll, heading, sendButton } from '../testing/referral-form.ts';
import { backgroundBehind, contrast, emulateMedia, luminanceOf, textContrast } from '../testing/contrast.ts';
import '../define/referral-form.ts';
import type { HubReferralForm } from '../referral-form/referral-form.ts';

/** The example site's brand (2.37:1 under its dark buttons before), and colours of every lightness. */
const BRANDS = [
  '#00594f',
  '#003b34',
  '#ffdd00',
  '#d4351c',
  '#1d70b8',
  '#f47738',
  '#7fb3d5',
  '#ffffff',
  '#000000',
  '#777777',
  '#8a8a8a',
];

async function form(run: MockHubRun, theme?: string, style = ''): Promise<HubReferralForm> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style=${style}>
      <hub-referral-form
        publishable-key=${run.key}
        api-base=${run.apiBase}
        theme=${theme ?? ''}
      ></hub-referral-form>
    </div>`,
  );
  const el = wrapper.querySelector('hub-referral-form');
  if (!el) throw new Error('no form');
  if (!theme) el.removeAttribute('theme');
  await el.updateComplete;
  return el;
}

const rootBackground = (el: HubReferralForm) => luminanceOf(backgroundBehind($(el, '.root')));

describe('colour scheme and partners’ colours', () => {
  let run: MockHubRun;
  beforeEach(async () => {
    run = await startMockHub();
  });
  afterEach(async () => {
    await emulateMedia([{ name: 'prefers-color-scheme', value: 'light' }]);
    await run.stop();
  });

  it('follows prefers-color-scheme: dark by default', async () => {
    await emulateMedia([{ name: 'prefers-color-scheme', value: 'dark' }]);
    const el = await form(run);
    expect(rootBackground(el)).to.be.below(0.05);
    expect(luminanceOf(getComputedStyle($(el, '.root')).color)).to.be.above(0.5);
  });

  it('follows prefers-color-scheme: light by default', async () => {
    await emulateMedia([{ name: 'prefers-color-scheme', value: 'light' }]);
    const el = await form(run);
    expect(rootBackground(el)).to.be.above(0.9);
  });

  it('keeps a pinned theme whatever the system says', async () => {
    await emulateMedia([{ name: 'prefers-color-scheme', value: 'dark' }]);
    expect(rootBackground(await form(run, 'light'))).to.be.above(0.9);
    await emulateMedia([{ name: 'prefers-color-scheme', value: 'light' }]);
    expect(rootBackground(await form(run, 'dark'))).to.be.below(0.05);
  });

  for (const scheme of ['light', 'dark']) {
    for (const theme of [undefined, 'light', 'dark']) {
      it(`keeps button text ≥ 4.5:1 on every brand colour (system ${scheme}, theme ${theme ?? 'not set'})`, async () => {
        await emulateMedia([{ name: 'prefers-color-scheme', value: scheme }]);
        for (const brand of BRANDS) {
          const el = await form(run, theme, `--hub-color-button: ${brand}; --hub-color-success: ${brand}`);
          const button = $(el, 'button[type="submit"]');
          expect(contrast(getComputedStyle(button).backgroundColor, brand)).to.equal(
            1,
            'the button takes the brand',
          );
          const ratio = textContrast(button);
          expect(ratio, `button text on ${brand}: ${ratio.toFixed(2)}:1`).to.be.at.least(4.5);
        }
      });
    }
  }

  it('keeps links ≥ 4.5:1 with the example site’s dark brand link colour, in both themes', async () => {
    for (const theme of ['light', 'dark']) {
      for (const link of ['#003b34', '#00594f', '#8fc3f5', '#ffdd00']) {
        const el = await form(run, theme, `--hub-color-link: ${link}`);
        const back = $(el, '.root');
        const anchor = document.createElement('a');
        anchor.href = '#x';
        anchor.textContent = 'link';
        back.append(anchor);
        const ratio = textContrast(anchor);
        expect(ratio, `${theme} link ${link}: ${ratio.toFixed(2)}:1`).to.be.at.least(4.5);
      }
    }
  });

  it('keeps the "Referral sent" panel ≥ 4.5:1 in the dark theme with the example’s brand colour', async () => {
    await emulateMedia([{ name: 'prefers-color-scheme', value: 'dark' }]);
    const el = await form(run, 'dark', '--hub-color-button: #00594f; --hub-color-success: #00594f');
    await answerAll(el);
    sendButton(el).click();
    await waitUntil(() => heading(el) === 'Referral sent', 'not sent', { timeout: 8000 });
    for (const part of ['.panel__title', '.panel__reference']) {
      const ratio = textContrast($(el, part));
      expect(ratio, `${part}: ${ratio.toFixed(2)}:1`).to.be.at.least(4.5);
    }
  });
});
