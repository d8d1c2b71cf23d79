/**
 * `<hub-report>`: the hub's dashboard, for an intranet page: referrals over time, needs, areas,
 * where referrals are, who referred, outcomes and their value, how quickly referrals are taken
 * on and closed, and equality monitoring. Each chart has its data table and a CSV download.
 */
import { html, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ReferralReport, ReportParams } from '@hubkit/sdk';
import { HubSessionExpiredEvent } from '../core/events.ts';
import { fieldStyles, noticeStyles } from '../core/field-styles.ts';
import { selectField } from '../core/fields.ts';
import { HubElement } from '../core/hub-element.ts';
import { heading, levelOf } from '../core/headings.ts';
import { lazy } from '../core/lazy.ts';
import { common } from '../core/common.ts';
import { longDate } from '../core/dates.ts';
import { tokens } from '../core/styles.ts';
import { barChart, columnChart, niceMax, splitChart, swatch, toCsv, type DataTable } from './charts.ts';
import {
  Formats,
  countsChart,
  equalityChart,
  labels,
  timelinessChart,
  trendCharts,
  valuesChart,
} from './figures.ts';
import { messages } from './messages.ts';
import { reportStyles } from './styles.ts';

type Phase = 'loading' | 'ready' | 'failed';
/** Why a read failed: the credential expired (401), it may not read reports (403), or anything else. */
type Failure = 'expired' | 'forbidden' | 'network' | 'server';
/** The periods the control offers, in months back from today; `dates` is the page's own `from` and `to`. */
type PeriodChoice = '3' | '6' | '12' | 'dates';

/** The SDK's report read: loaded with the first report. */
const reportSdk = lazy(() => import('./sdk.ts'));

/** The day in London as `YYYY-MM-DD` (Canadian English writes dates that way). */
const ukDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function failureOf(error: unknown): Failure {
  const status =
    typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
      ? error.status
      : undefined;
  if (status === 401) return 'expired';
  if (status === 403) return 'forbidden';
  return status === undefined ? 'network' : 'server';
}

/** The first day of the month `months - 1` months before `today`'s: `months` whole months, this one so far. */
export function monthsBack(today: string, months: number): string {
  const [year = 0, month = 1] = today.split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 1 - (months - 1), 1));
  return first.toISOString().slice(0, 10);
}

/** One chart's figure, table and CSV, as the dashboard renders each. */
interface ChartView {
  id: string;
  title: string;
  hint?: string | undefined;
  summary: string;
  figure: TemplateResult;
  legend?: TemplateResult | undefined;
  table: DataTable;
}

/**
 * A dashboard of the hub's referral report, for the hub and its commissioners.
 *
 * Reads `GET /v1/reports/referrals` through the client `<hub-provider>` gives (a credential that
 * may read reports: a hub report token minted by the hub's own server; never a secret key in a
 * browser), never with `fetch` of its own. A report holds counts only, no personal data; the
 * CSV downloads are made in the page (a Blob) and nothing is put in storage or the URL.
 *
 * @fires hub-session-expired - The hub refused the client's credential (401): fetch a new one and
 * give it to the provider; the dashboard reads again when its client changes.
 * @csspart controls - The period and interval controls.
 * @csspart headlines - The figures at a glance.
 * @csspart chart - Each chart's section: title, summary, figure, table and download.
 * @csspart table - Each chart's data table.
 * @csspart download - Each chart's CSV download button.
 * @csspart notice - The empty, failed, expired and not-set-up messages.
 * @cssprop --hub-color-brand - The bars' colour (every `--hub-*` token of the theme applies).
 */
export class HubReport extends HubElement {
  static override styles: CSSResultGroup = [tokens, fieldStyles, noticeStyles, reportStyles];
  protected static override catalogues = [common, messages];

  /** First UK day of the period, `YYYY-MM-DD` (default: the first of the month 11 months ago). */
  @property() accessor from: string | undefined;

  /** Last UK day of the period, `YYYY-MM-DD` (default: today). */
  @property() accessor to: string | undefined;

  /** Count over time by `week` or `month` (default). */
  @property() accessor interval: 'week' | 'month' = 'month';

