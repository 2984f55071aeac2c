/** The reorder engine (suggestOrders) as a replay policy. */
import { suggestOrders } from '../../src/domain/reorder/engine.ts';
import type { DaySales, Quota, ReorderProduct, ReorderSettings, Suggestion } from '../../src/domain/reorder/engine.ts';
import type { Policy, ReplayItem } from './world.ts';

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
 * SALES since it came on sale, with stockout flags; the book stock; on order;
 * with real supply, the supplier's days, lead time, quotas and the budget.
 */
export function enginePolicy(options: EnginePolicyOptions): Policy & { last?: Suggestion[]; caps: Record<string, number> } {
  let products: ReorderProduct[] | null = null;
  const filled: number[] = [];
  const byCode = new Map<string, number>();
  const every = options.stocktakeEveryDays ?? 28;
  const policy: Policy & { last?: Suggestion[]; caps: Record<string, number> } = {
    name: `engine@${options.serviceLevel}`,
    /** suggestions the engine capped, by cap (quota, budget, …): the real-supply scenario exercises them */
    caps: {},
    order(ctx) {
      const { world, state, t, active } = ctx;
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
        product.stock = ctx.stock[p]!;
        product.onOrder = state.onOrder[p]!;
        product.lastCountedDay = world.dayStrings[t - (t % every)]!;
        input.push(product);
      }
      const settings: ReorderSettings = {
        today: world.dayStrings[t]!,
        orderDays: ctx.orderDays,
        leadTimeDays: ctx.leadTimeDays,
        serviceLevel: options.serviceLevel,
      };
      if (ctx.quotas) {
        settings.quotas = ctx.quotas.map((q): Quota => ({
          code: world.items[q.p]!.code,
          units: q.units,
          ordered: q.used,
          periodStart: world.dayStrings[q.periodStart]!,
          periodEnd: world.dayStrings[q.periodEnd] ?? world.dayStrings[world.dayStrings.length - 1]!,
        }));
      }
      if (ctx.budgetCents !== undefined) settings.budgetCents = ctx.budgetCents;
      const suggestions = suggestOrders(input, settings);
      const packs = new Int32Array(world.items.length);
      const daily: Array<ArrayLike<number> | undefined> = new Array(world.items.length);
      for (const s of suggestions) {
        const p = byCode.get(s.code);
        if (p === undefined) continue;
        packs[p] = s.packs;
        if (s.cappedBy) policy.caps[s.cappedBy] = (policy.caps[s.cappedBy] ?? 0) + 1;
        daily[p] = s.daily;
      }
      policy.last = suggestions;
      return { packs, daily };
    },
  };
  return policy;
}
