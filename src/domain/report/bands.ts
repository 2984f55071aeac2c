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

/** Most limits a band list may have (so at most this many + 1 bands). */
export const MAX_BAND_LIMITS = 8;

/**
 * Band limits as the owner types them, in 元 separated by commas or spaces
 * ("100, 200, 300, 500"): ascending whole or 2-decimal amounts above 0, at most
 * MAX_BAND_LIMITS. Cents, or undefined when the text is not such a list.
 */
export function parseBandLimits(text: string): number[] | undefined {
  const parts = text
    .split(/[\s,，、]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0 || parts.length > MAX_BAND_LIMITS) return undefined;
  const cents: number[] = [];
  for (const part of parts) {
    const match = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(part);
    if (!match) return undefined;
    const value = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
    if (value <= 0 || (cents.length > 0 && value <= cents[cents.length - 1]!)) return undefined;
    cents.push(value);
  }
  return cents;
}

/** "100, 200, 300" for [10000, 20000, 30000]: what parseBandLimits reads back. */
export function bandLimitsText(limitsCents: readonly number[]): string {
  return limitsCents.map((c) => (c % 100 === 0 ? String(c / 100) : (c / 100).toFixed(2))).join(', ');
}