  /** The first-contact target, in working days after the day of submission (default: the hub's, 2). */
  @property({ type: Number, attribute: 'target-working-days' }) accessor targetWorkingDays:
    number | undefined;

  /** The close target, in working days (default: the hub's, 20). */
  @property({ type: Number, attribute: 'close-target-working-days' }) accessor closeTargetWorkingDays:
    number | undefined;

  /** Show counts of 1 to 4 (for a page only the hub's own staff see); hidden by default. */
  @property({ type: Boolean, attribute: 'show-small-numbers' }) accessor showSmallNumbers = false;

  @state() private accessor phase: Phase = 'loading';
  @state() private accessor failure: Failure | undefined;
  @state() private accessor report: ReferralReport | undefined;
  @state() private accessor period: PeriodChoice | undefined;
  @state() private accessor chosenInterval: 'week' | 'month' | undefined;
  @state() private accessor open = new Set<string>();
  @state() private accessor announcement = '';

  #run = 0;
  #asked = '';
  #hubSeen: unknown;
  #aborter: AbortController | undefined;

  protected get t(): (typeof messages)['en'] {
    return messages[this.locale];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    reportSdk.prefetch();
    if (this.hasUpdated) void this.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#aborter?.abort();
    this.#run += 1;
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    // A new client (a provider with a new token) or a new question: read again.
    const asked = `${this.publishableKey ?? ''} ${this.apiBase ?? ''} ${JSON.stringify(this.#params())}`;
    if (asked !== this.#asked || this.#hubSeen !== this.hub) {
      this.#asked = asked;
      this.#hubSeen = this.hub;
      void this.reload();
    }
  }

