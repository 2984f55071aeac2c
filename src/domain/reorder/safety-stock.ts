/** The order each product needs: its candidate orders from the forecast and its error, and the one chosen. */
import { bestChoice, orderChoices, type OrderChoices } from './policy.ts';
import type { Working } from './product-forecast.ts';

/** Forecast over the protection interval at or above which the normal approximation is used. */
export const NORMAL_MIN_FORECAST = 30;
/** No product is ordered to serve less than this share of its own demand (or the service level, if lower). */
export const PRODUCT_FILL_FLOOR = 0.8;
/** Relative forecast error assumed for a new product that borrows its category's pattern. */
export const NEW_PRODUCT_CV = 0.5;

/**
 * The product's candidate orders (policy.ts): its forecast over the
 * protection interval with the spread of the forecast error. Slow, intermittent
 * and new products get a count distribution (never thinner than Poisson), big
 * steady sellers a normal one. A product borrowing its category's forecast has
 * no error of its own yet: it is given NEW_PRODUCT_CV relative error on top.
 */
export function buildChoices(w: Working, leadDays: number): OrderChoices {
  const { s } = w;
  const mu = s.forecast;
  const sd = w.sd === w.sd ? w.sd : 0;
  let variance = Math.max(mu, sd * sd);
  if (s.method === 'category') variance += (NEW_PRODUCT_CV * mu) ** 2;
  const normal =
    mu >= NORMAL_MIN_FORECAST && s.pattern !== 'intermittent' && s.pattern !== 'lumpy' && s.pattern !== 'new' && s.pattern !== 'none';
  // Negative stock is a counting error, not a hole to order into (it is flagged instead).
  const position = Math.max(0, s.stock) + Math.max(0, s.onOrder);
  const choices = orderChoices({ daily: s.daily, variance, normal }, position, w.orderUnit, leadDays);
  s.expectedLostSales = choices.lostIfNothing;
  return choices;
}

/** The chosen order at the shop's shortage price, and what it means for the shelf. */
export function applyChoice(w: Working, choices: OrderChoices, price: number, floor: number): void {
  const { s } = w;
  const n = bestChoice(choices, price, floor);
  s.units = n;
  s.raw = n * w.orderUnit;
  s.orderUpTo = n > 0 ? choices.position + s.raw : 0;
  // what is expected to be left when the next delivery comes
  s.safetyStock = n > 0 ? Math.max(0, s.orderUpTo - s.forecast) : 0;
}
