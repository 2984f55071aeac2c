/**
 * Seeded demand simulator for the reorder benchmark (issue 4, "Proof") and the demo shop.
 *
 * Every number below is documented in bench/reorder/README.md. Pure and
 * deterministic: the same seed gives the same series, in node and in Chromium
 * (no Math.random, no Date with a time zone).
 */
import { MID_AUTUMN, SPRING_FESTIVAL, dayIndex, dayString, weekdayOf } from './reorder/calendar.ts';
import { categorySpec, PARAMS } from './demand-simulator/parameters.ts';
import { makeProduct, type SimProduct } from './demand-simulator/products.ts';
import { Rng, streamSeed } from './demand-simulator/rng.ts';

export * from './demand-simulator/parameters.ts';
export * from './demand-simulator/products.ts';
export * from './demand-simulator/rng.ts';

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
