/**
 * The date of birth as the schema takes it, from the three GOV.UK date fields. Apart from
 * model.ts, so the first step paints without the schema's date parsing (draft.ts and the check
 * page, loaded later, use it).
 */
import { dateFromParts } from '@hubkit/schema';

/** `YYYY-MM-DD` from the three GOV.UK date fields; undefined when all three are blank. */
export function dateOf(day: string, month: string, year: string): string | undefined {
  // Month names accepted ("March", "mar", "Mawrth"); parts that make no date go to the schema
  // as typed, and its message says what is missing or wrong.
  return dateFromParts(day, month, year);
}
