/**
 * Bundled by bench.ts (esbuild) into a page in Debian's Chromium: builds 500
 * products × 1095 days of sales history with the simulator and times
 * suggestOrders on it there, as the Pi's kiosk would run it.
 */
import { suggestOrders } from '../../src/domain/reorder/engine.ts';
import type { ReorderProduct, ReorderSettings } from '../../src/domain/reorder/engine.ts';
import { simulate } from './simulator.ts';
import { setupReplay } from './setup.ts';
import { reorderProductOf } from './engine-policy.ts';

export interface TimingResult {
  products: number;
  days: number;
  historyRows: number;
  runsMs: number[];
  suggestions: number;
  orderedProducts: number;
}

function inputs(seed: number, products: number, days: number): { products: ReorderProduct[]; settings: ReorderSettings } {
  const sim = simulate({ seed, products, days });
  // the whole simulated span is history: the shop ran the warm-up owner's orders for all of it
  const { world, state } = setupReplay(sim, { replayDays: 0 });
  const list: ReorderProduct[] = world.items.map((item, p) => {
    const history = Array.from({ length: days - item.startDay }, (_, i) => {
      const d = item.startDay + i;
      return state.stockout[p]![d]
        ? { day: sim.dayStrings[d]!, sold: state.sales[p]![d]!, stockout: true }
        : { day: sim.dayStrings[d]!, sold: state.sales[p]![d]! };
    });
    return { ...reorderProductOf(item, history, state.stock[p]!, state.onOrder[p]!), lastCountedDay: sim.dayStrings[days - 7]! };
  });
  return {
    products: list,
    settings: { today: sim.dayStrings[days]!, orderDays: [1, 4], leadTimeDays: 2, serviceLevel: 0.97 },
  };
}

async function run(seed: number, products: number, days: number, repeats: number): Promise<TimingResult> {
  const base = inputs(seed, products, days);
  const runsMs: number[] = [];
  let suggestions = 0;
  let orderedProducts = 0;
  for (let r = 0; r < repeats; r++) {
    // fresh objects each run, so nothing can be remembered between runs by identity
    const fresh = base.products.map((p) => ({ ...p, history: p.history.slice() }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const t0 = performance.now();
    const out = suggestOrders(fresh, { ...base.settings });
    runsMs.push(performance.now() - t0);
    suggestions = out.length;
    orderedProducts = out.filter((s) => s.packs > 0).length;
  }
  return {
    products,
    days,
    historyRows: base.products.reduce((a, p) => a + p.history.length, 0),
    runsMs,
    suggestions,
    orderedProducts,
  };
}

declare global {
  var reorderTiming: { run: typeof run };
}
globalThis.reorderTiming = { run };
