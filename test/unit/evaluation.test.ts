import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EVALUATION_SETTINGS,
  evaluateQuarter,
  followUpFor,
  gradeOf,
  overdueItems,
  pointsFor,
  CRITERION_RULES,
  quarterOf,
  quarterRange,
  quarterTrend,
  validateEvaluationSettings,
  type QuarterFigures,
  type VisitFacts,
} from '../../src/domain/evaluation.ts';
import { perfectQuarter } from '../helpers/quarter-figures.ts';

const goodVisits: VisitFacts[] = [
  { date: '2026-07-03', priceTagsMissing: 5, displayTidyDone: true },
  { date: '2026-09-20', priceTagsMissing: 2, displayTidyDone: true },
];

function fn(e: ReturnType<typeof evaluateQuarter>, name: string) {
  const f = e.functions.find((x) => x.function === name);
  if (!f) throw new Error(name);
  return f;
}

describe('quarters', () => {
  it('maps days to quarters and back', () => {
    expect(quarterOf('2026-09-30')).toEqual({ year: 2026, q: 3 });
    expect(quarterOf('2026-10-01')).toEqual({ year: 2026, q: 4 });
    expect(quarterRange({ year: 2026, q: 4 })).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(quarterRange({ year: 2024, q: 1 })).toEqual({ from: '2024-01-01', to: '2024-03-31' });
  });
});

