/**
 * Loading and removing the demo shop (src/domain/demo-shop.ts). It lives in its
 * own database, DEMO_DB_NAME, chosen for the whole page (the page opened with
 * `?demo`, as `npm start -- --demo` does): the shop's own database is never
 * opened by a demo page, so demo sales can never mix with real ones. Loaded
 * with import() only when the demo is asked for: the counter never carries it.
 */
import { deleteDB, unwrap } from 'idb';
import { buildDemoShop } from '../domain/demo-shop.ts';
import { dayProductsOf } from '../domain/report/rollups.ts';
import { compactedMovements } from '../domain/blocks.ts';
import { localDay } from '../domain/product.ts';
import { DB_NAME, DEMO_DB_NAME, closeDb, currentDbName, getDb, useDatabase } from './db.ts';
import { appendAudit } from './audit.ts';
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
 * The movements store's key generator must pass the blocks' ids, or the next
 * sale would take id 1 and the compaction would merge it away as a duplicate.
 * A row put with the last id moves it on; with no such row (nothing today) a
 * placeholder put and deleted does, since a delete never moves it back.
 */
function keyGeneratorPast(
  lastId: number,
  rows: readonly { id: number }[],
  now: number,
  today: string,
): Array<[string, unknown, 'put' | 'delete']> {
  if (lastId === 0 || rows.some((m) => m.id === lastId)) return [];
  return [
    ['movements', { id: lastId, code: '', kind: 'opening', quantity: 0, at: now, day: today }, 'put'],
    ['movements', lastId, 'delete'],
  ];
}

/**
 * Fill the demo database with the demo shop, all of it in one transaction (a
 * page closed half-way leaves it empty, and the next start loads it again).
 * Does nothing when it already has products.
 */
export async function loadDemoShop(now = Date.now()): Promise<'loaded' | 'already-there'> {
  if (currentDbName() !== DEMO_DB_NAME) throw new NotDemoDatabaseError(currentDbName());
  const started = performance.now();
  const shop = buildDemoShop({ now });
  const built = performance.now();
  // Two years of history stored as a compacted terminal keeps it: movements of
  // past days in product-month blocks, past days' totals only in their day
  // records. As rows they were 150,000 puts (two minutes on a 2-core machine),
  // and the first compaction folded them in again.
  const today = localDay(now);
  const movements = compactedMovements(shop.movements, today);
  const db = await getDb();
  const tx = db.transaction(
    ['products', 'barcodes', 'movements', 'movementBlocks', 'dailyTotals', 'dayProducts', 'hourlyTotals', 'sessions', 'orders'],
    'readwrite',
    { durability: 'relaxed' },
  );
  if ((await tx.objectStore('products').count()) > 0) {
    await tx.done;
    return 'already-there';
  }
  // Plain requests, no promise per record, issued a chunk at a time from the
  // last request of the chunk before: the transaction stays open, and the page
  // gets to draw between chunks.
  const raw = unwrap(tx);
  const writes: Array<[string, unknown, 'put' | 'delete']> = [
    ...shop.products.map((p) => ['products', p, 'put'] as [string, unknown, 'put']),
    ...shop.links.map((l) => ['barcodes', l, 'put'] as [string, unknown, 'put']),
    ...movements.blocks.map((b) => ['movementBlocks', b, 'put'] as [string, unknown, 'put']),
    ...movements.rows.map((m) => ['movements', m, 'put'] as [string, unknown, 'put']),
    ...keyGeneratorPast(movements.lastId, movements.rows, now, today),
    ...shop.dailyTotals.filter((t) => t.day >= today).map((t) => ['dailyTotals', t, 'put'] as [string, unknown, 'put']),
    ...shop.hourlyTotals.map((h) => ['hourlyTotals', h, 'put'] as [string, unknown, 'put']),
    ...dayProductsOf(shop.dailyTotals).map((d) => ['dayProducts', d, 'put'] as [string, unknown, 'put']),
    ['sessions', shop.stocktake, 'put'],
    ['orders', shop.order, 'put'],
  ];
  const CHUNK = 5000;
  const writeFrom = (start: number): void => {
    let last: IDBRequest | undefined;
    for (let i = start; i < Math.min(writes.length, start + CHUNK); i++) {
      const [store, value, how] = writes[i]!;
      last = how === 'delete' ? raw.objectStore(store).delete(value as number) : raw.objectStore(store).put(value);
    }
    if (last && start + CHUNK < writes.length) last.onsuccess = () => writeFrom(start + CHUNK);
  };
  writeFrom(0);
  await tx.done;
  const result = 'loaded' as const;
  console.info(`demo shop: built in ${Math.round(built - started)} ms, stored in ${Math.round(performance.now() - built)} ms (${result})`);
  forgetProducts();
  await loadProductCatalog();
  return result;
}

/**
 * Delete the demo database (owner only). The shop's own database is not touched
 * except for its audit log: a deleted database cannot keep the entry, and no
 * transaction spans two databases, so the removal is logged in the shop's own
 * log once it has succeeded. A page on the demo is switched to the shop's data.
 */
export async function removeDemoShop(): Promise<void> {
  const audit = requireRole('remove-demo');
  const onDemo = currentDbName() === DEMO_DB_NAME;
  if (onDemo) {
    await closeDb();
    forgetProducts();
  }
  await deleteDB(DEMO_DB_NAME, {
    blocked() {
      console.warn('demo db: delete waits for another connection to close');
    },
  });
  if (onDemo) useDatabase(DB_NAME);
  await appendAudit({ ...audit, detail: onDemo ? 'demo shop removed (signed in on the demo shop)' : 'demo shop removed' });
}
