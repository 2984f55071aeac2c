/**
 * Demand classification (smooth, erratic, intermittent, lumpy, new, none) and
 * the forecast of intermittent and lumpy sellers (Croston-SBA, TSB).
 */
import { weekdayOf } from './calendar.ts';
import { intervalErrorSd } from './forecast-error.ts';
import { crostonSBA, demandDays, tsb, ALPHA } from './forecast.ts';
import { cleanSold } from './numbers.ts';
import type { DaySales, DemandPattern, ForecastMethod } from './types.ts';

/** ADI / CV² cut-offs of Syntetos, Boylan & Croston (2005). */
export const ADI_CUTOFF = 1.32;
export const CV2_CUTOFF = 0.49;
/** Days of own history before a product stops borrowing its category's pattern. */
export const NEW_PRODUCT_DAYS = 56;
/** Classification window (days). */
const CLASSIFY_DAYS = 365;

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

export function classifySeries(
  y: ArrayLike<number>,
  c: ArrayLike<number>,
  from: number,
  to: number,
): { pattern: DemandPattern; adi: number; cv2: number } {
  const days = demandDays(y, c, Math.max(from, to - CLASSIFY_DAYS), to);
  if (days.withSales === 0) return { pattern: 'none', adi: 0, cv2: 0 };
  const adi = days.observed / days.withSales;
  const mean = days.sum / days.withSales;
  const variance = days.sumOfSquares / days.withSales - mean * mean;
  const cv2 = Math.max(0, variance) / (mean * mean);
  // Intermittent or not is decided on weekly sums (ADIDA-style temporal
  // aggregation): at 1.2–1.8 packs a day a day without a sale is common
  // (daily ADI > 1.32), yet such a product sells every week and has a festival
  // peak, a weekday pattern and a season that a flat intermittent rate loses.
  // Too short a history for four weeks keeps the daily figure.
  let weeks = 0,
    weeksWithSales = 0;
  for (let end = to; end - 7 >= Math.max(from, to - CLASSIFY_DAYS); end -= 7) {
    const week = demandDays(y, c, end - 7, end);
    if (week.observed === 0) continue;
    weeks++;
    if (week.withSales > 0) weeksWithSales++;
  }
  const intermittent = weeks >= 4 ? weeks > ADI_CUTOFF * weeksWithSales : adi > ADI_CUTOFF;
  const pattern: DemandPattern = intermittent ? (cv2 > CV2_CUTOFF ? 'lumpy' : 'intermittent') : cv2 > CV2_CUTOFF ? 'erratic' : 'smooth';
  return { pattern, adi, cv2 };
}

/**
 * Daily forecast (into `daily`, fitted rates into `fitted`) of an intermittent
 * (Croston-SBA) or lumpy (TSB) seller over the protection interval, and its
 * interval error SD. `season` is its category's pooled season, if any.
 */
export function intermittentForecast(
  pattern: 'intermittent' | 'lumpy',
  series: { n: number; y: Float64Array; cens: Uint8Array; start: number },
  imp: Float64Array,
  pdays: number,
  season: { index: Float64Array; weekday: Float64Array | null } | undefined,
  daily: Float64Array,
  fitted: Float64Array,
): { method: ForecastMethod; sd: number } {
  const { n, y, cens, start } = series;
  const rate = pattern === 'intermittent' ? crostonSBA(y, cens, ALPHA, fitted).rate : tsb(y, cens, ALPHA, 0.05, fitted).rate;
  const method: ForecastMethod = pattern === 'intermittent' ? 'croston-sba' : 'tsb';
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
  return { method, sd: intervalErrorSd(imp, fitted, n, pdays, total) };
}
