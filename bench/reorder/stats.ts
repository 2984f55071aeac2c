/** The numbers bench.ts reads off its runs: stock at a fill rate off a sweep, a mean with its upper 95% bound, a median. */

export type Point = { x: number; y: number; v: number };
/**
 * Stock (packs) and stock value (cents) where a curve of (stock, fill) points
 * reaches `fill`: linear between the two points around it, or along the
 * nearest two points' line beyond the curve's ends (flagged).
 */
export function stockAtFill(points: Point[], fill: number): { x: number; v: number; extrapolated: boolean } {
  const pts = [...points].sort((a, b) => a.y - b.y);
  let i = pts.findIndex((p) => p.y >= fill);
  const extrapolated = i <= 0 && !(i === 0 && pts[0]!.y === fill);
  if (i < 0) i = pts.length - 1;
  if (i === 0) i = 1;
  const a = pts[i - 1]!;
  const b = pts[i]!;
  const w = b.y === a.y ? 1 : (fill - a.y) / (b.y - a.y);
  return { x: a.x + w * (b.x - a.x), v: a.v + w * (b.v - a.v), extrapolated };
}

/** Two-sided 95% Student t quantile for n − 1 degrees of freedom (from 1). */
function t975(n: number): number {
  const table = [
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093,
    2.086,
  ];
  const df = n - 1;
  return df <= table.length ? table[df - 1]! : 1.96 + 2.4 / df;
}

export function meanAndHi(xs: number[]): { mean: number; hi: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, hi: NaN };
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return { mean, hi: mean + (t975(n) * sd) / Math.sqrt(n) };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
