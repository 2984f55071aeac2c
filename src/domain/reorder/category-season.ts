/** A category's pooled sales: the season its products share. */
import { seasonalData, seasonalForecast, weekdayProfile, type SeasonalData } from './seasonal.ts';
import type { Prepared, Series } from './series.ts';
import type { ReorderProduct } from './types.ts';

/**
 * A category's pooled sales (its products' imputed daily sales summed, day 0 =
 * `start`): the season, festival and weekday profile its products share.
 */
export interface CategorySeason {
  data: SeasonalData;
  start: number;
  weekday: Float64Array | null;
  /** the category's expected sales per day of the protection interval ÷ its last 13 weeks' daily average (NaN: unknown) */
  index: Float64Array;
}

/** Fewest products and packs a day (last 13 weeks) for a category's pooled season to replace a product's own. */
export const POOL_MIN_PRODUCTS = 3;
export const POOL_MIN_DAILY = 5;

export function categorySeasons(
  series: readonly Series[],
  prepared: readonly Prepared[],
  products: readonly ReorderProduct[],
  todayIdx: number,
  pdays: number,
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
    if (!pool) {
      pool = { sum: new Float64Array(longest), count: 0 };
      pools.set(product.category, pool);
    }
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
