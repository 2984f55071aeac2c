/**
 * Barcode links: which product a scanned code is, and how many packs one scan
 * of it stands for (pack ×1, carton ×packsPerCarton). Looked up from memory
 * (product-cache.ts) so a scan never waits for IndexedDB.
 */
import type { IDBPTransaction } from 'idb';
import type { Product } from '../domain/product.ts';
import { validateMultiplier, type BarcodeLink } from '../domain/units.ts';
import { getDb, inTransaction, type KioskDB, type KioskStore } from './db.ts';
import {
  cachedLink,
  cachedProduct,
  forgetLink,
  rememberLink,
  rememberLoadedLinks,
  rememberLoadedProducts,
  rememberProduct,
} from './product-cache.ts';
import { UnknownProductError } from './movements.ts';

export { BarcodeTakenError } from '../domain/errors.ts';
import { BarcodeTakenError } from '../domain/errors.ts';

export class BarcodeLinkError extends RangeError {
  override name = 'BarcodeLinkError';
  constructor(readonly reason: 'bad-multiplier' | 'missing-code') {
    super(`Invalid barcode link: ${reason}`);
  }
}

export interface BarcodeMatch {
  product: Product;
  link: BarcodeLink;
}

/** A product seeded without a link record (an older build, a test) still answers to its own code. */
function packLink(code: string): BarcodeLink {
  return { code, productCode: code, multiplier: 1 };
}

/**
 * The product a scanned code (readCode() key) is, with the link saying how many
 * packs one scan is. From memory when known; undefined for an unknown code.
 */
export async function lookupBarcode(code: string): Promise<BarcodeMatch | undefined> {
  return (await lookupBarcodes([code]))[0];
}

/**
 * lookupBarcode for several codes (a burst of scans, a list after a reload):
 * the codes memory does not know are read in one transaction.
 */
export async function lookupBarcodes(codes: readonly string[]): Promise<Array<BarcodeMatch | undefined>> {
  const found = codes.map(peekBarcode);
  if (found.every((match) => match !== undefined)) return found;
  const db = await getDb();
  const tx = db.transaction(['barcodes', 'products'], 'readonly');
  // lookupBarcodeIn answers a code memory knows without a request.
  const read = await Promise.all(codes.map((code) => lookupBarcodeIn(tx, code)));
  await tx.done;
  return read;
}

/**
 * The product of a barcode from the page's copy of the catalog, without waiting
 * for the database: undefined when the copy does not have it (not loaded yet,
 * or not a product of the shop), and then only lookupBarcode can tell.
 */
export function peekBarcode(code: string): BarcodeMatch | undefined {
  const link = cachedLink(code);
  const product = link && cachedProduct(link.productCode);
  return product ? { product, link } : undefined;
}

/**
 * lookupBarcode inside the caller's transaction (over barcodes and products):
 * the memory copy when it has the code, else the stores as this transaction sees them.
 */
export async function lookupBarcodeIn(tx: LookupTx, code: string): Promise<BarcodeMatch | undefined> {
  const cached = peekBarcode(code);
  if (cached) return cached;
  const stored = await tx.objectStore('barcodes').get(code);
  const product = await tx.objectStore('products').get(stored?.productCode ?? code);
  if (!product) return undefined;
  const found = stored ?? packLink(code);
  // Read-only here, so the memory copy may take them now (it never overwrites a newer write).
  rememberLoadedLinks([found]);
  rememberLoadedProducts([product]);
  return { product: cachedProduct(product.code) ?? product, link: cachedLink(code) ?? found };
}

/** A transaction with barcodes and products in its scope. */
export type LookupTx = IDBPTransaction<KioskDB, KioskStore[], IDBTransactionMode>;

/** Every barcode of a product, pack first. */
export async function getBarcodes(productCode: string): Promise<BarcodeLink[]> {
  const db = await getDb();
  const tx = db.transaction(['barcodes', 'products'], 'readonly');
  const links = await tx.objectStore('barcodes').index('by-product').getAll(productCode);
  const product = links.length === 0 ? await tx.objectStore('products').get(productCode) : undefined;
  await tx.done;
  if (product) return [packLink(productCode)];
  return links.sort((a, b) => a.multiplier - b.multiplier || (a.code < b.code ? -1 : 1));
}

