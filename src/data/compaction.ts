/**
 * The nightly compaction (issue 14): movements of days before today go into
 * their product's block for that month, raw scans of days before yesterday
 * into their day's block, and the `dailyTotals` rows of days before today are
 * deleted once their day record (`dayProducts`) holds them whole. Each step is
 * ONE transaction that writes the blocks and deletes the rows it folded in, so
 * a crash leaves either both or neither; merging by id makes it idempotent.
 *
 * It runs when the page starts and every night (compactOldRows in
 * src/data/retention.ts), and inside the upgrade to DB version 10, which
 * converts a terminal's rows. This module touches only the transaction it is
 * given (db.ts runs it in the upgrade: no import of db.ts here).
 *
 * Scans of yesterday stay rows: the service re-offers a scan it had no ack for
 * (after a restart around midnight too), and storing refuses a second copy
 * only among rows. The cutoff for scans is also never later than the day
 * before the newest scan's, so a clock run ahead cannot fold in today's.
 */
import type { IDBPTransaction } from 'idb';
import { localDay } from '../domain/product.ts';
import {
  byMovementId,
  byScanOrder,
  groupBy,
  mergeRows,
  monthOf,
  movementBlockKey,
  scanDayOf,
  type RecordedMovement,
} from '../domain/blocks.ts';
import { setDayProduct, type DayProducts } from '../domain/report/rollups.ts';
import type { DailyTotal } from '../domain/product.ts';
import { addDays } from '../domain/reorder/calendar.ts';
import type { KioskDB, KioskStore, StoredScan } from './schema.ts';

/** The stores the compaction reads and writes. */
export const COMPACTION_STORES = ['movements', 'movementBlocks', 'scans', 'scanBlocks', 'dailyTotals', 'dayProducts'] as const;

export type CompactionTx = IDBPTransaction<KioskDB, KioskStore[], 'readwrite' | 'versionchange'>;

/** Rows folded in per transaction: a night's worth in a few, never one long lock on the counter's stores. */
export const COMPACTION_BATCH = 5000;

export interface CompactionResult {
  movements: number;
  scans: number;
  dailyTotals: number;
}

/** All of it in one transaction: the upgrade to version 10 converting a terminal's rows. */
export async function compactIn(tx: CompactionTx, now: number): Promise<void> {
  const today = localDay(now);
  // Day records from before version 10 lack movement counts: every live total sets its row.
  await syncDayRecords(tx, await tx.objectStore('dailyTotals').getAll());
  await compactMovements(tx, today);
  await compactScans(tx, today);
  await compactDailyTotals(tx, today);
}

/** Movements of days before `today` into their product-month blocks; how many were folded in. */
export async function compactMovements(tx: CompactionTx, today: string, limit?: number): Promise<number> {
  const live = tx.objectStore('movements');
  const rows = (await live.index('by-day').getAll(IDBKeyRange.upperBound(today, true), limit)) as RecordedMovement[];
  if (rows.length === 0) return 0;
  const blocks = tx.objectStore('movementBlocks');
  const groups = [...groupBy(rows, movementBlockKey)];
  const existing = await Promise.all(groups.map(([, [first]]) => blocks.get([first!.code, monthOf(first!.day)])));
  const writes: Promise<unknown>[] = [];
  groups.forEach(([, group], i) => {
    const { code, day } = group[0]!;
    writes.push(blocks.put({ code, month: monthOf(day), movements: mergeRows(existing[i]?.movements, group, (m) => m.id, byMovementId) }));
  });
  for (const m of rows) writes.push(live.delete(m.id));
  await Promise.all(writes);
  return rows.length;
}

/** The last day whose scans are folded in: the day before yesterday, and before the newest scan's day. */
async function scanCutoffDay(tx: CompactionTx, today: string): Promise<string> {
  const newest = await tx.objectStore('scans').index('by-order').openCursor(null, 'prev');
  const newestDay = newest ? scanDayOf(newest.value) : today;
  const last = newestDay < today ? newestDay : today;
  return addDays(last, -2);
}

/** Raw scans of days up to the cutoff into their day blocks; how many were folded in. */
export async function compactScans(tx: CompactionTx, today: string, limit?: number): Promise<number> {
  const cutoff = await scanCutoffDay(tx, today);
  const live = tx.objectStore('scans');
  const old: StoredScan[] = [];
  // No index by day (scans are looked up by id): live rows are two days' worth once compacted.
  let after: string | undefined;
  for (;;) {
    const batch = await live.getAll(after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), COMPACTION_BATCH);
    for (const s of batch) if (scanDayOf(s) <= cutoff) old.push(s);
    if (batch.length < COMPACTION_BATCH || (limit !== undefined && old.length >= limit)) break;
    after = batch[batch.length - 1]!.id;
  }
  const rows = limit === undefined ? old : old.slice(0, limit);
  if (rows.length === 0) return 0;
  const blocks = tx.objectStore('scanBlocks');
  const groups = [...groupBy(rows, scanDayOf)];
  const existing = await Promise.all(groups.map(([day]) => blocks.get(day)));
  const writes: Promise<unknown>[] = [];
  groups.forEach(([day, group], i) => {
    writes.push(blocks.put({ day, scans: mergeRows(existing[i]?.scans, group, (s) => s.id, byScanOrder) }));
  });
  for (const s of rows) writes.push(live.delete(s.id));
  await Promise.all(writes);
  return rows.length;
}

/** `dailyTotals` rows of days before `today` deleted, each set into its day record first. */
export async function compactDailyTotals(tx: CompactionTx, today: string, limit?: number): Promise<number> {
  const store = tx.objectStore('dailyTotals');
  const rows = await store.index('by-day').getAll(IDBKeyRange.upperBound(today, true), limit);
  if (rows.length === 0) return 0;
  await syncDayRecords(tx, rows);
  await Promise.all(rows.map((t) => store.delete([t.code, t.day])));
  return rows.length;
}

/** Each total set into its day record (the write path does the same: this only mends a record from before version 10). */
export async function syncDayRecords(tx: CompactionTx, totals: readonly DailyTotal[]): Promise<void> {
  const days = tx.objectStore('dayProducts');
  const groups = [...groupBy(totals, (t) => t.day)];
  const records = await Promise.all(groups.map(([day]) => days.get(day)));
  await Promise.all(
    groups.map(([, group], i) => {
      let record: DayProducts | undefined = records[i];
      for (const t of group) record = setDayProduct(record, t);
      return days.put(record!);
    }),
  );
}
