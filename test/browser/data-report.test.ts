import { expect } from '@open-wc/testing';
import { deleteKioskDb, getDb, onRollupBackfill } from '../../src/data/db.ts';
import { loadReport } from '../../src/data/report.ts';
import { getDailyTotals } from '../../src/data/movements.ts';
import { NotAllowedError, forgetSessionForTests } from '../../src/data/roles.ts';
import { openOwnerSession, signOutAndCloseDbAfterEach } from './shop-fixtures.ts';
import { A, B, NOW, at, seedReportLedger } from './report-ledger.ts';
import type { DailyTotal } from '../../src/domain/product.ts';
import { dailyTotalsOf } from '../../src/domain/report/rollups.ts';
import { openLegacyKioskDb } from './legacy-schemas.ts';

async function dayRowsAsTotals(): Promise<DailyTotal[]> {
  const db = await getDb();
  return sortTotals((await db.getAll('dayProducts')).flatMap(dailyTotalsOf));
}

async function storedTotals(): Promise<DailyTotal[]> {
  const db = await getDb();
  return sortTotals(await db.getAll('dailyTotals'));
}

function sortTotals(totals: DailyTotal[]): DailyTotal[] {
  return totals.sort((a, b) => (a.day + a.code < b.day + b.code ? -1 : 1));
}

describe('business report data', () => {
  beforeEach(async () => {
    await deleteKioskDb();
  });
  signOutAndCloseDbAfterEach();

  it('closing and reversing sales write the hourly totals and the sales money in the same transactions', async () => {
    await openOwnerSession();
    await seedReportLedger();
    const db = await getDb();
    const hours = await db.getAll('hourlyTotals');
    expect(hours).to.deep.equal([
      { day: '2026-03-05', hour: 10, salesCents: 9900, packs: 5, sales: 2, reversals: 0, waitSeconds: [60, 20] },
      { day: '2026-03-05', hour: 17, salesCents: 4800 - 900, packs: 2 - 3, sales: 1, reversals: 1, waitSeconds: [120] },
    ]);
    const a = await db.get('dailyTotals', [A, '2026-03-05']);
    expect(a).to.include({ sold: 3, soldCents: 13_500, soldCostCents: 12_000 });
    const b = await db.get('dailyTotals', [B, '2026-03-05']);
    // 900 + 300 − 900 back: sold without a cost price, kept apart, never at zero cost.
    expect(b).to.include({ sold: 1, soldCents: 300, uncostedCents: 300 });
    expect(b?.soldCostCents).to.equal(undefined);
    // The day record mirrors every daily total of the day (movement counts too), written in the same transactions.
    expect(await dayRowsAsTotals()).to.deep.equal(await storedTotals());
  });

  it('computes the report from the rollups of a real ledger', async () => {
    await openOwnerSession();
    await seedReportLedger();
    const report = await loadReport({ from: '2026-03-05', to: '2026-03-05' }, { now: NOW });
    expect(report.sales).to.include({ salesCents: 13_800, packs: 4, sales: 2, averageSaleCents: 6900 });
    expect(report.profit).to.include({ salesCents: 13_800, costedSalesCents: 13_500, costOfSalesCents: 12_000, grossProfitCents: 1500 });
    expect(report.movement).to.include({ stocked: 3, moved: 2, tiedUpCents: 5000 });
    expect(report.stock).to.include({ atCostCents: 17 * 4000 + 10 * 500, atRetailCents: 17 * 4500 + 29 * 300 + 10 * 800 });
    expect(report.waiting).to.include({ sales: 3, medianSeconds: 60, p90Seconds: 120 });
  });

  it('refuses without canDo("view-report")', async () => {
    // Nobody signed in: the report is the owner's.
    forgetSessionForTests();
    let error: unknown;
    try {
      await loadReport({ from: '2026-03-05', to: '2026-03-05' }, { now: NOW });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(NotAllowedError);
  });

  it('back-fills the rollups when a v3 database is opened: money from the sale basket, each sale counted once', async () => {
    // A v3 database as issue 9 left it: stores made with plain idb, a closed sale and its reversal.
    const v3 = await openLegacyKioskDb(3);
    // The price is ¥46 now; the sale charged ¥45 a pack.
    await v3.put('products', {
      code: A,
      name: '中华',
      priceCents: 4600,
      costCents: 4000,
      unit: 'pack',
      stock: 19,
      createdAt: 1,
      updatedAt: 2,
    });
    const basket = {
      lines: [{ lineId: 'L1', productCode: A, barcode: A, name: '中华', multiplier: 1, quantity: 2, unitPriceCents: 4500 }],
      nextLineNo: 2,
    };
    await v3.put('sessions', {
      id: 's1',
      kind: 'sale',
      status: 'closed',
      openedAt: at(9, 59),
      closedAt: at(10),
      closedSeq: 1,
      basket,
      totalCents: 9000,
    });
    await v3.add('movements', { code: A, kind: 'opening', quantity: 20, at: at(8), day: '2026-03-05' });
    await v3.add('movements', { code: A, kind: 'sale', quantity: -2, at: at(10), day: '2026-03-05', sessionId: 's1' });
    // A sale recorded without a basket (an older build's direct sale): the product's price, one sale.
    await v3.add('movements', { code: A, kind: 'sale', quantity: -1, at: at(11), day: '2026-03-05' });
    await v3.put('dailyTotals', { code: A, day: '2026-03-05', sold: 3, received: 0, adjusted: 20, movements: 3 });
    v3.close();

    const progress: [number, number][] = [];
    onRollupBackfill((done, total) => progress.push([done, total]));
    const db = await getDb();
    onRollupBackfill(undefined);
    expect(progress).to.deep.equal([[3, 3]]);
    // The upgrade to version 10 folds the past day's row into its day record.
    const [total] = await getDailyTotals(A, '2026-03-05', '2026-03-05');
    expect(total).to.include({ sold: 3, soldCents: 9000 + 4600, soldCostCents: 12_000, movements: 3 });
    expect(await db.count('dailyTotals')).to.equal(0);
    expect(await db.getAll('hourlyTotals')).to.deep.equal([
      { day: '2026-03-05', hour: 10, salesCents: 9000, packs: 2, sales: 1, reversals: 0, waitSeconds: [60] },
      { day: '2026-03-05', hour: 11, salesCents: 4600, packs: 1, sales: 1, reversals: 0, waitSeconds: [] },
    ]);
    expect(await dayRowsAsTotals()).to.deep.equal([total]);
  });
});
