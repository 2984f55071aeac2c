/**
 * The shop's products. Stock is never written here: it moves only through
 * movements (see movements.ts), including the opening stock at registration.
 */
import {
  checkName,
  checkPriceCents,
  STOCK_UNITS,
  validateNewProduct,
  type NewProduct,
  type Product,
  type ProductErrors,
} from '../domain/product.ts';
import { getDb, inTransaction } from './db.ts';
import { cachedProduct, rememberLoadedProducts, rememberProduct } from './product-cache.ts';
import { applyMovement, toMovement, UnknownProductError } from './movements.ts';

export { UnknownProductError } from './movements.ts';

export class ProductValidationError extends Error {
  override name = 'ProductValidationError';
  constructor(readonly errors: ProductErrors) {
    super(`Invalid product: ${Object.entries(errors).map(([field, error]) => `${field} ${error}`).join(', ')}`);
  }
}

/** Registering a code that is already a product (it would reset its stock). */
export class ProductExistsError extends Error {
  override name = 'ProductExistsError';
  constructor(readonly code: string) {
    super(`A product with code ${code} is already registered`);
  }
}

/** The fields an owner may edit; a whole Product is accepted too (its stock is ignored). */
export type ProductEdit = Pick<Product, 'code' | 'name' | 'priceCents' | 'unit'>;

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

let loadingCatalog: Promise<void> | undefined;

/** Read the whole catalog into memory once, at start, so the first scans are instant too. */
export function loadProductCatalog(): Promise<void> {
  loadingCatalog ??= getDb()
    .then((db) => db.getAll('products'))
    .then(rememberLoadedProducts)
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
  const { code, name, priceCents, unit, openingStock = 0 } = validation.product;
  const product: Product = { code, name, priceCents, unit, stock: 0, createdAt: now, updatedAt: now };

  const registered = await inTransaction(
    ['products', 'movements', 'dailyTotals'],
    'readwrite',
    async (tx) => {
      const products = tx.objectStore('products');
      if ((await products.getKey(code)) !== undefined) throw new ProductExistsError(code);
      if (openingStock === 0) {
        await products.add(product);
        return product;
      }
      const { product: stocked } = await applyMovement(
        tx,
        product,
        toMovement({ code, kind: 'opening', quantity: openingStock, at: now }),
      );
      return stocked;
    },
    { durability: 'strict' },
  );
  rememberProduct(registered);
  return registered;
}

/**
 * Save an edited name, price or unit. The stored stock and creation time are
 * kept whatever `product` says. Throws UnknownProductError or ProductValidationError.
 */
export async function putProduct(product: ProductEdit | Product, now = Date.now()): Promise<Product> {
  const errors: ProductErrors = {};
  const nameError = checkName(product.name);
  if (nameError) errors.name = nameError;
  const priceError = checkPriceCents(product.priceCents);
  if (priceError) errors.priceCents = priceError;
  if (!STOCK_UNITS.includes(product.unit)) errors.unit = 'required';
  if (Object.keys(errors).length > 0) throw new ProductValidationError(errors);

  const saved = await inTransaction(
    ['products'],
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
      await tx.objectStore('products').put(saved);
      return saved;
    },
    { durability: 'strict' },
  );
  rememberProduct(saved);
  return saved;
}

export async function countProducts(): Promise<number> {
  const db = await getDb();
  return db.count('products');
}
