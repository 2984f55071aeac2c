/**
 * Keeping storage in bounds: raw scans older than a configurable age (default
 * 13 months) are deleted; movements and daily totals, which hold what those
 * scans meant, are kept for good. A scan's movement and its daily total are
 * committed in the same transaction as the scan's effect, so a scan that old
 * has nothing left pending. Ages are wall-clock ages, so retention only runs
 * on a clock the service reports synchronised: a Pi booted at 2038 must not
 * delete this year's scans.
 */
import { getDb } from './db.ts';
import { localDay } from '../domain/product.ts';
import {
  COMPACTION_BATCH,
  COMPACTION_STORES,
  compactDailyTotals,
  compactMovements,
  compactScans,
  type CompactionResult,
  type CompactionTx,
} from './compaction.ts';

export const DEFAULT_SCAN_RETENTION_MONTHS = 13;
const BATCH = 5000;

/** The cutoff: `months` calendar months before `now`. */
export function scanCutoff(now: number, months = DEFAULT_SCAN_RETENTION_MONTHS): number {
  const date = new Date(now);
  date.setMonth(date.getMonth() - months);
  return date.getTime();
}

/**
 * Delete raw scans stored before the cutoff: live rows one by one, day blocks
 * whole once their day is before the cutoff's. Returns how many went; 0 when
 * the clock is not trusted.
 */
export async function pruneOldScans(options: { now: number; clockTrusted: boolean; months?: number }): Promise<number> {
  if (!options.clockTrusted) return 0;
  const cutoff = scanCutoff(options.now, options.months);
  const db = await getDb();
  let deleted = 0;
  const cutoffDay = localDay(cutoff);
  {
    const tx = db.transaction('scanBlocks', 'readwrite');
    const old = await tx.store.getAll(IDBKeyRange.upperBound(cutoffDay, true));
    for (const block of old) deleted += block.scans.length;
    if (old.length > 0) await tx.store.delete(IDBKeyRange.upperBound(cutoffDay, true));
    await tx.done;
  }
  let after: string | undefined;
  for (;;) {
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const tx = db.transaction('scans', 'readwrite');
    const batch = await tx.store.getAll(range, BATCH);
    for (const scan of batch) {
      if (scan.storedAt < cutoff) {
        void tx.store.delete(scan.id);
        deleted++;
      }
    }
    await tx.done;
    if (batch.length < BATCH) return deleted;
    after = batch[batch.length - 1]!.id;
  }
}

/** Fold every old row into its block, a transaction per batch. `now` is the wall clock. */
export async function compactOldRows(now: number = Date.now()): Promise<CompactionResult> {
  const db = await getDb();
  const result: CompactionResult = { movements: 0, scans: 0, dailyTotals: 0 };
  const today = localDay(now);
  const step = async (work: (tx: CompactionTx) => Promise<number>) => {
    const tx = db.transaction([...COMPACTION_STORES], 'readwrite') as unknown as CompactionTx;
    const n = await work(tx);
    await tx.done;
    return n;
  };
  for (let n = COMPACTION_BATCH; n === COMPACTION_BATCH;)
    result.movements += n = await step((tx) => compactMovements(tx, today, COMPACTION_BATCH));
  for (let n = COMPACTION_BATCH; n === COMPACTION_BATCH;) result.scans += n = await step((tx) => compactScans(tx, today, COMPACTION_BATCH));
  for (let n = COMPACTION_BATCH; n === COMPACTION_BATCH;)
    result.dailyTotals += n = await step((tx) => compactDailyTotals(tx, today, COMPACTION_BATCH));
  return result;
}

export interface StorageUse {
  usedBytes: number;
  quotaBytes: number;
  freeBytes: number;
  /** At 80% of the browser's quota the owner is warned. */
  warn: boolean;
}

export const STORAGE_WARN_SHARE = 0.8;

/** The browser's own estimate of what the profile uses and may use; undefined where unsupported. */
export async function storageUse(): Promise<StorageUse | undefined> {
  if (typeof navigator === 'undefined' || typeof navigator.storage?.estimate !== 'function') return undefined;
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  return {
    usedBytes: usage,
    quotaBytes: quota,
    freeBytes: Math.max(0, quota - usage),
    warn: quota > 0 && usage >= STORAGE_WARN_SHARE * quota,
  };
}
