/**
 * The evaluation's five functions, their criteria and how each criterion's
 * figure earns points (see evaluation.ts).
 */

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
export const CRITERION_RULES = {
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
} satisfies Record<string, CriterionRule>;

export type Criterion = keyof typeof CRITERION_RULES;
/** The criteria in the table's order: a function's scores list them so, and a follow-up breaks ties by it. */
export const CRITERIA = Object.keys(CRITERION_RULES) as readonly Criterion[];

/** A function is scored only on criteria with data worth at least this many of its 100 points. */
export const MIN_FUNCTION_DATA_POINTS = 50;
/** A total and a grade need functions with a score carrying at least this share of the weight (percent). */
export const MIN_TOTAL_DATA_WEIGHT = 60;
