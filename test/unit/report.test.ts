import { describe, expect, it } from 'vitest';
import { addToDailyTotal, withSaleMoney, type StockMovement } from '../../src/domain/product.ts';
import { DEFAULT_PRICE_BANDS, bandLimitsText, parseBandLimits, priceBandOf } from '../../src/domain/report/bands.ts';
import { presetRange, previousPeriod, sameLastYear } from '../../src/domain/report/periods.ts';
import { buildReport, type ReportInput, type ReportProduct } from '../../src/domain/report/report.ts';
import {
  addReversalToHour,
  addSaleToHour,
  dailyTotalsOf,
  dayProductOf,
  dayProductsOf,
  emptyHour,
  setDayProduct,
  waitSecondsOf,
  type HourlyTotal,
} from '../../src/domain/report/rollups.ts';
import { percentile, waitStats } from '../../src/domain/report/waiting.ts';
import { dailyTotal } from '../helpers/shop-records.ts';

const LONG_AGO = '2025-01-01';

function hour(day: string, h: number, t: Partial<HourlyTotal>): HourlyTotal {
  return { ...emptyHour(day, h), ...t };
}

/**
 * A hand-computed ledger over 2026-03-02..04, made on 03-05 (see each expected
 * figure's working beside it).
 *   A 中华 (卷烟) ¥45/pack, 10/carton, cost ¥40, stock now 5
 *   B 可乐 (饮料) ¥3, no cost price, stock now 10
 *   C 薯片 (零食) ¥8, cost ¥5, stock now 20, never sold
 *   D 矿泉水 (饮料) ¥2, cost ¥1, stock now −2
 *   E 电池 (日用) ¥10, cost ¥6, never had stock
 */
function ledger(): ReportInput {
  const products: ReportProduct[] = [
    {
      code: 'A',
      name: '中华',
      priceCents: 4500,
      costCents: 4000,
      stock: 5,
      createdAt: 0,
      category: '卷烟',
      brand: '中华',
      packsPerCarton: 10,
    },
    { code: 'B', name: '可乐', priceCents: 300, stock: 10, createdAt: 0, category: '饮料', brand: '可口可乐' },
    { code: 'C', name: '薯片', priceCents: 800, costCents: 500, stock: 20, createdAt: 0, category: '零食', brand: '乐事' },
    { code: 'D', name: '矿泉水', priceCents: 200, costCents: 100, stock: -2, createdAt: 0, category: '饮料', brand: '农夫山泉' },
    { code: 'E', name: '电池', priceCents: 1000, costCents: 600, stock: 0, createdAt: 0, category: '日用', brand: '南孚' },
  ];
  return {
    range: { from: '2026-03-02', to: '2026-03-04' },
    today: '2026-03-05',
    products,
    createdDay: () => LONG_AGO,
    dailyTotals: [
      dailyTotal('A', '2026-03-02', { sold: 2, soldCents: 9000, soldCostCents: 8000 }),
      dailyTotal('A', '2026-03-03', { received: 10 }),
      dailyTotal('A', '2026-03-04', { sold: 3, soldCents: 13500, soldCostCents: 12000 }),
      // After the range: walks the stock back, never counted as the range's sales.
      dailyTotal('A', '2026-03-05', { sold: 1, soldCents: 4500, soldCostCents: 4000 }),
      dailyTotal('B', '2026-03-03', { sold: 4, soldCents: 1200, uncostedCents: 1200 }),
      dailyTotal('D', '2026-03-04', { sold: 2, soldCents: 400, soldCostCents: 200 }),
      // Before the range: ignored.
      dailyTotal('C', '2026-03-01', { sold: 1, soldCents: 800, soldCostCents: 500 }),
    ],
    hourly: [
      hour('2026-03-02', 10, { sales: 2, salesCents: 9000, packs: 2, waitSeconds: [30, 90] }),
      hour('2026-03-03', 10, { sales: 1, salesCents: 1200, packs: 4, waitSeconds: [60] }),
      hour('2026-03-04', 18, { sales: 3, salesCents: 13900, packs: 5, waitSeconds: [10, 20, 300] }),
      hour('2026-03-04', 19, { reversals: 1, salesCents: -500, packs: -1 }),
      // Outside the range: ignored.
      hour('2026-03-05', 9, { sales: 7, salesCents: 99_900, packs: 70, waitSeconds: [5000] }),
    ],
    previousHourly: [hour('2026-02-28', 12, { sales: 2, salesCents: 5000, packs: 3 })],
    lastYearHourly: [],
  };
}

