/**
 * The owner's ordering settings and quotas of scarce products: their limits and
 * the checks of what the owner typed. Pure: the order settings form checks as
 * the owner types, src/data/reorder.ts checks again before it stores.
 */
import { fieldErrorsText } from '../errors.ts';
import { isDayString } from './calendar.ts';

/** The shop's business format (业态), as the tobacco licence names it. */
export type BusinessFormat = 'grocery' | 'convenience' | 'supermarket' | 'mall' | 'tobacco-liquor' | 'entertainment' | 'other';

export const BUSINESS_FORMATS: readonly BusinessFormat[] = [
  'grocery',
  'convenience',
  'supermarket',
  'mall',
  'tobacco-liquor',
  'entertainment',
  'other',
];

/** Service levels offered on the screen. */
export const SERVICE_LEVELS: readonly number[] = [0.9, 0.95, 0.97, 0.99];

export const MAX_LEAD_TIME_DAYS = 90;
/** ¥10,000,000: above this a budget is a typing mistake. */
export const MAX_BUDGET_CENTS = 1_000_000_000;
/** Order units a quota may allow in one period. */
export const MAX_QUOTA_UNITS = 100_000;
/** The tobacco company grades its retailers in 30 volume bands (档位), 1 the smallest. */
export const MAX_VOLUME_BAND = 30;

export interface ReorderSettingsRecord {
  orderDays: number[];
  leadTimeDays: number;
  serviceLevel: number;
  businessFormat: BusinessFormat;
  budgetCents?: number;
  stocktakeMaxAgeDays?: number;
  /** 档位: the volume band the supplier puts the shop in (1–MAX_VOLUME_BAND), when known. */
  volumeBand?: number;
}

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
    super(`Invalid reorder settings: ${fieldErrorsText(errors)}`);
  }
}

/** Check settings typed by the owner; NaN means a field left empty or not a number. */
export function checkReorderSettings(
  input: Partial<Record<keyof ReorderSettingsRecord, unknown>>,
): { ok: true; settings: ReorderSettingsRecord } | { ok: false; errors: SettingsErrors } {
  const errors: SettingsErrors = {};
  const days = Array.isArray(input.orderDays) ? input.orderDays : [];
  const orderDays = [...new Set(days)]
    .filter((d): d is number => Number.isInteger(d) && (d as number) >= 0 && (d as number) <= 6)
    .sort((a, b) => a - b);
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

  const band = input.volumeBand;
  if (band !== undefined) {
    if (typeof band !== 'number' || Number.isNaN(band)) errors.volumeBand = 'required';
    else if (!Number.isInteger(band)) errors.volumeBand = 'not-integer';
    else if (band < 1) errors.volumeBand = 'too-small';
    else if (band > MAX_VOLUME_BAND) errors.volumeBand = 'too-large';
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
  if (band !== undefined) settings.volumeBand = band as number;
  return { ok: true, settings };
}

// ---------------------------------------------------------------- quotas

export type QuotaField = 'code' | 'units' | 'periodStart' | 'periodEnd';
export type QuotaFieldError = 'required' | 'not-integer' | 'too-small' | 'too-large' | 'before-start';
export type QuotaErrors = Partial<Record<QuotaField, QuotaFieldError>>;

export class QuotaError extends Error {
  override name = 'QuotaError';
  constructor(readonly errors: QuotaErrors) {
    super(`Invalid quota: ${fieldErrorsText(errors)}`);
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
