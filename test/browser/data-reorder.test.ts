import { expect } from '@open-wc/testing';
import { freshShopWithOwner, putProductsAndTotals } from './shop-fixtures.ts';
import { getDb } from '../../src/data/db.ts';
import {
  HISTORY_DAYS,
  ReorderSettingsError,
  QuotaError,
  checkReorderSettings,
  deleteQuota,
  getEngineSettings,
  getQuotas,
  getReorderInputs,
  getReorderSettings,
  putQuota,
  putReorderSettings,
} from '../../src/data/reorder.ts';
import { addDays } from '../../src/domain/reorder/calendar.ts';
import {
  EmptyOrderError,
  OrderStateError,
  cancelOrder,
  getOrderDraft,
  getPlacedOrders,
  markOrderReceived,
  matchPlacedOrder,
  placeOrder,
  saveOrderDraft,
  type OrderLine,
} from '../../src/data/orders.ts';
import { orderCsv } from '../../src/domain/order-csv.ts';
import type { Product } from '../../src/domain/product.ts';
import { dailyTotal } from '../helpers/shop-records.ts';

function product(code: string, overrides: Partial<Product> = {}): Product {
  return {
    code,
    name: `P${code}`,
    priceCents: 1000,
    unit: 'pack',
    stock: 0,
    createdAt: new Date(2025, 2, 5, 9).getTime(),
    updatedAt: 1,
    ...overrides,
  };
}

function line(code: string, units: number, extra: Partial<OrderLine> = {}): OrderLine {
  return { code, units, packs: units * 10, suggestedUnits: units, ownerEdited: false, unitCostCents: 9000, ...extra };
}

