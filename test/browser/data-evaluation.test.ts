import { expect } from '@open-wc/testing';
import { getDb } from '../../src/data/db.ts';
import {
  EvaluationSettingsError,
  getEvaluationSettings,
  getEvaluations,
  gatherQuarterFigures,
  gradeQuarter,
  loadVisitReview,
  markRectified,
  putEvaluationSettings,
} from '../../src/data/evaluation-data.ts';
import { DEFAULT_EVALUATION_SETTINGS } from '../../src/domain/evaluation.ts';
import { freshShopWithOwner } from './shop-fixtures.ts';
import { NOW, seedReportLedger } from './report-ledger.ts';

describe('evaluation data', () => {
  freshShopWithOwner(seedReportLedger);

  it('reviews since a day from the rollups: sales by day, slow movers at cost', async () => {
    const review = await loadVisitReview('2026-03-01', '2026-03-05');
    expect(review.sales.days).to.deep.equal(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']);
    // A×2 ¥90, B×3 ¥9 reversed, A+B ¥48: ¥138 on the 5th.
    expect(review.sales.cents).to.deep.equal([0, 0, 0, 0, 13_800]);
    // Nothing recorded a year before: no comparison rather than zeros.
    expect(review.sales.lastYearTotalCents).to.equal(null);
    // C (薯片) never sold, 10 at cost ¥5.
    expect(review.slowMovers.map((s) => [s.name, s.valueCents])).to.deep.equal([['薯片', 5000]]);
  });

  it("gathers the quarter's figures: basket units without stored scans are not counted as scanned", async () => {
    const f = await gatherQuarterFigures({ year: 2026, q: 1 }, '2026-03-05');
    // Baskets: A 2 + B 3 + (A 1 + B 1) = 7 units, none from the scan stream.
    expect(f.scannedLines).to.deep.equal({ part: 0, total: 7 });
    expect(f.latestStocktakeErrorBp).to.equal(null);
    expect(f.salesCents).to.equal(13_800);
  });

  it('grades and keeps a quarter, and a regrade keeps the items already put right', async () => {
    // Thresholds no small ledger meets: 不合格, with rectification items.
    await putEvaluationSettings({ ...DEFAULT_EVALUATION_SETTINGS, thresholds: { 优秀: 100, 良好: 99, 合格: 98 } });
    const first = await gradeQuarter({ year: 2026, q: 1 }, [{ date: '2026-03-05', priceTagsMissing: 7, displayTidyDone: false }], NOW);
    expect(first.quarter).to.equal('2026-Q1');
    expect(first.evaluatedOn).to.equal('2026-03-05');
    expect(first.evaluation.functions).to.have.length(5);
    const db = await getDb();
    expect(await db.count('evaluations')).to.equal(1);
    expect(first.evaluation.grade).to.equal('不合格');
    expect(first.followUp.deadline).to.equal('2026-04-04');
    const criterion = first.followUp.items[0]!.criterion;
    await markRectified('2026-Q1', criterion, '2026-03-20');
    const again = await gradeQuarter({ year: 2026, q: 1 }, [], NOW);
    expect(again.followUp.items.find((i) => i.criterion === criterion)?.doneOn).to.equal('2026-03-20');
    expect((await getEvaluations()).map((e) => e.quarter)).to.deep.equal(['2026-Q1']);
  });

  it("keeps the supplier's settings only when they are valid", async () => {
    expect(await getEvaluationSettings()).to.deep.equal(DEFAULT_EVALUATION_SETTINGS);
    const weights = { ...DEFAULT_EVALUATION_SETTINGS.weights, 'scan-capture': 40, 'brand-display': 0 };
    await putEvaluationSettings({ ...DEFAULT_EVALUATION_SETTINGS, weights });
    expect((await getEvaluationSettings()).weights).to.deep.equal(weights);
    let error: unknown;
    try {
      await putEvaluationSettings({ ...DEFAULT_EVALUATION_SETTINGS, thresholds: { 优秀: 50, 良好: 80, 合格: 60 } });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(EvaluationSettingsError);
    expect((await getEvaluationSettings()).weights).to.deep.equal(weights);
  });
});
