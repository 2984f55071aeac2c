import { describe, expect, it } from 'vitest';
import { addDays, dayIndex, dayString } from '../../src/domain/reorder/calendar.ts';
import {
  alignedDay,
  classifyDemand,
  paretoView,
  protectionInterval,
  slowMovers,
  suggestOrders,
  validateSettings,
  type DaySales,
  type ReorderProduct,
  type ReorderSettings,
  type Suggestion,
} from '../../src/domain/reorder/engine.ts';
import { crostonSBA, sesLevel, tsb } from '../../src/domain/reorder/forecast.ts';
import { countDistribution, normalExpectedShortfall } from '../../src/domain/reorder/stats.ts';

/** History ending the day before `today`, one entry per value (oldest first). */
function history(today: string, values: number[], stockout?: (i: number) => boolean): DaySales[] {
  const end = dayIndex(today);
  return values.map((sold, i) => ({ day: dayString(end - values.length + i), sold, ...(stockout?.(i) ? { stockout: true } : {}) }));
}

function product(over: Partial<ReorderProduct> & { code: string }): ReorderProduct {
  return { priceCents: 2000, costCents: 1500, history: [], stock: 0, onOrder: 0, ...over };
}

const MONDAY = '2024-03-18';
const base: ReorderSettings = { today: MONDAY, orderDays: [1], leadTimeDays: 2, serviceLevel: 0.97 };

function one(p: ReorderProduct, s: Partial<ReorderSettings> = {}): Suggestion {
  return suggestOrders([p], { ...base, ...s })[0]!;
}

describe('protectionInterval', () => {
  it('is the lead time plus the days to the next order day after today', () => {
    expect(protectionInterval({ ...base, orderDays: [1, 4] })).toBe(2 + 3); // Mon → Thu
    expect(protectionInterval({ ...base, today: '2024-03-21', orderDays: [1, 4] })).toBe(2 + 4); // Thu → Mon
    expect(protectionInterval({ ...base, orderDays: [1] })).toBe(2 + 7); // weekly, today is the order day
    expect(protectionInterval({ ...base, orderDays: [0, 1, 2, 3, 4, 5, 6], leadTimeDays: 0 })).toBe(1);
    expect(protectionInterval({ ...base, leadTimeDays: 60 })).toBe(67);
  });
});

describe('classifyDemand', () => {
  const repeat = (unit: number[], times: number) => Array.from({ length: times }, () => unit).flat();
  it('puts products in the ADI / CV² quadrants', () => {
    expect(classifyDemand(history(MONDAY, repeat([5], 60))).pattern).toBe('smooth');
    expect(classifyDemand(history(MONDAY, repeat([1, 9], 30))).pattern).toBe('erratic'); // CV² = 16/25
    // a sale every 10 days: 9 of 12 weeks sell (weekly ADI 1.33 > 1.32)
    const inter = classifyDemand(history(MONDAY, repeat([0, 0, 0, 0, 0, 0, 0, 0, 0, 3], 9)));
    expect(inter).toEqual({ pattern: 'intermittent', adi: 10, cv2: 0 });
    expect(classifyDemand(history(MONDAY, repeat([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9], 5))).pattern).toBe('lumpy');
    // a sale every third day is intermittent day by day (ADI 3) but sells every week: a regular seller
    expect(classifyDemand(history(MONDAY, repeat([0, 0, 3], 20)))).toEqual({ pattern: 'smooth', adi: 3, cv2: 0 });
    expect(classifyDemand([]).pattern).toBe('none');
    expect(classifyDemand(history(MONDAY, [2, 2, 2])).pattern).toBe('new');
  });
  it('does not count stockout days without sales as zero demand', () => {
    // Every other day out of stock with nothing sold: with them it would look intermittent.
    const h = history(MONDAY, repeat([4, 0], 40), (i) => i % 2 === 1);
    expect(classifyDemand(h)).toEqual({ pattern: 'smooth', adi: 1, cv2: 0 });
  });
});

