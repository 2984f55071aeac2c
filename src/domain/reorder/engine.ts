/**
 * Sales-guided reorder advice (issue 4): a periodic-review, lost-sales policy.
 *
 * For each product: classify its demand (ADI / CV²), forecast demand over the
 * protection interval with the method that fits, add safety stock from the
 * measured forecast error and the service level, order up to that level, round
 * to order units, then apply the caps (discontinued, quota, budget). Every
 * number that produced a suggestion is returned with it.
 *
 * Pure and deterministic: no DOM, no IndexedDB, no clock (settings.today is the
 * only "now"), no Date objects in loops. Days are integer indexes.
 */
import {
  dayIndex, isDayString, nearestSpringFestival, springFestivalIndex, weekdayOf, yearOfIndex,
} from './calendar.ts';
import {
  crostonSBA, holtDamped, holtForecast, imputeCensored, sesLevel, trendStrength, tsb, ALPHA,
} from './forecast.ts';
import { bestChoice, orderChoices, shortagePrice, type OrderChoices } from './policy.ts';

export interface DaySales { day: string; sold: number; /** true when the product was out of stock (stock ≤ 0) at the end of that day: demand censored */ stockout?: boolean }
export interface ReorderProduct {
  code: string; name?: string; category?: string;
  priceCents: number; costCents?: number;
  /** packs per order unit (carton); default 1 */ orderUnit?: number;
  minOrderUnits?: number; discontinued?: boolean;
  /** contiguous days, oldest first, ending the day before settings.today (missing days = 0 sold) */ history: DaySales[];
  stock: number; /** packs already ordered, not yet received */ onOrder: number;
  /** day of the last stocktake that counted it, if any */ lastCountedDay?: string;
}
export interface Quota { code: string; /** order units allowed in the period */ units: number; periodStart: string; periodEnd: string; /** order units already ordered in the period */ ordered: number }
export interface ReorderSettings {
  today: string; /** 0 = Sunday … 6 = Saturday */ orderDays: number[]; leadTimeDays: number;
  serviceLevel: number /* default 0.97 */; budgetCents?: number; quotas?: Quota[];
  stocktakeMaxAgeDays?: number /* default 35 */;
}
export type DemandPattern = 'smooth' | 'erratic' | 'intermittent' | 'lumpy' | 'new' | 'none';
export type ForecastMethod = 'seasonal' | 'smoothing' | 'croston-sba' | 'tsb' | 'category' | 'none';
export type CapReason = 'quota' | 'budget' | 'discontinued' | 'min-order';
export type SuggestionFlag = 'count-before-ordering' | 'negative-stock' | 'no-history' | 'censored-days';
export type ReasonPart =
  | { kind: 'festival'; festival: 'spring-festival'; weeksBefore: number }
  | { kind: 'yoy'; growth: number }
  | { kind: 'mom'; coefficient: number }
  | { kind: 'safety'; units: number }
  | { kind: 'capped'; by: CapReason }
  | { kind: 'flag'; flag: SuggestionFlag }
  | { kind: 'method'; method: ForecastMethod; pattern: DemandPattern };
export interface Suggestion {
  code: string; pattern: DemandPattern; method: ForecastMethod; adi: number; cv2: number;
  protectionDays: number; /** expected demand (packs) over the protection interval */ forecast: number;
  /** per-day forecast for the next protectionDays, packs (for the chart) */ daily: number[];
  factors?: { seasonalAverage: number; momCoefficient: number; yoyGrowth: number };
  safetyStock: number; orderUpTo: number; stock: number; onOrder: number;
  /** packs the ordering rule chose (whole order units), before the caps */ raw: number;
  units: number; packs: number;
  cappedBy?: CapReason;
  flags: SuggestionFlag[];
  reasons: ReasonPart[]; daysOfCover: number | null; expectedLostSales: number; marginCents: number;
}

// ---- tunables (documented in docs via the report) ----
export const DEFAULT_SERVICE_LEVEL = 0.97;
export const DEFAULT_STOCKTAKE_MAX_AGE_DAYS = 35;
/** ADI / CV² cut-offs of Syntetos, Boylan & Croston (2005). */
export const ADI_CUTOFF = 1.32;
export const CV2_CUTOFF = 0.49;
/** Days of own history before a product stops borrowing its category's pattern. */
export const NEW_PRODUCT_DAYS = 56;
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
/** Forecast over the protection interval at or above which the normal approximation is used. */
export const NORMAL_MIN_FORECAST = 30;
/** No product is ordered to serve less than this share of its own demand (or the service level, if lower). */
export const PRODUCT_FILL_FLOOR = 0.8;
/** Relative forecast error assumed for a new product that borrows its category's pattern. */
export const NEW_PRODUCT_CV = 0.5;
/** Classification window (days). */
const CLASSIFY_DAYS = 365;
/** Longest history the engine reads (days); older sales add nothing the seasonal method uses. */
const MAX_HISTORY_DAYS = SEASONAL_MAX_YEARS * 365 + 60;
/** Days of forecast origins over which the protection-interval error is measured. */
const ERROR_ORIGIN_DAYS = 182;

// ---------------------------------------------------------------------------
// Calendar helpers

/** Days from `today` to the next order day strictly after it (1–7); 7 when no order day is set. */
export function daysToNextOrderDay(todayIdx: number, orderDays: readonly number[]): number {
  const wd = weekdayOf(todayIdx);
  let best = 7;
  for (const d of orderDays) {
    if (!Number.isInteger(d) || d < 0 || d > 6) continue;
    const gap = ((d - wd + 7) % 7) || 7;
    if (gap < best) best = gap;
  }
  return best;
}

