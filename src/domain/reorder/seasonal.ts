/**
 * The seasonal method: a product's (or its category's) same days of earlier
 * years, aligned on the Spring Festival, scaled by its level and its
 * month-on-month coefficient; the festival-aligned calendar it reads through,
 * the weekday profile and the method's own forecast error.
 */
import { dayIndex, nearestSpringFestival, springFestivalIndex, weekdayOf } from './calendar.ts';
import { ERROR_ORIGIN_DAYS, scaledErrorVariance } from './forecast-error.ts';
import { clamp } from './numbers.ts';

/** Days of history needed for the seasonal (same weeks of earlier years) method. */
export const SEASONAL_MIN_DAYS = 371;
/** Earlier years averaged by the seasonal method. */
export const SEASONAL_MAX_YEARS = 3;
/** Bounds of the month-on-month coefficient and of the year-on-year growth. */
export const FACTOR_MIN = 0.7;
export const FACTOR_MAX = 1.4;
/** Half-width (days) of the same-season window in earlier years, away from the Spring Festival. */
export const SEASON_HALF_WIDTH = 14;
/** Typical true swing of a month's sales around the quarter's trend (log scale), for shrinking the month-on-month coefficient. */
export const MOM_SPREAD = 0.1;
/**
 * A product's level against its category's pooled season: its share of the
 * category's same days a year before, over half a year (a share holds all
 * year, where its own season needs a quarter; twice the days, a third less
 * sampling noise), and the month-on-month coefficient over its last 8 weeks,
 * shrunk towards 1 against a true swing of about 7% (tuned on seeds 1–3).
 */
export const POOLED_LEVEL_DAYS = 182;
export const POOLED_MOM_DAYS = 56;
export const POOLED_MOM_SPREAD = 0.07;

/**
 * Same-season day `yearsBack` years before `t`: 52-week steps (so weekdays line
 * up) with a leap-week correction, pulled onto the Spring Festival of that year
 * near the festival (full alignment within 6 weeks, fading out by 12 weeks),
 * because 春节 moves by up to ~3 weeks between years.
 */
export function alignedDay(t: number, yearsBack: number): number {
  const table = ALIGN_TABLES[yearsBack];
  const k = t - ALIGN_FROM;
  if (table && k >= 0 && k < table.length) return t - table[k]!;
  return computeAlignedDay(t, yearsBack);
}

function computeAlignedDay(t: number, yearsBack: number): number {
  const base = t - 364 * yearsBack - 7 * Math.round((1.2425 * yearsBack) / 7);
  const near = nearestSpringFestival(t);
  if (!near) return base;
  const earlier = springFestivalIndex(near.year - yearsBack);
  if (earlier === undefined) return base;
  const off = Math.abs(near.offset);
  const w = off <= 42 ? 1 : off >= 84 ? 0 : (84 - off) / 42;
  return base + Math.round(w * (earlier + near.offset - base));
}

// The engine asks for aligned days millions of times per run: precompute the
// backward distance for every day the festival table covers (≈ 10k days × 3).
const ALIGN_FROM = dayIndex('2015-01-01');
const ALIGN_TO = dayIndex('2041-12-31');
const ALIGN_TABLES: Array<Int32Array | undefined> = [undefined];
for (let yb = 1; yb <= 3; yb++) {
  const table = new Int32Array(ALIGN_TO - ALIGN_FROM + 1);
  for (let k = 0; k < table.length; k++) table[k] = ALIGN_FROM + k - computeAlignedDay(ALIGN_FROM + k, yb);
  ALIGN_TABLES.push(table);
}

/**
 * Half-width of the same-season window around day t. Away from the Spring
 * Festival (5 weeks before to 4 weeks after) the season changes slowly: a
 * month-wide window averages four times as many days (less noise) and bends a
 * yearly curve by about 1%. Near it the peak is sharp: one week, and never
 * across the festival's first day — buying peaks on the eve and halves the
 * next day, so a window straddling the two cuts the eve's peak by a third.
 * The window stays centred (a ramp's average is its middle), so it narrows to
 * the eve itself on the eve.
 */
function computeSeasonHalfWidth(t: number): number {
  const near = nearestSpringFestival(t);
  if (near === undefined || near.offset < -35 || near.offset > 28) return SEASON_HALF_WIDTH;
  return Math.min(3, near.offset < 0 ? -near.offset - 1 : near.offset);
}
// Asked for every aligned day like alignedDay: precomputed over the same span.
const SEASON_HALF_WIDTHS = new Uint8Array(ALIGN_TO - ALIGN_FROM + 1);
for (let k = 0; k < SEASON_HALF_WIDTHS.length; k++) SEASON_HALF_WIDTHS[k] = computeSeasonHalfWidth(ALIGN_FROM + k);
function seasonHalfWidth(t: number): number {
  const k = t - ALIGN_FROM;
  return k >= 0 && k < SEASON_HALF_WIDTHS.length ? SEASON_HALF_WIDTHS[k]! : computeSeasonHalfWidth(t);
}