describe('forecast methods by hand', () => {
  it('Croston-SBA: z and p updated on demand days only, rate (1 − α/2)·z/p', () => {
    const y = [0, 0, 3, 0, 5, 0, 0, 0, 2];
    // first demand on day 3: z = 3, p = 3; day 5 (interval 2): z = 3.2, p = 2.9;
    // day 9 (interval 4): z = 3.08, p = 3.01; rate = 0.95 × 3.08 / 3.01
    const r = crostonSBA(y, new Uint8Array(y.length), 0.1);
    expect(r.size).toBeCloseTo(3.08, 10);
    expect(r.interval).toBeCloseTo(3.01, 10);
    expect(r.rate).toBeCloseTo((0.95 * 3.08) / 3.01, 10);
  });
  it('Croston-SBA skips a stockout day without sales (the interval does not grow)', () => {
    const y = [0, 0, 3, 0, 0, 3];
    const open = crostonSBA(y, new Uint8Array(6), 0.1);
    const cens = crostonSBA(y, Uint8Array.from([0, 0, 0, 1, 0, 0]), 0.1);
    expect(open.interval).toBeCloseTo(3, 10); // 3 + 0.1 × (3 − 3)
    expect(cens.interval).toBeCloseTo(2.9, 10); // 3 + 0.1 × (2 − 3)
  });
  it('TSB: probability updated every day, size on demand days', () => {
    const y = [0, 2, 0, 0, 2];
    // start p = 2/5, z = 2; p: .38, .411, .39045, .3709275, .40238113
    const r = tsb(y, new Uint8Array(5), 0.1, 0.05);
    expect(r.probability).toBeCloseTo(0.40238113, 8);
    expect(r.rate).toBeCloseTo(0.80476225, 8);
  });
  it('simple exponential smoothing: starts from the first week, censored zeros ignored', () => {
    const y = [4, 4, 4, 4, 4, 4, 4, 10];
    expect(sesLevel(y, new Uint8Array(8), 0.1)).toBeCloseTo(4.6, 10);
    const z = [4, 4, 4, 4, 4, 4, 4, 0];
    expect(sesLevel(z, new Uint8Array(8), 0.1)).toBeCloseTo(3.6, 10);
    expect(sesLevel(z, Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 1]), 0.1)).toBeCloseTo(4, 10);
  });
});

