/**
 * The referral report: its period, what the stores count, and the report as published, once for
 * every store. The stores count (in SQL on SQLite and PostgreSQL, in `countReport` in memory) by
 * UK day and by code; the days become weeks, months and working days here, and small numbers are
 * hidden here.
 */
import {
  EQUALITY_CHARACTERISTICS,
  isTerminal,
  postcodeDistrict,
  VALUED_OUTCOMES,
  type Referral,
  type ReferralReport,
  type ReportBucket,
  type ReportOutcomeValue,
  type ReportTimeliness,
} from '@hubkit/schema';
import { workingDaysBetween } from './working-days.ts';

/** Midnight at the start of a UK calendar day (`2026-03-29`), in Europe/London time. */
export function ukMidnight(day: string): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  // Clocks change at 01:00 UTC, so the offset at 00:00 UTC is the offset at local midnight.
  const zone = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'shortOffset' })
    .formatToParts(new Date(utcMidnight))
    .find((part) => part.type === 'timeZoneName')?.value;
  const hours = Number(/GMT([+-]\d+)/.exec(zone ?? '')?.[1] ?? 0);
  return new Date(utcMidnight - hours * 3_600_000);
}

/** A report's period as instants: whole UK days, from the start of `from` to the end of `to`. */
export function reportPeriod(from: string, to: string): { from: string; until: string } {
  // After 9999, ISO 8601 writes a year in six digits (`+010000-…`), which sorts as text before
  // every four-digit year, as the stores compare instants: the calendar's last day ends at 24:00,
  // ISO 8601's end of a day (London keeps GMT in winter, so that is the very instant).
  if (to === '9999-12-31') return { from: ukMidnight(from).toISOString(), until: '9999-12-31T24:00:00.000Z' };
  const dayAfter = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { from: ukMidnight(from).toISOString(), until: ukMidnight(dayAfter).toISOString() };
}

let ukDays: Intl.DateTimeFormat | undefined;
/** The UK calendar day (`YYYY-MM-DD`) of an instant. */
export function ukDay(instant: string): string {
  return (ukDays ??= new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })).format(
    Date.parse(instant),
  );
}

/** A referral's first contact is its first move into one of these (the schema's `timeliness` says why). */
export const FIRST_CONTACT_STATUSES = ['accepted', 'assigned', 'in_progress'] as const;
/** A referral closes when it moves into this. */
export const CLOSE_STATUS = 'closed';

/** Referrals submitted on one UK day that reached a step on another (`reached`), or not yet. */
export interface WaitCount {
  submitted: string;
  reached: string | null;
  /** Not declined, withdrawn or closed: still able to reach the step. */
  open: boolean;
  n: number;
}

/** Outcomes of one code with an amount of one frequency: how many, and their sum in pence. */
export interface OutcomeAmountCount {
  code: string;
  frequency: string;
  n: number;
  pence: number;
}

