/**
 * The kiosk's IndexedDB: one typed schema, one lazily opened connection.
 *
 * Upgrades run in a `switch (oldVersion)` whose cases fall through, so a
 * terminal that skipped versions runs every migration in order. To change the
 * schema: bump DB_VERSION and add `case N:` below the last case.
 */
import { deleteDB, openDB, type IDBPDatabase, type IDBPTransaction, type IndexNames } from 'idb';
import { forgetProducts } from './product-cache.ts';
import type { KioskDB, KioskStore, SaleSession } from './schema.ts';
import { localDay, type DailyTotal } from '../domain/product.ts';
import { compactIn } from './compaction.ts';
import { dayProductsOf, emptyHour, localHour, waitSecondsOf, type HourlyTotal } from '../domain/report/rollups.ts';

export type { KioskDB, KioskStore, StoredScan } from './schema.ts';

export const DB_NAME = 'shop-terminal';
/** The demo shop's own database (src/data/demo-shop.ts): never the shop's. */
export const DEMO_DB_NAME = 'shop-terminal-demo';

let dbName: typeof DB_NAME | typeof DEMO_DB_NAME = DB_NAME;

/** Which database getDb() opens: the shop's, or the demo shop's. Switching closes the other. */
export function useDatabase(name: typeof DB_NAME | typeof DEMO_DB_NAME): void {
  if (name === dbName) return;
  const current = dbPromise;
  dbPromise = undefined;
  forgetProducts();
  void current?.then(
    (db) => db.close(),
    () => undefined,
  );
  dbName = name;
}

/** The database getDb() opens now. */
export function currentDbName(): typeof DB_NAME | typeof DEMO_DB_NAME {
  return dbName;
}
/**
 * 1: products, scans, movements, daily totals. 2: barcode links (packs and cartons), counter sessions.
 * 3: orders to the supplier, reorder settings, quotas of scarce products.
 * 4: roles and PINs (issue 10): staff with PIN hashes, the audit log, lockout and idle lock.
 * 5: the business report (issue 10): hourly totals, a record per day of every product's
 *    daily total, and the money in the daily totals; back-filled from the ledger.
 * 6: customer feedback (issue 11): the append-only `feedback` store.
 * 7: the rep's visit (issue 12): visits, their price-tag audits, the owner's messages to the rep.
 * 8: the quarterly five-function evaluations (issue 12): the `evaluations` store.
 * 9: the customer display (issue 11): product `pictures` (Blobs) and display-scanner `interest` counts.
 * 10: old rows as blocks (issue 14): `movementBlocks` per product and month, `scanBlocks` per day,
 *     movement counts in `dayProducts`; existing rows converted (src/data/compaction.ts).
 * 11: the supplier's board (issue 15): `boardReads`, what the owner read, accepted and applied.
 * 12: an open basket's lines as records of their own (`basketLines`), so a scan writes one line.
 */
export const DB_VERSION = 12;

let dbPromise: Promise<IDBPDatabase<KioskDB>> | undefined;

/** The kiosk database, opened on first use and shared by every caller. */
export function getDb(): Promise<IDBPDatabase<KioskDB>> {
  dbPromise ??= open();
  return dbPromise;
}

function open(): Promise<IDBPDatabase<KioskDB>> {
  const opening = openDB<KioskDB>(dbName, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      upgradeKioskDb(db, oldVersion, tx);
    },
    blocked(currentVersion, blockedVersion) {
      // Another tab (an older build) holds the database open; it is asked to
      // close by its own `blocking` handler, and this open completes then.
      console.warn(`kiosk db: upgrade ${currentVersion}→${blockedVersion} waits for another connection to close`);
    },
    blocking() {
      // A newer build (or a test deleting the database) needs it: step aside and
      // let the next getDb() open a fresh connection.
      forget(opening);
    },
    terminated() {
      // The browser closed the connection (storage cleared, disk error).
      console.warn('kiosk db: connection closed by the browser; it will be reopened');
      forget(opening, false);
    },
  });
  opening.catch(() => {
    // A failed open (quota, disk) must not stick: the next call tries again.
    if (dbPromise === opening) dbPromise = undefined;
  });
  return opening;
}

