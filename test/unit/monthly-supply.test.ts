import { describe, expect, it } from 'vitest';
import { addDays, dayIndex } from '../../src/domain/reorder/calendar.ts';
import { suggestOrders, type DaySales, type ReorderProduct } from '../../src/domain/reorder/engine.ts';
import { DEFAULT_PRICE_BANDS } from '../../src/domain/report/bands.ts';
import {
  monthForecastSettings,
  monthlyAgreement,
  monthPacks,
  monthSpan,
  nextMonth,
  type MonthProduct,
} from '../../src/domain/monthly-supply.ts';

function history(today: string, perDay: number, days: number): DaySales[] {
  return Array.from({ length: days }, (_, i) => ({ day: addDays(today, i - days), sold: perDay }));
}

function product(over: Partial<MonthProduct> & { code: string }): MonthProduct {
  return { priceCents: 1000, orderUnit: 1, packs: 0, ...over };
}

describe('months', () => {
  it('the next month, across a year end, and each month’s length (leap February)', () => {
    expect(nextMonth('2026-11-30')).toBe('2026-12');
    expect(nextMonth('2026-12-01')).toBe('2027-01');
    expect(monthSpan('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29', days: 29 });
    expect(monthSpan('2027-12')).toEqual({ first: '2027-12-01', last: '2027-12-31', days: 31 });
    expect(() => monthSpan('2027-13')).toThrow(RangeError);
  });

  it('asks the engine for every day from today to the month’s end, and adds up the month’s days', () => {
    const settings = monthForecastSettings('2026-11-20', '2026-12');
    // 11 days left in November + 31 of December.
    expect(settings.leadTimeDays + 7).toBe(42);
    const daily = Array.from({ length: 42 }, (_, j) => (j < 11 ? 100 : 1));
    expect(monthPacks({ daily }, '2026-11-20', '2026-12')).toBe(31);
  });

  it('with the real engine: a steady seller of 4 packs a day is expected to sell about 4 × 31 in December', () => {
    const today = '2026-11-20';
    const p: ReorderProduct = { code: 'A', priceCents: 2300, orderUnit: 10, history: history(today, 4, 120), stock: 50, onOrder: 0 };
    const [s] = suggestOrders([p], monthForecastSettings(today, '2026-12'));
    expect(s!.daily).toHaveLength(dayIndex('2026-12-31') - dayIndex(today) + 1);
    expect(monthPacks(s!, today, '2026-12')).toBeCloseTo(124, -1);
  });
});

describe('monthlyAgreement', () => {
  const base = { month: '2026-12', businessFormat: 'tobacco-liquor' as const, volumeBand: 12, bands: DEFAULT_PRICE_BANDS };

  it('groups by category and price band (cigarettes per carton, in cartons too), leaving out discontinued products', () => {
    const a = monthlyAgreement({
      ...base,
      products: [
        // ¥23 a pack = ¥230 a carton: the ¥200–300 band.
        product({ code: 'YX', category: '卷烟', priceCents: 2300, costCents: 2050, packsPerCarton: 10, orderUnit: 10, packs: 120 }),
        product({ code: 'YY', category: '卷烟', priceCents: 2200, packsPerCarton: 10, orderUnit: 10, packs: 30 }),
        product({ code: 'HT', category: '卷烟', priceCents: 1000, packsPerCarton: 10, orderUnit: 10, packs: 200 }),
        product({ code: 'KL', category: '饮料', priceCents: 300, costCents: 200, packs: 90 }),
        product({ code: 'OLD', category: '饮料', priceCents: 300, packs: 50, discontinued: true }),
        product({ code: 'NONE', category: '饮料', priceCents: 300, packs: 0 }),
      ],
      quotas: [],
    });
    expect(a.lines.map((l) => [l.category, l.band.key, l.products, l.packs, l.cartons, l.salesCents, l.costCents])).toEqual([
      ['卷烟', 'carton-1', 1, 200, 20, 200_000, 0],
      ['卷烟', 'carton-2', 2, 150, 15, 120 * 2300 + 30 * 2200, 120 * 2050],
      ['饮料', 'pack-0', 1, 90, undefined, 27_000, 18_000],
    ]);
    expect(a.total).toEqual({ packs: 440, salesCents: 200_000 + 342_000 + 27_000, costCents: 246_000 + 18_000 });
    expect(a).toMatchObject({ month: '2026-12', businessFormat: 'tobacco-liquor', volumeBand: 12 });
  });

  it('sets each scarce product’s demand (whole order units) against its quota’s share of the month, the widest gap first', () => {
    const a = monthlyAgreement({
      ...base,
      products: [
        product({ code: 'ZH', name: '中华', category: '卷烟', priceCents: 4500, packsPerCarton: 10, orderUnit: 10, packs: 101 }),
        product({ code: 'YX', name: '玉溪', category: '卷烟', priceCents: 2300, packsPerCarton: 10, orderUnit: 10, packs: 40 }),
        product({ code: 'GONE', category: '卷烟', priceCents: 2300, orderUnit: 10, packs: 40, discontinued: true }),
      ],
      quotas: [
        // December whole: 8 cartons.
        { code: 'ZH', units: 8, periodStart: '2026-12-01', periodEnd: '2026-12-31' },
        // A quarter of 31 + 31 + 28 days: December's 31 days of 18 cartons is 6.2 → 6.
        { code: 'YX', units: 18, periodStart: '2026-12-01', periodEnd: '2027-02-28' },
        { code: 'GONE', units: 5, periodStart: '2026-12-01', periodEnd: '2026-12-31' },
        // November's quota is not this month's.
        { code: 'ZH', units: 99, periodStart: '2026-11-01', periodEnd: '2026-11-30' },
      ],
    });
    expect(a.scarce).toEqual([
      { code: 'ZH', name: '中华', expectedUnits: 11, quotaUnits: 8, gap: 3 },
      { code: 'YX', name: '玉溪', expectedUnits: 4, quotaUnits: 6, gap: -2 },
    ]);
  });
});
