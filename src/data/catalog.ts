/**
 * The catalog as a whole: listing and searching products, applying a supplier's
 * import (all or nothing), exporting catalog and stock as CSV, and checking the
 * ledger (stock and daily totals recomputed from the movements).
 */
import type { CatalogProduct, ImportPlan } from '../domain/catalog-csv.ts';
import { exportCatalogCsv, exportStockCsv } from '../domain/catalog-csv-export.ts';
import { addToDailyTotal, type DailyTotal, type Product } from '../domain/product.ts';
import type { BarcodeLink } from '../domain/units.ts';
import { getDb, inTransaction } from './db.ts';
import { dailyTotals, forEachMovement } from './history.ts';
import { BarcodeTakenError, rememberLinkChanges, type LinkChanges } from './barcodes.ts';
import { rememberProduct } from './product-cache.ts';
import { requireRole } from './roles.ts';
import { appendAuditIn } from './audit.ts';

// Listing lives with the products (the adjust and stocktake screens need it without the CSV code); kept here too for the catalog screen.
export { listProducts, type ListProductsOptions } from './products.ts';

/** A stored product as the import planner sees it. */
export function toCatalogProduct(p: Product): CatalogProduct {
  const c: CatalogProduct = { code: p.code, name: p.name, priceCents: p.priceCents, isNew: p.isNew ?? false };
  if (p.brand !== undefined) c.brand = p.brand;
  if (p.category !== undefined) c.category = p.category;
  if (p.costCents !== undefined) c.costCents = p.costCents;
  if (p.packsPerCarton !== undefined) c.packsPerCarton = p.packsPerCarton;
  if (p.cartonCode !== undefined) c.cartonCode = p.cartonCode;
  if (p.brandStory !== undefined) c.brandStory = p.brandStory;
  if (p.specs !== undefined) c.specs = p.specs;
  if (p.minOrderUnits !== undefined) c.minOrderUnits = p.minOrderUnits;
  if (p.discontinued) c.discontinued = true;
  return c;
}

/** The existing catalog keyed by code, for planCatalogImport(). */
export async function getCatalogForImport(): Promise<Map<string, CatalogProduct>> {
  const db = await getDb();
  const all = await db.getAll('products');
  return new Map(all.map((p) => [p.code, toCatalogProduct(p)]));
}

const CATALOG_OPTIONAL = [
  'brand',
  'category',
  'costCents',
  'packsPerCarton',
  'cartonCode',
  'brandStory',
  'specs',
  'minOrderUnits',
  'discontinued',
] as const;

/** Writes queued between progress reports. */
const IMPORT_CHUNK = 500;

/**
 * Apply an import plan in ONE transaction: products added (stock 0) or updated
 * (stock, history and creation time kept), and their barcode links (pack ×1,
 * carton ×packsPerCarton). A barcode that already answers to another product
 * aborts everything with BarcodeTakenError: nothing is written. Owner only
 * (canDo('import')). onProgress(done, total) is called as writes complete.
 */
export async function applyCatalogImport(
  plan: ImportPlan,
  onProgress?: (done: number, total: number) => void,
  now = Date.now(),
): Promise<{ added: number; updated: number }> {
  const audit = requireRole('import');
  const rows = [...plan.add, ...plan.update.map((u) => u.after)];
  const { products, links, added, updated } = await inTransaction(
    ['products', 'barcodes', 'audit'],
    'readwrite',
    async (tx) => {
      const productStore = tx.objectStore('products');
      const linkStore = tx.objectStore('barcodes');
      // Everything is read first and checked in memory, so 10,000 rows need no
      // read-then-write round trip each; the writes are then queued in chunks.
      const [allProducts, allLinks] = await Promise.all([productStore.getAll(), linkStore.getAll()]);
      const byCode = new Map(allProducts.map((p) => [p.code, p]));
      const linkByCode = new Map(allLinks.map((l) => [l.code, l]));
      // Last word per code: a carton code dropped by one row and taken by a later row is a put.
      const linkPuts = new Map<string, BarcodeLink>();
      const linkDeletes = new Set<string>();
      const written: Product[] = [];
      let added = 0;
      let updated = 0;

      const claim = (link: BarcodeLink): void => {
        const owner = linkByCode.get(link.code)?.productCode ?? (byCode.has(link.code) ? link.code : undefined);
        if (owner !== undefined && owner !== link.productCode) throw new BarcodeTakenError(link.code, owner);
        const current = linkByCode.get(link.code);
        if (current && current.productCode === link.productCode && current.multiplier === link.multiplier) return;
        linkByCode.set(link.code, link);
        linkDeletes.delete(link.code);
        linkPuts.set(link.code, link);
      };

      for (const row of rows) {
        const existing = byCode.get(row.code);
        const product: Product = existing
          ? { ...existing, name: row.name, priceCents: row.priceCents, isNew: row.isNew, updatedAt: now }
          : {
              code: row.code,
              name: row.name,
              priceCents: row.priceCents,
              unit: 'pack',
              stock: 0,
              createdAt: now,
              updatedAt: now,
              isNew: row.isNew,
            };
        for (const field of CATALOG_OPTIONAL) {
          const value = row[field];
          if (value === undefined) delete product[field];
          else (product as unknown as Record<string, unknown>)[field] = value;
        }
        if (existing) updated++;
        else added++;
        byCode.set(product.code, product);
        written.push(product);

        claim({ code: product.code, productCode: product.code, multiplier: 1 });
        const oldCarton = existing?.cartonCode;
        if (oldCarton !== undefined && oldCarton !== product.cartonCode && linkByCode.get(oldCarton)?.productCode === product.code) {
          linkByCode.delete(oldCarton);
          linkPuts.delete(oldCarton);
          linkDeletes.add(oldCarton);
        }
        if (product.cartonCode !== undefined && product.packsPerCarton !== undefined && product.cartonCode !== product.code) {
          claim({ code: product.cartonCode, productCode: product.code, multiplier: product.packsPerCarton });
        }
      }

      const changes: LinkChanges = { put: [...linkPuts.values()], removed: [...linkDeletes] };
      const writes: (() => Promise<unknown>)[] = [
        ...written.map((p) => () => productStore.put(p)),
        ...changes.removed.map((code) => () => linkStore.delete(code)),
        ...changes.put.map((l) => () => linkStore.put(l)),
      ];
      const total = writes.length;
      onProgress?.(0, total);
      for (let start = 0; start < total; start += IMPORT_CHUNK) {
        const end = Math.min(total, start + IMPORT_CHUNK);
        await Promise.all(writes.slice(start, end).map((write) => write()));
        onProgress?.(end, total);
      }
      await appendAuditIn(tx.objectStore('audit'), { ...audit, detail: `${added} added, ${updated} updated` });
      return { products: written, links: changes, added, updated };
    },
    { durability: 'strict' },
  );
  for (const p of products) rememberProduct(p);
  rememberLinkChanges(links);
  return { added, updated };
}

