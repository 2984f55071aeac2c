/**
 * The catalog in memory. A scan at the counter must show its product within a
 * frame, and an IndexedDB read can wait behind a committing write (a disk
 * flush); a shop's catalog is a few thousand records, so the page keeps them
 * all, and every barcode link (pack ×1, carton ×10) with them. Every write to a
 * product or a link goes through this data layer and updates the copy after its
 * transaction commits. One kiosk page owns the database; a second tab would need
 * a BroadcastChannel to keep copies in step.
 */
import type { Product } from '../domain/product.ts';
import type { BarcodeLink } from '../domain/units.ts';

const products = new Map<string, Product>();
const links = new Map<string, BarcodeLink>();
// Codes whose link was written or removed since the last clear: a full read that
// started before such a write must not bring the old link back.
const touchedLinks = new Set<string>();

export function cachedProduct(code: string): Product | undefined {
  return products.get(code);
}

/** After a committed write: the product as it now is in the database. */
export function rememberProduct(product: Product): void {
  products.set(product.code, product);
}

/** Fill from a full read of the store; never overwrites a newer remembered copy. */
export function rememberLoadedProducts(loaded: readonly Product[]): void {
  for (const product of loaded) if (!products.has(product.code)) products.set(product.code, product);
}

export function cachedLink(code: string): BarcodeLink | undefined {
  return links.get(code);
}

/** After a committed write of a link. */
export function rememberLink(link: BarcodeLink): void {
  touchedLinks.add(link.code);
  links.set(link.code, link);
}

/** After a committed delete of a link (a carton barcode changed or removed). */
export function forgetLink(code: string): void {
  touchedLinks.add(code);
  links.delete(code);
}

/** Fill from a full read of the store; never overwrites a link written or removed since. */
export function rememberLoadedLinks(loaded: readonly BarcodeLink[]): void {
  for (const link of loaded) if (!touchedLinks.has(link.code) && !links.has(link.code)) links.set(link.code, link);
}

/** The database was deleted or replaced (tests, a restore). */
export function forgetProducts(): void {
  products.clear();
  links.clear();
  touchedLinks.clear();
}