describe('evaluateQuarter', () => {
  it('gives full marks and 优秀 to a quarter meeting every target, with no deductions', () => {
    const e = evaluateQuarter(perfectQuarter(), goodVisits);
    expect(e.quarter).toBe('2026-Q3');
    expect(e.functions.map((f) => f.score)).toEqual([100, 100, 100, 100, 100]);
    expect(e.functions.flatMap((f) => f.deductions)).toEqual([]);
    expect(e.total).toBe(100);
    expect(e.grade).toBe('优秀');
  });

  it('scores scan capture from its three criteria, explaining each loss', () => {
    // scan share 150/200 = 7500 bp: 40 × (7500−5000)/(9500−5000) = 22.2 → 22 (−18)
    // scan days 72/90 = 8000 bp: 30 × 3000/5000 = 18 (−12)
    // uptime 9000 bp: 30 × 1000/1900 = 15.8 → 15 (−15)
    const e = evaluateQuarter(
      { ...perfectQuarter(), scannedLines: { part: 150, total: 200 }, daysWithScans: 72, scannerUptimeBp: 9000 },
      goodVisits,
    );
    const f = fn(e, 'scan-capture');
    expect(f.score).toBe(22 + 18 + 15);
    expect(f.deductions).toEqual([
      { function: 'scan-capture', criterion: 'scan-share', points: 18, reason: 'below-target', params: { value: 7500, target: 9500 } },
      { function: 'scan-capture', criterion: 'scan-days', points: 12, reason: 'below-target', params: { value: 8000, target: 10000 } },
      { function: 'scan-capture', criterion: 'scanner-uptime', points: 15, reason: 'below-target', params: { value: 9000, target: 9900 } },
    ]);
    // total: (55 + 4×100) / 5 = 91
    expect(e.total).toBe(91);
  });

  it('scores the stocktake against the 10% standard and counts months without one', () => {
    // error 15%: 30 × (1500−2000)/(1000−2000) = 15 (−15); one month of three: 25 × 1/3 = 8 (−17)
    const e = evaluateQuarter({ ...perfectQuarter(), latestStocktakeErrorBp: 1500, stocktakeMonths: ['2026-08', '2026-05'] }, goodVisits);
    const f = fn(e, 'stock-cost');
    expect(f.score).toBe(15 + 8 + 25 + 20);
    expect(f.deductions).toContainEqual({
      function: 'stock-cost',
      criterion: 'stocktake-error',
      points: 15,
      reason: 'standard-exceeded',
      params: { value: 1500, target: 1000 },
    });
    expect(f.deductions).toContainEqual({
      function: 'stock-cost',
      criterion: 'stocktake-monthly',
      points: 17,
      reason: 'months-without-stocktake',
      params: { value: 1, target: 3, months: '2026-07,2026-09' },
    });
  });

  it('takes the error rate exactly at 10% as within the standard, one basis point above as not', () => {
    expect(fn(evaluateQuarter({ ...perfectQuarter(), latestStocktakeErrorBp: 1000 }, goodVisits), 'stock-cost').score).toBe(100);
    // 30 × (1001−2000)/(−1000) = 29.97 → 29
    expect(fn(evaluateQuarter({ ...perfectQuarter(), latestStocktakeErrorBp: 1001 }, goodVisits), 'stock-cost').score).toBe(99);
  });

  it('says "no data" for a terminal with no stocktake yet, scoring the function on the rest', () => {
    const e = evaluateQuarter({ ...perfectQuarter(), latestStocktakeErrorBp: null, stocktakeMonths: [] }, goodVisits);
    const f = fn(e, 'stock-cost');
    expect(f.deductions).toContainEqual({ function: 'stock-cost', criterion: 'stocktake-error', points: 0, reason: 'no-data', params: {} });
    expect(f.criteria.find((c) => c.criterion === 'stocktake-error')).toMatchObject({ earned: null, value: null });
    // Months without a stocktake are a real loss: 0 of 25. With data: 25 + 25 + 20 = 70 points, earned 45 → 64.
    expect(f.score).toBe(Math.round((45 * 100) / 70));
  });

  it('says "no data" for gross margin without cost prices, and for slow-stock value', () => {
    const e = evaluateQuarter(
      { ...perfectQuarter(), costedSalesCents: 0, costOfCostedSalesCents: 0, slowStockValueCents: null },
      goodVisits,
    );
    expect(fn(e, 'movement-profit').deductions).toEqual([
      { function: 'movement-profit', criterion: 'gross-margin', points: 0, reason: 'no-data', params: {} },
    ]);
    expect(fn(e, 'movement-profit').score).toBe(100);
    expect(fn(e, 'stock-cost').deductions.map((d) => [d.criterion, d.reason])).toEqual([['slow-stock', 'no-data']]);
  });

  it('treats a margin over less than half the sales as no data (a few costed products say nothing)', () => {
    const e = evaluateQuarter({ ...perfectQuarter(), costedSalesCents: 400_000, costOfCostedSalesCents: 399_000 }, goodVisits);
    expect(fn(e, 'movement-profit').criteria.find((c) => c.criterion === 'gross-margin')?.earned).toBeNull();
    // At half it counts: margin (500000−480000)/500000 = 400 bp ≤ floor 500 → 0.
    const half = evaluateQuarter({ ...perfectQuarter(), costedSalesCents: 500_000, costOfCostedSalesCents: 480_000 }, goodVisits);
    expect(fn(half, 'movement-profit').criteria.find((c) => c.criterion === 'gross-margin')).toMatchObject({ earned: 0, value: 400 });
  });

  it('says "no data" for the visit criteria when there was no visit in the quarter', () => {
    const e = evaluateQuarter(perfectQuarter(), [{ date: '2026-06-30', priceTagsMissing: 9, displayTidyDone: false }]);
    const f = fn(e, 'brand-display');
    expect(f.deductions.map((d) => [d.criterion, d.reason])).toEqual([
      ['price-tags', 'no-data'],
      ['display-tidy', 'no-data'],
    ]);
    expect(f.score).toBe(100);
  });

  it("scores price tags at the quarter's last audit and 出样 over its visits", () => {
    const visits: VisitFacts[] = [
      { date: '2026-07-10', priceTagsMissing: 0, displayTidyDone: true },
      { date: '2026-08-10', priceTagsMissing: null, displayTidyDone: false },
      { date: '2026-09-10', priceTagsMissing: 5, displayTidyDone: true },
      { date: '2026-08-20', priceTagsMissing: 1, displayTidyDone: false },
    ];
    const f = fn(evaluateQuarter(perfectQuarter(), visits), 'brand-display');
    // tags: 5 missing: 25 × (5−8)/(3−8) = 15 (−10); tidy 2 of 4 = 5000 bp: 25 × 5000/10000 = 12 (−13)
    expect(f.deductions).toEqual([
      { function: 'brand-display', criterion: 'price-tags', points: 10, reason: 'standard-exceeded', params: { value: 5, target: 3 } },
      { function: 'brand-display', criterion: 'display-tidy', points: 13, reason: 'below-target', params: { value: 5000, target: 10000 } },
    ]);
    expect(f.score).toBe(25 + 15 + 12 + 25);
  });

  it('counts no feedback as a loss, not as missing data', () => {
    const f = fn(evaluateQuarter({ ...perfectQuarter(), feedbackCount: 0 }, goodVisits), 'brand-display');
    expect(f.deductions).toEqual([
      { function: 'brand-display', criterion: 'feedback-collected', points: 25, reason: 'below-target', params: { value: 0, target: 90 } },
    ]);
  });

  it('gives a function no score when its criteria with data carry less than half its points', () => {
    // brand display: no display ever, no visits: only feedback (25 points) has data.
    const e = evaluateQuarter({ ...perfectQuarter(), displayDays: null }, []);
    expect(fn(e, 'brand-display').score).toBeNull();
    // The total over the other four (weights 80 of 100): 100.
    expect(e.total).toBe(100);
  });

  it('gives no total or grade when the scored functions carry less than 60% of the weight', () => {
    const bare: QuarterFigures = {
      ...perfectQuarter(),
      scannedLines: { part: 0, total: 0 },
      openDays: 0,
      daysWithScans: 0,
      scannerUptimeBp: null,
      adviceLines: { part: 0, total: 0 },
      ordersOnOrderDays: { part: 0, total: 0 },
      displayDays: null,
    };
    const e = evaluateQuarter(bare, []);
    expect(fn(e, 'scan-capture').score).toBeNull();
    expect(fn(e, 'guided-buying').score).toBeNull();
    expect(fn(e, 'brand-display').score).toBeNull();
    expect(e.total).toBeNull();
    expect(e.grade).toBeNull();
  });

  it("weighs functions by the supplier's weights", () => {
    // scan capture 55 as above; weight 60 on it, 10 on each other: (55×60 + 100×40)/100 = 73
    const settings = {
      ...DEFAULT_EVALUATION_SETTINGS,
      weights: { 'scan-capture': 60, 'guided-buying': 10, 'stock-cost': 10, 'movement-profit': 10, 'brand-display': 10 },
    };
    const e = evaluateQuarter(
      { ...perfectQuarter(), scannedLines: { part: 150, total: 200 }, daysWithScans: 72, scannerUptimeBp: 9000 },
      goodVisits,
      settings,
    );
    expect(e.total).toBe(73);
    expect(e.grade).toBe('合格');
  });
});

