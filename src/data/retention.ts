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

export const DEFAULT_SCAN_RETENTION_MONTHS = 13;
const BATCH = 5000;

/** The cutoff: `months` calendar months before `now`. */
export function scanCutoff(now: number, months = DEFAULT_SCAN_RETENTION_MONTHS): number {
  const date = new Date(now);
  date.setMonth(date.getMonth() - months);
  return date.getTime();
}

/** Delete raw scans stored before the cutoff. Returns how many went; 0 when the clock is not trusted. */
export async function pruneOldScans(options: { now: number; clockTrusted: boolean; months?: number }): Promise<number> {
  if (!options.clockTrusted) return 0;
  const cutoff = scanCutoff(options.now, options.months);
  const db = await getDb();
  let deleted = 0;
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