describe('suggestOrders: smoothing path and the policy', () => {
  it('steady seller: forecast, whole cartons chosen for the fill-rate target', () => {
    const s = one(product({ code: 'A', orderUnit: 10, stock: 10, history: history(MONDAY, new Array(60).fill(5)) }));
    expect(s.method).toBe('smoothing');
    expect(s.pattern).toBe('smooth');
    expect(s.protectionDays).toBe(9);
    expect(s.daily).toHaveLength(9);
    expect(s.forecast).toBeCloseTo(45, 6);
    // By hand (policy.ts; alone in the shop, the shop's target is this product's): no measured error,
    // so the interval's demand is Normal(45, √45) (Poisson floor); the first two days (the lead time)
    // Normal(10, √10). The review cycle is the 7 days after the lead time, 35 packs: at most
    // 0.03 × 35 = 1.05 packs short. Cartons of 10 from a position of 10:
    //   3 cartons → position 40: short E[(D₉ − 40)⁺] − E[(D₂ − 40)⁺] = 6.708·(φ(.745) + .745·Φ(.745)) − 0 = 5.89 > 1.05
    //   4 cartons → position 50: 6.708·(φ(.745) − .745·(1 − Φ(.745))) = 6.708·(.3017 − .1699) = 0.887 ≤ 1.05
    expect(normalExpectedShortfall(45, Math.sqrt(45), 40)).toBeCloseTo(5.89, 2);
    expect(normalExpectedShortfall(45, Math.sqrt(45), 50)).toBeCloseTo(0.887, 2);
    expect(s.units).toBe(4);
    expect(s.packs).toBe(40);
    expect(s.raw).toBe(40);
    expect(s.orderUpTo).toBe(50);
    // what is expected to be left when the next delivery comes: 50 − 45
    expect(s.safetyStock).toBe(5);
    expect(s.reasons).toContainEqual({ kind: 'safety', units: 0.5 });
    // with nothing ordered, the interval would lose E[(D₉ − 10)⁺] ≈ 35 packs
    expect(s.expectedLostSales).toBeCloseTo(35, 0);
    expect(s.reasons).toContainEqual({ kind: 'method', method: 'smoothing', pattern: 'smooth' });
    expect(s.daysOfCover).toBe(2);
  });
  it('stockout days do not teach zero demand', () => {
    const values = [...new Array(50).fill(5), ...new Array(10).fill(0)];
    const censored = one(product({ code: 'A', history: history(MONDAY, values, (i) => i >= 50) }));
    const naive = one(product({ code: 'A', history: history(MONDAY, values) }));
    expect(censored.forecast).toBeCloseTo(45, 6);
    expect(censored.flags).toContain('censored-days');
    expect(naive.forecast).toBeLessThan(20);
  });
  it('count distribution and a slow seller, by hand', () => {
    expect(countDistribution(2, 2).kind).toBe('poisson');
    expect(countDistribution(2, 6).kind).toBe('negative-binomial');
    // E[(D − 0)⁺] = mean
    expect(countDistribution(2, 2).expectedShortfall(0)).toBeCloseTo(2, 10);
    // E[(D − 1)⁺] = 2 − P(D > 0) = 2 − (1 − e⁻²)
    expect(countDistribution(2, 2).expectedShortfall(1)).toBeCloseTo(1 + Math.exp(-2), 10);
    // E[(D − y)⁺] for Poisson(2), y = 0…6: 2, 1.1353, 0.5413, 0.2180, 0.0751, 0.0225, 0.0059
    // (each step subtracts P(D > y))
    expect(countDistribution(2, 2).expectedShortfall(3)).toBeCloseTo(0.218, 3);
    expect(countDistribution(2, 2).expectedShortfall(4)).toBeCloseTo(0.0751, 4);
    expect(countDistribution(2, 2).expectedShortfall(5)).toBeCloseTo(0.0225, 4);
    // the negative binomial's tail is fatter than Poisson's with the same mean
    expect(countDistribution(2, 6).expectedShortfall(5)).toBeGreaterThan(countDistribution(2, 2).expectedShortfall(5));
    // Normal: E[(D − x)⁺] at x = mean is sd·φ(0) = 0.39894 sd, and falls as x rises
    expect(normalExpectedShortfall(10, 2, 10)).toBeCloseTo(2 * 0.3989423, 4);
    expect(normalExpectedShortfall(10, 2, 12)).toBeLessThan(normalExpectedShortfall(10, 2, 11));
    const s = one(product({ code: 'S', stock: 1, history: history(MONDAY, new Array(60).fill(1)) }), {
      orderDays: [0, 1, 2, 3, 4, 5, 6],
      leadTimeDays: 1,
    });
    expect(s.protectionDays).toBe(2);
    expect(s.forecast).toBeCloseTo(2, 6);
    // the review cycle is 1 day (1 pack): at most 0.03 short. Demand to the end of day 0 is Poisson(1),
    // to the end of day 1 Poisson(2); short in the cycle = E[(D₂ − x)⁺] − E[(D₁ − x)⁺]:
    // x = 4: 0.0751 − 0.0043 = 0.0708 > 0.03; x = 5: 0.0225 − 0.0007 = 0.0218 ≤ 0.03 → position 5
    expect(s.orderUpTo).toBe(5);
    expect(s.safetyStock).toBe(3);
    expect(s.units).toBe(4);
  });
});

describe('intermittent products', () => {
  it('use Croston-SBA and say so', () => {
    const values = Array.from({ length: 90 }, (_, i) => (i % 10 === 9 ? 3 : 0));
    const s = one(product({ code: 'I', history: history(MONDAY, values) }));
    expect(s.pattern).toBe('intermittent');
    expect(s.method).toBe('croston-sba');
    // constant size 3 every 10th day: z = 3, p = 10, rate = 0.95 × 0.3 per day
    expect(s.forecast).toBeCloseTo(0.95 * 0.3 * 9, 2);
    expect(s.reasons).toContainEqual({ kind: 'method', method: 'croston-sba', pattern: 'intermittent' });
  });
  it('lumpy products use TSB', () => {
    const values = Array.from({ length: 90 }, (_, i) => (i % 20 === 9 ? 1 : i % 20 === 19 ? 9 : 0));
    expect(one(product({ code: 'L', history: history(MONDAY, values) })).method).toBe('tsb');
  });
});

