/**
 * The ordering policies the engine is measured against: the warm-up owner,
 * the informed reference, the textbook (R,S) policy, three shop baselines and
 * perfect foresight. The engine itself is in engine-policy.ts.
 */
import { bestChoice, orderChoices, shortagePrice, type OrderChoices } from '../../src/domain/reorder/policy.ts';
import type { Simulation } from './simulator.ts';
import { roundUpToUnits, type OrderContext, type Policy, type ReplaySetup } from './world.ts';

/** One product's order: packs, and where the policy forecasts, its daily forecast over the protection interval. */
interface ProductOrder {
  packs: number;
  daily?: ArrayLike<number>;
}

/** A policy that decides each product on its own. */
function perProduct(name: string, decide: (ctx: OrderContext, p: number) => ProductOrder): Policy {
  return {
    name,
    order(ctx) {
      const n = ctx.world.items.length;
      const packs = new Int32Array(n);
      const daily: Array<ArrayLike<number> | undefined> = new Array(n);
      for (const p of ctx.active) {
        const decision = decide(ctx, p);
        packs[p] = decision.packs;
        daily[p] = decision.daily;
      }
      return { packs, daily };
    },
  };
}

/** Stock on the books plus on order: what an order tops up. */
const positionOf = (ctx: OrderContext, p: number): number => ctx.stock[p]! + ctx.state.onOrder[p]!;

/**
 * The shop before the replayed year: an owner who knows each product's usual
 * sales (the simulator's expected demand) and orders up to the protection
 * interval's expected demand + one standard deviation (Poisson). That leaves
 * a realistic few percent of stockout days, so the history the engine learns
 * from is censored like a real shop's.
 */
export function warmUpPolicy(sim: Simulation): Policy {
  return perProduct('warm-up', (ctx, p) => {
    let mu = 0;
    for (let i = 0; i < ctx.protectionDays; i++) mu += sim.mean[p]![ctx.t + i] ?? 0;
    const target = mu + Math.sqrt(mu);
    return { packs: roundUpToUnits(target - positionOf(ctx, p), sim.products[p]!.packsPerCarton) };
  });
}

/**
 * A reference, not a baseline: the engine's own ordering rule (policy.ts: one
 * shortage price for the shop, whole cartons chosen, and — like-for-like with
 * the engine — the same floor of min(service level, `floor`) of each product's
 * own demand) fed with each product's TRUE expected demand and negative-binomial
 * spread instead of a forecast — but not the draws. It marks what a policy that
 * cannot see the future should expect to need for a given fill rate on this
 * demand under the same rule and constraints. `floor` 0 gives the old,
 * unfloored reference.
 */
export function informedPolicy(sim: Simulation, serviceLevel: number, floor = 0.8): Policy {
  const productFloor = Math.min(serviceLevel, floor);
  return {
    name: `informed@${serviceLevel}`,
    order(ctx) {
      const { t, protectionDays: days, active } = ctx;
      const packs = new Int32Array(sim.products.length);
      const daily: Array<ArrayLike<number> | undefined> = new Array(sim.products.length);
      const choices: OrderChoices[] = [];
      for (const p of active) {
        const size = sim.products[p]!.size;
        let variance = 0;
        const f = new Array<number>(days);
        for (let i = 0; i < days; i++) {
          const m = sim.mean[p]![t + i] ?? 0;
          f[i] = m;
          variance += m + (Number.isFinite(size) ? (m * m) / size : 0);
        }
        daily[p] = f;
        choices.push(
          orderChoices({ daily: f, variance, normal: false }, positionOf(ctx, p), sim.products[p]!.packsPerCarton, ctx.leadTimeDays),
        );
      }
      const price = shortagePrice(choices, serviceLevel, productFloor);
      active.forEach((p, i) => {
        packs[p] = bestChoice(choices[i]!, price, productFloor) * sim.products[p]!.packsPerCarton;
      });
      return { packs, daily };
    },
  };
}

/**
 * The textbook periodic-review (R, S) policy: simple exponential smoothing of
 * daily sales (α = 0.1) for the rate f, exponentially smoothed squared
 * one-day-ahead errors (same α) for σ², and order up to
 * S = f·(L + R) + z·σ·√(L + R), rounded up to whole order units, like the
 * other baselines. z is the sweep's level.
 */
export function rsPolicy(z: number, alpha = 0.1): Policy {
  let level: Float64Array | null = null;
  let mse: Float64Array;
  let seen: Int32Array;
  return perProduct(`rs z=${z}`, (ctx, p) => {
    const { world, state, t, protectionDays: days } = ctx;
    if (!level) {
      const n = world.items.length;
      level = new Float64Array(n).fill(NaN);
      mse = new Float64Array(n);
      seen = new Int32Array(n).fill(-1);
    }
    const sales = state.sales[p]!;
    let d = Math.max(seen[p]!, world.items[p]!.startDay);
    for (; d < t; d++) {
      const y = sales[d]!;
      if (level[p] !== level[p]) {
        level[p] = y;
        mse[p] = y;
        continue;
      }
      const e = y - level[p]!;
      mse[p] = mse[p]! + alpha * (e * e - mse[p]!);
      level[p] = level[p]! + alpha * e;
    }
    seen[p] = t;
    const f = level[p]! === level[p]! ? level[p]! : 0;
    const target = f * days + z * Math.sqrt(mse[p]! * days);
    return { packs: orderFor(target, positionOf(ctx, p), world.items[p]!.orderUnit), daily: new Array<number>(days).fill(f) };
  });
}

