import { expect } from '@open-wc/testing';
import { openDB } from 'idb';
import { closeDb, currentDbName, deleteKioskDb, getDb, type KioskDB } from '../../src/data/db.ts';
import { countScans, getRecentScans, hasScan, storeAndApplyScans, storeScan, storeScans } from '../../src/data/scans.ts';
import { getOpenSession, setBasketQuantity, voidSession } from '../../src/data/sessions.ts';
import { closeSale } from '../../src/data/basket-closing.ts';
import type { SaleSession } from '../../src/data/schema.ts';
import { registerProduct } from '../../src/data/products.ts';
import { forgetProducts } from '../../src/data/product-cache.ts';
import { MAX_LINE_QUANTITY } from '../../src/domain/basket.ts';
import { gs1CheckDigit } from '../../src/domain/barcode.ts';
import type { Scan } from '../../src/domain/scan-protocol.ts';
import { freshKioskDbPerTest, makeScan } from './shop-fixtures.ts';

function scan(boot: number, seq: number, receivedAt = 1_700_000_000_000 + seq): Scan {
  return makeScan('6901234567892', { id: `b${boot}-${seq}`, boot, seq, receivedAt });
}

describe('scans store', () => {
  freshKioskDbPerTest();

  it('stores a batch in one go: new scans stored, known ones and repeats within the batch duplicates', async () => {
    await storeScan(scan(1, 1), 1000);
    const results = await storeScans([scan(1, 1), scan(1, 2), scan(1, 3), scan(1, 2)], 2000);
    expect(results).to.deep.equal(['duplicate', 'stored', 'stored', 'duplicate']);
    expect(await countScans()).to.equal(3);
    const kept = await getRecentScans(10);
    expect(kept.map((s) => [s.id, s.storedAt])).to.deep.equal([
      ['b1-3', 2000],
      ['b1-2', 2000],
      ['b1-1', 1000],
    ]);
  });

  it('stores a scan once: the second store of the same id is a duplicate and changes nothing', async () => {
    const first = scan(1, 1);
    expect(await storeScan(first, 1000)).to.equal('stored');
    expect(await hasScan(first.id)).to.equal(true);

    // Same id, different content: the record already kept must not be rewritten.
    expect(await storeScan({ ...first, code: 'OTHER' }, 2000)).to.equal('duplicate');
    expect(await countScans()).to.equal(1);
    const [kept] = await getRecentScans(10);
    expect(kept?.code).to.equal('06901234567892');
    expect(kept?.storedAt).to.equal(1000);
  });

  it('keeps one record when the same scan is stored twice at once', async () => {
    const s = scan(2, 7);
    const results = await Promise.all([storeScan(s), storeScan(s), storeScan(s)]);
    expect(results.filter((r) => r === 'stored')).to.have.length(1);
    expect(results.filter((r) => r === 'duplicate')).to.have.length(2);
    expect(await countScans()).to.equal(1);
  });

  it('lists recent scans newest first by boot and sequence, not by wall clock', async () => {
    // The clock jumped back after a reboot (no RTC): boot 2 scans have earlier times.
    const scans = [scan(1, 1, 5000), scan(1, 2, 6000), scan(1, 10, 7000), scan(2, 1, 100), scan(2, 2, 50), scan(2, 3, 200)];
    // Stored out of order, too.
    for (const s of [scans[3]!, scans[0]!, scans[5]!, scans[2]!, scans[1]!, scans[4]!]) await storeScan(s);

    const recent = await getRecentScans(4);
    expect(recent.map((s) => s.id)).to.deep.equal(['b2-3', 'b2-2', 'b2-1', 'b1-10']);
    expect((await getRecentScans(100)).map((s) => s.id)).to.deep.equal(['b2-3', 'b2-2', 'b2-1', 'b1-10', 'b1-2', 'b1-1']);
    expect(await getRecentScans(0)).to.deep.equal([]);
  });

  it('answers hasScan for unknown ids', async () => {
    expect(await hasScan('nope')).to.equal(false);
    expect(await countScans()).to.equal(0);
  });
});

