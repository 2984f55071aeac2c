/**
 * The quarterly five-function evaluation (五项功能考评, issue 12).
 *
 * The supplier's plan says the evaluation "closely follows the terminal's five
 * functions" without listing them; these are the plan's four aims plus its
 * display role (README "The quarterly evaluation (五项功能)"):
 *
 * 1. 信息采集 scan capture        2. 引导购进 sales-guided buying
 * 3. 存货控制成本 stock controls cost  4. 动销带动盈利 movement drives profit
 * 5. 品牌展示 brand display
 *
 * Each function is scored 0–100 from its criteria. A criterion has points; it
 * earns them in full at or beyond its target and none at or beyond its floor,
 * linearly in between (whole points). Every point lost is a Deduction with a
 * reason code and the figures behind it, so the screen can say why in words in
 * either language.
 *
 * Missing data. A criterion whose figure the terminal cannot know (no
 * stocktake yet, no cost prices, no visit in the quarter, no scanner-status
 * record, no sales in the same quarter last year) is "no data": it neither
 * earns nor loses points, it is listed as such, and the function is scored on
 * the criteria that have data (earned ÷ points with data × 100). A function
 * whose criteria with data carry less than MIN_FUNCTION_DATA_POINTS of its 100
 * points gets no score ("no data"); the total is the weighted mean over the
 * functions with a score, and there is no total and no grade while the
 * functions with a score carry less than MIN_TOTAL_DATA_WEIGHT of the weight.
 * Something the plan asks for that did not happen (no stocktake in a month, no
 * feedback collected) is not missing data: it is a deduction.
 *
 * Pure: figures come in as a plain object (src/data/evaluation-data.ts gathers
 * them), the visits as a plain array.
 */
import { VISIT_GRADES, type VisitGrade } from './fleet-bundle.ts';
import { addDays, civilToIndex, dayString, isDayString } from './reorder/calendar.ts';

export const FUNCTIONS = ['scan-capture', 'guided-buying', 'stock-cost', 'movement-profit', 'brand-display'] as const;
export type EvaluationFunction = (typeof FUNCTIONS)[number];

/** The names the plan uses, Chinese first. */
export const FUNCTION_NAMES: Record<EvaluationFunction, { zh: string; en: string }> = {
  'scan-capture': { zh: '信息采集', en: 'Scan capture' },
  'guided-buying': { zh: '引导购进', en: 'Sales-guided buying' },
  'stock-cost': { zh: '存货控制成本', en: 'Stock controls cost' },
  'movement-profit': { zh: '动销带动盈利', en: 'Movement drives profit' },
  'brand-display': { zh: '品牌展示', en: 'Brand display' },
};

export const CRITERIA = [
  'scan-share',
  'scan-days',
  'scanner-uptime',
  'advice-followed',
  'order-days',
  'stockout-days',
  'stocktake-error',
  'stocktake-monthly',
  'cover-band',
  'slow-stock',
  'sell-through',
  'gross-margin',
  'sales-vs-last-year',
  'display-in-use',
  'price-tags',
  'display-tidy',
  'feedback-collected',
] as const;
export type Criterion = (typeof CRITERIA)[number];

/**
 * How a criterion turns its figure into points. Figures are in basis points
 * (1/100 of a percent) unless said otherwise. `higherIsBetter`: full points at
 * figure ≥ target, none at ≤ floor; otherwise full at ≤ target, none at ≥ floor.
 */
export interface CriterionRule {
  function: EvaluationFunction;
  points: number;
  target: number;
  floor: number;
  higherIsBetter: boolean;
}

/** The plan's two hard standards. */
export const STOCKTAKE_ERROR_STANDARD_BP = 1000;
export const PRICE_TAGS_MISSING_STANDARD = 3;

