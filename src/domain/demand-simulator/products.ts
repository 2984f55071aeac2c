/** A simulated product: its category, kind (regular or slow mover), start day, rate, trend, price and price change, from its own seed stream. */
import { CATEGORIES, PARAMS, type CategoryId, type CategorySpec } from './parameters.ts';
import { Rng, streamSeed } from './rng.ts';

export interface PriceChange {
  day: number;
  priceCents: number;
  /** demand level multiplier from this day on: (new / old price) ^ −elasticity */
  levelFactor: number;
}

export interface SimProduct {
  index: number;
  code: string;
  name: string;
  category: CategoryId;
  packsPerCarton: number;
  /** price per pack in cents on the last simulated day */
  priceCents: number;
  costCents: number;
  kind: 'regular' | 'slow';
  /** first day (index) with demand: 0 for products sold from the start */
  startDay: number;
  isNew: boolean;
  baseRate: number;
  trendPerYear: number;
  /** negative-binomial size; Infinity = Poisson */
  size: number;
  priceChanges: PriceChange[];
}

function pickCategory(u: number): CategorySpec {
  let acc = 0;
  for (const c of CATEGORIES) {
    acc += c.share;
    if (u < acc) return c;
  }
  return CATEGORIES[CATEGORIES.length - 1]!;
}

export function makeProduct(seed: number, index: number, days: number): SimProduct {
  const rng = new Rng(streamSeed(seed, index));
  const cat = pickCategory(rng.next());
  const orderUnit = cat.orderUnits[rng.int(0, cat.orderUnits.length - 1)]!;
  const kind: SimProduct['kind'] = rng.next() < cat.slowShare ? 'slow' : 'regular';
  const isNew = rng.next() < PARAMS.newShare;
  const startDay = isNew ? rng.int(PARAMS.newStart[0], Math.min(PARAMS.newStart[1], days - 30)) : 0;
  let baseRate: number;
  let size: number;
  let trendMax: number = PARAMS.trendMax;
  if (kind === 'slow') {
    const [lo, hi] = PARAMS.slowRate;
    baseRate = Math.exp(rng.uniform(Math.log(lo), Math.log(hi)));
    size = rng.next() < PARAMS.slowLumpyShare ? rng.uniform(...PARAMS.slowLumpySize) : Infinity;
    trendMax = PARAMS.slowTrendMax;
  } else {
    baseRate = cat.rateMedian * Math.exp(cat.rateLogSd * rng.normal());
    // a regular product sells at least about one a day, or it is a slow mover
    baseRate = Math.max(baseRate, 1.2);
    size = rng.uniform(...PARAMS.regularSize);
  }
  const trendPerYear = Math.max(-trendMax, Math.min(trendMax, PARAMS.trendSd * rng.normal()));
  let price = Math.round(rng.uniform(...cat.priceCents) / 10) * 10;
  const costRatio = rng.uniform(...cat.costRatio);
  const priceChanges: PriceChange[] = [];
  if (rng.next() < PARAMS.priceChangeShare) {
    const day = rng.int(Math.max(PARAMS.priceChangeDays[0], startDay + 30), Math.min(PARAMS.priceChangeDays[1], days - 1));
    const change = rng.uniform(...cat.priceChange);
    const elasticity = rng.uniform(...cat.elasticity);
    const next = Math.max(10, Math.round((price * (1 + change)) / 10) * 10);
    if (day < days && next !== price) {
      priceChanges.push({ day, priceCents: next, levelFactor: Math.pow(next / price, -elasticity) });
      price = next;
    }
  }
  return {
    index,
    code: `SIM${String(index + 1).padStart(4, '0')}`,
    name: `${cat.id} ${index + 1}`,
    category: cat.id,
    packsPerCarton: orderUnit,
    priceCents: price,
    costCents: Math.round(price * costRatio),
    kind,
    startDay,
    isNew,
    baseRate,
    trendPerYear,
    size,
    priceChanges,
  };
}
