/**
 * Demand distributions for the safety stock. A normal approximation is poor for
 * slow sellers (it puts weight on negative demand and under-covers the right
 * tail of a count), so low-volume and intermittent products use a count
 * distribution: Poisson when the forecast error is no larger than Poisson noise,
 * negative binomial (same mean, the observed variance) when it is.
 */

function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf, |error| < 1.5e-7). */
function normalCdf(z: number): number {
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
  /** E[(D − x)⁺]: expected demand above a stock position x. */
  expectedShortfall(x: number): number;
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
  };
}

/** E[(D − x)⁺] for D ~ Normal(mean, sd). */
export function normalExpectedShortfall(mean: number, sd: number, x: number): number {
  if (sd <= 0) return Math.max(0, mean - x);
  const z = (x - mean) / sd;
  return sd * (normalPdf(z) - z * (1 - normalCdf(z)));
}