/**
 * Link a barcode to a product. Refuses a code that is another product's barcode
 * or another product's own code (BarcodeTakenError). A carton link (×n, n > 1)
 * also becomes the product's carton barcode when it has none, so exports show it.
 */
export async function putBarcode(link: BarcodeLink, now = Date.now()): Promise<void> {
  if (link.code.length === 0 || link.productCode.length === 0) throw new BarcodeLinkError('missing-code');
  if (validateMultiplier(link.multiplier) !== undefined) throw new BarcodeLinkError('bad-multiplier');
  const clean: BarcodeLink = { code: link.code, productCode: link.productCode, multiplier: link.multiplier };
  const updated = await inTransaction(
    ['barcodes', 'products'],
    'readwrite',
    async (tx) => {
      const products = tx.objectStore('products');
      const product = await products.get(clean.productCode);
      if (!product) throw new UnknownProductError(clean.productCode);
      await checkCodeFree(tx as unknown as LinkTx, clean.code, clean.productCode);
      await tx.objectStore('barcodes').put(clean);
      if (clean.multiplier > 1 && clean.code !== product.code && product.cartonCode === undefined) {
        const withCarton: Product = {
          ...product,
          cartonCode: clean.code,
          packsPerCarton: product.packsPerCarton ?? clean.multiplier,
          updatedAt: now,
        };
        await products.put(withCarton);
        return withCarton;
      }
      return undefined;
    },
    { durability: 'strict' },
  );
  rememberLink(clean);
  if (updated) rememberProduct(updated);
}

/** A transaction over at least 'products' and 'barcodes'. */
export type LinkTx = IDBPTransaction<KioskDB, KioskStore[], 'readwrite'>;

/** Throws BarcodeTakenError if `code` answers to a product other than `productCode`. */
export async function checkCodeFree(tx: LinkTx, code: string, productCode: string): Promise<void> {
  const existing = await tx.objectStore('barcodes').get(code);
  if (existing && existing.productCode !== productCode) throw new BarcodeTakenError(code, existing.productCode);
  if (code !== productCode && (await tx.objectStore('products').getKey(code)) !== undefined) {
    throw new BarcodeTakenError(code, code);
  }
}

/** Links written and removed in a transaction, for the memory copy once it has committed. */
export interface LinkChanges {
  put: BarcodeLink[];
  removed: string[];
}

/**
 * Inside a transaction over products and barcodes: make the product's links
 * match its code and carton fields (pack ×1; cartonCode ×packsPerCarton), and
 * drop the carton link it had before if that code changed. Throws
 * BarcodeTakenError (the transaction is then aborted by inTransaction).
 */
export async function syncProductLinks(tx: LinkTx, product: Product, previousCartonCode?: string): Promise<LinkChanges> {
  const changes: LinkChanges = { put: [], removed: [] };
  const barcodes = tx.objectStore('barcodes');
  const own = await barcodes.get(product.code);
  if (own && own.productCode !== product.code) throw new BarcodeTakenError(product.code, own.productCode);
  if (!own || own.multiplier !== 1) {
    const link = packLink(product.code);
    await barcodes.put(link);
    changes.put.push(link);
  }
  if (previousCartonCode !== undefined && previousCartonCode !== product.cartonCode) {
    const old = await barcodes.get(previousCartonCode);
    if (old && old.productCode === product.code) {
      await barcodes.delete(previousCartonCode);
      changes.removed.push(previousCartonCode);
    }
  }
  if (product.cartonCode !== undefined && product.packsPerCarton !== undefined && product.cartonCode !== product.code) {
    await checkCodeFree(tx, product.cartonCode, product.code);
    const link: BarcodeLink = { code: product.cartonCode, productCode: product.code, multiplier: product.packsPerCarton };
    await barcodes.put(link);
    changes.put.push(link);
  }
  return changes;
}

/** After the transaction that made `changes` has committed. */
export function rememberLinkChanges(changes: LinkChanges): void {
  for (const code of changes.removed) forgetLink(code);
  for (const link of changes.put) rememberLink(link);
}
