import { expect } from '@open-wc/testing';
import { openDB } from 'idb';
import { DB_NAME, DB_VERSION, closeDb, getDb, upgradeKioskDb, type KioskDB } from '../../src/data/db.ts';
import { getProduct, registerProduct } from '../../src/data/products.ts';
import { getBarcodes, lookupBarcode } from '../../src/data/barcodes.ts';
import { checkLedger } from '../../src/data/catalog.ts';
import { getDailyTotals, getProductHistory } from '../../src/data/movements.ts';
import { freshKioskDbPerTest } from './shop-fixtures.ts';
import { openLegacyKioskDb } from './legacy-schemas.ts';

function indexShape(store: IDBObjectStore, name: string) {
  const index = store.index(name);
  return { keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
}

/** Stores added by the upgrades after version 6 (feedback): a v6 database has none of them. */
const STORES_AFTER_V6 = [
  'visits',
  'priceTagAudits',
  'ownerMessages',
  'evaluations',
  'pictures',
  'interest',
  'movementBlocks',
  'scanBlocks',
  'boardReads',
  'basketLines',
] as const;

describe('kiosk db', () => {
  freshKioskDbPerTest();

  it('creates every store and index of the current schema', async () => {
    const db = await getDb();
    expect(db.name).to.equal(DB_NAME);
    expect(db.version).to.equal(DB_VERSION);
    expect([...db.objectStoreNames].sort()).to.deep.equal([
      'audit',
      'barcodes',
      'basketLines',
      'boardReads',
      'dailyTotals',
      'dayProducts',
      'evaluations',
      'feedback',
      'hourlyTotals',
      'interest',
      'movementBlocks',
      'movements',
      'orders',
      'ownerMessages',
      'pictures',
      'priceTagAudits',
      'products',
      'quotas',
      'scanBlocks',
      'scans',
      'security',
      'sessions',
      'settings',
      'staff',
      'visits',
    ]);

    // The customer display (v9): pictures by product code, interest by [code, day] with its day index.
    const display = db.transaction(['pictures', 'interest']);
    expect(display.objectStore('pictures').keyPath).to.equal('code');
    expect(display.objectStore('interest').keyPath).to.deep.equal(['code', 'day']);
    expect(indexShape(display.objectStore('interest') as unknown as IDBObjectStore, 'by-day').keyPath).to.equal('day');

    const tx = db.transaction(['products', 'scans', 'movements', 'dailyTotals', 'barcodes', 'sessions']);
    const products = tx.objectStore('products');
    expect(products.keyPath).to.equal('code');
    expect(products.autoIncrement).to.equal(false);
    expect([...products.indexNames]).to.deep.equal(['by-name']);
    expect(indexShape(products as unknown as IDBObjectStore, 'by-name').keyPath).to.equal('name');

    const scans = tx.objectStore('scans') as unknown as IDBObjectStore;
    expect(scans.keyPath).to.equal('id');
    expect([...scans.indexNames].sort()).to.deep.equal(['by-code', 'by-order']);
    expect(indexShape(scans, 'by-order').keyPath).to.deep.equal(['boot', 'seq']);
    expect(indexShape(scans, 'by-code').keyPath).to.equal('code');

    const movements = tx.objectStore('movements') as unknown as IDBObjectStore;
    expect(movements.keyPath).to.equal('id');
    expect(movements.autoIncrement).to.equal(true);
    expect(indexShape(movements, 'by-product').keyPath).to.deep.equal(['code', 'id']);
    expect(indexShape(movements, 'by-day').keyPath).to.equal('day');

    const totals = tx.objectStore('dailyTotals') as unknown as IDBObjectStore;
    expect(totals.keyPath).to.deep.equal(['code', 'day']);
    expect(indexShape(totals, 'by-day').keyPath).to.equal('day');

    const barcodes = tx.objectStore('barcodes') as unknown as IDBObjectStore;
    expect(barcodes.keyPath).to.equal('code');
    expect([...barcodes.indexNames]).to.deep.equal(['by-product']);
    expect(indexShape(barcodes, 'by-product').keyPath).to.equal('productCode');

    const sessions = tx.objectStore('sessions') as unknown as IDBObjectStore;
    expect(sessions.keyPath).to.equal('id');
    expect([...sessions.indexNames].sort()).to.deep.equal(['by-closed', 'by-kind-status']);
    expect(indexShape(sessions, 'by-kind-status').keyPath).to.deep.equal(['kind', 'status']);
    expect(indexShape(sessions, 'by-closed').keyPath).to.equal('closedSeq');
    await tx.done;

    const tx3 = db.transaction(['orders', 'settings', 'quotas']);
    const orders = tx3.objectStore('orders') as unknown as IDBObjectStore;
    expect(orders.keyPath).to.equal('id');
    expect([...orders.indexNames].sort()).to.deep.equal(['by-placed', 'by-status']);
    expect(indexShape(orders, 'by-status').keyPath).to.equal('status');
    expect(indexShape(orders, 'by-placed').keyPath).to.equal('placedSeq');
    expect(tx3.objectStore('settings').keyPath).to.equal('key');
    expect(tx3.objectStore('quotas').keyPath).to.equal('code');
    await tx3.done;

    const tx4 = db.transaction(['staff', 'audit', 'security']);
    const staff = tx4.objectStore('staff') as unknown as IDBObjectStore;
    expect(staff.keyPath).to.equal('id');
    expect(indexShape(staff, 'by-role').keyPath).to.equal('role');
    const audit = tx4.objectStore('audit') as unknown as IDBObjectStore;
    expect(audit.keyPath).to.equal('seq');
    expect(audit.autoIncrement).to.equal(true);
    expect(tx4.objectStore('security').keyPath).to.equal('key');
    await tx4.done;
  });

  it('opens the database once and shares the connection', async () => {
    const [a, b] = await Promise.all([getDb(), getDb()]);
    expect(a).to.equal(b);
    expect(await getDb()).to.equal(a);
    await closeDb();
    const c = await getDb();
    expect(c).to.not.equal(a);
  });

  it('keeps the data when the current code reopens an existing database', async () => {
    await registerProduct({ code: '06901234567892', name: '中华（软）', priceCents: 4500, unit: 'pack', openingStock: 3 });
    await closeDb();

    // Reopen with the current code: no upgrade must run over existing data.
    const db = await getDb();
    expect(db.version).to.equal(DB_VERSION);
    const product = await getProduct('06901234567892');
    expect(product?.name).to.equal('中华（软）');
    expect(product?.stock).to.equal(3);
    expect(await db.count('movements')).to.equal(1);
  });

  it('upgrades a database created at version 1 without losing its records', async () => {
    // A v1 database as the first release created it, written with plain idb.
    const v1 = await openLegacyKioskDb(1);
    await v1.put('products', { code: 'A1', name: 'old', priceCents: 100, unit: 'pack', stock: 0, createdAt: 1, updatedAt: 1 });
    v1.close();

    const db = await getDb();
    expect(db.version).to.equal(DB_VERSION);
    expect((await getProduct('A1'))?.name).to.equal('old');
  });

  it('upgrades a v1 database with products and movements to v2: products kept, each gains its barcode link', async () => {
    const v1 = await openLegacyKioskDb(1);
    const packs = { code: '06901234567892', name: '中华（软）', priceCents: 4500, unit: 'pack', stock: 7, createdAt: 1, updatedAt: 2 };
    // Issue 2 let a carton barcode be registered as its own product counted in cartons.
    const cartons = {
      code: '16901234567899',
      name: '中华（软）条',
      priceCents: 45000,
      unit: 'carton',
      stock: 2,
      createdAt: 1,
      updatedAt: 2,
    };
    await v1.put('products', packs);
    await v1.put('products', cartons);
    await v1.add('movements', { code: packs.code, kind: 'opening', quantity: 7, at: 1, day: '2025-01-10' });
    await v1.add('movements', { code: cartons.code, kind: 'opening', quantity: 2, at: 1, day: '2025-01-10' });
    v1.close();

    const db = await getDb();
    expect(db.version).to.equal(DB_VERSION);
    expect(await db.get('products', packs.code)).to.deep.equal(packs);
    expect(await db.get('products', cartons.code)).to.deep.equal(cartons);
    // Movements of past days are folded into blocks by the upgrade to version 10.
    expect(await db.count('movements')).to.equal(0);
    expect(await db.count('movementBlocks')).to.equal(2);
    expect(await db.getAll('barcodes')).to.deep.equal([
      { code: packs.code, productCode: packs.code, multiplier: 1 },
      { code: cartons.code, productCode: cartons.code, multiplier: 1 },
    ]);
    expect(await getBarcodes(cartons.code)).to.deep.equal([{ code: cartons.code, productCode: cartons.code, multiplier: 1 }]);
    // The old carton product keeps counting in its own unit: one scan is one of it.
    const match = await lookupBarcode(cartons.code);
    expect(match?.product.unit).to.equal('carton');
    expect(match?.link.multiplier).to.equal(1);
    expect(await checkLedger()).to.deep.equal([]);
    expect(await db.count('sessions')).to.equal(0);
  });

  it('upgrades a v2 database to v3 keeping products, totals, links and sessions; the order stores start empty', async () => {
    // A v2 database as issue 3 left it, built with plain idb (not the current upgrade code).
    const v2 = await openLegacyKioskDb(2);
    const product = {
      code: '06901234567892',
      name: '中华（软）',
      priceCents: 4500,
      unit: 'pack',
      stock: 18,
      createdAt: 1,
      updatedAt: 2,
      packsPerCarton: 10,
      costCents: 4000,
    };
    await v2.put('products', product);
    await v2.add('movements', { code: product.code, kind: 'opening', quantity: 20, at: 1, day: '2025-01-10' });
    await v2.add('movements', { code: product.code, kind: 'sale', quantity: -2, at: 2, day: '2025-01-11' });
    await v2.put('dailyTotals', { code: product.code, day: '2025-01-10', sold: 0, received: 0, adjusted: 20, movements: 1 });
    await v2.put('dailyTotals', { code: product.code, day: '2025-01-11', sold: 2, received: 0, adjusted: 0, movements: 1 });
    await v2.put('barcodes', { code: product.code, productCode: product.code, multiplier: 1 });
    await v2.put('sessions', { id: 'sale-1', kind: 'sale', status: 'open', openedAt: 3, basket: { lines: [], nextLineNo: 1 } });
    v2.close();

    const db = await getDb();
    expect(db.version).to.equal(DB_VERSION);
    expect(await db.get('products', product.code)).to.deep.equal(product);
    expect((await getProductHistory(product.code)).map((m) => [m.quantity, m.stockAfter])).to.deep.equal([
      [20, 20],
      [-2, 18],
    ]);
    const totals = await getDailyTotals(product.code, '2025-01-10', '2025-01-11');
    expect(totals.map(({ day, sold, adjusted, movements }) => ({ day, sold, adjusted, movements }))).to.deep.equal([
      { day: '2025-01-10', sold: 0, adjusted: 20, movements: 1 },
      { day: '2025-01-11', sold: 2, adjusted: 0, movements: 1 },
    ]);
    expect(await db.count('dailyTotals')).to.equal(0);
    expect(await db.getAll('barcodes')).to.deep.equal([{ code: product.code, productCode: product.code, multiplier: 1 }]);
    expect((await db.get('sessions', 'sale-1'))?.status).to.equal('open');
    expect(await db.count('orders')).to.equal(0);
    expect(await db.count('settings')).to.equal(0);
    expect(await db.count('quotas')).to.equal(0);
    expect(await checkLedger()).to.deep.equal([]);
    // The new stores work at once.
    await db.put('quotas', { code: product.code, units: 5, periodStart: '2025-02-01', periodEnd: '2025-02-28' });
    expect((await db.get('quotas', product.code))?.units).to.equal(5);
  });

  it('upgrades a v6 database to the current version: its records kept, the later stores (visits, evaluations, display) added empty', async () => {
    await closeDb();
    const v6 = await openDB<KioskDB>(DB_NAME, 6, {
      upgrade(db, oldVersion, _newVersion, tx) {
        // The v6 schema: every store up to the feedback store, then without the v9 ones.
        upgradeKioskDb(db, oldVersion, tx);
        for (const name of STORES_AFTER_V6) db.deleteObjectStore(name);
      },
    });
    await v6.put('products', { code: '0690', name: '中华', priceCents: 4500, unit: 'pack', stock: 3, createdAt: 0, updatedAt: 0 });
    await v6.add('feedback', { kind: 'face', value: 'satisfied', day: '2026-03-04', hour: 10 });
    v6.close();
    const db = await getDb();
    expect(db.version).to.equal(DB_VERSION);
    expect((await db.get('products', '0690'))?.name).to.equal('中华');
    expect(await db.count('feedback')).to.equal(1);
    expect(await db.count('pictures')).to.equal(0);
    expect(await db.count('interest')).to.equal(0);
    expect(await db.count('evaluations')).to.equal(0);
    expect(await db.count('boardReads')).to.equal(0);
  });

  it('steps aside when another connection deletes or upgrades the database, then reopens', async () => {
    const first = await getDb();
    await registerProduct({ code: 'X1', name: 'gone', priceCents: 100, unit: 'pack' });
    // Without the versionchange handling this delete would stay blocked by `first`.
    const deleted = indexedDB.deleteDatabase(DB_NAME);
    await new Promise<void>((resolve, reject) => {
      deleted.onsuccess = () => resolve();
      deleted.onerror = () => reject(deleted.error);
      deleted.onblocked = () => reject(new Error('delete was blocked by the kiosk connection'));
    });
    const second = await getDb();
    expect(second).to.not.equal(first);
    expect(await getProduct('X1')).to.equal(undefined);
    await registerProduct({ code: 'X2', name: 'new', priceCents: 100, unit: 'pack' });
    expect((await getProduct('X2'))?.name).to.equal('new');
  });
});
