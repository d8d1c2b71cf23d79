/**
 * Dates typed as day, month and year (the GOV.UK date input): month names accepted ("March",
 * "mar", "Mawrth"), and, when the parts do not make a date, what is missing or wrong, so the
 * message can say so ("Date of birth must include a month", "Year must include 4 numbers").
 */
import type { Lang } from './codelists.ts';

/** Month names, January first, in English and Welsh (the catalogue's own, for browsers without Welsh dates). */
export const MONTH_NAMES: Readonly<Record<Lang, readonly string[]>> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  cy: [
    'Ionawr',
    'Chwefror',
    'Mawrth',
    'Ebrill',
    'Mai',
    'Mehefin',
    'Gorffennaf',
    'Awst',
    'Medi',
    'Hydref',
    'Tachwedd',
    'Rhagfyr',
  ],
};

const fold = (text: string) =>
  text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[.\s]/gu, '');

/**
 * The month (1–12) a person typed: a number, or a month's name in English or Welsh, whole or
 * its first three letters ("mar", "Sept", "Maw"); undefined when it is neither.
 */
export function monthOf(typed: string): number | undefined {
  const text = fold(typed);
  if (/^\d{1,2}$/u.test(text)) {
    const n = Number(text);
    return n >= 1 && n <= 12 ? n : undefined;
  }
  if (text.length < 3) return undefined;
  for (const names of [MONTH_NAMES.en, MONTH_NAMES.cy]) {
    const at = names.findIndex((name) => fold(name).startsWith(text));
    if (at >= 0) return at + 1;
  }
  return undefined;
}

/**
 * A date from its typed parts: `YYYY-MM-DD` when they are numbers (month names accepted), else
 * the parts as typed, joined `year-month-day`, which the schema refuses and `datePartsProblem`
 * explains. Undefined when nothing was typed.
 */
export function dateFromParts(day: string, month: string, year: string): string | undefined {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (!d && !m && !y) return undefined;
  const monthNumber = monthOf(m);
  if (!/^\d{1,2}$/u.test(d) || monthNumber === undefined || !/^\d{4}$/u.test(y)) return `${y}-${m}-${d}`;
  return `${y}-${String(monthNumber).padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** What is wrong with typed date parts, in the GOV.UK date-input terms. */
export type DatePartsProblem =
  | 'missing_day'
  | 'missing_month'
  | 'missing_year'
  | 'missing_day_month'
  | 'missing_day_year'
  | 'missing_month_year'
  | 'year_digits'
  | 'not_real';

/** What is missing or wrong in a date given as `year-month-day` parts; undefined for a date that is not parts. */
export function datePartsProblem(value: string): DatePartsProblem | undefined {
  const parts = /^([^-]*)-([^-]*)-([^-]*)$/u.exec(value);
  if (!parts) return undefined;
  const [, y = '', m = '', d = ''] = parts;
  const missing = [d ? '' : 'day', m ? '' : 'month', y ? '' : 'year'].filter(Boolean);
  if (missing.length === 3) return undefined;
  if (missing.length > 0) return `missing_${missing.join('_')}` as DatePartsProblem;
  if (!/^\d{4}$/u.test(y)) return 'year_digits';
  return 'not_real';
}