describe('seasonal path with Spring Festival alignment', () => {
  // 2023's festival is 22 January, 2024's is 10 February: 19 days later.
  const today = '2024-01-27'; // Saturday, two weeks before the 2024 festival
  const start = dayIndex('2022-09-01');
  const end = dayIndex(today);
  function seasonalHistory(recent: number): DaySales[] {
    const out: DaySales[] = [];
    for (let d = start; d < end; d++) {
      const day = dayString(d);
      // the week before the 2023 festival sold 50 a day
      const peak = day >= '2023-01-15' && day <= '2023-01-21';
      out.push({ day, sold: peak ? 50 : day >= '2023-10-28' ? recent : 10 });
    }
    return out;
  }
  const settings: Partial<ReorderSettings> = { today, orderDays: [6], leadTimeDays: 14 };

  it('aligns last year on its festival, not on the calendar week', () => {
    expect(dayString(alignedDay(dayIndex('2024-02-06'), 1))).toBe('2023-01-18');
    expect(dayString(alignedDay(dayIndex('2024-02-10'), 1))).toBe('2023-01-22');
    // far from the festival: 52 weeks back, same weekday
    expect(dayString(alignedDay(dayIndex('2024-07-01'), 1))).toBe('2023-07-03');
  });

  it('puts the forecast peak four days before the 2024 festival', () => {
    const s = one(product({ code: 'F', history: seasonalHistory(10) }), settings);
    expect(s.method).toBe('seasonal');
    expect(s.protectionDays).toBe(21);
    const peakAt = s.daily.indexOf(Math.max(...s.daily));
    expect(addDays(today, peakAt)).toBe('2024-02-06'); // centre of the aligned peak week
    expect(s.daily[peakAt]).toBeCloseTo(50, 6);
    expect(s.daily[0]).toBeCloseTo(10, 6); // 2024-01-27 ↔ 2023-01-08: before the peak week
    expect(s.factors).toEqual({ seasonalAverage: expect.any(Number), momCoefficient: 1, yoyGrowth: 1 });
    expect(s.reasons).toContainEqual({ kind: 'festival', festival: 'spring-festival', weeksBefore: 2 });
  });

  it('scales by year-on-year growth, shown and bounded', () => {
    const up = one(product({ code: 'F', history: seasonalHistory(12) }), settings);
    expect(up.factors?.yoyGrowth).toBeCloseTo(1.2, 6);
    expect(up.factors?.momCoefficient).toBeCloseTo(1, 6);
    expect(Math.max(...up.daily)).toBeCloseTo(60, 6);
    expect(up.reasons).toContainEqual({ kind: 'yoy', growth: 0.2 });
    const wild = one(product({ code: 'F', history: seasonalHistory(40) }), settings);
    expect(wild.factors?.yoyGrowth).toBe(1.4);
    expect(Math.max(...wild.daily)).toBeCloseTo(70, 6);
  });
});

