/**
 * The shop's products. Stock is never written here: it moves only through
 * movements (see movements.ts), including the opening stock at registration.
 */
import {
  displayText,
  MAX_BRAND_STORY_CHARS,
  MAX_SPECS_CHARS,
  checkMinOrderUnits,
  checkName,
  checkPriceCents,
  matchesProductSearch,
  STOCK_UNITS,
  validateNewProduct,
  type EditableOptional,
  type NewProduct,
  type Product,
  type ProductEdit,
  type ProductErrors,
} from '../domain/product.ts';
import { validatePacksPerCarton } from '../domain/units.ts';
import { getDb, inTransaction } from './db.ts';
import { cachedProduct, rememberLoadedLinks, rememberLoadedProducts, rememberProduct } from './product-cache.ts';
import { applyMovement, toMovement, UnknownProductError } from './movements.ts';
import { rememberLinkChanges, syncProductLinks, type LinkChanges, type LinkTx } from './barcodes.ts';
import { requireRole } from './roles.ts';
import { appendAuditIn } from './audit.ts';

export { ProductExistsError, ProductValidationError, UnknownProductError } from '../domain/errors.ts';
import { ProductExistsError, ProductValidationError } from '../domain/errors.ts';

export type { ProductEdit } from '../domain/product.ts';

const EDITABLE_OPTIONAL: readonly EditableOptional[] = [
  'packsPerCarton',
  'cartonCode',
  'cartonPriceCents',
  'brand',
  'category',
  'costCents',
  'isNew',
  'brandStory',
  'specs',
  'minOrderUnits',
  'discontinued',
];

/** The product with this code, from the catalog in memory when it is there. */
export async function getProduct(code: string): Promise<Product | undefined> {
  const cached = cachedProduct(code);
  if (cached) return cached;
  const db = await getDb();
  const product = await db.get('products', code);
  // Only found products are remembered: a code registered later must be found then.
  if (product) rememberProduct(product);
  return product;
}

/**
 * The products for many codes at once (undefined where none), reading the ones
 * not in memory in one transaction: a burst of scans costs one read, not one each.
 */
export async function getProducts(codes: readonly string[]): Promise<Array<Product | undefined>> {
  const found = codes.map((code) => cachedProduct(code));
  const missing = [...new Set(codes.filter((_code, i) => !found[i]))];
  if (missing.length === 0) return found;
  const db = await getDb();
  const tx = db.transaction('products');
  const read = await Promise.all(missing.map((code) => tx.store.get(code)));
  await tx.done;
  const byCode = new Map<string, Product>();
  for (const product of read) {
    if (!product) continue;
    rememberProduct(product);
    byCode.set(product.code, product);
  }
  return codes.map((code, i) => found[i] ?? byCode.get(code));
}

let loadingCatalog: Promise<void> | undefined;

/** Read the whole catalog and its barcodes into memory once, at start, so the first scans are instant too. */
export function loadProductCatalog(): Promise<void> {
  loadingCatalog ??= getDb()
    .then(async (db) => {
      const tx = db.transaction(['products', 'barcodes'], 'readonly');
      const [products, links] = await Promise.all([tx.objectStore('products').getAll(), tx.objectStore('barcodes').getAll()]);
      rememberLoadedProducts(products);
      rememberLoadedLinks(links);
    })
    .catch((error: unknown) => {
      loadingCatalog = undefined;
      throw error;
    });
  return loadingCatalog;
}

/**
 * Register a new product. Opening stock above 0 is written as an 'opening'
 * movement, its daily total and the product's stock, all in one transaction.
 * Throws ProductValidationError (with per-field errors) or ProductExistsError.
 */
export async function registerProduct(input: NewProduct, now = Date.now()): Promise<Product> {
  const validation = validateNewProduct(input);
  if (!validation.ok) throw new ProductValidationError(validation.errors);
  const { code, name, priceCents, unit, openingStock = 0, packsPerCarton, cartonCode } = validation.product;
  const product: Product = { code, name, priceCents, unit, stock: 0, createdAt: now, updatedAt: now };
  if (packsPerCarton !== undefined) product.packsPerCarton = packsPerCarton;
  if (cartonCode !== undefined) product.cartonCode = cartonCode;

  const { registered, links } = await inTransaction(
    ['products', 'movements', 'dailyTotals', 'dayProducts', 'barcodes'],
    'readwrite',
    async (tx) => {
      const products = tx.objectStore('products');
      if ((await products.getKey(code)) !== undefined) throw new ProductExistsError(code);
      // Its pack code (and carton code) must not already answer to another product.
      const links = await syncProductLinks(tx as unknown as LinkTx, product);
      if (openingStock === 0) {
        await products.add(product);
        return { registered: product, links };
      }
      const { product: stocked } = await applyMovement(
        tx as unknown as Parameters<typeof applyMovement>[0],
        product,
        toMovement({ code, kind: 'opening', quantity: openingStock, at: now }),
      );
      return { registered: stocked, links };
    },
    { durability: 'strict' },
  );
  rememberProduct(registered);
  rememberLinkChanges(links);
  return registered;
}

