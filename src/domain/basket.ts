/**
 * A basket: the lines of one customer's sale, or of one delivery being received.
 * Immutable: every change returns a new basket, so a screen can keep the previous
 * one for undo and the data layer can persist each version whole.
 *
 * A line is one barcode: scanning the pack barcode and the carton barcode of the
 * same product makes two lines, because they have different prices and the
 * customer sees them as different things. Stock always moves in packs:
 * stockDelta(line) = quantity × multiplier. The sign (sale −, receipt +) is the
 * caller's, so one basket model serves both counters.
 *
 * All money is integer cents. Overflow cannot happen by construction: quantity ≤
 * 999, multiplier ≤ 1000, unit price ≤ ¥100,000 × 1000 and at most 200 lines keep
 * every total far below Number.MAX_SAFE_INTEGER; the totals still check each step
 * and throw RangeError, because a basket read back from storage may not have come
 * through these functions.
 */
import { MAX_PRICE_CENTS, type Product } from './product.ts';
import { MAX_MULTIPLIER, validateMultiplier, type BarcodeLink } from './units.ts';

export const MAX_LINE_QUANTITY = 999;
/** More lines than this in one basket is a stuck scanner, not a customer. */
export const MAX_BASKET_LINES = 200;
/** A scanned unit's price may be a carton (or case) price: pack price limit × largest multiplier. */
export const MAX_UNIT_PRICE_CENTS = MAX_PRICE_CENTS * MAX_MULTIPLIER;

export interface BasketLine {
  readonly lineId: string;
  readonly productCode: string;
  /** The scanned code (GTIN-14 or text from readCode), pack or carton. */
  readonly barcode: string;
  readonly name: string;
  /** Packs per scan of `barcode`. */
  readonly multiplier: number;
  /** In scans, i.e. units of the barcode: 2 cartons is quantity 2, multiplier 10. */
  readonly quantity: number;
  /** Price per scanned unit, integer cents (0 allowed: a delivery without a cost price). */
  readonly unitPriceCents: number;
}

/** Whether two lines say the same (a line read back anew from the database equals the one shown). */
export function sameBasketLine(a: BasketLine, b: BasketLine): boolean {
  return (
    a.lineId === b.lineId &&
    a.productCode === b.productCode &&
    a.barcode === b.barcode &&
    a.name === b.name &&
    a.multiplier === b.multiplier &&
    a.quantity === b.quantity &&
    a.unitPriceCents === b.unitPriceCents
  );
}

export interface Basket {
  readonly lines: readonly BasketLine[];
  /** Next line number: lineIds are "L1", "L2"… and never reused within a basket. */
  readonly nextLineNo: number;
}

/** What a scan adds: a line without its id and quantity. */
export type ScanItem = Omit<BasketLine, 'lineId' | 'quantity'>;

export type BasketError =
  | 'unknown-line'
  | 'quantity-zero'
  | 'quantity-negative'
  | 'quantity-not-integer'
  | 'quantity-too-large'
  | 'bad-multiplier'
  | 'bad-price'
  | 'missing-product'
  | 'too-many-lines';

export type BasketResult =
  { ok: true; basket: Basket; /** The line added, changed or voided. */ lineId: string } | { ok: false; error: BasketError };

export function emptyBasket(): Basket {
  return { lines: [], nextLineNo: 1 };
}

/**
 * One scan: the same barcode again adds 1 to its line (keeping the line's price,
 * so a price changed mid-sale does not reprice what is already in the basket);
 * a new barcode adds a line at the end with quantity 1.
 */
export function addScan(basket: Basket, item: ScanItem): BasketResult {
  const existing = basket.lines.find((l) => l.barcode === item.barcode);
  if (existing) return setQuantity(basket, existing.lineId, existing.quantity + 1);

  if (item.productCode.length === 0 || item.barcode.length === 0) return { ok: false, error: 'missing-product' };
  if (validateMultiplier(item.multiplier) !== undefined) return { ok: false, error: 'bad-multiplier' };
  if (!Number.isSafeInteger(item.unitPriceCents) || item.unitPriceCents < 0 || item.unitPriceCents > MAX_UNIT_PRICE_CENTS) {
    return { ok: false, error: 'bad-price' };
  }
  if (basket.lines.length >= MAX_BASKET_LINES) return { ok: false, error: 'too-many-lines' };

  const lineId = `L${basket.nextLineNo}`;
  const line: BasketLine = {
    lineId,
    productCode: item.productCode,
    barcode: item.barcode,
    name: item.name,
    multiplier: item.multiplier,
    quantity: 1,
    unitPriceCents: item.unitPriceCents,
  };
  return { ok: true, basket: { lines: [...basket.lines, line], nextLineNo: basket.nextLineNo + 1 }, lineId };
}

/** Check a quantity typed for a line: an integer 1..MAX_LINE_QUANTITY. */
export function checkQuantity(quantity: number): BasketError | undefined {
  if (Number.isNaN(quantity) || !Number.isInteger(quantity)) return 'quantity-not-integer';
  if (quantity === 0) return 'quantity-zero';
  if (quantity < 0) return 'quantity-negative';
  if (quantity > MAX_LINE_QUANTITY) return 'quantity-too-large';
  return undefined;
}

