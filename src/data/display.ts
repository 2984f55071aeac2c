/**
 * What the customer display reads: new products, a scanned product and its
 * brand's other products, the open sale. Read-only on purpose: a customer's scan
 * at the display is a look-up and must never reach a basket, a delivery, a count
 * or the stock, so nothing here opens a readwrite transaction.
 */
import type { Product } from '../domain/product.ts';
import { lookupBarcode } from './barcodes.ts';
import { getDb } from './db.ts';
import type { SaleSession } from './schema.ts';

/** What a customer may see of a product: never its stock or cost. */
export interface DisplayProduct {
  code: string;
  name: string;
  brand?: string;
  category?: string;
  priceCents: number;
}

function forCustomer(p: Product): DisplayProduct {
  const shown: DisplayProduct = { code: p.code, name: p.name, priceCents: p.priceCents };
  if (p.brand) shown.brand = p.brand;
  if (p.category) shown.category = p.category;
  return shown;
}

async function allProducts(): Promise<Product[]> {
  const db = await getDb();
  return db.getAllFromIndex('products', 'by-name');
}

/** The shop's new products (新品) still sold, by name. */
export async function listNewProducts(): Promise<DisplayProduct[]> {
  return (await allProducts()).filter((p) => p.isNew && !p.discontinued).map(forCustomer);
}

export interface DisplayLookup {
  product: DisplayProduct;
  /** Other products of the same brand, by name, at most `limit`. */
  sameBrand: DisplayProduct[];
}

/** A scanned code as the customer sees it; undefined when the shop does not sell it. */
export async function lookUpForDisplay(code: string, limit = 6): Promise<DisplayLookup | undefined> {
  const found = await lookupBarcode(code);
  if (!found) return undefined;
  const { product } = found;
  const sameBrand = product.brand
    ? (await allProducts())
        .filter((p) => p.brand === product.brand && p.code !== product.code && !p.discontinued)
        .slice(0, limit)
        .map(forCustomer)
    : [];
  return { product: forCustomer(product), sameBrand };
}

/** The open sale, if any (the counter writes it; the display only reads). */
export async function getOpenSaleForDisplay(): Promise<SaleSession | undefined> {
  const db = await getDb();
  return (await db.getFromIndex('sessions', 'by-kind-status', ['sale', 'open'])) as SaleSession | undefined;
}

export async function getSaleForDisplay(sessionId: string): Promise<SaleSession | undefined> {
  const db = await getDb();
  const session = await db.get('sessions', sessionId);
  return session?.kind === 'sale' ? session : undefined;
}
