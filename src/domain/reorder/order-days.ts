/** The shop's order days: what an order placed today must cover until the next one arrives. */
import { dayIndex, weekdayOf } from './calendar.ts';
import { clampInt } from './numbers.ts';
import type { ReorderSettings } from './types.ts';

/** Days from `today` to the next order day strictly after it (1–7); 7 when no order day is set. */
export function daysToNextOrderDay(todayIdx: number, orderDays: readonly number[]): number {
  const wd = weekdayOf(todayIdx);
  let best = 7;
  for (const d of orderDays) {
    if (!Number.isInteger(d) || d < 0 || d > 6) continue;
    const gap = (d - wd + 7) % 7 || 7;
    if (gap < best) best = gap;
  }
  return best;
}

/**
 * Lead time + days until the next order day after today: what an order placed
 * today must cover, because the next order's delivery arrives that much later.
 */
export function protectionInterval(settings: ReorderSettings): number {
  const lead = clampInt(settings.leadTimeDays, 0, 90, 0);
  return lead + daysToNextOrderDay(dayIndex(settings.today), settings.orderDays);
}

/** Order days (0–6) in [from, to], `from` counted even when it is not an order day (the owner orders now). */
export function orderDaysBetween(from: number, to: number, orderDays: readonly number[]): number {
  if (to < from) return 0;
  const mask = new Array<boolean>(7).fill(false);
  for (const d of orderDays) if (Number.isInteger(d) && d >= 0 && d <= 6) mask[d] = true;
  let count = 1;
  for (let t = from + 1; t <= to; t++) if (mask[weekdayOf(t)]) count++;
  return count;
}
