import { describe, expect, it } from 'vitest';
import { draftLines, orderRows } from '../../src/domain/reorder/order-rows.ts';
import type { ReorderProduct, Suggestion } from '../../src/domain/reorder/engine.ts';
import type { Order } from '../../src/data/schema.ts';

const product = (code: string, name: string, orderUnit = 10, costCents = 2200): ReorderProduct =>
  ({ code, name, orderUnit, costCents, stock: 0, history: [] }) as unknown as ReorderProduct;
const suggestion = (code: string, units: number, flags: string[] = []): Suggestion => ({ code, units, flags }) as unknown as Suggestion;

describe('orderRows', () => {
  const products = [product('A', '中华'), product('B', '芙蓉王'), product('C', '白沙', 1, 900)];

  it("keeps the owner's own number over a new suggestion, and the suggestion beside it", () => {
    const draft = {
      lines: [{ code: 'A', units: 7, packs: 70, suggestedUnits: 3, ownerEdited: true, unitCostCents: 22000 }],
    } as unknown as Order;
    const rows = orderRows(products, [suggestion('A', 4), suggestion('B', 2), suggestion('C', 0)], draft);
    const a = rows.find((r) => r.product.code === 'A')!;
    expect(a.line).toMatchObject({ units: 7, packs: 70, suggestedUnits: 4, ownerEdited: true, unitCostCents: 22000 });
    // A line in the draft the owner did not set follows the new suggestion.
    const b = rows.find((r) => r.product.code === 'B')!;
    expect(b.line).toMatchObject({ units: 2, packs: 20, ownerEdited: false });
  });

  it('lists lines to order first, flagged ones next, the rest last; by name within', () => {
    const rows = orderRows(products, [suggestion('C', 0), suggestion('B', 0, ['negative-stock']), suggestion('A', 1)], undefined);
    expect(rows.map((r) => r.product.code)).toEqual(['A', 'B', 'C']);
  });

  it('drops a suggestion whose product is gone, and the draft keeps an owner zero', () => {
    const draft = {
      lines: [{ code: 'B', units: 0, packs: 0, suggestedUnits: 2, ownerEdited: true, unitCostCents: 22000 }],
    } as unknown as Order;
    const rows = orderRows(products, [suggestion('X', 3), suggestion('B', 2), suggestion('C', 0)], draft);
    expect(rows.map((r) => r.product.code)).not.toContain('X');
    expect(draftLines(rows).map((l) => [l.code, l.units])).toEqual([['B', 0]]);
  });
});
