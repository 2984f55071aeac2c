import { describe, expect, it } from 'vitest';
import { compactedMovements } from '../../src/domain/blocks.ts';
import type { StockMovement } from '../../src/domain/product.ts';

const sale = (code: string, day: string): StockMovement => ({ code, kind: 'sale', quantity: -1, at: Date.parse(`${day}T10:00:00Z`), day });

describe('compactedMovements', () => {
  it('numbers movements in their order, puts past days in product-month blocks and keeps today as rows', () => {
    const movements = [
      sale('A', '2026-10-30'),
      sale('B', '2026-10-31'),
      sale('A', '2026-11-02'),
      sale('A', '2026-10-31'),
      sale('B', '2026-12-02'),
      sale('A', '2026-12-01'),
    ];
    const { blocks, rows, lastId } = compactedMovements(movements, '2026-12-02');
    expect(lastId).toBe(6);
    expect(rows).toEqual([{ ...movements[4], id: 5 }]);
    expect(blocks.map((b) => [b.code, b.month, b.movements.map((m) => m.id)])).toEqual([
      ['A', '2026-10', [1, 4]],
      ['B', '2026-10', [2]],
      ['A', '2026-11', [3]],
      ['A', '2026-12', [6]],
    ]);
  });

  it('has nothing to number for no movements', () => {
    expect(compactedMovements([], '2026-12-02')).toEqual({ blocks: [], rows: [], lastId: 0 });
  });
});
