/** Waiting at the counter: percentiles of whole seconds, by the nearest-rank method. */

/**
 * The p-th percentile (0 < p ≤ 1) by nearest rank: the smallest value with at
 * least p of all values at or below it. Always one of the values (a real
 * sale's wait, not an interpolation); undefined for no values.
 */
export function percentile(sortedAscending: readonly number[], p: number): number | undefined {
  const n = sortedAscending.length;
  if (n === 0) return undefined;
  const rank = Math.max(1, Math.ceil(p * n));
  return sortedAscending[Math.min(n, rank) - 1];
}

export interface WaitStats {
  sales: number;
  medianSeconds?: number | undefined;
  p90Seconds?: number | undefined;
}

export function waitStats(seconds: readonly number[]): WaitStats {
  const sorted = [...seconds].sort((a, b) => a - b);
  return { sales: sorted.length, medianSeconds: percentile(sorted, 0.5), p90Seconds: percentile(sorted, 0.9) };
}
