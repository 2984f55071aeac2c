/**
 * The kiosk's IndexedDB: one typed schema, one lazily opened connection.
 *
 * Upgrades run in a `switch (oldVersion)` whose cases fall through, so a
 * terminal that skipped versions runs every migration in order. To change the
 * schema: bump DB_VERSION and add `case N:` below the last case.
 */
import { deleteDB, openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Scan } from '../domain/scan-protocol.ts';
import { forgetProducts } from './product-cache.ts';
import type { DailyTotal, Product, StockMovement } from '../domain/product.ts';
import type { BarcodeLink } from '../domain/units.ts';
import type { CounterSession, SessionKind, SessionStatus } from './sessions.ts';
import type { Order, OrderStatus, StoredQuota, StoredReorderSettings } from './reorder.ts';

export const DB_NAME = 'shop-terminal';
/**
 * 1: products, scans, movements, daily totals. 2: barcode links (packs and cartons), counter sessions.
 * 3: orders to the supplier, reorder settings, quotas of scarce products.
 */
export const DB_VERSION = 3;

/**
 * A scan as kept on the terminal: the protocol's Scan plus when this page stored
 * it and, for a scan in 销售/入库, the basket kind it was added to in the same
 * transaction (absent: it only was kept and shown).
 */
export type StoredScan = Scan & { storedAt: number; into?: 'sale' | 'delivery' };

export interface KioskDB extends DBSchema {
  products: {
    key: string;
    value: Product;
    indexes: { 'by-name': string };
  };
  scans: {
    key: string;
    value: StoredScan;
    indexes: {
      /** Boot counter then sequence: the service's order, immune to clock jumps. */
      'by-order': [number, number];
      'by-code': string;
    };
  };
  movements: {
    key: number;
    value: StockMovement;
    indexes: {
      /** [code, id]: one product's history in recording order. */
      'by-product': [string, number];
      'by-day': string;
    };
  };
  dailyTotals: {
    key: [string, string];
    value: DailyTotal;
    indexes: { 'by-day': string };
  };
  /** Every barcode a product answers to: its pack code ×1, its carton code ×packsPerCarton. */
  barcodes: {
    key: string;
    value: BarcodeLink;
    indexes: { 'by-product': string };
  };
  /** Baskets, deliveries and stocktakes, saved on every change so a crash loses nothing. */
  sessions: {
    key: string;
    value: CounterSession;
    indexes: {
      'by-kind-status': [SessionKind, SessionStatus];
      /** Closing order; never the wall clock. Sessions not closed have no closedSeq and are not in it. */
      'by-closed': number;
    };
  };
  /** Orders to the supplier: one draft being edited, placed ones on order until received. */
  orders: {
    key: string;
    value: Order;
    indexes: {
      'by-status': OrderStatus;
      /** Placing order; never the wall clock. Drafts have no placedSeq and are not in it. */
      'by-placed': number;
    };
  };
  /** Small records by name; 'reorder' holds the ordering settings. */
  settings: {
    key: string;
    value: StoredReorderSettings;
  };
  /** Quotas of scarce products (紧俏货源), one per product. */
  quotas: {
    key: string;
    value: StoredQuota;
  };
}

export type KioskStore = StoreNames<KioskDB>;

let dbPromise: Promise<IDBPDatabase<KioskDB>> | undefined;

/** The kiosk database, opened on first use and shared by every caller. */
export function getDb(): Promise<IDBPDatabase<KioskDB>> {
  dbPromise ??= open();
  return dbPromise;
}

function open(): Promise<IDBPDatabase<KioskDB>> {
  const opening = openDB<KioskDB>(DB_NAME, DB_VERSION, {
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
    // falls through: the next version's `case 3:` goes here.
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

/** Delete the whole database (tests only: this is the shop's stock and sales). */
export async function deleteKioskDb(): Promise<void> {
  await closeDb();
  forgetProducts();
  await deleteDB(DB_NAME, {
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
