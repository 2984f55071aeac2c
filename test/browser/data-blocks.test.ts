import { expect } from '@open-wc/testing';
import { openDB } from 'idb';
import { createBackup, readBackupHeader, restoreBackup } from '../../src/data/backup.ts';
import { checkDailyTotals, checkLedger } from '../../src/data/catalog.ts';
import { DB_NAME, DB_VERSION, deleteKioskDb, getDb, upgradeKioskDb, type KioskDB } from '../../src/data/db.ts';
import { getDailyTotals, getProductHistory, recordMovement } from '../../src/data/movements.ts';
import { getReorderInputs } from '../../src/data/reorder.ts';
import { loadReport } from '../../src/data/report.ts';
import { compactOldRows } from '../../src/data/retention.ts';
import { countScans, getRecentScans } from '../../src/data/scans.ts';
import { seedShop } from '../helpers/backup-seed.ts';
import { openOwnerSession, signOutAndCloseDbAfterEach } from './shop-fixtures.ts';

const SIZE = { products: 12, movements: 3000, scans: 700, rows: true };
/** The day after the seeded shop's last day (2026-02-05). */
const NOW = Date.UTC(2026, 1, 6, 4);

/** What the shop's readers see: ledger, daily totals, scans, reorder input, the report. */
async function shopView() {
  const db = await getDb();
  const codes = (await db.getAllKeys('products')).slice(0, 6);
  const products = [];
  for (const code of codes) {
    products.push({
      code,
      history: await getProductHistory(code),
      latest: await getProductHistory(code, 3),
      totals: await getDailyTotals(code, '2000-01-01', '2099-12-31'),
    });
  }
  return {
    products,
    ledger: await checkLedger(),
    totals: await checkDailyTotals(),
    scans: await countScans(),
    recentScans: await getRecentScans(4),
    reorder: await getReorderInputs('2026-02-06'),
    report: await loadReport({ from: '2026-01-01', to: '2026-01-31' }, { now: NOW }),
  };
}

async function summary() {
  return (await createBackup(0)).header.summary;
}

describe('old rows as blocks', () => {
  beforeEach(async () => {
    await deleteKioskDb();
    await openOwnerSession();
  });
  signOutAndCloseDbAfterEach();

  it('the compaction folds old rows into blocks: every reader sees the same shop, and a second run changes nothing', async function () {
    this.timeout(120_000);
    await seedShop(SIZE);
    const before = await shopView();
    const summaryBefore = await summary();
    const result = await compactOldRows(NOW);
    expect(result.movements).to.equal(3000);
    expect(result.scans).to.be.greaterThan(600);
    expect(result.dailyTotals).to.be.greaterThan(0);
    const db = await getDb();
    expect(await db.count('movements')).to.equal(0);
    expect(await db.count('dailyTotals')).to.equal(0);
    expect(await db.count('movementBlocks')).to.be.greaterThan(12 * 12);
    expect(await shopView()).to.deep.equal(before);
    expect(await summary()).to.deep.equal(summaryBefore);

    expect(await compactOldRows(NOW)).to.deep.equal({ movements: 0, scans: 0, dailyTotals: 0 });
    expect(await shopView()).to.deep.equal(before);
  });

  it('a row already in its block (folded in before) is not kept twice', async () => {
    await seedShop({ ...SIZE, movements: 200, scans: 50 });
    await compactOldRows(NOW);
    const db = await getDb();
    const [block] = await db.getAll('movementBlocks', undefined, 1);
    const ledger = await getProductHistory(block!.code);
    await db.put('movements', block!.movements[0]!);
    expect((await compactOldRows(NOW)).movements).to.equal(1);
    expect(await db.get('movementBlocks', [block!.code, block!.month])).to.deep.equal(block);
    expect(await getProductHistory(block!.code)).to.deep.equal(ledger);
  });

  it('a movement dated back to a folded day adds to that day total, and new movements come after the blocks', async () => {
    await seedShop(SIZE);
    await compactOldRows(NOW);
    const db = await getDb();
    const [code] = await db.getAllKeys('products');
    const [day] = (await getDailyTotals(code!, '2025-06-01', '2025-12-31')).filter((t) => t.received === 0);
    const moved = await recordMovement({ code: code!, kind: 'receipt', quantity: 5, at: NOW, day: day!.day });
    const [after] = await getDailyTotals(code!, day!.day, day!.day);
    expect(after).to.deep.equal({ ...day, received: 5, movements: day!.movements + 1 });
    expect(moved.id).to.be.greaterThan(3000);
    expect((await getProductHistory(code!)).at(-1)?.id).to.equal(moved.id);
  });

  it('a version 9 database opened by this build gives the same ledger, report, reorder input and backup summary', async function () {
    this.timeout(120_000);
    await seedShop(SIZE);
    const expected = await shopView();
    const expectedSummary = await summary();
    await deleteKioskDb();

    const v9 = await openDB<KioskDB>(DB_NAME, 9, {
      upgrade(db, oldVersion, _newVersion, tx) {
        upgradeKioskDb(db, oldVersion, tx);
        // The stores of versions after 9: a version 9 database has none of them.
        for (const name of ['movementBlocks', 'scanBlocks', 'boardReads', 'basketLines'] as const) db.deleteObjectStore(name);
      },
    });
    await seedShop(SIZE, undefined, v9);
    // Version 9 day records have no movement counts.
    for (const record of await v9.getAll('dayProducts')) {
      delete record.moves;
      await v9.put('dayProducts', record);
    }
    v9.close();

    const db = await getDb();
    expect(db.version).to.equal(DB_VERSION);
    expect(await db.count('movements')).to.equal(0);
    expect(await db.count('movementBlocks')).to.be.greaterThan(0);
    expect(await db.count('scanBlocks')).to.be.greaterThan(0);
    await openOwnerSession();
    expect(await shopView()).to.deep.equal(expected);
    expect(await summary()).to.deep.equal(expectedSummary);
  });

  it('restores a version 9 bundle (rows only) with its old rows as blocks, the same shop', async function () {
    this.timeout(120_000);
    await seedShop(SIZE);
    const expected = await shopView();
    const { bytes, header } = await createBackup(0);
    // The same bundle as a version 9 terminal writes it: rows only, its header saying 9.
    const { payloadOffset } = readBackupHeader(bytes);
    const head = new TextEncoder().encode(`SHOP-TERMINAL-BACKUP 1\n${JSON.stringify({ ...header, dbVersion: 9 })}\n`);
    const v9 = new Uint8Array(head.byteLength + bytes.byteLength - payloadOffset);
    v9.set(head);
    v9.set(bytes.subarray(payloadOffset), head.byteLength);

    await deleteKioskDb();
    await openOwnerSession();
    await restoreBackup(v9);
    const db = await getDb();
    expect(await db.count('movements')).to.equal(0);
    expect(await db.count('movementBlocks')).to.be.greaterThan(0);
    expect(await db.count('scanBlocks')).to.be.greaterThan(0);
    expect(await db.count('dailyTotals')).to.equal(0);
    expect(await shopView()).to.deep.equal(expected);
    expect(await summary()).to.deep.equal(header.summary);
    const [code] = await db.getAllKeys('products');
    expect((await recordMovement({ code: code!, kind: 'receipt', quantity: 1, at: NOW })).id).to.be.greaterThan(3000);
  });
});
