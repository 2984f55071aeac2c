/**
 * The monthly supply agreement (月度约定): what the shop expects to sell in the
 * coming month, by category and price band, and for each scarce product (紧俏
 *货源, a product with a quota) against what its quota allows in that month.
 * The owner and the account rep agree on it at the month's last visit.
 *
 * The month's demand per product is the reorder engine's own daily forecast
 * (seasonal average aligned on the Spring Festival, month-on-month and
 * year-on-year factors, Croston for slow sellers, the category's level for new
 * products): monthForecastSettings() asks suggestOrders() for a protection
 * interval that runs from today to the month's last day, and monthPacks() adds
 * up the days of the month. One forecast, the one the weekly order uses, so
 * the agreement and the orders cannot tell two stories.
 *
 * The shop's business format (业态) and volume band (档位) head the agreement:
 * they are what the supplier's plan groups shops by. A terminal has only its
 * own shop's sales, so they do not change the forecast here.
 *
 * Pure: no clock, no storage. Money in integer cents, quantities in packs.
 */
import { civilToIndex, dayIndex, dayString, indexToCivil } from './reorder/calendar.ts';
import type { Quota, ReorderProduct, ReorderSettings, Suggestion } from './reorder/engine.ts';
import type { BusinessFormat } from './reorder/settings.ts';
import { priceBandOf, type BandOf, type PriceBands } from './report/bands.ts';

