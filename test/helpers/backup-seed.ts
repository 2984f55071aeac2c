/**
 * A shop's database of a given size, written straight into IndexedDB (every
 * store gets records), for the backup test and bench:backup. Seeded, so two
 * runs make the same shop.
 */
import { quarterOf } from '../../src/domain/evaluation.ts';
import { quarterFigures, storedEvaluation } from './quarter-figures.ts';
import type { IDBPDatabase } from 'idb';
import { getDb, type KioskDB, type KioskStore } from '../../src/data/db.ts';
import { localDay } from '../../src/domain/product.ts';
import { mulberry32 } from './mulberry32.ts';
import { counterScan } from './counter-scan.ts';
import { dayProductsOf } from '../../src/domain/report/rollups.ts';
import { addDays } from '../../src/domain/reorder/calendar.ts';
import { monthOf } from '../../src/domain/blocks.ts';

export interface SeedSize {
  products: number;
  movements: number;
  scans: number;
  /**
   * Every movement, scan and daily total one record (a shop before DB version
   * 10, or before its first compaction). Default: as the nightly compaction
   * leaves them — movements of days before the last day in product-month
   * blocks, scans of days before the last two in day blocks, daily totals of
   * past days only in their day records.
   */
  rows?: boolean;
}

const DAY_MS = 86_400_000;
const START = Date.UTC(2025, 0, 1);

