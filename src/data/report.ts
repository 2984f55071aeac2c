/**
 * The business report's reading side: one read-only transaction over the
 * products and the rollups (the day records of every product's daily totals,
 * hourly totals), never the
 * movements or the scans, then the pure builder in src/domain/report/.
 * Owner only: canDo('view-report').
 */
import { localDay } from '../domain/product.ts';
import { DEFAULT_PRICE_BANDS, MAX_BAND_LIMITS, type PriceBands } from '../domain/report/bands.ts';
import { previousPeriod, sameLastYear, type DayRange } from '../domain/report/periods.ts';
import { buildReport, dailyTotalsSpan, type BusinessReport } from '../domain/report/report.ts';
import type { HourlyTotal } from '../domain/report/rollups.ts';
import { dailyTotals } from './history.ts';
import { getDb, inTransaction } from './db.ts';
import { requireRole } from './roles.ts';
import { appendAuditIn } from './audit.ts';

const PRICE_BANDS_KEY = 'report-price-bands';

/** The price bands the report uses: the owner's, or the defaults (cigarettes per carton). */
export async function getPriceBands(): Promise<PriceBands> {
  const db = await getDb();
  const stored = await db.get('settings', PRICE_BANDS_KEY);
  if (!stored || stored.key !== PRICE_BANDS_KEY) return DEFAULT_PRICE_BANDS;
  return { ...DEFAULT_PRICE_BANDS, cartonLimitsCents: stored.cartonLimitsCents, packLimitsCents: stored.packLimitsCents };
}

/** A band list that is not ascending limits above 0 (at most MAX_BAND_LIMITS). */
export class PriceBandsError extends Error {
  override name = 'PriceBandsError';
}

function checkLimits(limits: readonly number[]): boolean {
  return (
    limits.length >= 1 &&
    limits.length <= MAX_BAND_LIMITS &&
    limits.every((c, i) => Number.isSafeInteger(c) && c > 0 && (i === 0 || c > limits[i - 1]!))
  );
}

/** Save the owner's band limits (owner only: 'settings'); the audit entry in the same transaction. */
export async function putPriceBands(
  limits: { cartonLimitsCents: readonly number[]; packLimitsCents: readonly number[] },
  now = Date.now(),
): Promise<PriceBands> {
  const audit = requireRole('settings');
  if (!checkLimits(limits.cartonLimitsCents) || !checkLimits(limits.packLimitsCents)) {
    throw new PriceBandsError('price bands must be ascending amounts above 0');
  }
  await inTransaction(['settings', 'audit'], 'readwrite', async (tx) => {
    await Promise.all([
      tx.objectStore('settings').put({
        key: PRICE_BANDS_KEY,
        cartonLimitsCents: [...limits.cartonLimitsCents],
        packLimitsCents: [...limits.packLimitsCents],
        updatedAt: now,
      }),
      appendAuditIn(tx.objectStore('audit'), { ...audit, detail: 'report price bands' }),
    ]);
  });
  return getPriceBands();
}

function hourRange(range: DayRange): IDBKeyRange {
  return IDBKeyRange.bound([range.from, 0], [range.to, 23]);
}

/** The report for `range` (local days, inclusive). Throws NotAllowedError unless canDo('view-report'). */
export async function loadReport(range: DayRange, options: { now?: number; bands?: PriceBands } = {}): Promise<BusinessReport> {
  requireRole('view-report');
  const bands = options.bands ?? (await getPriceBands());
  const today = localDay(options.now ?? Date.now());
  const span = dailyTotalsSpan(range, today);
  const db = await getDb();
  const tx = db.transaction(['products', 'dayProducts', 'hourlyTotals'], 'readonly');
  const hourly = tx.objectStore('hourlyTotals');
  const [products, totals, inRange, previous, lastYear] = await Promise.all([
    tx.objectStore('products').getAll(),
    // One record per day holding every product's total: 30 reads for a month, not 15,000.
    dailyTotals(tx, { from: span.from, to: span.to }),
    hourly.getAll(hourRange(range)) as Promise<HourlyTotal[]>,
    hourly.getAll(hourRange(previousPeriod(range))) as Promise<HourlyTotal[]>,
    hourly.getAll(hourRange(sameLastYear(range))) as Promise<HourlyTotal[]>,
  ]);
  await tx.done;
  return buildReport({
    range,
    today,
    products,
    dailyTotals: totals,
    hourly: inRange,
    previousHourly: previous,
    lastYearHourly: lastYear,
    createdDay: (p) => localDay(p.createdAt),
    bands,
  });
}
