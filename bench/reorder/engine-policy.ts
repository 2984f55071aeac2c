/** The reorder engine (suggestOrders) as a replay policy. */
import { suggestOrders } from '../../src/domain/reorder/engine.ts';
import type { DaySales, ReorderProduct, ReorderSettings, Suggestion } from '../../src/domain/reorder/engine.ts';
import type { Policy, ReplayItem } from './replay.ts';

/** A replayed product as the engine takes it: what a shop's catalog and ledger know of it. */
export function reorderProductOf(item: ReplayItem, history: DaySales[], stock: number, onOrder: number): ReorderProduct {
  return {
    code: item.code,
    name: item.code,
    category: item.category,
    priceCents: item.priceCents,
    costCents: item.costCents,
    orderUnit: item.orderUnit,
    history,
    stock,
    onOrder,
  };
}

export interface EnginePolicyOptions {
  serviceLevel: number;
  /** a stocktake every this many days sets lastCountedDay (default 28) */
  stocktakeEveryDays?: number;
}

/**
 * suggestOrders as a policy. It gets only what a shop has: each product's daily
 * SALES since it came on sale, with stockout flags; stock; on order.
 */
export function enginePolicy(options: EnginePolicyOptions): Policy & { last?: Suggestion[] } {
  let products: ReorderProduct[] | null = null;
  const filled: number[] = [];
  const byCode = new Map<string, number>();
  const every = options.stocktakeEveryDays ?? 28;
  const policy: Policy & { last?: Suggestion[] } = {
    name: `engine@${options.serviceLevel}`,
    order({ world, state, t, active }) {
      if (!products) {
        products = world.items.map((item, p) => {
          byCode.set(item.code, p);
          filled.push(item.startDay);
          return reorderProductOf(item, [], 0, 0);
        });
      }
      const input: ReorderProduct[] = [];
      for (const p of active) {
        const product = products[p]!;
        const history = product.history;
        for (let d = filled[p]!; d < t; d++) {
          const row: DaySales = { day: world.dayStrings[d]!, sold: state.sales[p]![d]! };
          if (state.stockout[p]![d]) row.stockout = true;
          history.push(row);
        }
        filled[p] = t;
        product.stock = state.stock[p]!;
        product.onOrder = state.onOrder[p]!;
        product.lastCountedDay = world.dayStrings[t - (t % every)]!;
        input.push(product);
      }
      const settings: ReorderSettings = {
        today: world.dayStrings[t]!,
        orderDays: world.orderDays,
        leadTimeDays: world.leadTimeDays,
        serviceLevel: options.serviceLevel,
      };
      const suggestions = suggestOrders(input, settings);
      const packs = new Int32Array(world.items.length);
      const daily: Array<ArrayLike<number> | undefined> = new Array(world.items.length);
      for (const s of suggestions) {
        const p = byCode.get(s.code);
        if (p === undefined) continue;
        packs[p] = s.packs;
        daily[p] = s.daily;
      }
      policy.last = suggestions;
      return { packs, daily };
    },
  };
  return policy;
}

