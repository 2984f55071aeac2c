/** One quarter's figures in, the five functions' scores, the deductions and the grade out. */
import { VISIT_GRADES, type VisitGrade } from '../fleet-bundle.ts';
import {
  CRITERIA,
  CRITERION_RULES,
  FUNCTIONS,
  MIN_FUNCTION_DATA_POINTS,
  MIN_TOTAL_DATA_WEIGHT,
  type Criterion,
  type CriterionRule,
  type EvaluationFunction,
} from './criteria.ts';
import { quarterId, quarterMonths, quarterRange, type Quarter } from './quarter.ts';
import { DEFAULT_EVALUATION_SETTINGS, type EvaluationSettings } from './settings.ts';

// ---------------------------------------------------------------- inputs

/** A part of a whole; `total` 0 means the terminal has nothing to measure (no data). */
export interface Share {
  part: number;
  total: number;
}

/** One quarter's figures, gathered from the ledger. null: the terminal cannot know. */
export interface QuarterFigures {
  quarter: Quarter;
  /** Days in the quarter with any sale or delivery recorded (the shop was open and used the terminal). */
  openDays: number;
  /** Of the open days, those with at least one scan. */
  daysWithScans: number;
  /** Sale and delivery basket lines: part = the ones that came from a scan. */
  scannedLines: Share;
  /** Scanner connected as a share of the shop's opening hours, basis points; null: no scanner-status record. */
  scannerUptimeBp: number | null;
  /** Lines of placed orders: part = within ±1 carton of the suggestion. */
  adviceLines: Share;
  /** Placed orders: part = placed on one of the shop's order days. */
  ordersOnOrderDays: Share;
  /** Product-days of regular products: part = days ending with stock ≤ 0. */
  stockoutDays: Share;
  /** The latest closed stocktake up to the quarter's end (any quarter): its error rate in basis points; null: none yet. */
  latestStocktakeErrorBp: number | null;
  /** Months of the quarter ('YYYY-MM') with a closed stocktake. */
  stocktakeMonths: string[];
  /** Regular products at the quarter's end: part = days of cover within the target band. */
  coverInBand: Share;
  /** Stock value at cost at the quarter's end: part = in slow movers; null: no stocked product has a cost price. */
  slowStockValueCents: Share | null;
  /** Products carried in the quarter: part = sold at least once (动销率). */
  sellThrough: Share;
  /** Sales money in the quarter, and of it the sales whose cost is known with that cost. */
  salesCents: number;
  costedSalesCents: number;
  costOfCostedSalesCents: number;
  /** Sales money in the same quarter last year; null: the terminal recorded no sales then. */
  lastYearSalesCents: number | null;
  /**
   * Open days the new-product display was in use: days it took customer
   * feedback or a customer scanned a pack at its scanner (the interest
   * counts). null: the terminal cannot tell.
   */
  displayDays: number | null;
  /** Feedback records (faces, NPS answers, complaints) in the quarter. */
  feedbackCount: number;
}

/** A visit as the evaluation needs it (the visit flow's getVisits(), mapped). */
export interface VisitFacts {
  date: string;
  /** Price tags missing at the visit's audit; null: no audit at that visit. */
  priceTagsMissing: number | null;
  /** 整理品牌出样 done at the visit. */
  displayTidyDone: boolean;
}

// ---------------------------------------------------------------- results

/** Why points were lost, or why a criterion has no data; the screen words it. */
export type DeductionReason = 'below-target' | 'above-target' | 'standard-exceeded' | 'months-without-stocktake' | 'no-data';

export interface Deduction {
  function: EvaluationFunction;
  criterion: Criterion;
  /** Points lost (0 for a 'no-data' entry: it neither earns nor loses). */
  points: number;
  reason: DeductionReason;
  /** The figures behind it: `value` and `target` (basis points, counts) and, for months, `months`. */
  params: Record<string, number | string>;
}

export interface CriterionScore {
  criterion: Criterion;
  /** Points of the criterion. */
  points: number;
  /** Points earned; null: no data. */
  earned: number | null;
  /** The figure scored (basis points or a count); null: no data. */
  value: number | null;
}

export interface FunctionScore {
  function: EvaluationFunction;
  /** 0–100; null: too little data (see MIN_FUNCTION_DATA_POINTS). */
  score: number | null;
  criteria: CriterionScore[];
  deductions: Deduction[];
}

export interface QuarterEvaluation {
  quarter: string;
  functions: FunctionScore[];
  /** Weighted 0–100; null: too little data to grade. */
  total: number | null;
  grade: VisitGrade | null;
}

// ---------------------------------------------------------------- scoring

/** Basis points of part/total, rounded; null when total is 0. */
export function shareBp(s: Share): number | null {
  return s.total > 0 ? Math.round((s.part * 10000) / s.total) : null;
}

/** Whole points a figure earns under its rule. */
export function pointsFor(rule: CriterionRule, value: number): number {
  const { points, target, floor, higherIsBetter } = rule;
  const good = higherIsBetter ? value >= target : value <= target;
  if (good) return points;
  const bad = higherIsBetter ? value <= floor : value >= floor;
  if (bad) return 0;
  // Integer numerator and denominator: an exact quotient never comes out as 0.999….
  return Math.floor((points * (value - floor)) / (target - floor));
}

