/**
 * Forecasting methods on one product's daily series. All work on dense typed
 * arrays indexed by day (0 = oldest), with a parallel `censored` mask for days
 * that ended out of stock: on such a day sales are only a lower bound of demand,
 * so a method either skips the day or uses the sales only when they exceed what
 * it already expects (they cannot teach it that demand fell).
 *
 * Each method also writes, when given `fitted`, the per-day rate it would have
 * forecast BEFORE seeing that day (NaN before it has one): the engine measures
 * its forecast error over the protection interval from those.
 */

export const ALPHA = 0.1;

function observedValue(y: ArrayLike<number>, censored: ArrayLike<number>, t: number, expected: number): number {
  // NaN = not observed: skip the update.
  const v = y[t] ?? 0;
  if (!censored[t]) return v;
  return v > expected ? v : NaN;
}

/**
 * Simple exponential smoothing of the daily level. Starts from the mean of the
 * first (up to) 7 uncensored days, then updates on every day. Returns the last
 * level (the per-day forecast), NaN when the series has no usable day.
 */
export function sesLevel(y: ArrayLike<number>, censored: ArrayLike<number>, alpha = ALPHA, fitted?: Float64Array): number {
  const n = y.length;
  let sum = 0;
  let count = 0;
  for (let t = 0; t < n && count < 7; t++) {
    if (!censored[t]) {
      sum += y[t] ?? 0;
      count++;
    }
  }
  if (count === 0) {
    if (fitted) fitted.fill(NaN, 0, n);
    return NaN;
  }
  let level = sum / count;
  for (let t = 0; t < n; t++) {
    if (fitted) fitted[t] = level;
    const v = observedValue(y, censored, t, level);
    if (v === v) level += alpha * (v - level);
  }
  return level;
}

/**
 * Holt's linear trend with damping (Gardner–McKenzie). Used only where a trend
 * is clear; the damping stops a short climb being extrapolated for weeks.
 */
export function holtDamped(
  y: ArrayLike<number>,
  censored: ArrayLike<number>,
  alpha = ALPHA,
  beta = 0.02,
  phi = 0.98,
  fitted?: Float64Array,
): { level: number; trend: number; phi: number } {
  const n = y.length;
  let level = NaN;
  let trend = 0;
  for (let t = 0; t < n; t++) {
    if (level !== level) {
      if (fitted) fitted[t] = NaN;
      if (!censored[t]) level = y[t] ?? 0;
      continue;
    }
    const expected = level + phi * trend;
    if (fitted) fitted[t] = Math.max(0, expected);
    const v = observedValue(y, censored, t, expected);
    if (v === v) {
      const prev = level;
      level = alpha * v + (1 - alpha) * expected;
      trend = beta * (level - prev) + (1 - beta) * phi * trend;
    } else {
      level = expected;
      trend *= phi;
    }
  }
  return { level, trend, phi };
}

/** Forecast h days ahead (h ≥ 1) from a damped Holt state, never negative. */
export function holtForecast(s: { level: number; trend: number; phi: number }, h: number): number {
  // Σ_{i=1..h} φ^i
  const damp = s.phi === 1 ? h : (s.phi * (1 - Math.pow(s.phi, h))) / (1 - s.phi);
  return Math.max(0, s.level + damp * s.trend);
}

/**
 * Least-squares slope of the last `window` uncensored days and its t-statistic:
 * a trend is "clear" when |t| is large, not merely when the slope is non-zero.
 */
export function trendStrength(y: ArrayLike<number>, censored: ArrayLike<number>, window = 56): { slope: number; t: number } {
  const n = y.length;
  let c = 0,
    sx = 0,
    sy = 0,
    sxx = 0,
    sxy = 0;
  for (let t = Math.max(0, n - window); t < n; t++) {
    if (censored[t]) continue;
    const v = y[t] ?? 0;
    c++;
    sx += t;
    sy += v;
    sxx += t * t;
    sxy += t * v;
  }
  if (c < 14) return { slope: 0, t: 0 };
  const vx = sxx - (sx * sx) / c;
  if (vx <= 0) return { slope: 0, t: 0 };
  const slope = (sxy - (sx * sy) / c) / vx;
  const intercept = (sy - slope * sx) / c;
  let sse = 0;
  for (let t = Math.max(0, n - window); t < n; t++) {
    if (censored[t]) continue;
    const r = (y[t] ?? 0) - (intercept + slope * t);
    sse += r * r;
  }
  const se = Math.sqrt(sse / (c - 2) / vx);
  return { slope, t: se > 0 ? slope / se : slope === 0 ? 0 : Infinity };
}