function sumSales(sales: Int32Array, from: number, to: number): number {
  let s = 0;
  for (let d = Math.max(0, from); d < to; d++) s += sales[d]!;
  return s;
}

/** An owner never leaves a shelf empty with nothing coming: at least one order unit then. */
function orderFor(target: number, position: number, unit: number): number {
  const packs = roundUpToUnits(target - position, unit);
  return position <= 0 && packs === 0 ? unit : packs;
}

/** (a) Order what sold last week: order up to k × (last 7 days' sales per day) × protection interval. */
export function lastWeekPolicy(k: number): Policy {
  return perProduct(`lastweek×${k}`, (ctx, p) => {
    const { world, state, t, protectionDays: days } = ctx;
    const from = Math.max(world.items[p]!.startDay, t - 7);
    const rate = t > from ? sumSales(state.sales[p]!, from, t) / (t - from) : 0;
    return { packs: orderFor(k * rate * days, positionOf(ctx, p), world.items[p]!.orderUnit), daily: new Array<number>(days).fill(rate) };
  });
}

/**
 * (b) Fixed min/max per product from the average daily sales of the history
 * before the replay (the first two years): min = k·avg·(lead + review),
 * max = min + k·avg·review; order up to max when stock + on order ≤ min.
 * Products too new for an average take their category's median.
 */
export function minMaxPolicy(k: number, setup: ReplaySetup): Policy {
  const { world, state, replayStart } = setup;
  const avg: Array<number | null> = world.items.map((item, p) =>
    replayStart - item.startDay >= 28 ? sumSales(state.sales[p]!, item.startDay, replayStart) / (replayStart - item.startDay) : null,
  );
  const byCategory = new Map<string, number[]>();
  world.items.forEach((item, p) => {
    const a = avg[p];
    if (a === null || a === undefined) return;
    const list = byCategory.get(item.category) ?? [];
    list.push(a);
    byCategory.set(item.category, list);
  });
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? s[Math.floor(s.length / 2)]! : 0;
  };
  const rate = world.items.map((item, p) => avg[p] ?? median(byCategory.get(item.category) ?? []));
  return perProduct(`minmax×${k}`, (ctx, p) => {
    const lo = k * rate[p]! * (ctx.leadTimeDays + 7 / ctx.orderDays.length);
    const hi = lo + k * rate[p]! * (7 / ctx.orderDays.length);
    const position = positionOf(ctx, p);
    return { packs: position <= lo ? orderFor(hi, position, world.items[p]!.orderUnit) : 0 };
  });
}

/**
 * (c) ERP "suggest": the same days last year (52 weeks back, same weekdays) ×
 * a growth factor (last 8 weeks against the same 8 weeks a year earlier,
 * bounded 0.5–2), × k, minus stock and on order. Without a year of history it
 * falls back to the last 4 weeks' rate.
 */
export function lastYearPolicy(k: number): Policy {
  return perProduct(`lastyear×${k}`, (ctx, p) => {
    const { world, state, t, protectionDays: days } = ctx;
    const item = world.items[p]!;
    const sales = state.sales[p]!;
    const f = new Array<number>(days);
    if (t - 364 - 56 >= item.startDay) {
      const recent = sumSales(sales, t - 56, t);
      const before = sumSales(sales, t - 364 - 56, t - 364);
      const growth = before > 0 ? Math.min(2, Math.max(0.5, recent / before)) : 1;
      for (let i = 0; i < days; i++) f[i] = sales[t - 364 + i]! * growth;
    } else {
      const from = Math.max(item.startDay, t - 28);
      const rate = t > from ? sumSales(sales, from, t) / (t - from) : 0;
      f.fill(rate);
    }
    const forecast = f.reduce((a, b) => a + b, 0);
    return { packs: orderFor(k * forecast, positionOf(ctx, p), item.orderUnit), daily: f };
  });
}

/**
 * Perfect foresight: knows the coming demand and orders exactly the demand of
 * the protection interval minus stock and on order, rounded up to order units.
 */
export function oraclePolicy(): Policy {
  return perProduct('oracle', (ctx, p) => {
    let need = 0;
    for (let i = 0; i < ctx.protectionDays; i++) need += ctx.world.demand[p]![ctx.t + i] ?? 0;
    return { packs: roundUpToUnits(need - ctx.stock[p]! - ctx.state.onOrder[p]!, ctx.world.items[p]!.orderUnit) };
  });
}
