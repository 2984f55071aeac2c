/**
 * The report's periods: inclusive ranges of local days ('YYYY-MM-DD'), and the
 * periods each is compared with. Integer day arithmetic (reorder/calendar.ts):
 * no Date, no time zone.
 */
import { addDays, civilToIndex, dayIndex, dayString, indexToCivil, isDayString, weekdayOf } from '../reorder/calendar.ts';

export interface DayRange {
  from: string;
  to: string;
}

export type PeriodPreset = 'today' | 'this-week' | 'this-month' | 'last-month' | 'last-30-days';

export const PERIOD_PRESETS: readonly PeriodPreset[] = ['today', 'this-week', 'this-month', 'last-month', 'last-30-days'];

/** A preset period as days, given today's local day. Weeks start on Monday. */
export function presetRange(preset: PeriodPreset, today: string): DayRange {
  const t = dayIndex(today);
  const { year, month } = indexToCivil(t);
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'this-week':
      // weekdayOf: 0 Sunday … 6 Saturday.
      return { from: dayString(t - ((weekdayOf(t) + 6) % 7)), to: today };
    case 'this-month':
      return { from: dayString(civilToIndex(year, month, 1)), to: today };
    case 'last-month': {
      const first = civilToIndex(year, month, 1);
      const prev = indexToCivil(first - 1);
      return { from: dayString(civilToIndex(prev.year, prev.month, 1)), to: dayString(first - 1) };
    }
    case 'last-30-days':
      return { from: addDays(today, -29), to: today };
  }
}

export function daysIn(range: DayRange): number {
  return Math.max(0, dayIndex(range.to) - dayIndex(range.from) + 1);
}

/** Every day of the range, oldest first. */
export function eachDay(range: DayRange): string[] {
  const days: string[] = [];
  for (let i = dayIndex(range.from), end = dayIndex(range.to); i <= end; i++) days.push(dayString(i));
  return days;
}

/** The period of the same length just before. */
export function previousPeriod(range: DayRange): DayRange {
  const n = daysIn(range);
  return { from: addDays(range.from, -n), to: addDays(range.from, -1) };
}

/** The same dates a year earlier (29 February becomes the 28th). */
export function sameLastYear(range: DayRange): DayRange {
  return { from: yearEarlier(range.from), to: yearEarlier(range.to) };
}

function yearEarlier(day: string): string {
  const { year, month, day: d } = indexToCivil(dayIndex(day));
  return dayString(civilToIndex(year - 1, month, month === 2 && d === 29 ? 28 : d));
}

/** A range a person typed: both days valid and from ≤ to. */
export function isRange(range: DayRange): boolean {
  return isDayString(range.from) && isDayString(range.to) && range.from <= range.to;
}
