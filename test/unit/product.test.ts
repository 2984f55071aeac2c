import { describe, expect, it } from 'vitest';
import {
  matchesProductSearch,
  addToDailyTotal,
  checkMovement,
  formatCents,
  localDay,
  MAX_PRICE_CENTS,
  parsePriceToCents,
  validateNewProduct,
} from '../../src/domain/product.ts';

describe('parsePriceToCents', () => {
  it.each([
    ['12', 1200],
    ['12.5', 1250],
    ['12.50', 1250],
    ['12.', 1200],
    ['.5', 50],
    ['0.1', 10],
    ['0.2', 20],
    ['0.3', 30],
    ['19.99', 1999],
    ['4.35', 435], // 4.35 * 100 === 434.99999999999994 in floating point
    ['1.15', 115], // 1.15 * 100 === 114.99999999999999
    ['¥12.50', 1250],
    ['￥12.50', 1250],
    ['¥ 8', 800],
    ['12.50元', 1250],
    ['  7.05  ', 705],
    ['１２．５０', 1250],
    ['1,234.50', 123450],
    ['12,345,678', 1234567800],
    ['0', 0],
    ['00.10', 10],
  ])('reads %j as %i cents', (text, cents) => {
    expect(parsePriceToCents(text)).toBe(cents);
  });

  it('adds typed prices exactly, where floats would not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(parsePriceToCents('0.1')! + parsePriceToCents('0.2')!).toBe(parsePriceToCents('0.3'));
  });

  it.each([
    '',
    ' ',
    '.',
    'abc',
    '12a',
    '1.234',
    '-1',
    '-0.5',
    '+3',
    '1e3',
    '12,50',
    '1,23.00',
    '1 000',
    '¥',
    '元',
    '12..5',
    'NaN',
    'Infinity',
    '9'.repeat(20),
  ])('rejects %j', (text) => {
    expect(parsePriceToCents(text)).toBeUndefined();
  });
});

describe('formatCents', () => {
  it.each([
    [1250, '¥12.50'],
    [5, '¥0.05'],
    [0, '¥0.00'],
    [100, '¥1.00'],
    [123456789, '¥1,234,567.89'],
    [-300, '-¥3.00'],
    [-5, '-¥0.05'],
  ])('formats %i as %s', (cents, text) => {
    expect(formatCents(cents)).toBe(text);
  });

  it.each(['zh-CN', 'en', 'en-US', 'zh'])('writes the yuan as Intl does in %s, with or without a formatter', (locale) => {
    const intl = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, useGrouping: true });
    for (const yuan of [0, 7, 42, 999, 1000, 12345, 1234567]) {
      expect(formatCents(yuan * 100 + 5, locale)).toBe(`¥${intl.format(yuan)}.05`);
    }
  });

  it('round-trips with parsePriceToCents', () => {
    for (const cents of [1, 9, 10, 99, 101, 1999, 4500, MAX_PRICE_CENTS]) {
      expect(parsePriceToCents(formatCents(cents))).toBe(cents);
    }
  });

  it('refuses a non-integer amount instead of rounding it', () => {
    expect(() => formatCents(12.5)).toThrow(RangeError);
    expect(() => formatCents(Number.NaN)).toThrow(RangeError);
  });
});