/** Day-of-week multipliers (mean 1) from the last 8 weeks, for steady sellers only. */
export function weekdayProfile(imp: Float64Array, start: number, n: number): Float64Array | null {
  if (n < 56) return null;
  const sums = new Float64Array(7);
  let total = 0;
  for (let t = n - 56; t < n; t++) {
    const v = imp[t]!;
    const wd = weekdayOf(start + t);
    sums[wd] = sums[wd]! + v;
    total += v;
  }
  const mean = total / 56;
  if (mean < 1) return null;
  const prof = new Float64Array(7);
  let s = 0;
  for (let k = 0; k < 7; k++) {
    prof[k] = clamp(sums[k]! / 8 / mean, 0.5, 1.5);
    s += prof[k]!;
  }
  for (let k = 0; k < 7; k++) prof[k] = (prof[k]! * 7) / s;
  return prof;
}

export interface SeasonalResult {
  seasonalAverage: number;
  mom: number;
  yoy: number;
  total: number;
}

/**
 * One product's series seen through the festival-aligned calendar, with
 * prefix sums so every window the seasonal method needs costs O(1):
 * for each day t in [0, n + p) and each earlier year, the aligned day's demand,
 * its 7-day mean, and whether the aligned day lies in the data.
 */
export interface SeasonalData {
  n: number;
  cum: Float64Array;
  /** First day (series index) the aligned arrays cover; earlier windows are missing. */
  from: number;
  /** [yearsBack − 1]: prefix sums of imp at the aligned day, from `from`. */
  alignedCum: Float64Array[];
  /** [yearsBack − 1]: prefix counts of days whose aligned day is outside the data. */
  missingCum: Int32Array[];
  /** [yearsBack − 1]: 7-day mean around the aligned day of day from + k, NaN outside the data. */
  week: Float64Array[];
  /** Variance / mean of daily sales over the last 91 days (≥ 1): how noisy a sum of days is. */
  dispersion: number;
}

export function dispersionIndex(y: Float64Array, from: number, to: number): number {
  let sum = 0,
    sq = 0;
  const k = to - from;
  if (k < 2) return 1;
  for (let t = from; t < to; t++) {
    const v = y[t]!;
    sum += v;
    sq += v * v;
  }
  const mean = sum / k;
  const variance = (sq - k * mean * mean) / (k - 1);
  return mean > 0 ? Math.max(1, variance / mean) : 1;
}

/** Oldest origin whose error is measured, and the 13-week window behind it: all the seasonal method reads. */
function seasonalSpan(n: number, p: number): number {
  return Math.max(0, n - p - ERROR_ORIGIN_DAYS - 91 - 7);
}

export function seasonalData(imp: Float64Array, start: number, n: number, p: number): SeasonalData {
  const cum = new Float64Array(n + 1);
  for (let t = 0; t < n; t++) cum[t + 1] = cum[t]! + imp[t]!;
  const from = seasonalSpan(n, p);
  const m = n + p - from;
  const alignedCum: Float64Array[] = [];
  const missingCum: Int32Array[] = [];
  const week: Float64Array[] = [];
  for (let yb = 1; yb <= SEASONAL_MAX_YEARS; yb++) {
    const ac = new Float64Array(m + 1);
    const mc = new Int32Array(m + 1);
    const wk = new Float64Array(m);
    const table = ALIGN_TABLES[yb];
    const t0 = start + from - ALIGN_FROM;
    const tableOk = table !== undefined && t0 >= 0 && t0 + m <= table.length;
    let acc = 0,
      miss = 0;
    for (let k = 0; k < m; k++) {
      const day = start + from + k;
      const a = (tableOk ? day - table[t0 + k]! : computeAlignedDay(day, yb)) - start;
      if (a >= 0 && a < n) acc += imp[a]!;
      else miss++;
      ac[k + 1] = acc;
      mc[k + 1] = miss;
      const h = seasonHalfWidth(day);
      const h0 = Math.min(h, 3);
      wk[k] =
        a - h >= 0 && a + h < n
          ? (cum[a + h + 1]! - cum[a - h]!) / (2 * h + 1)
          : a - h0 >= 0 && a + h0 < n
            ? (cum[a + h0 + 1]! - cum[a - h0]!) / (2 * h0 + 1)
            : NaN;
    }
    alignedCum.push(ac);
    missingCum.push(mc);
    week.push(wk);
  }
  return { n, cum, from, alignedCum, missingCum, week, dispersion: dispersionIndex(imp, Math.max(0, n - 91), n) };
}

/**
 * Whose sales a seasonal forecast scales: the product's prefix sums, where its
 * day 0 falls in the season's series (0 when the season is its own), and the
 * noise of its daily sales (variance / mean).
 */
export interface OwnSales {
  cum: Float64Array;
  offset: number;
  dispersion: number;
}

function ownSalesOf(d: SeasonalData): OwnSales {
  return { cum: d.cum, offset: 0, dispersion: d.dispersion };
}

/**
 * The product's last `k` days before `origin` against the mean of the same
 * aligned days of the season's series in earlier years: their ratio and the
 * two sums (NaN when no earlier year has those days in the data).
 */
