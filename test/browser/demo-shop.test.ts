import { expect } from '@open-wc/testing';
import { DB_NAME, DEMO_DB_NAME, currentDbName, deleteKioskDb, getDb, useDatabase } from '../../src/data/db.ts';
import { NotDemoDatabaseError, loadDemoShop, removeDemoShop } from '../../src/data/demo-shop.ts';
import { checkDailyTotals, checkLedger } from '../../src/data/catalog.ts';
import { getReorderInputs } from '../../src/data/reorder.ts';
import { getPlacedOrders } from '../../src/data/orders.ts';
import { countProducts, getProduct, registerProduct } from '../../src/data/products.ts';
import { NotAllowedError, forgetSessionForTests } from '../../src/data/roles.ts';
import { backToShopDb, ean13, freshDemoDb, openOwnerSession } from './shop-fixtures.ts';
import { localDay } from '../../src/domain/product.ts';
import { presetRange } from '../../src/domain/report/periods.ts';
import { loadReport } from '../../src/data/report.ts';
import { rejection } from '../helpers/rejection.ts';

const REAL = `0${ean13('690123456789')}`;

async function databases(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '');
}

/** Products in a database, read directly (not through the app's connection). */
async function productCodesIn(name: string): Promise<string[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
    const req = db.transaction('products').objectStore('products').getAllKeys();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  db.close();
  return keys.map(String);
}

describe('the demo shop', function () {
  // Two years of sales for 150 products, stored as a few thousand blocks: 5–15 s here.
  this.timeout(120_000);

  beforeEach(async () => {
    await freshDemoDb();
    useDatabase(DB_NAME);
    await deleteKioskDb();
  });

  after(async () => {
    forgetSessionForTests();
    await backToShopDb();
  });

  it('loads into its own database, with a consistent ledger, and removing it leaves the shop untouched', async () => {
    await registerProduct({ code: REAL, name: '真实的店的商品', priceCents: 1200, unit: 'pack', openingStock: 7 });
    expect(await rejection(loadDemoShop())).to.be.instanceOf(NotDemoDatabaseError);
    expect(await countProducts()).to.equal(1);

    useDatabase(DEMO_DB_NAME);
    expect(currentDbName()).to.equal(DEMO_DB_NAME);
    expect(await loadDemoShop()).to.equal('loaded');
    expect(await countProducts()).to.be.within(140, 160);
    expect(await getProduct(REAL)).to.equal(undefined);
    const db = await getDb();
    const products = await db.getAll('products');
    expect(products.some((p) => p.category === '卷烟' && p.packsPerCarton === 10 && p.cartonCode)).to.equal(true);
    expect(products.some((p) => p.category === '饮料' && (p.packsPerCarton ?? 0) >= 6)).to.equal(true);
    expect(products.some((p) => p.isNew)).to.equal(true);
    expect(await checkLedger()).to.deep.equal([]);
    expect(await checkDailyTotals()).to.deep.equal([]);
    expect(await db.count('dayProducts')).to.be.at.least(700);
    // Stored as a compacted terminal keeps it: past days in blocks and day records, nothing for the compaction to fold.
    const today = localDay(Date.now());
    expect(await db.countFromIndex('movements', 'by-day', IDBKeyRange.upperBound(today, true))).to.equal(0);
    expect(await db.countFromIndex('dailyTotals', 'by-day', IDBKeyRange.upperBound(today, true))).to.equal(0);
    const blocks = await db.getAll('movementBlocks');
    expect(blocks.length).to.be.at.least(1000);
    // The next movement recorded gets an id after every one in the blocks.
    const lastId = Math.max(...blocks.flatMap((b) => b.movements.map((m) => m.id)));
    const tx = db.transaction('movements', 'readwrite');
    const nextId = await tx.store.add({ code: REAL, kind: 'opening', quantity: 0, at: Date.now(), day: today });
    tx.abort();
    await tx.done.catch(() => undefined);
    expect(nextId).to.be.above(lastId);
    const stocktakes = (await db.getAll('sessions')).filter((s) => s.kind === 'stocktake' && s.status === 'closed');
    expect(stocktakes).to.have.length(1);
    expect((await getPlacedOrders()).length).to.equal(1);
    // The order screen has history to work from.
    const inputs = await getReorderInputs(localDay(Date.now()));
    expect(inputs.filter((p) => p.history.length >= 365).length).to.be.at.least(100);
    // The business report (the owner's) has figures for it, from the rollups the demo built.
    await openOwnerSession();
    const report = await loadReport(presetRange('last-30-days', localDay(Date.now())));
    forgetSessionForTests();
    expect(report.sales.salesCents).to.be.above(0);
    expect(report.sales.sales).to.be.above(0);
    expect(report.sales.lastYear.salesCents).to.be.above(0);
    expect(report.sales.salesCents).to.equal(report.profit.salesCents); // hourly and daily rollups agree
    expect(report.profit.coverage).to.equal(1);
    expect(report.profit.margin).to.be.within(0.01, 0.6);
    expect(report.movement.rate).to.be.within(0.5, 1);
    expect(report.stock.atCostCents).to.be.above(0);
    expect(report.waiting.medianSeconds).to.be.above(0);
    expect(report.structure.byCategory.length).to.be.at.least(5);
    expect(await loadDemoShop()).to.equal('already-there');

    // The real shop's database never got any of it.
    expect(await productCodesIn(DB_NAME)).to.deep.equal([REAL]);

    // Nobody signed in: the demo shop stays.
    expect(await rejection(removeDemoShop())).to.be.instanceOf(NotAllowedError);
    expect(await databases()).to.include(DEMO_DB_NAME);

    await openOwnerSession();
    await removeDemoShop();
    expect(await databases()).to.not.include(DEMO_DB_NAME);
    expect(await databases()).to.include(DB_NAME);
    expect(await productCodesIn(DB_NAME)).to.deep.equal([REAL]);
    useDatabase(DB_NAME);
    expect((await getProduct(REAL))?.stock).to.equal(7);
  });
});
