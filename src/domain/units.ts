/**
 * Packs and cartons (盒 and 条): how stock is counted and shown.
 *
 * A product has ONE stock unit, the pack. Cartons exist only at the edges: a
 * barcode may stand for several packs (the carton barcode of a cigarette brand is
 * usually ×10), and stock is shown as cartons + packs when the product has a
 * carton size. Keeping a single unit means a carton sold and a pack received can
 * never be added up in the wrong unit.
 *
 * Negative stock (the book says more was sold than was ever received) is shown
 * as a plain signed pack count, "-12盒" / "-12 packs", never split into cartons:
 * "-1条 2盒" reads as -8 to some people and -12 to others, and a negative book is
 * an anomaly the owner must see plainly. splitCartons() still returns the
 * magnitudes with a `negative` flag for screens that want their own rendering.
 */

/** Most packs a carton (or case) may hold: above this a typed size is a mistake. */
export const MAX_PACKS_PER_CARTON = 1000;
/** Most packs one scan of a barcode may stand for (a case of 50 cartons is 500). */
export const MAX_MULTIPLIER = 1000;
/** What a cigarette carton almost always holds; a suggestion for forms, never assumed. */
export const USUAL_PACKS_PER_CARTON = 10;

export type Locale = 'zh-Hans' | 'en';

/** A barcode and what one scan of it is: `multiplier` packs of `productCode`. */
export interface BarcodeLink {
  /** The scanned code's key: GTIN-14 or cleaned text, as readCode() returns it. */
  code: string;
  /** The product's key (its pack barcode's code). */
  productCode: string;
  /** Stock units (packs) per scan: integer, 1..MAX_MULTIPLIER. */
  multiplier: number;
}

export interface SplitStock {
  /** Whole cartons in the magnitude (0 when the product has no carton size). */
  cartons: number;
  /** Packs left over, 0..packsPerCarton-1 (all packs when there is no carton size). */
  packs: number;
  /** True when the stock is below zero; cartons and packs are then the magnitude. */
  negative: boolean;
}

export type CountFieldError = 'required' | 'not-integer' | 'too-small' | 'too-large';

/**
 * Check how many packs one scan of a barcode stands for.
 * undefined/NaN → 'required'; must be an integer 1..MAX_MULTIPLIER.
 */
export function validateMultiplier(multiplier: number | undefined): CountFieldError | undefined {
  return checkInteger(multiplier, 1, MAX_MULTIPLIER);
}

/**
 * Check a carton size (packs per carton): integer 1..MAX_PACKS_PER_CARTON.
 * A size of 1 is allowed (a product sold only whole) and shows stock in packs.
 */
export function validatePacksPerCarton(size: number | undefined): CountFieldError | undefined {
  return checkInteger(size, 1, MAX_PACKS_PER_CARTON);
}

function checkInteger(n: number | undefined, min: number, max: number): CountFieldError | undefined {
  if (n === undefined || Number.isNaN(n)) return 'required';
  if (!Number.isInteger(n)) return 'not-integer';
  if (n < min) return 'too-small';
  if (n > max) return 'too-large';
  return undefined;
}

/**
 * Split a pack count into cartons + packs. Without a carton size (undefined or 1)
 * everything is packs. Throws RangeError for a non-integer pack count or an
 * invalid carton size: stock is always whole packs, so anything else is a bug to
 * surface, not to round away.
 */
export function splitCartons(packs: number, packsPerCarton?: number): SplitStock {
  if (!Number.isSafeInteger(packs)) throw new RangeError(`splitCartons: ${packs} is not a whole number of packs`);
  if (packsPerCarton !== undefined && validatePacksPerCarton(packsPerCarton) !== undefined) {
    throw new RangeError(`splitCartons: ${packsPerCarton} is not a valid carton size`);
  }
  const negative = packs < 0;
  const abs = Math.abs(packs);
  if (packsPerCarton === undefined || packsPerCarton === 1) return { cartons: 0, packs: abs, negative };
  return { cartons: Math.floor(abs / packsPerCarton), packs: abs % packsPerCarton, negative };
}

/**
 * Stock for people: "3条 4盒", "4盒", "2条", "0盒"; English "3 cartons 4 packs",
 * "1 carton", "1 pack", "0 packs". Negative stock: "-12盒" / "-12 packs" (see the
 * file header). Throws RangeError like splitCartons().
 */
export function formatStock(packs: number, packsPerCarton?: number, locale: Locale = 'zh-Hans'): string {
  const split = splitCartons(packs, packsPerCarton);
  if (split.negative) return packsText(packs, locale);
  const parts: string[] = [];
  if (split.cartons > 0) parts.push(cartonsText(split.cartons, locale));
  if (split.packs > 0 || split.cartons === 0) parts.push(packsText(split.packs, locale));
  return parts.join(' ');
}

/** "12盒" / "1 pack", "12 packs". */
export function packsText(n: number, locale: Locale): string {
  if (locale === 'en') return `${n} ${Math.abs(n) === 1 ? 'pack' : 'packs'}`;
  return `${n}盒`;
}

/** "3条" / "1 carton", "3 cartons". */
export function cartonsText(n: number, locale: Locale): string {
  if (locale === 'en') return `${n} ${n === 1 ? 'carton' : 'cartons'}`;
  return `${n}条`;
}

/**
 * The barcode links a product has: its own code ×1 and, when it has a carton
 * barcode and size, the carton code ×packsPerCarton.
 */
export function linksForProduct(product: {
  code: string;
  cartonCode?: string | undefined;
  packsPerCarton?: number | undefined;
}): BarcodeLink[] {
  const links: BarcodeLink[] = [{ code: product.code, productCode: product.code, multiplier: 1 }];
  if (product.cartonCode !== undefined && product.packsPerCarton !== undefined && product.cartonCode !== product.code) {
    links.push({ code: product.cartonCode, productCode: product.code, multiplier: product.packsPerCarton });
  }
  return links;
}