describe('business report on a hand-computed ledger', () => {
  const report = buildReport(ledger());

  it('sales: amount, packs, number, average, by day, by hour, against other periods', () => {
    expect(report.days).toBe(3);
    // 9000 + 1200 + 13900 − 500; packs 2 + 4 + 5 − 1; sales 2 + 1 + 3 − 1 reversal
    expect(report.sales).toMatchObject({ salesCents: 23_600, packs: 10, sales: 5, averageSaleCents: 4720 });
    expect(report.sales.byDay).toEqual([
      { day: '2026-03-02', salesCents: 9000, packs: 2, sales: 2, averageSaleCents: 4500 },
      { day: '2026-03-03', salesCents: 1200, packs: 4, sales: 1, averageSaleCents: 1200 },
      { day: '2026-03-04', salesCents: 13_400, packs: 4, sales: 2, averageSaleCents: 6700 },
    ]);
    expect(report.sales.byHour).toHaveLength(24);
    expect(report.sales.byHour[10]).toEqual({ hour: 10, salesCents: 10_200, packs: 6, sales: 3, averageSaleCents: 3400 });
    expect(report.sales.byHour[9]).toEqual({ hour: 9, salesCents: 0, packs: 0, sales: 0, averageSaleCents: undefined });
    expect(report.sales.previous).toEqual({ salesCents: 5000, packs: 3, sales: 2, averageSaleCents: 2500 });
    expect(report.sales.lastYear).toEqual({ salesCents: 0, packs: 0, sales: 0, averageSaleCents: undefined });
  });

  it('profit counts only what has a cost price, and lists what has none', () => {
    const p = report.profit;
    expect(p.salesCents).toBe(24_100); // 9000 + 13500 + 1200 + 400
    expect(p.costedSalesCents).toBe(22_900); // without B's 1200
    expect(p.costOfSalesCents).toBe(20_200); // 8000 + 12000 + 200
    expect(p.grossProfitCents).toBe(2700);
    expect(p.margin).toBeCloseTo(2700 / 22_900, 12);
    expect(p.coverage).toBeCloseTo(22_900 / 24_100, 12);
    expect(p.uncosted).toEqual([{ code: 'B', name: '可乐', salesCents: 1200, packs: 4 }]);
  });

  it('动销率: stocked products that sold, and the money tied up in the rest', () => {
    // Stocked: A, B, C (stock on the shelf), D (sold from negative stock). E never had stock.
    expect(report.movement).toMatchObject({ stocked: 4, moved: 3, rate: 0.75, tiedUpCents: 10_000, tiedUpUncosted: 0 });
    expect(report.movement.notMoved).toEqual([{ code: 'C', name: '薯片', stock: 20, costCents: 10_000 }]);
  });

  it('stock at the end of the range: value, cover, turnover, stockouts, negative stock', () => {
    const s = report.stock;
    // End of 03-04: A 5 + 1 (sold on 03-05) = 6, B 10, C 20, D −2, E 0
    expect(s.atCostCents).toBe(6 * 4000 + 20 * 500);
    expect(s.atRetailCents).toBe(6 * 4500 + 10 * 300 + 20 * 800);
    expect(s.uncostedProducts).toBe(1);
    expect(s.averageDailyCostCents).toBeCloseTo(20_200 / 3, 9);
    expect(s.daysOfCover).toBeCloseTo(34_000 / (20_200 / 3), 9);
    expect(s.turnsPerYear).toBeCloseTo(365 / (34_000 / (20_200 / 3)), 9);
    // A ended 03-02 at 1 − 2 = −1 (one stockout day); D and E had none on all three days.
    expect(s.stockouts).toEqual([
      { code: 'D', name: '矿泉水', days: 3 },
      { code: 'E', name: '电池', days: 3 },
      { code: 'A', name: '中华', days: 1 },
    ]);
    expect(s.negative).toEqual([{ code: 'D', name: '矿泉水', stock: -2 }]);
    expect(s.coverByProduct.map((c) => [c.code, c.days])).toEqual([
      ['D', 0],
      ['A', 6 / (5 / 3)],
      ['B', 10 / (4 / 3)],
    ]);
  });

  it('structure by category, brand and price band (cigarettes per carton)', () => {
    expect(report.structure.byCategory.map((l) => [l.key, l.salesCents, l.grossProfitCents])).toEqual([
      ['卷烟', 22_500, 2500],
      ['饮料', 1600, 200],
    ]);
    expect(report.structure.byCategory[1]!.margin).toBe(0.5); // 200 over D's costed 400; B has no cost
    expect(report.structure.byBrand.map((l) => l.key)).toEqual(['中华', '可口可乐', '农夫山泉']);
    expect(report.structure.byBand.map((l) => [l.key, l.perCarton, l.fromCents, l.toCents, l.salesCents])).toEqual([
      ['carton-3', true, 30_000, 50_000, 22_500], // ¥450 a carton
      ['pack-0', false, 0, 500, 1600],
    ]);
  });

  it('waiting: median and 90th percentile, overall and by hour', () => {
    // [10, 20, 30, 60, 90, 300]: rank ⌈0.5·6⌉ = 3 → 30, rank ⌈0.9·6⌉ = 6 → 300
    expect(report.waiting).toMatchObject({ sales: 6, medianSeconds: 30, p90Seconds: 300 });
    expect(report.waiting.byHour[10]).toEqual({ hour: 10, sales: 3, medianSeconds: 60, p90Seconds: 90 });
    expect(report.waiting.byHour[18]).toEqual({ hour: 18, sales: 3, medianSeconds: 20, p90Seconds: 300 });
    expect(report.waiting.byHour[9]).toEqual({ hour: 9, sales: 0, medianSeconds: undefined, p90Seconds: undefined });
  });

  it('a product registered after the range is not in it; discontinued products have no stockout days', () => {
    const input = ledger();
    const created = new Map([
      ['E', '2026-03-10'],
      ['D', '2026-03-04'],
    ]);
    input.createdDay = (p) => created.get(p.code) ?? LONG_AGO;
    input.products = input.products.map((p) => (p.code === 'A' ? { ...p, discontinued: true } : p));
    const r = buildReport(input);
    expect(r.stock.stockouts).toEqual([{ code: 'D', name: '矿泉水', days: 1 }]);
  });

  it('no sales: no margin, no cover, full coverage', () => {
    const r = buildReport({ ...ledger(), dailyTotals: [], hourly: [] });
    expect(r.profit).toMatchObject({ salesCents: 0, grossProfitCents: 0, margin: undefined, coverage: 1 });
    expect(r.stock.daysOfCover).toBeUndefined();
    expect(r.sales.averageSaleCents).toBeUndefined();
    expect(r.movement.moved).toBe(0);
  });
});