describe('seasonal path away from the festival', () => {
  const today = '2024-07-01'; // Monday; 52 weeks earlier is Monday 2023-07-03
  const start = dayIndex('2022-09-01');
  function flat(over: (day: string) => number | undefined): DaySales[] {
    const out: DaySales[] = [];
    for (let d = start; d < dayIndex(today); d++) out.push({ day: dayString(d), sold: over(dayString(d)) ?? 10 });
    return out;
  }
  it('averages a month around the same day last year, not one week', () => {
    // one day of 39 (29 above the usual 10) on the aligned day: spread over the 29-day window, +1 a day
    const s = one(product({ code: 'W', history: flat((day) => (day === '2023-07-03' ? 39 : undefined)) }), { today });
    expect(s.method).toBe('seasonal');
    expect(s.factors).toEqual({ seasonalAverage: 99, momCoefficient: 1, yoyGrowth: 1 }); // 9 days × 11
    for (const v of s.daily) expect(v).toBeCloseTo(11, 6);
  });
  it('shrinks the month-on-month coefficient by how noisy a month of sales is', () => {
    // the last 28 days sold 12 instead of 10. By hand:
    // quarter: (63·10 + 28·12) / 910 = 1.0615 (year-on-year); month: 336 / 280 = 1.2;
    // dispersion of the last 91 days: variance 0.86 / mean 10.6 < 1 → 1 (never thinner than Poisson);
    // sampling variance of the log ratio 1/336 + 1/280 = 0.006548; weight 0.1² / (0.1² + 0.006548) = 0.6043;
    // coefficient exp(0.6043 · ln(1.2 / 1.0615)) = exp(0.6043 · 0.12264) = 1.0769
    const s = one(product({ code: 'M', history: flat((day) => (day >= '2024-06-03' ? 12 : undefined)) }), { today });
    expect(s.method).toBe('seasonal');
    expect(s.factors?.yoyGrowth).toBeCloseTo(1.06, 6);
    expect(s.factors?.momCoefficient).toBeCloseTo(1.08, 6);
    // forecast per day: 10 × 1.0615 × 1.0769 = 11.43 (unrounded factors)
    expect(s.daily[0]).toBeCloseTo(10 * (966 / 910) * 1.0769, 2);
  });
  it('a product without the same quarter a year ago (still ramping up then) uses smoothing', () => {
    const h = flat(() => undefined).slice(-380); // 380 days: the quarter a year ago starts before its first day
    const s = one(product({ code: 'R', history: h }), { today });
    expect(s.method).toBe('smoothing');
    expect(s.forecast).toBeCloseTo(90, 6);
  });
});

describe('new products borrow their category', () => {
  const established = product({ code: 'OLD', category: '烟', history: history(MONDAY, new Array(90).fill(5)) });
  it('no history: the category average per product', () => {
    const [, s] = suggestOrders([established, product({ code: 'NEW', category: '烟' })], base);
    expect(s!.method).toBe('category');
    expect(s!.pattern).toBe('new');
    expect(s!.forecast).toBeCloseTo(45, 6);
    expect(s!.flags).toContain('no-history');
  });
  it('four weeks of its own: half its own average, half the category', () => {
    const [, s] = suggestOrders(
      [established, product({ code: 'NEW', category: '烟', history: history(MONDAY, new Array(28).fill(1)) })],
      base,
    );
    expect(s!.method).toBe('category');
    expect(s!.forecast).toBeCloseTo(9 * (0.5 * 1 + 0.5 * 5), 6);
  });
});

describe('order units', () => {
  it('a carton that would sit for months is ordered only to keep the product at its floor', () => {
    // sells 1 every 2 days, comes in cases of 24: one case lasts ~48 days. Out of stock, with the floor
    // (80% of its own demand) it still gets one case; with stock for the whole cycle it gets none.
    const slow = (stock: number) =>
      product({
        code: 'C',
        orderUnit: 24,
        stock,
        history: history(
          MONDAY,
          Array.from({ length: 120 }, (_, i) => (i % 2 === 0 ? 1 : 0)),
        ),
      });
    const empty = one(slow(0));
    expect(empty.units).toBe(1);
    expect(empty.orderUpTo).toBe(24);
    expect(one(slow(12)).units).toBe(0);
  });
  it('applies the minimum order', () => {
    const s = one(product({ code: 'A', orderUnit: 10, minOrderUnits: 8, history: history(MONDAY, new Array(60).fill(5)) }));
    expect(s.units).toBe(8);
    expect(s.cappedBy).toBe('min-order');
  });
});