/** What a report counts, before small numbers are hidden. */
export interface ReportCounts {
  total: number;
  byNeed: Record<string, number>;
  byStatus: Record<string, number>;
  byPriority: Record<string, number>;
  byOutcome: Record<string, number>;
  byReferrerType: Record<string, number>;
  byArea: Record<string, number>;
  /** Referrals made on each UK day that had any. */
  byDay: Record<string, number>;
  /** Each UK day's referrals by need. */
  byDayAndNeed: Record<string, Record<string, number>>;
  /** Referrals submitted, by UK day of submission and of first contact. */
  firstContact: WaitCount[];
  /** Referrals submitted, by UK day of submission and of closing. */
  close: WaitCount[];
  /** Income gained and debt managed with an amount (`VALUED_OUTCOMES`). */
  outcomeAmounts: OutcomeAmountCount[];
  /** By each of `EQUALITY_CHARACTERISTICS`: its codes, and `not_asked`. */
  byEquality: Record<string, Record<string, number>>;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function countBy(keys: readonly (string | null)[]): Record<string, number> {
  const counts = new Map<string | null, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  const ordered = [...counts.entries()].sort(([a], [b]) =>
    a === null ? (b === null ? 0 : -1) : b === null ? 1 : compare(a, b),
  );
  return Object.fromEntries(ordered.map(([k, n]) => [k ?? 'unknown', n]));
}

function waits(made: readonly Referral[], reached: (r: Referral) => string | undefined): WaitCount[] {
  const rows = new Map<string, WaitCount>();
  for (const r of made) {
    if (r.submittedAt === null) continue;
    const at = reached(r);
    const row = {
      submitted: ukDay(r.submittedAt),
      reached: at ? ukDay(at) : null,
      open: !isTerminal(r.status),
    };
    const key = JSON.stringify(row);
    const found = rows.get(key);
    if (found) found.n += 1;
    else rows.set(key, { ...row, n: 1 });
  }
  return [...rows.values()];
}

/** What the in-memory store counts: the same as the SQL stores' queries, over the referrals made in the period. */
export function countReport(made: readonly Referral[]): ReportCounts {
  const district = (r: Referral) => {
    const postcode = r.resident.address?.postcode;
    return postcode ? postcodeDistrict(postcode) : null;
  };
  const firstAt = (r: Referral, to: readonly string[]) => r.history.find((h) => to.includes(h.to))?.at;
  const byDayAndNeed: Record<string, Record<string, number>> = {};
  for (const r of made) {
    const day = (byDayAndNeed[ukDay(r.createdAt)] ??= {});
    for (const need of r.needs) day[need.code] = (day[need.code] ?? 0) + 1;
  }
  const amounts = new Map<string, OutcomeAmountCount>();
  for (const o of made.flatMap((r) => r.outcomes)) {
    if (!(VALUED_OUTCOMES as readonly string[]).includes(o.code) || !o.amount) continue;
    const key = `${o.code} ${o.amount.frequency}`;
    const found = amounts.get(key) ?? { code: o.code, frequency: o.amount.frequency, n: 0, pence: 0 };
    found.n += 1;
    found.pence += o.amount.amount;
    amounts.set(key, found);
  }
  return {
    total: made.length,
    byNeed: countBy(made.flatMap((r) => r.needs.map((n) => n.code))),
    byStatus: countBy(made.map((r) => r.status)),
    byPriority: countBy(made.map((r) => r.priority)),
    byOutcome: countBy(made.flatMap((r) => r.outcomes.map((o) => o.code))),
    byReferrerType: countBy(made.map((r) => r.referrer.type)),
    byArea: countBy(made.map(district)),
    byDay: countBy(made.map((r) => ukDay(r.createdAt))),
    byDayAndNeed,
    firstContact: waits(made, (r) => firstAt(r, FIRST_CONTACT_STATUSES)),
    close: waits(made, (r) => firstAt(r, [CLOSE_STATUS])),
    outcomeAmounts: [...amounts.values()],
    byEquality: Object.fromEntries(
      EQUALITY_CHARACTERISTICS.map((c) => [
        c,
        countBy(made.map((r) => r.resident.equality?.[c] ?? 'not_asked')),
      ]),
    ),
  };
}

/** What the report is asked for, as the query schema gives it. */
export interface ReportRequest {
  from: string;
  to: string;
  suppressSmallNumbers?: 'true' | 'false' | undefined;
  interval?: 'week' | 'month' | undefined;
  seriesByNeed?: 'true' | 'false' | undefined;
  targetWorkingDays?: number | undefined;
  closeTargetWorkingDays?: number | undefined;
}

/** Two working days to first contact; twenty (four working weeks) to close. */
export const DEFAULT_TARGETS = { firstContact: 2, close: 20 } as const;

/** Each frequency's amounts over a year. */
const PER_YEAR: Readonly<Record<string, number>> = {
  one_off: 1,
  weekly: 52,
  fortnightly: 26,
  four_weekly: 13,
  monthly: 12,
  yearly: 1,
};

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** The first day of the week (Monday) or month that `day` is in. */
function bucketOf(day: string, interval: 'week' | 'month'): string {
  if (interval === 'month') return `${day.slice(0, 7)}-01`;
  const n = dayNumber(day);
  return dayOf(n - ((new Date(n * DAY_MS).getUTCDay() + 6) % 7));
}

/** The first day of the week or month after the one starting on `start`. */
function nextBucket(start: string, interval: 'week' | 'month'): string {
  if (interval === 'week') return dayOf(dayNumber(start) + 7);
  const [year, month] = [Number(start.slice(0, 4)), Number(start.slice(5, 7))];
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
}

/** The median of a histogram of whole numbers (the mean of the middle two for an even count). */
function median(histogram: ReadonlyMap<number, number>): number | null {
  const values = [...histogram.entries()].sort(([a], [b]) => a - b);
  const size = values.reduce((sum, [, n]) => sum + n, 0);
  if (size === 0) return null;
  const at = (position: number) => {
    let seen = 0;
    for (const [value, n] of values) {
      seen += n;
      if (position < seen) return value;
    }
    return Number.NaN;
  };
  return size % 2 === 1 ? at((size - 1) / 2) : (at(size / 2 - 1) + at(size / 2)) / 2;
}

/**
 * The report as published. With `suppressSmallNumbers`, counts of 1 to 4, which could point to
 * a person, are hidden (null), and one more in a table where a single hidden count could be
 * found by subtraction; so are medians over fewer than 5 referrals, and sums whose count is hidden.
 */
export function publishedReport(query: ReportRequest, counts: ReportCounts, now: string): ReferralReport {
  const suppress = query.suppressSmallNumbers === 'true';
  const small = (n: number) => suppress && n > 0 && n < 5;
  const one = (n: number) => (small(n) ? null : n);
  const table = (record: Record<string, number>): Record<string, number | null> => {
    const entries = Object.entries(record);
    const hidden = new Set(entries.filter(([, n]) => small(n)).map(([k]) => k));
    if (suppress && hidden.size === 1) {
      const next = entries.filter(([k, n]) => !hidden.has(k) && n > 0).sort((a, b) => a[1] - b[1])[0];
      if (next) hidden.add(next[0]);
    }
    return Object.fromEntries(entries.map(([k, n]) => [k, hidden.has(k) ? null : n]));
  };

  const today = ukDay(now);
  const timeliness = (rows: readonly WaitCount[], target: number): ReportTimeliness => {
    const days = new Map<number, number>();
    let [reached, within, outside, waiting] = [0, 0, 0, 0];
    for (const row of rows) {
      if (row.reached !== null) {
        const d = workingDaysBetween(row.submitted, row.reached);
        days.set(d, (days.get(d) ?? 0) + row.n);
        reached += row.n;
        if (d <= target) within += row.n;
        else outside += row.n;
      } else if (row.open) {
        if (workingDaysBetween(row.submitted, today) > target) outside += row.n;
        else waiting += row.n;
      }
    }
    const shown = table({ within, outside });
    const [w, o] = [shown.within ?? null, shown.outside ?? null];
    return {
      targetWorkingDays: target,
      reached: one(reached),
      medianWorkingDays: suppress && reached < 5 ? null : median(days),
      withinTarget: w,
      outsideTarget: o,
      waiting: one(waiting),
      shareWithinTarget:
        w === null || o === null || w + o === 0 ? null : Math.round((w / (w + o)) * 10_000) / 10_000,
    };
  };

  const outcomeValue = (code: string): ReportOutcomeValue => {
    const rows = counts.outcomeAmounts.filter((row) => row.code === code);
    const shown = table(Object.fromEntries(rows.map((row) => [row.frequency, row.n])));
    const hidden = Object.values(shown).some((n) => n === null);
    return {
      count: one(counts.byOutcome[code] ?? 0),
      byFrequency: Object.fromEntries(
        rows.map((row) => {
          const n = shown[row.frequency] ?? null;
          return [row.frequency, { count: n, pence: n === null ? null : row.pence }];
        }),
      ),
      annualPence: hidden
        ? null
        : rows.reduce((sum, row) => sum + row.pence * (PER_YEAR[row.frequency] ?? 1), 0),
    };
  };

  const series = (interval: 'week' | 'month'): ReportBucket[] => {
    const starts: string[] = [];
    for (let start = bucketOf(query.from, interval); start <= query.to; start = nextBucket(start, interval))
      starts.push(start);
    const totals = Object.fromEntries(starts.map((s) => [s, 0]));
    const needs: Record<string, Record<string, number>> = Object.fromEntries(starts.map((s) => [s, {}]));
    const allNeeds = new Set<string>();
    for (const [day, n] of Object.entries(counts.byDay)) {
      const start = bucketOf(day, interval);
      if (start in totals) totals[start] = (totals[start] ?? 0) + n;
    }
    for (const [day, byNeed] of Object.entries(counts.byDayAndNeed)) {
      const bucket = needs[bucketOf(day, interval)];
      if (!bucket) continue;
      for (const [need, n] of Object.entries(byNeed)) {
        bucket[need] = (bucket[need] ?? 0) + n;
        allNeeds.add(need);
      }
    }
    const shownTotals = table(totals);
    const needOrder = [...allNeeds].sort(compare);
    return starts.map((start) => {
      const end = dayOf(dayNumber(nextBucket(start, interval)) - 1);
      const bucketNeeds = needs[start] ?? {};
      return {
        start: start < query.from ? query.from : start,
        end: end > query.to ? query.to : end,
        total: shownTotals[start] ?? null,
        ...(query.seriesByNeed === 'true'
          ? { byNeed: table(Object.fromEntries(needOrder.map((need) => [need, bucketNeeds[need] ?? 0]))) }
          : {}),
      };
    });
  };

  return {
    from: query.from,
    to: query.to,
    generatedAt: now,
    total: one(counts.total),
    byNeed: table(counts.byNeed),
    byStatus: table(counts.byStatus),
    byPriority: table(counts.byPriority),
    byOutcome: table(counts.byOutcome),
    byReferrerType: table(counts.byReferrerType),
    byArea: table(counts.byArea),
    smallNumbersSuppressed: suppress,
    ...(query.interval ? { series: { interval: query.interval, buckets: series(query.interval) } } : {}),
    timeliness: {
      firstContact: timeliness(counts.firstContact, query.targetWorkingDays ?? DEFAULT_TARGETS.firstContact),
      close: timeliness(counts.close, query.closeTargetWorkingDays ?? DEFAULT_TARGETS.close),
    },
    outcomeValues: Object.fromEntries(VALUED_OUTCOMES.map((code) => [code, outcomeValue(code)])),
    byEquality: Object.fromEntries(
      EQUALITY_CHARACTERISTICS.map((c) => [c, table(counts.byEquality[c] ?? {})]),
    ),
  };
}