  /** The period chosen: the control's, else the page's `from` and `to`, else the last 12 months. */
  #choice(): PeriodChoice {
    return this.period ?? (this.from || this.to ? 'dates' : '12');
  }

  #params(): ReportParams {
    const today = ukDay.format(new Date());
    const choice = this.#choice();
    const months = choice === 'dates' ? 12 : Number(choice);
    const to = choice === 'dates' && this.to && DATE.test(this.to) ? this.to : today;
    const from = choice === 'dates' && this.from && DATE.test(this.from) ? this.from : monthsBack(to, months);
    const target = (n: number | undefined) =>
      n !== undefined && Number.isInteger(n) && n >= 0 && n <= 365 ? n : undefined;
    const first = target(this.targetWorkingDays);
    const close = target(this.closeTargetWorkingDays);
    return {
      from,
      to,
      interval: this.chosenInterval ?? (this.interval === 'week' ? 'week' : 'month'),
      seriesByNeed: true,
      suppressSmallNumbers: !this.showSmallNumbers,
      ...(first === undefined ? {} : { targetWorkingDays: first }),
      ...(close === undefined ? {} : { closeTargetWorkingDays: close }),
    };
  }

  // Reading

  /** Reads the report again for the period and interval chosen. */
  async reload(): Promise<void> {
    this.#aborter?.abort();
    this.#run += 1;
    const run = this.#run;
    if (!this.configured) {
      this.phase = 'ready';
      this.report = undefined;
      return;
    }
    this.phase = 'loading';
    this.failure = undefined;
    this.announcement = this.t.loading;
    try {
      const [client, sdk] = await Promise.all([this.loadClient(), reportSdk.load()]);
      if (!client) throw new Error('not configured');
      if (run !== this.#run) return;
      this.#aborter = new AbortController();
      const report = await sdk.retrieveReferralReport(client, this.#params(), {
        maxRetries: 1,
        signal: this.#aborter.signal,
      });
      if (run !== this.#run) return;
      this.report = report;
      this.phase = 'ready';
      this.announcement =
        report.total === 0
          ? this.t.emptyTitle
          : report.total === null
            ? this.t.loadedFew
            : this.t.loaded(this.#formats().count(report.total).text);
    } catch (error) {
      if (run !== this.#run) return;
      this.failure = failureOf(error);
      this.phase = 'failed';
      this.announcement = '';
      if (this.failure === 'expired') this.dispatchEvent(new HubSessionExpiredEvent());
    }
  }

  #formats(): Formats {
    return new Formats(this.locale, this.t);
  }

  #tryAgain = async (): Promise<void> => {
    await this.reload();
    await this.updateComplete;
    const target = this.phase === 'failed' ? '#failure-title' : '#title';
    this.renderRoot.querySelector<HTMLElement>(target)?.focus();
  };

  #toggle(id: string): void {
    const open = new Set(this.open);
    if (open.has(id)) open.delete(id);
    else open.add(id);
    this.open = open;
  }

  /** Saves a chart's table as CSV: a Blob in the page, through a link that is gone at once. */
  #download(view: ChartView): void {
    const blob = new Blob([toCsv(view.table, this.t.hidden)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    const { from, to } = this.report ?? { from: '', to: '' };
    link.download = `referrals-${view.id}-${from}-to-${to}.csv`;
    link.hidden = true;
    this.renderRoot.append(link);
    link.click();
    link.remove();
    // Revoked once the browser has taken it: nothing of it stays in the page.
    setTimeout(() => {
      URL.revokeObjectURL(url);
    }, 1000);
  }

  // Rendering

  override render(): TemplateResult {
    const t = this.t;
    return html`<div class="root" data-theme=${this.themeName} lang=${this.locale}>
      ${heading(this.headingLevel, 'title', t.title, { id: 'title', focusable: true })}
      ${this.configured ? this.#renderDashboard() : html`<div class="notice" part="notice">${t.notConfigured}</div>`}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        ${this.announcement}
      </div>
    </div>`;
  }

  #renderDashboard(): TemplateResult {
    const t = this.t;
    if (this.phase === 'failed' && this.failure === 'expired') {
      return html`<div class="notice notice--error" part="notice" role="alert">
        ${heading(levelOf(this.headingLevel, 1), 'notice__title', t.expiredTitle, {
          id: 'failure-title',
          focusable: true,
        })}
        <p>${t.expiredHint}</p>
      </div>`;
    }
    return html`${this.#renderControls()} ${this.#renderBody()}`;
  }

  #renderControls(): TemplateResult {
    const t = this.t;
    const params = this.#params();
    const errorPrefix = common[this.locale].error;
    return html`<div class="controls" part="controls" role="group" aria-label=${t.controlsLabel}>
      ${selectField({
        id: 'period',
        label: t.periodLabel,
        errorPrefix,
        value: this.#choice(),
        options: [
          ...(this.from || this.to ? [{ value: 'dates', label: t.chosenDates }] : []),
          { value: '12', label: t.lastMonths(12) },
          { value: '6', label: t.lastMonths(6) },
          { value: '3', label: t.lastMonths(3) },
        ],
        onChange: (value) => {
          this.period = value as PeriodChoice;
        },
      })}
      ${selectField({
        id: 'interval',
        label: t.intervalLabel,
        errorPrefix,
        value: params.interval ?? 'month',
        options: [
          { value: 'month', label: t.byMonth },
          { value: 'week', label: t.byWeek },
        ],
        onChange: (value) => {
          this.chosenInterval = value === 'week' ? 'week' : 'month';
        },
      })}
    </div>`;
  }

  #renderBody(): TemplateResult {
    const t = this.t;
    if (this.phase === 'loading') {
      return html`<div class="loading-state" aria-busy="true"><p class="loading">${t.loading}</p></div>`;
    }
    if (this.phase === 'failed') return this.#renderFailure();
    const report = this.report;
    if (!report) return html``;
    const period = html`<p class="period">
      ${t.period(longDate(report.from, this.locale), longDate(report.to, this.locale))}
    </p>`;
    if (report.total === 0) {
      return html`${period}
        <div class="notice" part="notice">
          ${heading(levelOf(this.headingLevel, 1), 'notice__title', t.emptyTitle)}
          <p>${t.emptyHint}</p>
        </div>`;
    }
    return html`${period}
    ${report.smallNumbersSuppressed ? html`<p class="note">${t.suppressedNote}</p>` : nothing}
    ${this.#renderHeadlines(report)} ${this.#views(report).map((view) => this.#renderChart(view))}`;
  }

  #renderFailure(): TemplateResult {
    const t = this.t;
    const text =
      this.failure === 'forbidden'
        ? t.forbidden
        : this.failure === 'network'
          ? t.failedNetwork
          : t.failedServer;
    return html`<div class="notice notice--error" part="notice" role="alert">
      ${heading(levelOf(this.headingLevel, 1), 'notice__title', t.failedTitle, {
        id: 'failure-title',
        focusable: true,
      })}
      <p>${text}</p>
      ${
        this.failure === 'forbidden'
          ? nothing
          : html`<button class="button button--secondary" type="button" @click=${this.#tryAgain}>
              ${common[this.locale].tryAgain}
            </button>`
      }
    </div>`;
  }

  #renderHeadlines(report: ReferralReport): TemplateResult {
    const t = this.t;
    const f = this.#formats();
    const items: [string, string][] = [[t.total, f.count(report.total).text]];
    const timeliness = report.timeliness;
    if (timeliness) {
      items.push(
        [
          t.firstContactShare(timeliness.firstContact.targetWorkingDays),
          f.share(timeliness.firstContact.shareWithinTarget).text,
        ],
        [t.closeShare(timeliness.close.targetWorkingDays), f.share(timeliness.close.shareWithinTarget).text],
      );
    }
    const income = report.outcomeValues?.income_maximised;
    if (income) items.push([t.incomeGained, f.pence(income.annualPence).text]);
    const debt = report.outcomeValues?.debt_managed;
    if (debt) items.push([t.debtManaged, f.pence(debt.annualPence).text]);
    return html`<section class="headlines" part="headlines" aria-labelledby="headlines-title">
      ${heading(levelOf(this.headingLevel, 1), 'section__title', t.headlines, { id: 'headlines-title' })}
      <dl class="figures">
        ${items.map(
          ([what, figure]) =>
            html`<div class="figure-item">
              <dt>${what}</dt>
              <dd>${figure}</dd>
            </div>`,
        )}
      </dl>
    </section>`;
  }

  /** Every chart of the report, in the order the dashboard shows them; those without figures left out. */
  #views(report: ReferralReport): ChartView[] {
    const t = this.t;
    const lang = this.locale;
    const f = this.#formats();
    const views: ChartView[] = [];
    const trend = trendCharts(report, lang, f, t);
    if (trend) {
      views.push({
        id: 'trend',
        title: t.trend,
        summary: trend.total.summary,
        figure: columnChart(trend.total.columns, { axisLabel: (i) => this.#axis(trend.total.axis, i) }),
        table: trend.total.table,
      });
      const byNeed = trend.byNeed;
      if (byNeed) {
        const top = niceMax(Math.max(0, ...byNeed.needs.flatMap((n) => n.columns.map((c) => c.value ?? 0))));
        views.push({
          id: 'trend-by-need',
          title: t.trendByNeed,
          summary: byNeed.summary,
          figure: html`<div class="multiples">
            ${byNeed.needs.map(
              (need) =>
                html`<div class="multiple">
                  <p class="multiple__label" aria-hidden="true">${need.label}</p>
                  ${columnChart(need.columns, { top, compact: true, axisLabel: () => undefined })}
                </div>`,
            )}
          </div>`,
          table: byNeed.table,
        });
      }
    }
    const bars = (
      id: string,
      title: string,
      counts: Record<string, number | null>,
      label: (c: string) => string,
      column: string,
      hint?: string,
    ) => {
      const chart = countsChart(counts, label, column, f, t);
      if (chart.bars.length > 0)
        views.push({
          id,
          title,
          hint,
          summary: chart.summary,
          figure: barChart(chart.bars, t.hidden),
          table: chart.table,
        });
    };
    bars('needs', t.needs, report.byNeed, (c) => labels.need(c, lang), t.needColumn, t.needsHint);
    bars('areas', t.areas, report.byArea, (c) => (c === 'unknown' ? t.unknownArea : c), t.areaColumn);
    bars('status', t.status, report.byStatus, (c) => labels.status(c, lang), t.statusColumn);
    bars('referrers', t.referrers, report.byReferrerType, (c) => labels.referrer(c, lang), t.referrerColumn);
    bars(
      'outcomes',
      t.outcomes,
      report.byOutcome,
      (c) => labels.outcome(c, lang),
      t.outcomeColumn,
      t.outcomesHint,
    );
    const values = valuesChart(report, lang, f, t);
    if (values)
      views.push({
        id: 'outcome-values',
        title: t.outcomeValues,
        hint: t.outcomeValuesHint,
        summary: values.summary,
        figure: barChart(values.bars, t.hidden),
        table: values.table,
      });
    const timeliness = timelinessChart(report, f, t);
    if (timeliness)
      views.push({
        id: 'timeliness',
        title: t.timeliness,
        hint: t.timelinessHint,
        summary: timeliness.summary,
        figure: splitChart('timeliness', timeliness.splits, t.hidden),
        legend: html`<ul class="legend">
          <li>${swatch('timeliness', 'solid')} ${t.legendWithin}</li>
          <li>${swatch('timeliness', 'striped')} ${t.legendOutside}</li>
        </ul>`,
        table: timeliness.table,
      });
    for (const [characteristic, counts] of Object.entries(report.byEquality ?? {})) {
      const chart = equalityChart(characteristic, counts, lang, f, t);
      views.push({
        id: `equality-${characteristic}`,
        title: `${t.equality}: ${t.characteristic(characteristic)}`,
        hint: t.equalityHint,
        summary: chart.summary,
        figure: barChart(chart.bars, t.hidden),
        table: chart.table,
      });
    }
    return views;
  }

  /** Axis labels, thinned so they never overlap: about twelve at most. */
  #axis(labels: readonly string[], i: number): string | undefined {
    const every = Math.ceil(labels.length / 12);
    return i % every === 0 ? labels[i] : undefined;
  }

  #renderChart(view: ChartView): TemplateResult {
    const t = this.t;
    const open = this.open.has(view.id);
    const level = levelOf(this.headingLevel, 1);
    return html`<section
      class="chart"
      part="chart"
      id=${`chart-${view.id}`}
      aria-labelledby=${`${view.id}-title`}
    >
      ${heading(level, 'section__title', view.title, { id: `${view.id}-title` })}
      ${view.hint ? html`<p class="hint">${view.hint}</p>` : nothing}
      <p class="summary" id=${`${view.id}-summary`}>${view.summary}</p>
      <div class="figure">${view.figure}</div>
      ${view.legend ?? nothing}
      <div class="actions">
        <button
          class="button button--secondary toggle"
          type="button"
          aria-expanded=${open ? 'true' : 'false'}
          aria-controls=${`${view.id}-data`}
          aria-label=${open ? `${view.title}: ${t.hideData.toLowerCase()}` : t.showDataFor(view.title)}
          @click=${() => {
            this.#toggle(view.id);
          }}
        >
          ${open ? t.hideData : t.showData}
        </button>
        <button
          class="button button--secondary download"
          part="download"
          type="button"
          aria-label=${t.downloadFor(view.title)}
          @click=${() => {
            this.#download(view);
          }}
        >
          ${t.download}
        </button>
      </div>
      <div class="data ${open ? 'data--open' : ''}" id=${`${view.id}-data`}>
        <div class="table-wrap">
          <table class="table" part="table">
            <caption>
              ${view.title}
            </caption>
            <thead>
              <tr>
                ${view.table.columns.map((c) => html`<th scope="col">${c}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${view.table.rows.map(
                (row) =>
                  html`<tr>
                    ${row.map((cell, i) =>
                      i === 0
                        ? html`<th scope="row">${cell.text}</th>`
                        : html`<td
                            class=${cell.value === null ? 'hidden-figure' : typeof cell.value === 'number' || /^[\d.]+$/.test(cell.value) ? 'number' : ''}
                            data-value=${cell.value === null ? nothing : String(cell.value)}
                          >
                            ${cell.text}
                          </td>`,
                    )}
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hub-report': HubReport;
  }
}
