/**
 * The rep's review, the quarter's grade and the signed bundle on the demo
 * shop: two years of a simulated shop's ledger (150 products, a stocktake,
 * a placed order), not a hand-made one.
 */
import { expect } from '@open-wc/testing';
import { deleteKioskDb } from '../../src/data/db.ts';
import { loadDemoShop } from '../../src/data/demo-shop.ts';
import { gradeQuarter, loadVisitReview } from '../../src/data/evaluation-data.ts';
import { makeVisitBundle, verifyBundle } from '../../src/data/visit-bundle.ts';
import { FUNCTIONS, quarterOf, quarterRange } from '../../src/domain/evaluation.ts';
import { addDays } from '../../src/domain/reorder/calendar.ts';
import { localDay } from '../../src/domain/product.ts';
import { backToShopDb, freshDemoDb } from './shop-fixtures.ts';

describe('the visit on the demo shop', function () {
  // The demo shop stores in 5–15 s here.
  this.timeout(120_000);

  before(async () => {
    await freshDemoDb();
    expect(await loadDemoShop()).to.equal('loaded');
  });

  after(async () => {
    await deleteKioskDb();
    await backToShopDb();
  });

  it('reviews the last 90 days, grades the quarter with every deduction explained, and signs a bundle that verifies', async () => {
    const today = localDay(Date.now());
    const review = await loadVisitReview(addDays(today, -90), today);
    expect(review.sales.totalCents).to.be.above(0);
    expect(review.sales.lastYearTotalCents).to.be.above(0);
    expect(review.orders.length).to.be.at.least(1);

    const quarter = quarterOf(today);
    const graded = await gradeQuarter(quarter, [{ date: today, priceTagsMissing: 2, displayTidyDone: true }]);
    const { evaluation } = graded;
    expect(evaluation.functions.map((f) => f.function)).to.deep.equal([...FUNCTIONS]);
    // Every point taken off says why.
    for (const f of evaluation.functions)
      for (const d of f.deductions) expect(d.reason, `${f.function} ${d.criterion}`).to.be.a('string').and.not.equal('');
    expect(evaluation.total).to.be.a('number');
    expect(evaluation.grade).to.be.oneOf(['优秀', '良好', '合格', '不合格']);

    const range = quarterRange(quarter);
    const file = await makeVisitBundle({
      period: { from: range.from, to: today },
      quarter,
      visit: { date: today, rep: 'KM-7', grade: evaluation.grade, stockErrorBasisPoints: null, priceTagsMissing: 2, notes: '演示' },
    });
    expect(await verifyBundle(file.signed)).to.equal(true);
    expect(file.signed.bundle.daily.length).to.be.above(0);
    const bundle = file.signed.bundle;
    expect(bundle.schemaVersion === 2 ? bundle.evaluation?.grade : undefined).to.equal(evaluation.grade);
    expect(file.gzip.byteLength).to.be.below(512 * 1024);
  });
});