/** Points per function add up to 100. Figures in basis points except price tags (count) and feedback (records). */
export const CRITERION_RULES: Record<Criterion, CriterionRule> = {
  'scan-share': { function: 'scan-capture', points: 40, target: 9500, floor: 5000, higherIsBetter: true },
  'scan-days': { function: 'scan-capture', points: 30, target: 10000, floor: 5000, higherIsBetter: true },
  'scanner-uptime': { function: 'scan-capture', points: 30, target: 9900, floor: 8000, higherIsBetter: true },
  'advice-followed': { function: 'guided-buying', points: 40, target: 8000, floor: 3000, higherIsBetter: true },
  'order-days': { function: 'guided-buying', points: 30, target: 10000, floor: 5000, higherIsBetter: true },
  'stockout-days': { function: 'guided-buying', points: 30, target: 100, floor: 1000, higherIsBetter: false },
  'stocktake-error': { function: 'stock-cost', points: 30, target: STOCKTAKE_ERROR_STANDARD_BP, floor: 2000, higherIsBetter: false },
  'stocktake-monthly': { function: 'stock-cost', points: 25, target: 3, floor: 0, higherIsBetter: true },
  'cover-band': { function: 'stock-cost', points: 25, target: 8000, floor: 3000, higherIsBetter: true },
  'slow-stock': { function: 'stock-cost', points: 20, target: 1000, floor: 4000, higherIsBetter: false },
  'sell-through': { function: 'movement-profit', points: 35, target: 9000, floor: 5000, higherIsBetter: true },
  'gross-margin': { function: 'movement-profit', points: 35, target: 1000, floor: 500, higherIsBetter: true },
  // Sales this quarter as a share of the same quarter last year: 10000 = as much.
  'sales-vs-last-year': { function: 'movement-profit', points: 30, target: 10000, floor: 8000, higherIsBetter: true },
  // Open days the customer display took feedback: it shows the new products and the faces on one screen.
  'display-in-use': { function: 'brand-display', points: 25, target: 5000, floor: 1000, higherIsBetter: true },
  // Tags missing at the quarter's last audit: ≤ 3 full, 8 or more none.
  'price-tags': { function: 'brand-display', points: 25, target: PRICE_TAGS_MISSING_STANDARD, floor: 8, higherIsBetter: false },
  'display-tidy': { function: 'brand-display', points: 25, target: 10000, floor: 0, higherIsBetter: true },
  // Feedback records collected in the quarter.
  'feedback-collected': { function: 'brand-display', points: 25, target: 90, floor: 0, higherIsBetter: true },
};

/** A function is scored only on criteria with data worth at least this many of its 100 points. */
export const MIN_FUNCTION_DATA_POINTS = 50;
/** A total and a grade need functions with a score carrying at least this share of the weight (percent). */
export const MIN_TOTAL_DATA_WEIGHT = 60;

// ---------------------------------------------------------------- settings

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

// ---------------------------------------------------------------- quarters

export interface Quarter {
  year: number;
  /** 1–4 */
  q: number;
}

export function quarterId(q: Quarter): string {
  return `${q.year}-Q${q.q}`;
}

export function parseQuarterId(id: string): Quarter | undefined {
  const m = /^(\d{4})-Q([1-4])$/.exec(id);
  return m ? { year: Number(m[1]), q: Number(m[2]) } : undefined;
}

export function quarterOf(day: string): Quarter {
  return { year: Number(day.slice(0, 4)), q: Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1 };
}

export function quarterRange(q: Quarter): { from: string; to: string } {
  const firstMonth = (q.q - 1) * 3 + 1;
  const from = dayString(civilToIndex(q.year, firstMonth, 1));
  const next = q.q === 4 ? civilToIndex(q.year + 1, 1, 1) : civilToIndex(q.year, firstMonth + 3, 1);
  return { from, to: dayString(next - 1) };
}

/** The quarter's three months as 'YYYY-MM'. */
export function quarterMonths(q: Quarter): string[] {
  return [0, 1, 2].map((i) => `${q.year}-${String((q.q - 1) * 3 + 1 + i).padStart(2, '0')}`);
}

export function previousQuarter(q: Quarter): Quarter {
  return q.q === 1 ? { year: q.year - 1, q: 4 } : { year: q.year, q: q.q - 1 };
}

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

// ---------------------------------------------------------------- follow-up

export interface RectificationItem {
  function: EvaluationFunction;
  criterion: Criterion;
  /** Points the criterion lost. */
  points: number;
  /** Day a later visit found it put right; absent: still open. */
  doneOn?: string;
}

