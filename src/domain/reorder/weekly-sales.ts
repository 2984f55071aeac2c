/**
 * A product's weekly sales with the engine's forecast after them: what the
 * order screen draws behind a suggestion. Pure, so the week arithmetic is
 * tested without a browser.
 */
import { addDays } from './calendar.ts';
import type { ReorderProduct, Suggestion } from './engine.ts';

export interface WeeklySales {
  /** First day ('YYYY-MM-DD') of each week, oldest first: the sales weeks then the forecast weeks. */
  weeks: string[];
  /** Packs sold per week; null for the forecast weeks. */
  sold: (number | null)[];
  /** Packs forecast per week; null for the past weeks (except the last, where the line starts). */
  forecast: (number | null)[];
}

/** Weeks of sales drawn: the last 12 months. */
export const SALES_WEEKS_SHOWN = 52;

/** Weekly sales of the last SALES_WEEKS_SHOWN weeks and the forecast weeks after them. */
export function weeklySalesWithForecast(product: ReorderProduct, suggestion: Suggestion, today: string): WeeklySales {
  const history = product.history.slice(-SALES_WEEKS_SHOWN * 7);
  const weeks: string[] = [];
  const sold: (number | null)[] = [];
  const forecast: (number | null)[] = [];
  // Whole weeks ending yesterday; a partial oldest week is left out rather than drawn low.
  for (let end = history.length; end - 7 >= 0; end -= 7) {
    const week = history.slice(end - 7, end);
    weeks.unshift(week[0]!.day);
    sold.unshift(week.reduce((s, d) => s + d.sold, 0));
    forecast.unshift(null);
  }
  // The forecast line starts where the sales line ends.
  if (sold.length > 0) forecast[forecast.length - 1] = sold[sold.length - 1]!;
  const daily = suggestion.daily;
  for (let i = 0; i < daily.length; i += 7) {
    const chunk = daily.slice(i, i + 7);
    weeks.push(addDays(today, i));
    sold.push(null);
    // A part week (the protection interval is rarely whole weeks) as a weekly rate.
    forecast.push((chunk.reduce((s, d) => s + d, 0) * 7) / chunk.length);
  }
  return { weeks, sold, forecast };
}