function recentRatio(d: SeasonalData, own: OwnSales, origin: number, k: number): { ratio: number; recent: number; past: number } {
  const none = { ratio: NaN, recent: 0, past: 0 };
  const o = origin + own.offset;
  if (origin - k < 0 || o - k < d.from) return none;
  const recent = own.cum[origin]! - own.cum[origin - k]!;
  const hi = o - d.from;
  const lo = hi - k;
  let past = 0,
    years = 0;
  for (let i = 0; i < SEASONAL_MAX_YEARS; i++) {
    if (d.missingCum[i]![hi]! - d.missingCum[i]![lo]! !== 0) continue;
    past += d.alignedCum[i]![hi]! - d.alignedCum[i]![lo]!;
    years++;
  }
  if (years === 0 || past <= 0) return none;
  return { ratio: recent / (past / years), recent, past };
}

/**
 * Seasonal forecast for the product's days [origin, origin + p) using only
 * days before `origin`. The season `d` is the product's own series or, for a
 * product in a category with enough sales, the category's pooled sales (a
 * product's own year-old window is a few dozen packs: its festival peak and
 * summer are mostly noise, the category's are not). For each day, the 7-day
 * mean around the aligned day of each earlier year (only the years whose week
 * is in the data), averaged over years; then × the level (the product's last
 * 13 weeks against the season's same weeks earlier; half a year against a
 * pooled season) × the month-on-month coefficient (its last 4 weeks, 8 against
 * a pooled season, relative to the level's window, shrunk by its noise), each
 * clamped to [FACTOR_MIN, FACTOR_MAX] for a product's own season.
 */
export function seasonalForecast(
  d: SeasonalData,
  origin: number,
  p: number,
  daily: Float64Array | null,
  own: OwnSales = ownSalesOf(d),
): SeasonalResult | null {
  const o = origin + own.offset;
  if (o < d.from) return null;
  const pooled = own.offset !== 0 || own.cum !== d.cum;
  const q = recentRatio(d, own, origin, pooled ? POOLED_LEVEL_DAYS : 91);
  // Without the same quarter in an earlier year there is no growth to scale by,
  // and a product still ramping up then would be forecast at its launch level.
  if (q.ratio !== q.ratio) return null;
  let avg = 0;
  for (let j = 0; j < p; j++) {
    let s = 0,
      years = 0;
    for (let i = 0; i < SEASONAL_MAX_YEARS; i++) {
      const v = d.week[i]![o - d.from + j]!;
      if (v === v) {
        s += v;
        years++;
      }
    }
    if (years === 0) return null;
    const v = s / years;
    if (daily) daily[j] = v;
    avg += v;
  }
  const m = recentRatio(d, own, origin, pooled ? POOLED_MOM_DAYS : 28);
  // A pooled season's level is the category's: the product's share of it is
  // what the ratio measures, not a growth to be bounded.
  const yoy = pooled ? q.ratio : clamp(q.ratio, FACTOR_MIN, FACTOR_MAX);
  let mom = 1;
  if (m.ratio === m.ratio && m.recent > 0) {
    // A month of sales is a small sample: its ratio to the quarter is mostly
    // noise for a product selling a few packs a day. Shrink it towards 1 by
    // how much of its spread sampling explains (log-ratio sampling variance
    // ≈ dispersion × (1/recent + 1/past), against a true month-to-month
    // swing of about MOM_SPREAD).
    const noise = own.dispersion * (1 / m.recent + (pooled ? 1 / q.recent : 1 / m.past));
    const spread = pooled ? POOLED_MOM_SPREAD : MOM_SPREAD;
    const weight = (spread * spread) / (spread * spread + noise);
    mom = clamp(Math.exp(weight * Math.log(m.ratio / q.ratio)), FACTOR_MIN, FACTOR_MAX);
  }
  return { seasonalAverage: avg, mom, yoy, total: avg * mom * yoy };
}

export function seasonalErrorSd(d: SeasonalData, n: number, p: number, level: number, own: OwnSales = ownSalesOf(d)): number {
  const fs: number[] = [];
  const e2: number[] = [];
  for (let o = n - p; o >= n - p - ERROR_ORIGIN_DAYS && o > 0; o -= 7) {
    const f = seasonalForecast(d, o, p, null, own);
    if (!f) break;
    const actual = own.cum[o + p]! - own.cum[o]!;
    const e = actual - f.total;
    fs.push(f.total);
    e2.push(e * e);
  }
  return Math.sqrt(scaledErrorVariance(fs, e2, level));
}

/** The product's last 13 weeks against the same weeks of its own earlier years (1 when it has none): the growth shown to the owner. */
export function ownGrowth(cum: Float64Array, start: number, n: number): number {
  if (n < 91) return 1;
  const recent = cum[n]! - cum[n - 91]!;
  let past = 0,
    years = 0;
  for (let yb = 1; yb <= SEASONAL_MAX_YEARS; yb++) {
    const a = alignedDay(start + n, yb) - start;
    if (a - 91 < 0) break;
    past += cum[a]! - cum[a - 91]!;
    years++;
  }
  return years > 0 && past > 0 ? recent / (past / years) : 1;
}