/**
 * What days from..to say of demand: how many were observed (a stockout day
 * without a sale is not: the demand may have been there, the stock was not),
 * how many of those sold, and the sales' sum and sum of squares.
 */
export function demandDays(
  y: ArrayLike<number>,
  censored: ArrayLike<number>,
  from: number,
  to: number,
): { observed: number; withSales: number; sum: number; sumOfSquares: number } {
  let observed = 0,
    withSales = 0,
    sum = 0,
    sumOfSquares = 0;
  for (let t = from; t < to; t++) {
    const v = y[t] ?? 0;
    if (censored[t] && !(v > 0)) continue;
    observed++;
    if (v > 0) {
      withSales++;
      sum += v;
      sumOfSquares += v * v;
    }
  }
  return { observed, withSales, sum, sumOfSquares };
}

/**
 * Croston's method with the Syntetos–Boylan bias correction: smooth the size of
 * non-zero demands (z) and the interval between them (p) separately; the daily
 * rate is (1 − α/2)·z/p. Initialised on the first demand (z = its size, p = the
 * days up to and including it). A censored day with no sale is not observed.
 */
export function crostonSBA(
  y: ArrayLike<number>,
  censored: ArrayLike<number>,
  alpha = ALPHA,
  fitted?: Float64Array,
): { rate: number; size: number; interval: number } {
  const n = y.length;
  let z = NaN;
  let p = NaN;
  let since = 0;
  const k = 1 - alpha / 2;
  for (let t = 0; t < n; t++) {
    if (fitted) fitted[t] = z === z ? (k * z) / p : NaN;
    const v = y[t] ?? 0;
    if (censored[t] && !(v > 0)) continue;
    since++;
    if (v > 0) {
      if (z !== z) {
        z = v;
        p = since;
      } else {
        z += alpha * (v - z);
        p += alpha * (since - p);
      }
      since = 0;
    }
  }
  if (z !== z) return { rate: 0, size: 0, interval: 0 };
  return { rate: (k * z) / p, size: z, interval: p };
}

/**
 * Teunter–Syntetos–Babai: smooth the probability of a demand every day (so a
 * product that stops selling fades out, which Croston never does) and the size
 * on demand days. Starts from the whole series' demand frequency and mean size.
 */
export function tsb(
  y: ArrayLike<number>,
  censored: ArrayLike<number>,
  alpha = ALPHA,
  beta = 0.05,
  fitted?: Float64Array,
): { rate: number; probability: number; size: number } {
  const n = y.length;
  const days = demandDays(y, censored, 0, n);
  if (days.withSales === 0) {
    if (fitted) fitted.fill(0, 0, n);
    return { rate: 0, probability: 0, size: 0 };
  }
  let pr = days.withSales / days.observed;
  let z = days.sum / days.withSales;
  for (let t = 0; t < n; t++) {
    if (fitted) fitted[t] = pr * z;
    const v = y[t] ?? 0;
    if (censored[t] && !(v > 0)) continue;
    if (v > 0) {
      pr += beta * (1 - pr);
      z += alpha * (v - z);
    } else pr += beta * (0 - pr);
  }
  return { rate: pr * z, probability: pr, size: z };
}

/**
 * Fills `out` with the series where censored days are replaced by
 * max(sales, mean of uncensored days within ±`halfWindow` days) (the whole
 * series' uncensored mean when the window has none): seasonal sums then see a
 * plausible demand instead of a stockout's zero.
 */
export function imputeCensored(y: ArrayLike<number>, censored: ArrayLike<number>, out: Float64Array, halfWindow = 14): number {
  const n = y.length;
  let censoredDays = 0;
  let totalSum = 0,
    totalCount = 0;
  for (let t = 0; t < n; t++)
    if (!censored[t]) {
      totalSum += y[t] ?? 0;
      totalCount++;
    }
  const fallback = totalCount > 0 ? totalSum / totalCount : 0;
  // Sliding window sums of uncensored values over [t − h, t + h].
  let wSum = 0,
    wCount = 0;
  for (let t = 0; t < Math.min(n, halfWindow + 1); t++)
    if (!censored[t]) {
      wSum += y[t] ?? 0;
      wCount++;
    }
  for (let t = 0; t < n; t++) {
    const v = y[t] ?? 0;
    if (censored[t]) {
      censoredDays++;
      const local = wCount > 0 ? wSum / wCount : fallback;
      out[t] = v > local ? v : local;
    } else out[t] = v;
    const add = t + halfWindow + 1;
    if (add < n && !censored[add]) {
      wSum += y[add] ?? 0;
      wCount++;
    }
    const drop = t - halfWindow;
    if (drop >= 0 && !censored[drop]) {
      wSum -= y[drop] ?? 0;
      wCount--;
    }
  }
  return censoredDays;
}
