/** The forecast error over the protection interval, measured at past forecast origins. */

/** Days of forecast origins over which the protection-interval error is measured. */
export const ERROR_ORIGIN_DAYS = 182;
/** Weight of the measured interval errors against the modelled ones (daily noise + level sampling) in a pooled product's forecast error. */
export const MEASURED_ERROR_WEIGHT = 0.5;

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
  let s11 = 0,
    s12 = 0,
    s22 = 0,
    t1 = 0,
    t2 = 0,
    mse = 0;
  for (let i = 0; i < n; i++) {
    const f = Math.max(0, forecasts[i]!);
    const e2 = squaredErrors[i]!;
    mse += e2;
    const w = 1 / Math.max(f, 1) ** 2;
    s11 += w * f * f;
    s12 += w * f * f * f;
    s22 += w * f * f * f * f;
    t1 += w * f * e2;
    t2 += w * f * f * e2;
  }
  mse /= n;
  const det = s11 * s22 - s12 * s12;
  if (!(s11 > 0 && s22 > 0) || det < 0.01 * s11 * s22) return mse;
  let a = (t1 * s22 - t2 * s12) / det;
  let b = (s11 * t2 - s12 * t1) / det;
  if (a < 0) {
    a = 0;
    b = t2 / s22;
  } else if (b < 0) {
    b = 0;
    a = t1 / s11;
  }
  return Math.max(0, a * level + b * level * level);
}

/** Interval errors (actual sum over p days − p × fitted rate) at the recent origins with a fitted rate, scaled to `level` (scaledErrorVariance); an SD. */
export function intervalErrorSd(imp: Float64Array, fitted: Float64Array, n: number, p: number, level: number): number {
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