/**
 * Lead time + days until the next order day after today: what an order placed
 * today must cover, because the next order's delivery arrives that much later.
 */
export function protectionInterval(settings: ReorderSettings): number {
  const lead = clampInt(settings.leadTimeDays, 0, 90, 0);
  return lead + daysToNextOrderDay(dayIndex(settings.today), settings.orderDays);
}

function clampInt(v: unknown, lo: number, hi: number, fallback: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return fallback;
  return Math.min(hi, Math.max(lo, Math.round(v)));
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** Order days (0–6) in [from, to], `from` counted even when it is not an order day (the owner orders now). */
function orderDaysBetween(from: number, to: number, orderDays: readonly number[]): number {
  if (to < from) return 0;
  const mask = new Array<boolean>(7).fill(false);
  for (const d of orderDays) if (Number.isInteger(d) && d >= 0 && d <= 6) mask[d] = true;
  let count = 1;
  for (let t = from + 1; t <= to; t++) if (mask[weekdayOf(t)]) count++;
  return count;
}

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

// ---------------------------------------------------------------------------
// Demand classification

/**
 * ADI (average days between demands) and CV² (squared coefficient of variation
 * of the non-zero demand sizes) over the last year; intermittent when the
 * weekly sums' ADI is above the cut-off (see classifySeries). Censored days without a
 * sale are not observations; a censored day with sales counts its sales as a
 * (lower-bound) demand.
 */
export function classifyDemand(history: DaySales[]): { pattern: DemandPattern; adi: number; cv2: number } {
  const n = history.length;
  if (n === 0) return { pattern: 'none', adi: 0, cv2: 0 };
  const y = new Float64Array(n);
  const c = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const h = history[i];
    y[i] = cleanSold(h?.sold);
    c[i] = h?.stockout ? 1 : 0;
  }
  const r = classifySeries(y, c, 0, n);
  if (n < NEW_PRODUCT_DAYS && r.pattern !== 'none') return { ...r, pattern: 'new' };
  return r;
}

function classifySeries(y: ArrayLike<number>, c: ArrayLike<number>, from: number, to: number): { pattern: DemandPattern; adi: number; cv2: number } {
  let obs = 0, hits = 0, s = 0, ss = 0;
  for (let t = Math.max(from, to - CLASSIFY_DAYS); t < to; t++) {
    const v = y[t] ?? 0;
    if (c[t] && !(v > 0)) continue;
    obs++;
    if (v > 0) { hits++; s += v; ss += v * v; }
  }
  if (hits === 0) return { pattern: 'none', adi: 0, cv2: 0 };
  const adi = obs / hits;
  const mean = s / hits;
  const variance = ss / hits - mean * mean;
  const cv2 = Math.max(0, variance) / (mean * mean);
  // Intermittent or not is decided on weekly sums (ADIDA-style temporal
  // aggregation): at 1.2–1.8 packs a day a day without a sale is common
  // (daily ADI > 1.32), yet such a product sells every week and has a festival
  // peak, a weekday pattern and a season that a flat intermittent rate loses.
  // Too short a history for four weeks keeps the daily figure.
  let weeks = 0, weeksWithSales = 0;
  for (let end = to; end - 7 >= Math.max(from, to - CLASSIFY_DAYS); end -= 7) {
    let sold = 0, observed = false;
    for (let t = end - 7; t < end; t++) {
      const v = y[t] ?? 0;
      if (c[t] && !(v > 0)) continue;
      observed = true;
      sold += v;
    }
    if (!observed) continue;
    weeks++;
    if (sold > 0) weeksWithSales++;
  }
  const intermittent = weeks >= 4 ? weeks > ADI_CUTOFF * weeksWithSales : adi > ADI_CUTOFF;
  const pattern: DemandPattern = intermittent
    ? (cv2 > CV2_CUTOFF ? 'lumpy' : 'intermittent')
    : (cv2 > CV2_CUTOFF ? 'erratic' : 'smooth');
  return { pattern, adi, cv2 };
}

function cleanSold(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0;
}

// ---------------------------------------------------------------------------
// Per-product series

interface Series {
  n: number;
  y: Float64Array;
  cens: Uint8Array;
  censoredDays: number;
  /** First day index of y[0]. */
  start: number;
}

/** Dense series ending the day before today. Fast path when the history is contiguous as promised. */
function toSeries(history: DaySales[], todayIdx: number): Series {
  const len = history.length;
  const first = history[0];
  const last = history[len - 1];
  let contiguous = false;
  if (first && last && isDayString(first.day) && isDayString(last.day)) {
    contiguous = dayIndex(last.day) === todayIdx - 1 && dayIndex(first.day) === todayIdx - len;
  }
  if (contiguous) {
    const skip = Math.max(0, len - MAX_HISTORY_DAYS);
    const n = len - skip;
    const y = new Float64Array(n);
    const cens = new Uint8Array(n);
    let censoredDays = 0;
    for (let i = 0; i < n; i++) {
      const h = history[i + skip]!;
      y[i] = cleanSold(h.sold);
      if (h.stockout) { cens[i] = 1; censoredDays++; }
    }
    return { n, y, cens, censoredDays, start: todayIdx - n };
  }
  // Slow path: gaps, disorder or days at/after today. Place each day by its date.
  let minIdx = todayIdx;
  const idx = new Array<number>(len);
  for (let i = 0; i < len; i++) {
    const d = history[i]?.day;
    const k = isDayString(d) ? dayIndex(d) : NaN;
    idx[i] = k;
    if (k < minIdx) minIdx = k;
  }
  const start = Math.max(minIdx, todayIdx - MAX_HISTORY_DAYS);
  const n = todayIdx - start;
  const y = new Float64Array(n);
  const cens = new Uint8Array(n);
  for (let i = 0; i < len; i++) {
    const k = idx[i]!;
    if (!(k >= start && k < todayIdx)) continue;
    const h = history[i]!;
    y[k - start] = y[k - start]! + cleanSold(h.sold);
    if (h.stockout) cens[k - start] = 1;
  }
  let censoredDays = 0;
  for (let i = 0; i < n; i++) censoredDays += cens[i]!;
  return { n, y, cens, censoredDays, start };
}

