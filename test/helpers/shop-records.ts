/** Records as the data layer stores them, for tests that put a shop's history in place directly. */
import type { DailyTotal } from '../../src/domain/product.ts';

/** One product's totals for one day; one movement and nothing sold, received or adjusted unless `fields` says so. */
export function dailyTotal(code: string, day: string, fields: Partial<DailyTotal> = {}): DailyTotal {
  return { code, day, sold: 0, received: 0, adjusted: 0, movements: 1, ...fields };
}
