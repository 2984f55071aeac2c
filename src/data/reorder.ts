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
import type { DailyTotal, Product } from '../domain/product.ts';
import { localDay } from '../domain/product.ts';
import type { DaySales, Quota, ReorderProduct, ReorderSettings } from '../domain/reorder/engine.ts';
import { addDays, dayIndex, dayString, isDayString } from '../domain/reorder/calendar.ts';
import { getDb, inTransaction } from './db.ts';
import { onOrderByProduct, orderedUnitsInPeriod } from './orders.ts';

export type { Order, OrderLine, OrderStatus } from './orders.ts';

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
  const tx = db.transaction(['products', 'dailyTotals', 'orders'], 'readonly');
  // All three requests are queued at once: one wait.
  const [products, totals, onOrder] = await Promise.all([
    tx.objectStore('products').getAll(),
    // Open above: totals dated after `today` (clock jumps) are needed for the walk back.
    tx.objectStore('dailyTotals').index('by-day').getAll(IDBKeyRange.lowerBound(from)),
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

/** The shop's business format (业态), as the tobacco licence names it. */
export type BusinessFormat = 'grocery' | 'convenience' | 'supermarket' | 'mall' | 'tobacco-liquor' | 'entertainment' | 'other';

export const BUSINESS_FORMATS: readonly BusinessFormat[] = ['grocery', 'convenience', 'supermarket', 'mall', 'tobacco-liquor', 'entertainment', 'other'];

/** Service levels offered on the screen. */
export const SERVICE_LEVELS: readonly number[] = [0.9, 0.95, 0.97, 0.99];

export const MAX_LEAD_TIME_DAYS = 90;
/** ¥10,000,000: above this a budget is a typing mistake. */
export const MAX_BUDGET_CENTS = 1_000_000_000;
/** Order units a quota may allow in one period. */
export const MAX_QUOTA_UNITS = 100_000;

export interface ReorderSettingsRecord {
  orderDays: number[];
  leadTimeDays: number;
  serviceLevel: number;
  businessFormat: BusinessFormat;
  budgetCents?: number;
  stocktakeMaxAgeDays?: number;
}

/** The settings as stored: one record under the key 'reorder'. */
export type StoredReorderSettings = ReorderSettingsRecord & { key: 'reorder'; updatedAt: number };

export const DEFAULT_REORDER_SETTINGS: Readonly<ReorderSettingsRecord> = {
  // Monday, one day to arrive: the usual weekly tobacco order.
  orderDays: [1],
  leadTimeDays: 1,
  serviceLevel: 0.97,
  businessFormat: 'grocery',
};

export type SettingsFieldError = 'required' | 'not-integer' | 'too-small' | 'too-large' | 'not-offered';
export type SettingsErrors = Partial<Record<keyof ReorderSettingsRecord, SettingsFieldError>>;

export class ReorderSettingsError extends Error {
  override name = 'ReorderSettingsError';
  constructor(readonly errors: SettingsErrors) {
    super(`Invalid reorder settings: ${Object.entries(errors).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
}

/** Check settings typed by the owner; NaN means a field left empty or not a number. */
export function checkReorderSettings(input: Partial<Record<keyof ReorderSettingsRecord, unknown>>):
  | { ok: true; settings: ReorderSettingsRecord }
  | { ok: false; errors: SettingsErrors } {
  const errors: SettingsErrors = {};
  const days = Array.isArray(input.orderDays) ? input.orderDays : [];
  const orderDays = [...new Set(days)].filter((d): d is number => Number.isInteger(d) && (d as number) >= 0 && (d as number) <= 6).sort((a, b) => a - b);
  if (orderDays.length === 0 || orderDays.length !== new Set(days).size) errors.orderDays = 'required';

  const lead = input.leadTimeDays;
  if (typeof lead !== 'number' || Number.isNaN(lead)) errors.leadTimeDays = 'required';
  else if (!Number.isInteger(lead)) errors.leadTimeDays = 'not-integer';
  else if (lead < 0) errors.leadTimeDays = 'too-small';
  else if (lead > MAX_LEAD_TIME_DAYS) errors.leadTimeDays = 'too-large';

  const level = input.serviceLevel;
  if (typeof level !== 'number' || !(level > 0.5 && level < 1)) errors.serviceLevel = 'not-offered';

  const format = input.businessFormat;
  if (typeof format !== 'string' || !(BUSINESS_FORMATS as readonly string[]).includes(format)) errors.businessFormat = 'required';

  const budget = input.budgetCents;
  if (budget !== undefined) {
    if (typeof budget !== 'number' || Number.isNaN(budget)) errors.budgetCents = 'required';
    else if (!Number.isInteger(budget)) errors.budgetCents = 'not-integer';
    else if (budget <= 0) errors.budgetCents = 'too-small';
    else if (budget > MAX_BUDGET_CENTS) errors.budgetCents = 'too-large';
  }

  const maxAge = input.stocktakeMaxAgeDays;
  if (maxAge !== undefined && (typeof maxAge !== 'number' || !Number.isInteger(maxAge) || maxAge < 1 || maxAge > 3650)) {
    errors.stocktakeMaxAgeDays = 'too-large';
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const settings: ReorderSettingsRecord = {
    orderDays,
    leadTimeDays: lead as number,
    serviceLevel: level as number,
    businessFormat: format as BusinessFormat,
  };
  if (budget !== undefined) settings.budgetCents = budget as number;
  if (maxAge !== undefined) settings.stocktakeMaxAgeDays = maxAge as number;
  return { ok: true, settings };
}

/** The saved settings, or the defaults before the owner saved any. */
export async function getReorderSettings(): Promise<ReorderSettingsRecord> {
  const db = await getDb();
  const stored = await db.get('settings', 'reorder');
  if (!stored) return { ...DEFAULT_REORDER_SETTINGS, orderDays: [...DEFAULT_REORDER_SETTINGS.orderDays] };
  const { key: _key, updatedAt: _updatedAt, ...settings } = stored;
  return settings;
}

/** Save the settings whole. Throws ReorderSettingsError (per field) and saves nothing when one is wrong. */
export async function putReorderSettings(input: ReorderSettingsRecord, now = Date.now()): Promise<ReorderSettingsRecord> {
  const checked = checkReorderSettings(input);
  if (!checked.ok) throw new ReorderSettingsError(checked.errors);
  const db = await getDb();
  await db.put('settings', { ...checked.settings, key: 'reorder', updatedAt: now });
  return checked.settings;
}

// ---------------------------------------------------------------- quotas

/** A quota as the owner or the rep enters it: order units of a product allowed in a period. */
export interface StoredQuota {
  code: string;
  units: number;
  periodStart: string;
  periodEnd: string;
  updatedAt?: number;
}

export type QuotaField = 'code' | 'units' | 'periodStart' | 'periodEnd';
export type QuotaFieldError = 'required' | 'not-integer' | 'too-small' | 'too-large' | 'before-start';
export type QuotaErrors = Partial<Record<QuotaField, QuotaFieldError>>;

export class QuotaError extends Error {
  override name = 'QuotaError';
  constructor(readonly errors: QuotaErrors) {
    super(`Invalid quota: ${Object.entries(errors).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
}

/** Check a quota; 0 units is allowed (nothing of it this period). */
export function checkQuota(input: { code?: unknown; units?: unknown; periodStart?: unknown; periodEnd?: unknown }): QuotaErrors {
  const errors: QuotaErrors = {};
  if (typeof input.code !== 'string' || input.code.trim() === '') errors.code = 'required';
  const units = input.units;
  if (typeof units !== 'number' || Number.isNaN(units)) errors.units = 'required';
  else if (!Number.isInteger(units)) errors.units = 'not-integer';
  else if (units < 0) errors.units = 'too-small';
  else if (units > MAX_QUOTA_UNITS) errors.units = 'too-large';
  if (!isDayString(input.periodStart)) errors.periodStart = 'required';
  if (!isDayString(input.periodEnd)) errors.periodEnd = 'required';
  else if (isDayString(input.periodStart) && input.periodEnd < input.periodStart) errors.periodEnd = 'before-start';
  return errors;
}

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
  const errors = checkQuota(quota);
  if (Object.keys(errors).length > 0) throw new QuotaError(errors);
  const stored: StoredQuota = { code: quota.code, units: quota.units, periodStart: quota.periodStart, periodEnd: quota.periodEnd, updatedAt: now };
  await inTransaction(['quotas'], 'readwrite', async (tx) => {
    await tx.objectStore('quotas').put(stored);
  });
  return stored;
}

export async function deleteQuota(code: string): Promise<void> {
  const db = await getDb();
  await db.delete('quotas', code);
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