describe('storing a scan applies it in the same transaction (销售, 入库)', () => {
  const PACK = '06901234567892';
  const CARTON = '16901234567899';
  beforeEach(async () => {
    forgetProducts();
    await deleteKioskDb();
    await registerProduct({
      code: PACK,
      name: '红双喜',
      priceCents: 1500,
      unit: 'pack',
      openingStock: 10,
      packsPerCarton: 10,
      cartonCode: CARTON,
    });
  });
  afterEach(async () => {
    await closeDb();
  });

  const at = (s: Scan, code: string): Scan => ({ ...s, code });

  it('adds each new scan to the open basket of its kind, in order, and a re-offered scan never again', async () => {
    const outcomes = await storeAndApplyScans([
      { scan: scan(2, 1), into: 'sale' },
      { scan: at(scan(2, 2), CARTON), into: 'sale' },
      { scan: scan(2, 3), into: 'sale' },
      { scan: scan(2, 4), into: 'delivery' },
      { scan: scan(2, 5) },
    ]);
    expect(outcomes.map((o) => [o.result, o.effect?.kind])).to.deep.equal([
      ['stored', 'added'],
      ['stored', 'added'],
      ['stored', 'added'],
      ['stored', 'added'],
      ['stored', undefined],
    ]);
    const sale = (await getOpenSession('sale'))!;
    expect(sale.basket.lines.map((l) => [l.barcode, l.quantity])).to.deep.equal([
      [PACK, 2],
      [CARTON, 1],
    ]);
    // Each effect carries the session as that scan left it; the last is what was written.
    const revs = outcomes.slice(0, 3).map((o) => (o.effect?.kind === 'added' ? o.effect.session.rev : -1));
    expect(revs).to.deep.equal([1, 2, 3]);
    expect(sale.rev).to.equal(3);
    expect((await getOpenSession('delivery'))!.basket.lines.map((l) => [l.barcode, l.quantity])).to.deep.equal([[PACK, 1]]);
    expect((await getRecentScans(5)).map((s) => s.into)).to.deep.equal([undefined, 'delivery', 'sale', 'sale', 'sale']);

    // The service offers them again (a lost ack): stored already, applied already.
    const again = await storeAndApplyScans([
      { scan: scan(2, 1), into: 'sale' },
      { scan: scan(2, 4), into: 'delivery' },
    ]);
    expect(again).to.deep.equal([{ result: 'duplicate' }, { result: 'duplicate' }]);
    expect((await getOpenSession('sale'))!.basket.lines.map((l) => l.quantity)).to.deep.equal([2, 1]);
    expect((await getOpenSession('delivery'))!.basket.lines.map((l) => l.quantity)).to.deep.equal([1]);
  });

  it('stores an unknown code and a refused scan without changing the basket, and never fails the store for them', async () => {
    const first = await storeAndApplyScans([{ scan: scan(3, 1), into: 'sale' }]);
    const sale = first[0]!.effect!.kind === 'added' ? first[0]!.effect!.session : undefined;
    await setBasketQuantity(sale!.id, sale!.basket.lines[0]!.lineId, MAX_LINE_QUANTITY);
    const outcomes = await storeAndApplyScans([
      { scan: at(scan(3, 2), '06900000000000'), into: 'sale' },
      { scan: scan(3, 3), into: 'sale' },
    ]);
    expect(outcomes.map((o) => [o.result, o.effect?.kind])).to.deep.equal([
      ['stored', 'unknown-code'],
      ['stored', 'refused'],
    ]);
    expect(outcomes[1]!.effect).to.include({ error: 'quantity-too-large' });
    expect((await getOpenSession('sale'))!.basket.lines.map((l) => l.quantity)).to.deep.equal([MAX_LINE_QUANTITY]);
    expect(await countScans()).to.equal(3);
  });

  it('keeps neither the scan nor its line when the transaction fails, and applies it once when stored again', async () => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name === 'basketLines') throw new DOMException('disk full', 'QuotaExceededError');
      return put.call(this, value, key);
    };
    let failure: unknown;
    try {
      await storeAndApplyScans([{ scan: scan(4, 1), into: 'delivery' }]).catch((e: unknown) => (failure = e));
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect((failure as Error | undefined)?.name).to.equal('QuotaExceededError');
    expect(await countScans()).to.equal(0);
    expect(await getOpenSession('delivery')).to.equal(undefined);

    expect((await storeAndApplyScans([{ scan: scan(4, 1), into: 'delivery' }]))[0]!.result).to.equal('stored');
    expect((await getOpenSession('delivery'))!.basket.lines.map((l) => l.quantity)).to.deep.equal([1]);
  });
});

