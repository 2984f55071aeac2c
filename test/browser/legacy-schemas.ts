/**
 * The kiosk database as older releases left it, written with plain idb (not
 * the current upgrade code), so the upgrade tests start from what a shop's
 * terminal really has on disk. One definition per release; each builds on
 * the one before, as the releases did.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME } from '../../src/data/db.ts';

/** Releases whose database the upgrade tests start from. */
export type LegacyVersion = 1 | 2 | 3;

function createV1(db: IDBPDatabase): void {
  db.createObjectStore('products', { keyPath: 'code' }).createIndex('by-name', 'name');
  const scans = db.createObjectStore('scans', { keyPath: 'id' });
  scans.createIndex('by-order', ['boot', 'seq']);
  scans.createIndex('by-code', 'code');
  const movements = db.createObjectStore('movements', { keyPath: 'id', autoIncrement: true });
  movements.createIndex('by-product', ['code', 'id']);
  movements.createIndex('by-day', 'day');
  db.createObjectStore('dailyTotals', { keyPath: ['code', 'day'] }).createIndex('by-day', 'day');
}

/** Issue 3: barcodes (pack and carton codes) and counter sessions. */
function addV2(db: IDBPDatabase): void {
  db.createObjectStore('barcodes', { keyPath: 'code' }).createIndex('by-product', 'productCode');
  const sessions = db.createObjectStore('sessions', { keyPath: 'id' });
  sessions.createIndex('by-kind-status', ['kind', 'status']);
  sessions.createIndex('by-closed', 'closedSeq');
}

/** Issue 4: orders, the reorder settings and quotas. */
function addV3(db: IDBPDatabase): void {
  const orders = db.createObjectStore('orders', { keyPath: 'id' });
  orders.createIndex('by-status', 'status');
  orders.createIndex('by-placed', 'placedSeq');
  db.createObjectStore('settings', { keyPath: 'key' });
  db.createObjectStore('quotas', { keyPath: 'code' });
}

/** Create the kiosk database at `version` with that release's stores; the caller puts records in and closes it. */
export function openLegacyKioskDb(version: LegacyVersion): Promise<IDBPDatabase> {
  return openDB(DB_NAME, version, {
    upgrade(db) {
      createV1(db);
      if (version >= 2) addV2(db);
      if (version >= 3) addV3(db);
    },
  });
}
