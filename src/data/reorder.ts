/**
 * What the reorder engine (src/domain/reorder/engine.ts) needs from the shop's
 * books, and the owner's ordering settings and quotas.
 *
 * Sales history comes from the daily totals only, read through their 'by-day'
 * index for the days needed (up to HISTORY_DAYS): never the scans, never the
 * movements. Three years of a 500-product shop is at most a few hundred
 * thousand small totals, read in one request.
 *
 * Stockout days (demand censored): a day is a stockout when the product's
 * stock at the END of that day was ≤ 0. The stock at the end of each day is
 * found by walking back from the current stock (which always equals the sum of
 * every movement) through the daily totals, newest day first:
 *
 *     stockAtEnd(d) = stockAtEnd(d + 1) − (received(d + 1) + adjusted(d + 1) − sold(d + 1))
 *
 * starting from the current stock at the end of the newest day that has a
 * total (days after `today` included: the Pi has no real-time clock, so a
 * clock that jumped may have dated movements "in the future", and they are in
 * the current stock all the same).
 */
import { requireRole } from './roles.ts';
import { appendAuditIn } from './audit.ts';
import type { DailyTotal, Product } from '../domain/product.ts';
import { localDay } from '../domain/product.ts';
import type { DaySales, Quota, ReorderProduct, ReorderSettings } from '../domain/reorder/engine.ts';
import { addDays, dayIndex, dayString, isDayString } from '../domain/reorder/calendar.ts';
import { getDb, inTransaction } from './db.ts';
import { dailyTotals } from './history.ts';
import {
  DEFAULT_REORDER_SETTINGS,
  QuotaError,
  ReorderSettingsError,
  checkQuota,
  checkReorderSettings,
  type ReorderSettingsRecord,
} from '../domain/reorder/settings.ts';
import type { StoredQuota } from './schema.ts';
import { onOrderByProduct, orderedUnitsInPeriod } from './orders.ts';

export type { Order, OrderLine, OrderStatus, StoredQuota, StoredReorderSettings } from './schema.ts';
export * from '../domain/reorder/settings.ts';

/** How far back the engine looks: three years (seasonal average of the same weeks of earlier years). */
export const HISTORY_DAYS = 3 * 365;

// ---------------------------------------------------------------- inputs

/**
 * One ReorderProduct per product: contiguous history (oldest first, ending the
 * day before `today`, missing days 0 sold, stockout days flagged), stock,
 * packs on order (placed, not yet received), order unit (carton size) and the
 * day of the last stocktake. A product's history starts on its first day in
 * the books (its first daily total or its registration day), at most
 * HISTORY_DAYS back, so a product new to the shop looks new to the engine.
 */
export async function getReorderInputs(today: string): Promise<ReorderProduct[]> {
  if (!isDayString(today)) throw new RangeError(`getReorderInputs: ${today} is not a day`);
  const from = addDays(today, -HISTORY_DAYS);
  const db = await getDb();
  const tx = db.transaction(['products', 'dayProducts', 'orders'], 'readonly');
  // All three requests are queued at once: one wait.
  const [products, totals, onOrder] = await Promise.all([
    tx.objectStore('products').getAll(),
    // Open above: totals dated after `today` (clock jumps) are needed for the walk back.
    dailyTotals(tx, { from }),
    onOrderByProduct(tx.objectStore('orders')),
  ]);
  await tx.done;

  const byProduct = new Map<string, DailyTotal[]>();
  for (const t of totals) {
    let list = byProduct.get(t.code);
    if (!list) byProduct.set(t.code, (list = []));
    list.push(t);
  }
  const end = dayIndex(today) - 1;
  return products.map((p) => toReorderProduct(p, byProduct.get(p.code) ?? [], onOrder.get(p.code) ?? 0, dayIndex(from), end));
}

function toReorderProduct(product: Product, totals: DailyTotal[], onOrder: number, from: number, end: number): ReorderProduct {
  const out: ReorderProduct = {
    code: product.code,
    name: product.name,
    priceCents: product.priceCents,
    orderUnit: orderUnitOf(product),
    history: buildHistory(product, totals, from, end),
    stock: product.stock,
    onOrder,
  };
  if (product.category !== undefined) out.category = product.category;
  if (product.costCents !== undefined) out.costCents = product.costCents;
  if (product.lastCountedAt !== undefined) out.lastCountedDay = localDay(product.lastCountedAt);
  if (product.minOrderUnits !== undefined) out.minOrderUnits = product.minOrderUnits;
  if (product.discontinued) out.discontinued = true;
  return out;
}

/** Packs in one order unit: the carton size, or 1 (a v1 product counted in cartons is ordered one by one). */
export function orderUnitOf(product: Pick<Product, 'unit' | 'packsPerCarton'>): number {
  return product.unit === 'pack' && product.packsPerCarton !== undefined && product.packsPerCarton > 1 ? product.packsPerCarton : 1;
}

/**
 * Contiguous days [start, end] with sold and the stockout flag; `totals` are the
 * product's totals from `from` on, in day order (the index's order).
 */