describe('validateNewProduct', () => {
  const good = { code: '06901234567892', name: '中华（软）', priceCents: 4500, unit: 'pack' as const };

  it('accepts a good product, trims the name and fills in opening stock', () => {
    expect(validateNewProduct({ ...good, name: '  中华（软） ' })).toEqual({ ok: true, product: { ...good, openingStock: 0 } });
    expect(validateNewProduct({ ...good, openingStock: 200 })).toEqual({ ok: true, product: { ...good, openingStock: 200 } });
  });

  it('checks the name length after trimming, counting characters not UTF-16 units', () => {
    expect(validateNewProduct({ ...good, name: '   ' })).toEqual({ ok: false, errors: { name: 'required' } });
    expect(validateNewProduct({ ...good, name: undefined })).toEqual({ ok: false, errors: { name: 'required' } });
    expect(validateNewProduct({ ...good, name: '烟'.repeat(60) }).ok).toBe(true);
    expect(validateNewProduct({ ...good, name: '𠮷'.repeat(60) }).ok).toBe(true);
    expect(validateNewProduct({ ...good, name: '烟'.repeat(61) })).toEqual({ ok: false, errors: { name: 'too-long' } });
    expect(validateNewProduct({ ...good, name: ` ${'a'.repeat(60)} ` }).ok).toBe(true);
  });

  it.each([
    [undefined, 'required'],
    [Number.NaN, 'required'],
    [0, 'required'],
    [12.5, 'not-integer'],
    [-100, 'negative'],
    [MAX_PRICE_CENTS + 1, 'too-large'],
  ] as const)('rejects price %s as %s', (priceCents, error) => {
    expect(validateNewProduct({ ...good, priceCents })).toEqual({ ok: false, errors: { priceCents: error } });
  });

  it('accepts the price bounds', () => {
    expect(validateNewProduct({ ...good, priceCents: 1 }).ok).toBe(true);
    expect(validateNewProduct({ ...good, priceCents: MAX_PRICE_CENTS }).ok).toBe(true);
  });

  it.each([
    [1.5, 'not-integer'],
    [-1, 'negative'],
    [100_001, 'too-large'],
    [Number.NaN, 'required'],
  ] as const)('rejects opening stock %s as %s', (openingStock, error) => {
    expect(validateNewProduct({ ...good, openingStock })).toEqual({ ok: false, errors: { openingStock: error } });
  });

  it('accepts opening stock 0 and 100,000', () => {
    expect(validateNewProduct({ ...good, openingStock: 0 }).ok).toBe(true);
    expect(validateNewProduct({ ...good, openingStock: 100_000 }).ok).toBe(true);
  });

  it('reports every bad field at once, and a missing code or unit', () => {
    expect(validateNewProduct({ code: ' ', name: '', priceCents: -1, unit: 'box' as never, openingStock: 0.5 })).toEqual({
      ok: false,
      errors: { code: 'required', name: 'required', unit: 'required', priceCents: 'negative', openingStock: 'not-integer' },
    });
  });
});

describe('stock movements', () => {
  it('requires the sign that matches the kind', () => {
    expect(checkMovement({ kind: 'sale', quantity: -1 })).toBeUndefined();
    expect(checkMovement({ kind: 'sale', quantity: 1 })).toBe('wrong-sign');
    expect(checkMovement({ kind: 'sale-reversal', quantity: 1 })).toBeUndefined();
    expect(checkMovement({ kind: 'receipt', quantity: 0 })).toBe('wrong-sign');
    expect(checkMovement({ kind: 'stocktake', quantity: 0 })).toBeUndefined();
    expect(checkMovement({ kind: 'adjustment', quantity: -3 })).toBeUndefined();
    expect(checkMovement({ kind: 'receipt', quantity: 2.5 })).toBe('not-integer');
    expect(checkMovement({ kind: 'receipt', quantity: 2, day: '2025-1-1' })).toBe('bad-day');
  });

  it('adds movements to the day’s total by kind', () => {
    const base = { code: 'A', day: '2025-01-10' };
    let total = addToDailyTotal(undefined, { ...base, kind: 'sale', quantity: -3 });
    total = addToDailyTotal(total, { ...base, kind: 'sale-reversal', quantity: 1 });
    total = addToDailyTotal(total, { ...base, kind: 'receipt', quantity: 10 });
    total = addToDailyTotal(total, { ...base, kind: 'stocktake', quantity: -2 });
    total = addToDailyTotal(total, { ...base, kind: 'opening', quantity: 5 });
    expect(total).toEqual({ code: 'A', day: '2025-01-10', sold: 2, received: 10, adjusted: 3, movements: 5 });
  });

  it('names the local day of a time', () => {
    expect(localDay(new Date(2025, 0, 5, 0, 0, 1).getTime())).toBe('2025-01-05');
    expect(localDay(new Date(2025, 11, 31, 23, 59, 59).getTime())).toBe('2025-12-31');
  });
});

describe('matchesProductSearch', () => {
  const zhonghua = { name: '中华（硬）', code: '06901028075831', cartonCode: '06901028075848', brand: 'Zhonghua' };

  it.each([
    ['part of the name', '中华', true],
    ['digits of the pack code', '7583', true],
    ['digits of the carton code', '75848', true],
    ['the brand, in any case', 'zhong', true],
    ['something else', '玉溪', false],
  ])('%s', (_, needle, expected) => {
    expect(matchesProductSearch(zhonghua, needle)).toBe(expected);
  });

  it('a product without carton code or brand answers to its name and code only', () => {
    expect(matchesProductSearch({ name: '可乐', code: '06900000000001' }, 'zhong')).toBe(false);
    expect(matchesProductSearch({ name: '可乐', code: '06900000000001' }, '可乐')).toBe(true);
  });
});
