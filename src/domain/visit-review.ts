/**
 * The review since the last visit (上次拜访以来, issue 12): what the rep goes
 * through with the owner at the start of a visit. Pure: src/data/evaluation-data.ts
 * reads the rollups (never movements or scans) and hands them here.
 *
 * - Sales by day since `since`, beside the same weekdays 52 weeks (364 days)
 *   earlier, so a Saturday is compared with a Saturday.
 * - Stocktakes, each error rate against the 10% standard.
 * - Orders placed since: lines within ±1 order unit of the advice, and the
 *   days, within ORDER_WATCH_DAYS after placing, that a product of the order
 *   ended out of stock.
 * - Slow movers (no sale in SLOW_MOVER_DAYS) and the money tied up in them, at
 *   cost (at the shelf price when the cost is unknown, as the order screen does).
 * - New products (新品) and what they sold.
 */
import type { FeedbackSummary } from './feedback.ts';
import type { DailyTotal } from './product.ts';
import { addDays, dayIndex, dayString } from './reorder/calendar.ts';
import { SLOW_MOVER_DAYS } from './evaluation-figures.ts';
import { STOCKTAKE_ERROR_STANDARD_BP } from './evaluation.ts';

export const ORDER_WATCH_DAYS = 14;
export const LAST_YEAR_OFFSET_DAYS = 364;
/** Slow movers listed (the total covers them all). */
export const SLOW_MOVERS_SHOWN = 10;

export interface ReviewProduct {
  code: string;
  name: string;
  stock: number;
  priceCents: number;
  costCents?: number | undefined;
  isNew?: boolean | undefined;
  discontinued?: boolean | undefined;
}

export interface ReviewLedger {
  since: string;
  today: string;
  products: readonly ReviewProduct[];
  /** Daily totals from reviewStart(since, today) on (later days too). */
  totals: readonly DailyTotal[];
  /** The shop's sales money per day over the same days a year before (364 days earlier). */
  lastYearSalesByDay: ReadonlyMap<string, number>;
  /** Whether the terminal recorded anything as far back as last year's days (else last year is "no data"). */
  hasLastYear: boolean;
  /** withinStandard as the stocktake decided it (exact fraction); absent: judged from errorBp. */
  stocktakes: readonly { day: string; closedSeq: number; errorBp: number | null; withinStandard?: boolean }[];
  orders: readonly { id: string; placedDay: string; lines: readonly { code: string; units: number; suggestedUnits: number }[] }[];
  feedback: FeedbackSummary;
}

export interface VisitReview {
  since: string;
  today: string;
  sales: { days: string[]; cents: number[]; lastYearCents: (number | null)[]; totalCents: number; lastYearTotalCents: number | null };
  stocktakes: { day: string; errorBp: number | null; withinStandard: boolean | null }[];
  orders: { id: string; placedDay: string; lines: number; followed: number; stockoutDays: number }[];
  slowMovers: { code: string; name: string; stock: number; valueCents: number; daysSinceSale: number | null }[];
  slowMoverCount: number;
  slowValueCents: number;
  newProducts: { code: string; name: string; packsSold: number; salesCents: number; stock: number }[];
  feedback: FeedbackSummary['total'];
}

/** First day the review's totals must start on. */
export function reviewStart(since: string, today: string): string {
  const slow = addDays(today, -SLOW_MOVER_DAYS);
  return since < slow ? since : slow;
}

