/** What limits an order: the minimum order, a discontinued product, the quota and the budget. */
import { dayIndex, isDayString } from './calendar.ts';
import { clampInt, finiteOr } from './numbers.ts';
import { orderDaysBetween } from './order-days.ts';
import type { Working } from './product-forecast.ts';
import type { Quota, ReorderProduct, ReorderSettings, Suggestion } from './types.ts';

/** Packs per order unit as the engine counts them: a whole number ≥ 1, else 1 (bad data orders single packs). */
export function orderUnitOf(p: ReorderProduct): number {
  const u = p.orderUnit;
  return typeof u === 'number' && Number.isInteger(u) && u >= 1 ? u : 1;
}

function findQuota(quotas: Quota[] | undefined, code: string, todayIdx: number): Quota | undefined {
  if (!quotas) return undefined;
  for (const q of quotas) {
    if (q.code !== code || !isDayString(q.periodStart) || !isDayString(q.periodEnd)) continue;
    if (dayIndex(q.periodStart) <= todayIdx && todayIdx <= dayIndex(q.periodEnd)) return q;
  }
  return undefined;
}

/**
 * Fill the budget by priority: the expected lost sales (revenue, cents) if
 * nothing is ordered first, then the margin per pack; each product gets as many
 * of its suggested units as still fit (none if fewer than its minimum order).
 */
export function applyBudget(work: Working[], budget: number): void {
  const order = work
    .filter((w) => w.s.units > 0)
    .sort((a, b) => {
      const la = a.s.expectedLostSales * finiteOr(a.product.priceCents, 0);
      const lb = b.s.expectedLostSales * finiteOr(b.product.priceCents, 0);
      if (lb !== la) return lb - la;
      if (b.s.marginCents !== a.s.marginCents) return b.s.marginCents - a.s.marginCents;
      return a.s.code < b.s.code ? -1 : a.s.code > b.s.code ? 1 : 0;
    });
  let left = budget;
  for (const w of order) {
    const unitCost = finiteOr(w.product.costCents ?? w.product.priceCents, 0) * w.orderUnit;
    if (unitCost <= 0) continue;
    const fits = Math.floor(left / unitCost);
    if (fits < w.s.units) {
      const minUnits = clampInt(w.product.minOrderUnits, 0, 1e9, 0);
      w.s.units = fits >= minUnits ? fits : 0;
      w.s.cappedBy = 'budget';
    }
    left -= w.s.units * unitCost;
  }
}

/** The caps of one product's order: its minimum order, discontinued, its quota spread over the period's order days left. */
export function capUnits(s: Suggestion, product: ReorderProduct, settings: ReorderSettings, todayIdx: number): void {
  const minUnits = clampInt(product.minOrderUnits, 0, 1e9, 0);
  if (s.units > 0 && s.units < minUnits) {
    s.units = minUnits;
    s.cappedBy = 'min-order';
  }
  if (product.discontinued) {
    s.units = 0;
    s.cappedBy = 'discontinued';
  }
  const quota = findQuota(settings.quotas, product.code, todayIdx);
  if (quota && !product.discontinued) {
    const remaining = Math.max(0, Math.floor(quota.units) - Math.max(0, Math.floor(quota.ordered)));
    const days = orderDaysBetween(todayIdx, dayIndex(quota.periodEnd), settings.orderDays);
    const allowed = Math.ceil(remaining / Math.max(1, days));
    if (s.units > allowed) {
      s.units = allowed;
      s.cappedBy = 'quota';
    }
  }
}