describe('grades', () => {
  it('puts each threshold edge in the higher grade', () => {
    const t = DEFAULT_EVALUATION_SETTINGS.thresholds;
    expect([90, 89, 80, 79, 60, 59, 0, 100].map((x) => gradeOf(x, t))).toEqual([
      '优秀',
      '良好',
      '良好',
      '合格',
      '合格',
      '不合格',
      '不合格',
      '优秀',
    ]);
  });

  it('earns points linearly between floor and target, whole points only', () => {
    const rule = CRITERION_RULES['scan-share'];
    expect(pointsFor(rule, 9500)).toBe(40);
    expect(pointsFor(rule, 5000)).toBe(0);
    expect(pointsFor(rule, 4000)).toBe(0);
    expect(pointsFor(rule, 7250)).toBe(20);
    expect(pointsFor(rule, 7249)).toBe(19);
  });
});

describe('settings', () => {
  it('accepts the defaults', () => {
    expect(validateEvaluationSettings(DEFAULT_EVALUATION_SETTINGS)).toEqual({ ok: true, settings: DEFAULT_EVALUATION_SETTINGS });
  });
  it('refuses weights not adding to 100, fractional weights, thresholds out of order, bad deadlines', () => {
    const d = DEFAULT_EVALUATION_SETTINGS;
    expect(validateEvaluationSettings({ ...d, weights: { ...d.weights, 'scan-capture': 30 } })).toEqual({
      ok: false,
      problems: ['weights-not-100'],
    });
    expect(validateEvaluationSettings({ ...d, weights: { ...d.weights, 'scan-capture': 20.5 } })).toEqual({
      ok: false,
      problems: ['weight-not-whole'],
    });
    expect(validateEvaluationSettings({ ...d, thresholds: { 优秀: 80, 良好: 80, 合格: 60 } })).toEqual({
      ok: false,
      problems: ['thresholds-not-descending'],
    });
    expect(validateEvaluationSettings({ ...d, thresholds: { 优秀: 101, 良好: 80, 合格: 60 } })).toEqual({
      ok: false,
      problems: ['threshold-not-whole'],
    });
    expect(validateEvaluationSettings({ ...d, rectificationDays: 0 })).toEqual({ ok: false, problems: ['rectification-days'] });
    expect(validateEvaluationSettings(null)).toMatchObject({ ok: false });
  });
});

