/** Why a product got its suggestion: the reason parts the order screen words. */
import { dayIndex, isDayString, springFestivalIndex, yearOfIndex } from './calendar.ts';
import { round2 } from './numbers.ts';
import type { ReasonPart, ReorderProduct, Suggestion } from './types.ts';

export function buildReasons(s: Suggestion, orderUnit: number, todayIdx: number): ReasonPart[] {
  const out: ReasonPart[] = [];
  const sf = springFestivalIndex(yearOfIndex(todayIdx)) ?? NaN;
  const sfNext = sf >= todayIdx ? sf : (springFestivalIndex(yearOfIndex(todayIdx) + 1) ?? NaN);
  if (sfNext - todayIdx <= 42) out.push({ kind: 'festival', festival: 'spring-festival', weeksBefore: Math.ceil((sfNext - todayIdx) / 7) });
  if (s.factors) {
    out.push({ kind: 'yoy', growth: round2(s.factors.yoyGrowth - 1) });
    out.push({ kind: 'mom', coefficient: s.factors.momCoefficient });
  }
  const safetyUnits = Math.round((s.safetyStock / orderUnit) * 10) / 10;
  if (safetyUnits > 0) out.push({ kind: 'safety', units: safetyUnits });
  out.push({ kind: 'method', method: s.method, pattern: s.pattern });
  if (s.cappedBy) out.push({ kind: 'capped', by: s.cappedBy });
  for (const flag of s.flags) out.push({ kind: 'flag', flag });
  return out;
}

/** Stock that looks wrong is not trusted blindly: the flags shown with the suggestion. */
export function flagSuggestion(
  s: Suggestion,
  product: ReorderProduct,
  ser: { n: number; censoredDays: number },
  todayIdx: number,
  maxAge: number,
): void {
  if (ser.n === 0) s.flags.push('no-history');
  if (ser.censoredDays > 0) s.flags.push('censored-days');
  const stale =
    product.lastCountedDay !== undefined && isDayString(product.lastCountedDay) && todayIdx - dayIndex(product.lastCountedDay) > maxAge;
  if (product.stock < 0) s.flags.push('negative-stock');
  if (product.stock < 0 || stale) s.flags.push('count-before-ordering');
}