async function productsByName(): Promise<Product[]> {
  const db = await getDb();
  return db.getAllFromIndex('products', 'by-name');
}

/** The catalog as CSV text (UTF-8 with BOM, Chinese headers). */
export async function exportCatalogFile(): Promise<string> {
  return exportCatalogCsv((await productsByName()).map(toCatalogProduct));
}

/** The stock as CSV text: packs and cartons + packs per product. */
export async function exportStockFile(): Promise<string> {
  const rows = (await productsByName()).map((p) =>
    p.packsPerCarton === undefined
      ? { code: p.code, name: p.name, stock: p.stock }
      : { code: p.code, name: p.name, stock: p.stock, packsPerCarton: p.packsPerCarton },
  );
  return exportStockCsv(rows);
}

export interface LedgerMismatch {
  code: string;
  /** product.stock as stored (0 for movements of a code with no product). */
  stock: number;
  fromMovements: number;
}

/** Products whose stock is not the sum of their movements. Empty when the ledger is sound. */
export async function checkLedger(): Promise<LedgerMismatch[]> {
  const sums = new Map<string, number>();
  await forEachMovement((m) => sums.set(m.code, (sums.get(m.code) ?? 0) + m.quantity));
  const db = await getDb();
  const products = await db.getAll('products');
  const out: LedgerMismatch[] = [];
  for (const p of products) {
    const fromMovements = sums.get(p.code) ?? 0;
    sums.delete(p.code);
    if (p.stock !== fromMovements) out.push({ code: p.code, stock: p.stock, fromMovements });
  }
  for (const [code, fromMovements] of sums) out.push({ code, stock: 0, fromMovements });
  return out;
}

export interface DailyTotalMismatch {
  code: string;
  day: string;
  stored?: DailyTotal;
  fromMovements?: DailyTotal;
}

/** Daily totals that differ from the movements of that product on that day. Empty when sound. */
export async function checkDailyTotals(): Promise<DailyTotalMismatch[]> {
  const computed = new Map<string, DailyTotal>();
  await forEachMovement((m) => {
    const key = `${m.code}\u0000${m.day}`;
    computed.set(key, addToDailyTotal(computed.get(key), m));
  });
  const db = await getDb();
  const stored = await dailyTotals(db);
  const out: DailyTotalMismatch[] = [];
  for (const total of stored) {
    const key = `${total.code}\u0000${total.day}`;
    const expected = computed.get(key);
    computed.delete(key);
    if (!expected || !sameTotal(expected, total)) {
      out.push(
        expected
          ? { code: total.code, day: total.day, stored: total, fromMovements: expected }
          : { code: total.code, day: total.day, stored: total },
      );
    }
  }
  for (const expected of computed.values()) out.push({ code: expected.code, day: expected.day, fromMovements: expected });
  return out;
}

function sameTotal(a: DailyTotal, b: DailyTotal): boolean {
  return a.sold === b.sold && a.received === b.received && a.adjusted === b.adjusted && a.movements === b.movements;
}
