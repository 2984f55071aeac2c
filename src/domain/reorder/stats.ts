/**
 * Demand distributions for the safety stock. A normal approximation is poor for
 * slow sellers (it puts weight on negative demand and under-covers the right
 * tail of a count), so low-volume and intermittent products use a count
 * distribution: Poisson when the forecast error is no larger than Poisson noise,
 * negative binomial (same mean, the observed variance) when it is.
 */

/** Inverse standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability out of (0,1): ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - pl) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/**
 * A count distribution with mean `mean` and variance `variance` (≥ mean):
 * Poisson when variance ≤ mean × 1.0001, else negative binomial. Walks the pmf
 * from 0; callers keep the mean small (the engine uses it below ~200 packs).
 */
export interface CountDistribution {
  kind: 'poisson' | 'negative-binomial';
  /** Smallest k with P(D ≤ k) ≥ p. */
  quantile(p: number): number;
  /** E[(D − x)⁺]: expected demand above a stock position x. */
  expectedShortfall(x: number): number;
  /**
   * Smallest whole level S ≥ 0 whose expected shortfall, averaged over the
   * positions S, S+1, …, S+span−1, is at most `maxShortfall`. With span 1 it is
   * the smallest S with E[(D − S)⁺] ≤ maxShortfall; with span = the carton size
   * it is the reorder level of an (R, s, nQ) policy, whose position after
   * ordering whole cartons is spread evenly over those `span` values.
   */
  levelForShortfall(maxShortfall: number, span?: number): number;
}

const MAX_STEPS = 100_000;

export function countDistribution(mean: number, variance: number): CountDistribution {
  const mu = Math.max(0, mean);
  const poisson = !(variance > mu * 1.0001) || mu === 0;
  // pmf(0) and the ratio pmf(k+1)/pmf(k) for each family.
  let p0: number;
  let ratio: (k: number) => number;
  if (poisson) {
    p0 = Math.exp(-mu);
    ratio = (k) => mu / (k + 1);
  } else {
    const r = (mu * mu) / (variance - mu);
    const q = mu / (r + mu); // failure probability per trial
    p0 = Math.pow(1 - q, r);
    ratio = (k) => ((k + r) / (k + 1)) * q;
  }
  const walk = (visit: (k: number, pmf: number, cdf: number) => boolean): void => {
    let pmf = p0;
    let cdf = p0;
    for (let k = 0; k < MAX_STEPS; k++) {
      if (visit(k, pmf, cdf)) return;
      pmf *= ratio(k);
      cdf += pmf;
    }
  };
  return {
    kind: poisson ? 'poisson' : 'negative-binomial',
    quantile(p) {
      let result = 0;
      walk((k, _pmf, cdf) => {
        result = k;
        return cdf >= p - 1e-12;
      });
      return result;
    },
    expectedShortfall(x) {
      // E[(D−x)⁺] = μ − E[min(D, x)] = μ − Σ_{k<x} P(D > k)
      const whole = Math.max(0, Math.floor(x));
      let covered = 0;
      if (whole > 0) {
        walk((k, _pmf, cdf) => {
          covered += 1 - cdf;
          return k + 1 >= whole;
        });
      }
      return Math.max(0, mu - covered);
    },
    levelForShortfall(maxShortfall, span = 1) {
      const q = Math.max(1, Math.round(span));
      // E[(D−y)⁺] for y = 0, 1, 2, …: starts at μ and falls by P(D > y) per step.
      const esc: number[] = [];
      let current = mu;
      let windowSum = 0;
      let result = 0;
      walk((k, _pmf, cdf) => {
        esc.push(current);
        windowSum += current;
        if (k >= q) windowSum -= esc[k - q]!;
        result = Math.max(0, k - q + 1);
        if (k >= q - 1 && windowSum / q <= maxShortfall + 1e-12) return true;
        // Past the mass the shortfall stops falling (float rounding could keep it above a tiny target).
        const tail = Math.max(0, 1 - cdf);
        if (tail === 0 && current > maxShortfall) return true;
        current = Math.max(0, current - tail);
        return false;
      });
      return result;
    },
  };
}

/**
 * ∫ₓ^∞ E[(D − y)⁺] dy = E[((D − x)⁺)²] / 2 for D ~ Normal(mean, sd): the area
 * under the expected-shortfall curve above x (the second-order loss function).
 */
function normalShortfallArea(mean: number, sd: number, x: number): number {
  if (sd <= 0) { const d = Math.max(0, mean - x); return (d * d) / 2; }
  const z = (x - mean) / sd;
  return (sd * sd * ((z * z + 1) * (1 - normalCdf(z)) - z * normalPdf(z))) / 2;
}

/**
 * Smallest level S whose expected shortfall E[(D − y)⁺], D ~ Normal(mean, sd),
 * averaged over positions y spread evenly over [S, S + span), is at most
 * `maxShortfall` (span 0: at y = S). See CountDistribution.levelForShortfall.
 */
export function normalLevelForShortfall(mean: number, sd: number, maxShortfall: number, span = 0): number {
  const width = Math.max(0, span);
  const avg = (x: number) => width > 1e-9
    ? (normalShortfallArea(mean, sd, x) - normalShortfallArea(mean, sd, x + width)) / width
    : normalExpectedShortfall(mean, sd, x);
  const s = Math.max(sd, 1e-9);
  let lo = mean - 10 * s - width;
  let hi = mean + 10 * s;
  if (avg(lo) <= maxShortfall) return lo;
  if (avg(hi) > maxShortfall) return hi;
  // The averaged shortfall falls as S rises: bisect.
  for (let i = 0; i < 60 && hi - lo > 1e-7; i++) {
    const mid = (lo + hi) / 2;
    if (avg(mid) <= maxShortfall) hi = mid; else lo = mid;
  }
  return hi;
}

/** E[(D − x)⁺] for D ~ Normal(mean, sd). */
export function normalExpectedShortfall(mean: number, sd: number, x: number): number {
  if (sd <= 0) return Math.max(0, mean - x);
  const z = (x - mean) / sd;
  return sd * (normalPdf(z) - z * (1 - normalCdf(z)));
}
