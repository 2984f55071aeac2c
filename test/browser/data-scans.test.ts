import { expect } from '@open-wc/testing';
import { closeDb, deleteKioskDb } from '../../src/data/db.ts';
import { countScans, getRecentScans, hasScan, storeAndApplyScans, storeScan, storeScans } from '../../src/data/scans.ts';
import { getOpenSession, setBasketQuantity } from '../../src/data/sessions.ts';
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
    const add = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name === 'sessions') throw new DOMException('disk full', 'QuotaExceededError');
      return add.call(this, value, key);
    };
    let failure: unknown;
    try {
      await storeAndApplyScans([{ scan: scan(4, 1), into: 'delivery' }]).catch((e: unknown) => (failure = e));
    } finally {
      IDBObjectStore.prototype.add = add;
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
});
