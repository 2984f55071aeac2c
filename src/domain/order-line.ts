/**
 * The rules of one order line, pure so that the keypad that types it and the
 * data layer that stores it check the same thing.
 */
import type { OrderLine } from '../data/schema.ts';

export type OrderLineProblem = 'not-integer' | 'negative' | 'too-large' | 'bad-code';

/** Most order units on one line: above this a typed quantity is a mistake. */
export const MAX_ORDER_UNITS = 10_000;

export function checkOrderLine(line: OrderLine): OrderLineProblem | undefined {
  if (typeof line.code !== 'string' || line.code === '') return 'bad-code';
  for (const n of [line.units, line.packs, line.suggestedUnits, line.unitCostCents]) {
    if (!Number.isSafeInteger(n)) return 'not-integer';
    if (n < 0) return 'negative';
  }
  if (line.units > MAX_ORDER_UNITS) return 'too-large';
  return undefined;
}

export function orderTotalCents(lines: readonly OrderLine[]): number {
  return lines.reduce((sum, l) => sum + l.units * l.unitCostCents, 0);
}
