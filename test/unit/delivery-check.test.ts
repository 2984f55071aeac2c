import { describe, expect, it } from 'vitest';
import { checkDelivery } from '../../src/domain/delivery-check.ts';

const YUXI = { code: 'YX', name: '玉溪（软）', category: '卷烟', band: 'carton-2' };
const HONGTA = { code: 'HT', name: '红塔山', category: '卷烟', band: 'carton-1' };
const YUNYAN = { code: 'YY', name: '云烟（紫）', category: '卷烟', band: 'carton-2' };
const COLA = { code: 'KL', name: '可乐', category: '饮料', band: 'pack-0' };

describe('checkDelivery', () => {
  it('a delivery exactly as ordered is all matches', () => {
    const check = checkDelivery(
      [
        { ...YUXI, packs: 20 },
        { ...COLA, packs: 24 },
      ],
      [
        { ...COLA, packs: 24 },
        { ...YUXI, packs: 20 },
      ],
    );
    expect(check.lines.map((l) => [l.code, l.kind])).toEqual([
      ['YX', 'match'],
      ['KL', 'match'],
    ]);
    expect(check.differences).toBe(0);
  });

  it('says short, missing and over per line, in the order’s order, then what was not ordered', () => {
    const check = checkDelivery(
      [
        { ...YUXI, packs: 20 },
        { ...HONGTA, packs: 30 },
        { ...COLA, packs: 24 },
      ],
      [
        { ...COLA, packs: 48 },
        { ...YUXI, packs: 10 },
        { code: 'NEW', packs: 5 },
      ],
    );
    expect(check.lines).toEqual([
      { kind: 'short', code: 'YX', name: '玉溪（软）', ordered: 20, delivered: 10 },
      { kind: 'short', code: 'HT', name: '红塔山', ordered: 30, delivered: 0 },
      { kind: 'over', code: 'KL', name: '可乐', ordered: 24, delivered: 48 },
      { kind: 'over', code: 'NEW', name: undefined, ordered: 0, delivered: 5 },
    ]);
    expect(check.differences).toBe(4);
  });

  it('a product not ordered, of the same category and price band as a missing one, is a substitute', () => {
    const check = checkDelivery(
      [
        { ...YUXI, packs: 20 },
        { ...HONGTA, packs: 10 },
      ],
      [
        { ...YUNYAN, packs: 20 },
        { ...HONGTA, packs: 10 },
      ],
    );
    expect(check.lines).toEqual([
      {
        kind: 'substitute',
        code: 'YX',
        name: '玉溪（软）',
        ordered: 20,
        delivered: 0,
        instead: { code: 'YY', name: '云烟（紫）', packs: 20 },
      },
      { kind: 'match', code: 'HT', name: '红塔山', ordered: 10, delivered: 10 },
    ]);
  });

  it('another band or category, or nothing missing, is no substitute: over', () => {
    // 红塔山 is short but in another band; 可乐 is another category; 玉溪 came in full.
    const check = checkDelivery(
      [
        { ...HONGTA, packs: 10 },
        { ...YUXI, packs: 10 },
      ],
      [
        { ...YUXI, packs: 10 },
        { ...YUNYAN, packs: 10 },
        { ...COLA, packs: 6 },
      ],
    );
    expect(check.lines.map((l) => [l.code, l.kind])).toEqual([
      ['HT', 'short'],
      ['YX', 'match'],
      ['YY', 'over'],
      ['KL', 'over'],
    ]);
  });

  it('a product without a category or band is never taken for a substitute', () => {
    const check = checkDelivery([{ code: 'A', packs: 10 }], [{ code: 'B', packs: 10 }]);
    expect(check.lines.map((l) => l.kind)).toEqual(['short', 'over']);
  });

  it('each missing product takes one substitute: the one closest to its shortfall', () => {
    const other = { code: 'Y2', name: '云烟（软珍品）', category: '卷烟', band: 'carton-2' };
    const check = checkDelivery(
      [{ ...YUXI, packs: 20 }],
      [
        { ...other, packs: 5 },
        { ...YUNYAN, packs: 20 },
      ],
    );
    expect(check.lines.map((l) => [l.code, l.kind, l.instead?.code])).toEqual([
      ['YX', 'substitute', 'YY'],
      ['Y2', 'over', undefined],
    ]);
  });

  it('adds up a product on two lines of the order or of the delivery', () => {
    const check = checkDelivery(
      [
        { ...YUXI, packs: 10 },
        { ...YUXI, packs: 10 },
      ],
      [
        { ...YUXI, packs: 15 },
        { ...YUXI, packs: 5 },
      ],
    );
    expect(check.lines).toEqual([{ kind: 'match', code: 'YX', name: '玉溪（软）', ordered: 20, delivered: 20 }]);
  });
});