export function buildVisitReview(l: ReviewLedger): VisitReview {
  const sinceIdx = dayIndex(l.since);
  const todayIdx = dayIndex(l.today);
  const days: string[] = [];
  for (let n = sinceIdx; n <= todayIdx; n++) days.push(dayString(n));
  const centsByDay = new Map<string, number>();
  const lastSale = new Map<string, number>();
  const changes = new Map<string, Map<number, number>>();
  const soldSince = new Map<string, { packs: number; cents: number }>();
  for (const t of l.totals) {
    const n = dayIndex(t.day);
    if (t.sold > 0 && n <= todayIdx) lastSale.set(t.code, Math.max(lastSale.get(t.code) ?? -Infinity, n));
    let c = changes.get(t.code);
    if (!c) changes.set(t.code, (c = new Map()));
    c.set(n, (c.get(n) ?? 0) + t.received + t.adjusted - t.sold);
    if (n < sinceIdx || n > todayIdx) continue;
    centsByDay.set(t.day, (centsByDay.get(t.day) ?? 0) + (t.soldCents ?? 0));
    const s = soldSince.get(t.code) ?? { packs: 0, cents: 0 };
    s.packs += t.sold;
    s.cents += t.soldCents ?? 0;
    soldSince.set(t.code, s);
  }
  const cents = days.map((d) => centsByDay.get(d) ?? 0);
  const lastYearCents = days.map((d) => (l.hasLastYear ? (l.lastYearSalesByDay.get(addDays(d, -LAST_YEAR_OFFSET_DAYS)) ?? 0) : null));

  const byCode = new Map(l.products.map((p) => [p.code, p]));
  // Stock at the end of day n for one product: now, less every change after n.
  const stockAt = (code: string, n: number): number => {
    let stock = byCode.get(code)?.stock ?? 0;
    for (const [m, change] of changes.get(code) ?? []) if (m > n) stock -= change;
    return stock;
  };

  const orders = l.orders
    .filter((o) => o.placedDay >= l.since && o.placedDay <= l.today)
    .sort((a, b) => (a.placedDay < b.placedDay ? -1 : a.placedDay > b.placedDay ? 1 : 0))
    .map((o) => {
      const start = dayIndex(o.placedDay);
      const last = Math.min(todayIdx, start + ORDER_WATCH_DAYS);
      const outDays = new Set<number>();
      for (const line of o.lines) {
        for (let n = start + 1; n <= last; n++) if (stockAt(line.code, n) <= 0) outDays.add(n);
      }
      return {
        id: o.id,
        placedDay: o.placedDay,
        lines: o.lines.length,
        followed: o.lines.filter((x) => Math.abs(x.units - x.suggestedUnits) <= 1).length,
        stockoutDays: outDays.size,
      };
    });

  const slow: VisitReview['slowMovers'] = [];
  for (const p of l.products) {
    if (!(p.stock > 0)) continue;
    const last = lastSale.get(p.code);
    if (last !== undefined && todayIdx - last < SLOW_MOVER_DAYS) continue;
    slow.push({
      code: p.code,
      name: p.name,
      stock: p.stock,
      valueCents: p.stock * (p.costCents ?? p.priceCents),
      daysSinceSale: last === undefined ? null : todayIdx - last,
    });
  }
  slow.sort((a, b) => b.valueCents - a.valueCents || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  const newProducts = l.products
    .filter((p) => p.isNew && !p.discontinued)
    .map((p) => ({
      code: p.code,
      name: p.name,
      packsSold: soldSince.get(p.code)?.packs ?? 0,
      salesCents: soldSince.get(p.code)?.cents ?? 0,
      stock: p.stock,
    }))
    .sort((a, b) => b.salesCents - a.salesCents || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  const stocktakes = [...l.stocktakes]
    .sort((a, b) => a.closedSeq - b.closedSeq)
    .map((s) => ({
      day: s.day,
      errorBp: s.errorBp,
      withinStandard: s.errorBp === null ? null : (s.withinStandard ?? s.errorBp <= STOCKTAKE_ERROR_STANDARD_BP),
    }));

  return {
    since: l.since,
    today: l.today,
    sales: {
      days,
      cents,
      lastYearCents,
      totalCents: cents.reduce((a, b) => a + b, 0),
      lastYearTotalCents: l.hasLastYear ? lastYearCents.reduce<number>((a, b) => a + (b ?? 0), 0) : null,
    },
    stocktakes,
    orders,
    slowMovers: slow.slice(0, SLOW_MOVERS_SHOWN),
    slowMoverCount: slow.length,
    slowValueCents: slow.reduce((a, s) => a + s.valueCents, 0),
    newProducts,
    feedback: l.feedback.total,
  };
}

/** A message the owner left for the rep between visits (给客户经理留言). */
export interface OwnerMessage {
  /** Local day it was written. */
  day: string;
  text: string;
}

/** A follow-up the last visit agreed on, as the visit flow keeps it. */
export interface VisitFollowUp {
  text: string;
  /** Local day it was due. */
  due: string;
  done: boolean;
}
