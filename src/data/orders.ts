/**
 * Orders to the supplier (订货单). One draft at a time holds what the order
 * screen shows, with the owner's own quantities marked ownerEdited so a new
 * suggestion never overwrites them. "已下单" places it: its packs are on order
 * (counted by the reorder engine) until the delivery that brings them is closed
 * and the order marked received.
 *
 * Double taps: placing, receiving and cancelling are idempotent. Each reads the
 * order inside its own readwrite transaction, and IndexedDB runs those one
 * after the other, so a second "已下单" sees the order placed and writes nothing.
 *
 * Order of placing is placedSeq, given inside the placing transaction; the Pi
 * has no real-time clock, so placedAt (wall clock) is only shown to people.
 */
import { requireRole } from './roles.ts';
import { appendAuditIn, type NewAuditEntry } from './audit.ts';
import type { IDBPObjectStore } from 'idb';
import { localDay, type StockUnit } from '../domain/product.ts';
import { getDb, inTransaction, type KioskDB } from './db.ts';
import { getProducts } from './products.ts';
import { getPriceBands } from './report.ts';
import { priceBandOf } from '../domain/report/bands.ts';
import type { CheckedProduct, DeliveryLine } from '../domain/delivery-check.ts';

export type { Order, OrderLine, OrderStatus } from './schema.ts';
import type { Order, OrderLine, OrderStatus } from './schema.ts';
import { checkOrderLine, orderTotalCents, type OrderLineProblem } from '../domain/order-line.ts';
export { MAX_ORDER_UNITS, checkOrderLine, orderTotalCents, type OrderLineProblem } from '../domain/order-line.ts';

export class UnknownOrderError extends Error {
  override name = 'UnknownOrderError';
  constructor(readonly orderId: string) {
    super(`No order ${orderId}`);
  }
}

/** The order is not in a state that allows this (placing a cancelled order, editing a placed one). */
export class OrderStateError extends Error {
  override name = 'OrderStateError';
  constructor(
    readonly orderId: string,
    readonly status: OrderStatus,
    readonly wanted: string,
  ) {
    super(`Order ${orderId} is ${status}: cannot ${wanted}`);
  }
}

export class EmptyOrderError extends Error {
  override name = 'EmptyOrderError';
  constructor(readonly orderId: string) {
    super(`Order ${orderId} orders nothing`);
  }
}

export class OrderLineError extends RangeError {
  override name = 'OrderLineError';
  constructor(
    readonly code: string,
    readonly problem: OrderLineProblem,
  ) {
    super(`Order line ${code}: ${problem}`);
  }
}

