/**
 * The world a replay runs in (products, demand, suppliers), the shop's stock
 * state, and what a policy is: the contract between replay.ts and the
 * policies. Pure: runs in node and, bundled, in Chromium.
 */

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
export function dayChance(p: number, t: number): number {
  let h = Math.imul(p + 1, 0x9e3779b1) ^ Math.imul(t + 1, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h ^= h + Math.imul(h ^ (h >>> 7), 0x297a2d39);
  return ((h ^ (h >>> 14)) >>> 0) / 4294967296;
}

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

export interface ReplaySetup {
  world: World;
  /** state after the warm-up, at the first replayed day */
  state: InventoryState;
  replayStart: number;
  end: number;
}