function forget(which: Promise<IDBPDatabase<KioskDB>>, close = true): void {
  if (dbPromise === which) dbPromise = undefined;
  // The database may come back deleted or restored: the copy in memory is stale.
  forgetProducts();
  if (close)
    void which.then(
      (db) => db.close(),
      () => undefined,
    );
}

/** Abort `tx`, which may already be finishing or aborting on its own. */
function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Already finished or aborting.
  }
}

/** A back-fill runs inside the upgrade: if it fails, the whole upgrade is undone and the data stays as the older build left it. */
function undoUpgradeIfFails(tx: { abort(): void }, what: string, backfill: Promise<void>): void {
  void backfill.catch((error: unknown) => {
    console.error(`kiosk db: back-filling ${what} failed; the upgrade is undone`, error);
    abortQuietly(tx);
  });
}

/** An index's key path, or its key path and whether two records may share its key. */
type IndexSpec = string | string[] | { keyPath: string | string[]; unique: boolean };

/**
 * Create store `name` with the indexes it got in that version: index name → its
 * key path (the names are the schema's own, so a misspelt one does not compile).
 */
function createStore<Name extends KioskStore>(
  db: IDBPDatabase<KioskDB>,
  name: Name,
  options: IDBObjectStoreParameters,
  indexes: Partial<Record<IndexNames<KioskDB, Name>, IndexSpec>> = {},
): void {
  const store = db.createObjectStore(name, options);
  for (const [index, spec] of Object.entries<IndexSpec | undefined>(indexes)) {
    if (spec === undefined) continue;
    const indexName = index as IndexNames<KioskDB, Name>;
    if (typeof spec === 'string' || Array.isArray(spec)) store.createIndex(indexName, spec);
    else store.createIndex(indexName, spec.keyPath, { unique: spec.unique });
  }
}

/**
 * Every schema change since the first release, in order. Exported so a test can
 * run it against a database created by an older build.
 */
export function upgradeKioskDb(
  db: IDBPDatabase<KioskDB>,
  oldVersion: number,
  tx: IDBPTransaction<KioskDB, KioskStore[], 'versionchange'>,
): void {
  switch (oldVersion) {
    case 0: {
      createStore(db, 'products', { keyPath: 'code' }, { 'by-name': 'name' });
      createStore(db, 'scans', { keyPath: 'id' }, { 'by-order': ['boot', 'seq'], 'by-code': 'code' });
      createStore(db, 'movements', { keyPath: 'id', autoIncrement: true }, { 'by-product': ['code', 'id'], 'by-day': 'day' });
      createStore(db, 'dailyTotals', { keyPath: ['code', 'day'] }, { 'by-day': 'day' });
    }
    // falls through
    case 1: {
      createStore(db, 'barcodes', { keyPath: 'code' }, { 'by-product': 'productCode' });
      createStore(db, 'sessions', { keyPath: 'id' }, { 'by-kind-status': ['kind', 'status'], 'by-closed': 'closedSeq' });

      // Every v1 product answers to its own code, one scan = one of its stock unit
      // (a v1 'carton' product keeps counting in cartons, so ×1 is right for it too).
      undoUpgradeIfFails(tx, 'barcode links', backfillPackLinks(tx));
    }
    // falls through
    case 2: {
      createStore(db, 'orders', { keyPath: 'id' }, { 'by-status': 'status', 'by-placed': 'placedSeq' });
      createStore(db, 'settings', { keyPath: 'key' });
      createStore(db, 'quotas', { keyPath: 'code' });
    }
    // falls through
    case 3: {
      // Roles and PINs (issue 10): nothing to back-fill, a terminal starts with no PIN.
      createStore(db, 'staff', { keyPath: 'id' }, { 'by-role': 'role' });
      createStore(db, 'audit', { keyPath: 'seq', autoIncrement: true });
      createStore(db, 'security', { keyPath: 'key' });
    }
    // falls through
    case 4: {
      // The business report's rollups (issue 10), back-filled from the ledger.
      createStore(db, 'hourlyTotals', { keyPath: ['day', 'hour'] });
      createStore(db, 'dayProducts', { keyPath: 'day' });
      undoUpgradeIfFails(tx, 'the report rollups', backfillReportRollups(tx));
    }
    // falls through
    case 5: {
      // Customer feedback (issue 11): nothing to back-fill.
      createStore(db, 'feedback', { keyPath: 'id', autoIncrement: true }, { 'by-day': 'day' });
    }
    // falls through
    case 6: {
      // The rep's visit (issue 12): nothing to back-fill, no visit happened before.
      createStore(db, 'visits', { keyPath: 'id' }, { 'by-seq': { keyPath: 'seq', unique: true }, 'by-status': 'status' });
      createStore(db, 'priceTagAudits', { keyPath: 'visitId' });
      createStore(db, 'ownerMessages', { keyPath: 'id', autoIncrement: true });
    }
    // falls through
    case 7: {
      // The quarterly evaluations (issue 12): one record per quarter, nothing to back-fill.
      createStore(db, 'evaluations', { keyPath: 'quarter' });
    }
    // falls through
    case 8: {
      // The customer display (issue 11): pictures imported from a stick, and
      // anonymous interest (display-scanner look-ups) per product and day.
      createStore(db, 'pictures', { keyPath: 'code' });
      createStore(db, 'interest', { keyPath: ['code', 'day'] }, { 'by-day': 'day' });
    }
    // falls through
    case 9: {
      // Old rows as blocks (issue 14): a put costs the same for a row or a block of a thousand.
      createStore(db, 'movementBlocks', { keyPath: ['code', 'month'] });
      createStore(db, 'scanBlocks', { keyPath: 'day' });
      if (oldVersion > 0) undoUpgradeIfFails(tx, 'old rows into blocks', compactIn(tx as never, Date.now()));
    }
    // falls through
    case 10: {
      // The supplier's board (issue 15): what the owner has read, accepted and applied of each item.
      createStore(db, 'boardReads', { keyPath: 'itemId' });
    }
    // falls through
    case 11: {
      // A scan writes its line, not the whole basket (issue 9). An open basket
      // written by version 11 keeps its lines inline and is read as it is; its
      // next write stores them apart, so nothing needs converting here.
      createStore(db, 'basketLines', { keyPath: ['sessionId', 'no'] });
    }
    // falls through: the next version's `case 12:` goes here.
  }
}

