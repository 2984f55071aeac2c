import { describe, expect, it } from 'vitest';
import { checkDelivery, type CheckedProduct, type DeliveryLine } from '../../src/domain/delivery-check.ts';

const YUXI = { code: 'YX', name: '玉溪（软）', category: '卷烟', band: 'carton-2' };
const HONGTA = { code: 'HT', name: '红塔山', category: '卷烟', band: 'carton-1' };
const YUNYAN = { code: 'YY', name: '云烟（紫）', category: '卷烟', band: 'carton-2' };
const COLA = { code: 'KL', name: '可乐', category: '饮料', band: 'pack-0' };
const YUNYAN_SOFT = { code: 'Y2', name: '云烟（软珍品）', category: '卷烟', band: 'carton-2' };

/** Order or delivery lines: each product with its packs. */
function packs(...lines: [CheckedProduct, number][]) {
  return lines.map(([product, n]) => ({ ...product, packs: n }));
}

/** The line `checkDelivery` gives for `product`. */
function line(kind: DeliveryLine['kind'], product: CheckedProduct, ordered: number, delivered: number): DeliveryLine {
  return { kind, code: product.code, name: product.name, ordered, delivered };
}

/** The line `checkDelivery` gives for `product` when none of it came and `packs` of `instead` stand in for it. */
function substitute(product: CheckedProduct, ordered: number, instead: CheckedProduct, packs: number): DeliveryLine {
  return { ...line('substitute', product, ordered, 0), instead: { code: instead.code, name: instead.name, packs } };
}

describe('checkDelivery', () => {
  it.each<{
    name: string;
    ordered: ReturnType<typeof packs>;
    delivered: ReturnType<typeof packs>;
    lines: DeliveryLine[];
    differences: number;
  }>([
    {
      name: 'a delivery exactly as ordered is all matches',
      ordered: packs([YUXI, 20], [COLA, 24]),
      delivered: packs([COLA, 24], [YUXI, 20]),
      lines: [line('match', YUXI, 20, 20), line('match', COLA, 24, 24)],
      differences: 0,
    },
    {
      name: 'says short, missing and over per line, in the order’s order, then what was not ordered',
      ordered: packs([YUXI, 20], [HONGTA, 30], [COLA, 24]),
      delivered: packs([COLA, 48], [YUXI, 10], [{ code: 'NEW' }, 5]),
      lines: [line('short', YUXI, 20, 10), line('short', HONGTA, 30, 0), line('over', COLA, 24, 48), line('over', { code: 'NEW' }, 0, 5)],
      differences: 4,
    },
    {
      name: 'a product not ordered, of the same category and price band as a missing one, is a substitute',
      ordered: packs([YUXI, 20], [HONGTA, 10]),
      delivered: packs([YUNYAN, 20], [HONGTA, 10]),
      lines: [substitute(YUXI, 20, YUNYAN, 20), line('match', HONGTA, 10, 10)],
      differences: 1,
    },
    {
      // 红塔山 is short but in another band; 可乐 is another category; 玉溪 came in full.
      name: 'another band or category, or nothing missing, is no substitute: over',
      ordered: packs([HONGTA, 10], [YUXI, 10]),
      delivered: packs([YUXI, 10], [YUNYAN, 10], [COLA, 6]),
      lines: [line('short', HONGTA, 10, 0), line('match', YUXI, 10, 10), line('over', YUNYAN, 0, 10), line('over', COLA, 0, 6)],
      differences: 3,
    },
    {
      name: 'a product without a category or band is never taken for a substitute',
      ordered: packs([{ code: 'A' }, 10]),
      delivered: packs([{ code: 'B' }, 10]),
      lines: [line('short', { code: 'A' }, 10, 0), line('over', { code: 'B' }, 0, 10)],
      differences: 2,
    },
    {
      name: 'each missing product takes one substitute: the one closest to its shortfall',
      ordered: packs([YUXI, 20]),
      delivered: packs([YUNYAN_SOFT, 5], [YUNYAN, 20]),
      lines: [substitute(YUXI, 20, YUNYAN, 20), line('over', YUNYAN_SOFT, 0, 5)],
      differences: 2,
    },
    {
      name: 'adds up a product on two lines of the order or of the delivery',
      ordered: packs([YUXI, 10], [YUXI, 10]),
      delivered: packs([YUXI, 15], [YUXI, 5]),
      lines: [line('match', YUXI, 20, 20)],
      differences: 0,
    },
  ])('$name', ({ ordered, delivered, lines, differences }) => {
    const check = checkDelivery(ordered, delivered);
    expect(check.lines).toEqual(lines);
    expect(check.differences).toBe(differences);
  });
});