function newOrderId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return `order-${c.randomUUID()}`;
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return `order-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The draft being edited, if any. */
export async function getOrderDraft(): Promise<Order | undefined> {
  const db = await getDb();
  return db.getFromIndex('orders', 'by-status', 'draft');
}

export async function getOrder(id: string): Promise<Order | undefined> {
  const db = await getDb();
  return db.get('orders', id);
}

/**
 * Save the draft's lines whole (the open draft, or a new one). Lines are checked
 * first: a bad one throws OrderLineError and nothing is saved. A draft already
 * placed or cancelled: OrderStateError.
 */
export async function saveOrderDraft(lines: readonly OrderLine[], now = Date.now()): Promise<Order> {
  for (const line of lines) {
    const problem = checkOrderLine(line);
    if (problem) throw new OrderLineError(line.code, problem);
  }
  const kept = lines.map((l) => ({ ...l }));
  return inTransaction(
    ['orders'],
    'readwrite',
    async (tx) => {
      const store = tx.objectStore('orders');
      const existing = await store.index('by-status').get('draft');
      const draft: Order = existing
        ? { ...existing, lines: kept, totalCents: orderTotalCents(kept), updatedAt: now }
        : { id: newOrderId(), status: 'draft', createdAt: now, updatedAt: now, lines: kept, totalCents: orderTotalCents(kept) };
      await store.put(draft);
      return draft;
    },
    { durability: 'strict' },
  );
}

/**
 * Place the order: lines with 0 units are dropped, the rest are on order from
 * now. Placing a placed (or received) order returns it unchanged: a double tap
 * places once. Throws EmptyOrderError when nothing is ordered, OrderStateError
 * for a cancelled order.
 */
export async function placeOrder(id: string, now = Date.now()): Promise<Order> {
  const audit = requireRole('place-order');
  return changeStatus(id, { ...audit, detail: id }, async (order, store) => {
    if (order.status === 'placed' || order.status === 'received') return undefined;
    if (order.status !== 'draft') throw new OrderStateError(id, order.status, 'place');
    const lines = order.lines.filter((l) => l.units > 0);
    if (lines.length === 0) throw new EmptyOrderError(id);
    const last = await store.index('by-placed').openKeyCursor(null, 'prev');
    return {
      ...order,
      status: 'placed',
      lines,
      totalCents: orderTotalCents(lines),
      placedAt: now,
      placedDay: localDay(now),
      placedSeq: last ? Number(last.key) + 1 : 1,
      updatedAt: now,
    };
  });
}

/** Orders on order (placed, not yet received), in placing order. */
export async function getPlacedOrders(): Promise<Order[]> {
  const db = await getDb();
  const placed = await db.getAllFromIndex('orders', 'by-status', 'placed');
  return placed.sort((a, b) => (a.placedSeq ?? 0) - (b.placedSeq ?? 0));
}

/**
 * The delivery has come: the order is no longer on order. Idempotent; a draft
 * or a cancelled order: OrderStateError.
 */
export async function markOrderReceived(
  id: string,
  deliverySessionId?: string,
  now = Date.now(),
  deliveryCheck?: readonly DeliveryLine[],
): Promise<Order> {
  return changeStatus(id, undefined, (order) => {
    if (order.status === 'received') return undefined;
    if (order.status !== 'placed') throw new OrderStateError(id, order.status, 'receive');
    const received: Order = { ...order, status: 'received', receivedAt: now, updatedAt: now };
    if (deliverySessionId !== undefined) received.deliverySessionId = deliverySessionId;
    if (deliveryCheck !== undefined) received.deliveryCheck = deliveryCheck.map((l) => ({ ...l }));
    return received;
  });
}

/** Give up a draft or a placed order (the supplier will not deliver it). Idempotent. */
export async function cancelOrder(id: string, now = Date.now()): Promise<Order> {
  return changeStatus(id, undefined, (order) => {
    if (order.status === 'cancelled') return undefined;
    if (order.status === 'received') throw new OrderStateError(id, order.status, 'cancel');
    return { ...order, status: 'cancelled', cancelledAt: now, updatedAt: now };
  });
}

type OrdersWriteStore = IDBPObjectStore<KioskDB, 'orders'[], 'orders', 'readwrite'>;

/**
 * Read the order, let `change` decide its next state (undefined: leave it as it
 * is) and store that, in one transaction.
 */
/**
 * Change one order in one transaction. `audit` (an owner-only change) is
 * written in it only when the order did change: a double tap logs once.
 */
async function changeStatus(
  id: string,
  audit: NewAuditEntry | undefined,
  change: (order: Order, store: OrdersWriteStore) => Order | undefined | Promise<Order | undefined>,
): Promise<Order> {
  const stores: ('orders' | 'audit')[] = audit ? ['orders', 'audit'] : ['orders'];
  return inTransaction(
    stores,
    'readwrite',
    async (tx) => {
      const store = tx.objectStore('orders') as unknown as OrdersWriteStore;
      const order = await store.get(id);
      if (!order) throw new UnknownOrderError(id);
      const next = await change(order, store);
      if (!next) return order;
      await store.put(next);
      if (audit) await appendAuditIn(tx.objectStore('audit'), audit);
      return next;
    },
    { durability: 'strict' },
  );
}

/**
 * The placed order a delivery most likely brings: the one (oldest first) sharing
 * the most products with it, if any share one.
 */
export async function matchPlacedOrder(productCodes: readonly string[]): Promise<{ order: Order; matched: number } | undefined> {
  return bestMatch(await getPlacedOrders(), productCodes);
}

/** What a delivery is checked against: the placed orders, and each product's category, price band and carton size. */
export interface DeliveryCheckContext {
  /** Placed orders, in placing order. */
  orders: Order[];
  /** The order the delivery most likely brings (matchPlacedOrder's choice), if any. */
  likelyOrderId?: string;
  products: Map<string, CheckedProduct & { packsPerCarton?: number | undefined; unit: StockUnit }>;
}

/**
 * Read what checkDelivery needs for a delivery of these products: one read of
 * the placed orders, the products of their lines and of the delivery, and the
 * price bands (the report's: a substitute is in the same band as the report
 * counts it).
 */
export async function deliveryCheckContext(deliveredCodes: readonly string[]): Promise<DeliveryCheckContext> {
  const [orders, bands] = await Promise.all([getPlacedOrders(), getPriceBands()]);
  const codes = [...new Set([...deliveredCodes, ...orders.flatMap((o) => o.lines.map((l) => l.code))])];
  const found = await getProducts(codes);
  const products: DeliveryCheckContext['products'] = new Map();
  for (const p of found) {
    if (!p) continue;
    products.set(p.code, {
      code: p.code,
      name: p.name,
      category: p.category,
      band: priceBandOf(p, bands).key,
      packsPerCarton: p.packsPerCarton,
      unit: p.unit,
    });
  }
  const context: DeliveryCheckContext = { orders, products };
  const likely = bestMatch(orders, deliveredCodes);
  if (likely) context.likelyOrderId = likely.order.id;
  return context;
}

function bestMatch(orders: readonly Order[], productCodes: readonly string[]): { order: Order; matched: number } | undefined {
  const codes = new Set(productCodes);
  let best: { order: Order; matched: number } | undefined;
  for (const order of orders) {
    const matched = order.lines.filter((l) => codes.has(l.code)).length;
    if (matched > 0 && (!best || matched > best.matched)) best = { order, matched };
  }
  return best;
}

// ---------------------------------------------------------------- for the engine

type OrdersStore = IDBPObjectStore<KioskDB, ('products' | 'dayProducts' | 'orders')[], 'orders', 'readonly'>;

/** Packs on order per product: lines of placed, not yet received orders. */
export async function onOrderByProduct(store: OrdersStore): Promise<Map<string, number>> {
  const placed = await store.index('by-status').getAll('placed');
  const packs = new Map<string, number>();
  for (const order of placed) for (const line of order.lines) packs.set(line.code, (packs.get(line.code) ?? 0) + line.packs);
  return packs;
}

/** Order units of `code` in orders placed (or received) on a day of [start, end]. */
export function orderedUnitsInPeriod(orders: readonly Order[], code: string, start: string, end: string): number {
  let units = 0;
  for (const order of orders) {
    if (order.status !== 'placed' && order.status !== 'received') continue;
    if (order.placedDay === undefined || order.placedDay < start || order.placedDay > end) continue;
    for (const line of order.lines) if (line.code === code) units += line.units;
  }
  return units;
}