/** Told how far the report's back-fill has come (movements read of all), for a progress line. */
export type BackfillListener = (done: number, total: number) => void;
let backfillListener: BackfillListener | undefined;

export function onRollupBackfill(listener: BackfillListener | undefined): void {
  backfillListener = listener;
}

/**
 * Build the report's rollups from the ledger a terminal already has, inside the
 * upgrade transaction (the rollups and the movements can never disagree):
 * money into every daily total from its sale movements (the sale's basket
 * prices when the movement names its sale, else the product's price; cost at
 * the product's cost price now, the only one known), and the hourly totals
 * from the movements (money, packs) and the closed sales (number of sales,
 * waits). A sale movement without a sale session counts as one sale.
 */
async function backfillReportRollups(tx: IDBPTransaction<KioskDB, KioskStore[], 'versionchange'>): Promise<void> {
  const [products, sales, total] = await Promise.all([
    tx.objectStore('products').getAll(),
    tx.objectStore('sessions').index('by-kind-status').getAll(['sale', 'closed']),
    tx.objectStore('movements').count(),
  ]);
  const byCode = new Map(products.map((p) => [p.code, p]));
  const saleById = new Map(sales.map((s) => [s.id, s as SaleSession]));
  const daily = new Map<string, { soldCents: number; soldCostCents: number; uncostedCents: number }>();
  const hourly = new Map<string, HourlyTotal>();
  const hourOf = (at: number) => {
    const day = localDay(at);
    const hour = localHour(at);
    const key = `${day} ${hour}`;
    let h = hourly.get(key);
    if (!h) hourly.set(key, (h = emptyHour(day, hour)));
    return h;
  };
  const store = tx.objectStore('movements');
  const BATCH = 5000;
  let after: number | undefined;
  let done = 0;
  for (;;) {
    const batch = await store.getAll(after === undefined ? null : IDBKeyRange.lowerBound(after, true), BATCH);
    if (batch.length === 0) break;
    for (const m of batch) {
      after = m.id;
      if (m.kind !== 'sale' && m.kind !== 'sale-reversal') continue;
      const product = byCode.get(m.code);
      const packs = -m.quantity;
      const sale = m.sessionId ? saleById.get(m.sessionId) : undefined;
      let amount: number;
      if (sale) {
        const perProduct = sale.basket.lines
          .filter((l) => l.productCode === m.code)
          .reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
        amount = Math.sign(packs) * perProduct;
      } else {
        amount = packs * (product?.priceCents ?? 0);
      }
      const key = `${m.code} ${m.day}`;
      const d = daily.get(key) ?? { soldCents: 0, soldCostCents: 0, uncostedCents: 0 };
      d.soldCents += amount;
      if (product?.costCents !== undefined) d.soldCostCents += packs * product.costCents;
      else d.uncostedCents += amount;
      daily.set(key, d);
      const h = hourOf(m.at);
      h.salesCents += amount;
      h.packs += packs;
      // A sale with its session is counted once below; one without counts as one sale here.
      if (!sale) {
        if (m.kind === 'sale') h.sales += 1;
        else h.reversals += 1;
      }
    }
    done += batch.length;
    backfillListener?.(done, total);
    if (batch.length < BATCH) break;
  }
  for (const sale of sales as SaleSession[]) {
    if (sale.closedAt === undefined) continue;
    const h = hourOf(sale.closedAt);
    h.sales += 1;
    const wait = waitSecondsOf(sale.firstScanAt ?? sale.openedAt, sale.closedAt);
    if (wait !== undefined) h.waitSeconds.push(wait);
    if (sale.reversal) hourOf(sale.reversal.at).reversals += 1;
  }
  const totalsStore = tx.objectStore('dailyTotals');
  const hours = tx.objectStore('hourlyTotals');
  const days = tx.objectStore('dayProducts');
  const writes: Promise<unknown>[] = [];
  const totals = (await totalsStore.getAll()).map((t) => {
    const money = daily.get(`${t.code} ${t.day}`);
    if (!money) return t;
    const next: DailyTotal = { ...t, soldCents: money.soldCents };
    if (money.soldCostCents !== 0) next.soldCostCents = money.soldCostCents;
    if (money.uncostedCents !== 0) next.uncostedCents = money.uncostedCents;
    writes.push(totalsStore.put(next));
    return next;
  });
  for (const d of dayProductsOf(totals)) writes.push(days.put(d));
  for (const h of hourly.values()) writes.push(hours.put(h));
  await Promise.all(writes);
}

