/**
 * A replay's starting point from a simulation: the world (items, demand, the
 * supply rhythm or the real-supply scenario) and the shop's state after the
 * warm-up owner ran it up to the replayed year.
 */
import type { Simulation } from './simulator.ts';
import { warmUpPolicy } from './policies.ts';
import { replay } from './replay.ts';
import { emptyState, roundUpToUnits, type ReplayItem, type ReplaySetup, type Supply, type World } from './world.ts';

/** Packs the rep delivers on a product's first day: two weeks of its expected demand, at least one order unit. */
function introPacks(sim: Simulation, p: number): number {
  const item = sim.products[p]!;
  let twoWeeks = 0;
  for (let t = item.startDay; t < item.startDay + 14 && t < sim.mean[p]!.length; t++) twoWeeks += sim.mean[p]![t]!;
  return Math.max(item.packsPerCarton, roundUpToUnits(twoWeeks, item.packsPerCarton));
}

export interface SetupOptions {
  leadTimeDays?: number;
  orderDays?: number[];
  /** days replayed at the end of the simulation (default 365) */
  replayDays?: number;
  /** real supply (realSupply): suppliers, quotas, record errors; orderDays and leadTimeDays then only serve the warm-up's defaults */
  realSupply?: boolean;
}

/**
 * The real-supply scenario: the tobacco company takes cigarette orders on
 * Tuesday and delivers the next day, with the owner's money for the order as a
 * budget; the drinks wholesaler Monday and Thursday, two days, ¥300 minimum;
 * the general wholesaler (baijiu, snacks, household) Wednesday, three days,
 * ¥200 minimum. 紧俏货源: the dearer half of the regular cigarettes (¥40 a pack
 * and up) are rationed to the shop's 档位 — per 28 days about the cartons the
 * product sells in an ordinary four weeks, so the festival peak is part-filled.
 * A pack leaves unrecorded on 0.3% of product-days; a stocktake every 28
 * days sets the books right.
 */
export function realSupply(sim: Simulation, replayStart: number): Supply {
  const supplierOf = sim.products.map((p) =>
    p.category === 'cigarettes' ? 0 : p.category === 'beer' || p.category === 'beverages' || p.category === 'dairy' ? 1 : 2,
  );
  const quotaUnits = sim.products.map((p, i) => {
    if (p.category !== 'cigarettes' || p.kind !== 'regular' || p.priceCents < 4000 || p.startDay > replayStart - 365) return 0;
    let year = 0;
    for (let t = replayStart - 365; t < replayStart; t++) year += sim.mean[i]![t]!;
    return Math.max(1, Math.round(((year / 365) * 28) / p.packsPerCarton));
  });
  let weeklyTobaccoCents = 0;
  sim.products.forEach((p, i) => {
    if (supplierOf[i] !== 0) return;
    let week = 0;
    for (let t = replayStart - 7; t < replayStart; t++) week += sim.mean[i]![t]!;
    weeklyTobaccoCents += week * p.costCents;
  });
  return {
    suppliers: [
      { name: 'tobacco', orderDays: [2], leadTimeDays: 1, minOrderCents: 0, budgetCents: Math.round(1.2 * weeklyTobaccoCents) },
      { name: 'drinks', orderDays: [1, 4], leadTimeDays: 2, minOrderCents: 30000 },
      { name: 'general', orderDays: [3], leadTimeDays: 3, minOrderCents: 20000 },
    ],
    supplierOf,
    quotaUnits,
    quotaPeriodDays: 28,
    shrinkChance: 0.003,
    stocktakeEveryDays: 28,
  };
}

/** Builds the world from a simulation and runs the warm-up up to the replayed year. */
export function setupReplay(sim: Simulation, options: SetupOptions = {}): ReplaySetup {
  const leadTimeDays = options.leadTimeDays ?? 2;
  const orderDays = options.orderDays ?? [1, 4];
  const end = sim.days;
  const replayStart = end - (options.replayDays ?? 365);
  const items: ReplayItem[] = sim.products.map((p) => ({
    code: p.code,
    category: p.category,
    orderUnit: p.packsPerCarton,
    priceCents: p.priceCents,
    costCents: p.costCents,
    startDay: p.startDay,
  }));
  const rmsseScale = sim.products.map((p, i) => {
    const d = sim.demand[i]!;
    // scale from the product's own history before the replayed year, or from all its days if it is newer
    const to = p.startDay < replayStart - 28 ? replayStart : end;
    let acc = 0;
    let count = 0;
    for (let t = p.startDay + 1; t < to; t++) {
      const diff = d[t]! - d[t - 1]!;
      acc += diff * diff;
      count++;
    }
    return count > 0 ? acc / count : 0;
  });
  const world: World = {
    dayStrings: sim.dayStrings,
    weekdays: sim.weekdays,
    items,
    demand: sim.demand,
    introPacks: sim.products.map((_, i) => introPacks(sim, i)),
    leadTimeDays,
    orderDays,
    rmsseScale,
  };
  if (options.realSupply) world.supply = realSupply(sim, replayStart);
  const state = emptyState(world, sim.days + sim.tail);
  for (let p = 0; p < items.length; p++) if (items[p]!.startDay === 0) state.stock[p] = world.introPacks[p]!;
  replay(world, state, warmUpPolicy(sim), replayStart);
  return { world, state, replayStart, end };
}
