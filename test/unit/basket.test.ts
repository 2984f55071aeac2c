import { describe, expect, it } from 'vitest';
import {
  addScan,
  basketItemCount,
  basketTotalCents,
  emptyBasket,
  lineTotalCents,
  MAX_BASKET_LINES,
  scanPriceCents,
  setQuantity,
  stockDelta,
  stockDeltasByProduct,
  voidLine,
  type Basket,
  type BasketResult,
  type ScanItem,
} from '../../src/domain/basket.ts';

const PACK: ScanItem = { productCode: 'P1', barcode: 'P1', name: '中华（硬）', multiplier: 1, unitPriceCents: 4500 };
const CARTON: ScanItem = { productCode: 'P1', barcode: 'C1', name: '中华（硬）条', multiplier: 10, unitPriceCents: 45000 };
const OTHER: ScanItem = { productCode: 'P2', barcode: 'P2', name: '可乐', multiplier: 1, unitPriceCents: 350 };

function ok(result: BasketResult): Basket {
  if (!result.ok) throw new Error(`expected ok, got ${result.error}`);
  return result.basket;
}

describe('addScan', () => {
  it('adds a line, and the same barcode again adds 1 to that line', () => {
    let b = ok(addScan(emptyBasket(), PACK));
    b = ok(addScan(b, OTHER));
    b = ok(addScan(b, PACK));
    expect(b.lines.map((l) => [l.barcode, l.quantity])).toEqual([
      ['P1', 2],
      ['P2', 1],
    ]);
  });

  it('keeps the pack and the carton of one product as separate lines', () => {
    let b = ok(addScan(emptyBasket(), PACK));
    b = ok(addScan(b, CARTON));
    expect(b.lines).toHaveLength(2);
    expect(stockDeltasByProduct(b)).toEqual([{ productCode: 'P1', packs: 11 }]);
  });

  it('does not change the basket it was given', () => {
    const before = ok(addScan(emptyBasket(), PACK));
    const snapshot = structuredClone(before);
    ok(addScan(before, PACK));
    ok(addScan(before, OTHER));
    expect(before).toEqual(snapshot);
  });

  it('never reuses a line id after a void', () => {
    let b = ok(addScan(emptyBasket(), PACK));
    const first = b.lines[0]!.lineId;
    b = ok(voidLine(b, first));
    b = ok(addScan(b, PACK));
    expect(b.lines[0]!.lineId).not.toBe(first);
  });

  it('keeps the first price when the same barcode comes with a new one', () => {
    let b = ok(addScan(emptyBasket(), PACK));
    b = ok(addScan(b, { ...PACK, unitPriceCents: 9999 }));
    expect(b.lines[0]!.unitPriceCents).toBe(4500);
    expect(basketTotalCents(b)).toBe(9000);
  });

  it.each([
    [{ ...PACK, multiplier: 0 }, 'bad-multiplier'],
    [{ ...PACK, multiplier: 1.5 }, 'bad-multiplier'],
    [{ ...PACK, unitPriceCents: -1 }, 'bad-price'],
    [{ ...PACK, unitPriceCents: 12.5 }, 'bad-price'],
    [{ ...PACK, unitPriceCents: Number.MAX_SAFE_INTEGER }, 'bad-price'],
    [{ ...PACK, productCode: '' }, 'missing-product'],
  ])('rejects %j with %s', (item, error) => {
    expect(addScan(emptyBasket(), item)).toEqual({ ok: false, error });
  });

  it('stops at the line limit', () => {
    let b = emptyBasket();
    for (let i = 0; i < MAX_BASKET_LINES; i++) b = ok(addScan(b, { ...OTHER, barcode: `X${i}`, productCode: `X${i}` }));
    expect(addScan(b, PACK)).toEqual({ ok: false, error: 'too-many-lines' });
    // Scanning a barcode already in the basket still works.
    expect(addScan(b, { ...OTHER, barcode: 'X0', productCode: 'X0' }).ok).toBe(true);
  });

  it('refuses the 1000th scan of one barcode', () => {
    let b = ok(addScan(emptyBasket(), PACK));
    b = ok(setQuantity(b, b.lines[0]!.lineId, 999));
    expect(addScan(b, PACK)).toEqual({ ok: false, error: 'quantity-too-large' });
  });
});

describe('setQuantity', () => {
  const basket = ok(addScan(emptyBasket(), CARTON));
  const id = basket.lines[0]!.lineId;

  it('sets a quantity and recomputes totals and stock', () => {
    const b = ok(setQuantity(basket, id, 3));
    expect(lineTotalCents(b.lines[0]!)).toBe(135000);
    expect(stockDelta(b.lines[0]!)).toBe(30);
    expect(basketItemCount(b)).toBe(3);
  });

  it.each([
    [0, 'quantity-zero'],
    [-1, 'quantity-negative'],
    [1.5, 'quantity-not-integer'],
    [NaN, 'quantity-not-integer'],
    [Infinity, 'quantity-not-integer'],
    [1000, 'quantity-too-large'],
    [1e12, 'quantity-too-large'],
  ])('rejects %s with %s', (q, error) => {
    expect(setQuantity(basket, id, q)).toEqual({ ok: false, error });
  });

  it('rejects an unknown line', () => {
    expect(setQuantity(basket, 'nope', 2)).toEqual({ ok: false, error: 'unknown-line' });
  });
});

describe('voidLine', () => {
  it('removes the line and the total drops', () => {
    let b = ok(addScan(emptyBasket(), PACK));
    b = ok(addScan(b, OTHER));
    expect(basketTotalCents(b)).toBe(4850);
    b = ok(voidLine(b, b.lines[0]!.lineId));
    expect(b.lines.map((l) => l.barcode)).toEqual(['P2']);
    expect(basketTotalCents(b)).toBe(350);
  });

  it('reports an unknown line (a double tap)', () => {
    expect(voidLine(emptyBasket(), 'L1')).toEqual({ ok: false, error: 'unknown-line' });
  });
});

describe('totals', () => {
  it('adds cents exactly where floats would not', () => {
    let b = ok(addScan(emptyBasket(), { ...OTHER, unitPriceCents: 10 }));
    b = ok(addScan(b, { ...OTHER, barcode: 'Q', productCode: 'Q', unitPriceCents: 20 }));
    expect(basketTotalCents(b)).toBe(30);
  });

  it('is 0 for an empty basket', () => {
    expect(basketTotalCents(emptyBasket())).toBe(0);
  });

  it('throws rather than return an unsafe total from a basket built by hand', () => {
    const huge: Basket = {
      nextLineNo: 3,
      lines: [
        { lineId: 'L1', productCode: 'A', barcode: 'A', name: 'a', multiplier: 1, quantity: 2, unitPriceCents: Number.MAX_SAFE_INTEGER },
      ],
    };
    expect(() => basketTotalCents(huge)).toThrow(RangeError);
  });
});

describe('scanPriceCents', () => {
  it('is pack price × multiplier without a carton price', () => {
    expect(scanPriceCents(4500, 10)).toBe(45000);
    expect(scanPriceCents(4500, 1)).toBe(4500);
  });

  it('uses the carton price when one is set', () => {
    expect(scanPriceCents(4500, 10, 44000)).toBe(44000);
  });

  it.each([
    [12.5, 1, undefined],
    [-1, 1, undefined],
    [100, 0, undefined],
    [100, 10, 1.5],
  ])('throws for pack %s × %s (carton %s)', (pack, m, carton) => {
    expect(() => scanPriceCents(pack, m, carton)).toThrow(RangeError);
  });
});