export function buildHistory(
  product: Pick<Product, 'stock' | 'createdAt'>,
  totals: readonly DailyTotal[],
  from: number,
  end: number,
): DaySales[] {
  const net = new Map<number, { sold: number; change: number }>();
  let first = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  for (const t of totals) {
    const n = dayIndex(t.day);
    net.set(n, { sold: t.sold, change: t.received + t.adjusted - t.sold });
    if (n < first) first = n;
    if (n > latest) latest = n;
  }
  const created = Number.isFinite(product.createdAt) ? dayIndex(localDay(product.createdAt)) : Number.POSITIVE_INFINITY;
  const start = Math.max(from, Math.min(first, created, end + 1));
  if (start > end) return [];

  // Stock at the end of `end`: the current stock less every change after it.
  let stock = product.stock;
  for (const [n, day] of net) if (n > end) stock -= day.change;

  const history: DaySales[] = new Array<DaySales>(end - start + 1);
  for (let n = end; n >= start; n--) {
    const day = net.get(n);
    const entry: DaySales = { day: dayString(n), sold: day?.sold ?? 0 };
    if (stock <= 0) entry.stockout = true;
    history[n - start] = entry;
    stock -= day?.change ?? 0;
  }
  return history;
}

// ---------------------------------------------------------------- settings

/** The saved settings, or the defaults before the owner saved any. */
export async function getReorderSettings(): Promise<ReorderSettingsRecord> {
  const db = await getDb();
  const stored = await db.get('settings', 'reorder');
  if (!stored || stored.key !== 'reorder') return { ...DEFAULT_REORDER_SETTINGS, orderDays: [...DEFAULT_REORDER_SETTINGS.orderDays] };
  const { key: _key, updatedAt: _updatedAt, ...settings } = stored;
  return settings;
}

/** Save the settings whole. Throws ReorderSettingsError (per field) and saves nothing when one is wrong. */
export async function putReorderSettings(input: ReorderSettingsRecord, now = Date.now()): Promise<ReorderSettingsRecord> {
  const audit = requireRole('settings');
  const checked = checkReorderSettings(input);
  if (!checked.ok) throw new ReorderSettingsError(checked.errors);
  await inTransaction(['settings', 'audit'], 'readwrite', async (tx) => {
    await Promise.all([
      tx.objectStore('settings').put({ ...checked.settings, key: 'reorder', updatedAt: now }),
      appendAuditIn(tx.objectStore('audit'), { ...audit, detail: 'reorder settings' }),
    ]);
  });
  return checked.settings;
}

// ---------------------------------------------------------------- quotas

/**
 * Every quota with what was already ordered of it in its period (order units of
 * placed and received orders placed on a day of the period), as the engine takes it.
 */
export async function getQuotas(): Promise<Quota[]> {
  const db = await getDb();
  const tx = db.transaction(['quotas', 'orders'], 'readonly');
  const [quotas, orders] = await Promise.all([tx.objectStore('quotas').getAll(), tx.objectStore('orders').getAll()]);
  await tx.done;
  return quotas.map((q) => ({
    code: q.code,
    units: q.units,
    periodStart: q.periodStart,
    periodEnd: q.periodEnd,
    ordered: orderedUnitsInPeriod(orders, q.code, q.periodStart, q.periodEnd),
  }));
}

/** Save (or replace) a product's quota. Throws QuotaError with per-field errors. */
export async function putQuota(quota: Omit<StoredQuota, 'updatedAt'>, now = Date.now()): Promise<StoredQuota> {
  const audit = requireRole('settings');
  const errors = checkQuota(quota);
  if (Object.keys(errors).length > 0) throw new QuotaError(errors);
  const stored: StoredQuota = {
    code: quota.code,
    units: quota.units,
    periodStart: quota.periodStart,
    periodEnd: quota.periodEnd,
    updatedAt: now,
  };
  await inTransaction(['quotas', 'audit'], 'readwrite', async (tx) => {
    await Promise.all([
      tx.objectStore('quotas').put(stored),
      appendAuditIn(tx.objectStore('audit'), { ...audit, detail: `quota ${quota.code}: ${quota.units}` }),
    ]);
  });
  return stored;
}

export async function deleteQuota(code: string): Promise<void> {
  const audit = requireRole('settings');
  await inTransaction(['quotas', 'audit'], 'readwrite', async (tx) => {
    await Promise.all([
      tx.objectStore('quotas').delete(code),
      appendAuditIn(tx.objectStore('audit'), { ...audit, detail: `quota ${code} removed` }),
    ]);
  });
}

/** The settings the engine takes for `today`: the saved ones and the quotas. */
export async function getEngineSettings(today: string): Promise<ReorderSettings> {
  const [settings, quotas] = await Promise.all([getReorderSettings(), getQuotas()]);
  const out: ReorderSettings = {
    today,
    orderDays: settings.orderDays,
    leadTimeDays: settings.leadTimeDays,
    serviceLevel: settings.serviceLevel,
    quotas,
  };
  if (settings.budgetCents !== undefined) out.budgetCents = settings.budgetCents;
  if (settings.stocktakeMaxAgeDays !== undefined) out.stocktakeMaxAgeDays = settings.stocktakeMaxAgeDays;
  return out;
}
