/**
 * Dates as a person reads them ("14 March 1961", "14 Mawrth 1961"). A browser without Welsh
 * date data would fall back to its own default ("March 14, 1961"): then the catalogue's own
 * Welsh month names are used instead.
 */
import { MONTH_NAMES, type Lang } from '@hubkit/schema';

/** Whether this browser formats dates in `tag` itself (not in a fallback locale). */
export function hasDateLocale(tag: string): boolean {
  try {
    const [language] = tag.toLowerCase().split('-');
    return (
      Intl.DateTimeFormat.supportedLocalesOf(tag).length > 0 &&
      new Intl.DateTimeFormat(tag).resolvedOptions().locale.toLowerCase().split('-')[0] === language
    );
  } catch {
    return false;
  }
}

/**
 * A `YYYY-MM-DD` date written out in `lang`; the value as given when it is not a real date.
 * `hasLocale` says whether the browser has date data for a language (injectable for tests).
 */
export function longDate(
  value: string,
  lang: Lang,
  hasLocale: (tag: string) => boolean = hasDateLocale,
): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(value);
  const date = new Date(`${value}T12:00:00Z`);
  if (!match || Number.isNaN(date.getTime())) return value;
  const tag = lang === 'cy' ? 'cy-GB' : 'en-GB';
  if (hasLocale(tag))
    return new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  // Day, month name, year: the order both languages write.
  const [, year, month, day] = match;
  return `${Number(day)} ${MONTH_NAMES[lang][Number(month) - 1] ?? month} ${year}`;
}
