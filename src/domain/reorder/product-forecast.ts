/** One product's forecast over the protection interval: from its own history, or borrowed from its category. */
import { weekdayOf } from './calendar.ts';
import type { CategorySeason } from './category-season.ts';
import { intervalErrorSd, MEASURED_ERROR_WEIGHT } from './forecast-error.ts';
import { demandDays, holtDamped, holtForecast, sesLevel, trendStrength, ALPHA } from './forecast.ts';
import { intermittentForecast, NEW_PRODUCT_DAYS } from './intermittent.ts';
import { round2 } from './numbers.ts';
import {
  dispersionIndex,
  ownGrowth,
  seasonalData,
  seasonalErrorSd,
  seasonalForecast,
  weekdayProfile,
  POOLED_LEVEL_DAYS,
  SEASONAL_MIN_DAYS,
  type OwnSales,
} from './seasonal.ts';
import type { Prepared, Series } from './series.ts';
import type { ReorderProduct, Suggestion } from './types.ts';

/** A product's suggestion while it is worked out. */
export interface Working {
  s: Suggestion;
  product: ReorderProduct;
  orderUnit: number;
  /** Forecast error SD over the interval (NaN: none measured). */
  sd: number;
}

export function emptySuggestion(p: ReorderProduct, protectionDays: number): Suggestion {
  return {
    code: p.code,
    pattern: 'none',
    method: 'none',
    adi: 0,
    cv2: 0,
    protectionDays,
    forecast: 0,
    daily: new Array<number>(protectionDays).fill(0),
    safetyStock: 0,
    orderUpTo: 0,
    stock: p.stock,
    onOrder: p.onOrder,
    raw: 0,
    units: 0,
    packs: 0,
    flags: [],
    reasons: [],
    daysOfCover: null,
    expectedLostSales: 0,
    marginCents: 0,
  };
}

/** Forecast one product from its own history (first pass). Returns null when it must borrow its category's. */
export function forecastOwn(w: Working, series: Series, pdays: number, prep: Prepared, season: CategorySeason | undefined): boolean {
  const { s } = w;
  const { n, y, cens, start } = series;
  if (n === 0) {
    s.pattern = 'none';
    s.method = 'none';
    return false;
  }
  const { cls, imp } = prep;
  s.adi = cls.adi;
  s.cv2 = cls.cv2;
  if (n < NEW_PRODUCT_DAYS) {
    s.pattern = 'new';
    return false;
  }
  s.pattern = cls.pattern;
  const daily = new Float64Array(pdays);
  const fitted = new Float64Array(n);
  let sd = NaN;
  if (cls.pattern === 'none' || !imp) {
    s.method = 'none';
  } else if (cls.pattern === 'intermittent' || cls.pattern === 'lumpy') {
    const r = intermittentForecast(cls.pattern, series, imp, pdays, season, daily, fitted);
    s.method = r.method;
    sd = r.sd;
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
        if (sd !== sd) {
          sesLevel(y, cens, ALPHA, fitted);
          sd = intervalErrorSd(imp, fitted, n, pdays, f.total);
        }
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
        if (sd !== sd) {
          sesLevel(y, cens, ALPHA, fitted);
          sd = intervalErrorSd(imp, fitted, n, pdays, f.total);
        }
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

export function setDaily(s: Suggestion, daily: ArrayLike<number>): void {
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
 * Second pass for a product with under NEW_PRODUCT_DAYS of history (or none):
 * its category's average per-product forecast `cat` blended with its own
 * average as its history grows; its own smoothed level without a category.
 */
export function forecastBorrowed(w: Working, ser: Series, cat: { daily: Float64Array; count: number } | undefined, pdays: number): void {
  // Own average over the observed days.
  const days = demandDays(ser.y, ser.cens, 0, ser.n);
  const own = days.observed > 0 ? days.sum / days.observed : 0;
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