/** Day-of-week multipliers (mean 1) from the last 8 weeks, for steady sellers only. */
function weekdayProfile(imp: Float64Array, start: number, n: number): Float64Array | null {
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
  for (let k = 0; k < 7; k++) { prof[k] = clamp(sums[k]! / 8 / mean, 0.5, 1.5); s += prof[k]!; }
  for (let k = 0; k < 7; k++) prof[k] = prof[k]! * 7 / s;
  return prof;
}

// ---------------------------------------------------------------------------
// Seasonal method

interface SeasonalResult { seasonalAverage: number; mom: number; yoy: number; total: number }

/**
 * One product's series seen through the festival-aligned calendar, with
 * prefix sums so every window the seasonal method needs costs O(1):
 * for each day t in [0, n + p) and each earlier year, the aligned day's demand,
 * its 7-day mean, and whether the aligned day lies in the data.
 */
interface SeasonalData {
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

function dispersionIndex(y: Float64Array, from: number, to: number): number {
  let sum = 0, sq = 0;
  const k = to - from;
  if (k < 2) return 1;
  for (let t = from; t < to; t++) { const v = y[t]!; sum += v; sq += v * v; }
  const mean = sum / k;
  const variance = (sq - k * mean * mean) / (k - 1);
  return mean > 0 ? Math.max(1, variance / mean) : 1;
}

/** Oldest origin whose error is measured, and the 13-week window behind it: all the seasonal method reads. */
function seasonalSpan(n: number, p: number): number {
  return Math.max(0, n - p - ERROR_ORIGIN_DAYS - 91 - 7);
}

function seasonalData(imp: Float64Array, start: number, n: number, p: number): SeasonalData {
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
    let acc = 0, miss = 0;
    for (let k = 0; k < m; k++) {
      const day = start + from + k;
      const a = (tableOk ? day - table[t0 + k]! : computeAlignedDay(day, yb)) - start;
      if (a >= 0 && a < n) acc += imp[a]!; else miss++;
      ac[k + 1] = acc;
      mc[k + 1] = miss;
      const h = seasonHalfWidth(day);
      const h0 = Math.min(h, 3);
      wk[k] = a - h >= 0 && a + h < n ? (cum[a + h + 1]! - cum[a - h]!) / (2 * h + 1)
        : a - h0 >= 0 && a + h0 < n ? (cum[a + h0 + 1]! - cum[a - h0]!) / (2 * h0 + 1) : NaN;
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
interface OwnSales { cum: Float64Array; offset: number; dispersion: number }

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
  let past = 0, years = 0;
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
function seasonalForecast(
  d: SeasonalData, origin: number, p: number, daily: Float64Array | null, own: OwnSales = ownSalesOf(d),
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
    let s = 0, years = 0;
    for (let i = 0; i < SEASONAL_MAX_YEARS; i++) {
      const v = d.week[i]![o - d.from + j]!;
      if (v === v) { s += v; years++; }
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

// ---------------------------------------------------------------------------
// Forecast error over the protection interval

/**
 * Variance of the interval's forecast error at the forecast `level`, fitted to
 * past (forecast, squared error) pairs as a·f + b·f² (a, b ≥ 0): count noise
 * grows with the level, a relative forecast error with its square. One
 * absolute figure over the last half-year put a summer drink's July errors
 * into its December safety stock and left its summer short. Weighted by 1/f²
 * so each origin counts by its relative error. When the past forecasts hardly
 * vary (coefficient of variation under 10%) the two terms cannot be told
 * apart: the mean squared error. NaN with fewer than 4 pairs.
 */
export function scaledErrorVariance(forecasts: ArrayLike<number>, squaredErrors: ArrayLike<number>, level: number): number {
  const n = Math.min(forecasts.length, squaredErrors.length);
  if (n < 4) return NaN;
  let s11 = 0, s12 = 0, s22 = 0, t1 = 0, t2 = 0, mse = 0;
  for (let i = 0; i < n; i++) {
    const f = Math.max(0, forecasts[i]!);
    const e2 = squaredErrors[i]!;
    mse += e2;
    const w = 1 / Math.max(f, 1) ** 2;
    s11 += w * f * f; s12 += w * f * f * f; s22 += w * f * f * f * f;
    t1 += w * f * e2; t2 += w * f * f * e2;
  }
  mse /= n;
  const det = s11 * s22 - s12 * s12;
  if (!(s11 > 0 && s22 > 0) || det < 0.01 * s11 * s22) return mse;
  let a = (t1 * s22 - t2 * s12) / det;
  let b = (s11 * t2 - s12 * t1) / det;
  if (a < 0) { a = 0; b = t2 / s22; } else if (b < 0) { b = 0; a = t1 / s11; }
  return Math.max(0, a * level + b * level * level);
}

/** Interval errors (actual sum over p days − p × fitted rate) at the recent origins with a fitted rate, scaled to `level` (scaledErrorVariance); an SD. */
function intervalErrorSd(imp: Float64Array, fitted: Float64Array, n: number, p: number, level: number): number {
  const fs: number[] = [];
  const e2: number[] = [];
  const lo = Math.max(0, n - ERROR_ORIGIN_DAYS - p);
  let window = 0;
  for (let t = lo; t < Math.min(n, lo + p); t++) window += imp[t]!;
  for (let o = lo; o + p <= n; o++) {
    const f = fitted[o]!;
    if (f === f) {
      const e = window - p * f;
      fs.push(p * f);
      e2.push(e * e);
    }
    window -= imp[o]!;
    if (o + p < n) window += imp[o + p]!;
  }
  return Math.sqrt(scaledErrorVariance(fs, e2, level));
}

function seasonalErrorSd(d: SeasonalData, n: number, p: number, level: number, own: OwnSales = ownSalesOf(d)): number {
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

// ---------------------------------------------------------------------------
// The policy

interface Working {
  s: Suggestion;
  product: ReorderProduct;
  orderUnit: number;
  /** Forecast error SD over the interval (NaN: none measured). */
  sd: number;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Days the stock lasts at the forecast rate; null when nothing is expected to sell. */
export function daysOfCover(stock: number, dailyRate: number): number | null {
  if (!(dailyRate > 0)) return null;
  return Math.max(0, stock) / dailyRate;
}

function emptySuggestion(p: ReorderProduct, protectionDays: number): Suggestion {
  return {
    code: p.code, pattern: 'none', method: 'none', adi: 0, cv2: 0, protectionDays,
    forecast: 0, daily: new Array<number>(protectionDays).fill(0),
    safetyStock: 0, orderUpTo: 0, stock: p.stock, onOrder: p.onOrder, raw: 0, units: 0, packs: 0,
    flags: [], reasons: [], daysOfCover: null, expectedLostSales: 0, marginCents: 0,
  };
}

/** A product's series read once: its class and its sales with censored days imputed. */
interface Prepared { cls: { pattern: DemandPattern; adi: number; cv2: number }; imp: Float64Array | null }

function prepare(series: Series): Prepared {
  const { n, y, cens } = series;
  if (n === 0) return { cls: { pattern: 'none', adi: 0, cv2: 0 }, imp: null };
  const cls = classifySeries(y, cens, 0, n);
  if (n < NEW_PRODUCT_DAYS || cls.pattern === 'none') return { cls, imp: null };
  const imp = new Float64Array(n);
  imputeCensored(y, cens, imp);
  return { cls, imp };
}

/**
 * A category's pooled sales (its products' imputed daily sales summed, day 0 =
 * `start`): the season, festival and weekday profile its products share.
 */
interface CategorySeason {
  data: SeasonalData; start: number; weekday: Float64Array | null;
  /** the category's expected sales per day of the protection interval ÷ its last 13 weeks' daily average (NaN: unknown) */
  index: Float64Array;
}

/** Fewest products and packs a day (last 13 weeks) for a category's pooled season to replace a product's own. */
export const POOL_MIN_PRODUCTS = 3;
export const POOL_MIN_DAILY = 5;
/** Weight of the measured interval errors against the modelled ones (daily noise + level sampling) in a pooled product's forecast error. */
export const MEASURED_ERROR_WEIGHT = 0.5;
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

function categorySeasons(
  series: readonly Series[], prepared: readonly Prepared[], products: readonly ReorderProduct[], todayIdx: number, pdays: number,
): Map<string, CategorySeason> {
  let longest = 0;
  for (let i = 0; i < series.length; i++) if (prepared[i]!.imp) longest = Math.max(longest, series[i]!.n);
  const start = todayIdx - longest;
  const pools = new Map<string, { sum: Float64Array; count: number }>();
  for (let i = 0; i < series.length; i++) {
    const imp = prepared[i]!.imp;
    const product = products[i]!;
    if (!imp || !product.category || product.discontinued) continue;
    let pool = pools.get(product.category);
    if (!pool) { pool = { sum: new Float64Array(longest), count: 0 }; pools.set(product.category, pool); }
    const off = series[i]!.start - start;
    for (let t = 0; t < imp.length; t++) pool.sum[off + t] = pool.sum[off + t]! + imp[t]!;
    pool.count++;
  }
  const out = new Map<string, CategorySeason>();
  for (const [category, pool] of pools) {
    let recent = 0;
    for (let t = Math.max(0, longest - 91); t < longest; t++) recent += pool.sum[t]!;
    if (pool.count < POOL_MIN_PRODUCTS || recent < POOL_MIN_DAILY * 91) continue;
    const data = seasonalData(pool.sum, start, longest, pdays);
    const index = new Float64Array(pdays);
    const f = seasonalForecast(data, longest, pdays, index);
    if (f) for (let j = 0; j < pdays; j++) index[j] = (index[j]! * f.mom * f.yoy) / (recent / Math.min(91, longest));
    else index.fill(NaN);
    out.set(category, { data, start, weekday: weekdayProfile(pool.sum, start, longest), index });
  }
  return out;
}

/** The product's last 13 weeks against the same weeks of its own earlier years (1 when it has none): the growth shown to the owner. */
function ownGrowth(cum: Float64Array, start: number, n: number): number {
  if (n < 91) return 1;
  const recent = cum[n]! - cum[n - 91]!;
  let past = 0, years = 0;
  for (let yb = 1; yb <= SEASONAL_MAX_YEARS; yb++) {
    const a = alignedDay(start + n, yb) - start;
    if (a - 91 < 0) break;
    past += cum[a]! - cum[a - 91]!;
    years++;
  }
  return years > 0 && past > 0 ? recent / (past / years) : 1;
}

/** Forecast one product from its own history (first pass). Returns null when it must borrow its category's. */
function forecastOwn(w: Working, series: Series, pdays: number, prep: Prepared, season: CategorySeason | undefined): boolean {
  const { s } = w;
  const { n, y, cens, start } = series;
  if (n === 0) { s.pattern = 'none'; s.method = 'none'; return false; }
  const { cls, imp } = prep;
  s.adi = cls.adi;
  s.cv2 = cls.cv2;
  if (n < NEW_PRODUCT_DAYS) { s.pattern = 'new'; return false; }
  s.pattern = cls.pattern;
  const daily = new Float64Array(pdays);
  const fitted = new Float64Array(n);
  let sd = NaN;
  if (cls.pattern === 'none' || !imp) {
    s.method = 'none';
  } else if (cls.pattern === 'intermittent' || cls.pattern === 'lumpy') {
    const rate = cls.pattern === 'intermittent'
      ? crostonSBA(y, cens, ALPHA, fitted).rate
      : tsb(y, cens, ALPHA, 0.05, fitted).rate;
    s.method = cls.pattern === 'intermittent' ? 'croston-sba' : 'tsb';
    daily.fill(rate);
    // A slow seller's few sales cannot show a season, its category's can: the
    // rate is its recent months' average, so it moves with the category's
    // coming days against those months (baijiu before the festival).
    if (season && season.index[0] === season.index[0]) {
      const today = start + n;
      for (let j = 0; j < pdays; j++) daily[j] = rate * season.index[j]! * (season.weekday ? season.weekday[weekdayOf(today + j)]! : 1);
    }
    let total = 0;
    for (let j = 0; j < pdays; j++) total += daily[j]!;
    sd = intervalErrorSd(imp, fitted, n, pdays, total);
  } else {
    const prof = season?.weekday ?? weekdayProfile(imp, start, n);
    let done = false;
    if (season) {
      const cum = new Float64Array(n + 1);
      for (let t = 0; t < n; t++) cum[t + 1] = cum[t]! + imp[t]!;
      const own: OwnSales = { cum, offset: start - season.start, dispersion: dispersionIndex(imp, Math.max(0, n - 91), n) };
      const f = seasonalForecast(season.data, n, pdays, daily, own);
      if (f) {
        s.method = 'seasonal';
        for (let j = 0; j < pdays; j++) daily[j] = daily[j]! * f.mom * f.yoy;
        const growth = ownGrowth(cum, start, n);
        s.factors = { seasonalAverage: round2(f.total / (f.mom * growth)), momCoefficient: round2(f.mom), yoyGrowth: round2(growth) };
        sd = seasonalErrorSd(season.data, n, pdays, f.total, own);
        if (sd !== sd) { sesLevel(y, cens, ALPHA, fitted); sd = intervalErrorSd(imp, fitted, n, pdays, f.total); }
        // Two dozen past intervals measure the error loosely; the product's
        // daily noise (a quarter of days) and the sampling error of its level
        // say the same more steadily. Half of each.
        const recent = cum[n]! - cum[Math.max(0, n - POOLED_LEVEL_DAYS)]!;
        const model = f.total * own.dispersion + (recent > 0 ? (f.total * f.total * own.dispersion) / recent : 0);
        if (sd === sd) sd = Math.sqrt(MEASURED_ERROR_WEIGHT * sd * sd + (1 - MEASURED_ERROR_WEIGHT) * model);
        done = true;
      }
    }
    if (!done && n >= SEASONAL_MIN_DAYS) {
      const sd0 = seasonalData(imp, start, n, pdays);
      const f = seasonalForecast(sd0, n, pdays, daily);
      if (f) {
        s.method = 'seasonal';
        s.factors = { seasonalAverage: round2(f.seasonalAverage), momCoefficient: round2(f.mom), yoyGrowth: round2(f.yoy) };
        for (let j = 0; j < pdays; j++) daily[j] = daily[j]! * f.mom * f.yoy;
        sd = seasonalErrorSd(sd0, n, pdays, f.total);
        if (sd !== sd) { sesLevel(y, cens, ALPHA, fitted); sd = intervalErrorSd(imp, fitted, n, pdays, f.total); }
        done = true;
      }
    }
    if (!done) {
      s.method = 'smoothing';
      const trend = trendStrength(imp, cens);
      if (Math.abs(trend.t) > 3) {
        const state = holtDamped(y, cens, ALPHA, 0.02, 0.98, fitted);
        for (let j = 0; j < pdays; j++) daily[j] = holtForecast(state, j + 1);
      } else {
        const level = sesLevel(y, cens, ALPHA, fitted);
        daily.fill(level === level ? level : 0);
      }
      let total = 0;
      for (let j = 0; j < pdays; j++) total += daily[j]!;
      sd = intervalErrorSd(imp, fitted, n, pdays, total);
    }
    if (prof) {
      const today = start + n;
      for (let j = 0; j < pdays; j++) daily[j] = daily[j]! * prof[weekdayOf(today + j)]!;
    }
  }
  setDaily(s, daily);
  w.sd = sd;
  return true;
}

function setDaily(s: Suggestion, daily: ArrayLike<number>): void {
  let total = 0;
  const out = new Array<number>(daily.length);
  for (let j = 0; j < daily.length; j++) {
    const v = Math.max(0, daily[j] ?? 0);
    out[j] = v;
    total += v;
  }
  s.daily = out;
  s.forecast = total;
}

/**
 * The product's candidate orders (policy.ts): its forecast over the
 * protection interval with the spread of the forecast error. Slow, intermittent
 * and new products get a count distribution (never thinner than Poisson), big
 * steady sellers a normal one. A product borrowing its category's forecast has
 * no error of its own yet: it is given NEW_PRODUCT_CV relative error on top.
 */
function buildChoices(w: Working, leadDays: number): OrderChoices {
  const { s } = w;
  const mu = s.forecast;
  const sd = w.sd === w.sd ? w.sd : 0;
  let variance = Math.max(mu, sd * sd);
  if (s.method === 'category') variance += (NEW_PRODUCT_CV * mu) ** 2;
  const normal = mu >= NORMAL_MIN_FORECAST
    && s.pattern !== 'intermittent' && s.pattern !== 'lumpy' && s.pattern !== 'new' && s.pattern !== 'none';
  // Negative stock is a counting error, not a hole to order into (it is flagged instead).
  const position = Math.max(0, s.stock) + Math.max(0, s.onOrder);
  const choices = orderChoices({ daily: s.daily, variance, normal }, position, w.orderUnit, leadDays);
  s.expectedLostSales = choices.lostIfNothing;
  return choices;
}

/** The chosen order at the shop's shortage price, and what it means for the shelf. */
function applyChoice(w: Working, choices: OrderChoices, price: number, floor: number): void {
  const { s } = w;
  const n = bestChoice(choices, price, floor);
  s.units = n;
  s.raw = n * w.orderUnit;
  s.orderUpTo = n > 0 ? choices.position + s.raw : 0;
  // what is expected to be left when the next delivery comes
  s.safetyStock = n > 0 ? Math.max(0, s.orderUpTo - s.forecast) : 0;
}

/**
 * Order suggestions for every product. Products with under NEW_PRODUCT_DAYS of
 * history borrow the average per-product forecast of their category (blended
 * with their own average as their history grows).
 */
export function suggestOrders(products: ReorderProduct[], settings: ReorderSettings): Suggestion[] {
  const todayIdx = dayIndex(settings.today);
  const pdays = protectionInterval(settings);
  const serviceLevel = typeof settings.serviceLevel === 'number' && Number.isFinite(settings.serviceLevel)
    ? clamp(settings.serviceLevel, 0.5, 0.999) : DEFAULT_SERVICE_LEVEL;
  const maxAge = clampInt(settings.stocktakeMaxAgeDays, 1, 3650, DEFAULT_STOCKTAKE_MAX_AGE_DAYS);

  const work: Working[] = [];
  const series: Series[] = [];
  const borrowing: number[] = [];
  const categorySum = new Map<string, { daily: Float64Array; count: number }>();
  for (const product of products) {
    work.push({ s: emptySuggestion(product, pdays), product, orderUnit: orderUnitOf(product), sd: NaN });
    series.push(toSeries(Array.isArray(product.history) ? product.history : [], todayIdx));
  }
  const prepared = series.map(prepare);
  const seasons = categorySeasons(series, prepared, products, todayIdx, pdays);
  for (let i = 0; i < work.length; i++) {
    const w = work[i]!;
    const product = w.product;
    const ser = series[i]!;
    if (forecastOwn(w, ser, pdays, prepared[i]!, product.category ? seasons.get(product.category) : undefined)) {
      if (product.category && !product.discontinued) {
        let c = categorySum.get(product.category);
        if (!c) { c = { daily: new Float64Array(pdays), count: 0 }; categorySum.set(product.category, c); }
        for (let j = 0; j < pdays; j++) c.daily[j] = c.daily[j]! + w.s.daily[j]!;
        c.count++;
      }
    } else borrowing.push(i);
  }
  for (const i of borrowing) {
    const w = work[i]!;
    const ser = series[i]!;
    const cat = w.product.category ? categorySum.get(w.product.category) : undefined;
    // Own average over the observed days (censored days without sales are not observed).
    let sum = 0, obs = 0;
    for (let t = 0; t < ser.n; t++) {
      const v = ser.y[t]!;
      if (ser.cens[t] && !(v > 0)) continue;
      sum += v; obs++;
    }
    const own = obs > 0 ? sum / obs : 0;
    if (cat && cat.count > 0) {
      const weight = Math.min(1, ser.n / NEW_PRODUCT_DAYS);
      const daily = new Float64Array(pdays);
      for (let j = 0; j < pdays; j++) daily[j] = weight * own + (1 - weight) * (cat.daily[j]! / cat.count);
      w.s.pattern = 'new';
      w.s.method = 'category';
      setDaily(w.s, daily);
    } else if (ser.n > 0) {
      w.s.pattern = 'new';
      w.s.method = 'smoothing';
      const level = sesLevel(ser.y, ser.cens);
      const daily = new Float64Array(pdays).fill(level === level ? level : 0);
      setDaily(w.s, daily);
    } else {
      w.s.pattern = 'none';
      w.s.method = 'none';
    }
  }

  const leadDays = pdays - daysToNextOrderDay(todayIdx, settings.orderDays);
  const choices = work.map((w) => buildChoices(w, leadDays));
  const floor = Math.min(serviceLevel, PRODUCT_FILL_FLOOR);
  // One shortage price for the shop (policy.ts), set by the products that may be ordered.
  const shortage = shortagePrice(choices.filter((_, i) => !work[i]!.product.discontinued), serviceLevel, floor);
  for (let i = 0; i < work.length; i++) {
    const w = work[i]!;
    const { s, product } = w;
    const ser = series[i]!;
    applyChoice(w, choices[i]!, shortage, floor);
    // Flags: stock that looks wrong is not trusted blindly.
    if (ser.n === 0) s.flags.push('no-history');
    if (ser.censoredDays > 0) s.flags.push('censored-days');
    const stale = product.lastCountedDay !== undefined && isDayString(product.lastCountedDay)
      && todayIdx - dayIndex(product.lastCountedDay) > maxAge;
    if (product.stock < 0) s.flags.push('negative-stock');
    if (product.stock < 0 || stale) s.flags.push('count-before-ordering');

    const minUnits = clampInt(product.minOrderUnits, 0, 1e9, 0);
    if (s.units > 0 && s.units < minUnits) { s.units = minUnits; s.cappedBy = 'min-order'; }
    if (product.discontinued) { s.units = 0; s.cappedBy = 'discontinued'; }
    const quota = findQuota(settings.quotas, product.code, todayIdx);
    if (quota && !product.discontinued) {
      const remaining = Math.max(0, Math.floor(quota.units) - Math.max(0, Math.floor(quota.ordered)));
      const days = orderDaysBetween(todayIdx, dayIndex(quota.periodEnd), settings.orderDays);
      const allowed = Math.ceil(remaining / Math.max(1, days));
      if (s.units > allowed) { s.units = allowed; s.cappedBy = 'quota'; }
    }
    const price = finiteOr(product.priceCents, 0);
    s.marginCents = product.costCents !== undefined ? price - finiteOr(product.costCents, price) : 0;
    const rate = pdays > 0 ? s.forecast / pdays : 0;
    s.daysOfCover = daysOfCover(product.stock, rate);
  }

  if (settings.budgetCents !== undefined && Number.isFinite(settings.budgetCents)) {
    applyBudget(work, Math.max(0, settings.budgetCents));
  }

  for (const w of work) {
    const { s } = w;
    s.packs = s.units * w.orderUnit;
    s.forecast = round2(s.forecast);
    s.safetyStock = round2(s.safetyStock);
    s.orderUpTo = round2(s.orderUpTo);
    s.raw = round2(s.raw);
    s.expectedLostSales = round2(s.expectedLostSales);
    s.adi = round2(s.adi);
    s.cv2 = round2(s.cv2);
    if (s.daysOfCover !== null) s.daysOfCover = Math.round(s.daysOfCover * 10) / 10;
    s.reasons = buildReasons(s, w.orderUnit, todayIdx);
  }
  return work.map((w) => w.s);
}

function finiteOr(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function orderUnitOf(p: ReorderProduct): number {
  const u = p.orderUnit;
  return typeof u === 'number' && Number.isInteger(u) && u >= 1 ? u : 1;
}

function findQuota(quotas: Quota[] | undefined, code: string, todayIdx: number): Quota | undefined {
  if (!quotas) return undefined;
  for (const q of quotas) {
    if (q.code !== code || !isDayString(q.periodStart) || !isDayString(q.periodEnd)) continue;
    if (dayIndex(q.periodStart) <= todayIdx && todayIdx <= dayIndex(q.periodEnd)) return q;
  }
  return undefined;
}

/**
 * Fill the budget by priority: the expected lost sales (revenue, cents) if
 * nothing is ordered first, then the margin per pack; each product gets as many
 * of its suggested units as still fit (none if fewer than its minimum order).
 */
function applyBudget(work: Working[], budget: number): void {
  const order = work
    .filter((w) => w.s.units > 0)
    .sort((a, b) => {
      const la = a.s.expectedLostSales * finiteOr(a.product.priceCents, 0);
      const lb = b.s.expectedLostSales * finiteOr(b.product.priceCents, 0);
      if (lb !== la) return lb - la;
      if (b.s.marginCents !== a.s.marginCents) return b.s.marginCents - a.s.marginCents;
      return a.s.code < b.s.code ? -1 : a.s.code > b.s.code ? 1 : 0;
    });
  let left = budget;
  for (const w of order) {
    const unitCost = finiteOr(w.product.costCents ?? w.product.priceCents, 0) * w.orderUnit;
    if (unitCost <= 0) continue;
    const fits = Math.floor(left / unitCost);
    if (fits < w.s.units) {
      const minUnits = clampInt(w.product.minOrderUnits, 0, 1e9, 0);
      w.s.units = fits >= minUnits ? fits : 0;
      w.s.cappedBy = 'budget';
    }
    left -= w.s.units * unitCost;
  }
}

function buildReasons(s: Suggestion, orderUnit: number, todayIdx: number): ReasonPart[] {
  const out: ReasonPart[] = [];
  const sf = springFestivalIndex(yearOfIndex(todayIdx)) ?? NaN;
  const sfNext = sf >= todayIdx ? sf : springFestivalIndex(yearOfIndex(todayIdx) + 1) ?? NaN;
  if (sfNext - todayIdx <= 42) out.push({ kind: 'festival', festival: 'spring-festival', weeksBefore: Math.ceil((sfNext - todayIdx) / 7) });
  if (s.factors) {
    out.push({ kind: 'yoy', growth: round2(s.factors.yoyGrowth - 1) });
    out.push({ kind: 'mom', coefficient: s.factors.momCoefficient });
  }
  const safetyUnits = Math.round((s.safetyStock / orderUnit) * 10) / 10;
  if (safetyUnits > 0) out.push({ kind: 'safety', units: safetyUnits });
  out.push({ kind: 'method', method: s.method, pattern: s.pattern });
  if (s.cappedBy) out.push({ kind: 'capped', by: s.cappedBy });
  for (const flag of s.flags) out.push({ kind: 'flag', flag });
  return out;
}

// ---------------------------------------------------------------------------
// Views for the rep and the owner

/**
 * Products with stock and no sale in the last `weeks` weeks of their history,
 * most money tied up first (stock at cost, price when the cost is unknown).
 */
export function slowMovers(products: ReorderProduct[], weeks: number): Array<{ code: string; stock: number; stockValueCents: number; daysSinceSale: number | null }> {
  const windowDays = Math.max(1, Math.round(weeks * 7));
  const out: Array<{ code: string; stock: number; stockValueCents: number; daysSinceSale: number | null }> = [];
  for (const p of products) {
    if (!(p.stock > 0)) continue;
    const h = Array.isArray(p.history) ? p.history : [];
    let daysSinceSale: number | null = null;
    for (let i = h.length - 1; i >= 0; i--) {
      if (cleanSold(h[i]?.sold) > 0) { daysSinceSale = h.length - i; break; }
    }
    if (daysSinceSale !== null && daysSinceSale <= windowDays) continue;
    const unitValue = finiteOr(p.costCents ?? p.priceCents, 0);
    out.push({ code: p.code, stock: p.stock, stockValueCents: Math.round(p.stock * unitValue), daysSinceSale });
  }
  return out.sort((a, b) => b.stockValueCents - a.stockValueCents || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * The 80/20 view over the last `days` days: products by sales value, with their
 * share, the running share and whether they are among the products that make
 * the first 80% of sales.
 */
export function paretoView(products: ReorderProduct[], days: number): Array<{ code: string; salesCents: number; share: number; cumulative: number; inTop80: boolean }> {
  const rows = products.map((p) => {
    const h = Array.isArray(p.history) ? p.history : [];
    let sold = 0;
    for (let i = Math.max(0, h.length - Math.max(0, Math.floor(days))); i < h.length; i++) sold += cleanSold(h[i]?.sold);
    return { code: p.code, salesCents: Math.round(sold * finiteOr(p.priceCents, 0)), share: 0, cumulative: 0, inTop80: false };
  });
  rows.sort((a, b) => b.salesCents - a.salesCents || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const total = rows.reduce((t, r) => t + r.salesCents, 0);
  let running = 0;
  for (const r of rows) {
    const before = running;
    running += r.salesCents;
    r.share = total > 0 ? r.salesCents / total : 0;
    r.cumulative = total > 0 ? running / total : 0;
    r.inTop80 = total > 0 && r.salesCents > 0 && before / total < 0.8;
  }
  return rows;
}

// ---------------------------------------------------------------------------
// Settings

/** Checks settings from a form or storage; fills the defaults (service level 97%, stocktake age 35 days). */
export function validateSettings(s: Partial<ReorderSettings>): { ok: true; settings: ReorderSettings } | { ok: false; errors: Partial<Record<keyof ReorderSettings, string>> } {
  const errors: Partial<Record<keyof ReorderSettings, string>> = {};
  if (!isDayString(s.today)) errors.today = 'today must be a date YYYY-MM-DD';
  const days = Array.isArray(s.orderDays) ? s.orderDays : [];
  if (days.length === 0 || days.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) {
    errors.orderDays = 'choose at least one ordering day (0 = Sunday … 6 = Saturday)';
  }
  const lead = s.leadTimeDays;
  if (typeof lead !== 'number' || !Number.isInteger(lead) || lead < 0 || lead > 90) {
    errors.leadTimeDays = 'lead time must be a whole number of days from 0 to 90';
  }
  const sl = s.serviceLevel ?? DEFAULT_SERVICE_LEVEL;
  if (typeof sl !== 'number' || !(sl >= 0.5 && sl <= 0.999)) {
    errors.serviceLevel = 'service level must be between 50% and 99.9%';
  }
  if (s.budgetCents !== undefined && (!Number.isInteger(s.budgetCents) || s.budgetCents < 0)) {
    errors.budgetCents = 'budget must be a whole number of cents, 0 or more (leave it empty for no budget)';
  }
  const age = s.stocktakeMaxAgeDays ?? DEFAULT_STOCKTAKE_MAX_AGE_DAYS;
  if (!Number.isInteger(age) || age < 1 || age > 3650) {
    errors.stocktakeMaxAgeDays = 'stocktake age must be a whole number of days from 1 to 3650';
  }
  const quotas = s.quotas ?? [];
  if (!Array.isArray(quotas)) errors.quotas = 'quotas must be a list';
  else {
    for (const q of quotas) {
      const bad = !q || typeof q.code !== 'string' || q.code === ''
        || !Number.isInteger(q.units) || q.units < 0
        || !Number.isInteger(q.ordered) || q.ordered < 0
        || !isDayString(q.periodStart) || !isDayString(q.periodEnd)
        || dayIndex(q.periodEnd) < dayIndex(q.periodStart);
      if (bad) {
        errors.quotas = `quota for ${q && typeof q.code === 'string' && q.code ? q.code : '(no product)'}: units and ordered must be whole numbers ≥ 0 and the period must run from its start to its end`;
        break;
      }
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const settings: ReorderSettings = {
    today: s.today!,
    orderDays: [...new Set(days)].sort((a, b) => a - b),
    leadTimeDays: lead as number,
    serviceLevel: sl,
    stocktakeMaxAgeDays: age,
    quotas: quotas.map((q) => ({ ...q })),
  };
  if (s.budgetCents !== undefined) settings.budgetCents = s.budgetCents;
  return { ok: true, settings };
}
