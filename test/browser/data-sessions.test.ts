import { expect } from '@open-wc/testing';
import { closeDb, deleteKioskDb, getDb } from '../../src/data/db.ts';
import { getProduct, putProduct, registerProduct } from '../../src/data/products.ts';
import { lookupBarcode, type BarcodeMatch } from '../../src/data/barcodes.ts';
import { getDailyTotals, getProductHistory } from '../../src/data/movements.ts';
import { checkDailyTotals, checkLedger } from '../../src/data/catalog.ts';
import { NotAllowedError, signOut } from '../../src/data/roles.ts';
import { openOwnerSession, signOutAndCloseDbAfterEach } from './shop-fixtures.ts';
import { addScanToBasket, getOpenSession, openSession, setBasketQuantity, voidBasketLine, voidSession } from '../../src/data/sessions.ts';
import {
  AdjustmentError,
  BasketQuantityError,
  EmptyBasketError,
  ReversalReasonError,
  SaleAlreadyReversedError,
  SessionClosedError,
  StocktakeCountError,
} from '../../src/data/session-errors.ts';
import { closeDelivery, closeSale, getLastClosedSale, reverseSale } from '../../src/data/basket-closing.ts';
import {
  addStocktakeCount,
  closeStocktakeSession,
  previewStocktake,
  putStocktakeShelf,
  removeStocktakeCount,
  stocktakeProgress,
} from '../../src/data/stocktake-sessions.ts';
import { recordAdjustment } from '../../src/data/adjustments.ts';
import { localDay, type StockMovement } from '../../src/domain/product.ts';
import { rejection } from '../helpers/rejection.ts';

const ZHONGHUA = '06901234567892';
const ZHONGHUA_CARTON = '16901234567899';
const COLA = '06900000000014';
const WATER = '06900000000021';
const T0 = new Date(2025, 0, 10, 9, 0, 0).getTime();

async function scan(code: string): Promise<BarcodeMatch> {
  const match = await lookupBarcode(code);
  if (!match) throw new Error(`no product for ${code}`);
  return match;
}

async function movementsOfSession(sessionId: string): Promise<StockMovement[]> {
  const db = await getDb();
  return (await db.getAll('movements')).filter((m) => m.sessionId === sessionId);
}