describe('rollups', () => {
  it('a sale movement carries its money into the daily total; no cost price is uncosted, not zero cost', () => {
    const sale: StockMovement = { code: 'A', kind: 'sale', quantity: -2, at: 0, day: '2026-03-02' };
    const withCost = withSaleMoney(sale, { priceCents: 4500, costCents: 4000 });
    expect(withCost).toMatchObject({ amountCents: 9000, costCents: 8000 });
    const noCost = withSaleMoney({ ...sale, amountCents: 8800 }, { priceCents: 4500 });
    expect(noCost.amountCents).toBe(8800); // the basket's price wins over today's
    expect(noCost.costCents).toBeUndefined();
    let t = addToDailyTotal(undefined, withCost);
    t = addToDailyTotal(t, noCost);
    t = addToDailyTotal(
      t,
      withSaleMoney({ code: 'A', kind: 'sale-reversal', quantity: 1, at: 0, day: '2026-03-02' }, { priceCents: 4500, costCents: 4000 }),
    );
    expect(t).toMatchObject({ sold: 3, soldCents: 9000 + 8800 - 4500, soldCostCents: 8000 - 4000, uncostedCents: 8800 });
    // A receipt carries no sales money.
    expect(
      withSaleMoney({ code: 'A', kind: 'receipt', quantity: 5, at: 0, day: '2026-03-02' }, { priceCents: 1, costCents: 1 }).amountCents,
    ).toBeUndefined();
  });

  it('hourly: sales add, reversals subtract, waits kept', () => {
    let h = addSaleToHour(undefined, { day: 'd', hour: 9, amountCents: 1000, packs: 2, waitSeconds: 12 });
    h = addSaleToHour(h, { day: 'd', hour: 9, amountCents: 500, packs: 1, waitSeconds: undefined });
    h = addReversalToHour(h, { day: 'd', hour: 9, amountCents: 1000, packs: 2 });
    expect(h).toEqual({ day: 'd', hour: 9, salesCents: 500, packs: 1, sales: 2, reversals: 1, waitSeconds: [12] });
    expect(waitSecondsOf(1000, 62_400)).toBe(61);
    expect(waitSecondsOf(5000, 1000)).toBeUndefined(); // the clock went back
  });

  it('a day record mirrors the daily totals it was set from, row by row', () => {
    const a1 = dailyTotal('A', 'd', { sold: 2, soldCents: 9000, soldCostCents: 8000 });
    const b1 = dailyTotal('B', 'd', { sold: 4, soldCents: 1200, uncostedCents: 1200 });
    const a2 = { ...a1, sold: 3, soldCents: 13_500, soldCostCents: 12_000 };
    let rec = setDayProduct(undefined, a1);
    rec = setDayProduct(rec, b1);
    const before = rec;
    rec = setDayProduct(rec, a2); // A's row replaced, not added
    expect(rec.codes).toEqual(['A', 'B']);
    expect(before.sums.slice(0, 6)).toEqual([2, 0, 0, 9000, 8000, 0]); // the earlier record is not changed
    // Movement counts too (DB version 10): the record holds the daily totals whole.
    expect(dailyTotalsOf(rec)).toEqual([a2, b1]);
    expect(dayProductsOf([a2, b1])).toEqual([rec]);
    // A record from before version 10 has no counts: read as 0.
    const { moves: _moves, ...old } = rec;
    expect(dailyTotalsOf(old).map((t) => t.movements)).toEqual([0, 0]);
    expect(dayProductOf(rec, 'B')).toEqual(b1);
    expect(dayProductOf(rec, 'C')).toBeUndefined();
  });

  it('percentiles by nearest rank', () => {
    expect(percentile([], 0.5)).toBeUndefined();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(waitStats([40, 10, 20])).toEqual({ sales: 3, medianSeconds: 20, p90Seconds: 40 });
  });
});

