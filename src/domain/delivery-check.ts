/**
 * A delivery checked against the order it brings, line by line (到货核对):
 * what came as ordered, what came short (少到), what came over (多到, or not
 * ordered at all), and what came instead of an ordered product (换货: the
 * supplier sent a product that was not ordered while an ordered one of the
 * same category and price band is missing).
 *
 * Everything is in packs (the stock unit): an order line's packs and a
 * delivery's stock deltas are both packs, so a carton scanned on receiving and
 * a carton ordered compare without conversion.
 */

export interface CheckedProduct {
  code: string;
  name?: string | undefined;
  category?: string | undefined;
  /** The price band's key (src/domain/report/bands.ts): a substitute is in the same band. */
  band?: string | undefined;
}

export interface OrderedPacks extends CheckedProduct {
  packs: number;
}

export interface DeliveredPacks extends CheckedProduct {
  packs: number;
}

export type DeliveryLineKind = 'match' | 'short' | 'over' | 'substitute';

export interface DeliveryLine {
  kind: DeliveryLineKind;
  /** The ordered product (for 'over' of a product not ordered: the delivered one). */
  code: string;
  name?: string | undefined;
  /** Packs ordered of `code` (0: not ordered). */
  ordered: number;
  /** Packs of `code` that came. */
  delivered: number;
  /** 'substitute': the product that came instead, and how many packs of it. */
  instead?: { code: string; name?: string | undefined; packs: number };
}

export interface DeliveryCheck {
  lines: DeliveryLine[];
  /** Lines that are not 'match': what the owner has to look at. */
  differences: number;
}

/** Whether `extra` may stand in for `missing`: same category and same price band, both known. */
function canStandIn(missing: CheckedProduct, extra: CheckedProduct): boolean {
  return missing.category !== undefined && missing.category === extra.category && missing.band !== undefined && missing.band === extra.band;
}

/**
 * Compare a delivery with the order. Lines come in the order's order, then the
 * products delivered but not ordered (in delivery order). A product not
 * ordered pairs with at most one ordered product that came short and could be
 * replaced by it, and each short product with at most one substitute (pairs
 * whose packs are closest to the shortfall first); a pair is one 'substitute'
 * line.
 */
export function checkDelivery(ordered: readonly OrderedPacks[], delivered: readonly DeliveredPacks[]): DeliveryCheck {
  const orderedBy = new Map<string, OrderedPacks & { packs: number }>();
  for (const line of ordered) {
    const seen = orderedBy.get(line.code);
    orderedBy.set(line.code, seen ? { ...seen, packs: seen.packs + line.packs } : { ...line });
  }
  const deliveredBy = new Map<string, DeliveredPacks>();
  for (const line of delivered) {
    const seen = deliveredBy.get(line.code);
    deliveredBy.set(line.code, seen ? { ...seen, packs: seen.packs + line.packs } : { ...line });
  }

  // Products that came without being ordered, and ordered ones that came short.
  const extras = [...deliveredBy.values()].filter((d) => !orderedBy.has(d.code) && d.packs > 0);
  const shortOf = (o: OrderedPacks) => o.packs - (deliveredBy.get(o.code)?.packs ?? 0);
  // Every possible pair, closest shortfall first (then order line, then delivery order), taken greedily.
  const candidates: { o: OrderedPacks; extra: DeliveredPacks; gap: number; rank: number }[] = [];
  let rank = 0;
  for (const o of orderedBy.values()) {
    for (const extra of extras) {
      if (shortOf(o) > 0 && canStandIn(o, extra)) candidates.push({ o, extra, gap: Math.abs(shortOf(o) - extra.packs), rank: rank++ });
    }
  }
  candidates.sort((a, b) => a.gap - b.gap || a.rank - b.rank);
  const paired = new Map<string, DeliveredPacks>();
  const used = new Set<string>();
  for (const { o, extra } of candidates) {
    if (paired.has(o.code) || used.has(extra.code)) continue;
    paired.set(o.code, extra);
    used.add(extra.code);
  }

  const lines: DeliveryLine[] = [];
  for (const o of orderedBy.values()) {
    const came = deliveredBy.get(o.code)?.packs ?? 0;
    const instead = paired.get(o.code);
    const line: DeliveryLine = {
      kind: instead ? 'substitute' : came === o.packs ? 'match' : came < o.packs ? 'short' : 'over',
      code: o.code,
      name: o.name,
      ordered: o.packs,
      delivered: came,
    };
    if (instead) line.instead = { code: instead.code, name: instead.name, packs: instead.packs };
    lines.push(line);
  }
  for (const extra of extras) {
    if (used.has(extra.code)) continue;
    lines.push({ kind: 'over', code: extra.code, name: extra.name, ordered: 0, delivered: extra.packs });
  }
  return { lines, differences: lines.filter((l) => l.kind !== 'match').length };
}