/** Set a line's quantity. 0 is an error, not a removal: removing is voidLine(), a deliberate act. */
export function setQuantity(basket: Basket, lineId: string, quantity: number): BasketResult {
  const index = basket.lines.findIndex((l) => l.lineId === lineId);
  if (index < 0) return { ok: false, error: 'unknown-line' };
  const error = checkQuantity(quantity);
  if (error) return { ok: false, error };
  const lines = basket.lines.slice();
  lines[index] = { ...basket.lines[index]!, quantity };
  return { ok: true, basket: { ...basket, lines }, lineId };
}

/** Remove a line (the customer changed their mind, a wrong scan). */
export function voidLine(basket: Basket, lineId: string): BasketResult {
  const lines = basket.lines.filter((l) => l.lineId !== lineId);
  if (lines.length === basket.lines.length) return { ok: false, error: 'unknown-line' };
  return { ok: true, basket: { ...basket, lines }, lineId };
}

export function lineTotalCents(line: BasketLine): number {
  return checkedMultiply(line.quantity, line.unitPriceCents);
}

export function basketTotalCents(basket: Basket): number {
  let total = 0;
  for (const line of basket.lines) total = checkedAdd(total, lineTotalCents(line));
  return total;
}

/** Packs this line moves: quantity × multiplier, always positive; the caller signs it. */
export function stockDelta(line: BasketLine): number {
  return checkedMultiply(line.quantity, line.multiplier);
}

/**
 * Packs per product, in the order products first appear: a pack line and a
 * carton line of one product become one entry, ready to write as movements.
 */
export function stockDeltasByProduct(basket: Basket): { productCode: string; packs: number }[] {
  const byProduct = new Map<string, number>();
  for (const line of basket.lines) {
    byProduct.set(line.productCode, checkedAdd(byProduct.get(line.productCode) ?? 0, stockDelta(line)));
  }
  return [...byProduct].map(([productCode, packs]) => ({ productCode, packs }));
}

/** Scans in the basket (what a receipt calls 件数). */
export function basketItemCount(basket: Basket): number {
  let count = 0;
  for (const line of basket.lines) count = checkedAdd(count, line.quantity);
  return count;
}

/**
 * Price of one scan of a barcode: the carton price when one is set for it,
 * otherwise pack price × multiplier. Throws RangeError for non-integer or
 * negative inputs (a bug, not a customer's mistake).
 */
export function scanPriceCents(packPriceCents: number, multiplier: number, cartonPriceCents?: number): number {
  if (cartonPriceCents !== undefined) {
    if (!Number.isSafeInteger(cartonPriceCents) || cartonPriceCents < 0) {
      throw new RangeError(`scanPriceCents: carton price ${cartonPriceCents} is not whole cents`);
    }
    return cartonPriceCents;
  }
  if (!Number.isSafeInteger(packPriceCents) || packPriceCents < 0) {
    throw new RangeError(`scanPriceCents: pack price ${packPriceCents} is not whole cents`);
  }
  if (!Number.isSafeInteger(multiplier) || multiplier < 1) {
    throw new RangeError(`scanPriceCents: multiplier ${multiplier} is not a whole number ≥ 1`);
  }
  return checkedMultiply(packPriceCents, multiplier);
}

function checkedMultiply(a: number, b: number): number {
  const product = a * b;
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || !Number.isSafeInteger(product)) {
    throw new RangeError(`basket: ${a} × ${b} is not a safe integer`);
  }
  return product;
}

function checkedAdd(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new RangeError(`basket: ${a} + ${b} is not a safe integer`);
  return sum;
}

/** What one scan of `link` costs the customer: the carton price for a carton scan when one is set. */
export function saleScanPriceCents(product: Product, link: BarcodeLink): number {
  const cartonPrice = link.multiplier > 1 && link.multiplier === product.packsPerCarton ? product.cartonPriceCents : undefined;
  return scanPriceCents(product.priceCents, link.multiplier, cartonPrice);
}

/** What one scan of `link` is worth on a delivery: cost price × packs, 0 when the cost is unknown. */
export function deliveryScanCostCents(product: Product, link: BarcodeLink): number {
  return scanPriceCents(product.costCents ?? 0, link.multiplier);
}

/**
 * A scan as a basket line: in a sale at the retail price, in a delivery at the
 * cost price. One rule for the store that records the scan and the screen that
 * shows it before the store has committed.
 */
export function basketScanItem(kind: 'sale' | 'delivery', { product, link }: { product: Product; link: BarcodeLink }): ScanItem {
  return {
    productCode: link.productCode,
    barcode: link.code,
    name: product.name,
    multiplier: link.multiplier,
    unitPriceCents: kind === 'sale' ? saleScanPriceCents(product, link) : deliveryScanCostCents(product, link),
  };
}