describe('periods and bands', () => {
  it('presets: weeks from Monday, months, last month', () => {
    // 2026-03-05 is a Thursday.
    expect(presetRange('today', '2026-03-05')).toEqual({ from: '2026-03-05', to: '2026-03-05' });
    expect(presetRange('this-week', '2026-03-05')).toEqual({ from: '2026-03-02', to: '2026-03-05' });
    expect(presetRange('this-week', '2026-03-08')).toEqual({ from: '2026-03-02', to: '2026-03-08' }); // Sunday
    expect(presetRange('this-month', '2026-03-05')).toEqual({ from: '2026-03-01', to: '2026-03-05' });
    expect(presetRange('last-month', '2026-03-05')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('last-month', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetRange('last-30-days', '2026-03-05')).toEqual({ from: '2026-02-04', to: '2026-03-05' });
  });

  it('the period before and the same period last year', () => {
    expect(previousPeriod({ from: '2026-03-02', to: '2026-03-04' })).toEqual({ from: '2026-02-27', to: '2026-03-01' });
    expect(sameLastYear({ from: '2024-02-29', to: '2024-03-01' })).toEqual({ from: '2023-02-28', to: '2023-03-01' });
  });

  it('cigarettes by carton price, the rest by pack price', () => {
    expect(priceBandOf({ priceCents: 2300, category: '卷烟', packsPerCarton: 10 })).toMatchObject({
      key: 'carton-2',
      fromCents: 20_000,
      toCents: 30_000,
    });
    expect(priceBandOf({ priceCents: 2300, category: '卷烟', cartonPriceCents: 22_000 })).toMatchObject({ key: 'carton-2' });
    expect(priceBandOf({ priceCents: 7000, category: '卷烟' })).toMatchObject({ key: 'carton-4', fromCents: 50_000, toCents: undefined });
    expect(priceBandOf({ priceCents: 300, category: '饮料' })).toMatchObject({ key: 'pack-0', perCarton: false });
    expect(priceBandOf({ priceCents: 300 }, { ...DEFAULT_PRICE_BANDS, packLimitsCents: [100, 200] })).toMatchObject({
      key: 'pack-2',
      fromCents: 200,
    });
  });
});

describe('price bands typed by the owner', () => {
  it('reads ascending amounts in 元 into cents, and writes them back the same way', () => {
    expect(parseBandLimits('100, 200，300 500')).toEqual([10_000, 20_000, 30_000, 50_000]);
    expect(parseBandLimits('5.5,10')).toEqual([550, 1_000]);
    expect(bandLimitsText([10_000, 550])).toBe('100, 5.50');
    expect(parseBandLimits(bandLimitsText([550, 1_000, 2_050]))).toEqual([550, 1_000, 2_050]);
  });
  it('refuses a list that is empty, not ascending, zero, not a number or too long', () => {
    for (const text of ['', '  ', '200, 100', '100, 100', '0, 100', '-5', '1e3', '¥100', '1.234', '1,2,3,4,5,6,7,8,9']) {
      expect(parseBandLimits(text), text).toBeUndefined();
    }
  });
});
