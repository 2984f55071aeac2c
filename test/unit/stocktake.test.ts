import { describe, expect, it } from 'vitest';
import {
  addCount,
  closeStocktake,
  newStocktake,
  parseCountInput,
  productCount,
  progress,
  removeCount,
  restoreStocktake,
  type AddCountResult,
  type NewCountEntry,
  type StocktakeSession,
} from '../../src/domain/stocktake.ts';

function ok(result: AddCountResult): StocktakeSession {
  if (!result.ok) throw new Error(`expected ok, got ${result.error}`);
  return result.session;
}

function countAll(entries: NewCountEntry[]): StocktakeSession {
  return entries.reduce((s, e) => ok(addCount(s, e)), newStocktake());
}

describe('addCount', () => {
  it('numbers entries in order', () => {
    const s = countAll([
      { productCode: 'A', counted: 1, bookAtCount: 1 },
      { productCode: 'B', counted: 2, bookAtCount: 2 },
    ]);
    expect(s.entries.map((e) => e.seq)).toEqual([1, 2]);
  });

  it('replaces a recount of the same product on the same shelf', () => {
    let s = ok(addCount(newStocktake(), { productCode: 'A', counted: 5, bookAtCount: 8, shelf: '1号架' }));
    const result = addCount(s, { productCode: 'A', counted: 7, bookAtCount: 8, shelf: ' 1号架 ' });
    s = ok(result);
    expect(result.ok && result.replaced?.counted).toBe(5);
    expect(s.entries).toHaveLength(1);
    expect(productCount(s, 'A')).toMatchObject({ counted: 7, book: 8 });
  });

  it('sums one product on two shelves, comparing with the book at its latest count', () => {
    const s = countAll([
      { productCode: 'A', counted: 5, bookAtCount: 20, shelf: '柜台' },
      { productCode: 'A', counted: 14, bookAtCount: 19, shelf: '仓库' },
    ]);
    expect(productCount(s, 'A')).toEqual({ productCode: 'A', counted: 19, book: 19, shelves: ['柜台', '仓库'] });
  });

  it.each([
    [{ productCode: '', counted: 1, bookAtCount: 0 }, 'missing-product'],
    [{ productCode: 'A', counted: -1, bookAtCount: 0 }, 'bad-count'],
    [{ productCode: 'A', counted: 1.5, bookAtCount: 0 }, 'bad-count'],
    [{ productCode: 'A', counted: 100_001, bookAtCount: 0 }, 'count-too-large'],
    [{ productCode: 'A', counted: 1, bookAtCount: 0.5 }, 'bad-book'],
  ])('rejects %j with %s', (entry, error) => {
    expect(addCount(newStocktake(), entry)).toEqual({ ok: false, error });
  });

  it('takes back a count with removeCount', () => {
    const s = countAll([
      { productCode: 'A', counted: 5, bookAtCount: 5, shelf: 'x' },
      { productCode: 'A', counted: 6, bookAtCount: 5 },
    ]);
    const after = removeCount(s, 'A', 'x');
    expect(productCount(after, 'A')?.counted).toBe(6);
    expect(removeCount(after, 'Z')).toBe(after);
  });

  it('restores a session from stored entries in any order', () => {
    const s = countAll([
      { productCode: 'A', counted: 5, bookAtCount: 5 },
      { productCode: 'B', counted: 3, bookAtCount: 4 },
      { productCode: 'A', counted: 6, bookAtCount: 5 },
    ]);
    const restored = restoreStocktake([...s.entries].reverse());
    expect(restored.entries).toEqual(s.entries);
    expect(restored.nextSeq).toBe(4);
    expect(ok(addCount(restored, { productCode: 'C', counted: 1, bookAtCount: 1 })).entries.at(-1)!.seq).toBe(4);
  });
});

describe('progress', () => {
  it('counts each expected product once, ignoring unexpected ones', () => {
    const s = countAll([
      { productCode: 'A', counted: 1, bookAtCount: 1, shelf: '1' },
      { productCode: 'A', counted: 1, bookAtCount: 1, shelf: '2' },
      { productCode: 'Z', counted: 1, bookAtCount: 0 },
    ]);
    expect(progress(s, ['A', 'B', 'C', 'A'])).toEqual({ counted: 1, expected: 3 });
  });
});

