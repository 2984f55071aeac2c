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
import { dayChance, protectionDays, type InventoryState, type OrderContext, type Policy, type Supplier, type World } from './world.ts';

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
