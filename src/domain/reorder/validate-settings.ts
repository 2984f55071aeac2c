/** The engine's settings checked from a form or storage, with their defaults. */
import { dayIndex, isDayString } from './calendar.ts';
import type { ReorderSettings } from './types.ts';

export const DEFAULT_SERVICE_LEVEL = 0.97;
export const DEFAULT_STOCKTAKE_MAX_AGE_DAYS = 35;

/** Checks settings from a form or storage; fills the defaults (service level 97%, stocktake age 35 days). */
export function validateSettings(
  s: Partial<ReorderSettings>,
): { ok: true; settings: ReorderSettings } | { ok: false; errors: Partial<Record<keyof ReorderSettings, string>> } {
  const errors: Partial<Record<keyof ReorderSettings, string>> = {};
  if (!isDayString(s.today)) errors.today = 'today must be a date YYYY-MM-DD';
  const days = Array.isArray(s.orderDays) ? s.orderDays : [];
  if (days.length === 0 || days.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) {
    errors.orderDays = 'choose at least one ordering day (0 = Sunday … 6 = Saturday)';
  }
  const lead = s.leadTimeDays;
  if (typeof lead !== 'number' || !Number.isInteger(lead) || lead < 0 || lead > 90) {
    errors.leadTimeDays = 'lead time must be a whole number of days from 0 to 90';
  }
  const sl = s.serviceLevel ?? DEFAULT_SERVICE_LEVEL;
  if (typeof sl !== 'number' || !(sl >= 0.5 && sl <= 0.999)) {
    errors.serviceLevel = 'service level must be between 50% and 99.9%';
  }
  if (s.budgetCents !== undefined && (!Number.isInteger(s.budgetCents) || s.budgetCents < 0)) {
    errors.budgetCents = 'budget must be a whole number of cents, 0 or more (leave it empty for no budget)';
  }
  const age = s.stocktakeMaxAgeDays ?? DEFAULT_STOCKTAKE_MAX_AGE_DAYS;
  if (!Number.isInteger(age) || age < 1 || age > 3650) {
    errors.stocktakeMaxAgeDays = 'stocktake age must be a whole number of days from 1 to 3650';
  }
  const quotas = s.quotas ?? [];
  if (!Array.isArray(quotas)) errors.quotas = 'quotas must be a list';
  else {
    for (const q of quotas) {
      const bad =
        !q ||
        typeof q.code !== 'string' ||
        q.code === '' ||
        !Number.isInteger(q.units) ||
        q.units < 0 ||
        !Number.isInteger(q.ordered) ||
        q.ordered < 0 ||
        !isDayString(q.periodStart) ||
        !isDayString(q.periodEnd) ||
        dayIndex(q.periodEnd) < dayIndex(q.periodStart);
      if (bad) {
        errors.quotas = `quota for ${q && typeof q.code === 'string' && q.code ? q.code : '(no product)'}: units and ordered must be whole numbers ≥ 0 and the period must run from its start to its end`;
        break;
      }
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const settings: ReorderSettings = {
    today: s.today!,
    orderDays: [...new Set(days)].sort((a, b) => a - b),
    leadTimeDays: lead as number,
    serviceLevel: sl,
    stocktakeMaxAgeDays: age,
    quotas: quotas.map((q) => ({ ...q })),
  };
  if (s.budgetCents !== undefined) settings.budgetCents = s.budgetCents;
  return { ok: true, settings };
}
