/**
 * Scans received from the terminal service. Storing is idempotent by scan id:
 * the service re-offers every scan it has no ack for, so the same scan may
 * arrive more than once and must be kept once.
 */
import type { Scan } from '../domain/scan-protocol.ts';
import { getDb, inTransaction, type StoredScan } from './db.ts';

export type { StoredScan } from './db.ts';

export type StoreScanResult = 'stored' | 'duplicate';

/**
 * Keep a scan. Resolves only once the transaction has committed to disk
 * ('strict' durability), because the caller acks the scan to the service next
 * and the service then forgets it. An already-stored scan is left untouched.
 */
export async function storeScan(scan: Scan, now = Date.now()): Promise<StoreScanResult> {
  return inTransaction(
    ['scans'],
    'readwrite',
    async (tx) => {
      const store = tx.objectStore('scans');
      if ((await store.getKey(scan.id)) !== undefined) return 'duplicate';
      await store.put({ ...scan, storedAt: now });
      return 'stored';
    },
    { durability: 'strict' },
  );
}

export async function hasScan(id: string): Promise<boolean> {
  const db = await getDb();
  return (await db.getKey('scans', id)) !== undefined;
}

export async function countScans(): Promise<number> {
  const db = await getDb();
  return db.count('scans');
}

/** The latest scans, newest first in the service's (boot, seq) order, never by wall clock. */
export async function getRecentScans(limit: number): Promise<StoredScan[]> {
  const scans: StoredScan[] = [];
  if (limit <= 0) return scans;
  const db = await getDb();
  let cursor = await db.transaction('scans').store.index('by-order').openCursor(null, 'prev');
  while (cursor && scans.length < limit) {
    scans.push(cursor.value);
    cursor = await cursor.continue();
  }
  return scans;
}