describe('caps', () => {
  const fast = (code: string, over: Partial<ReorderProduct> = {}) =>
    product({ code, history: history(MONDAY, new Array(60).fill(20)), ...over });
  const quota = { code: 'Q', periodStart: '2024-03-01', periodEnd: '2024-03-31' };

  it('quota is released evenly across the order days left in the period', () => {
    // order days Mon/Thu left in March from Mon 18th: 18, 21, 25, 28 → 4
    const s = one(fast('Q'), { orderDays: [1, 4], quotas: [{ ...quota, units: 10, ordered: 2 }] });
    expect(s.units).toBe(2); // ceil(8 / 4)
    expect(s.cappedBy).toBe('quota');
    expect(s.reasons).toContainEqual({ kind: 'capped', by: 'quota' });
    expect(one(fast('Q'), { orderDays: [1, 4], quotas: [{ ...quota, units: 11, ordered: 2 }] }).units).toBe(3);
    // last order day of the period: everything left
    expect(one(fast('Q'), { today: '2024-03-28', orderDays: [1, 4], quotas: [{ ...quota, units: 10, ordered: 2 }] }).units).toBe(8);
  });
  it('a quota of zero means nothing', () => {
    const s = one(fast('Q'), { quotas: [{ ...quota, units: 0, ordered: 0 }] });
    expect(s.units).toBe(0);
    expect(s.cappedBy).toBe('quota');
  });
  it('a quota outside its period does not apply', () => {
    expect(one(fast('Q'), { quotas: [{ ...quota, periodEnd: '2024-03-10', units: 0, ordered: 0 }] }).cappedBy).toBeUndefined();
  });
  it('discontinued products get nothing', () => {
    const s = one(fast('D', { discontinued: true }));
    expect(s.units).toBe(0);
    expect(s.packs).toBe(0);
    expect(s.raw).toBeGreaterThan(0);
    expect(s.cappedBy).toBe('discontinued');
  });
  it('budget goes to the biggest expected lost sales first', () => {
    const big = fast('BIG', { orderUnit: 10, costCents: 1000, priceCents: 1200 }); // sells 20 a day
    const small = product({
      code: 'SMALL',
      orderUnit: 10,
      costCents: 1000,
      priceCents: 1200,
      history: history(MONDAY, new Array(60).fill(3)),
    });
    const free = suggestOrders([small, big], base);
    const bigUnits = free.find((s) => s.code === 'BIG')!.units;
    expect(free.find((s) => s.code === 'SMALL')!.units).toBeGreaterThan(0);
    // room for BIG's cartons and half a carton more
    const capped = suggestOrders([small, big], { ...base, budgetCents: bigUnits * 10_000 + 5_000 });
    expect(capped.find((s) => s.code === 'BIG')!.units).toBe(bigUnits);
    const sm = capped.find((s) => s.code === 'SMALL')!;
    expect(sm.units).toBe(0);
    expect(sm.cappedBy).toBe('budget');
    expect(capped.find((s) => s.code === 'BIG')!.expectedLostSales).toBeGreaterThan(sm.expectedLostSales);
  });
  it('margin breaks a tie in expected lost sales', () => {
    const a = fast('LOW', { costCents: 1800 });
    const b = fast('HIGH', { costCents: 1000 });
    const units = one(a).units;
    const capped = suggestOrders([a, b], { ...base, budgetCents: units * 1800 });
    expect(capped.find((s) => s.code === 'HIGH')!.units).toBe(units);
    expect(capped.find((s) => s.code === 'LOW')!.cappedBy).toBe('budget');
  });
  it('a budget smaller than one carton orders nothing', () => {
    const s = one(fast('C', { orderUnit: 10, costCents: 1000 }), { budgetCents: 9_999 });
    expect(s.units).toBe(0);
    expect(s.cappedBy).toBe('budget');
  });
});

