/**
 * The business report's reading side: one read-only transaction over the
 * products and the rollups (the day records of every product's daily totals,
 * hourly totals), never the
 * movements or the scans, then the pure builder in src/domain/report/.
 * Owner only: canDo('view-report').
 */
import { localDay } from '../domain/product.ts';
import type { PriceBands } from '../domain/report/bands.ts';
import { previousPeriod, sameLastYear, type DayRange } from '../domain/report/periods.ts';
import { buildReport, dailyTotalsSpan, type BusinessReport } from '../domain/report/report.ts';
import { dailyTotalsOf, type HourlyTotal } from '../domain/report/rollups.ts';
import { getDb } from './db.ts';
import { requireRole } from './roles.ts';

function hourRange(range: DayRange): IDBKeyRange {
  return IDBKeyRange.bound([range.from, 0], [range.to, 23]);
}

/** The report for `range` (local days, inclusive). Throws NotAllowedError unless canDo('view-report'). */
export async function loadReport(range: DayRange, options: { now?: number; bands?: PriceBands } = {}): Promise<BusinessReport> {
  requireRole('view-report');
  const today = localDay(options.now ?? Date.now());
  const span = dailyTotalsSpan(range, today);
  const db = await getDb();
  const tx = db.transaction(['products', 'dayProducts', 'hourlyTotals'], 'readonly');
  const hourly = tx.objectStore('hourlyTotals');
  const [products, dayRecords, inRange, previous, lastYear] = await Promise.all([
    tx.objectStore('products').getAll(),
    // One record per day holding every product's total: 30 reads for a month, not 15,000.
    tx.objectStore('dayProducts').getAll(IDBKeyRange.bound(span.from, span.to)),
    hourly.getAll(hourRange(range)) as Promise<HourlyTotal[]>,
    hourly.getAll(hourRange(previousPeriod(range))) as Promise<HourlyTotal[]>,
    hourly.getAll(hourRange(sameLastYear(range))) as Promise<HourlyTotal[]>,
  ]);
  await tx.done;
  return buildReport({
    range,
    today,
    products,
    dailyTotals: dayRecords.flatMap(dailyTotalsOf),
    hourly: inRange,
    previousHourly: previous,
    lastYearHourly: lastYear,
    createdDay: (p) => localDay(p.createdAt),
    ...(options.bands ? { bands: options.bands } : {}),
  });
}