function day(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** `into`: a database opened by a test at an older version (default: the kiosk's own). */
export async function seedShop(size: SeedSize, seed = 14, into?: IDBPDatabase<KioskDB>): Promise<void> {
  const random = mulberry32(seed);
  const db = into ?? (await getDb());
  const codes = Array.from({ length: size.products }, (_, i) => `0690${String(1_000_000_000 + i * 7919).padStart(10, '0')}`);
  const write = async (store: KioskStore, records: unknown[]) => {
    if (records.length === 0) return;
    for (let i = 0; i < records.length; i += 10_000) {
      const tx = db.transaction(store, 'readwrite', { durability: 'relaxed' });
      const target = tx.objectStore(store);
      for (const record of records.slice(i, i + 10_000)) void target.put(record as never);
      await tx.done;
    }
  };
  await write(
    'products',
    codes.map((code, i) => ({
      code,
      name: `测试香烟 ${i}（硬）`,
      priceCents: 1000 + Math.floor(random() * 9000),
      unit: 'pack',
      stock: Math.floor(random() * 200),
      createdAt: START,
      updatedAt: START + i,
    })),
  );
  await write(
    'barcodes',
    codes.map((code) => ({ code, productCode: code, multiplier: 1 })),
  );
  // Movements and scans in chunks, so a million of them never sit in memory at once.
  const chunk = 100_000;
  const atOf = (i: number, n: number) => START + Math.floor((i / n) * 400 * DAY_MS);
  // The day the compaction last ran on: the seeded shop's last day.
  // (With `rows`, a day before any: nothing is older.)
  const today = size.rows ? '' : day(atOf(Math.max(0, size.movements - 1), Math.max(1, size.movements)));
  const scanCutoff = size.rows ? '' : addDays(today, -2);
  // Rows come in time order, so a block is complete once its month (day) is over.
  type Movement = { id: number; code: string; day: string };
  let monthBlocks = new Map<string, Movement[]>();
  let month = '';
  const flushMonth = async () => {
    await write(
      'movementBlocks',
      [...monthBlocks.values()].map((movements) => ({ code: movements[0]!.code, month, movements })),
    );
    monthBlocks = new Map();
  };
  const totals = new Map<string, { code: string; day: string; sold: number; received: number; adjusted: number; movements: number }>();
  for (let from = 0; from < size.movements; from += chunk) {
    const batch = [];
    for (let i = from; i < Math.min(size.movements, from + chunk); i++) {
      const at = atOf(i, size.movements);
      const code = codes[Math.floor(random() * codes.length)]!;
      const sale = random() < 0.9;
      const quantity = sale ? -1 - Math.floor(random() * 2) : 10;
      const movement = { id: i + 1, code, kind: sale ? 'sale' : 'receive', quantity, at, day: day(at), scanId: `b1-${i + 1}` };
      if (movement.day < today) {
        if (monthOf(movement.day) !== month) {
          await flushMonth();
          month = monthOf(movement.day);
        }
        const block = monthBlocks.get(code) ?? [];
        block.push(movement);
        monthBlocks.set(code, block);
      } else batch.push(movement);
      const key = `${code}|${movement.day}`;
      const total = totals.get(key) ?? { code, day: movement.day, sold: 0, received: 0, adjusted: 0, movements: 0 };
      if (sale) total.sold -= quantity;
      else total.received += quantity;
      total.movements += 1;
      totals.set(key, total);
    }
    await write('movements', batch);
  }
  await flushMonth();
  await write(
    'dailyTotals',
    [...totals.values()].filter((t) => t.day >= today),
  );
  // The business report's rollups (every store gets records): a day record per day, one sale hour per day.
  await write('dayProducts', dayProductsOf(totals.values()));
  await write(
    'hourlyTotals',
    [...new Set([...totals.values()].map((t) => t.day))].map((d) => ({
      day: d,
      hour: 10,
      salesCents: 1000,
      packs: 1,
      sales: 1,
      reversals: 0,
      waitSeconds: [30],
    })),
  );
  // Customer feedback (issue 11): a few votes of every kind.
  await write('feedback', [
    { id: 1, kind: 'face', value: 'very-satisfied', day: day(START), hour: 10 },
    { id: 2, kind: 'face', value: 'dissatisfied', day: day(START), hour: 11 },
    { id: 3, kind: 'complaint', value: 'waiting', day: day(START), hour: 11 },
    { id: 4, kind: 'contact', day: day(START), hour: 11 },
    { id: 5, kind: 'repeat', day: day(START), hour: 11 },
    { id: 6, kind: 'nps', value: 9, day: day(START + DAY_MS), hour: 15 },
  ]);
  // A graded quarter (issue 12), with its figures and follow-up: the backup must carry the
  // record whole; what the grade comes to is the evaluation tests' concern.
  const figures = quarterFigures(quarterOf(day(START)), { openDays: 30, daysWithScans: 20, salesCents: 100_000, feedbackCount: 6 });
  await write('evaluations', [storedEvaluation(figures, day(START), START)]);
  // The customer display (issue 11): pictures are Blobs (the backup must carry their bytes),
  // and display-scanner interest per product and day.
  await write(
    'pictures',
    codes.slice(0, 3).map((code, i) => ({
      code,
      blob: new Blob([new Uint8Array(Array.from({ length: 3000 + i }, (_, j) => (j * 31 + i) & 0xff))], { type: 'image/webp' }),
      width: 1280,
      height: 960,
      importedAt: START,
    })),
  );
  await write('interest', [
    { code: codes[0], day: day(START), scans: 4 },
    { code: codes[1], day: day(START + DAY_MS), scans: 1 },
  ]);
  let scanDay = '';
  let dayScans: unknown[] = [];
  const flushDay = async () => {
    if (dayScans.length > 0) await write('scanBlocks', [{ day: scanDay, scans: dayScans }]);
    dayScans = [];
  };
  for (let from = 0; from < size.scans; from += chunk) {
    const batch = [];
    for (let i = from; i < Math.min(size.scans, from + chunk); i++) {
      const code = codes[i % codes.length]!;
      const scan = counterScan(i, code, atOf(i, size.scans));
      const stored = localDay(scan.storedAt);
      if (stored <= scanCutoff) {
        if (stored !== scanDay) {
          await flushDay();
          scanDay = stored;
        }
        dayScans.push(scan);
      } else batch.push(scan);
    }
    await write('scans', batch);
  }
  await flushDay();
  await write('sessions', [
    { id: 's1', kind: 'basket', status: 'open', lines: [{ code: codes[0], quantity: 2 }], openedSeq: 1, updatedAt: START },
  ]);
  // An open sale with its lines apart (version 12 on).
  if (db.objectStoreNames.contains('basketLines')) {
    await write('sessions', [{ id: 's2', kind: 'sale', status: 'open', openedAt: START, rev: 1, linesApart: true, nextLineNo: 2 }]);
    const line = { lineId: 'L1', productCode: codes[0], barcode: codes[0], name: '商品', multiplier: 1, quantity: 2, unitPriceCents: 4500 };
    await write('basketLines', [{ ...line, sessionId: 's2', no: 1 }]);
  }
  await write('orders', [{ id: 'o1', status: 'draft', lines: [{ code: codes[1], cartons: 3 }], createdAt: START }]);
  await write('settings', [{ key: 'reorder', orderDays: [1, 4], leadDays: 2 }]);
  await write('quotas', [{ code: codes[2], cartonsPerWeek: 5 }]);
  // The rep's visit (issue 12): one confirmed visit with its price-tag audit, and an owner's message read in it.
  const item = { done: true, note: '', shown: '' };
  await write('visits', [
    {
      id: 'visit-1',
      seq: 1,
      repStaffId: 'rep-1',
      repName: '李经理',
      startedAt: START,
      startDay: day(START),
      status: 'confirmed',
      checklist: { display: item, 'new-brand': { ...item, shown: '新品' }, 'stock-analysis': item, order: item },
      priceTags: { checked: 2, missing: 1, wrongPrice: 0 },
      notes: '',
      nextActions: [],
      tab: 'summary',
      activeMs: 1_800_000,
      confirmedAt: START + 1_900_000,
      durationMs: 1_800_000,
      rev: 9,
    },
  ]);
  await write('priceTagAudits', [
    {
      visitId: 'visit-1',
      lines: [
        { productId: codes[0], barcode: codes[0], name: 'x', terminalPriceCents: 1500, status: 'present' },
        { productId: codes[1], barcode: codes[1], name: 'y', terminalPriceCents: 1600, status: 'missing' },
      ],
      updatedAt: START,
    },
  ]);
  await write('ownerMessages', [{ id: 1, text: '请带新品目录', writtenAt: START, readInVisitId: 'visit-1' }]);
  // The supplier's board as the owner dealt with it (issue 15); a version 9 database has no such store.
  if (db.objectStoreNames.contains('boardReads'))
    await write('boardReads', [
      { itemId: '7b0c1f3e-2d4a-4c5b-8e6f-9a0b1c2d3e4f', seenOn: '2025-03-02', readAt: START, acceptedAt: START, quotasAppliedAt: START },
    ]);
}
