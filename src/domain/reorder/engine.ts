/**
 * Sales-guided reorder advice (issue 4): a periodic-review, lost-sales policy.
 *
 * For each product: classify its demand (ADI / CV²), forecast demand over the
 * protection interval with the method that fits, add safety stock from the
 * measured forecast error and the service level, order up to that level, round
 * to order units, then apply the caps (discontinued, quota, budget). Every
 * number that produced a suggestion is returned with it.
 *
 * Pure and deterministic: no DOM, no IndexedDB, no clock (settings.today is the
 * only "now"), no Date objects in loops. Days are integer indexes.
 *
 * This module runs the passes; each step lives in its own module beside it
 * (series, intermittent, seasonal, category-season, product-forecast,
 * forecast-error, safety-stock, caps, reasons). Its exports are the engine's
 * public face: src/, bench/ and test/ import from here.
 */
import { dayIndex } from './calendar.ts';
import { applyBudget, capUnits, orderUnitOf } from './caps.ts';
import { categorySeasons } from './category-season.ts';
import { clamp, clampInt, finiteOr, round2 } from './numbers.ts';
import { daysToNextOrderDay, protectionInterval } from './order-days.ts';
import { shortagePrice } from './policy.ts';
import { emptySuggestion, forecastBorrowed, forecastOwn, type Working } from './product-forecast.ts';
import { buildReasons, flagSuggestion } from './reasons.ts';
import { applyChoice, buildChoices, PRODUCT_FILL_FLOOR } from './safety-stock.ts';
import { prepare, toSeries, type Series } from './series.ts';
import { DEFAULT_SERVICE_LEVEL, DEFAULT_STOCKTAKE_MAX_AGE_DAYS } from './validate-settings.ts';
import type { ReorderProduct, ReorderSettings, Suggestion } from './types.ts';

export type {
  CapReason,
  DaySales,
  DemandPattern,
  ForecastMethod,
  Quota,
  ReasonPart,
  ReorderProduct,
  ReorderSettings,
  Suggestion,
  SuggestionFlag,
} from './types.ts';
export { DEFAULT_SERVICE_LEVEL, DEFAULT_STOCKTAKE_MAX_AGE_DAYS, validateSettings } from './validate-settings.ts';
export { ADI_CUTOFF, CV2_CUTOFF, NEW_PRODUCT_DAYS, classifyDemand } from './intermittent.ts';
export {
  FACTOR_MAX,
  FACTOR_MIN,
  MOM_SPREAD,
  POOLED_LEVEL_DAYS,
  POOLED_MOM_DAYS,
  POOLED_MOM_SPREAD,
  SEASONAL_MAX_YEARS,
  SEASONAL_MIN_DAYS,
  SEASON_HALF_WIDTH,
  alignedDay,
} from './seasonal.ts';
export { MEASURED_ERROR_WEIGHT, scaledErrorVariance } from './forecast-error.ts';
export { NEW_PRODUCT_CV, NORMAL_MIN_FORECAST, PRODUCT_FILL_FLOOR } from './safety-stock.ts';
export { POOL_MIN_DAILY, POOL_MIN_PRODUCTS } from './category-season.ts';
export { daysToNextOrderDay, protectionInterval } from './order-days.ts';
export { paretoView, slowMovers } from './views.ts';

/** Days the stock lasts at the forecast rate; null when nothing is expected to sell. */
export function daysOfCover(stock: number, dailyRate: number): number | null {
  if (!(dailyRate > 0)) return null;
  return Math.max(0, stock) / dailyRate;
}

/**
 * Order suggestions for every product. Products with under NEW_PRODUCT_DAYS of
 * history borrow the average per-product forecast of their category (blended
 * with their own average as their history grows).
 */
export function suggestOrders(products: ReorderProduct[], settings: ReorderSettings): Suggestion[] {
  const todayIdx = dayIndex(settings.today);
  const pdays = protectionInterval(settings);
  const serviceLevel =
    typeof settings.serviceLevel === 'number' && Number.isFinite(settings.serviceLevel)
      ? clamp(settings.serviceLevel, 0.5, 0.999)
      : DEFAULT_SERVICE_LEVEL;
  const maxAge = clampInt(settings.stocktakeMaxAgeDays, 1, 3650, DEFAULT_STOCKTAKE_MAX_AGE_DAYS);

  const work: Working[] = [];
  const series: Series[] = [];
  const borrowing: number[] = [];
  const categorySum = new Map<string, { daily: Float64Array; count: number }>();
  for (const product of products) {
    work.push({ s: emptySuggestion(product, pdays), product, orderUnit: orderUnitOf(product), sd: NaN });
    series.push(toSeries(Array.isArray(product.history) ? product.history : [], todayIdx));
  }
  const prepared = series.map(prepare);
  const seasons = categorySeasons(series, prepared, products, todayIdx, pdays);
  for (let i = 0; i < work.length; i++) {
    const w = work[i]!;
    const product = w.product;
    const ser = series[i]!;
    if (forecastOwn(w, ser, pdays, prepared[i]!, product.category ? seasons.get(product.category) : undefined)) {
      if (product.category && !product.discontinued) {
        let c = categorySum.get(product.category);
        if (!c) {
          c = { daily: new Float64Array(pdays), count: 0 };
          categorySum.set(product.category, c);
        }
        for (let j = 0; j < pdays; j++) c.daily[j] = c.daily[j]! + w.s.daily[j]!;
        c.count++;
      }
    } else borrowing.push(i);
  }
  for (const i of borrowing) {
    const w = work[i]!;
    forecastBorrowed(w, series[i]!, w.product.category ? categorySum.get(w.product.category) : undefined, pdays);
  }

  const leadDays = pdays - daysToNextOrderDay(todayIdx, settings.orderDays);
  const choices = work.map((w) => buildChoices(w, leadDays));
  const floor = Math.min(serviceLevel, PRODUCT_FILL_FLOOR);
  // One shortage price for the shop (policy.ts), set by the products that may be ordered.
  const shortage = shortagePrice(
    choices.filter((_, i) => !work[i]!.product.discontinued),
    serviceLevel,
    floor,
  );
  for (let i = 0; i < work.length; i++) {
    const w = work[i]!;
    const { s, product } = w;
    applyChoice(w, choices[i]!, shortage, floor);
    flagSuggestion(s, product, series[i]!, todayIdx, maxAge);
    capUnits(s, product, settings, todayIdx);
    const price = finiteOr(product.priceCents, 0);
    s.marginCents = product.costCents !== undefined ? price - finiteOr(product.costCents, price) : 0;
    const rate = pdays > 0 ? s.forecast / pdays : 0;
    s.daysOfCover = daysOfCover(product.stock, rate);
  }

  if (settings.budgetCents !== undefined && Number.isFinite(settings.budgetCents)) {
    applyBudget(work, Math.max(0, settings.budgetCents));
  }

  for (const w of work) {
    const { s } = w;
    s.packs = s.units * w.orderUnit;
    s.forecast = round2(s.forecast);
    s.safetyStock = round2(s.safetyStock);
    s.orderUpTo = round2(s.orderUpTo);
    s.raw = round2(s.raw);
    s.expectedLostSales = round2(s.expectedLostSales);
    s.adi = round2(s.adi);
    s.cv2 = round2(s.cv2);
    if (s.daysOfCover !== null) s.daysOfCover = Math.round(s.daysOfCover * 10) / 10;
    s.reasons = buildReasons(s, w.orderUnit, todayIdx);
  }
  return work.map((w) => w.s);
}
