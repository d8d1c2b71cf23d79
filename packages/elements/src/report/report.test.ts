import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { make } from '@hubkit/mocks';
import { retrieveReferralReport, type ReferralReport } from '@hubkit/sdk';
import type { Lang } from '@hubkit/schema';
import { startMockHub, type MockHubRun } from '../testing/mock-hub.ts';
import { provide, staffConfig } from '../testing/tracker.ts';
import '../define/report.ts';
import type { HubReport } from './report.ts';

let run: MockHubRun;

beforeEach(async () => {
  run = await startMockHub();
});
afterEach(async () => {
  await run.stop();
});

function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`No ${what}`);
  return value;
}
const root = (el: HubReport): ShadowRoot => must(el.shadowRoot, 'shadow root');
const $ = (el: HubReport, selector: string): HTMLElement =>
  must(root(el).querySelector<HTMLElement>(selector), selector);
const all = (el: HubReport, selector: string) => [...root(el).querySelectorAll<HTMLElement>(selector)];
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const active = (el: HubReport) => root(el).activeElement;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

/** A year of varied referrals on the mock hub, up to today. */
function seed(): void {
  for (const r of make.reportReferrals({ until: today, perMonth: 3 })) run.hub.seed.referral(r);
}

/** The rows of a chart's data table: the row header, then each cell's figure as the CSV holds it. */
function tableRows(el: HubReport, chart: string): string[][] {
  return all(el, `#chart-${chart} tbody tr`).map((tr) =>
    [...tr.children].map((cell) => (cell as HTMLElement).dataset.value ?? text(cell)),
  );
}
/** The same, as shown. */
function shownRows(el: HubReport, chart: string): string[][] {
  return all(el, `#chart-${chart} tbody tr`).map((tr) => [...tr.children].map((cell) => text(cell)));
}

interface Options {
  lang?: Lang;
  attributes?: Record<string, string>;
}

/** A dashboard inside a host that provides a client that may read reports, once it has settled. */
async function dashboard(o: Options = {}): Promise<HubReport> {
  const host = await fixture<HTMLDivElement>(html`<div><button id="before">Before</button></div>`);
  provide(host, staffConfig(run.hub, o.lang ?? 'en'));
  const el = document.createElement('hub-report');
  for (const [name, value] of Object.entries(o.attributes ?? {})) el.setAttribute(name, value);
  host.append(el);
  await settled(el);
  return el;
}

async function settled(el: HubReport): Promise<void> {
  await el.updateComplete;
  await waitUntil(
    () => el.shadowRoot && !el.shadowRoot.querySelector('[aria-busy="true"]'),
    'still loading',
    { timeout: 8000 },
  );
  await el.updateComplete;
}

/** The report as the hub answers the dashboard's default question (the last 12 months by month). */
async function expected(
  query: Partial<Parameters<typeof retrieveReferralReport>[1]> = {},
): Promise<ReferralReport> {
  const client = must(await staffConfig(run.hub).client(), 'client');
  const [year = 0, month = 1] = today.split('-').map(Number);
  const from = new Date(Date.UTC(year, month - 12, 1)).toISOString().slice(0, 10);
  return retrieveReferralReport(client, {
    from,
    to: today,
    interval: 'month',
    seriesByNeed: true,
    suppressSmallNumbers: true,
    ...query,
  });
}

const figure = (n: number | null | undefined) => (n === null || n === undefined ? 'hidden' : String(n));

/** Captures the Blobs the page turns into object URLs, and stops the downloads themselves. */
function captureDownloads(el: HubReport): { blobs: Blob[]; names: string[]; stop: () => void } {
  const blobs: Blob[] = [];
  const names: string[] = [];
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be put back
  const real = URL.createObjectURL;
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    if (blob instanceof Blob) blobs.push(blob);
    return real.call(URL, blob);
  };
  const stopLink = (event: Event) => {
    const link = event.target;
    if (link instanceof HTMLAnchorElement && link.download) {
      names.push(link.download);
      event.preventDefault();
    }
  };
  root(el).addEventListener('click', stopLink, true);
  return {
    blobs,
    names,
    stop: () => {
      URL.createObjectURL = real;
      root(el).removeEventListener('click', stopLink, true);
    },
  };
}

