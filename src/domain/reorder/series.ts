/** A product's sales history as a dense daily series, read once: its class and its censored days imputed. */
import { dayIndex, isDayString } from './calendar.ts';
import { imputeCensored } from './forecast.ts';
import { classifySeries, NEW_PRODUCT_DAYS } from './intermittent.ts';
import { cleanSold } from './numbers.ts';
import { SEASONAL_MAX_YEARS } from './seasonal.ts';
import type { DaySales, DemandPattern } from './types.ts';

/** Longest history the engine reads (days); older sales add nothing the seasonal method uses. */
const MAX_HISTORY_DAYS = SEASONAL_MAX_YEARS * 365 + 60;

export interface Series {
  n: number;
  y: Float64Array;
  cens: Uint8Array;
  censoredDays: number;
  /** First day index of y[0]. */
  start: number;
}

/** Dense series ending the day before today. Fast path when the history is contiguous as promised. */
export function toSeries(history: DaySales[], todayIdx: number): Series {
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
      if (h.stockout) {
        cens[i] = 1;
        censoredDays++;
      }
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

/** A product's series read once: its class and its sales with censored days imputed. */
export interface Prepared {
  cls: { pattern: DemandPattern; adi: number; cv2: number };
  imp: Float64Array | null;
}

export function prepare(series: Series): Prepared {
  const { n, y, cens } = series;
  if (n === 0) return { cls: { pattern: 'none', adi: 0, cv2: 0 }, imp: null };
  const cls = classifySeries(y, cens, 0, n);
  if (n < NEW_PRODUCT_DAYS || cls.pattern === 'none') return { cls, imp: null };
  const imp = new Float64Array(n);
  imputeCensored(y, cens, imp);
  return { cls, imp };
}
