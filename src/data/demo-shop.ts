/**
 * Loading and removing the demo shop (src/domain/demo-shop.ts). It lives in its
 * own database, DEMO_DB_NAME, chosen for the whole page (the page opened with
 * `?demo`, as `npm start -- --demo` does): the shop's own database is never
 * opened by a demo page, so demo sales can never mix with real ones. Loaded
 * with import() only when the demo is asked for: the counter never carries it.
 */
import { deleteDB } from 'idb';
import { buildDemoShop } from '../domain/demo-shop.ts';
import { DEMO_DB_NAME, closeDb, currentDbName, inTransaction } from './db.ts';
import { forgetProducts } from './product-cache.ts';
import { loadProductCatalog } from './products.ts';
import { requireRole } from './roles.ts';

export class NotDemoDatabaseError extends Error {
  override name = 'NotDemoDatabaseError';
  constructor(readonly database: string) {
    super(`The demo shop goes only into ${DEMO_DB_NAME}, not ${database}`);
  }
}

/**
 * Fill the demo database with the demo shop, all of it in one transaction (a
 * page closed half-way leaves it empty, and the next start loads it again).
 * Does nothing when it already has products.
 */
export async function loadDemoShop(now = Date.now()): Promise<'loaded' | 'already-there'> {
  if (currentDbName() !== DEMO_DB_NAME) throw new NotDemoDatabaseError(currentDbName());
  const shop = buildDemoShop({ now });
  const result = await inTransaction(
    ['products', 'barcodes', 'movements', 'dailyTotals', 'sessions', 'orders'],
    'readwrite',
    async (tx) => {
      if ((await tx.objectStore('products').count()) > 0) return 'already-there' as const;
      const writes: Promise<unknown>[] = [];
      for (const p of shop.products) writes.push(tx.objectStore('products').put(p));
      for (const l of shop.links) writes.push(tx.objectStore('barcodes').put(l));
      const movements = tx.objectStore('movements');
      for (const m of shop.movements) writes.push(movements.add(m));
      const totals = tx.objectStore('dailyTotals');
      for (const t of shop.dailyTotals) writes.push(totals.put(t));
      writes.push(tx.objectStore('sessions').put(shop.stocktake));
      writes.push(tx.objectStore('orders').put(shop.order));
      await Promise.all(writes);
      return 'loaded' as const;
    },
    { durability: 'relaxed' },
  );
  forgetProducts();
  await loadProductCatalog();
  return result;
}

/** Delete the demo database (owner only). The shop's own database is not touched. */
export async function removeDemoShop(): Promise<void> {
  requireRole('remove-demo');
  if (currentDbName() === DEMO_DB_NAME) {
    await closeDb();
    forgetProducts();
  }
  await deleteDB(DEMO_DB_NAME, {
    blocked() {
      console.warn('demo db: delete waits for another connection to close');
    },
  });
}
