/** What the supplier may set in the evaluation: the functions' weights, the grades' thresholds, the rectification time. */
import { FUNCTIONS, type EvaluationFunction } from './criteria.ts';

/** What the supplier may set. Weights in percent (sum 100), thresholds the lowest total of each grade. */
export interface EvaluationSettings {
  weights: Record<EvaluationFunction, number>;
  /** Lowest total for 优秀, 良好, 合格; below 合格 is 不合格. */
  thresholds: { 优秀: number; 良好: number; 合格: number };
  /** Days a 不合格 terminal has to put its rectification items right. */
  rectificationDays: number;
}

export const DEFAULT_EVALUATION_SETTINGS: EvaluationSettings = {
  weights: { 'scan-capture': 20, 'guided-buying': 20, 'stock-cost': 20, 'movement-profit': 20, 'brand-display': 20 },
  thresholds: { 优秀: 90, 良好: 80, 合格: 60 },
  rectificationDays: 30,
};

export type SettingsProblem =
  'weight-not-whole' | 'weights-not-100' | 'threshold-not-whole' | 'thresholds-not-descending' | 'rectification-days';

export function validateEvaluationSettings(
  input: unknown,
): { ok: true; settings: EvaluationSettings } | { ok: false; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const s = (typeof input === 'object' && input !== null ? input : {}) as Partial<Record<keyof EvaluationSettings, unknown>>;
  const w = (typeof s.weights === 'object' && s.weights !== null ? s.weights : {}) as Record<string, unknown>;
  const weights = {} as Record<EvaluationFunction, number>;
  let sum = 0;
  for (const f of FUNCTIONS) {
    const x = w[f];
    if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0 || x > 100) {
      if (!problems.includes('weight-not-whole')) problems.push('weight-not-whole');
      continue;
    }
    weights[f] = x;
    sum += x;
  }
  if (!problems.includes('weight-not-whole') && sum !== 100) problems.push('weights-not-100');
  const t = (typeof s.thresholds === 'object' && s.thresholds !== null ? s.thresholds : {}) as Record<string, unknown>;
  const [a, b, c] = [t['优秀'], t['良好'], t['合格']];
  const whole = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 1 && x <= 100;
  if (!whole(a) || !whole(b) || !whole(c)) problems.push('threshold-not-whole');
  else if (!(a > b && b > c)) problems.push('thresholds-not-descending');
  const days = s.rectificationDays;
  if (typeof days !== 'number' || !Number.isSafeInteger(days) || days < 1 || days > 366) problems.push('rectification-days');
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    settings: { weights, thresholds: { 优秀: a as number, 良好: b as number, 合格: c as number }, rectificationDays: days as number },
  };
}
