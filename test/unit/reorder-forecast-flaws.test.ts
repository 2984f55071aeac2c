/**
 * The three forecast flaws of issue 13, each reproduced on a product built for
 * it (the bench found them on the simulator; these pin them down).
 */
import { describe, expect, it } from 'vitest';
import { dayIndex, dayString, weekdayOf } from '../../src/domain/reorder/calendar.ts';
import {
  scaledErrorVariance,
  suggestOrders,
  type DaySales,
  type ReorderProduct,
  type ReorderSettings,
} from '../../src/domain/reorder/engine.ts';
import { Rng, festivalMultiplier } from '../../bench/reorder/simulator.ts';

const FIRST = dayIndex('2022-01-01');

/** History from 2022-01-01 up to the day before `today`: a draw from mean(t) (Poisson, or exact when `exact`). */
function series(today: string, mean: (t: number) => number, seed: number, size = Infinity, exact = false): DaySales[] {
  const rng = new Rng(seed);
  const out: DaySales[] = [];
  for (let t = FIRST; t < dayIndex(today); t++) {
    const m = mean(t);
    out.push({ day: dayString(t), sold: exact ? m : rng.negBinomial(m, size) });
  }
  return out;
}
function product(code: string, history: DaySales[], over: Partial<ReorderProduct> = {}): ReorderProduct {
  return { code, priceCents: 2000, costCents: 1600, orderUnit: 1, history, stock: 0, onOrder: 0, ...over };
}
/** A product of `category` whose history is a draw from mean(t) up to `today` (as `series`, with its seed and noise size). */
function categoryProduct(
  category: string,
  code: string,
  today: string,
  mean: (t: number) => number,
  seed: number,
  size?: number,
): ReorderProduct {
  return product(code, series(today, mean, seed, size), { category });
}
const FESTIVALS = ['2022-02-01', '2023-01-22', '2024-02-10', '2025-01-29'].map(dayIndex);
function festivalOffset(t: number): number {
  let best = Infinity;
  for (const f of FESTIVALS) if (Math.abs(t - f) < Math.abs(best)) best = t - f;
  return best;
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('the Spring Festival peak is not smoothed away', () => {
  // Gift cigarettes: the simulator's festival shape (eve ×2.5), 20 packs a day otherwise, no noise.
  const mean = (t: number) => 20 * festivalMultiplier(festivalOffset(t), 1.5);
  // Thursday 2025-01-23, orders Mon + Thu, lead 2 days: the six days to the eve (2025-01-28).
  const settings: ReorderSettings = { today: '2025-01-23', orderDays: [1, 4], leadTimeDays: 2, serviceLevel: 0.97 };

  it('the order placed before the festival covers the ramp to the eve within 3%', () => {
    const s = suggestOrders([product('SF', series(settings.today, mean, 1, Infinity, true))], settings)[0]!;
    expect(s.method).toBe('seasonal');
    expect(s.protectionDays).toBe(6);
    const truth = sum(Array.from({ length: 6 }, (_, j) => mean(dayIndex(settings.today) + j)));
    expect(s.forecast / truth).toBeGreaterThan(0.97);
    expect(s.forecast / truth).toBeLessThan(1.03);
  });

  it('the eve itself is forecast as the peak, within 5%', () => {
    const s = suggestOrders([product('SF', series(settings.today, mean, 1, Infinity, true))], settings)[0]!;
    const eve = mean(dayIndex('2025-01-28'));
    expect(s.daily[5]! / eve).toBeGreaterThan(0.95);
  });
});

describe('a regular seller with many zero days keeps its season', () => {
  // 1.4 packs a day, Poisson: about a quarter of the days sell nothing (daily ADI ≈ 1.33),
  // with the cigarettes' festival peak and a weekend lift.
  const weekly = [1.2, 0.9, 0.9, 0.9, 1.0, 1.0, 1.1];
  const mean = (t: number) => 1.4 * weekly[weekdayOf(t)]! * festivalMultiplier(festivalOffset(t), 1.5);
  const settings: ReorderSettings = { today: '2025-01-23', orderDays: [1, 4], leadTimeDays: 2, serviceLevel: 0.97 };

  it('is not sent to a flat intermittent forecast, and forecasts the festival', () => {
    const s = suggestOrders([product('R', series(settings.today, mean, 7))], settings)[0]!;
    expect(s.method).not.toBe('croston-sba');
    expect(s.method).not.toBe('tsb');
    const truth = sum(Array.from({ length: 6 }, (_, j) => mean(dayIndex(settings.today) + j)));
    // a flat rate of ~1.5 a day gives ~9 packs for a week whose true demand is ~15
    expect(s.forecast / truth).toBeGreaterThan(0.85);
  });
});

describe('safety stock follows the forecast level', () => {
  // A summer drink: 3 a day in January, 12 in July (4 in early December), overdispersed (size 5). In
  // December the last half-year's errors are summer errors, four times larger.
  const seasonal = (t: number) => {
    const doy = t - dayIndex(`${dayString(t).slice(0, 4)}-01-01`);
    return 7.5 - 4.5 * Math.cos((2 * Math.PI * (doy - 196)) / 365.25 - Math.PI);
  };
  const settings: ReorderSettings = { today: '2024-12-05', orderDays: [1, 4], leadTimeDays: 2, serviceLevel: 0.97 };
  const now = seasonal(dayIndex(settings.today));
  const flatWinter = () => now;

  it('in winter the summer drink keeps about the safety stock of a product selling the same all year', () => {
    const drink = suggestOrders([product('D', series(settings.today, seasonal, 11, 5))], settings)[0]!;
    const flat = suggestOrders([product('W', series(settings.today, flatWinter, 11, 5))], settings)[0]!;
    expect(drink.method).toBe('seasonal');
    expect(now).toBeCloseTo(4, 0);
    // the same demand level now: the safety stock should not carry the summer's errors
    expect(drink.safetyStock).toBeLessThan(1.5 * flat.safetyStock + 2);
  });
});

describe('scaledErrorVariance', () => {
  it('recovers a·f + b·f² from errors that follow it, and evaluates it at the level asked', () => {
    const fs = [5, 10, 20, 40, 80];
    const e2 = fs.map((f) => 2 * f + 0.05 * f * f);
    expect(scaledErrorVariance(fs, e2, 30)).toBeCloseTo(2 * 30 + 0.05 * 900, 6);
  });
  it('keeps both terms non-negative', () => {
    // errors that shrink as the forecast grows cannot be fitted with a, b ≥ 0: the best single term
    const v = scaledErrorVariance([10, 20, 30, 40], [400, 300, 200, 100], 25);
    expect(v).toBeGreaterThan(0);
  });
  it('with forecasts that hardly vary, the mean squared error', () => {
    expect(scaledErrorVariance([10, 10.1, 9.9, 10], [4, 16, 9, 1], 100)).toBeCloseTo(7.5, 9);
  });
  it('needs four pairs', () => {
    expect(scaledErrorVariance([1, 2, 3], [1, 2, 3], 2)).toBeNaN();
  });
});

describe('a category festival profile pooled across products', () => {
  // Eight cigarettes at 1.5–3 packs a day, overdispersed (size 5), with the festival peak and a
  // weekend lift. One product's own window of last year's festival is a dozen packs: mostly
  // noise. Their category's pooled sales carry the shape.
  const weekly = [1.1, 0.95, 0.95, 0.95, 0.98, 1.02, 1.05];
  const rates = [1.5, 1.8, 2.0, 2.2, 2.4, 2.6, 2.8, 3.0];
  const settings: ReorderSettings = { today: '2025-01-23', orderDays: [1, 4], leadTimeDays: 2, serviceLevel: 0.97 };
  const shape = (t: number) => weekly[weekdayOf(t)]! * festivalMultiplier(festivalOffset(t), 1.5);

  it('forecasts each product’s week before the festival within 12% on average, not from its own noisy year', () => {
    const errors: number[] = [];
    for (let seed = 0; seed < 4; seed++) {
      const products = rates.map((r, i) => categoryProduct('cigarettes', `C${i}`, settings.today, (t) => r * shape(t), 100 * seed + i, 5));
      const out = suggestOrders(products, settings);
      out.forEach((s, i) => {
        const truth = sum(Array.from({ length: 6 }, (_, j) => rates[i]! * shape(dayIndex(settings.today) + j)));
        errors.push(Math.abs(s.forecast / truth - 1));
      });
    }
    expect(sum(errors) / errors.length).toBeLessThan(0.12);
  });

  it('a product with under a year of sales still gets the festival from its category', () => {
    const products = rates.map((r, i) => categoryProduct('cigarettes', `C${i}`, settings.today, (t) => r * shape(t), 500 + i, 5));
    // on sale since 2024-06-01 only: no festival of its own yet
    const young = product(
      'NEW',
      series(settings.today, (t) => 2.5 * shape(t), 77, 5).filter((h) => h.day >= '2024-06-01'),
      { category: 'cigarettes' },
    );
    const s = suggestOrders([...products, young], settings).find((x) => x.code === 'NEW')!;
    const truth = sum(Array.from({ length: 6 }, (_, j) => 2.5 * shape(dayIndex(settings.today) + j)));
    expect(s.method).toBe('seasonal');
    expect(s.forecast / truth).toBeGreaterThan(0.85);
    expect(s.forecast / truth).toBeLessThan(1.15);
  });
});

describe('a slow seller moves with its category', () => {
  // Six baijiu at 2–4 bottles a day with the festival's ×3.5 on the eve, and one that sells a
  // bottle every ten days: its own few sales cannot show the festival, the category's can.
  const settings: ReorderSettings = { today: '2025-01-23', orderDays: [1, 4], leadTimeDays: 2, serviceLevel: 0.97 };
  const shape = (t: number) => festivalMultiplier(festivalOffset(t), 2.5);

  it('its intermittent rate is lifted by the category’s coming festival days', () => {
    const regular = [2, 2.5, 3, 3, 3.5, 4].map((r, i) =>
      categoryProduct('baijiu', `B${i}`, settings.today, (t) => r * shape(t), 300 + i, 8),
    );
    const slow = categoryProduct('baijiu', 'SLOW', settings.today, (t) => 0.1 * shape(t), 42);
    const alone = suggestOrders([slow], settings)[0]!;
    const s = suggestOrders([...regular, slow], settings).find((x) => x.code === 'SLOW')!;
    expect(s.method).toMatch(/croston-sba|tsb/);
    const truth = sum(Array.from({ length: 6 }, (_, j) => 0.1 * shape(dayIndex(settings.today) + j)));
    // alone: a flat rate near its average, far under the festival week
    expect(alone.forecast / truth).toBeLessThan(0.5);
    expect(s.forecast / truth).toBeGreaterThan(0.75);
  });
});