/** What a grade asks of the terminal until the next evaluation. */
export interface FollowUp {
  grade: VisitGrade | null;
  /** Only for 不合格: the criteria to put right, worst first. */
  items: RectificationItem[];
  /** Only for 不合格: the day they must be right by. */
  deadline: string | null;
}

/**
 * The grade's follow-up. 不合格: every criterion that lost at least half its
 * points (worst first) is a rectification item, due `rectificationDays` after
 * the evaluation; the functions below 合格 contribute all their losses when
 * none reaches half. Other grades: nothing to rectify.
 */
export function followUpFor(
  evaluation: QuarterEvaluation,
  evaluatedOn: string,
  settings: EvaluationSettings = DEFAULT_EVALUATION_SETTINGS,
): FollowUp {
  if (evaluation.grade !== '不合格') return { grade: evaluation.grade, items: [], deadline: null };
  const losses = evaluation.functions.flatMap((f) => f.deductions.filter((d) => d.reason !== 'no-data'));
  let chosen = losses.filter((d) => d.points * 2 >= CRITERION_RULES[d.criterion].points);
  if (chosen.length === 0) {
    const failing = new Set(
      evaluation.functions.filter((f) => f.score !== null && f.score < settings.thresholds['合格']).map((f) => f.function),
    );
    chosen = losses.filter((d) => failing.has(d.function));
  }
  const items = chosen
    .map((d) => ({ function: d.function, criterion: d.criterion, points: d.points }))
    .sort((a, b) => b.points - a.points || CRITERIA.indexOf(a.criterion) - CRITERIA.indexOf(b.criterion));
  return { grade: '不合格', items, deadline: addDays(evaluatedOn, settings.rectificationDays) };
}

/** Rectification items still open after their deadline, as of `today`. */
export function overdueItems(followUp: FollowUp, today: string): RectificationItem[] {
  if (followUp.deadline === null || !isDayString(today) || today <= followUp.deadline) return [];
  return followUp.items.filter((i) => i.doneOn === undefined);
}

// ---------------------------------------------------------------- history

export interface QuarterTrendPoint {
  quarter: string;
  total: number | null;
  grade: VisitGrade | null;
  /** Change in total from the previous quarter with a total; null: none to compare. */
  change: number | null;
}

/** Totals by quarter, oldest first, each with its change from the last graded quarter before it. */
export function quarterTrend(history: readonly { quarter: string; total: number | null; grade: VisitGrade | null }[]): QuarterTrendPoint[] {
  const sorted = [...history].sort((a, b) => (a.quarter < b.quarter ? -1 : a.quarter > b.quarter ? 1 : 0));
  let last: number | null = null;
  return sorted.map((h) => {
    const change = h.total !== null && last !== null ? h.total - last : null;
    if (h.total !== null) last = h.total;
    return { quarter: h.quarter, total: h.total, grade: h.grade, change };
  });
}

// ---------------------------------------------------------------- summary for the rep's phone

/**
 * The quarter in one short line for the QR code on screen: quarter, grade,
 * total, the five scores in the plan's order, and the key figures (sales, the
 * latest stocktake error, price tags missing). Chinese, as the supplier's
 * forms are; '-' stands for no data. A few hundred bytes: a small QR code.
 */
export function evaluationSummaryLine(
  e: QuarterEvaluation,
  figures: Pick<QuarterFigures, 'salesCents' | 'latestStocktakeErrorBp'>,
  terminalId: string,
  priceTagsMissing: number | null,
): string {
  const score = (x: number | null) => (x === null ? '-' : String(x));
  const scores = e.functions.map((f) => `${FUNCTION_NAMES[f.function].zh}${score(f.score)}`).join(' ');
  const yuan = Math.round(figures.salesCents / 100);
  const error = figures.latestStocktakeErrorBp === null ? '-' : `${(figures.latestStocktakeErrorBp / 100).toFixed(1)}%`;
  return [
    `终端${terminalId} ${e.quarter} 考评${e.grade ?? '-'} 总分${score(e.total)}`,
    scores,
    `销售额${yuan}元 盘点误差${error} 缺价签${priceTagsMissing ?? '-'}`,
  ].join('\n');
}
