/**
 * Restoring a bundle made before DB version 10, whose movements, raw scans
 * and daily totals are one record each: the old rows become blocks on the way
 * in (a put costs the same for a row as for a block of a thousand, so writing
 * them as rows would take the restore from seconds to minutes). Rows of today
 * (scans: of the last two days of the bundle) stay rows, as the nightly
 * compaction would leave them. The old rows are held in memory until the end
 * of the restore, grouped: a legacy bundle's price for being read once.
 */
import { unwrap, type IDBPDatabase } from 'idb';
import { addDays } from '../domain/reorder/calendar.ts';
import { localDay, type DailyTotal } from '../domain/product.ts';
import { byMovementId, byScanOrder, groupBy, monthOf, movementBlockKey, scanDayOf, type RecordedMovement } from '../domain/blocks.ts';
import { syncDayRecords, type CompactionTx } from './compaction.ts';
import type { KioskDB, KioskStore, MovementBlock, ScanDayBlock, StoredScan } from './schema.ts';

/** The last DB version whose bundles hold movements, scans and daily totals as rows only. */
export const ROWS_ONLY_VERSION = 9;

/** Blocks per write transaction: each is up to a few hundred kilobytes. */
const BLOCKS_PER_TX = 500;

export class RowsIntoBlocks {
  private readonly today: string;
  private readonly movements = new Map<string, RecordedMovement[]>();
  private readonly scans = new Map<string, StoredScan[]>();
  private readonly totals: DailyTotal[] = [];

  constructor(now: number) {
    this.today = localDay(now);
  }

  /** Of a batch of `store`'s records, those to write as rows now; the rest are kept for blocks. */
  take(store: KioskStore, records: unknown[]): unknown[] {
    if (store === 'movements') {
      const rows = records as RecordedMovement[];
      groupBy(
        rows.filter((m) => m.day < this.today),
        movementBlockKey,
        this.movements,
      );
      return rows.filter((m) => m.day >= this.today);
    }
    if (store === 'scans') {
      // Which days stay rows is known only once the newest scan is read: all wait.
      groupBy(records as StoredScan[], scanDayOf, this.scans);
      return [];
    }
    if (store === 'dailyTotals') {
      const rows = records as DailyTotal[];
      this.totals.push(...rows);
      return rows.filter((t) => t.day >= this.today);
    }
    return records;
  }

  /** Write the blocks, the last days' scans as rows, and every total into its day record; the highest movement id in the blocks. */
  async finish(db: IDBPDatabase<KioskDB>): Promise<number> {
    const movementBlocks: MovementBlock[] = [...this.movements.values()].map((rows) => ({
      code: rows[0]!.code,
      month: monthOf(rows[0]!.day),
      movements: rows.sort(byMovementId),
    }));
    const days = [...this.scans.keys()].sort();
    const newest = days[days.length - 1] ?? this.today;
    const cutoff = addDays(newest < this.today ? newest : this.today, -2);
    const scanBlocks: ScanDayBlock[] = [];
    const liveScans: StoredScan[] = [];
    for (const day of days) {
      const rows = this.scans.get(day)!.sort(byScanOrder);
      if (day <= cutoff) scanBlocks.push({ day, scans: rows });
      else liveScans.push(...rows);
    }
    await putAll(db, 'movementBlocks', movementBlocks);
    await putAll(db, 'scanBlocks', scanBlocks);
    await putAll(db, 'scans', liveScans);
    const tx = db.transaction(['dayProducts'], 'readwrite', { durability: 'relaxed' });
    await syncDayRecords(tx as unknown as CompactionTx, this.totals);
    await tx.done;
    return Math.max(0, ...movementBlocks.map((b) => b.movements.at(-1)!.id));
  }
}

async function putAll(db: IDBPDatabase<KioskDB>, store: 'movementBlocks' | 'scanBlocks' | 'scans', records: unknown[]): Promise<void> {
  for (let i = 0; i < records.length; i += BLOCKS_PER_TX) {
    const tx = db.transaction(store, 'readwrite', { durability: 'relaxed' });
    const target = unwrap(tx.objectStore(store)) as IDBObjectStore;
    for (const record of records.slice(i, i + BLOCKS_PER_TX)) target.put(record);
    await tx.done;
  }
}

/**
 * Movement ids go on from the highest kept, in a block or a row: a restore
 * that wrote few or no movement rows leaves the store's key generator below
 * the blocks' ids, and an explicit key moves it on (then the record goes).
 */
export async function raiseMovementIds(db: IDBPDatabase<KioskDB>, highestInBlocks: number): Promise<void> {
  if (highestInBlocks <= 0) return;
  const tx = db.transaction('movements', 'readwrite');
  const newest = await tx.store.openKeyCursor(null, 'prev');
  if (!newest || newest.key < highestInBlocks) {
    await tx.store.put({ id: highestInBlocks, code: '', kind: 'adjustment', quantity: 0, at: 0, day: '0000-00-00' } as never);
    await tx.store.delete(highestInBlocks);
  }
  await tx.done;
}
