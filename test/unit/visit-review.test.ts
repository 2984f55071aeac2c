import { describe, expect, it } from 'vitest';
import { buildVisitReview, reviewStart, type ReviewLedger } from '../../src/domain/visit-review.ts';
import { summarizeFeedback } from '../../src/domain/feedback.ts';
import { dailyTotal } from '../helpers/shop-records.ts';

const noFeedback = summarizeFeedback([]);

function ledger(): ReviewLedger {
  return {
    since: '2026-11-23',
    today: '2026-11-30',
    products: [
      { code: 'A', name: '中华(硬)', stock: 0, priceCents: 4500, costCents: 4000 },
      { code: 'B', name: '玉溪', stock: 10, priceCents: 2300, costCents: 2000 },
      { code: 'N', name: '新品X', stock: 8, priceCents: 3000, isNew: true },
    ],
    totals: [
      dailyTotal('A', '2026-11-24', { sold: 3, soldCents: 13_500 }),
      dailyTotal('A', '2026-11-26', { sold: 2, soldCents: 9_000 }),
      dailyTotal('N', '2026-11-26', { sold: 1, soldCents: 3_000 }),
      // B last sold 60 days before today: slow.
      dailyTotal('B', '2026-10-01', { sold: 1, soldCents: 2_300 }),
    ],
    lastYearSalesByDay: new Map([
      ['2025-11-25', 10_000],
      ['2025-11-20', 99_999],
    ]),
    hasLastYear: true,
    stocktakes: [
      { day: '2026-11-01', closedSeq: 2, errorBp: 1200 },
      { day: '2026-10-01', closedSeq: 1, errorBp: 800 },
    ],
    orders: [
      {
        id: 'o1',
        placedDay: '2026-11-24',
        lines: [
          { code: 'A', units: 2, suggestedUnits: 4 },
          { code: 'B', units: 1, suggestedUnits: 1 },
        ],
      },
    ],
    feedback: noFeedback,
  };
}

describe('buildVisitReview', () => {
  it('lines up sales by day with the same weekday a year before', () => {
    const r = buildVisitReview(ledger());
    expect(r.sales.days).toHaveLength(8);
    expect(r.sales.cents).toEqual([0, 13_500, 0, 12_000, 0, 0, 0, 0]);
    // 2026-11-24 − 364 days = 2025-11-25.
    expect(r.sales.lastYearCents).toEqual([0, 10_000, 0, 0, 0, 0, 0, 0]);
    expect(r.sales.totalCents).toBe(25_500);
    expect(r.sales.lastYearTotalCents).toBe(10_000);
    expect(buildVisitReview({ ...ledger(), hasLastYear: false }).sales.lastYearTotalCents).toBeNull();
  });

  it('counts advice followed and the stockout days after each order', () => {
    const r = buildVisitReview(ledger());
    // A: stock now 0, 2 sold on 11-26 → 2 at end of 11-25, 0 from 11-26 on: out 11-26 … 11-30 (5 days). B never out.
    expect(r.orders).toEqual([{ id: 'o1', placedDay: '2026-11-24', lines: 2, followed: 1, stockoutDays: 5 }]);
  });

  it('lists slow movers with the money tied up at cost, new products and stocktakes in closing order', () => {
    const r = buildVisitReview(ledger());
    // N: never sold? It sold on 11-26: not slow. B: 60 days: slow, 10 × 2000.
    expect(r.slowMovers).toEqual([{ code: 'B', name: '玉溪', stock: 10, valueCents: 20_000, daysSinceSale: 60 }]);
    expect(r.slowValueCents).toBe(20_000);
    expect(r.newProducts).toEqual([{ code: 'N', name: '新品X', packsSold: 1, salesCents: 3_000, stock: 8 }]);
    expect(r.stocktakes).toEqual([
      { day: '2026-10-01', errorBp: 800, withinStandard: true },
      { day: '2026-11-01', errorBp: 1200, withinStandard: false },
    ]);
  });

  it('reads back far enough for slow movers', () => {
    expect(reviewStart('2026-11-23', '2026-11-30')).toBe('2026-10-05');
    expect(reviewStart('2026-01-01', '2026-11-30')).toBe('2026-01-01');
  });
});
