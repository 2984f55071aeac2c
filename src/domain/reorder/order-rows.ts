/**
 * The order screen's lines: each suggestion beside its product and the line
 * the draft order keeps, with the owner's own numbers winning over a new
 * suggestion. Pure, so the rule "the owner's number is never overwritten" is
 * one function.
 */
import type { Order, OrderLine } from '../../data/schema.ts';
import type { ReorderProduct, Suggestion } from './engine.ts';

/** One product on the order screen: the engine's suggestion, its inputs and the line kept in the draft. */
export interface OrderRow {
  suggestion: Suggestion;
  product: ReorderProduct;
  line: OrderLine;
}

/** Packs per order unit: 1, or the carton size. */
export function orderUnitOf(p: Pick<ReorderProduct, 'orderUnit'>): number {
  return p.orderUnit ?? 1;
}

/**
 * Lines to order first, then flagged ones, then the rest; by name within.
 * Sorted on the suggestion, not the owner's number, so a line does not jump
 * away while it is edited.
 */
export function orderRows(products: readonly ReorderProduct[], suggestions: readonly Suggestion[], draft: Order | undefined): OrderRow[] {
  const byCode = new Map(products.map((p) => [p.code, p]));
  const drafted = new Map((draft?.lines ?? []).map((l) => [l.code, l]));
  const rows: OrderRow[] = [];
  for (const suggestion of suggestions) {
    const product = byCode.get(suggestion.code);
    if (!product) continue;
    const unit = orderUnitOf(product);
    const own = drafted.get(suggestion.code);
    const units = own?.ownerEdited ? own.units : suggestion.units;
    rows.push({
      suggestion,
      product,
      line: {
        code: product.code,
        units,
        packs: units * unit,
        suggestedUnits: suggestion.units,
        ownerEdited: own?.ownerEdited ?? false,
        unitCostCents: (product.costCents ?? 0) * unit,
        ...(product.name !== undefined ? { name: product.name } : {}),
      },
    });
  }
  const rank = (r: OrderRow) => (r.suggestion.units > 0 || r.line.ownerEdited ? 0 : r.suggestion.flags.length > 0 ? 1 : 2);
  rows.sort((a, b) => rank(a) - rank(b) || (a.product.name ?? a.product.code).localeCompare(b.product.name ?? b.product.code, 'zh-CN'));
  return rows;
}

/** What the draft keeps: every line to order and every line the owner set (a 0 of theirs too). */
export function draftLines(rows: readonly OrderRow[]): OrderLine[] {
  return rows.filter((r) => r.line.units > 0 || r.line.ownerEdited).map((r) => r.line);
}