/** The month after the one `today` is in: 'YYYY-MM'. */
export function nextMonth(today: string): string {
  const { year, month } = indexToCivil(dayIndex(today));
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** First and last day of 'YYYY-MM', and its number of days. */
export function monthSpan(month: string): { first: string; last: string; days: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new RangeError(`monthSpan: ${month} is not a month`);
  const year = Number(m[1]);
  const mon = Number(m[2]);
  if (mon < 1 || mon > 12) throw new RangeError(`monthSpan: ${month} is not a month`);
  const first = civilToIndex(year, mon, 1);
  const next = mon === 12 ? civilToIndex(year + 1, 1, 1) : civilToIndex(year, mon + 1, 1);
  return { first: dayString(first), last: dayString(next - 1), days: next - first };
}

/**
 * Settings that make suggestOrders() forecast every day from `today` to the
 * month's last day (its protection interval is lead time + 7 days with no
 * order day). No quotas and no budget: the agreement wants demand, not an
 * order.
 */
export function monthForecastSettings(today: string, month: string): ReorderSettings {
  const { last } = monthSpan(month);
  const days = dayIndex(last) - dayIndex(today) + 1;
  if (days < 7) throw new RangeError(`monthForecastSettings: ${month} ends less than a week after ${today}`);
  return { today, orderDays: [], leadTimeDays: days - 7, serviceLevel: 0.97, quotas: [] };
}

/** The packs the suggestion's daily forecast (from `today` on) expects in `month`. */
export function monthPacks(suggestion: Pick<Suggestion, 'daily'>, today: string, month: string): number {
  const { first, last } = monthSpan(month);
  const from = dayIndex(first) - dayIndex(today);
  const to = dayIndex(last) - dayIndex(today);
  let sum = 0;
  for (let j = Math.max(0, from); j <= to && j < suggestion.daily.length; j++) sum += suggestion.daily[j]!;
  return sum;
}

export interface MonthProduct {
  code: string;
  name?: string | undefined;
  category?: string | undefined;
  priceCents: number;
  costCents?: number | undefined;
  packsPerCarton?: number | undefined;
  cartonPriceCents?: number | undefined;
  /** Packs per order unit (what quotas count in). */
  orderUnit: number;
  discontinued?: boolean | undefined;
  /** Expected packs sold in the month (monthPacks of the engine's forecast). */
  packs: number;
}

export interface AgreementLine {
  /** The category as the products say it; '' for products without one. */
  category: string;
  band: BandOf;
  products: number;
  packs: number;
  /** For carton-banded categories (cigarettes), the same in cartons. */
  cartons?: number;
  salesCents: number;
  /** At cost; 0 for products whose cost is unknown. */
  costCents: number;
}

export interface ScarceLine {
  code: string;
  name?: string | undefined;
  /** Expected demand in the month, in order units (rounded up: a quota is whole units). */
  expectedUnits: number;
  /** Order units the quota allows in the month: its units × the share of its period in the month, rounded down. */
  quotaUnits: number;
  /** expectedUnits − quotaUnits: above 0, the quota will not cover the demand. */
  gap: number;
}

export interface MonthlyAgreement {
  month: string;
  businessFormat: BusinessFormat;
  volumeBand?: number | undefined;
  lines: AgreementLine[];
  total: { packs: number; salesCents: number; costCents: number };
  scarce: ScarceLine[];
}

export interface AgreementInput {
  month: string;
  businessFormat: BusinessFormat;
  volumeBand?: number | undefined;
  products: readonly MonthProduct[];
  quotas: readonly Pick<Quota, 'code' | 'units' | 'periodStart' | 'periodEnd'>[];
  bands: PriceBands;
}

/** Round to a tenth: a month's forecast has no more precision than that. */
function tenth(x: number): number {
  return Math.round(x * 10) / 10;
}

/**
 * Group the month's forecast by category and price band (categories in name
 * order, bands low to high), leaving out discontinued products, and set each
 * scarce product's demand against its quota's share of the month.
 */
export function monthlyAgreement(input: AgreementInput): MonthlyAgreement {
  const { first, last } = monthSpan(input.month);
  const lines = new Map<string, AgreementLine & { rawCartons: number }>();
  const total = { packs: 0, salesCents: 0, costCents: 0 };
  const selling = input.products.filter((p) => !p.discontinued && p.packs > 0);
  for (const p of selling) {
    const band = priceBandOf(p, input.bands);
    const category = p.category ?? '';
    const key = `${category}\u0000${band.key}`;
    let line = lines.get(key);
    if (!line) lines.set(key, (line = { category, band, products: 0, packs: 0, salesCents: 0, costCents: 0, rawCartons: 0 }));
    const sales = Math.round(p.packs * p.priceCents);
    const cost = p.costCents === undefined ? 0 : Math.round(p.packs * p.costCents);
    line.products++;
    line.packs += p.packs;
    line.salesCents += sales;
    line.costCents += cost;
    if (band.perCarton) line.rawCartons += p.packs / (p.packsPerCarton ?? input.bands.defaultPacksPerCarton);
    total.packs += p.packs;
    total.salesCents += sales;
    total.costCents += cost;
  }
  const sorted = [...lines.values()]
    .sort((a, b) => (a.category === b.category ? bandRank(a.band) - bandRank(b.band) : a.category < b.category ? -1 : 1))
    .map(({ rawCartons, ...line }) => {
      const out: AgreementLine = { ...line, packs: tenth(line.packs) };
      if (line.band.perCarton) out.cartons = tenth(rawCartons);
      return out;
    });

  const byCode = new Map(input.products.map((p) => [p.code, p]));
  const scarce: ScarceLine[] = [];
  for (const q of input.quotas) {
    const p = byCode.get(q.code);
    if (!p || p.discontinued) continue;
    const overlapFrom = Math.max(dayIndex(first), dayIndex(q.periodStart));
    const overlapTo = Math.min(dayIndex(last), dayIndex(q.periodEnd));
    if (overlapTo < overlapFrom) continue;
    const periodDays = dayIndex(q.periodEnd) - dayIndex(q.periodStart) + 1;
    const quotaUnits = Math.floor((q.units * (overlapTo - overlapFrom + 1)) / periodDays);
    // A tenth of a pack of noise must not ask for one more carton.
    const expectedUnits = Math.ceil(tenth(p.packs) / Math.max(1, p.orderUnit) - 1e-9);
    scarce.push({ code: p.code, name: p.name, expectedUnits, quotaUnits, gap: expectedUnits - quotaUnits });
  }
  scarce.sort((a, b) => b.gap - a.gap || (a.code < b.code ? -1 : 1));

  const agreement: MonthlyAgreement = {
    month: input.month,
    businessFormat: input.businessFormat,
    lines: sorted,
    total: { ...total, packs: tenth(total.packs) },
    scarce,
  };
  if (input.volumeBand !== undefined) agreement.volumeBand = input.volumeBand;
  return agreement;
}

function bandRank(band: BandOf): number {
  return band.fromCents;
}

/**
 * The agreement's products from the engine's inputs and its suggestions for
 * monthForecastSettings(today, month): each product's month of demand.
 */
export function monthProducts(
  inputs: readonly Pick<ReorderProduct, 'code' | 'name' | 'category' | 'priceCents' | 'costCents' | 'orderUnit' | 'discontinued'>[],
  suggestions: readonly Pick<Suggestion, 'code' | 'daily'>[],
  today: string,
  month: string,
): MonthProduct[] {
  const byCode = new Map(suggestions.map((s) => [s.code, s]));
  return inputs.map((p) => {
    const unit = p.orderUnit !== undefined && p.orderUnit > 1 ? p.orderUnit : 1;
    const s = byCode.get(p.code);
    const out: MonthProduct = {
      code: p.code,
      name: p.name,
      category: p.category,
      priceCents: p.priceCents,
      orderUnit: unit,
      packs: s ? monthPacks(s, today, month) : 0,
    };
    if (p.costCents !== undefined) out.costCents = p.costCents;
    // The order unit is the carton size where there is one: what the price band of a carton needs.
    if (unit > 1) out.packsPerCarton = unit;
    if (p.discontinued) out.discontinued = true;
    return out;
  });
}
