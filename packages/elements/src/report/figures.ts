/**
 * The report's figures as the dashboard shows them: for each chart its bars and its data table,
 * from the same numbers, so the two cannot disagree. Hidden (suppressed) figures stay null all
 * the way: a table says "hidden" and the chart draws a dashed box, never 0.
 */
import {
  MONTH_NAMES,
  ageBandCodes,
  disabilityCodes,
  ethnicityCodes,
  frequencyCodes,
  genderReassignmentCodes,
  labelOf,
  maritalStatusCodes,
  needCodes,
  outcomeCodes,
  pregnancyMaternityCodes,
  referralStatusCodes,
  referrerTypeCodes,
  religionCodes,
  sexCodes,
  sexualOrientationCodes,
  type Codelist,
  type Lang,
} from '@hubkit/schema';
import type { ReferralReport } from '@hubkit/sdk';
import { longDate } from '../core/dates.ts';
import type { Bar, Cell, DataTable, Split } from './charts.ts';
import type { ReportMessages } from './messages.ts';

type Counts = Readonly<Record<string, number | null>>;
type Timeliness = NonNullable<ReferralReport['timeliness']>['firstContact'];

/** The codelist each equality characteristic answers from. */
export const EQUALITY_LISTS: Readonly<Record<string, Codelist<string>>> = {
  ageBand: ageBandCodes,
  disability: disabilityCodes,
  genderReassignment: genderReassignmentCodes,
  maritalStatus: maritalStatusCodes,
  pregnancyMaternity: pregnancyMaternityCodes,
  ethnicity: ethnicityCodes,
  religion: religionCodes,
  sex: sexCodes,
  sexualOrientation: sexualOrientationCodes,
};

/** A code's label; a code a newer hub added, as sent. */
export const labelIn = (list: Codelist<string>, code: string, lang: Lang): string =>
  labelOf(list, code, lang);

/** Numbers, money and shares written the way the page's language writes them. */
export class Formats {
  readonly #count: Intl.NumberFormat;
  readonly #pounds: Intl.NumberFormat;
  readonly #share: Intl.NumberFormat;
  readonly #days: Intl.NumberFormat;

  readonly #t: ReportMessages;

  constructor(lang: Lang, t: ReportMessages) {
    this.#t = t;
    const tag = lang === 'cy' ? 'cy-GB' : 'en-GB';
    this.#count = new Intl.NumberFormat(tag);
    this.#pounds = new Intl.NumberFormat(tag, { style: 'currency', currency: 'GBP' });
    this.#share = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
    this.#days = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  }

  #cell(value: number | null | undefined, text: (v: number) => string, raw: (v: number) => string | number) {
    return value === null || value === undefined
      ? { text: this.#t.hidden, value: null }
      : { text: text(value), value: raw(value) };
  }

  count(n: number | null | undefined): Cell {
    return this.#cell(
      n,
      (v) => this.#count.format(v),
      (v) => v,
    );
  }

  /** Pence as pounds: `£1,234.50` shown, `1234.50` in the CSV. */
  pence(p: number | null | undefined): Cell {
    return this.#cell(
      p,
      (v) => this.#pounds.format(v / 100),
      (v) => (v / 100).toFixed(2),
    );
  }

  share(s: number | null | undefined): Cell {
    return this.#cell(
      s,
      (v) => this.#share.format(v),
      (v) => v,
    );
  }

  days(d: number | null | undefined): Cell {
    return this.#cell(
      d,
      (v) => this.#days.format(v),
      (v) => v,
    );
  }
}

/** A bucket of a series as a person reads it: `March 2026`, or `Week from 2 March 2026`. */
export function bucketLabel(start: string, interval: string, lang: Lang, t: ReportMessages): string {
  if (interval === 'week') return t.weekFrom(longDate(start, lang));
  const [year, month] = start.split('-');
  return `${MONTH_NAMES[lang][Number(month) - 1] ?? month} ${year ?? ''}`;
}

/** A short axis label: `Mar` or `2/3` (day/month). */
export function axisLabel(start: string, interval: string, lang: Lang): string {
  const [, month, day] = start.split('-');
  if (interval === 'week') return `${Number(day)}/${Number(month)}`;
  return (MONTH_NAMES[lang][Number(month) - 1] ?? '').slice(0, 3);
}