describe('counter sessions (real IndexedDB)', () => {
  beforeEach(async () => {
    await deleteKioskDb();
    await openOwnerSession();
    await registerProduct(
      {
        code: ZHONGHUA,
        name: '中华（软）',
        priceCents: 4500,
        unit: 'pack',
        openingStock: 20,
        packsPerCarton: 10,
        cartonCode: ZHONGHUA_CARTON,
      },
      T0,
    );
    const zh = (await getProduct(ZHONGHUA))!;
    await putProduct({ ...zh, costCents: 4000, cartonPriceCents: 44000 }, T0);
    await registerProduct({ code: COLA, name: '可乐', priceCents: 300, unit: 'pack', openingStock: 8 }, T0);
    await registerProduct({ code: WATER, name: '矿泉水', priceCents: 200, unit: 'pack', openingStock: 5 }, T0);
  });
  signOutAndCloseDbAfterEach();

  it('finds the carton barcode as its product with the carton multiplier', async () => {
    const carton = await scan(ZHONGHUA_CARTON);
    expect(carton.product.code).to.equal(ZHONGHUA);
    expect(carton.link).to.deep.equal({ code: ZHONGHUA_CARTON, productCode: ZHONGHUA, multiplier: 10 });
    expect((await scan(ZHONGHUA)).link.multiplier).to.equal(1);
    expect(await lookupBarcode('06999999999990')).to.equal(undefined);
  });

  it('records a sale of packs and a carton once, even when "close" is tapped twice at once', async () => {
    const sale = await openSession('sale', T0);
    expect(await openSession('sale', T0)).to.deep.equal(sale);
    await addScanToBasket(sale.id, await scan(ZHONGHUA));
    await addScanToBasket(sale.id, await scan(ZHONGHUA));
    await addScanToBasket(sale.id, await scan(ZHONGHUA_CARTON));
    const withCola = await addScanToBasket(sale.id, await scan(COLA));
    expect(withCola.basket.lines.map((l) => [l.barcode, l.quantity, l.unitPriceCents])).to.deep.equal([
      [ZHONGHUA, 2, 4500],
      [ZHONGHUA_CARTON, 1, 44000],
      [COLA, 1, 300],
    ]);

    const [a, b] = await Promise.all([closeSale(sale.id, T0 + 1000), closeSale(sale.id, T0 + 2000)]);
    expect(a.status).to.equal('closed');
    expect(b).to.deep.equal(a);
    expect(a.totalCents).to.equal(2 * 4500 + 44000 + 300);
    const again = await closeSale(sale.id, T0 + 3000);
    expect(again).to.deep.equal(a);

    const movements = await movementsOfSession(sale.id);
    expect(movements.map((m) => [m.code, m.kind, m.quantity]).sort()).to.deep.equal([
      [COLA, 'sale', -1],
      [ZHONGHUA, 'sale', -12],
    ]);
    expect((await getProduct(ZHONGHUA))?.stock).to.equal(8);
    expect((await getProduct(COLA))?.stock).to.equal(7);
    const [total] = await getDailyTotals(ZHONGHUA, localDay(T0), localDay(T0));
    expect(total?.sold).to.equal(12);
    expect(await checkLedger()).to.deep.equal([]);
    expect(await checkDailyTotals()).to.deep.equal([]);

    // A new scan after closing starts a new basket.
    expect(await getOpenSession('sale')).to.equal(undefined);
    const next = await openSession('sale', T0 + 4000);
    expect(next.id).to.not.equal(sale.id);
    expect(next.basket.lines).to.have.length(0);
  });

  it('keeps the open basket across a reload and refuses bad changes with a reason', async () => {
    const sale = await openSession('sale', T0);
    const s1 = await addScanToBasket(sale.id, await scan(COLA));
    await addScanToBasket(sale.id, await scan(WATER));
    const line = s1.basket.lines[0]!;
    await setBasketQuantity(sale.id, line.lineId, 3);

    await closeDb(); // the page reloads
    const resumed = await getOpenSession('sale');
    expect(resumed?.id).to.equal(sale.id);
    expect(resumed?.basket.lines.map((l) => [l.barcode, l.quantity])).to.deep.equal([
      [COLA, 3],
      [WATER, 1],
    ]);

    const zero = await rejection(setBasketQuantity(sale.id, line.lineId, 0));
    expect(zero).to.be.instanceOf(BasketQuantityError);
    expect((zero as BasketQuantityError).reason).to.equal('quantity-zero');
    expect(((await rejection(setBasketQuantity(sale.id, line.lineId, 1000))) as BasketQuantityError).error).to.equal('quantity-too-large');

    const afterVoid = await voidBasketLine(sale.id, line.lineId);
    expect(afterVoid.basket.lines.map((l) => l.barcode)).to.deep.equal([WATER]);
    await voidBasketLine(sale.id, afterVoid.basket.lines[0]!.lineId);
    expect(await rejection(closeSale(sale.id))).to.be.instanceOf(EmptyBasketError);

    await voidSession(sale.id, T0);
    await voidSession(sale.id, T0); // twice is fine
    expect(await rejection(addScanToBasket(sale.id, await scan(COLA)))).to.be.instanceOf(SessionClosedError);
    expect(await movementsOfSession(sale.id)).to.have.length(0);
    expect((await getProduct(COLA))?.stock).to.equal(8);
  });

  it('reverses the last closed sale (by closing order, not the clock) as its own movement, once', async () => {
    const first = await openSession('sale', T0);
    await addScanToBasket(first.id, await scan(COLA));
    await closeSale(first.id, T0 + 60_000);
    const second = await openSession('sale', T0);
    await addScanToBasket(second.id, await scan(ZHONGHUA));
    await addScanToBasket(second.id, await scan(ZHONGHUA));
    // The clock jumped back an hour between the two sales.
    await closeSale(second.id, T0 - 3_600_000);

    const last = await getLastClosedSale();
    expect(last?.id).to.equal(second.id);

    expect(((await rejection(reverseSale(second.id, '   '))) as ReversalReasonError).reason).to.equal('reason-required');
    expect(((await rejection(reverseSale(second.id, 'x'.repeat(101)))) as ReversalReasonError).reason).to.equal('reason-too-long');
    await signOut();
    expect(await rejection(reverseSale(second.id, '顾客退货'))).to.be.instanceOf(NotAllowedError);
    await openOwnerSession();

    const reversed = await reverseSale(second.id, ' 顾客退货 ', T0 + 120_000);
    expect(reversed.reversal).to.deep.equal({ at: T0 + 120_000, reason: '顾客退货' });
    expect((await getProduct(ZHONGHUA))?.stock).to.equal(20);
    expect(await rejection(reverseSale(second.id, '再来一次'))).to.be.instanceOf(SaleAlreadyReversedError);
    expect((await getLastClosedSale())?.reversal?.reason).to.equal('顾客退货');

    const history = await getProductHistory(ZHONGHUA);
    expect(history.map((m) => [m.kind, m.quantity, m.stockAfter])).to.deep.equal([
      ['opening', 20, 20],
      ['sale', -2, 18],
      ['sale-reversal', 2, 20],
    ]);
    expect(await checkLedger()).to.deep.equal([]);
    expect(await checkDailyTotals()).to.deep.equal([]);
  });

  it('receives a delivery: a carton scan adds packsPerCarton packs, valued at cost, checked against the note', async () => {
    const delivery = await openSession('delivery', T0);
    await addScanToBasket(delivery.id, await scan(ZHONGHUA_CARTON));
    await addScanToBasket(delivery.id, await scan(ZHONGHUA_CARTON));
    const s = await addScanToBasket(delivery.id, await scan(COLA));
    expect(s.basket.lines.map((l) => [l.barcode, l.quantity, l.multiplier, l.unitPriceCents])).to.deep.equal([
      [ZHONGHUA_CARTON, 2, 10, 40000],
      [COLA, 1, 1, 0], // no cost price known
    ]);
    const [closed, twice] = await Promise.all([closeDelivery(delivery.id, 80000, T0 + 1000), closeDelivery(delivery.id, 80000, T0 + 1000)]);
    expect(twice).to.deep.equal(closed);
    expect(closed.totalCents).to.equal(80000);
    expect(closed.noteTotalCents).to.equal(80000);
    expect((await getProduct(ZHONGHUA))?.stock).to.equal(40);
    expect((await getProduct(COLA))?.stock).to.equal(9);
    const movements = await movementsOfSession(delivery.id);
    expect(movements.map((m) => [m.code, m.kind, m.quantity]).sort()).to.deep.equal([
      [COLA, 'receipt', 1],
      [ZHONGHUA, 'receipt', 20],
    ]);
    const [total] = await getDailyTotals(ZHONGHUA, localDay(T0), localDay(T0));
    expect(total?.received).to.equal(20);
    expect(await checkLedger()).to.deep.equal([]);
  });

  it('closes a stocktake: a sale after counting is not a difference; not-counted listed, never zeroed; error rate', async () => {
    const st = await openSession('stocktake', T0);
    expect(await stocktakeProgress(st.id)).to.deep.equal({ counted: 0, expected: 3 });

    await addStocktakeCount(st.id, { productCode: ZHONGHUA, counted: 20, shelf: 'A' });
    // Two packs are sold after the shelf was counted.
    const sale = await openSession('sale', T0);
    await addScanToBasket(sale.id, await scan(ZHONGHUA));
    await setBasketQuantity(sale.id, 'L1', 2);
    await closeSale(sale.id, T0 + 1000);
    expect((await getProduct(ZHONGHUA))?.stock).to.equal(18);

    // Cola: book 8, found 5 (counted on two shelves: 3 + 2).
    await addStocktakeCount(st.id, { productCode: COLA, counted: 3, shelf: 'A' });
    await addStocktakeCount(st.id, { productCode: COLA, counted: 9, shelf: 'B' });
    const recount = await addStocktakeCount(st.id, { productCode: COLA, counted: 2, shelf: 'B' }); // a recount replaces
    expect(recount.counts.filter((c) => c.productCode === COLA).map((c) => [c.shelf, c.counted, c.bookAtCount])).to.deep.equal([
      ['A', 3, 8],
      ['B', 2, 8],
    ]);
    await addStocktakeCount(st.id, { productCode: WATER, counted: 1 });
    await removeStocktakeCount(st.id, WATER); // entered by mistake
    expect(await stocktakeProgress(st.id)).to.deep.equal({ counted: 2, expected: 3 });

    expect(((await rejection(addStocktakeCount(st.id, { productCode: COLA, counted: -1 }))) as StocktakeCountError).reason).to.equal(
      'bad-count',
    );
    expect(((await rejection(addStocktakeCount(st.id, { productCode: COLA, counted: 1.5 }))) as StocktakeCountError).reason).to.equal(
      'bad-count',
    );

    const preview = await previewStocktake(st.id);
    expect(preview.adjustments).to.deep.equal([{ productCode: COLA, quantity: -3 }]);

    const [closed, twice] = await Promise.all([closeStocktakeSession(st.id, T0 + 5000), closeStocktakeSession(st.id, T0 + 6000)]);
    expect(twice).to.deep.equal(closed);
    const result = closed.result!;
    expect(result.lines).to.deep.equal([
      { productCode: ZHONGHUA, book: 20, counted: 20, difference: 0 },
      { productCode: COLA, book: 8, counted: 5, difference: -3 },
    ]);
    expect(result.errorPacks).to.equal(3);
    expect(result.countedPacks).to.equal(25);
    expect(result.errorRate).to.equal(3 / 25);
    expect(result.withinStandard).to.equal(false);
    expect(result.notCounted).to.deep.equal([{ productCode: WATER, name: '矿泉水', book: 5 }]);

    // The sale stays a sale; cola is corrected by exactly the difference; water untouched.
    expect((await getProduct(ZHONGHUA))?.stock).to.equal(18);
    expect((await getProduct(COLA))?.stock).to.equal(5);
    expect((await getProduct(WATER))?.stock).to.equal(5);
    const movements = await movementsOfSession(st.id);
    expect(movements.map((m) => [m.code, m.kind, m.quantity, m.reason])).to.deep.equal([[COLA, 'stocktake', -3, 'stocktake']]);
    expect((await getProduct(ZHONGHUA))?.lastCountedAt).to.equal(T0 + 5000);
    expect((await getProduct(WATER))?.lastCountedAt).to.equal(undefined);
    expect(await rejection(addStocktakeCount(st.id, { productCode: COLA, counted: 1 }))).to.be.instanceOf(SessionClosedError);
    expect(await checkLedger()).to.deep.equal([]);
    expect(await checkDailyTotals()).to.deep.equal([]);
  });

  it('remembers the shelf with the open stocktake without dropping a count stored meanwhile; not once it is closed', async () => {
    const st = await openSession('stocktake', T0);
    const counting = addStocktakeCount(st.id, { productCode: COLA, counted: 4, shelf: 'A' });
    const shelved = await putStocktakeShelf(st.id, '货架 2');
    await counting;
    expect(shelved?.shelf).to.equal('货架 2');
    const open = await getOpenSession('stocktake');
    expect(open?.shelf).to.equal('货架 2');
    expect(open?.counts.map((c) => c.productCode)).to.deep.equal([COLA]);
    // The same shelf again writes nothing.
    expect(await putStocktakeShelf(st.id, '货架 2')).to.equal(undefined);
    await closeStocktakeSession(st.id);
    expect(await putStocktakeShelf(st.id, '货架 3')).to.equal(undefined);
  });

  it('records an owner adjustment with its reason, and refuses one that is zero or not allowed', async () => {
    const m = await recordAdjustment({ code: WATER, quantity: -2, reason: 'damage', note: '摔破' }, T0);
    expect(m).to.deep.include({ code: WATER, kind: 'adjustment', quantity: -2, reason: 'damage', note: '摔破' });
    expect((await getProduct(WATER))?.stock).to.equal(3);
    expect(((await rejection(recordAdjustment({ code: WATER, quantity: 0, reason: 'loss' }))) as AdjustmentError).reason).to.equal(
      'quantity-zero',
    );
    await signOut();
    expect(await rejection(recordAdjustment({ code: WATER, quantity: 1, reason: 'found' }))).to.be.instanceOf(NotAllowedError);
    await openOwnerSession();
    // Negative stock is allowed and stays visible as such.
    await recordAdjustment({ code: WATER, quantity: -10, reason: 'correction' }, T0);
    expect((await getProduct(WATER))?.stock).to.equal(-7);
    expect(await checkLedger()).to.deep.equal([]);
  });
});
