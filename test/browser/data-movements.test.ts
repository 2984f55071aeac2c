import { mulberry32 } from '../helpers/mulberry32.ts';
import { expect } from '@open-wc/testing';
import { getDb } from '../../src/data/db.ts';
import {
  MovementValidationError,
  UnknownProductError,
  getDailyTotals,
  getProductHistory,
  recomputeStock,
  recordMovement,
} from '../../src/data/movements.ts';
import {
  ProductExistsError,
  ProductValidationError,
  countProducts,
  getProduct,
  putProduct,
  registerProduct,
} from '../../src/data/products.ts';
import { localDay, type MovementKind, type StockMovement } from '../../src/domain/product.ts';
import { freshKioskDbPerTest, openOwnerSession } from './shop-fixtures.ts';
import { rejection } from '../helpers/rejection.ts';

const CODE = '06901234567892';
const T0 = new Date(2025, 0, 10, 9, 0, 0).getTime();

describe('products and stock movements', () => {
  freshKioskDbPerTest();

  it('registers a product with opening stock as one movement, one daily total and the stock', async () => {
    const product = await registerProduct({ code: CODE, name: '  中华（软）  ', priceCents: 4500, unit: 'pack', openingStock: 20 }, T0);
    expect(product).to.deep.include({ code: CODE, name: '中华（软）', priceCents: 4500, unit: 'pack', stock: 20 });
    expect(await getProduct(CODE)).to.deep.equal(product);
    expect(await countProducts()).to.equal(1);

    const history = await getProductHistory(CODE);
    expect(history).to.have.length(1);
    expect(history[0]).to.deep.include({ code: CODE, kind: 'opening', quantity: 20, at: T0, day: localDay(T0), stockAfter: 20 });
    expect(history[0]!.id).to.be.a('number');

    const totals = await getDailyTotals(CODE, '2025-01-01', '2025-12-31');
    expect(totals).to.deep.equal([{ code: CODE, day: '2025-01-10', sold: 0, received: 0, adjusted: 20, movements: 1 }]);
  });

  it('registers a product without opening stock without any movement', async () => {
    const product = await registerProduct({ code: 'A', name: 'x', priceCents: 1, unit: 'carton' }, T0);
    expect(product.stock).to.equal(0);
    expect(await getProductHistory('A')).to.deep.equal([]);
    expect(await getDailyTotals('A', '0000-01-01', '9999-12-31')).to.deep.equal([]);
  });

  it('rejects an invalid product with per-field errors and writes nothing', async () => {
    const error = await rejection(registerProduct({ code: CODE, name: '   ', priceCents: 12.5, unit: 'pack', openingStock: -1 }));
    expect(error).to.be.instanceOf(ProductValidationError);
    expect((error as ProductValidationError).errors).to.deep.equal({
      name: 'required',
      priceCents: 'not-integer',
      openingStock: 'negative',
    });
    expect(await countProducts()).to.equal(0);
  });

  it('refuses to register a code twice, keeping the first product and its stock', async () => {
    await registerProduct({ code: CODE, name: 'first', priceCents: 100, unit: 'pack', openingStock: 5 });
    const error = await rejection(registerProduct({ code: CODE, name: 'second', priceCents: 200, unit: 'pack', openingStock: 9 }));
    expect(error).to.be.instanceOf(ProductExistsError);
    const product = await getProduct(CODE);
    expect(product).to.deep.include({ name: 'first', stock: 5 });
    expect(await recomputeStock(CODE)).to.equal(5);
  });

  it('edits name, price and unit but never the stock', async () => {
    const registered = await registerProduct({ code: CODE, name: 'old', priceCents: 100, unit: 'pack', openingStock: 4 }, T0);
    await openOwnerSession(); // editing a product is owner-only
    const saved = await putProduct({ ...registered, name: ' new ', priceCents: 250, unit: 'carton', stock: 999 }, T0 + 1000);
    expect(saved).to.deep.include({ name: 'new', priceCents: 250, unit: 'carton', stock: 4, createdAt: T0, updatedAt: T0 + 1000 });
    expect(await getProduct(CODE)).to.deep.equal(saved);

    expect(await rejection(putProduct({ code: 'missing', name: 'x', priceCents: 1, unit: 'pack' }))).to.be.instanceOf(UnknownProductError);
    const invalid = await rejection(putProduct({ ...registered, priceCents: 0 }));
    expect((invalid as ProductValidationError).errors).to.deep.equal({ priceCents: 'required' });
  });

  it('rejects a movement for an unknown product and writes nothing', async () => {
    const error = await rejection(recordMovement({ code: 'nope', kind: 'receipt', quantity: 5, at: T0 }));
    expect(error).to.be.instanceOf(UnknownProductError);
    expect((error as UnknownProductError).code).to.equal('nope');
    const db = await getDb();
    expect(await db.count('movements')).to.equal(0);
    expect(await db.count('dailyTotals')).to.equal(0);
  });

  it('rejects movements whose quantity has the wrong sign or is not whole', async () => {
    await registerProduct({ code: CODE, name: 'x', priceCents: 100, unit: 'pack' });
    const bad: { kind: MovementKind; quantity: number; day?: string }[] = [
      { kind: 'sale', quantity: 1 },
      { kind: 'sale-reversal', quantity: -1 },
      { kind: 'receipt', quantity: 0 },
      { kind: 'adjustment', quantity: 0 },
      { kind: 'receipt', quantity: 1.5 },
      { kind: 'receipt', quantity: 1, day: '10/01/2025' },
    ];
    for (const m of bad) {
      expect(await rejection(recordMovement({ code: CODE, at: T0, ...m }))).to.be.instanceOf(MovementValidationError);
    }
    expect(await recomputeStock(CODE)).to.equal(0);
    expect((await getProduct(CODE))?.stock).to.equal(0);
  });

  it('keeps stock equal to the sum of movements and daily totals equal to each day’s movements', async function () {
    const codes = ['P1', 'P2', 'P3'];
    for (const code of codes) await registerProduct({ code, name: code, priceCents: 1000, unit: 'pack', openingStock: 10 }, T0);

    const random = mulberry32(20250110);
    const kinds: MovementKind[] = ['sale', 'sale', 'sale', 'sale-reversal', 'receipt', 'stocktake', 'adjustment'];
    const recorded: StockMovement[] = [];
    const days = ['2025-01-10', '2025-01-11', '2025-01-12', '2025-01-13'];
    for (let i = 0; i < 300; i++) {
      const code = codes[Math.floor(random() * codes.length)]!;
      const kind = kinds[Math.floor(random() * kinds.length)]!;
      const size = 1 + Math.floor(random() * 5);
      const quantity =
        kind === 'sale'
          ? -size
          : kind === 'stocktake'
            ? Math.floor(random() * 7) - 3
            : kind === 'adjustment'
              ? random() < 0.5
                ? -size
                : size
              : size;
      // The wall clock may jump backwards; `day` is given explicitly for some movements.
      const at = T0 + Math.floor(random() * 4) * 86_400_000 - (random() < 0.1 ? 3_600_000 * 30 : 0);
      const day = random() < 0.3 ? days[Math.floor(random() * days.length)]! : undefined;
      recorded.push(await recordMovement({ code, kind, quantity, at, ...(day ? { day } : {}), reason: `r${i}` }));
    }

    const db = await getDb();
    const allTotals = await db.getAll('dailyTotals');
    for (const code of codes) {
      const product = await getProduct(code);
      const expected = 10 + recorded.filter((m) => m.code === code).reduce((sum, m) => sum + m.quantity, 0);
      expect(product?.stock, `stock of ${code}`).to.equal(expected);
      expect(await recomputeStock(code), `recomputed stock of ${code}`).to.equal(expected);

      // History: recording order, running stock ends at the product's stock.
      const history = await getProductHistory(code);
      const ids = history.map((m) => m.id);
      expect(ids).to.deep.equal([...ids].sort((a, b) => a - b));
      let running = 0;
      for (const m of history) {
        running += m.quantity;
        expect(m.stockAfter).to.equal(running);
      }
      expect(running).to.equal(expected);
      const lastFive = await getProductHistory(code, 5);
      expect(lastFive).to.deep.equal(history.slice(-5));
    }

    // Every (code, day) total equals the sums of that day's movements, and no other totals exist.
    const all = [...codes.map((code): StockMovement => ({ code, kind: 'opening', quantity: 10, at: T0, day: localDay(T0) })), ...recorded];
    const expected = new Map<string, { code: string; day: string; sold: number; received: number; adjusted: number; movements: number }>();
    for (const m of all) {
      const key = `${m.code}|${m.day}`;
      const t = expected.get(key) ?? { code: m.code, day: m.day, sold: 0, received: 0, adjusted: 0, movements: 0 };
      if (m.kind === 'sale' || m.kind === 'sale-reversal') t.sold -= m.quantity;
      else if (m.kind === 'receipt') t.received += m.quantity;
      else t.adjusted += m.quantity;
      t.movements += 1;
      expected.set(key, t);
    }
    expect(allTotals).to.have.length(expected.size);
    for (const total of allTotals) {
      // The sales money (the business report's) is checked in data-report.test.ts; here the counts.
      const { soldCents: _money, soldCostCents: _cost, uncostedCents: _uncosted, ...counts } = total;
      expect(counts, `${total.code} ${total.day}`).to.deep.equal(expected.get(`${total.code}|${total.day}`));
    }
    const p1 = await getDailyTotals('P1', '2025-01-11', '2025-01-12');
    expect(p1.map((t) => t.day)).to.deep.equal(
      [...expected.values()]
        .filter((t) => t.code === 'P1' && t.day >= '2025-01-11' && t.day <= '2025-01-12')
        .map((t) => t.day)
        .sort(),
    );
  });
});
