/**
 * The dashboard printed and in forced colours, really emulated (Chromium, through the DevTools
 * Protocol): on paper the controls go and every table shows; in Windows High Contrast the bars,
 * patterns and text take the system's colours and the timeliness segments stay told apart.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia as emulateMediaType, sendKeys } from '@web/test-runner-commands';
import { make } from '@hubkit/mocks';
import { emulateMedia, rgba, textContrast } from '../testing/contrast.ts';
import { startMockHub, type MockHubRun } from '../testing/mock-hub.ts';
import { provide, staffConfig } from '../testing/tracker.ts';
import '../define/report.ts';
import type { HubReport } from './report.ts';

let run: MockHubRun;

beforeEach(async () => {
  run = await startMockHub();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  for (const r of make.reportReferrals({ until: today, perMonth: 3 })) run.hub.seed.referral(r);
});
afterEach(async () => {
  await emulateMediaType({ media: 'screen' });
  await emulateMedia([{ name: 'forced-colors', value: 'none' }]);
  await run.stop();
});

async function dashboard(): Promise<HubReport> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  provide(host, staffConfig(run.hub));
  const el = document.createElement('hub-report');
  host.append(el);
  await el.updateComplete;
  await waitUntil(() => el.shadowRoot?.querySelector('section.chart'), 'no charts', { timeout: 8000 });
  return el;
}

const all = (el: HubReport, selector: string) => [...(el.shadowRoot?.querySelectorAll(selector) ?? [])];
const style = (el: Element) => getComputedStyle(el);

describe('<hub-report> printed and in forced colours', () => {
  it('prints without its controls and buttons, with every table, and keeps each chart whole', async () => {
    const el = await dashboard();
    expect(all(el, '.data').every((d) => style(d).display === 'none')).to.equal(true);
    await emulateMediaType({ media: 'print' });
    expect(matchMedia('print').matches).to.equal(true);
    for (const selector of ['.controls', '.actions']) {
      const found = all(el, selector);
      expect(found.length, selector).to.be.greaterThan(0);
      for (const node of found) expect(style(node).display, selector).to.equal('none');
    }
    const tables = all(el, '.data');
    expect(tables.length).to.equal(all(el, 'section.chart').length);
    for (const data of tables) expect(style(data).display).to.equal('block');
    for (const figure of all(el, '.figure')) expect(style(figure).breakInside).to.equal('avoid');
  });

  it('draws in system colours under forced colours, the segments still told apart by pattern', async () => {
    const el = await dashboard();
    await emulateMedia([{ name: 'forced-colors', value: 'active' }]);
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    const probe = document.createElement('span');
    probe.style.color = 'CanvasText';
    document.body.append(probe);
    const canvasText = rgba(style(probe).color);
    probe.remove();
    const bars = all(el, '#chart-needs .bar');
    expect(bars.length).to.be.greaterThan(0);
    for (const bar of bars) expect(rgba(style(bar).fill)).to.deep.equal(canvasText);
    for (const mark of all(el, '.hidden-mark')) expect(rgba(style(mark).stroke)).to.deep.equal(canvasText);
    for (const ink of all(el, '.pattern-ink')) expect(rgba(style(ink).fill)).to.deep.equal(canvasText);
    // Within and outside the target: solid and striped, whatever the colours.
    const fills = all(el, '#chart-timeliness .svg rect.bar, #chart-timeliness .svg rect.seg').map(
      (r) => r.getAttribute('fill') ?? 'solid',
    );
    expect([...new Set(fills)]).to.include.members(['solid', 'url(#timeliness-hatch)']);
    // A table opened from the keyboard: its button keeps a visible focus, still readable.
    const toggle = el.shadowRoot?.querySelector<HTMLButtonElement>('#chart-timeliness .toggle');
    toggle?.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => toggle?.getAttribute('aria-expanded') === 'true', 'not opened', { timeout: 2000 });
    expect(toggle?.matches(':focus-visible')).to.equal(true);
    await expect(el).to.be.accessible();
    for (const node of all(el, '.summary, .section__title, .toggle, .download, th')) {
      expect(textContrast(node), node.textContent).to.be.at.least(4.5);
    }
  });
});
