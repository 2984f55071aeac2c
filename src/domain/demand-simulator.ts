/**
 * Seeded demand simulator for the reorder benchmark (issue 4, "Proof") and the demo shop.
 *
 * Every number below is documented in bench/reorder/README.md. Pure and
 * deterministic: the same seed gives the same series, in node and in Chromium
 * (no Math.random, no Date with a time zone).
 */
import { mulberry32 } from './mulberry32.ts';
import { MID_AUTUMN, SPRING_FESTIVAL, dayIndex, dayString, weekdayOf } from './reorder/calendar.ts';

// ---------------------------------------------------------------- random numbers

/** Mixes a seed with a stream number so each product has its own stream (adding products does not change the others). */
export function streamSeed(seed: number, stream: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export class Rng {
  readonly next: () => number;
  private spare: number | null = null;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  int(lo: number, hiInclusive: number): number {
    return lo + Math.floor(this.next() * (hiInclusive - lo + 1));
  }
  /** Box–Muller, caching the second value. */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = 0;
    while (u <= 1e-12) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
  /** Marsaglia–Tsang gamma(shape, scale 1). */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(Math.max(this.next(), 1e-12), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.next();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }
  /** Knuth's method for small means, a rounded normal for large ones (error is negligible above 40). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 40) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const l = Math.exp(-lambda);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.next();
    } while (p > l);
    return k - 1;
  }
  /** Negative binomial as a gamma–Poisson mixture: mean `mean`, variance mean + mean²/size. size = Infinity → Poisson. */
  negBinomial(mean: number, size: number): number {
    if (mean <= 0) return 0;
    if (!Number.isFinite(size)) return this.poisson(mean);
    return this.poisson((mean * this.gamma(size)) / size);
  }
}

// ---------------------------------------------------------------- categories

export type CategoryId = 'cigarettes' | 'baijiu' | 'beer' | 'beverages' | 'snacks' | 'dairy' | 'household';

export interface CategorySpec {
  id: CategoryId;
  /** share of the catalogue */
  share: number;
  /** packs per order unit; one is drawn per product */
  orderUnits: number[];
  /** price per pack in cents: uniform between these */
  priceCents: [number, number];
  /** cost as a fraction of the price: uniform between these */
  costRatio: [number, number];
  /** median and log-sd of a regular product's daily mean (packs/day) */
  rateMedian: number;
  rateLogSd: number;
  /** fraction of the category that is a slow mover */
  slowShare: number;
  /** weekday multipliers, 0 = Sunday … 6 = Saturday (normalised to mean 1) */
  weekly: number[];
  /** yearly cosine: amplitude and the day of the year it peaks */
  yearlyAmplitude: number;
  yearlyPeakDoy: number;
  /** extra demand on the eve of the Spring Festival (1.5 → ×2.5) */
  festivalLift: number;
  /** price elasticity for price-driven level jumps */
  elasticity: [number, number];
  /** price change when one happens: uniform fraction between these */
  priceChange: [number, number];
}

export const CATEGORIES: CategorySpec[] = [
  {
    id: 'cigarettes',
    share: 0.4,
    orderUnits: [10],
    priceCents: [1000, 6000],
    costRatio: [0.88, 0.92],
    rateMedian: 2.5,
    rateLogSd: 0.9,
    slowShare: 0.2,
    weekly: [1.06, 0.96, 0.96, 0.97, 0.98, 1.03, 1.04],
    yearlyAmplitude: 0.06,
    yearlyPeakDoy: 15,
    festivalLift: 1.5,
    elasticity: [0.3, 0.5],
    priceChange: [0.05, 0.15],
  },
  {
    id: 'baijiu',
    share: 0.06,
    orderUnits: [6],
    priceCents: [1500, 30000],
    costRatio: [0.7, 0.8],
    rateMedian: 0.6,
    rateLogSd: 0.7,
    slowShare: 0.5,
    weekly: [1.1, 0.9, 0.9, 0.92, 0.98, 1.1, 1.1],
    yearlyAmplitude: 0.15,
    yearlyPeakDoy: 20,
    festivalLift: 2.5,
    elasticity: [0.8, 1.2],
    priceChange: [-0.15, 0.15],
  },
  {
    id: 'beer',
    share: 0.06,
    orderUnits: [24, 6],
    priceCents: [300, 1200],
    costRatio: [0.7, 0.8],
    rateMedian: 3,
    rateLogSd: 0.7,
    slowShare: 0.1,
    weekly: [1.2, 0.85, 0.85, 0.9, 1.0, 1.1, 1.1],
    yearlyAmplitude: 0.5,
    yearlyPeakDoy: 200,
    festivalLift: 0.8,
    elasticity: [1.0, 1.6],
    priceChange: [-0.15, 0.15],
  },
  {
    id: 'beverages',
    share: 0.16,
    orderUnits: [24, 6],
    priceCents: [200, 800],
    costRatio: [0.65, 0.78],
    rateMedian: 3,
    rateLogSd: 0.8,
    slowShare: 0.15,
    weekly: [1.15, 0.9, 0.9, 0.92, 0.98, 1.08, 1.07],
    yearlyAmplitude: 0.45,
    yearlyPeakDoy: 200,
    festivalLift: 0.5,
    elasticity: [1.2, 1.8],
    priceChange: [-0.2, 0.15],
  },
  {
    id: 'snacks',
    share: 0.16,
    orderUnits: [1, 6],
    priceCents: [150, 2500],
    costRatio: [0.65, 0.78],
    rateMedian: 1.5,
    rateLogSd: 0.8,
    slowShare: 0.3,
    weekly: [1.1, 0.92, 0.93, 0.95, 0.98, 1.07, 1.05],
    yearlyAmplitude: 0.1,
    yearlyPeakDoy: 10,
    festivalLift: 1.0,
    elasticity: [1.0, 1.6],
    priceChange: [-0.2, 0.15],
  },
  {
    id: 'dairy',
    share: 0.08,
    orderUnits: [6, 24],
    priceCents: [300, 7000],
    costRatio: [0.7, 0.8],
    rateMedian: 1.5,
    rateLogSd: 0.7,
    slowShare: 0.2,
    weekly: [1.05, 0.97, 0.97, 0.98, 0.98, 1.02, 1.03],
    yearlyAmplitude: 0.1,
    yearlyPeakDoy: 20,
    festivalLift: 1.2,
    elasticity: [0.8, 1.4],
    priceChange: [-0.15, 0.15],
  },
  {
    id: 'household',
    share: 0.08,
    orderUnits: [1, 6],
    priceCents: [200, 3000],
    costRatio: [0.65, 0.78],
    rateMedian: 0.8,
    rateLogSd: 0.7,
    slowShare: 0.5,
    weekly: [1.05, 0.97, 0.97, 0.98, 0.99, 1.02, 1.02],
    yearlyAmplitude: 0.05,
    yearlyPeakDoy: 180,
    festivalLift: 0.3,
    elasticity: [0.6, 1.0],
    priceChange: [-0.1, 0.1],
  },
];

// ---------------------------------------------------------------- parameters

export interface SimOptions {
  seed: number;
  /** number of products (default 300) */
  products?: number;
  /** first simulated day (default 2023-01-01) */
  startDay?: string;
  /** simulated days (default 1095 = three years) */
  days?: number;
  /** extra days of demand after the last day so a perfect-foresight policy can look ahead (default 21) */
  tail?: number;
  /**
   * The real-supply scenario's demand (issue 13): gift cartons before the
   * Spring Festival, the Mid-Autumn / National Day liquor peak and a weather
   * shock shared by the drinks. Off: the old scenario, draw for draw.
   */
  real?: boolean;
}

/** Every tunable number of the simulator, documented in README.md. */
export const PARAMS = {
  /** share of products that appear part-way through the three years */
  newShare: 0.1,
  /** new products start uniformly between these day numbers */
  newStart: [200, 1000] as [number, number],
  /** adoption of a new product: 1 − exp(−age / days) */
  newAdoptionDays: 21,
  /** slow movers: daily mean log-uniform between these */
  slowRate: [0.05, 0.5] as [number, number],
  /** slow movers: share of them lumpy (negative binomial with a small size) rather than Poisson */
  slowLumpyShare: 0.5,
  /** negative-binomial size of the lumpy slow movers */
  slowLumpySize: [0.3, 0.8] as [number, number],
  /** negative-binomial size of regular products (overdispersion; Poisson would be Infinity) */
  regularSize: [3, 20] as [number, number],
  /** yearly trend: normal(0, sd), clamped to ±max, as a log-rate per year */
  trendSd: 0.12,
  trendMax: 0.35,
  /** slow movers' trend is clamped to ±this so they stay slow */
  slowTrendMax: 0.1,
  /** share of products whose price changes once */
  priceChangeShare: 0.25,
  /** price changes happen uniformly between these day numbers */
  priceChangeDays: [60, 1050] as [number, number],
  /** Spring Festival shape: ramp days before the festival, festival-day dip and recovery */
  festivalRampDays: 28,
  festivalDip: 0.6,
  festivalDipDays: 7,
  festivalRecoveryDays: 14,
  /** real scenario: share of the Spring Festival's extra cigarette demand bought as whole cartons (gifts) */
  giftCartonShare: 0.5,
  /** real scenario: Mid-Autumn ramp (days before, lift on the eve) per category, and the National Day week's lift */
  midAutumnRampDays: 21,
  midAutumnLift: { baijiu: 1.5, cigarettes: 0.3 } as Partial<Record<string, number>>,
  nationalDayLift: { baijiu: 0.4, beer: 0.25, cigarettes: 0.1 } as Partial<Record<string, number>>,
  /** real scenario: weather, a shared AR(1) log-factor on beer and beverages (dairy half): φ and the daily innovation sd */
  weatherPhi: 0.8,
  weatherSd: 0.12,
} as const;

// ---------------------------------------------------------------- products

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

export interface Simulation {
  seed: number;
  startDay: string;
  /** simulated days (the replay uses these); demand has `tail` more */
  days: number;
  tail: number;
  /** day strings for days 0 … days + tail − 1 */
  dayStrings: string[];
  /** weekday of each day, 0 = Sunday */
  weekdays: Uint8Array;
  products: SimProduct[];
  /** expected demand per product per day (packs) */
  mean: Float64Array[];
  /** realised demand per product per day (packs) */
  demand: Int32Array[];
}

function pickCategory(u: number): CategorySpec {
  let acc = 0;
  for (const c of CATEGORIES) {
    acc += c.share;
    if (u < acc) return c;
  }
  return CATEGORIES[CATEGORIES.length - 1]!;
}

function dayOfYear(day: string): number {
  const year = Number(day.slice(0, 4));
  return dayIndex(day) - dayIndex(`${year}-01-01`);
}

/** Spring Festival multiplier for a product with the given lift, `offset` days from the festival's first day. */
export function festivalMultiplier(offset: number, lift: number): number {
  const { festivalRampDays, festivalDip, festivalDipDays, festivalRecoveryDays } = PARAMS;
  if (offset < -festivalRampDays || offset >= festivalDipDays + festivalRecoveryDays) return 1;
  if (offset < 0) {
    // rises slowly, then steeply in the last week: the eve is the peak
    const x = (offset + festivalRampDays + 1) / festivalRampDays;
    return 1 + lift * x * x * x;
  }
  if (offset < festivalDipDays) return festivalDip; // shops half shut, workers gone home
  const r = (offset - festivalDipDays + 1) / (festivalRecoveryDays + 1);
  return festivalDip + (1 - festivalDip) * r;
}

/** Nearest Spring Festival to a day (previous, this or next year). */
function festivalOffset(absDay: number, year: number): number {
  let best = Infinity;
  for (const y of [year - 1, year, year + 1]) {
    const date = SPRING_FESTIVAL[y];
    if (!date) continue;
    const off = absDay - dayIndex(date);
    if (Math.abs(off) < Math.abs(best)) best = off;
  }
  return best;
}

function makeProduct(seed: number, index: number, days: number): SimProduct {
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

export function categorySpec(id: CategoryId): CategorySpec {
  return CATEGORIES.find((c) => c.id === id)!;
}

export function simulate(options: SimOptions): Simulation {
  const seed = options.seed;
  const count = options.products ?? 300;
  const startDay = options.startDay ?? '2023-01-01';
  const days = options.days ?? 1095;
  const tail = options.tail ?? 21;
  const total = days + tail;
  const start = dayIndex(startDay);
  const dayStrings: string[] = [];
  const weekdays = new Uint8Array(total);
  const doy = new Float64Array(total);
  const festOff = new Int32Array(total);
  for (let t = 0; t < total; t++) {
    const s = dayString(start + t);
    dayStrings.push(s);
    weekdays[t] = weekdayOf(start + t);
    doy[t] = dayOfYear(s);
    festOff[t] = festivalOffset(start + t, Number(s.slice(0, 4)));
  }
  const products: SimProduct[] = [];
  const mean: Float64Array[] = [];
  const demand: Int32Array[] = [];
  // real scenario: the days' Mid-Autumn / National Day position and the shared weather
  const real = options.real === true;
  const midAutumnX = new Float64Array(total);
  const nationalDay = new Uint8Array(total);
  const weather = new Float64Array(total).fill(1);
  if (real) {
    const wrng = new Rng(streamSeed(seed ^ 0x3ea7, 0));
    let w = 0;
    for (let t = 0; t < total; t++) {
      const s = dayStrings[t]!;
      const ma = MID_AUTUMN[Number(s.slice(0, 4))];
      if (ma) {
        const off = start + t - dayIndex(ma);
        if (off < 0 && off >= -PARAMS.midAutumnRampDays) midAutumnX[t] = (off + PARAMS.midAutumnRampDays + 1) / PARAMS.midAutumnRampDays;
      }
      if (s.slice(5) >= '10-01' && s.slice(5) <= '10-07') nationalDay[t] = 1;
      w = PARAMS.weatherPhi * w + PARAMS.weatherSd * wrng.normal();
      weather[t] = Math.exp(w);
    }
  }
  for (let i = 0; i < count; i++) {
    const p = makeProduct(seed, i, days);
    const cat = categorySpec(p.category);
    const weeklyMean = cat.weekly.reduce((a, b) => a + b, 0) / 7;
    // the noise stream is separate from the product's parameters
    const rng = new Rng(streamSeed(seed ^ 0x5eed, i));
    const giftRng = new Rng(streamSeed(seed ^ 0x9f7, i));
    const m = new Float64Array(total);
    const d = new Int32Array(total);
    let level = 1;
    let nextChange = 0;
    for (let t = 0; t < total; t++) {
      if (t < p.startDay) continue;
      while (nextChange < p.priceChanges.length && p.priceChanges[nextChange]!.day <= t) {
        level *= p.priceChanges[nextChange]!.levelFactor;
        nextChange++;
      }
      const age = t - p.startDay;
      const adoption = p.isNew ? 1 - Math.exp(-(age + 1) / PARAMS.newAdoptionDays) : 1;
      const trend = Math.exp((p.trendPerYear * t) / 365);
      const weekly = cat.weekly[weekdays[t]!]! / weeklyMean;
      const yearly = 1 + cat.yearlyAmplitude * Math.cos((2 * Math.PI * (doy[t]! - cat.yearlyPeakDoy)) / 365.25);
      const festival = festivalMultiplier(festOff[t]!, cat.festivalLift);
      let mu = p.baseRate * level * adoption * trend * weekly * yearly * festival;
      if (!real) {
        m[t] = mu;
        d[t] = rng.negBinomial(mu, p.size);
        continue;
      }
      const x = midAutumnX[t]!;
      mu *=
        (1 + (PARAMS.midAutumnLift[p.category] ?? 0) * x * x * x) * (nationalDay[t] ? 1 + (PARAMS.nationalDayLift[p.category] ?? 0) : 1);
      // the expected demand a shop could know; the weather is a surprise on the day
      m[t] = mu;
      const shock = p.category === 'beer' || p.category === 'beverages' ? weather[t]! : p.category === 'dairy' ? Math.sqrt(weather[t]!) : 1;
      // gift cartons: part of the festival's extra cigarette demand comes ten packs at a time
      const gift = p.category === 'cigarettes' && festival > 1 ? PARAMS.giftCartonShare * (mu - mu / festival) : 0;
      d[t] = rng.negBinomial((mu - gift) * shock, p.size) + (gift > 0 ? 10 * giftRng.poisson(gift / 10) : 0);
    }
    products.push(p);
    mean.push(m);
    demand.push(d);
  }
  return { seed, startDay, days, tail, dayStrings, weekdays, products, mean, demand };
}

/** Average demand interval over the days a product is on sale (ADI > 1.32 → intermittent or lumpy). */
export function averageDemandInterval(series: ArrayLike<number>, from = 0, to = series.length): number {
  let nonZero = 0;
  for (let t = from; t < to; t++) if ((series[t] ?? 0) > 0) nonZero++;
  return nonZero === 0 ? Infinity : (to - from) / nonZero;
}
