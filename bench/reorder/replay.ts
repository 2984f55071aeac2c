/**
 * Day-by-day replay of a shop's stock under an ordering policy (issue 4, "Proof").
 *
 * Each day: deliveries due today arrive (start of day); on an ordering day the
 * policy orders (seeing sales up to yesterday, never demand); then demand
 * arrives and sales = min(demand, stock) — the rest is lost, not back-ordered.
 * An order placed on day t arrives at the start of day t + lead time.
 *
 * Pure: runs in node and, bundled, in Chromium (the timing page). The engine
 * as a policy is in engine-policy.ts, so this file does not depend on it.
 */
import type { Simulation } from './simulator.ts';
import { bestChoice, orderChoices, shortagePrice, type OrderChoices } from '../../src/domain/reorder/policy.ts';

// ---------------------------------------------------------------- the world and its state

export interface ReplayItem {
  code: string;
  category: string;
  /** packs per order unit */
  orderUnit: number;
  priceCents: number;
  costCents: number;
  /** first day the product is on sale; it gets its introductory delivery that morning */
  startDay: number;
}

export interface World {
  /** day strings, at least up to the last replayed day + the longest protection interval */
  dayStrings: string[];
  /** 0 = Sunday … 6 = Saturday, per day */
  weekdays: ArrayLike<number>;
  items: ReplayItem[];
  /** demand per product per day, packs (policies never see it, except the oracle) */
  demand: ArrayLike<number>[];
  /** packs delivered on a product's first day (the rep's introductory delivery; same for every policy) */
  introPacks: number[];
  leadTimeDays: number;
  /** weekdays on which orders are placed, 0 = Sunday */
  orderDays: number[];
  /** per product: mean squared day-to-day change of demand, the RMSSE scale (0 = unknown) */
  rmsseScale?: number[];
  /** real supply (issue 13); without it one supplier with `orderDays` and `leadTimeDays` delivers every order in full */
  supply?: Supply;
}

/** A supplier with its own ordering days, lead time and minimum order value. */
export interface Supplier {
  name: string;
  orderDays: number[];
  leadTimeDays: number;
  /** an order worth less than this (at cost) is not taken: the owner waits for the next order day */
  minOrderCents: number;
  /** the owner's money for one order of this supplier (given to the engine as its budget), cents */
  budgetCents?: number;
}

export interface Supply {
  suppliers: Supplier[];
  /** supplier index per product */
  supplierOf: ArrayLike<number>;
  /** 紧俏货源: order units per product per quota period the supplier delivers at most (0 = no cap) */
  quotaUnits: ArrayLike<number>;
  /** quota periods start every this many days from day 0 */
  quotaPeriodDays: number;
  /** per product-day chance that a pack leaves the shelf unrecorded (theft, breakage, a miscounted sale) */
  shrinkChance: number;
  /** a stocktake every this many days sets the book stock to the shelf's */
  stocktakeEveryDays: number;
}

export interface InventoryState {
  /** the next day to simulate */
  day: number;
  stock: Int32Array;
  onOrder: Int32Array;
  /** packs arriving per product per day */
  arrivals: Int32Array[];
  /** sales per product per day (filled for days < day) */
  sales: Int32Array[];
  /** 1 when the product ended the day out of stock (stock ≤ 0) */
  stockout: Uint8Array[];
  /** book stock − shelf stock per product (record errors; 0 without supply) */
  bookError: Int32Array;
  /** order units taken against the current quota period, per product */
  quotaUsed: Int32Array;
}

export function emptyState(world: World, length: number): InventoryState {
  const n = world.items.length;
  return {
    day: 0,
    stock: new Int32Array(n),
    onOrder: new Int32Array(n),
    arrivals: world.items.map(() => new Int32Array(length + maxLead(world) + 1)),
    sales: world.items.map(() => new Int32Array(length)),
    stockout: world.items.map(() => new Uint8Array(length)),
    bookError: new Int32Array(n),
    quotaUsed: new Int32Array(n),
  };
}

export function cloneState(s: InventoryState): InventoryState {
  return {
    day: s.day,
    stock: s.stock.slice(),
    onOrder: s.onOrder.slice(),
    arrivals: s.arrivals.map((a) => a.slice()),
    sales: s.sales.map((a) => a.slice()),
    stockout: s.stockout.map((a) => a.slice()),
    bookError: s.bookError.slice(),
    quotaUsed: s.quotaUsed.slice(),
  };
}