describe('bad input', () => {
  it('no history at all: no crash, nothing ordered, flagged', () => {
    const s = one(product({ code: 'X' }));
    expect(s).toMatchObject({ pattern: 'none', method: 'none', forecast: 0, units: 0, daysOfCover: null });
    expect(s.flags).toContain('no-history');
  });
  it('negative stock: count before ordering, the hole is not ordered into', () => {
    const neg = one(product({ code: 'N', stock: -30, history: history(MONDAY, new Array(60).fill(5)) }));
    const zero = one(product({ code: 'N', stock: 0, history: history(MONDAY, new Array(60).fill(5)) }));
    expect(neg.flags).toEqual(expect.arrayContaining(['negative-stock', 'count-before-ordering']));
    expect(neg.units).toBe(zero.units);
    expect(neg.stock).toBe(-30);
  });
  it('a stale stocktake asks for a count', () => {
    const h = history(MONDAY, new Array(60).fill(5));
    expect(one(product({ code: 'A', history: h, lastCountedDay: '2024-01-01' })).flags).toContain('count-before-ordering');
    expect(one(product({ code: 'A', history: h, lastCountedDay: '2024-03-01' })).flags).not.toContain('count-before-ordering');
    expect(one(product({ code: 'A', history: h, lastCountedDay: '2024-03-01' }), { stocktakeMaxAgeDays: 7 }).flags).toContain(
      'count-before-ordering',
    );
  });
  it('lead time 0 and 60 both work', () => {
    const p = product({ code: 'A', history: history(MONDAY, new Array(60).fill(5)) });
    const s0 = one(p, { leadTimeDays: 0 });
    const s60 = one(p, { leadTimeDays: 60 });
    expect(s0.protectionDays).toBe(7);
    expect(s60.protectionDays).toBe(67);
    expect(s60.forecast).toBeCloseTo(5 * 67, 6);
    expect(s60.units).toBeGreaterThan(s0.units);
  });
  it('validateSettings explains what is wrong and fills defaults', () => {
    const ok = validateSettings({ today: MONDAY, orderDays: [4, 1, 1], leadTimeDays: 60 });
    expect(ok).toEqual({
      ok: true,
      settings: { today: MONDAY, orderDays: [1, 4], leadTimeDays: 60, serviceLevel: 0.97, stocktakeMaxAgeDays: 35, quotas: [] },
    });
    expect(validateSettings({ today: MONDAY, orderDays: [1], leadTimeDays: 0 }).ok).toBe(true);
    const bad = validateSettings({ today: '2024-02-30', orderDays: [], leadTimeDays: 91, serviceLevel: 1.2, budgetCents: -1 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['budgetCents', 'leadTimeDays', 'orderDays', 'serviceLevel', 'today']);
    const q = validateSettings({
      today: MONDAY,
      orderDays: [1],
      leadTimeDays: 1,
      quotas: [{ code: 'A', units: 0, ordered: 0, periodStart: '2024-03-31', periodEnd: '2024-03-01' }],
    });
    expect(q.ok).toBe(false);
  });
});

describe('views', () => {
  it('slow movers: stock and no sale in N weeks, most money first', () => {
    const rows = slowMovers(
      [
        product({ code: 'SOLD', stock: 5, history: history(MONDAY, [0, 0, 1, 0]) }),
        product({ code: 'OLD', stock: 4, costCents: 1000, history: history(MONDAY, [1, ...new Array(20).fill(0)]) }),
        product({ code: 'NEVER', stock: 2, costCents: 3000, history: history(MONDAY, new Array(20).fill(0)) }),
        product({ code: 'EMPTY', stock: 0, history: history(MONDAY, new Array(20).fill(0)) }),
      ],
      2,
    );
    expect(rows).toEqual([
      { code: 'NEVER', stock: 2, stockValueCents: 6000, daysSinceSale: null },
      { code: 'OLD', stock: 4, stockValueCents: 4000, daysSinceSale: 21 },
    ]);
  });
  it('pareto: the products that make the first 80% of sales', () => {
    const rows = paretoView(
      [
        product({ code: 'A', priceCents: 100, history: history(MONDAY, [70]) }),
        product({ code: 'B', priceCents: 100, history: history(MONDAY, [20]) }),
        product({ code: 'C', priceCents: 100, history: history(MONDAY, [10]) }),
        product({ code: 'D', priceCents: 100, history: history(MONDAY, [0]) }),
      ],
      7,
    );
    expect(rows.map((r) => [r.code, r.share, r.cumulative, r.inTop80])).toEqual([
      ['A', 0.7, 0.7, true],
      ['B', 0.2, 0.9, true],
      ['C', 0.1, 1, false],
      ['D', 0, 1, false],
    ]);
  });
});
