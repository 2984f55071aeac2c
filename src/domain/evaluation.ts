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
export * from './evaluation/criteria.ts';
export * from './evaluation/settings.ts';
export * from './evaluation/quarter.ts';
export * from './evaluation/scoring.ts';
export * from './evaluation/follow-up.ts';
