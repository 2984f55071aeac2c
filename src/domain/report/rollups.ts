/**
 * The report's rollups: sums kept in the same IndexedDB transaction as the
 * movements they sum, so the business report reads a few hundred small records
 * instead of every scan or movement. Pure: src/data writes them, the demo shop
 * and the bench build them with the same functions.
 *
 * - DailyTotal (src/domain/product.ts) per product and day carries the money of
 *   the sales: soldCents, soldCostCents, and what was sold without a cost price.
 * - HourlyTotal per shop hour: sales money, packs, number of sales and reversals,
 *   and the waiting time of each sale closed in that hour.
 */

/** The whole shop's sales in one local hour of one local day. */
export interface HourlyTotal {
  /** 'YYYY-MM-DD' local day. */
  day: string;
  /** Local hour 0–23. */
  hour: number;
  /** Money taken, integer cents: sales minus reversals recorded in this hour. */
  salesCents: number;
  /** Packs sold minus packs taken back. */
  packs: number;
  /** Sales closed in this hour. */
  sales: number;
  /** Sales reversed in this hour (whenever they were closed). */
  reversals: number;
  /**
   * Whole seconds from the first scan to closing, one per sale closed in this
   * hour (a clock that jumped back gives no entry rather than a negative one).
   */
  waitSeconds: number[];
}

export function emptyHour(day: string, hour: number): HourlyTotal {
  return { day, hour, salesCents: 0, packs: 0, sales: 0, reversals: 0, waitSeconds: [] };
}

/** The local hour (0–23) of a wall-clock time. */
export function localHour(ms: number): number {
  return new Date(ms).getHours();
}

/** Seconds a customer waited, or undefined when the clock ran backwards between scan and close. */
export function waitSecondsOf(firstScanAt: number, closedAt: number): number | undefined {
  const ms = closedAt - firstScanAt;
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  return Math.round(ms / 1000);
}

/** Add one closed sale to its hour. */
export function addSaleToHour(
  total: HourlyTotal | undefined,
  sale: { day: string; hour: number; amountCents: number; packs: number; waitSeconds?: number | undefined },
): HourlyTotal {
  const next = total ? { ...total, waitSeconds: [...total.waitSeconds] } : emptyHour(sale.day, sale.hour);
  next.salesCents += sale.amountCents;
  next.packs += sale.packs;
  next.sales += 1;
  if (sale.waitSeconds !== undefined) next.waitSeconds.push(sale.waitSeconds);
  return next;
}

/** Add one reversal to the hour it was recorded in: its money and packs come off there. */
export function addReversalToHour(
  total: HourlyTotal | undefined,
  reversal: { day: string; hour: number; amountCents: number; packs: number },
): HourlyTotal {
  const next = total ? { ...total, waitSeconds: [...total.waitSeconds] } : emptyHour(reversal.day, reversal.hour);
  next.salesCents -= reversal.amountCents;
  next.packs -= reversal.packs;
  next.reversals += 1;
  return next;
}
