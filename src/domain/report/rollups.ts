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
 * - DayProducts per day: every product's daily total of that day in one record.
 */
import type { DailyTotal } from '../product.ts';

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

/**
 * Every product's daily total of one day in one record, column by column: the
 * report reads a month as 30 of these instead of 15,000 daily-total records
 * (IndexedDB's cost is per record, not per byte). It mirrors the dailyTotals
 * store exactly: each time a daily total is written, its row here is set to it.
 */
export interface DayProducts {
  day: string;
  /** Product codes, in the order their first movement of the day came. */
  codes: string[];
  /** DAY_FIELDS numbers per code, in codes' order: see DAY_FIELD_NAMES. */
  sums: number[];
  /**
   * Movements per code, in codes' order (DB version 10): with them a day record
   * holds its daily totals whole, so the `dailyTotals` rows of past days go.
   */
  moves?: number[];
}

export const DAY_FIELD_NAMES = ['sold', 'received', 'adjusted', 'soldCents', 'soldCostCents', 'uncostedCents'] as const;
export const DAY_FIELDS = DAY_FIELD_NAMES.length;

/** The record with `total`'s row set to it (added when the product had none that day). */
export function setDayProduct(record: DayProducts | undefined, total: DailyTotal): DayProducts {
  const next: DayProducts = record
    ? { day: record.day, codes: record.codes, sums: record.sums, moves: record.moves ?? [] }
    : { day: total.day, codes: [], sums: [], moves: [] };
  let row = next.codes.indexOf(total.code);
  if (row < 0) {
    next.codes = [...next.codes, total.code];
    row = next.codes.length - 1;
  }
  const at = row * DAY_FIELDS;
  const sums = next.sums.slice();
  sums[at] = total.sold;
  sums[at + 1] = total.received;
  sums[at + 2] = total.adjusted;
  sums[at + 3] = total.soldCents ?? 0;
  sums[at + 4] = total.soldCostCents ?? 0;
  sums[at + 5] = total.uncostedCents ?? 0;
  next.sums = sums;
  const moves = next.moves!.slice();
  moves[row] = total.movements;
  next.moves = moves;
  return next;
}

/** Day records built from daily totals (the demo shop, the back-fill, the bench). */
export function dayProductsOf(totals: Iterable<DailyTotal>): DayProducts[] {
  const byDay = new Map<string, DayProducts>();
  for (const t of totals) {
    let rec = byDay.get(t.day);
    if (!rec) byDay.set(t.day, (rec = { day: t.day, codes: [], sums: [], moves: [] }));
    rec.codes.push(t.code);
    rec.moves!.push(t.movements);
    rec.sums.push(t.sold, t.received, t.adjusted, t.soldCents ?? 0, t.soldCostCents ?? 0, t.uncostedCents ?? 0);
  }
  return [...byDay.values()];
}

/** The daily totals a day record holds (movements 0 in a record from before DB version 10). */
export function dailyTotalsOf(record: DayProducts): DailyTotal[] {
  const out: DailyTotal[] = [];
  for (let row = 0; row < record.codes.length; row++) out.push(totalOfRow(record, row));
  return out;
}

/** One product's daily total in a day record; undefined when it had none that day. */
export function dayProductOf(record: DayProducts | undefined, code: string): DailyTotal | undefined {
  const row = record ? record.codes.indexOf(code) : -1;
  return row < 0 ? undefined : totalOfRow(record!, row);
}

function totalOfRow(record: DayProducts, row: number): DailyTotal {
  const s = record.sums;
  const at = row * DAY_FIELDS;
  const t: DailyTotal = {
    code: record.codes[row]!,
    day: record.day,
    sold: s[at]!,
    received: s[at + 1]!,
    adjusted: s[at + 2]!,
    movements: record.moves?.[row] ?? 0,
  };
  if (s[at + 3]) t.soldCents = s[at + 3]!;
  if (s[at + 4]) t.soldCostCents = s[at + 4]!;
  if (s[at + 5]) t.uncostedCents = s[at + 5]!;
  return t;
}