const row = (label: string, ...cells: Cell[]): Cell[] => [{ text: label, value: label }, ...cells];

/** Bars and table of one count table (by need, area, status…), largest first; hidden ones last. */
export function countsChart(
  counts: Counts,
  labelOfCode: (code: string) => string,
  column: string,
  f: Formats,
  t: ReportMessages,
  order: 'size' | 'given' = 'size',
): { bars: Bar[]; table: DataTable; summary: string } {
  const entries = Object.entries(counts);
  if (order === 'size')
    entries.sort(([, a], [, b]) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : b - a));
  const bars = entries.map(([code, n]) => ({ label: labelOfCode(code), value: n, text: f.count(n).text }));
  const table = {
    columns: [column, t.referrals],
    rows: bars.map((b, i) => row(b.label, f.count(entries[i]?.[1]))),
  };
  const known = bars.filter((b) => b.value !== null);
  const largest = known.reduce<Bar | undefined>(
    (a, b) => (!a || (b.value ?? 0) > (a.value ?? 0) ? b : a),
    undefined,
  );
  const summary =
    bars.length === 0
      ? t.noFigures
      : largest && known.length === bars.length
        ? t.barSummary(bars.length, `${largest.label}, ${largest.text}`)
        : largest
          ? `${t.barSummary(bars.length, `${largest.label}, ${largest.text}`)} ${t.barHiddenSummary(bars.length)}`
          : t.barHiddenSummary(bars.length);
  return { bars, table, summary };
}

/** The answers to one equality question: the codelist's order, then `not_asked`. */
export function equalityChart(
  characteristic: string,
  counts: Counts,
  lang: Lang,
  f: Formats,
  t: ReportMessages,
) {
  const list = EQUALITY_LISTS[characteristic];
  const known = list ? list.entries.map((e) => e.code) : [];
  const codes = [
    ...known.filter((c) => c in counts),
    ...Object.keys(counts).filter((c) => !known.includes(c) && c !== 'not_asked'),
    ...('not_asked' in counts ? ['not_asked'] : []),
  ];
  const ordered = Object.fromEntries(codes.map((c) => [c, counts[c] ?? null]));
  return countsChart(
    ordered,
    (code) => (code === 'not_asked' ? t.notAsked : list ? labelIn(list, code, lang) : code),
    t.answerColumn,
    f,
    t,
    'given',
  );
}

/** The series: totals (one chart) and, where asked, each need's (small multiples). */
export function trendCharts(report: ReferralReport, lang: Lang, f: Formats, t: ReportMessages) {
  const series = report.series;
  if (!series) return undefined;
  const labels = series.buckets.map((b) => bucketLabel(b.start, series.interval, lang, t));
  const columns: Bar[] = series.buckets.map((b, i) => ({
    label: labels[i] ?? b.start,
    value: b.total,
    text: f.count(b.total).text,
  }));
  const known = columns.filter((c) => c.value !== null);
  const most = known.reduce<Bar | undefined>(
    (a, c) => (!a || (c.value ?? 0) > (a.value ?? 0) ? c : a),
    undefined,
  );
  const least = known.reduce<Bar | undefined>(
    (a, c) => (!a || (c.value ?? 0) < (a.value ?? 0) ? c : a),
    undefined,
  );
  const hiddenAny = known.length < columns.length;
  const summary = `${
    most && least
      ? t.trendSummary(columns.length, `${most.label}, ${most.text}`, `${least.label}, ${least.text}`)
      : t.trendNoSummary(columns.length)
  }${hiddenAny ? ` ${t.hiddenMarker}` : ''}`;
  const total = {
    columns,
    summary,
    table: {
      columns: [t.periodColumn, t.referrals],
      rows: columns.map((c, i) => row(c.label, f.count(series.buckets[i]?.total))),
    },
    axis: series.buckets.map((b) => axisLabel(b.start, series.interval, lang)),
  };
  const needs = Object.keys(report.byNeed).filter((code) =>
    series.buckets.some((b) => b.byNeed && code in b.byNeed),
  );
  needs.sort((a, b) => (report.byNeed[b] ?? 0) - (report.byNeed[a] ?? 0));
  const byNeed =
    needs.length === 0
      ? undefined
      : {
          needs: needs.map((code) => ({
            code,
            label: labelIn(needCodes, code, lang),
            columns: series.buckets.map((b, i) => {
              const n = b.byNeed?.[code] ?? null;
              return { label: labels[i] ?? b.start, value: n, text: f.count(n).text };
            }),
          })),
          summary: `${t.byNeedSummary(needs.length)}${
            series.buckets.some((b) => needs.some((code) => b.byNeed?.[code] === null))
              ? ` ${t.hiddenMarker}`
              : ''
          }`,
          table: {
            columns: [t.periodColumn, ...needs.map((code) => labelIn(needCodes, code, lang))],
            rows: series.buckets.map((b, i) =>
              row(labels[i] ?? b.start, ...needs.map((code) => f.count(b.byNeed?.[code] ?? null))),
            ),
          },
        };
  return { total, byNeed };
}