describe('closeStocktake', () => {
  const expected = [
    { code: 'A', name: '中华', book: 10 },
    { code: 'B', name: '玉溪', book: 20 },
    { code: 'C', name: '芙蓉王', book: 30 },
    { code: 'D', name: '利群', book: 7 },
  ];

  it('computes the error rate by hand: book 10,20,30 counted 9,20,33 → 4/62', () => {
    const s = countAll([
      { productCode: 'A', counted: 9, bookAtCount: 10 },
      { productCode: 'B', counted: 20, bookAtCount: 20 },
      { productCode: 'C', counted: 33, bookAtCount: 30 },
    ]);
    const r = closeStocktake(s, expected);
    expect(r.lines).toEqual([
      { productCode: 'A', book: 10, counted: 9, difference: -1 },
      { productCode: 'B', book: 20, counted: 20, difference: 0 },
      { productCode: 'C', book: 30, counted: 33, difference: 3 },
    ]);
    expect(r.errorPacks).toBe(4);
    expect(r.countedPacks).toBe(62);
    expect(r.errorRate).toBeCloseTo(4 / 62, 12);
    expect(r.withinStandard).toBe(true);
    expect(r.adjustments).toEqual([
      { productCode: 'A', quantity: -1 },
      { productCode: 'C', quantity: 3 },
    ]);
    // D was never counted: listed with its book, no adjustment to zero it.
    expect(r.notCounted).toEqual([{ productCode: 'D', name: '利群', book: 7 }]);
    expect(r.adjustments.some((a) => a.productCode === 'D')).toBe(false);
  });

  it('fixes the difference at count time: a sale after counting is neither found nor lost', () => {
    // Book 20, 18 on the shelf: counted while the book said 20.
    const s = countAll([{ productCode: 'A', counted: 18, bookAtCount: 20 }]);
    // A pack is sold after the count; the book is now 19 and the shelf holds 17.
    const r = closeStocktake(s, [{ code: 'A', name: '中华', book: 19 }]);
    expect(r.lines[0]).toEqual({ productCode: 'A', book: 20, counted: 18, difference: -2 });
    expect(r.adjustments).toEqual([{ productCode: 'A', quantity: -2 }]);
    const bookAtClose = 19;
    expect(bookAtClose + r.adjustments[0]!.quantity).toBe(17);
  });

  it('is exactly at the standard at 10% and outside it just above', () => {
    const at = closeStocktake(countAll([{ productCode: 'A', counted: 30, bookAtCount: 33 }]), []);
    expect(at.withinStandard).toBe(true);
    const above = closeStocktake(countAll([{ productCode: 'A', counted: 30, bookAtCount: 34 }]), []);
    expect(above.withinStandard).toBe(false);
  });

  it('has no rate when nothing was counted', () => {
    const r = closeStocktake(newStocktake(), expected);
    expect(r.errorRate).toBeNull();
    expect(r.noRateReason).toBe('nothing-counted');
    expect(r.withinStandard).toBe(false);
    expect(r.notCounted).toHaveLength(4);
    expect(r.adjustments).toEqual([]);
  });

  it('has no rate when everything counted is 0 but the book said otherwise', () => {
    const r = closeStocktake(countAll([{ productCode: 'A', counted: 0, bookAtCount: 5 }]), []);
    expect(r.errorRate).toBeNull();
    expect(r.noRateReason).toBe('nothing-found');
    expect(r.withinStandard).toBe(false);
    expect(r.adjustments).toEqual([{ productCode: 'A', quantity: -5 }]);
  });

  it('rates 0 counted against a book of 0 as exact', () => {
    const r = closeStocktake(countAll([{ productCode: 'A', counted: 0, bookAtCount: 0 }]), []);
    expect(r.errorRate).toBe(0);
    expect(r.noRateReason).toBeUndefined();
    expect(r.withinStandard).toBe(true);
  });

  it('handles negative book stock', () => {
    const r = closeStocktake(countAll([{ productCode: 'A', counted: 3, bookAtCount: -2 }]), []);
    expect(r.lines[0]!.difference).toBe(5);
    expect(r.errorPacks).toBe(5);
  });
});

describe('parseCountInput', () => {
  it.each([
    ['12', undefined, 12],
    ['0', undefined, 0],
    [' 12 ', undefined, 12],
    ['１２', undefined, 12],
    ['12盒', undefined, 12],
    ['12包', undefined, 12],
    ['3条2盒', 10, 32],
    ['3 条 2 盒', 10, 32],
    ['3条', 10, 30],
    ['3条2', 10, 32],
    ['1条12盒', 10, 22],
    ['2条', 12, 24],
    ['100000', undefined, 100000],
    ['10000条', 10, 100000],
    // What the unit buttons write in English, and the words a person might type.
    ['3 ctn 2 pk', 10, 32],
    ['3 ctn 2', 10, 32],
    ['3 ctn ', 10, 30],
    ['12 pk', undefined, 12],
    ['1 carton 2 packs', 10, 12],
    ['2 Cartons', 12, 24],
    ['3c2p', 10, 32],
  ])('reads %j (carton %s) as %i packs', (text, size, packs) => {
    expect(parseCountInput(text, size)).toEqual({ ok: true, packs });
  });

  it.each([
    ['', undefined, 'empty'],
    ['   ', undefined, 'empty'],
    ['abc', undefined, 'not-a-number'],
    ['12a', undefined, 'not-a-number'],
    ['盒', undefined, 'not-a-number'],
    ['3条盒', 10, 'not-a-number'],
    ['2盒3条', 10, 'not-a-number'],
    ['-3', undefined, 'negative'],
    ['1.5', undefined, 'not-integer'],
    ['100001', undefined, 'too-large'],
    ['10001条', 10, 'too-large'],
    ['99999999999999999999', undefined, 'too-large'],
    ['ctn', 10, 'not-a-number'],
    ['2 pk 3 ctn', 10, 'not-a-number'],
    ['3 cartoons', 10, 'not-a-number'],
    ['3条', undefined, 'no-carton-size'],
    ['3 ctn', undefined, 'no-carton-size'],
    ['3条2盒', 0, 'no-carton-size'],
  ])('rejects %j (carton %s) as %s', (text, size, reason) => {
    expect(parseCountInput(text, size)).toEqual({ ok: false, reason });
  });
});
