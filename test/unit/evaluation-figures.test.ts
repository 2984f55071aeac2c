import { describe, expect, it } from 'vitest';
import { quarterFigures, errorBasisPoints, type QuarterLedger } from '../../src/domain/evaluation-figures.ts';
import type { DailyTotal } from '../../src/domain/product.ts';
import { dailyTotal } from '../helpers/shop-records.ts';

/**
 * A two-week "quarter so far": Q4 2026 measured on 2026-10-14 (14 days, two
 * weeks). Product A sells 2 a day every day; B sells once (day 1) and sits;
 * C is discontinued; D never sold and has no stock.
 */
function ledger(): QuarterLedger {
  const totals: DailyTotal[] = [];
  for (let d = 1; d <= 14; d++) {
    const day = `2026-10-${String(d).padStart(2, '0')}`;
    totals.push(dailyTotal('A', day, { sold: 2, soldCents: 2000, soldCostCents: 1800 }));
  }
  totals.push(dailyTotal('B', '2026-10-01', { sold: 1, soldCents: 500, uncostedCents: 500 }));
  // A delivery of A after the quarter's measured end: stock at the end is now − 20.
  totals.push(dailyTotal('A', '2026-10-20', { received: 20 }));
  return {
    quarter: { year: 2026, q: 4 },
    today: '2026-10-14',
    products: [
      // A: 30 now → 10 at the end of 10-14; walking back +2 a day: 12 on 10-13 … 36 on 10-01; never out.
      { code: 'A', stock: 30, costCents: 900 },
      { code: 'B', stock: 5, costCents: 300 },
      { code: 'C', stock: 4, discontinued: true },
      { code: 'D', stock: 0 },
    ],
    totals,
    lastYearSalesCents: 20_000,
    orders: [
      // 2026-10-05 is a Monday; 10-07 a Wednesday.
      {
        placedDay: '2026-10-05',
        lines: [
          { units: 3, suggestedUnits: 2 },
          { units: 5, suggestedUnits: 2 },
        ],
      },
      { placedDay: '2026-10-07', lines: [{ units: 1, suggestedUnits: 1 }] },
      { placedDay: '2026-09-28', lines: [{ units: 9, suggestedUnits: 1 }] },
    ],
    orderDays: [1],
    stocktakes: [
      { day: '2026-09-15', closedSeq: 1, errorBp: 1200 },
      { day: '2026-10-10', closedSeq: 3, errorBp: 400 },
      // Closed later by seq although its wall-clock day says earlier: it is the latest.
      { day: '2026-10-02', closedSeq: 4, errorBp: 800 },
    ],
    scanDays: ['2026-10-01', '2026-10-02', '2026-10-02', '2026-11-20'],
    scannedUnits: 30,
    basketUnits: 40,
    scannerUptimeBp: null,
    feedbackDays: ['2026-10-03', '2026-10-03', '2026-10-04'],
    feedbackCount: 3,
    // A display-scanner look-up on a day with feedback (counted once) and on a day without.
    interestDays: ['2026-10-04', '2026-10-05'],
  };
}

describe('quarterFigures', () => {
  it('computes each figure of a small ledger as worked by hand', () => {
    const f = quarterFigures(ledger());
    expect(f.openDays).toBe(14);
    expect(f.daysWithScans).toBe(2);
    expect(f.scannedLines).toEqual({ part: 30, total: 40 });
    expect(f.scannerUptimeBp).toBeNull();
    // Lines of the quarter's two orders: 3 vs 2 yes, 5 vs 2 no, 1 vs 1 yes.
    expect(f.adviceLines).toEqual({ part: 2, total: 3 });
    expect(f.ordersOnOrderDays).toEqual({ part: 1, total: 2 });
    // Regular: A only (sold in both weeks; B in one of two counts too: 1×2 ≥ 2).
    // B: stock 5 all along, never out. A never out. 2 regular × 14 days.
    expect(f.stockoutDays).toEqual({ part: 0, total: 28 });
    expect(f.latestStocktakeErrorBp).toBe(800);
    expect(f.stocktakeMonths).toEqual(['2026-10']);
    // A: 10 packs ÷ 2 a day = 5 days, in band; B: 5 ÷ (1/14) = 70 days, out of band.
    expect(f.coverInBand).toEqual({ part: 1, total: 2 });
    // Valued at cost: A 10 × 900, B 5 × 300; B sold 13 days ago: not slow yet.
    expect(f.slowStockValueCents).toEqual({ part: 0, total: 10 * 900 + 5 * 300 });
    // Carried: A, B (C discontinued, D never stocked nor sold); both sold.
    expect(f.sellThrough).toEqual({ part: 2, total: 2 });
    expect(f.salesCents).toBe(14 * 2000 + 500);
    expect(f.costedSalesCents).toBe(14 * 2000);
    expect(f.costOfCostedSalesCents).toBe(14 * 1800);
    // Feedback on 10-03 and 10-04, a display scan on 10-04 and 10-05: three days the display was in use.
    expect(f.displayDays).toBe(3);
    expect(f.feedbackCount).toBe(3);
  });

  it('counts stockout days of a regular product from the stock walked back', () => {
    const l = ledger();
    // A has 0 now and nothing after the end: it ran out: 28 at start, −2 a day → 0 at the end of day 14.
    const f = quarterFigures({
      ...l,
      products: [{ code: 'A', stock: 0, costCents: 900 }],
      totals: l.totals.filter((t) => t.code === 'A' && t.day <= '2026-10-14'),
    });
    expect(f.stockoutDays).toEqual({ part: 1, total: 14 });
  });

  it('finds a slow mover 56 days without a sale, and says no data for stock value without cost prices', () => {
    const l = ledger();
    const slow = quarterFigures({
      ...l,
      today: '2026-12-31',
      products: [{ code: 'B', stock: 5, costCents: 300 }],
      totals: [dailyTotal('B', '2026-11-05', { sold: 1, soldCents: 500 })],
    });
    // Last sale 11-05, end 12-31: 56 days: slow.
    expect(slow.slowStockValueCents).toEqual({ part: 1500, total: 1500 });
    const uncosted = quarterFigures({ ...l, products: l.products.map((p) => ({ code: p.code, stock: p.stock })) });
    expect(uncosted.slowStockValueCents).toBeNull();
  });

  it('gives no latest error rate before any stocktake with a rate', () => {
    expect(quarterFigures({ ...ledger(), stocktakes: [] }).latestStocktakeErrorBp).toBeNull();
    expect(
      quarterFigures({ ...ledger(), stocktakes: [{ day: '2026-10-02', closedSeq: 1, errorBp: null }] }).latestStocktakeErrorBp,
    ).toBeNull();
  });

  it('turns a stocktake fraction into basis points', () => {
    expect(errorBasisPoints(4, 62)).toBe(645);
    expect(errorBasisPoints(0, 0)).toBeNull();
  });
});
