/** Views of the products for the rep and the owner: slow movers and the 80/20 view. */
import { cleanSold, finiteOr } from './numbers.ts';
import type { ReorderProduct } from './types.ts';

/**
 * Products with stock and no sale in the last `weeks` weeks of their history,
 * most money tied up first (stock at cost, price when the cost is unknown).
 */
export function slowMovers(
  products: ReorderProduct[],
  weeks: number,
): Array<{ code: string; stock: number; stockValueCents: number; daysSinceSale: number | null }> {
  const windowDays = Math.max(1, Math.round(weeks * 7));
  const out: Array<{ code: string; stock: number; stockValueCents: number; daysSinceSale: number | null }> = [];
  for (const p of products) {
    if (!(p.stock > 0)) continue;
    const h = Array.isArray(p.history) ? p.history : [];
    let daysSinceSale: number | null = null;
    for (let i = h.length - 1; i >= 0; i--) {
      if (cleanSold(h[i]?.sold) > 0) {
        daysSinceSale = h.length - i;
        break;
      }
    }
    if (daysSinceSale !== null && daysSinceSale <= windowDays) continue;
    const unitValue = finiteOr(p.costCents ?? p.priceCents, 0);
    out.push({ code: p.code, stock: p.stock, stockValueCents: Math.round(p.stock * unitValue), daysSinceSale });
  }
  return out.sort((a, b) => b.stockValueCents - a.stockValueCents || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * The 80/20 view over the last `days` days: products by sales value, with their
 * share, the running share and whether they are among the products that make
 * the first 80% of sales.
 */
export function paretoView(
  products: ReorderProduct[],
  days: number,
): Array<{ code: string; salesCents: number; share: number; cumulative: number; inTop80: boolean }> {
  const rows = products.map((p) => {
    const h = Array.isArray(p.history) ? p.history : [];
    let sold = 0;
    for (let i = Math.max(0, h.length - Math.max(0, Math.floor(days))); i < h.length; i++) sold += cleanSold(h[i]?.sold);
    return { code: p.code, salesCents: Math.round(sold * finiteOr(p.priceCents, 0)), share: 0, cumulative: 0, inTop80: false };
  });
  rows.sort((a, b) => b.salesCents - a.salesCents || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const total = rows.reduce((t, r) => t + r.salesCents, 0);
  let running = 0;
  for (const r of rows) {
    const before = running;
    running += r.salesCents;
    r.share = total > 0 ? r.salesCents / total : 0;
    r.cumulative = total > 0 ? running / total : 0;
    r.inTop80 = total > 0 && r.salesCents > 0 && before / total < 0.8;
  }
  return rows;
}
