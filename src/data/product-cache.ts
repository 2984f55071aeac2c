/**
 * The catalog in memory. A scan at the counter must show its product within a
 * frame, and an IndexedDB read can wait behind a committing write (a disk
 * flush); a shop's catalog is a few thousand records, so the page keeps them
 * all. Every write to a product goes through this data layer and updates the
 * copy after its transaction commits. One kiosk page owns the database; a
 * second tab would need a BroadcastChannel to keep copies in step.
 */
import type { Product } from '../domain/product.ts';

const products = new Map<string, Product>();

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

/** The database was deleted or replaced (tests, a restore). */
export function forgetProducts(): void {
  products.clear();
}