describe('getReorderInputs', () => {
  freshShopWithOwner();

  it('builds contiguous history from the daily totals with stockout days (hand-checked)', async () => {
    // Opening 10 on 03-05; sold 4, 6 (out), nothing (still out), +5 −2; today −1 +1; a clock jump dated a sale 03-12.
    // Current stock: 10 − 4 − 6 + 5 − 2 − 1 + 1 − 1 = 2.
    await putProductsAndTotals(
      [
        product('P', {
          stock: 2,
          packsPerCarton: 10,
          costCents: 900,
          category: '卷烟',
          lastCountedAt: new Date(2025, 1, 20, 18).getTime(),
        }),
      ],
      [
        dailyTotal('P', '2025-03-05', { adjusted: 10 }),
        dailyTotal('P', '2025-03-06', { sold: 4 }),
        dailyTotal('P', '2025-03-07', { sold: 6 }),
        dailyTotal('P', '2025-03-09', { received: 5, sold: 2, movements: 2 }),
        dailyTotal('P', '2025-03-10', { sold: 1, adjusted: 1, movements: 2 }),
        dailyTotal('P', '2025-03-12', { sold: 1 }),
      ],
    );
    const [p, ...rest] = await getReorderInputs('2025-03-10');
    expect(rest).to.deep.equal([]);
    expect(p).to.deep.include({
      code: 'P',
      name: 'PP',
      stock: 2,
      onOrder: 0,
      orderUnit: 10,
      costCents: 900,
      priceCents: 1000,
      category: '卷烟',
      lastCountedDay: '2025-02-20',
    });
    // End-of-day stock: 03-05 10, 03-06 6, 03-07 0, 03-08 0, 03-09 3 (walked back from 2 through 03-12 and 03-10).
    expect(p!.history).to.deep.equal([
      { day: '2025-03-05', sold: 0 },
      { day: '2025-03-06', sold: 4 },
      { day: '2025-03-07', sold: 6, stockout: true },
      { day: '2025-03-08', sold: 0, stockout: true },
      { day: '2025-03-09', sold: 2 },
    ]);
  });

  it('gives the engine the minimum order and the discontinued mark from the product', async () => {
    await putProductsAndTotals(
      [product('MIN', { packsPerCarton: 10, minOrderUnits: 3 }), product('GONE', { discontinued: true }), product('PLAIN')],
      [],
    );
    const inputs = new Map((await getReorderInputs('2025-03-10')).map((p) => [p.code, p]));
    expect(inputs.get('MIN')!.minOrderUnits).to.equal(3);
    expect(inputs.get('GONE')!.discontinued).to.equal(true);
    expect(inputs.get('PLAIN')).to.not.have.any.keys('minOrderUnits', 'discontinued');
  });

  it('starts at the registration day without totals, and never before HISTORY_DAYS', async () => {
    const today = '2025-03-10';
    await putProductsAndTotals(
      [
        product('NEW', { createdAt: new Date(2025, 2, 8, 12).getTime(), stock: 0 }),
        product('TODAY', { createdAt: new Date(2025, 2, 10, 8).getTime(), stock: 5 }),
        product('OLD', { createdAt: new Date(2019, 0, 1).getTime(), stock: 50 }),
      ],
      [dailyTotal('OLD', '2019-06-01', { adjusted: 48 }), dailyTotal('OLD', addDays(today, -HISTORY_DAYS), { received: 2 })],
    );
    const inputs = new Map((await getReorderInputs(today)).map((p) => [p.code, p]));
    expect(inputs.get('NEW')!.history).to.deep.equal([
      { day: '2025-03-08', sold: 0, stockout: true },
      { day: '2025-03-09', sold: 0, stockout: true },
    ]);
    expect(inputs.get('TODAY')!.history).to.deep.equal([]);
    const old = inputs.get('OLD')!.history;
    expect(old).to.have.length(HISTORY_DAYS);
    expect(old[0]).to.deep.equal({ day: addDays(today, -HISTORY_DAYS), sold: 0 });
    expect(old.at(-1)).to.deep.equal({ day: '2025-03-09', sold: 0 });
    expect(old.some((d) => d.stockout)).to.equal(false);
  });

  it('reads only products, the day records of the daily totals, and orders: never scans or movements', async () => {
    await putProductsAndTotals(
      [product('P', { stock: 3 })],
      [dailyTotal('P', '2025-03-06', { adjusted: 5 }), dailyTotal('P', '2025-03-07', { sold: 2 })],
    );
    const db = await getDb();
    await db.put('scans', {
      id: 's1',
      boot: 1,
      seq: 1,
      scannerId: 'c',
      code: 'P',
      text: 'P',
      symbology: 'ean13',
      verified: true,
      receivedAt: 1,
      storedAt: 1,
    });

    const stores: string[] = [];
    const indexReads: string[] = [];
    const storeReads: string[] = [];
    const originals = {
      transaction: IDBDatabase.prototype.transaction,
      indexGetAll: IDBIndex.prototype.getAll,
      indexCursor: IDBIndex.prototype.openCursor,
      storeGetAll: IDBObjectStore.prototype.getAll,
      storeCursor: IDBObjectStore.prototype.openCursor,
    };
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, names: string | string[], ...args: unknown[]) {
      stores.push(...(Array.isArray(names) ? names : [names]));
      return (originals.transaction as (...a: unknown[]) => IDBTransaction).call(this, names, ...args);
    } as typeof IDBDatabase.prototype.transaction;
    IDBIndex.prototype.getAll = function (this: IDBIndex, ...args: unknown[]) {
      indexReads.push(`${this.objectStore.name}/${this.name}`);
      return (originals.indexGetAll as (...a: unknown[]) => IDBRequest).apply(this, args);
    } as typeof IDBIndex.prototype.getAll;
    IDBIndex.prototype.openCursor = function (this: IDBIndex, ...args: unknown[]) {
      indexReads.push(`${this.objectStore.name}/${this.name}:cursor`);
      return (originals.indexCursor as (...a: unknown[]) => IDBRequest).apply(this, args);
    } as typeof IDBIndex.prototype.openCursor;
    IDBObjectStore.prototype.getAll = function (this: IDBObjectStore, ...args: unknown[]) {
      storeReads.push(this.name);
      return (originals.storeGetAll as (...a: unknown[]) => IDBRequest).apply(this, args);
    } as typeof IDBObjectStore.prototype.getAll;
    IDBObjectStore.prototype.openCursor = function (this: IDBObjectStore, ...args: unknown[]) {
      storeReads.push(`${this.name}:cursor`);
      return (originals.storeCursor as (...a: unknown[]) => IDBRequest).apply(this, args);
    } as typeof IDBObjectStore.prototype.openCursor;
    let inputs;
    try {
      inputs = await getReorderInputs('2025-03-08');
    } finally {
      Object.assign(IDBDatabase.prototype, { transaction: originals.transaction });
      Object.assign(IDBIndex.prototype, { getAll: originals.indexGetAll, openCursor: originals.indexCursor });
      Object.assign(IDBObjectStore.prototype, { getAll: originals.storeGetAll, openCursor: originals.storeCursor });
    }
    expect(inputs[0]!.history).to.deep.equal([
      { day: '2025-03-05', sold: 0, stockout: true },
      { day: '2025-03-06', sold: 0 },
      { day: '2025-03-07', sold: 2 },
    ]);
    expect(stores.length).to.be.greaterThan(0);
    expect(stores).to.not.include('scans');
    expect(stores).to.not.include('movements');
    // One record per day (30 reads for a month), never a product's totals one by one.
    expect(storeReads).to.include('dayProducts');
    expect(stores).to.not.include('dailyTotals');
  });

  it('counts packs of placed orders as on order until received', async () => {
    await putProductsAndTotals([product('A', { stock: 4, packsPerCarton: 10 }), product('B', { stock: 1 })], []);
    const draft = await saveOrderDraft([line('A', 2), line('B', 0), line('A', 1, { packs: 10 })]);
    expect((await getReorderInputs('2025-03-10')).find((p) => p.code === 'A')!.onOrder).to.equal(0);
    const placed = await placeOrder(draft.id);
    expect(placed.status).to.equal('placed');
    expect(placed.lines.map((l) => l.units)).to.deep.equal([2, 1]);
    expect(placed.totalCents).to.equal(3 * 9000);
    // A double tap: the second place returns the same order, nothing doubled.
    const again = await placeOrder(draft.id);
    expect(again.placedSeq).to.equal(placed.placedSeq);
    let inputs = await getReorderInputs('2025-03-10');
    expect(inputs.find((p) => p.code === 'A')!.onOrder).to.equal(30);
    expect(inputs.find((p) => p.code === 'B')!.onOrder).to.equal(0);
    expect((await getPlacedOrders()).map((o) => o.id)).to.deep.equal([draft.id]);
    expect(await getOrderDraft()).to.equal(undefined);
    expect((await matchPlacedOrder(['X', 'A']))?.order.id).to.equal(draft.id);
    expect(await matchPlacedOrder(['X'])).to.equal(undefined);

    const received = await markOrderReceived(draft.id, 'delivery-1');
    expect(received).to.deep.include({ status: 'received', deliverySessionId: 'delivery-1' });
    inputs = await getReorderInputs('2025-03-10');
    expect(inputs.find((p) => p.code === 'A')!.onOrder).to.equal(0);
    expect(await getPlacedOrders()).to.deep.equal([]);
    try {
      await cancelOrder(draft.id);
      expect.fail('a received order cannot be cancelled');
    } catch (error) {
      expect(error).to.be.instanceOf(OrderStateError);
    }
  });

  it('refuses to place an order of nothing', async () => {
    const draft = await saveOrderDraft([line('A', 0)]);
    try {
      await placeOrder(draft.id);
      expect.fail('an empty order was placed');
    } catch (error) {
      expect(error).to.be.instanceOf(EmptyOrderError);
    }
    expect((await getOrderDraft())?.id).to.equal(draft.id);
  });

  it('writes the order as CSV with a BOM and Chinese headers', () => {
    const csv = orderCsv({
      lines: [line('06901234567892', 3, { name: '中华（软）', ownerEdited: true, suggestedUnits: 2 })],
      totalCents: 27000,
    });
    expect(csv.startsWith('\ufeff条码,商品名称,订货(条)')).to.equal(true);
    const rows = csv.slice(1).split('\r\n');
    expect(rows[1]).to.equal('\t06901234567892,中华（软）,3,30,2,是,90.00,270.00');
    expect(rows[2]).to.equal(',合计,3,30,,,,270.00');
  });
});

