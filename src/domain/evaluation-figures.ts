/**
 * One quarter's evaluation figures (QuarterFigures) from the ledger's rollups:
 * the products, their daily totals, the placed orders, the closed stocktakes,
 * and a few counts the data layer takes from scans and feedback. Pure, so the
 * definitions below are tested against small hand-made ledgers.
 *
 * Definitions (README "The quarterly evaluation (五项功能)"):
 * - The quarter is measured up to its last day or today, whichever is first.
 * - Stock at the end of a day is the product's stock now less every change
 *   (received + adjusted − sold) recorded after that day.
 * - A regular product is one not discontinued that sold in at least half of
 *   the quarter's weeks (7-day blocks from its first day).
 * - Days of cover = stock at the end ÷ average packs sold a day over the last
 *   28 days; in band when COVER_BAND_DAYS.min ≤ cover ≤ COVER_BAND_DAYS.max.
 * - A slow mover has stock at the end and no sale in the 56 days before.
 * - 动销率: products carried (not discontinued, with stock or a sale in the
 *   quarter) that sold at least once.
 * - An order line followed the advice when it is within ±1 order unit
 *   (carton) of the suggestion saved with it.
 */
import type { DailyTotal } from './product.ts';
import { addDays, dayIndex, weekdayOf } from './reorder/calendar.ts';
import { quarterRange, type Quarter, type QuarterFigures } from './evaluation.ts';

export const COVER_BAND_DAYS = { min: 3, max: 30 } as const;
export const COVER_WINDOW_DAYS = 28;
export const SLOW_MOVER_DAYS = 56;

export interface LedgerProduct {
  code: string;
  stock: number;
  costCents?: number | undefined;
  discontinued?: boolean | undefined;
}

export interface LedgerOrder {
  placedDay: string;
  lines: readonly { units: number; suggestedUnits: number }[];
}

export interface LedgerStocktake {
  /** Local day it closed. */
  day: string;
  /** Closing order (never the wall clock): the latest is the highest. */
  closedSeq: number;
  /** Error rate in basis points; null: no rate (nothing counted). */
  errorBp: number | null;
}

export interface QuarterLedger {
  quarter: Quarter;
  today: string;
  products: readonly LedgerProduct[];
  /** Daily totals from SLOW_MOVER_DAYS before the quarter to the latest day recorded (after the quarter too: stock is walked back from now). */
  totals: readonly DailyTotal[];
  lastYearSalesCents: number | null;
  orders: readonly LedgerOrder[];
  /** The shop's order days, 0 Sunday … 6 Saturday. */
  orderDays: readonly number[];
  stocktakes: readonly LedgerStocktake[];
  /** Local days of the quarter with at least one scan stored. */
  scanDays: readonly string[];
  /** Scans that went into a sale or delivery basket in the quarter, and the basket units of the sales and deliveries closed in it. */
  scannedUnits: number;
  basketUnits: number;
  scannerUptimeBp: number | null;
  /** Local days of the quarter with feedback on the customer display, and the number of records. */
  feedbackDays: readonly string[];
  feedbackCount: number;
  /** Local days of the quarter on which customers looked products up at the display scanner (issue 11's interest counts). */
  interestDays: readonly string[];
}

