/**
 * Price bands for the report's structure section. Cigarettes are banded by the
 * price of a carton (条), as the trade talks about them (a "¥200–300 条"),
 * everything else by the price of one pack or piece. Configurable: the report
 * takes a PriceBands; these are the defaults.
 */

export interface PriceBands {
  /** Categories banded per carton. */
  cartonCategories: readonly string[];
  /** Ascending limits in cents per carton: [10000, 20000] gives <¥100, ¥100–200, ≥¥200. */
  cartonLimitsCents: readonly number[];
  /** Ascending limits in cents per pack for every other product. */
  packLimitsCents: readonly number[];
  /** Packs in a carton when a cigarette product does not say (a 条 is 10 packs). */
  defaultPacksPerCarton: number;
}

export const DEFAULT_PRICE_BANDS: PriceBands = {
  cartonCategories: ['卷烟', '香烟', 'cigarettes'],
  cartonLimitsCents: [10_000, 20_000, 30_000, 50_000],
  packLimitsCents: [500, 1_000, 2_000, 5_000],
  defaultPacksPerCarton: 10,
};

export interface BandedProduct {
  priceCents: number;
  category?: string | undefined;
  packsPerCarton?: number | undefined;
  cartonPriceCents?: number | undefined;
}

export interface BandOf {
  /** Sort key and identity: 'carton-0', 'pack-2'… */
  key: string;
  perCarton: boolean;
  /** Lower limit in cents (0 for the first band). */
  fromCents: number;
  /** Upper limit in cents, exclusive; undefined for the top band. */
  toCents?: number | undefined;
}

/** Which band a product falls in. */
export function priceBandOf(product: BandedProduct, bands: PriceBands = DEFAULT_PRICE_BANDS): BandOf {
  const perCarton = product.category !== undefined && bands.cartonCategories.includes(product.category);
  const price = perCarton
    ? (product.cartonPriceCents ?? product.priceCents * (product.packsPerCarton ?? bands.defaultPacksPerCarton))
    : product.priceCents;
  const limits = perCarton ? bands.cartonLimitsCents : bands.packLimitsCents;
  let i = 0;
  while (i < limits.length && price >= limits[i]!) i++;
  return { key: `${perCarton ? 'carton' : 'pack'}-${i}`, perCarton, fromCents: i === 0 ? 0 : limits[i - 1]!, toCents: limits[i] };
}