/** First contact and close: within, outside and waiting, the median and the share within target. */
export function timelinessChart(report: ReferralReport, f: Formats, t: ReportMessages) {
  const timeliness = report.timeliness;
  if (!timeliness) return undefined;
  const steps: [string, Timeliness][] = [
    [t.firstContact, timeliness.firstContact],
    [t.close, timeliness.close],
  ];
  const splits: Split[] = steps.map(([label, s]) => ({
    label: `${label}: ${f.share(s.shareWithinTarget).text}`,
    within: s.withinTarget,
    outside: s.outsideTarget,
    texts: [f.count(s.withinTarget).text, f.count(s.outsideTarget).text],
  }));
  const table: DataTable = {
    columns: [
      t.stepColumn,
      t.targetColumn,
      t.reachedColumn,
      t.medianColumn,
      t.withinColumn,
      t.outsideColumn,
      t.waitingColumn,
      t.shareColumn,
    ],
    rows: steps.map(([label, s]) =>
      row(
        label,
        f.count(s.targetWorkingDays),
        f.count(s.reached),
        f.days(s.medianWorkingDays),
        f.count(s.withinTarget),
        f.count(s.outsideTarget),
        f.count(s.waiting),
        f.share(s.shareWithinTarget),
      ),
    ),
  };
  const summary = steps
    .map(([label, s]) =>
      t.stepSummary(
        label,
        f.share(s.shareWithinTarget).text,
        s.targetWorkingDays,
        f.days(s.medianWorkingDays).text,
      ),
    )
    .join(' ');
  return { splits, table, summary };
}

/** Income gained and debt managed: the annual figure of each, and the amounts as recorded. */
export function valuesChart(report: ReferralReport, lang: Lang, f: Formats, t: ReportMessages) {
  const values = report.outcomeValues;
  if (!values || Object.keys(values).length === 0) return undefined;
  const entries = Object.entries(values);
  const bars: Bar[] = entries.map(([code, v]) => ({
    label: labelIn(outcomeCodes, code, lang),
    value: v.annualPence,
    text: f.pence(v.annualPence).text,
  }));
  const rows: Cell[][] = entries.flatMap(([code, v]) => {
    const label = labelIn(outcomeCodes, code, lang);
    return [
      ...Object.entries(v.byFrequency).map(([frequency, x]) => [
        { text: label, value: label },
        { text: labelIn(frequencyCodes, frequency, lang), value: labelIn(frequencyCodes, frequency, lang) },
        f.count(x.count),
        f.pence(x.pence),
      ]),
      [
        { text: label, value: label },
        { text: t.overAYear, value: t.overAYear },
        f.count(v.count),
        f.pence(v.annualPence),
      ],
    ];
  });
  return {
    bars,
    table: { columns: [t.outcomeColumn, t.frequencyColumn, t.outcomesCount, t.amountColumn], rows },
    summary: t.valueSummary(bars.map((b) => `${b.label} ${b.text}`).join(', ')),
  };
}

/** The labels of the report's other tables. */
export const labels = {
  need: (code: string, lang: Lang) => labelIn(needCodes, code, lang),
  status: (code: string, lang: Lang) => labelIn(referralStatusCodes, code, lang),
  referrer: (code: string, lang: Lang) => labelIn(referrerTypeCodes, code, lang),
  outcome: (code: string, lang: Lang) => labelIn(outcomeCodes, code, lang),
};