describe('follow-up', () => {
  const failing: QuarterFigures = {
    ...perfectQuarter(),
    scannedLines: { part: 50, total: 200 },
    daysWithScans: 30,
    scannerUptimeBp: 7000,
    adviceLines: { part: 1, total: 10 },
    ordersOnOrderDays: { part: 3, total: 12 },
    latestStocktakeErrorBp: 3000,
    stocktakeMonths: [],
  };

  it('lists the criteria that lost at least half their points as rectification items, worst first, with a deadline', () => {
    const e = evaluateQuarter(failing, goodVisits);
    expect(e.grade).toBe('不合格');
    const f = followUpFor(e, '2026-10-05');
    expect(f.deadline).toBe('2026-11-04');
    expect(f.items.map((i) => [i.criterion, i.points])).toEqual([
      ['scan-share', 40],
      ['advice-followed', 40],
      ['scan-days', 30],
      ['scanner-uptime', 30],
      ['order-days', 30],
      ['stocktake-error', 30],
      ['stocktake-monthly', 25],
    ]);
    expect(overdueItems(f, '2026-11-04')).toEqual([]);
    const withOneDone = { ...f, items: f.items.map((i, n) => (n === 0 ? { ...i, doneOn: '2026-10-20' } : i)) };
    expect(overdueItems(withOneDone, '2026-11-05')).toHaveLength(6);
  });

  it('asks nothing of a passing grade', () => {
    expect(followUpFor(evaluateQuarter(perfectQuarter(), goodVisits), '2026-10-05')).toEqual({ grade: '优秀', items: [], deadline: null });
  });
});

describe('quarterTrend', () => {
  it('orders quarters and compares each with the last graded one', () => {
    expect(
      quarterTrend([
        { quarter: '2026-Q2', total: null, grade: null },
        { quarter: '2026-Q3', total: 70, grade: '合格' },
        { quarter: '2026-Q1', total: 82, grade: '良好' },
      ]),
    ).toEqual([
      { quarter: '2026-Q1', total: 82, grade: '良好', change: null },
      { quarter: '2026-Q2', total: null, grade: null, change: null },
      { quarter: '2026-Q3', total: 70, grade: '合格', change: -12 },
    ]);
  });
});

describe('evaluationSummaryLine', () => {
  it('puts the grade, the five scores and the key figures in a few lines', async () => {
    const { evaluationSummaryLine } = await import('../../src/domain/evaluation.ts');
    const e = evaluateQuarter({ ...perfectQuarter(), latestStocktakeErrorBp: null, stocktakeMonths: [] }, goodVisits);
    expect(evaluationSummaryLine(e, { salesCents: 1_234_567, latestStocktakeErrorBp: 645 }, 'T-001', 2)).toBe(
      [
        '终端T-001 2026-Q3 考评优秀 总分93',
        '信息采集100 引导购进100 存货控制成本64 动销带动盈利100 品牌展示100',
        '销售额12346元 盘点误差6.5% 缺价签2',
      ].join('\n'),
    );
  });
});
