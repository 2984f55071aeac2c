/**
 * The reorder engine's inputs packed for a Web Worker: histories as typed
 * arrays that are transferred, not cloned. 500 products × 3 years is half a
 * million day rows; cloning them as objects would hold the main thread (the
 * counter) for longer than computing the suggestions does.
 */
import { dayIndex, dayString, isDayString } from '../domain/reorder/calendar.ts';
import type { DaySales, ReorderProduct, ReorderSettings, Suggestion } from '../domain/reorder/engine.ts';

export interface PackedProduct extends Omit<ReorderProduct, 'history'> {
  /** first history day as a day index; the days follow one by one */
  firstDay: number;
  /** number of history days in `sold` and `stockout` from `offset` */
  days: number;
  offset: number;
}

export interface ReorderRequest {
  id: number;
  settings: ReorderSettings;
  products: PackedProduct[];
  sold: Float64Array;
  stockout: Uint8Array;
}

export type ReorderReply = { id: number; ok: true; suggestions: Suggestion[] } | { id: number; ok: false; error: string };

/**
 * Packs products for the worker. A history that is not one day after another
 * (as getReorderInputs promises) is placed by its dates; days it skips sell 0.
 */
export function packReorderRequest(
  id: number,
  products: ReorderProduct[],
  settings: ReorderSettings,
): { request: ReorderRequest; transfer: Transferable[] } {
  let total = 0;
  const spans = products.map((p) => {
    const h = Array.isArray(p.history) ? p.history : [];
    const a = h[0]?.day;
    const b = h[h.length - 1]?.day;
    // the usual case: one row a day, oldest first (no per-row date reading)
    if (isDayString(a) && isDayString(b) && dayIndex(b) - dayIndex(a) + 1 === h.length) {
      total += h.length;
      return { first: dayIndex(a), days: h.length, contiguous: true };
    }
    let first = Infinity;
    let last = -Infinity;
    for (const r of h) {
      if (!isDayString(r.day)) continue;
      const d = dayIndex(r.day);
      if (d < first) first = d;
      if (d > last) last = d;
    }
    if (first > last) return { first: 0, days: 0, contiguous: true };
    total += last - first + 1;
    return { first, days: last - first + 1, contiguous: false };
  });
  const sold = new Float64Array(total);
  const stockout = new Uint8Array(total);
  let offset = 0;
  const packed = products.map((p, i): PackedProduct => {
    const { first, days, contiguous } = spans[i]!;
    const h = Array.isArray(p.history) ? p.history : [];
    for (let j = 0; j < h.length && days > 0; j++) {
      const r = h[j]!;
      let k: number;
      if (contiguous) k = offset + j;
      else if (isDayString(r.day)) k = offset + dayIndex(r.day) - first;
      else continue;
      sold[k] = sold[k]! + (typeof r.sold === 'number' && Number.isFinite(r.sold) ? r.sold : 0);
      if (r.stockout) stockout[k] = 1;
    }
    const { history: _history, ...rest } = p;
    const out: PackedProduct = { ...rest, firstDay: first, days, offset };
    offset += days;
    return out;
  });
  return { request: { id, settings, products: packed, sold, stockout }, transfer: [sold.buffer, stockout.buffer] };
}

/** The worker's side: the products with their histories back as day rows. */
export function unpackReorderRequest(request: ReorderRequest): ReorderProduct[] {
  return request.products.map((p) => {
    const history: DaySales[] = new Array<DaySales>(p.days);
    for (let i = 0; i < p.days; i++) {
      const row: DaySales = { day: dayString(p.firstDay + i), sold: request.sold[p.offset + i]! };
      if (request.stockout[p.offset + i]) row.stockout = true;
      history[i] = row;
    }
    const { firstDay: _f, days: _d, offset: _o, ...rest } = p;
    return { ...rest, history };
  });
}
