/**
 * Quantities and stock in the shop's words: 盒 and 条 (packs and cartons), in the
 * product's own unit, for every screen and element that shows them; and the
 * other counts read with a unit (件, 天), singular and plural in English.
 */
import { msg, str } from '@lit/localize';
import type { BasketLine } from '../domain/basket.ts';
import type { Product, StockUnit } from '../domain/product.ts';
import { formatStock } from '../domain/units.ts';
import { getLocale } from '../localization.ts';

/** "盒" / "条" (or "pack(s)" / "carton(s)") for a count of a unit. */
export function unitText(unit: StockUnit, count: number): string {
  if (unit === 'carton') return count === 1 ? msg('条', { id: 'unit-carton-one' }) : msg('条', { id: 'unit-carton-other' });
  return count === 1 ? msg('盒', { id: 'unit-pack-one' }) : msg('盒', { id: 'unit-pack-other' });
}

/** "3 件" of a basket, "1 item" / "3 items" in English. */
export function itemsText(count: number): string {
  return count === 1 ? msg(str`${count} 件`, { id: 'items-one' }) : msg(str`${count} 件`, { id: 'items-other' });
}

/** "3 天", "1 day" / "3 days" / "2.5 days" in English; `shown` is the number as it is to be read (a rounded figure). */
export function daysText(count: number, shown = String(count)): string {
  return shown === '1' ? msg(str`${shown} 天`, { id: 'days-one' }) : msg(str`${shown} 天`, { id: 'days-other' });
}

/** Is one scan of this line's barcode a carton (条)? A v1 carton product counts as one too. */
export function isCartonLine(line: Pick<BasketLine, 'multiplier'>, product?: Pick<Product, 'unit'>): boolean {
  return line.multiplier > 1 || product?.unit === 'carton';
}

/** "2条" / "3盒" for a line's quantity. */
export function lineQuantityText(line: BasketLine, product?: Pick<Product, 'unit'>): string {
  const unit = isCartonLine(line, product) ? 'carton' : 'pack';
  return `${line.quantity}${getLocale() === 'en' ? ' ' : ''}${unitText(unit, line.quantity)}`;
}

/** Stock for people, in the product's own unit: "3条 4盒", or "5条" for a v1 product counted in cartons. */
export function stockText(product: Pick<Product, 'stock' | 'unit'> & { packsPerCarton?: number | undefined }): string {
  const locale = getLocale() === 'en' ? 'en' : 'zh-Hans';
  if (product.unit === 'carton') {
    return `${product.stock}${locale === 'en' ? ' ' : ''}${unitText('carton', product.stock)}`;
  }
  return formatStock(product.stock, product.packsPerCarton, locale);
}

/**
 * Stock for people, in the product's own unit: packs split into cartons when a
 * carton size is set; an old (issue-2) product registered as a carton keeps
 * its stock in cartons.
 */
export function productStockText(
  stock: number,
  product: (Pick<Product, 'unit'> & { packsPerCarton?: number | undefined }) | undefined,
): string {
  const locale = getLocale() === 'en' ? 'en' : 'zh-Hans';
  if (product?.unit === 'carton' && product.packsPerCarton === undefined) {
    return locale === 'en' ? `${stock} ${Math.abs(stock) === 1 ? 'carton' : 'cartons'}` : `${stock}条`;
  }
  return formatStock(stock, product?.packsPerCarton, locale);
}

/**
 * A signed quantity: "+1条", "-2盒", "+12盒". Whole cartons read as cartons;
 * anything else stays in packs, because "-1条 2盒" is read as -8 by some.
 */
export function signedStockText(quantity: number, product: Parameters<typeof productStockText>[1]): string {
  const sign = quantity < 0 ? '-' : '+';
  const abs = Math.abs(quantity);
  const size = product?.packsPerCarton;
  const whole = size !== undefined && size > 1 && abs > 0 && abs % size === 0;
  return sign + (whole ? productStockText(abs, product) : productStockText(abs, product?.unit === 'carton' ? product : undefined));
}