async function backfillPackLinks(tx: IDBPTransaction<KioskDB, KioskStore[], 'versionchange'>): Promise<void> {
  const products = await tx.objectStore('products').getAllKeys();
  const barcodes = tx.objectStore('barcodes');
  await Promise.all(products.map((code) => barcodes.put({ code, productCode: code, multiplier: 1 })));
}

/** Close the shared connection (tests; before deleting the database). */
export async function closeDb(): Promise<void> {
  const current = dbPromise;
  dbPromise = undefined;
  if (!current) return;
  try {
    (await current).close();
  } catch {
    // It never opened: nothing to close.
  }
}

/** Delete the database in use (tests only: this is the shop's stock and sales). */
export async function deleteKioskDb(): Promise<void> {
  await closeDb();
  forgetProducts();
  await deleteDB(dbName, {
    blocked() {
      console.warn('kiosk db: delete waits for another connection to close');
    },
  });
}

/**
 * Run `work` in one transaction and resolve once it has committed. If `work`
 * throws, the transaction is aborted (nothing it wrote is kept) and the error
 * rethrown. `work` must only await requests of `tx`: awaiting anything else lets
 * the transaction commit early.
 */
export async function inTransaction<Names extends KioskStore[], Mode extends IDBTransactionMode, T>(
  storeNames: Names,
  mode: Mode,
  work: (tx: IDBPTransaction<KioskDB, Names, Mode>) => Promise<T>,
  options?: { durability?: 'default' | 'strict' | 'relaxed' },
): Promise<T> {
  const db = await getDb();
  const tx = db.transaction(storeNames, mode, options);
  let result: T;
  try {
    result = await work(tx);
  } catch (error) {
    abortQuietly(tx);
    await tx.done.catch(() => undefined);
    throw error;
  }
  await tx.done;
  return result;
}
