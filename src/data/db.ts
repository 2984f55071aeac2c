/**
 * The kiosk's IndexedDB: one typed schema, one lazily opened connection.
 *
 * Upgrades run in a `switch (oldVersion)` whose cases fall through, so a
 * terminal that skipped versions runs every migration in order. To change the
 * schema: bump DB_VERSION and add `case N:` below the last case.
 */
import { deleteDB, openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { forgetProducts } from './product-cache.ts';
import type { KioskDB, KioskStore } from './schema.ts';

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
  void current?.then((db) => db.close(), () => undefined);
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
 */
export const DB_VERSION = 4;


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
  if (close) void which.then((db) => db.close(), () => undefined);
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
      const products = db.createObjectStore('products', { keyPath: 'code' });
      products.createIndex('by-name', 'name');

      const scans = db.createObjectStore('scans', { keyPath: 'id' });
      scans.createIndex('by-order', ['boot', 'seq']);
      scans.createIndex('by-code', 'code');

      const movements = db.createObjectStore('movements', { keyPath: 'id', autoIncrement: true });
      movements.createIndex('by-product', ['code', 'id']);
      movements.createIndex('by-day', 'day');

      const totals = db.createObjectStore('dailyTotals', { keyPath: ['code', 'day'] });
      totals.createIndex('by-day', 'day');
    }
    // falls through
    case 1: {
      const barcodes = db.createObjectStore('barcodes', { keyPath: 'code' });
      barcodes.createIndex('by-product', 'productCode');

      const sessions = db.createObjectStore('sessions', { keyPath: 'id' });
      sessions.createIndex('by-kind-status', ['kind', 'status']);
      sessions.createIndex('by-closed', 'closedSeq');

      // Every v1 product answers to its own code, one scan = one of its stock unit
      // (a v1 'carton' product keeps counting in cartons, so ×1 is right for it too).
      void backfillPackLinks(tx).catch((error: unknown) => {
        console.error('kiosk db: back-filling barcode links failed; the upgrade is undone', error);
        try {
          tx.abort();
        } catch {
          // Already aborting.
        }
      });
    }
    // falls through
    case 2: {
      const orders = db.createObjectStore('orders', { keyPath: 'id' });
      orders.createIndex('by-status', 'status');
      orders.createIndex('by-placed', 'placedSeq');
      db.createObjectStore('settings', { keyPath: 'key' });
      db.createObjectStore('quotas', { keyPath: 'code' });
    }
    // falls through
    case 3: {
      // Roles and PINs (issue 10): nothing to back-fill, a terminal starts with no PIN.
      const staff = db.createObjectStore('staff', { keyPath: 'id' });
      staff.createIndex('by-role', 'role');
      db.createObjectStore('audit', { keyPath: 'seq', autoIncrement: true });
      db.createObjectStore('security', { keyPath: 'key' });
    }
    // falls through: the next version's `case 4:` goes here.
  }
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
    try {
      tx.abort();
    } catch {
      // Already finished or aborting.
    }
    await tx.done.catch(() => undefined);
    throw error;
  }
  await tx.done;
  return result;
}