function maxLead(world: World): number {
  return Math.max(world.leadTimeDays, ...(world.supply?.suppliers.map((s) => s.leadTimeDays) ?? []));
}

/** Lead time + days from `t` to the next ordering day after it (the period an order placed today must cover). */
export function protectionDays(world: World, t: number, orderDays = world.orderDays, leadTimeDays = world.leadTimeDays): number {
  const wd = world.weekdays[t]!;
  for (let k = 1; k <= 7; k++) if (orderDays.includes((wd + k) % 7)) return leadTimeDays + k;
  return leadTimeDays + 7;
}

/** A deterministic uniform in [0, 1) per (product, day), so every policy meets the same shrink events. */
function dayChance(p: number, t: number): number {
  let h = Math.imul(p + 1, 0x9e3779b1) ^ Math.imul(t + 1, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h ^= h + Math.imul(h ^ (h >>> 7), 0x297a2d39);
  return ((h ^ (h >>> 14)) >>> 0) / 4294967296;
}

// ---------------------------------------------------------------- policies

export interface OrderContext {
  world: World;
  state: InventoryState;
  /** today (day index); sales are known for days < t */
  t: number;
  protectionDays: number;
  /** products on sale today that this order is for (one supplier's, with real supply) */
  active: number[];
  /** the ordering supplier's days and lead time */
  orderDays: number[];
  leadTimeDays: number;
  /** the stock the books show per product (the shelf's + record errors): what a policy sees */
  stock: ArrayLike<number>;
  /** with real supply: the supplier's quota caps and the owner's budget for this order */
  quotas?: Array<{ p: number; units: number; used: number; periodStart: number; periodEnd: number }>;
  budgetCents?: number;
}

export interface OrderDecision {
  /** packs ordered per product index (0 = nothing) */
  packs: ArrayLike<number>;
  /** the policy's daily demand forecast for days t … t + protectionDays − 1, where it has one */
  daily?: Array<ArrayLike<number> | undefined>;
}

export interface Policy {
  name: string;
  order(ctx: OrderContext): OrderDecision;
}

/** Rounds packs up to whole order units. */
export function roundUpToUnits(packs: number, unit: number): number {
  if (packs <= 0) return 0;
  return Math.ceil(packs / unit - 1e-9) * unit;
}

// ---------------------------------------------------------------- the replay

export interface ReplayMetrics {
  policy: string;
  days: number;
  demand: number;
  sold: number;
  lost: number;
  /** units of demand served from stock / units demanded */
  fillRate: number;
  /** product-days with demand left unserved (lost sales > 0) */
  stockoutDays: number;
  /** product-days that ended with an empty shelf (the engine's censoring flag; includes days sold out exactly) */
  emptyShelfDays: number;
  /** product-days on sale */
  productDays: number;
  /** mean over days of the packs on the shelves at the end of the day (all products) */
  avgStock: number;
  /** the same at cost, cents */
  avgStockValueCents: number;
  orders: number;
  /** where the policy forecasts: (Σ forecast − Σ demand) / Σ demand over every forecast day */
  bias: number | null;
  /** where the policy forecasts: mean over products of the RMSSE of the daily forecasts */
  rmsse: number | null;
  /** per product: demand, sales and the sum over days of end-of-day stock */
  byProduct: { demand: Float64Array; sold: Float64Array; stockDays: Float64Array };
  /** real supply: packs the quotas cut from orders, packs the owner's money could not pay for, orders held under a supplier's minimum, packs shrunk unrecorded */
  rationedPacks: number;
  unpaidPacks: number;
  heldOrders: number;
  shrunkPacks: number;
}

/**
 * Runs `policy` from state.day up to (not including) `end`, mutating `state`.
 * Returns the metrics over those days.
 */
export function replay(world: World, state: InventoryState, policy: Policy, end: number): ReplayMetrics {
  const n = world.items.length;
  const { stock, onOrder, arrivals, sales, stockout } = state;
  let demandSum = 0;
  let soldSum = 0;
  let stockSum = 0;
  let stockValueSum = 0;
  let stockoutDays = 0;
  let emptyShelfDays = 0;
  let productDays = 0;
  let orders = 0;
  let fSum = 0;
  let aSum = 0;
  const sse = new Float64Array(n);
  const byProduct = { demand: new Float64Array(n), sold: new Float64Array(n), stockDays: new Float64Array(n) };
  const points = new Int32Array(n);
  let forecasting = false;
  const supply = world.supply;
  const suppliers: Supplier[] = supply?.suppliers ?? [
    { name: 'all', orderDays: world.orderDays, leadTimeDays: world.leadTimeDays, minOrderCents: 0 },
  ];
  let rationed = 0;
  let unpaid = 0;
  let heldOrders = 0;
  let shrunk = 0;
  const start = state.day;
  for (let t = start; t < end; t++) {
    const active: number[] = [];
    for (let p = 0; p < n; p++) {
      const item = world.items[p]!;
      if (t < item.startDay) continue;
      active.push(p);
      if (t === item.startDay && t > 0) stock[p]! += world.introPacks[p] ?? 0;
      const arriving = arrivals[p]![t] ?? 0;
      if (arriving !== 0) {
        stock[p]! += arriving;
        onOrder[p]! -= arriving;
      }
    }
    if (supply && t % supply.stocktakeEveryDays === 0) state.bookError.fill(0);
    if (supply && t % supply.quotaPeriodDays === 0) state.quotaUsed.fill(0);
    for (let g = 0; g < suppliers.length; g++) {
      const sup = suppliers[g]!;
      if (!sup.orderDays.includes(world.weekdays[t]!)) continue;
      const mine = supply ? active.filter((p) => supply.supplierOf[p] === g) : active;
      if (mine.length === 0) continue;
      const protection = protectionDays(world, t, sup.orderDays, sup.leadTimeDays);
      const book = supply ? Int32Array.from(stock, (v, p) => v + state.bookError[p]!) : stock;
      let quotas: OrderContext['quotas'];
      if (supply) {
        const periodStart = t - (t % supply.quotaPeriodDays);
        quotas = [];
        for (const p of mine) {
          const units = supply.quotaUnits[p] ?? 0;
          if (units > 0)
            quotas.push({ p, units, used: state.quotaUsed[p]!, periodStart, periodEnd: periodStart + supply.quotaPeriodDays - 1 });
        }
      }
      const ctx: OrderContext = {
        world,
        state,
        t,
        protectionDays: protection,
        active: mine,
        orderDays: sup.orderDays,
        leadTimeDays: sup.leadTimeDays,
        stock: book,
      };
      if (quotas) ctx.quotas = quotas;
      if (sup.budgetCents !== undefined) ctx.budgetCents = sup.budgetCents;
      const decision = policy.order(ctx);
      let value = 0;
      for (const p of mine) value += Math.max(0, Math.round(decision.packs[p] ?? 0)) * world.items[p]!.costCents;
      // the supplier does not take an order under its minimum: the owner waits for the next order day
      const taken = value >= sup.minOrderCents;
      if (!taken && value > 0) heldOrders++;
      // The owner's money for the order binds every policy alike: lines are paid in list order, whole
      // order units, until it runs out (a policy that knows the budget chooses what to leave out itself).
      let money = taken && sup.budgetCents !== undefined ? sup.budgetCents : Infinity;
      for (const p of mine) {
        let packs = taken ? Math.max(0, Math.round(decision.packs[p] ?? 0)) : 0;
        if (packs > 0 && packs * world.items[p]!.costCents > money) {
          const unit = world.items[p]!.orderUnit;
          const paid = Math.floor(money / (unit * world.items[p]!.costCents)) * unit;
          unpaid += packs - paid;
          packs = paid;
        }
        money -= packs * world.items[p]!.costCents;
        const cap = supply?.quotaUnits[p] ?? 0;
        if (packs > 0 && cap > 0) {
          // 紧俏货源: the supplier fills what is left of the quota, whole units
          const unit = world.items[p]!.orderUnit;
          const allowed = Math.max(0, cap - state.quotaUsed[p]!) * unit;
          const filled = Math.min(packs, Math.floor(allowed / unit) * unit);
          rationed += packs - filled;
          packs = filled;
          state.quotaUsed[p]! += packs / unit;
        }
        if (packs > 0) {
          arrivals[p]![t + sup.leadTimeDays]! += packs;
          onOrder[p]! += packs;
          orders++;
        }
        const daily = decision.daily?.[p];
        if (daily) {
          forecasting = true;
          const d = world.demand[p]!;
          const h = Math.min(protection, daily.length);
          for (let i = 0; i < h; i++) {
            const f = daily[i]!;
            const a = d[t + i] ?? 0;
            fSum += f;
            aSum += a;
            sse[p]! += (f - a) * (f - a);
            points[p]!++;
          }
        }
      }
    }
    for (const p of active) {
      const want = world.demand[p]![t] ?? 0;
      const have = Math.max(0, stock[p]!);
      const sold = Math.min(want, have);
      stock[p]! -= sold;
      sales[p]![t] = sold;
      if (supply && stock[p]! > 0 && dayChance(p, t) < supply.shrinkChance) {
        // a pack leaves unrecorded: the books still count it until the next stocktake
        stock[p]!--;
        state.bookError[p]!++;
        shrunk++;
      }
      const out = stock[p]! <= 0;
      stockout[p]![t] = out ? 1 : 0;
      demandSum += want;
      soldSum += sold;
      stockSum += Math.max(0, stock[p]!);
      stockValueSum += Math.max(0, stock[p]!) * world.items[p]!.costCents;
      byProduct.demand[p]! += want;
      byProduct.sold[p]! += sold;
      byProduct.stockDays[p]! += Math.max(0, stock[p]!);
      if (out) emptyShelfDays++;
      if (want > sold) stockoutDays++;
      productDays++;
    }
  }
  state.day = end;
  const days = end - start;
  let rmsse: number | null = null;
  if (forecasting && world.rmsseScale) {
    let acc = 0;
    let count = 0;
    for (let p = 0; p < n; p++) {
      const scale = world.rmsseScale[p] ?? 0;
      if (points[p]! === 0 || scale <= 0) continue;
      acc += Math.sqrt(sse[p]! / points[p]! / scale);
      count++;
    }
    rmsse = count > 0 ? acc / count : null;
  }
  return {
    policy: policy.name,
    days,
    demand: demandSum,
    sold: soldSum,
    lost: demandSum - soldSum,
    fillRate: demandSum > 0 ? soldSum / demandSum : 1,
    stockoutDays,
    emptyShelfDays,
    productDays,
    avgStock: days > 0 ? stockSum / days : 0,
    avgStockValueCents: days > 0 ? stockValueSum / days : 0,
    orders,
    bias: forecasting && aSum > 0 ? (fSum - aSum) / aSum : null,
    rmsse,
    byProduct,
    rationedPacks: rationed,
    unpaidPacks: unpaid,
    heldOrders,
    shrunkPacks: shrunk,
  };
}

// ---------------------------------------------------------------- building a world from a simulation

export interface ReplaySetup {
  world: World;
  /** state after the warm-up, at the first replayed day */
  state: InventoryState;
  replayStart: number;
  end: number;
}

/** Packs the rep delivers on a product's first day: two weeks of its expected demand, at least one order unit. */
function introPacks(sim: Simulation, p: number): number {
  const item = sim.products[p]!;
  let twoWeeks = 0;
  for (let t = item.startDay; t < item.startDay + 14 && t < sim.mean[p]!.length; t++) twoWeeks += sim.mean[p]![t]!;
  return Math.max(item.packsPerCarton, roundUpToUnits(twoWeeks, item.packsPerCarton));
}

/**
 * The shop before the replayed year: an owner who knows each product's usual
 * sales (the simulator's expected demand) and orders up to the protection
 * interval's expected demand + one standard deviation (Poisson). That leaves
 * a realistic few percent of stockout days, so the history the engine learns
 * from is censored like a real shop's.
 */
export function warmUpPolicy(sim: Simulation): Policy {
  return {
    name: 'warm-up',
    order(ctx) {
      const { state, t, protectionDays: days, active } = ctx;
      const packs = new Int32Array(sim.products.length);
      for (const p of active) {
        let mu = 0;
        for (let i = 0; i < days; i++) mu += sim.mean[p]![t + i] ?? 0;
        const target = mu + Math.sqrt(mu);
        const position = ctx.stock[p]! + state.onOrder[p]!;
        packs[p] = roundUpToUnits(target - position, sim.products[p]!.packsPerCarton);
      }
      return { packs };
    },
  };
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
      const { state, t, protectionDays: days, active } = ctx;
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
        const position = ctx.stock[p]! + state.onOrder[p]!;
        choices.push(orderChoices({ daily: f, variance, normal: false }, position, sim.products[p]!.packsPerCarton, ctx.leadTimeDays));
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
  return {
    name: `rs z=${z}`,
    order(ctx) {
      const { world, state, t, protectionDays: days, active } = ctx;
      const n = world.items.length;
      if (!level) {
        level = new Float64Array(n).fill(NaN);
        mse = new Float64Array(n);
        seen = new Int32Array(n).fill(-1);
      }
      const packs = new Int32Array(n);
      const daily: Array<ArrayLike<number> | undefined> = new Array(n);
      for (const p of active) {
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
        daily[p] = new Array<number>(days).fill(f);
        const target = f * days + z * Math.sqrt(mse[p]! * days);
        packs[p] = orderFor(target, ctx.stock[p]! + state.onOrder[p]!, world.items[p]!.orderUnit);
      }
      return { packs, daily };
    },
  };
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

// ---------------------------------------------------------------- baselines

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
  return {
    name: `lastweek×${k}`,
    order(ctx) {
      const { world, state, t, protectionDays: days, active } = ctx;
      const packs = new Int32Array(world.items.length);
      const daily: Array<ArrayLike<number> | undefined> = new Array(world.items.length);
      for (const p of active) {
        const from = Math.max(world.items[p]!.startDay, t - 7);
        const rate = t > from ? sumSales(state.sales[p]!, from, t) / (t - from) : 0;
        daily[p] = new Array<number>(days).fill(rate);
        packs[p] = orderFor(k * rate * days, ctx.stock[p]! + state.onOrder[p]!, world.items[p]!.orderUnit);
      }
      return { packs, daily };
    },
  };
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
  return {
    name: `minmax×${k}`,
    order(ctx) {
      const { state: s, active } = ctx;
      const packs = new Int32Array(world.items.length);
      for (const p of active) {
        const lo = k * rate[p]! * (ctx.leadTimeDays + 7 / ctx.orderDays.length);
        const hi = lo + k * rate[p]! * (7 / ctx.orderDays.length);
        const position = ctx.stock[p]! + s.onOrder[p]!;
        if (position <= lo) packs[p] = orderFor(hi, position, world.items[p]!.orderUnit);
      }
      return { packs };
    },
  };
}

/**
 * (c) ERP "suggest": the same days last year (52 weeks back, same weekdays) ×
 * a growth factor (last 8 weeks against the same 8 weeks a year earlier,
 * bounded 0.5–2), × k, minus stock and on order. Without a year of history it
 * falls back to the last 4 weeks' rate.
 */
export function lastYearPolicy(k: number): Policy {
  return {
    name: `lastyear×${k}`,
    order(ctx) {
      const { world, state, t, protectionDays: days, active } = ctx;
      const packs = new Int32Array(world.items.length);
      const daily: Array<ArrayLike<number> | undefined> = new Array(world.items.length);
      for (const p of active) {
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
        daily[p] = f;
        const forecast = f.reduce((a, b) => a + b, 0);
        packs[p] = orderFor(k * forecast, ctx.stock[p]! + state.onOrder[p]!, item.orderUnit);
      }
      return { packs, daily };
    },
  };
}

/**
 * Perfect foresight: knows the coming demand and orders exactly the demand of
 * the protection interval minus stock and on order, rounded up to order units.
 */
export function oraclePolicy(): Policy {
  return {
    name: 'oracle',
    order(ctx) {
      const { world, state, t, protectionDays: days, active } = ctx;
      const packs = new Int32Array(world.items.length);
      for (const p of active) {
        let need = 0;
        for (let i = 0; i < days; i++) need += world.demand[p]![t + i] ?? 0;
        packs[p] = roundUpToUnits(need - ctx.stock[p]! - state.onOrder[p]!, world.items[p]!.orderUnit);
      }
      return { packs };
    },
  };
}