/**
 * Save an edited name, price or unit. The stored stock and creation time are
 * kept whatever `product` says. Throws UnknownProductError or ProductValidationError.
 */
export async function putProduct(product: ProductEdit | Product, now = Date.now()): Promise<Product> {
  const audit = requireRole('edit-product');
  const errors: ProductErrors = {};
  const nameError = checkName(product.name);
  if (nameError) errors.name = nameError;
  const priceError = checkPriceCents(product.priceCents);
  if (priceError) errors.priceCents = priceError;
  if (!STOCK_UNITS.includes(product.unit)) errors.unit = 'required';
  if ('packsPerCarton' in product && product.packsPerCarton !== undefined) {
    const sizeError = validatePacksPerCarton(product.packsPerCarton);
    if (sizeError) errors.packsPerCarton = sizeError === 'too-small' ? 'required' : sizeError;
  }
  if ('minOrderUnits' in product && product.minOrderUnits !== undefined) {
    const minError = checkMinOrderUnits(product.minOrderUnits);
    if (minError) errors.minOrderUnits = minError;
  }
  if (Object.keys(errors).length > 0) throw new ProductValidationError(errors);

  const { saved, links } = await inTransaction(
    ['products', 'barcodes', 'audit'],
    'readwrite',
    async (tx) => {
      const existing = await tx.objectStore('products').get(product.code);
      if (!existing) throw new UnknownProductError(product.code);
      const saved: Product = {
        ...existing,
        name: product.name.trim(),
        priceCents: product.priceCents,
        unit: product.unit,
        updatedAt: now,
      };
      for (const field of EDITABLE_OPTIONAL) {
        if (!(field in product)) continue;
        let value = product[field];
        // Display texts: trimmed, blank is none, cut at their length.
        if (field === 'brandStory') value = displayText(product.brandStory, MAX_BRAND_STORY_CHARS);
        if (field === 'specs') value = displayText(product.specs, MAX_SPECS_CHARS);
        if (value === undefined) delete saved[field];
        else (saved as unknown as Record<string, unknown>)[field] = value;
      }
      let links: LinkChanges = { put: [], removed: [] };
      if (saved.cartonCode !== existing.cartonCode || saved.packsPerCarton !== existing.packsPerCarton) {
        links = await syncProductLinks(tx as unknown as LinkTx, saved, existing.cartonCode);
      }
      await Promise.all([
        tx.objectStore('products').put(saved),
        appendAuditIn(tx.objectStore('audit'), { ...audit, detail: product.code }),
      ]);
      return { saved, links };
    },
    { durability: 'strict' },
  );
  rememberProduct(saved);
  rememberLinkChanges(links);
  return saved;
}

export async function countProducts(): Promise<number> {
  const db = await getDb();
  return db.count('products');
}

export interface ListProductsOptions {
  /** Part of the name, the code (digits as scanned or GTIN-14) or the brand; case-insensitive. */
  search?: string;
  limit?: number;
  /** Only products whose book stock is below zero (to chase at the next stocktake). */
  onlyNegative?: boolean;
}

/** Products by name, filtered. */
export async function listProducts(opts: ListProductsOptions = {}): Promise<Product[]> {
  const db = await getDb();
  const all = await db.getAllFromIndex('products', 'by-name');
  rememberLoadedProducts(all);
  const needle = opts.search?.trim().toLowerCase() ?? '';
  const limit = opts.limit ?? Infinity;
  const out: Product[] = [];
  for (const p of all) {
    if (out.length >= limit) break;
    if (opts.onlyNegative && !(p.stock < 0)) continue;
    if (needle.length > 0 && !matchesProductSearch(p, needle)) continue;
    out.push(p);
  }
  return out;
}
