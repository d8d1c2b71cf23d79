/**
 * Working days in England and Wales: Monday to Friday but bank holidays. The regular holidays are
 * computed (Easter by the Gregorian computus, Mondays and substitute days by rule); the one-off
 * ones, and regular ones moved for an occasion, are listed, as proclaimed up to 2026. A new
 * proclamation (a jubilee, a state funeral) is a line here.
 */

/** Regular holidays moved for an occasion: the rule's day, and the day it fell on instead. */
const MOVED: Readonly<Record<string, string>> = {
  '1995-05-01': '1995-05-08', // VE Day's 50th anniversary
  '2002-05-27': '2002-06-04', // the Golden Jubilee
  '2012-05-28': '2012-06-04', // the Diamond Jubilee
  '2020-05-04': '2020-05-08', // VE Day's 75th anniversary
  '2022-05-30': '2022-06-02', // the Platinum Jubilee
};
/** Holidays for one occasion. */
const EXTRA = [
  '1999-12-31', // the millennium
  '2002-06-03', // the Golden Jubilee
  '2011-04-29', // a royal wedding
  '2012-06-05', // the Diamond Jubilee
  '2022-06-03', // the Platinum Jubilee
  '2022-09-19', // a state funeral
  '2023-05-08', // a coronation
];

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
/** 0 Sunday to 6 Saturday. */
const weekday = (n: number) => (((n + 4) % 7) + 7) % 7;
const ymd = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day) / DAY_MS;

/** Easter Sunday of `year` (the anonymous Gregorian algorithm), as a day number. */
function easter(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

/** The first Monday on or after day number `n`. */
const mondayFrom = (n: number) => n + ((8 - weekday(n)) % 7);

const holidayYears = new Map<number, ReadonlySet<number>>();

/** The bank holidays of England and Wales in `year`, as day numbers. */
function bankHolidays(year: number): ReadonlySet<number> {
  let found = holidayYears.get(year);
  if (found) return found;
  const newYear = ymd(year, 1, 1);
  const christmas = ymd(year, 12, 25);
  // A holiday on a weekend moves to the next weekday that is not already one.
  const christmasDays =
    weekday(christmas) === 6
      ? [christmas + 2, christmas + 3]
      : weekday(christmas) === 0
        ? [christmas + 1, christmas + 2]
        : weekday(christmas) === 5
          ? [christmas, christmas + 3]
          : [christmas, christmas + 1];
  const regular = [
    weekday(newYear) === 0 ? newYear + 1 : weekday(newYear) === 6 ? newYear + 2 : newYear,
    easter(year) - 2,
    easter(year) + 1,
    mondayFrom(ymd(year, 5, 1)),
    mondayFrom(ymd(year, 5, 25)),
    mondayFrom(ymd(year, 8, 25)),
    ...christmasDays,
  ].map((n) => dayNumber(MOVED[dayOf(n)] ?? dayOf(n)));
  const extra = EXTRA.filter((day) => day.startsWith(String(year))).map(dayNumber);
  found = new Set([...regular, ...extra]);
  holidayYears.set(year, found);
  return found;
}

/** True when `day` (`YYYY-MM-DD`) is a weekday and not a bank holiday in England and Wales. */
export function isWorkingDay(day: string): boolean {
  const n = dayNumber(day);
  return isWorkingDayNumber(n);
}

function isWorkingDayNumber(n: number): boolean {
  const w = weekday(n);
  if (w === 0 || w === 6) return false;
  return !bankHolidays(new Date(n * DAY_MS).getUTCFullYear()).has(n);
}

/**
 * Working days after `from` up to and including `to` (UK days, `YYYY-MM-DD`): 0 on the same day
 * or a later day that is not a working day, 1 from Friday to Monday. 0 when `to` is before `from`.
 */
export function workingDaysBetween(from: string, to: string): number {
  const start = dayNumber(from);
  const end = dayNumber(to);
  let days = 0;
  for (let n = start + 1; n <= end; n += 1) if (isWorkingDayNumber(n)) days += 1;
  return days;
}
