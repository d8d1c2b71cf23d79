import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isWorkingDay, workingDaysBetween } from './working-days.ts';

/** The weekdays of `year` that are not working days. */
function weekdayHolidays(year: number): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    const day = new Date(t);
    const iso = day.toISOString().slice(0, 10);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6 && !isWorkingDay(iso)) days.push(iso);
  }
  return days;
}

describe('working days in England and Wales', () => {
  it('are weekdays but the bank holidays, as gov.uk lists them, substitutes and one-offs included', () => {
    const listed: Record<number, string[]> = {
      // Early May on VE Day, a Friday; Boxing Day on a Saturday.
      2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
      // Christmas on a Saturday.
      2021: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
      // New Year on a Saturday, the Platinum Jubilee, a state funeral, Christmas on a Sunday.
      2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
      // New Year on a Sunday, a coronation.
      2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
      2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
      2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
    };
    for (const [year, days] of Object.entries(listed))
      assert.deepEqual(
        weekdayHolidays(Number(year)),
        days.map((d) => `${year}-${d}`),
        year,
      );
  });

  it('count the working days after one day up to and including another', () => {
    assert.equal(workingDaysBetween('2026-03-30', '2026-03-30'), 0, 'the same day');
    assert.equal(workingDaysBetween('2026-03-27', '2026-03-30'), 1, 'Friday to Monday');
    assert.equal(workingDaysBetween('2026-03-28', '2026-03-29'), 0, 'Saturday to Sunday');
    assert.equal(workingDaysBetween('2026-04-01', '2026-04-07'), 2, 'over Easter');
    assert.equal(workingDaysBetween('2026-04-07', '2026-04-01'), 0, 'backwards');
    // 261 weekdays, 8 of them bank holidays (1 January, the first, among them).
    assert.equal(workingDaysBetween('2026-01-01', '2026-12-31'), 253);
  });
});
