import { expect } from '@open-wc/testing';
import { suggestOrders, type ReorderProduct, type ReorderSettings } from '../../src/domain/reorder/engine.ts';
import { suggestOrdersInWorker } from '../../src/workers/reorder-client.ts';
import { packReorderRequest, unpackReorderRequest } from '../../src/workers/reorder-message.ts';
import { simulate } from '../../bench/reorder/simulator.ts';

/** A shop's products with three years of daily sales (the bench's simulator, every day sold = demand). */
function shop(products: number): { products: ReorderProduct[]; settings: ReorderSettings } {
  const days = 1095;
  const sim = simulate({ seed: 5, products, days });
  const list = sim.products.map((p, i): ReorderProduct => ({
    code: p.code,
    name: p.name,
    category: p.category,
    priceCents: p.priceCents,
    costCents: p.costCents,
    orderUnit: p.packsPerCarton,
    stock: 3,
    onOrder: 0,
    history: Array.from({ length: days - p.startDay }, (_, k) => {
      const d = p.startDay + k;
      return k % 97 === 5
        ? { day: sim.dayStrings[d]!, sold: sim.demand[i]![d]!, stockout: true }
        : { day: sim.dayStrings[d]!, sold: sim.demand[i]![d]! };
    }),
  }));
  return { products: list, settings: { today: sim.dayStrings[days]!, orderDays: [1, 4], leadTimeDays: 2, serviceLevel: 0.97 } };
}

describe('the reorder engine in a Web Worker', () => {
  it('packs and unpacks the histories exactly', () => {
    const { products, settings } = shop(5);
    const gappy = {
      ...products[0]!,
      code: 'GAP',
      history: [
        { day: '2025-01-01', sold: 2 },
        { day: '2025-01-03', sold: 4, stockout: true },
      ],
    };
    const back = unpackReorderRequest(packReorderRequest(1, [...products, gappy], settings).request);
    expect(back.slice(0, 5)).to.deep.equal(products);
    expect(back[5]!.history).to.deep.equal([
      { day: '2025-01-01', sold: 2 },
      { day: '2025-01-02', sold: 0 },
      { day: '2025-01-03', sold: 4, stockout: true },
    ]);
  });

  it('gives the same suggestions as the engine on the main thread', async () => {
    const { products, settings } = shop(60);
    const here = suggestOrders(products, settings);
    const there = await suggestOrdersInWorker(products, settings);
    expect(there).to.deep.equal(here);
  });

  it('leaves the main thread free while it computes 300 products × 3 years', async function () {
    this.timeout(120_000);
    const { products, settings } = shop(300);
    let done = false;
    const t0 = performance.now();
    const pending = suggestOrdersInWorker(products, settings).then((s) => {
      done = true;
      return s;
    });
    const packing = performance.now() - t0;
    // the counter's event loop keeps turning while the worker works
    let turns = 0;
    let longest = 0;
    let last = performance.now();
    while (!done) {
      await new Promise((r) => setTimeout(r, 0));
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      turns++;
    }
    const suggestions = await pending;
    expect(suggestions.length).to.equal(300);
    expect(turns).to.be.greaterThan(5);
    console.log(
      `reorder worker: packing ${packing.toFixed(1)} ms on the main thread, then ${turns} main-thread turns during the computation, longest gap ${longest.toFixed(1)} ms`,
    );
  });
});