/** CSV text as rows of cells (no quoted commas in these figures: checked by the BOM and shape). */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  for (const line of csv
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)) {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i += 1) {
      const c = line.charAt(i);
      if (quoted && c === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) {
        cells.push(cell);
        cell = '';
      } else cell += c;
    }
    cells.push(cell);
    rows.push(cells);
  }
  return rows;
}

describe('<hub-report>', () => {
  it('shows every chart with a summary, and each chart’s table holds the report’s own figures', async () => {
    seed();
    const el = await dashboard();
    const report = await expected();
    expect(text($(el, '.title'))).to.equal('Referrals dashboard');
    expect(all(el, 'section.chart').map((s) => s.id)).to.include.members([
      'chart-trend',
      'chart-trend-by-need',
      'chart-needs',
      'chart-areas',
      'chart-status',
      'chart-referrers',
      'chart-outcomes',
      'chart-outcome-values',
      'chart-timeliness',
      'chart-equality-sex',
    ]);
    // Every chart: a visible summary, an SVG hidden from assistive technology, a real table.
    for (const section of all(el, 'section.chart')) {
      expect(text(section.querySelector('.summary')), section.id).not.to.equal('');
      const svgs = [...section.querySelectorAll('.figure svg')];
      expect(svgs.length, section.id).to.be.greaterThan(0);
      for (const svg of svgs) expect(svg.getAttribute('aria-hidden')).to.equal('true');
      const table = must(section.querySelector('table'), `${section.id} table`);
      expect(text(table.querySelector('caption'))).to.equal(text(section.querySelector('.section__title')));
      expect(table.querySelectorAll('thead th[scope="col"]').length).to.be.greaterThan(1);
      expect(table.querySelectorAll('tbody th[scope="row"]').length).to.be.greaterThan(0);
    }
    // Over time: one row a month, in order.
    const series = must(report.series, 'series');
    expect(tableRows(el, 'trend').map((r) => r[1])).to.deep.equal(series.buckets.map((b) => figure(b.total)));
    expect(shownRows(el, 'trend')[0]?.[0]).to.match(/^\w+ \d{4}$/);
    // By need over time: a column for each need.
    const needs = Object.keys(report.byNeed).sort(
      (a, b) => (report.byNeed[b] ?? 0) - (report.byNeed[a] ?? 0),
    );
    expect(tableRows(el, 'trend-by-need')).to.deep.equal(
      series.buckets.map((bucket, i) => [
        must(shownRows(el, 'trend')[i]?.[0], 'period'),
        ...needs.map((code) => figure(bucket.byNeed?.[code])),
      ]),
    );
    expect(all(el, '#chart-trend-by-need .multiple')).to.have.length(needs.length);
    // Needs, areas, statuses, referrers, outcomes: each count, as a sorted table.
    const sorted = (counts: Record<string, number | null>) =>
      Object.values(counts).map(figure).sort().join(' ');
    for (const [chart, counts] of [
      ['needs', report.byNeed],
      ['areas', report.byArea],
      ['status', report.byStatus],
      ['referrers', report.byReferrerType],
      ['outcomes', report.byOutcome],
    ] as const) {
      const rows = tableRows(el, chart);
      expect(
        rows
          .map((r) => r[1])
          .sort()
          .join(' '),
        chart,
      ).to.equal(sorted(counts));
    }
    expect(tableRows(el, 'needs').find((r) => r[0] === 'Money and debt')?.[1]).to.equal(
      figure(report.byNeed.money_debt),
    );
    expect(tableRows(el, 'areas').find((r) => r[0] === 'IG11')?.[1]).to.equal(figure(report.byArea.IG11));
    // Timeliness: target, reached, median, within, outside, waiting, share.
    const t = must(report.timeliness, 'timeliness');
    expect(tableRows(el, 'timeliness')).to.deep.equal(
      (
        [
          ['First contact', t.firstContact],
          ['Closed', t.close],
        ] as const
      ).map(([step, s]) => [
        step,
        String(s.targetWorkingDays),
        figure(s.reached),
        figure(s.medianWorkingDays),
        figure(s.withinTarget),
        figure(s.outsideTarget),
        figure(s.waiting),
        figure(s.shareWithinTarget),
      ]),
    );
    expect(shownRows(el, 'timeliness')[0]?.[7]).to.match(/^\d+%$|^hidden$/);
    // Outcome values: pounds from pence, each frequency and the year.
    const values = must(report.outcomeValues, 'outcome values');
    const income = must(values.income_maximised, 'income');
    const incomeRows = tableRows(el, 'outcome-values').filter((r) => r[0] === 'Income maximised');
    expect(incomeRows.at(-1)).to.deep.equal([
      'Income maximised',
      'Over a year',
      figure(income.count),
      income.annualPence === null ? 'hidden' : (income.annualPence / 100).toFixed(2),
    ]);
    expect(shownRows(el, 'outcome-values').at(-1)?.[3]).to.match(/^£[\d,]+\.\d\d$/);
    // Equality: the codelist's answers, prefer not to say, and not asked.
    const sex = must(report.byEquality?.sex, 'sex');
    const answers = [
      ['female', 'Female'],
      ['male', 'Male'],
      ['prefer_not_to_say', 'Prefer not to say'],
      ['not_asked', 'Not asked'],
    ].filter(([code]) => code !== undefined && code in sex);
    expect(answers.length, 'the seed has answers and referrals not asked').to.be.at.least(3);
    expect(tableRows(el, 'equality-sex')).to.deep.equal(
      answers.map(([code = '', label = '']) => [label, figure(sex[code])]),
    );
    // Said politely once it is shown.
    expect(text($(el, '[role="status"]'))).to.equal(`Report shown: ${figure(report.total)} referrals`);
    // The figures at a glance.
    expect(text($(el, '[part="headlines"]'))).to.contain(`Referrals made ${figure(report.total)}`);
    await expect(el).to.be.accessible();
  });

  it('shows a hidden figure as “hidden”, never 0, in the tables and as a dashed box in the charts', async () => {
    seed();
    const el = await dashboard();
    const report = await expected();
    expect(report.smallNumbersSuppressed).to.equal(true);
    expect(text($(el, '.note'))).to.contain('“Hidden” means fewer than 5 referrals');
    const series = must(report.series, 'series');
    const hiddenBuckets = series.buckets.filter((b) => b.total === null).length;
    const hiddenNeeds = Object.values(report.byStatus).filter((n) => n === null).length;
    expect(hiddenBuckets + hiddenNeeds, 'the seed has hidden figures').to.be.greaterThan(0);
    const trendCells = all(el, '#chart-trend tbody td');
    expect(trendCells.filter((td) => td.classList.contains('hidden-figure'))).to.have.length(hiddenBuckets);
    for (const [i, bucket] of series.buckets.entries()) {
      const cell = must(trendCells[i], `cell ${i}`);
      if (bucket.total === null) {
        expect(text(cell)).to.equal('hidden');
        expect(cell.hasAttribute('data-value')).to.equal(false);
      } else expect(text(cell)).to.equal(String(bucket.total));
    }
    expect(all(el, '#chart-trend svg .hidden-mark')).to.have.length(hiddenBuckets);
    const statusRows = shownRows(el, 'status');
    for (const [code, n] of Object.entries(report.byStatus))
      if (n === null)
        expect(
          statusRows.some((r) => r[1] === 'hidden'),
          code,
        ).to.equal(true);
    expect(all(el, '#chart-status svg .hidden-mark')).to.have.length(hiddenNeeds);
    expect(text($(el, '#chart-trend .summary'))).to.contain('A dashed box marks a hidden figure');
    // With small numbers shown (a page only the hub's own staff see), none is hidden.
    el.showSmallNumbers = true;
    await settled(el);
    expect(root(el).querySelector('.hidden-figure')).to.equal(null);
    expect(root(el).querySelector('.note')).to.equal(null);
  });

  it('downloads each chart’s table as a UTF-8 CSV (with a BOM) that holds exactly the table', async () => {
    seed();
    const el = await dashboard();
    const downloads = captureDownloads(el);
    try {
      for (const chart of ['needs', 'timeliness', 'outcome-values', 'trend']) {
        $(el, `#chart-${chart} [part="download"]`).click();
      }
    } finally {
      downloads.stop();
    }
    expect(downloads.blobs).to.have.length(4);
    const report = await expected();
    expect(downloads.names[0]).to.equal(`referrals-needs-${report.from}-to-${report.to}.csv`);
    for (const [n, chart] of ['needs', 'timeliness', 'outcome-values', 'trend'].entries()) {
      const blob = must(downloads.blobs[n], 'blob');
      expect(blob.type).to.equal('text/csv;charset=utf-8');
      const bytes = new Uint8Array(await blob.arrayBuffer());
      expect([...bytes.slice(0, 3)], 'UTF-8 byte order mark').to.deep.equal([0xef, 0xbb, 0xbf]);
      const csv = await blob.text();
      const rows = parseCsv(csv);
      expect(rows[0], chart).to.deep.equal(all(el, `#chart-${chart} thead th`).map(text));
      expect(rows.slice(1), chart).to.deep.equal(tableRows(el, chart));
    }
    // Nothing of it is left in the page or its address.
    expect(root(el).querySelector('a[download]')).to.equal(null);
    expect(location.href).not.to.contain('blob:');
  });

  it('works with the keyboard alone: change the interval, open each table, reach each download', async () => {
    seed();
    const el = await dashboard();
    must(el.parentElement?.querySelector<HTMLButtonElement>('#before'), 'button').focus();
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.id).to.equal('period');
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.id).to.equal('interval');
    // Month, then Week: the arrow key changes it, and the dashboard reads the report by week.
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(
      () =>
        root(el).querySelector('[aria-busy="true"]') === null &&
        shownRows(el, 'trend')[0]?.[0]?.startsWith('Week from'),
      'not by week',
      { timeout: 8000 },
    );
    const byWeek = await expected({ interval: 'week' });
    expect(tableRows(el, 'trend')).to.have.length(must(byWeek.series, 'series').buckets.length);
    // Every toggle and download in tab order, each chart's in turn.
    $(el, '#interval').focus();
    const reached: string[] = [];
    const sections = all(el, 'section.chart').length;
    // Exactly as many Tabs as there are toggles and downloads: one more would leave the page (Firefox).
    for (let steps = 0; steps < sections * 2; steps += 1) {
      await sendKeys({ press: 'Tab' });
      const focused = active(el);
      if (!focused) break;
      const chart = focused.closest('section.chart')?.id ?? '';
      reached.push(
        `${chart} ${focused.classList.contains('toggle') ? 'toggle' : focused.classList.contains('download') ? 'download' : focused.tagName}`,
      );
    }
    const expectedOrder = all(el, 'section.chart').flatMap((s) => [`${s.id} toggle`, `${s.id} download`]);
    expect(reached.slice(0, expectedOrder.length)).to.deep.equal(expectedOrder);
    // Open the needs table with Enter, close it with Space.
    const toggle = $(el, '#chart-needs .toggle');
    toggle.focus();
    expect(getComputedStyle($(el, '#needs-data')).display).to.equal('none');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => toggle.getAttribute('aria-expanded') === 'true', 'Enter did not open it', {
      timeout: 2000,
    });
    expect(text(toggle)).to.equal('Hide the data');
    expect(getComputedStyle($(el, '#needs-data')).display).to.equal('block');
    expect(active(el)).to.equal(toggle);
    await sendKeys({ press: ' ' });
    await waitUntil(() => toggle.getAttribute('aria-expanded') === 'false', 'Space did not close it', {
      timeout: 2000,
    });
    // Focus is visible (a keyboard user's focus).
    expect(active(el)).to.equal(toggle);
    expect(getComputedStyle(toggle).outlineStyle).to.equal('solid');
    await expect(el).to.be.accessible();
  });

  it('speaks Welsh: its own words, the codelists, numbers and months', async () => {
    seed();
    const el = await dashboard({ lang: 'cy' });
    expect(text($(el, '.title'))).to.equal('Dangosfwrdd atgyfeiriadau');
    expect(text($(el, '#chart-needs .section__title'))).to.equal('Anghenion');
    expect(tableRows(el, 'needs').map((r) => r[0])).to.include('Arian a dyled');
    expect(text($(el, '#chart-trend-by-need caption'))).to.equal('Atgyfeiriadau dros amser, fesul angen');
    expect(tableRows(el, 'equality-sex').map((r) => r[0])).to.include('Heb ofyn');
    const months = shownRows(el, 'trend').map((r) => r[0]);
    expect(
      months.some((m) =>
        /Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr/.test(
          m ?? '',
        ),
      ),
    ).to.equal(true);
    expect(text($(el, '#chart-needs .toggle'))).to.equal('Dangos y data');
    if (root(el).querySelector('.hidden-figure')) expect(text($(el, '.hidden-figure'))).to.equal('cudd');
    await expect(el).to.be.accessible();
  });

  it('shows a failure with Try again, which reads again', async () => {
    seed();
    const off = run.hub.faults.add({ kind: 'network' });
    const el = await dashboard();
    off();
    const alert = $(el, '[role="alert"]');
    expect(text(alert)).to.contain('The report could not be loaded');
    expect(text(alert)).to.contain('Check your connection');
    await expect(el).to.be.accessible();
    must(alert.querySelector('button'), 'Try again').click();
    await waitUntil(() => root(el).querySelector('section.chart'), 'not read again', { timeout: 8000 });
    expect(active(el)?.id).to.equal('title');
  });

  it('says the session has ended on a 401 and fires hub-session-expired; a new client reads again', async () => {
    seed();
    const off = run.hub.faults.add({ kind: 'status', status: 401 });
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const provider = provide(host, staffConfig(run.hub));
    const el = document.createElement('hub-report');
    const heard = oneEvent(host, 'hub-session-expired');
    host.append(el);
    const event = await heard;
    expect(event.bubbles && event.composed).to.equal(true);
    await settled(el);
    off();
    expect(text($(el, '[role="alert"]'))).to.contain('Your session has ended');
    expect(root(el).querySelector('section.chart')).to.equal(null);
    await expect(el).to.be.accessible();
    provider.setValue(staffConfig(run.hub));
    await waitUntil(() => root(el).querySelector('section.chart'), 'not read with the new client', {
      timeout: 8000,
    });
  });

  it('says clearly when its sign-in may not read reports (403), with no Try again', async () => {
    seed();
    run.hub.faults.add({ kind: 'status', status: 403 });
    const el = await dashboard();
    const alert = $(el, '[role="alert"]');
    expect(text(alert)).to.contain('may not read reports');
    expect(alert.querySelector('button')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says it is not set up without a provider or a client', async () => {
    const el = await fixture<HubReport>(html`<hub-report></hub-report>`);
    expect(text($(el, '[part="notice"]'))).to.contain('This dashboard is not set up');
    await expect(el).to.be.accessible();
  });

  it('shows a loading state while the hub has not answered', async () => {
    run.hub.faults.add({ kind: 'timeout' });
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    provide(host, staffConfig(run.hub));
    const el = document.createElement('hub-report');
    host.append(el);
    await el.updateComplete;
    expect(text($(el, '[aria-busy="true"]'))).to.contain('Loading the report');
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('says so when no referrals were made in the period', async () => {
    const el = await dashboard({ attributes: { from: '2020-01-01', to: '2020-03-31' } });
    expect(text($(el, '[part="notice"]'))).to.contain('No referrals in this period');
    expect(text($(el, '.period'))).to.contain('1 January 2020');
    expect(($(el, '#period') as HTMLSelectElement).value).to.equal('dates');
    await expect(el).to.be.accessible();
  });

  it('asks the hub for the page’s period and targets', async () => {
    seed();
    const el = await dashboard({
      attributes: {
        from: '2026-01-01',
        to: '2026-06-30',
        'target-working-days': '3',
        'close-target-working-days': '10',
      },
    });
    const report = await expected({
      from: '2026-01-01',
      to: '2026-06-30',
      targetWorkingDays: 3,
      closeTargetWorkingDays: 10,
    });
    expect(tableRows(el, 'timeliness').map((r) => r[1])).to.deep.equal(['3', '10']);
    expect(tableRows(el, 'trend')).to.have.length(6);
    expect(text($(el, '[part="headlines"]'))).to.contain(`Referrals made ${figure(report.total)}`);
    expect(text($(el, '[part="headlines"]'))).to.contain('First contact within 3 working days');
  });

  it('has a print stylesheet: controls and buttons hidden, every table shown, charts kept whole', () => {
    const sheets = (
      customElements.get('hub-report') as unknown as { elementStyles: { styleSheet?: CSSStyleSheet }[] }
    ).elementStyles;
    const rules = sheets.flatMap((s) => [...(s.styleSheet?.cssRules ?? [])]);
    const print = rules.filter(
      (r): r is CSSMediaRule => r instanceof CSSMediaRule && r.media.mediaText === 'print',
    );
    expect(print).to.have.length(1);
    const inner = [...must(print[0], 'print rule').cssRules].map((r) => r.cssText.replace(/\s+/g, ' '));
    expect(
      inner.some((r) => r.includes('.controls') && r.includes('.actions') && r.includes('display: none')),
    ).to.equal(true);
    expect(inner.some((r) => r.startsWith('.data') && r.includes('display: block'))).to.equal(true);
    expect(inner.some((r) => r.includes('.figure') && r.includes('break-inside: avoid'))).to.equal(true);
  });
});
