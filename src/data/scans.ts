/**
 * Scans received from the terminal service. Storing is idempotent by scan id:
 * the service re-offers every scan it has no ack for, so the same scan may
 * arrive more than once and must be kept once.
 */
import { unwrap } from 'idb';
import type { Scan } from '../domain/scan-protocol.ts';
import { getDb, inTransaction, type StoredScan } from './db.ts';

export type { StoredScan } from './db.ts';

export type StoreScanResult = 'stored' | 'duplicate';

/**
 * Keep scans, all in one transaction. Resolves only once it has committed to
 * disk ('strict' durability), because the caller acks the scans to the service
 * next and the service then forgets them. An already-stored scan is left
 * untouched ('duplicate'), and so is a second copy of a scan within the batch.
 */
export async function storeScans(scans: readonly Scan[], now = Date.now()): Promise<StoreScanResult[]> {
  if (scans.length === 0) return [];
  return inTransaction(
    ['scans'],
    'readwrite',
    async (tx) => {
      // add() refuses an existing id, which is exactly "already stored". The raw
      // request lets us catch that refusal without aborting the transaction, so
      // a batch costs one round trip and one commit instead of a read per scan.
      const store = unwrap(tx.objectStore('scans'));
      return Promise.all(
        scans.map(
          (scan) =>
            new Promise<StoreScanResult>((resolve, reject) => {
              const request = store.add({ ...scan, storedAt: now });
              request.onsuccess = () => resolve('stored');
              request.onerror = (event) => {
                if (request.error?.name !== 'ConstraintError') {
                  reject(request.error);
                  return;
                }
                event.preventDefault();
                event.stopPropagation();
                resolve('duplicate');
              };
            }),
        ),
      );
    },
    { durability: 'strict' },
  );
}

/** Keep one scan; see storeScans. */
export async function storeScan(scan: Scan, now = Date.now()): Promise<StoreScanResult> {
  const [result] = await storeScans([scan], now);
  return result!;
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