export function quarterFigures(l: QuarterLedger): QuarterFigures {
  const range = quarterRange(l.quarter);
  const end = l.today < range.to ? l.today : range.to;
  const fromIdx = dayIndex(range.from);
  const endIdx = dayIndex(end);
  const length = Math.max(0, endIdx - fromIdx + 1);
  const inQuarter = (day: string) => day >= range.from && day <= end;

  // Per product: sold per quarter day, and the change on each day after the quarter's end (for stock).
  const soldByProduct = new Map<string, Int32Array>();
  const changeByProduct = new Map<string, Map<number, number>>();
  const lastSale = new Map<string, number>();
  const openDays = new Set<string>();
  let salesCents = 0;
  let costedSalesCents = 0;
  let costOfCostedSalesCents = 0;
  for (const t of l.totals) {
    const n = dayIndex(t.day);
    let changes = changeByProduct.get(t.code);
    if (!changes) changeByProduct.set(t.code, (changes = new Map()));
    changes.set(n, (changes.get(n) ?? 0) + t.received + t.adjusted - t.sold);
    if (t.sold > 0 && n <= endIdx) lastSale.set(t.code, Math.max(lastSale.get(t.code) ?? -Infinity, n));
    if (!inQuarter(t.day)) continue;
    if (t.sold !== 0 || t.received !== 0) openDays.add(t.day);
    let sold = soldByProduct.get(t.code);
    if (!sold) soldByProduct.set(t.code, (sold = new Int32Array(length)));
    sold[n - fromIdx] = t.sold;
    const cents = t.soldCents ?? 0;
    salesCents += cents;
    costedSalesCents += cents - (t.uncostedCents ?? 0);
    costOfCostedSalesCents += t.soldCostCents ?? 0;
  }

  let stockoutDays = 0;
  let regularDays = 0;
  let regular = 0;
  let inBand = 0;
  let carried = 0;
  let soldOnce = 0;
  let stockValue = 0;
  let slowValue = 0;
  let costedStocked = 0;
  const weeks = Math.max(1, Math.ceil(length / 7));
  for (const p of l.products) {
    const sold = soldByProduct.get(p.code) ?? new Int32Array(length);
    const changes = changeByProduct.get(p.code) ?? new Map<number, number>();
    // Stock at the end of `end`, then walked back day by day through the quarter.
    let stock = p.stock;
    for (const [n, change] of changes) if (n > endIdx) stock -= change;
    const stockAtEnd = stock;
    let outDays = 0;
    let everStocked = false;
    for (let n = endIdx; n >= fromIdx; n--) {
      if (stock <= 0) outDays += 1;
      else everStocked = true;
      stock -= changes.get(n) ?? 0;
    }
    const weeksSold = new Set<number>();
    let quarterSold = 0;
    for (let i = 0; i < length; i++) {
      if (sold[i]! > 0) weeksSold.add(Math.floor(i / 7));
      quarterSold += sold[i]!;
    }
    if (!p.discontinued) {
      if (everStocked || quarterSold > 0) {
        carried += 1;
        if (quarterSold > 0) soldOnce += 1;
      }
      if (length > 0 && weeksSold.size * 2 >= weeks) {
        regular += 1;
        regularDays += length;
        stockoutDays += outDays;
        let recent = 0;
        for (let i = Math.max(0, length - COVER_WINDOW_DAYS); i < length; i++) recent += sold[i]!;
        const rate = recent / Math.min(COVER_WINDOW_DAYS, length);
        const cover = rate > 0 ? stockAtEnd / rate : Infinity;
        if (cover >= COVER_BAND_DAYS.min && cover <= COVER_BAND_DAYS.max) inBand += 1;
      }
    }
    if (stockAtEnd > 0 && p.costCents !== undefined) {
      costedStocked += 1;
      const value = stockAtEnd * p.costCents;
      stockValue += value;
      const last = lastSale.get(p.code);
      if (last === undefined || endIdx - last >= SLOW_MOVER_DAYS) slowValue += value;
    }
  }

  const placed = l.orders.filter((o) => inQuarter(o.placedDay));
  const lines = placed.flatMap((o) => o.lines);
  const latest = l.stocktakes.filter((s) => s.day <= end && s.errorBp !== null).sort((a, b) => b.closedSeq - a.closedSeq)[0];
  const months = [...new Set(l.stocktakes.filter((s) => inQuarter(s.day)).map((s) => s.day.slice(0, 7)))].sort();
  // The display was in use on a day a customer gave feedback on it or scanned a pack at it.
  const displayUsedDays = new Set([...l.feedbackDays, ...l.interestDays].filter(inQuarter));

  return {
    quarter: l.quarter,
    openDays: openDays.size,
    daysWithScans: [...new Set(l.scanDays)].filter((d) => openDays.has(d)).length,
    scannedLines: { part: Math.min(l.scannedUnits, l.basketUnits), total: l.basketUnits },
    scannerUptimeBp: l.scannerUptimeBp,
    adviceLines: { part: lines.filter((x) => Math.abs(x.units - x.suggestedUnits) <= 1).length, total: lines.length },
    ordersOnOrderDays: { part: placed.filter((o) => l.orderDays.includes(weekdayOf(dayIndex(o.placedDay)))).length, total: placed.length },
    stockoutDays: { part: stockoutDays, total: regularDays },
    latestStocktakeErrorBp: latest?.errorBp ?? null,
    stocktakeMonths: months,
    coverInBand: { part: inBand, total: regular },
    slowStockValueCents: costedStocked > 0 ? { part: slowValue, total: stockValue } : null,
    sellThrough: { part: soldOnce, total: carried },
    salesCents,
    costedSalesCents,
    costOfCostedSalesCents,
    lastYearSalesCents: l.lastYearSalesCents,
    displayDays: [...displayUsedDays].filter((d) => openDays.has(d)).length,
    feedbackCount: l.feedbackCount,
  };
}

/** The first day the ledger's totals must start on for `quarter` (slow movers look 56 days back). */
export function ledgerStart(quarter: Quarter): string {
  return addDays(quarterRange(quarter).from, -SLOW_MOVER_DAYS);
}

/** Error rate of a stocktake in basis points (rounded half up from the exact fraction). */
export function errorBasisPoints(errorPacks: number, countedPacks: number): number | null {
  if (countedPacks <= 0) return null;
  return Math.round((errorPacks * 10000) / countedPacks);
}
