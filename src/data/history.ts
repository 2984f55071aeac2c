/**
 * The one way to read movements, raw scans and daily totals (issue 14): old
 * rows are kept as blocks (movements per product and month, scans per day, a
 * day's totals in its `dayProducts` record) and recent ones as rows, and every
 * reader gets both, merged, from here. Nothing outside this module and the
 * compaction reads the `movements`, `scans`, `movementBlocks`, `scanBlocks` or
 * `dailyTotals` stores (the write paths and the backup aside).
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { DailyTotal } from '../domain/product.ts';
import { byMovementId, byScanOrder, type RecordedMovement } from '../domain/blocks.ts';
import { dailyTotalsOf, type DayProducts } from '../domain/report/rollups.ts';
import { getDb, type KioskDB, type StoredScan } from './db.ts';

const BATCH = 5000;

/** A transaction that can read a product's movements: its blocks and its live rows. */
type MovementReadTx = IDBPTransaction<KioskDB, ('movements' | 'movementBlocks' | StoreNames<KioskDB>)[], IDBTransactionMode>;

function productRange(code: string): IDBKeyRange {
  return IDBKeyRange.bound([code, -Infinity], [code, Infinity]);
}

function blockRange(code: string): IDBKeyRange {
  return IDBKeyRange.bound([code, ''], [code, '\uffff']);
}

/**
 * One product's movements in recording order: its blocks, then its live rows.
 * With `limit`, the latest `limit` (still oldest first): the live rows, then
 * blocks from the newest month back until there are enough.
 */
export async function productMovements(tx: MovementReadTx, code: string, limit?: number): Promise<RecordedMovement[]> {
  if (limit !== undefined && limit <= 0) return [];
  const live = tx.objectStore('movements').index('by-product');
  const blocks = tx.objectStore('movementBlocks');
  if (limit === undefined) {
    const [old, recent] = await Promise.all([blocks.getAll(blockRange(code)), live.getAll(productRange(code))]);
    return [...old.flatMap((b) => b.movements), ...(recent as RecordedMovement[])].sort(byMovementId);
  }
  // Step back `limit` keys in one request to find the oldest live movement to show,
  // then read from there in one request (a cursor step per row is far slower).
  let cursor = await live.openKeyCursor(productRange(code), 'prev');
  if (cursor && limit > 1) cursor = await cursor.advance(limit - 1);
  const from = cursor ? IDBKeyRange.bound([code, cursor.key[1]], [code, Infinity]) : productRange(code);
  const rows = (await live.getAll(from)) as RecordedMovement[];
  let month = await blocks.openCursor(blockRange(code), 'prev');
  while (month && rows.length < limit) {
    rows.push(...month.value.movements);
    month = await month.continue();
  }
  return rows.sort(byMovementId).slice(-limit);
}

/** Every movement, blocks then live rows, a batch at a time. Not in recording order across products. */
export async function forEachMovement(visit: (m: RecordedMovement) => void): Promise<void> {
  const db = await getDb();
  await eachBatch(db, 'movementBlocks', (blocks) => {
    for (const b of blocks) for (const m of b.movements) visit(m);
  });
  await eachBatch(db, 'movements', (rows) => {
    for (const m of rows) visit(m as RecordedMovement);
  });
}

/** Every raw scan kept, day blocks then live rows, a batch at a time. */
export async function forEachScan(visit: (s: StoredScan) => void): Promise<void> {
  const db = await getDb();
  await eachBatch(db, 'scanBlocks', (blocks) => {
    for (const b of blocks) for (const s of b.scans) visit(s);
  });
  await eachBatch(db, 'scans', (rows) => {
    for (const s of rows) visit(s);
  });
}

/** How many raw scans are kept: live rows plus every day block's. */
export async function countScans(): Promise<number> {
  let n = 0;
  const db = await getDb();
  n += await db.count('scans');
  await eachBatch(db, 'scanBlocks', (blocks) => {
    for (const b of blocks) n += b.scans.length;
  });
  return n;
}

/** The latest raw scans, newest first in the service's (boot, seq) order: live rows, then day blocks back. */
export async function recentScans(limit: number): Promise<StoredScan[]> {
  const scans: StoredScan[] = [];
  if (limit <= 0) return scans;
  const db = await getDb();
  const tx = db.transaction(['scans', 'scanBlocks']);
  let cursor = await tx.objectStore('scans').index('by-order').openCursor(null, 'prev');
  while (cursor && scans.length < limit) {
    scans.push(cursor.value);
    cursor = await cursor.continue();
  }
  let day = await tx.objectStore('scanBlocks').openCursor(null, 'prev');
  while (day && scans.length < limit) {
    scans.push(...day.value.scans.slice().reverse());
    day = await day.continue();
  }
  return scans.sort((a, b) => byScanOrder(b, a)).slice(0, limit);
}

/** A transaction or database that can read the day records. */
type DayRecordSource =
  | Pick<IDBPDatabase<KioskDB>, 'getAll'>
  | { objectStore(name: 'dayProducts'): { getAll(range?: IDBKeyRange | null): Promise<DayProducts[]> } };

/**
 * Daily totals of the days in [from, to] (either open), by day then the order
 * the products first moved that day; of one product when `code` is given.
 */
export async function dailyTotals(
  source: DayRecordSource,
  range: { from?: string; to?: string; code?: string } = {},
): Promise<DailyTotal[]> {
  const { from, to, code } = range;
  if (from !== undefined && to !== undefined && from > to) return [];
  const keys =
    from !== undefined && to !== undefined
      ? IDBKeyRange.bound(from, to)
      : from !== undefined
        ? IDBKeyRange.lowerBound(from)
        : to !== undefined
          ? IDBKeyRange.upperBound(to)
          : null;
  const days = 'objectStore' in source ? await source.objectStore('dayProducts').getAll(keys) : await source.getAll('dayProducts', keys);
  const totals = days.flatMap(dailyTotalsOf);
  return code === undefined ? totals : totals.filter((t) => t.code === code);
}

type BatchStore = 'movementBlocks' | 'movements' | 'scanBlocks' | 'scans';

/** Every record of a store in key order, BATCH at a time, each batch in its own read. */
async function eachBatch<S extends BatchStore>(
  db: IDBPDatabase<KioskDB>,
  store: S,
  visit: (batch: KioskDB[S]['value'][]) => void,
): Promise<void> {
  let after: IDBValidKey | undefined;
  for (;;) {
    const tx = db.transaction(store, 'readonly');
    const s = tx.objectStore(store);
    const [batch, keys] = await Promise.all([
      s.getAll(after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), BATCH),
      s.getAllKeys(after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), BATCH),
    ]);
    visit(batch as KioskDB[S]['value'][]);
    if (batch.length < BATCH) return;
    after = keys[keys.length - 1] as IDBValidKey;
  }
}
