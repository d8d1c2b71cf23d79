/**
 * Money is carried as a whole number of pence (the currency's minor unit), as payment APIs
 * carry it: integers compare, add and validate exactly everywhere, where decimal pounds do not
 * (a JSON Schema `multipleOf: 0.01` rejects £1.15 in validators that divide floats). Pounds
 * appear only at the edges that need them, such as FHIR's `Money.value`, computed here.
 */

/** The largest amount the API takes: £10 million, in pence. */
export const MAX_PENCE = 1_000_000_000;

/** A whole number of pence as decimal pounds, exactly as written: 115 → 1.15, 7 → 0.07. */
export function penceToPounds(pence: number): number {
  if (!Number.isSafeInteger(pence)) throw new RangeError('pence must be a whole number');
  // Division is correctly rounded, so the result is the number nearest the decimal n/100, and it
  // prints (and serialises to JSON) as that decimal.
  return pence / 100;
}

/**
 * Decimal pounds as a whole number of pence, exactly (1.15 → 115, never 114 from float error),
 * or undefined when the amount is not a whole number of pence at or above zero (1.155, -1, NaN).
 * Read from the number's shortest decimal form, so no multiplication can lose a penny.
 */
export function poundsToPence(pounds: number): number | undefined {
  const found = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(pounds));
  if (!found) return undefined;
  const pence = Number(found[1]) * 100 + Number((found[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(pence) ? pence : undefined;
}
