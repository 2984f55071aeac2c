import type { StoredEvaluation } from '../../src/data/schema.ts';
import {
  DEFAULT_EVALUATION_SETTINGS,
  evaluateQuarter,
  followUpFor,
  type Quarter,
  type QuarterFigures,
  type VisitFacts,
} from '../../src/domain/evaluation.ts';

/**
 * A quarter in which the terminal recorded nothing: no open days, every share
 * empty, nothing costed, no scanner status, no stocktake. A test names only the
 * figures its assertions rest on, so a reader sees at once what makes the grade.
 */
export function quarterFigures(quarter: Quarter, figures: Partial<Omit<QuarterFigures, 'quarter'>> = {}): QuarterFigures {
  return {
    quarter,
    openDays: 0,
    daysWithScans: 0,
    scannedLines: { part: 0, total: 0 },
    scannerUptimeBp: null,
    adviceLines: { part: 0, total: 0 },
    ordersOnOrderDays: { part: 0, total: 0 },
    stockoutDays: { part: 0, total: 0 },
    latestStocktakeErrorBp: null,
    stocktakeMonths: [],
    coverInBand: { part: 0, total: 0 },
    slowStockValueCents: null,
    sellThrough: { part: 0, total: 0 },
    salesCents: 0,
    costedSalesCents: 0,
    costOfCostedSalesCents: 0,
    lastYearSalesCents: null,
    displayDays: 0,
    feedbackCount: 0,
    ...figures,
  };
}

/**
 * A small shop's perfect quarter (2026-Q3): every figure at or beyond its
 * target. Tests change one figure at a time and compute the points by hand.
 */
export function perfectQuarter(): QuarterFigures {
  return quarterFigures(
    { year: 2026, q: 3 },
    {
      openDays: 90,
      daysWithScans: 90,
      scannedLines: { part: 200, total: 200 },
      scannerUptimeBp: 10000,
      adviceLines: { part: 10, total: 10 },
      ordersOnOrderDays: { part: 12, total: 12 },
      stockoutDays: { part: 0, total: 900 },
      latestStocktakeErrorBp: 500,
      stocktakeMonths: ['2026-07', '2026-08', '2026-09'],
      coverInBand: { part: 10, total: 10 },
      slowStockValueCents: { part: 0, total: 100_000 },
      sellThrough: { part: 10, total: 10 },
      salesCents: 1_000_000,
      costedSalesCents: 1_000_000,
      costOfCostedSalesCents: 850_000,
      lastYearSalesCents: 900_000,
      displayDays: 90,
      feedbackCount: 120,
    },
  );
}

/**
 * A quarter that fails (2026-Q4 unless named): little of it scanned, the
 * advice seldom followed, many stock-out days, a 1% margin, and no stocktake.
 * For tests that need a failing grade, not its points: a test names the
 * figures its assertions rest on over these.
 */
export function poorQuarter(quarter: Quarter = { year: 2026, q: 4 }): QuarterFigures {
  return quarterFigures(quarter, {
    openDays: 60,
    daysWithScans: 30,
    scannedLines: { part: 10, total: 100 },
    adviceLines: { part: 0, total: 5 },
    ordersOnOrderDays: { part: 1, total: 5 },
    stockoutDays: { part: 50, total: 500 },
    coverInBand: { part: 0, total: 4 },
    slowStockValueCents: { part: 5, total: 10 },
    sellThrough: { part: 1, total: 10 },
    salesCents: 100,
    costedSalesCents: 100,
    costOfCostedSalesCents: 99,
    lastYearSalesCents: 1000,
  });
}

/** The quarter graded on `evaluatedOn` with the default settings, and its follow-up: what a visit bundle carries. */
export function gradedQuarter(figures: QuarterFigures, evaluatedOn: string, visits: readonly VisitFacts[] = []) {
  const evaluation = evaluateQuarter(figures, visits);
  return { evaluation, followUp: followUpFor(evaluation, evaluatedOn), settings: DEFAULT_EVALUATION_SETTINGS, evaluatedOn };
}

/** The quarter graded on `evaluatedOn` with the default settings, as the kiosk stores it. */
export function storedEvaluation(
  figures: QuarterFigures,
  evaluatedOn: string,
  evaluatedAt = 0,
  visits: readonly VisitFacts[] = [],
): StoredEvaluation {
  const { evaluation, settings, followUp } = gradedQuarter(figures, evaluatedOn, visits);
  return { quarter: evaluation.quarter, evaluatedOn, evaluatedAt, figures, evaluation, settings, followUp };
}