describe("a burst of scans into one basket (销售 at a scanner's line rate)", () => {
  /** 14-digit GTINs of `count` different EAN-13 products. */
  const codes = (count: number) =>
    Array.from({ length: count }, (_, i) => {
      const body = `690${String(i + 1).padStart(9, '0')}`;
      return `0${body}${gs1CheckDigit(body)}`;
    });
  const burst = codes(150);
  const scanOf = (code: string, seq: number): Scan => ({ ...scan(7, seq), code, text: code.slice(1) });

  beforeEach(async () => {
    forgetProducts();
    await deleteKioskDb();
    for (const [i, code] of burst.entries()) {
      await registerProduct({ code, name: `商品 ${i + 1}`, priceCents: 100 + i, unit: 'pack', openingStock: 5 });
    }
    // A terminal just started: nothing of the catalog in memory yet.
    forgetProducts();
  });
  afterEach(async () => {
    await closeDb();
  });

  it('reads what a group commit needs all at once, not one request after another per scan', async () => {
    const get = IDBObjectStore.prototype.get;
    let pending = 0;
    let most = 0;
    IDBObjectStore.prototype.get = function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange) {
      const request = get.call(this, query);
      pending++;
      most = Math.max(most, pending);
      request.addEventListener('success', () => pending--);
      request.addEventListener('error', () => pending--);
      return request;
    };
    try {
      await storeAndApplyScans(burst.slice(0, 10).map((code, i) => ({ scan: scanOf(code, i + 1), into: 'sale' as const })));
    } finally {
      IDBObjectStore.prototype.get = get;
    }
    expect(most).to.be.at.least(10);
    expect((await getOpenSession('sale'))!.basket.lines).to.have.length(10);
  });

  it('keeps a basket of 150 lines, in scan order, across a reload', async () => {
    // As the scan stream groups them: a few scans per commit.
    for (let start = 0; start < burst.length; start += 7) {
      const batch = burst.slice(start, start + 7).map((code, i) => ({ scan: scanOf(code, start + i + 1), into: 'sale' as const }));
      const outcomes = await storeAndApplyScans(batch);
      expect(outcomes.map((o) => o.effect?.kind)).to.deep.equal(batch.map(() => 'added'));
    }
    await closeDb(); // the page reloads
    forgetProducts();
    const sale = (await getOpenSession('sale'))!;
    expect(sale.basket.lines.map((l) => l.barcode)).to.deep.equal(burst);
    expect(sale.basket.lines.every((l) => l.quantity === 1)).to.equal(true);
    expect(sale.rev).to.equal(150);
    expect(await countScans()).to.equal(150);
  });

  /** Store the burst's first `count` codes into the open sale, a few per commit as the stream groups them. */
  async function fill(count: number): Promise<SaleSession> {
    for (let start = 0; start < count; start += 7) {
      const batch = burst
        .slice(start, Math.min(start + 7, count))
        .map((code, i) => ({ scan: scanOf(code, start + i + 1), into: 'sale' as const }));
      await storeAndApplyScans(batch);
    }
    return (await getOpenSession('sale'))!;
  }

  it("writes what a commit changed (its lines and the basket's small head), not the whole basket", async () => {
    const sale = await fill(140);
    const put = IDBObjectStore.prototype.put;
    const getAll = IDBObjectStore.prototype.getAll;
    const written: { store: string; value: unknown }[] = [];
    const readWhole: string[] = [];
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      written.push({ store: this.name, value });
      return put.call(this, value, key);
    };
    IDBObjectStore.prototype.getAll = function (this: IDBObjectStore, query?: IDBValidKey | IDBKeyRange | null, count?: number) {
      readWhole.push(this.name);
      return getAll.call(this, query, count);
    };
    try {
      // One code already in the basket (its line's quantity) and two new ones.
      await storeAndApplyScans([
        { scan: scanOf(burst[3]!, 141), into: 'sale' },
        { scan: scanOf(burst[140]!, 142), into: 'sale' },
        { scan: scanOf(burst[141]!, 143), into: 'sale' },
      ]);
    } finally {
      IDBObjectStore.prototype.put = put;
      IDBObjectStore.prototype.getAll = getAll;
    }
    // The basket as the last commit left it is remembered: its lines are not read again.
    expect(readWhole).to.deep.equal([]);
    expect(written.filter((w) => w.store === 'basketLines').map((w) => (w.value as { lineId: string }).lineId)).to.deep.equal([
      'L4',
      'L141',
      'L142',
    ]);
    const heads = written.filter((w) => w.store === 'sessions').map((w) => w.value as Record<string, unknown>);
    expect(heads).to.have.length(1);
    expect(heads[0]).to.include({ id: sale.id, linesApart: true, nextLineNo: 143, rev: 143 });
    expect(heads[0]).not.to.have.property('basket');
    const after = (await getOpenSession('sale'))!;
    expect(after.basket.lines).to.have.length(142);
    expect(after.basket.lines[3]!.quantity).to.equal(2);
  });

  it('folds the lines back into the session when it is closed or voided, and keeps none apart', async () => {
    const sale = await fill(20);
    await closeSale(sale.id);
    const db = await getDb();
    const closed = (await db.get('sessions', sale.id)) as SaleSession;
    expect(closed.status).to.equal('closed');
    expect(closed.basket.lines.map((l) => l.barcode)).to.deep.equal(burst.slice(0, 20));
    expect(closed.totalCents).to.equal(burst.slice(0, 20).reduce((sum, _code, i) => sum + 100 + i, 0));
    expect(await db.count('basketLines')).to.equal(0);

    await storeAndApplyScans([{ scan: scanOf(burst[0]!, 500), into: 'sale' }]);
    const next = (await getOpenSession('sale'))!;
    expect(next.id).not.to.equal(sale.id);
    await voidSession(next.id);
    expect(((await db.get('sessions', next.id)) as SaleSession).basket.lines.map((l) => l.barcode)).to.deep.equal([burst[0]]);
    expect(await db.count('basketLines')).to.equal(0);
  });

  it('reads an open basket written whole by version 11 (or a restored backup), and stores it apart on its next scan', async () => {
    const db = await getDb();
    const line = (i: number) => ({
      lineId: `L${i + 1}`,
      productCode: burst[i]!,
      barcode: burst[i]!,
      name: `商品 ${i + 1}`,
      multiplier: 1,
      quantity: 1,
      unitPriceCents: 100 + i,
    });
    const inline: SaleSession = {
      id: 'sale-v11',
      kind: 'sale',
      status: 'open',
      openedAt: 1,
      rev: 2,
      basket: { lines: [line(0), line(1)], nextLineNo: 3 },
    };
    await db.put('sessions', inline);
    expect((await getOpenSession('sale'))!.basket).to.deep.equal(inline.basket);

    const [outcome] = await storeAndApplyScans([{ scan: scanOf(burst[2]!, 1), into: 'sale' }]);
    expect(outcome!.effect).to.include({ kind: 'added', lineId: 'L3' });
    const record = await db.get('sessions', 'sale-v11');
    expect(record).to.include({ linesApart: true, nextLineNo: 4, rev: 3 });
    expect(await db.count('basketLines')).to.equal(3);
    await closeDb();
    expect((await getOpenSession('sale'))!.basket.lines.map((l) => l.barcode)).to.deep.equal(burst.slice(0, 3));
  });

  it('keeps a basket whose line ids cannot be keyed whole in its record, and still takes its scans', async () => {
    const db = await getDb();
    const odd = {
      lineId: 'X1',
      productCode: burst[0]!,
      barcode: burst[0]!,
      name: '商品 1',
      multiplier: 1,
      quantity: 1,
      unitPriceCents: 100,
    };
    await db.put('sessions', {
      id: 'sale-odd',
      kind: 'sale',
      status: 'open',
      openedAt: 1,
      rev: 1,
      basket: { lines: [odd], nextLineNo: 2 },
    });
    const [outcome] = await storeAndApplyScans([{ scan: scanOf(burst[1]!, 1), into: 'sale' }]);
    expect(outcome!.effect).to.include({ kind: 'added', lineId: 'L2' });
    const record = (await db.get('sessions', 'sale-odd')) as SaleSession;
    expect(record.basket.lines.map((l) => l.lineId)).to.deep.equal(['X1', 'L2']);
    expect(await db.count('basketLines')).to.equal(0);
    expect((await getOpenSession('sale'))!.basket.lines).to.have.length(2);
  });

  it('reads the basket anew after another connection wrote it (the page while the worker stores), never an old copy', async () => {
    const sale = await fill(10);
    // The other context: its own connection, its own write of line L2 and the head.
    const other = await openDB<KioskDB>(currentDbName());
    const tx = other.transaction(['sessions', 'basketLines'], 'readwrite');
    const head = (await tx.objectStore('sessions').get(sale.id))!;
    const l2 = (await tx.objectStore('basketLines').get([sale.id, 2]))!;
    await tx.objectStore('basketLines').put({ ...l2, quantity: 5 });
    await tx.objectStore('sessions').put({ ...head, rev: (head.rev ?? 0) + 1 });
    await tx.done;
    other.close();

    const [outcome] = await storeAndApplyScans([{ scan: scanOf(burst[10]!, 11), into: 'sale' }]);
    const effect = outcome!.effect!;
    expect(effect.kind).to.equal('added');
    const lines = effect.kind === 'added' ? effect.session.basket.lines : [];
    expect(lines.map((l) => l.quantity)).to.deep.equal([1, 5, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect((await getOpenSession('sale'))!.basket.lines[1]!.quantity).to.equal(5);
  });
});