function figuresOf(f: QuarterFigures, visits: readonly VisitFacts[]): Record<Criterion, number | null> {
  const range = quarterRange(f.quarter);
  const inQuarter = visits
    .filter((v) => v.date >= range.from && v.date <= range.to)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const audits = inQuarter.filter((v) => v.priceTagsMissing !== null);
  const months = quarterMonths(f.quarter);
  const margin =
    f.costedSalesCents > 0 && f.costedSalesCents * 2 >= f.salesCents
      ? Math.round(((f.costedSalesCents - f.costOfCostedSalesCents) * 10000) / f.costedSalesCents)
      : null;
  return {
    'scan-share': shareBp(f.scannedLines),
    'scan-days': shareBp({ part: f.daysWithScans, total: f.openDays }),
    'scanner-uptime': f.scannerUptimeBp,
    'advice-followed': shareBp(f.adviceLines),
    'order-days': shareBp(f.ordersOnOrderDays),
    'stockout-days': shareBp(f.stockoutDays),
    'stocktake-error': f.latestStocktakeErrorBp,
    'stocktake-monthly': months.filter((m) => f.stocktakeMonths.includes(m)).length,
    'cover-band': shareBp(f.coverInBand),
    'slow-stock': f.slowStockValueCents === null ? null : shareBp(f.slowStockValueCents),
    'sell-through': shareBp(f.sellThrough),
    'gross-margin': margin,
    'sales-vs-last-year':
      f.lastYearSalesCents !== null && f.lastYearSalesCents > 0 ? Math.round((f.salesCents * 10000) / f.lastYearSalesCents) : null,
    'display-in-use': f.displayDays === null ? null : shareBp({ part: f.displayDays, total: f.openDays }),
    'price-tags': audits.length > 0 ? audits[audits.length - 1]!.priceTagsMissing : null,
    'display-tidy': shareBp({ part: inQuarter.filter((v) => v.displayTidyDone).length, total: inQuarter.length }),
    'feedback-collected': f.feedbackCount,
  };
}

function reasonFor(criterion: Criterion, rule: CriterionRule): DeductionReason {
  if (criterion === 'stocktake-error' || criterion === 'price-tags') return 'standard-exceeded';
  if (criterion === 'stocktake-monthly') return 'months-without-stocktake';
  return rule.higherIsBetter ? 'below-target' : 'above-target';
}

/** Grade of a total under the thresholds. */
export function gradeOf(total: number, thresholds: EvaluationSettings['thresholds']): VisitGrade {
  if (total >= thresholds['优秀']) return VISIT_GRADES[0];
  if (total >= thresholds['良好']) return VISIT_GRADES[1];
  if (total >= thresholds['合格']) return VISIT_GRADES[2];
  return VISIT_GRADES[3];
}

/** Score one quarter. `visits` may hold any visits: only the quarter's count. */
export function evaluateQuarter(
  figures: QuarterFigures,
  visits: readonly VisitFacts[],
  settings: EvaluationSettings = DEFAULT_EVALUATION_SETTINGS,
): QuarterEvaluation {
  const values = figuresOf(figures, visits);
  const months = quarterMonths(figures.quarter);
  const functions: FunctionScore[] = FUNCTIONS.map((fn) => {
    const criteria: CriterionScore[] = [];
    const deductions: Deduction[] = [];
    let earned = 0;
    let withData = 0;
    for (const criterion of CRITERIA) {
      const rule = CRITERION_RULES[criterion];
      if (rule.function !== fn) continue;
      const value = values[criterion];
      if (value === null) {
        criteria.push({ criterion, points: rule.points, earned: null, value: null });
        deductions.push({ function: fn, criterion, points: 0, reason: 'no-data', params: {} });
        continue;
      }
      const got = pointsFor(rule, value);
      criteria.push({ criterion, points: rule.points, earned: got, value });
      earned += got;
      withData += rule.points;
      if (got < rule.points) {
        const params: Record<string, number | string> = { value, target: rule.target };
        if (criterion === 'stocktake-monthly') params['months'] = months.filter((m) => !figures.stocktakeMonths.includes(m)).join(',');
        deductions.push({ function: fn, criterion, points: rule.points - got, reason: reasonFor(criterion, rule), params });
      }
    }
    const score = withData >= MIN_FUNCTION_DATA_POINTS ? Math.round((earned * 100) / withData) : null;
    return { function: fn, score, criteria, deductions };
  });
  let weighted = 0;
  let weight = 0;
  for (const f of functions) {
    if (f.score === null) continue;
    weighted += f.score * settings.weights[f.function];
    weight += settings.weights[f.function];
  }
  const total = weight >= MIN_TOTAL_DATA_WEIGHT && weight > 0 ? Math.round(weighted / weight) : null;
  return { quarter: quarterId(figures.quarter), functions, total, grade: total === null ? null : gradeOf(total, settings.thresholds) };
}
