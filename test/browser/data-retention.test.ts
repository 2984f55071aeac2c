import { expect } from '@open-wc/testing';
import { getDb } from '../../src/data/db.ts';
import { pruneOldScans, scanCutoff, storageUse } from '../../src/data/retention.ts';
import { seedShop } from '../helpers/backup-seed.ts';
import { countScans } from '../../src/data/scans.ts';
import { localDay } from '../../src/domain/product.ts';
import { freshKioskDbPerTest } from './shop-fixtures.ts';

describe('retention', () => {
  freshKioskDbPerTest();

  it('deletes raw scans older than 13 months and keeps movements and daily totals', async function () {
    this.timeout(60_000);
    // The seeded scans are stored evenly over 400 days from 1 Jan 2025; more than one batch (5000).
    await seedShop({ products: 10, movements: 200, scans: 6000, rows: true });
    const db = await getDb();
    const movements = await db.count('movements');
    const totals = await db.count('dailyTotals');
    const now = Date.UTC(2026, 1, 5);
    const cutoff = scanCutoff(now);
    const all = await db.getAll('scans');
    const old = all.filter((s) => s.storedAt < cutoff).length;
    expect(old).to.be.greaterThan(0);
    expect(old).to.be.lessThan(all.length);

    expect(await pruneOldScans({ now, clockTrusted: true })).to.equal(old);
    const left = await db.getAll('scans');
    expect(left.length).to.equal(all.length - old);
    expect(left.every((s) => s.storedAt >= cutoff)).to.equal(true);
    expect(await db.count('movements')).to.equal(movements);
    expect(await db.count('dailyTotals')).to.equal(totals);
  });

  it('deletes old day blocks whole, and the blocks and rows left are the days from the cutoff on', async function () {
    this.timeout(60_000);
    await seedShop({ products: 10, movements: 200, scans: 6000 });
    const db = await getDb();
    const blocks = await db.getAll('scanBlocks');
    expect(blocks.length).to.be.greaterThan(300);
    const now = Date.UTC(2026, 1, 5);
    const cutoffDay = localDay(scanCutoff(now));
    const before = await countScans();
    const old = blocks.filter((b) => b.day < cutoffDay).reduce((n, b) => n + b.scans.length, 0);
    expect(old).to.be.greaterThan(0);

    expect(await pruneOldScans({ now, clockTrusted: true })).to.equal(old);
    expect(await countScans()).to.equal(before - old);
    expect((await db.getAllKeys('scanBlocks')).every((day) => day >= cutoffDay)).to.equal(true);
    expect(await db.count('scanBlocks')).to.equal(blocks.length - blocks.filter((b) => b.day < cutoffDay).length);
  });

  it('deletes nothing on a clock that is not synchronised', async () => {
    await seedShop({ products: 5, movements: 10, scans: 100, rows: true });
    expect(await pruneOldScans({ now: Date.UTC(2038, 0, 1), clockTrusted: false })).to.equal(0);
    expect(await (await getDb()).count('scans')).to.equal(100);
  });

  it('reports storage used and free against the quota', async () => {
    const use = await storageUse();
    expect(use).to.not.equal(undefined);
    expect(use!.quotaBytes).to.be.greaterThan(0);
    expect(use!.freeBytes).to.equal(use!.quotaBytes - use!.usedBytes);
    expect(use!.warn).to.equal(use!.usedBytes >= 0.8 * use!.quotaBytes);
  });
});
