/** What a grade asks of the terminal afterwards, the totals over the quarters, and the quarter in one line for the rep's phone. */
import type { VisitGrade } from '../fleet-bundle.ts';
import { addDays, isDayString } from '../reorder/calendar.ts';
import { CRITERIA, CRITERION_RULES, FUNCTION_NAMES, type Criterion, type EvaluationFunction } from './criteria.ts';
import type { QuarterEvaluation, QuarterFigures } from './scoring.ts';
import { DEFAULT_EVALUATION_SETTINGS, type EvaluationSettings } from './settings.ts';

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
