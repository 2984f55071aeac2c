/**
 * What the reorder engine reads and returns: the products with their sales,
 * the shop's ordering settings, and each product's suggestion with the numbers
 * that produced it.
 */
export interface DaySales {
  day: string;
  sold: number;
  /** true when the product was out of stock (stock ≤ 0) at the end of that day: demand censored */ stockout?: boolean;
}
export interface ReorderProduct {
  code: string;
  name?: string;
  category?: string;
  priceCents: number;
  costCents?: number;
  /** packs per order unit (carton); default 1 */ orderUnit?: number;
  minOrderUnits?: number;
  discontinued?: boolean;
  /** contiguous days, oldest first, ending the day before settings.today (missing days = 0 sold) */ history: DaySales[];
  stock: number;
  /** packs already ordered, not yet received */ onOrder: number;
  /** day of the last stocktake that counted it, if any */ lastCountedDay?: string;
}
export interface Quota {
  code: string;
  /** order units allowed in the period */ units: number;
  periodStart: string;
  periodEnd: string;
  /** order units already ordered in the period */ ordered: number;
}
export interface ReorderSettings {
  today: string;
  /** 0 = Sunday … 6 = Saturday */ orderDays: number[];
  leadTimeDays: number;
  serviceLevel: number /* default 0.97 */;
  budgetCents?: number;
  quotas?: Quota[];
  stocktakeMaxAgeDays?: number /* default 35 */;
}
export type DemandPattern = 'smooth' | 'erratic' | 'intermittent' | 'lumpy' | 'new' | 'none';
export type ForecastMethod = 'seasonal' | 'smoothing' | 'croston-sba' | 'tsb' | 'category' | 'none';
export type CapReason = 'quota' | 'budget' | 'discontinued' | 'min-order';
export type SuggestionFlag = 'count-before-ordering' | 'negative-stock' | 'no-history' | 'censored-days';
export type ReasonPart =
  | { kind: 'festival'; festival: 'spring-festival'; weeksBefore: number }
  | { kind: 'yoy'; growth: number }
  | { kind: 'mom'; coefficient: number }
  | { kind: 'safety'; units: number }
  | { kind: 'capped'; by: CapReason }
  | { kind: 'flag'; flag: SuggestionFlag }
  | { kind: 'method'; method: ForecastMethod; pattern: DemandPattern };
export interface Suggestion {
  code: string;
  pattern: DemandPattern;
  method: ForecastMethod;
  adi: number;
  cv2: number;
  protectionDays: number;
  /** expected demand (packs) over the protection interval */ forecast: number;
  /** per-day forecast for the next protectionDays, packs (for the chart) */ daily: number[];
  factors?: { seasonalAverage: number; momCoefficient: number; yoyGrowth: number };
  safetyStock: number;
  orderUpTo: number;
  stock: number;
  onOrder: number;
  /** packs the ordering rule chose (whole order units), before the caps */ raw: number;
  units: number;
  packs: number;
  cappedBy?: CapReason;
  flags: SuggestionFlag[];
  reasons: ReasonPart[];
  daysOfCover: number | null;
  expectedLostSales: number;
  marginCents: number;
}
