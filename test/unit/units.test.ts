import { describe, expect, it } from 'vitest';
import {
  formatStock,
  linksForProduct,
  MAX_MULTIPLIER,
  splitCartons,
  validateMultiplier,
  validatePacksPerCarton,
} from '../../src/domain/units.ts';

describe('splitCartons', () => {
  it.each([
    [34, 10, { cartons: 3, packs: 4, negative: false }],
    [30, 10, { cartons: 3, packs: 0, negative: false }],
    [4, 10, { cartons: 0, packs: 4, negative: false }],
    [0, 10, { cartons: 0, packs: 0, negative: false }],
    [-12, 10, { cartons: 1, packs: 2, negative: true }],
    [25, 12, { cartons: 2, packs: 1, negative: false }],
    [34, undefined, { cartons: 0, packs: 34, negative: false }],
    [34, 1, { cartons: 0, packs: 34, negative: false }],
  ])('%i packs with cartons of %s', (packs, size, expected) => {
    expect(splitCartons(packs, size)).toEqual(expected);
  });

  it.each([1.5, NaN, Infinity, 2 ** 53])('throws for a pack count of %s', (packs) => {
    expect(() => splitCartons(packs, 10)).toThrow(RangeError);
  });

  it.each([0, -10, 2.5, 1001])('throws for a carton size of %s', (size) => {
    expect(() => splitCartons(5, size)).toThrow(RangeError);
  });
});

describe('formatStock', () => {
  it.each([
    [34, 10, '3条 4盒'],
    [4, 10, '4盒'],
    [20, 10, '2条'],
    [0, 10, '0盒'],
    [34, undefined, '34盒'],
    [-12, 10, '-12盒'],
    [-3, undefined, '-3盒'],
  ])('zh-Hans: %i packs (carton %s) is %j', (packs, size, text) => {
    expect(formatStock(packs, size)).toBe(text);
    expect(formatStock(packs, size, 'zh-Hans')).toBe(text);
  });

  it.each([
    [34, 10, '3 cartons 4 packs'],
    [11, 10, '1 carton 1 pack'],
    [1, undefined, '1 pack'],
    [0, 10, '0 packs'],
    [20, 10, '2 cartons'],
    [-1, 10, '-1 pack'],
    [-12, 10, '-12 packs'],
  ])('en: %i packs (carton %s) is %j', (packs, size, text) => {
    expect(formatStock(packs, size, 'en')).toBe(text);
  });
});

describe('validateMultiplier / validatePacksPerCarton', () => {
  it.each([
    [1, undefined],
    [10, undefined],
    [MAX_MULTIPLIER, undefined],
    [undefined, 'required'],
    [NaN, 'required'],
    [1.5, 'not-integer'],
    [0, 'too-small'],
    [-10, 'too-small'],
    [MAX_MULTIPLIER + 1, 'too-large'],
  ])('multiplier %s → %s', (m, error) => {
    expect(validateMultiplier(m)).toBe(error);
  });

  it('carton size follows the same rules', () => {
    expect(validatePacksPerCarton(10)).toBeUndefined();
    expect(validatePacksPerCarton(0)).toBe('too-small');
    expect(validatePacksPerCarton(2.5)).toBe('not-integer');
  });
});

describe('linksForProduct', () => {
  it('links the pack code ×1 and the carton code ×carton size', () => {
    expect(linksForProduct({ code: '06901028075015', cartonCode: '16901028075012', packsPerCarton: 10 })).toEqual([
      { code: '06901028075015', productCode: '06901028075015', multiplier: 1 },
      { code: '16901028075012', productCode: '06901028075015', multiplier: 10 },
    ]);
  });

  it('has only the pack link without a carton code or size', () => {
    expect(linksForProduct({ code: 'A1', packsPerCarton: 10 })).toHaveLength(1);
    expect(linksForProduct({ code: 'A1', cartonCode: 'C1' })).toHaveLength(1);
  });
});