describe('reorder settings and quotas', () => {
  freshShopWithOwner();

  it('gives defaults, saves settings and refuses bad ones field by field', async () => {
    expect(await getReorderSettings()).to.deep.equal({ orderDays: [1], leadTimeDays: 1, serviceLevel: 0.97, businessFormat: 'grocery' });
    await putReorderSettings({
      orderDays: [4, 1],
      leadTimeDays: 60,
      serviceLevel: 0.99,
      businessFormat: 'tobacco-liquor',
      budgetCents: 500000,
    });
    expect(await getReorderSettings()).to.deep.equal({
      orderDays: [1, 4],
      leadTimeDays: 60,
      serviceLevel: 0.99,
      businessFormat: 'tobacco-liquor',
      budgetCents: 500000,
    });
    expect(checkReorderSettings({ orderDays: [1], leadTimeDays: 0, serviceLevel: 0.9, businessFormat: 'other' }).ok).to.equal(true);
    const bad = checkReorderSettings({ orderDays: [], leadTimeDays: 91, serviceLevel: 1, businessFormat: 'bar', budgetCents: 0 });
    expect(bad).to.deep.equal({
      ok: false,
      errors: {
        orderDays: 'required',
        leadTimeDays: 'too-large',
        serviceLevel: 'not-offered',
        businessFormat: 'required',
        budgetCents: 'too-small',
      },
    });
    try {
      await putReorderSettings({ orderDays: [1], leadTimeDays: Number.NaN, serviceLevel: 0.97, businessFormat: 'grocery' });
      expect.fail('saved a lead time of NaN');
    } catch (error) {
      expect(error).to.be.instanceOf(ReorderSettingsError);
      expect((error as ReorderSettingsError).errors).to.deep.equal({ leadTimeDays: 'required' });
    }
    expect((await getReorderSettings()).leadTimeDays).to.equal(60);
  });

  it('keeps quotas with what was ordered in their period', async () => {
    await putQuota({ code: 'A', units: 0, periodStart: '2025-03-01', periodEnd: '2025-03-31' });
    try {
      await putQuota({ code: 'B', units: 2.5, periodStart: '2025-03-10', periodEnd: '2025-03-01' });
      expect.fail('bad quota saved');
    } catch (error) {
      expect((error as QuotaError).errors).to.deep.equal({ units: 'not-integer', periodEnd: 'before-start' });
    }
    const now = new Date(2025, 2, 12, 10).getTime();
    await putQuota({ code: 'C', units: 8, periodStart: '2025-03-01', periodEnd: '2025-03-31' });
    const draft = await saveOrderDraft([line('C', 3)], now);
    await placeOrder(draft.id, now);
    expect(await getQuotas()).to.deep.equal([
      { code: 'A', units: 0, periodStart: '2025-03-01', periodEnd: '2025-03-31', ordered: 0 },
      { code: 'C', units: 8, periodStart: '2025-03-01', periodEnd: '2025-03-31', ordered: 3 },
    ]);
    const settings = await getEngineSettings('2025-03-13');
    expect(settings.today).to.equal('2025-03-13');
    expect(settings.quotas).to.have.length(2);
    await deleteQuota('A');
    expect((await getQuotas()).map((q) => q.code)).to.deep.equal(['C']);
  });
});
