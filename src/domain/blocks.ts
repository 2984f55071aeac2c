/**
 * Old rows kept as blocks (issue 14): IndexedDB's cost is per record (a put
 * costs 220-300 µs on a 2-core machine whatever surrounds it), so a shop's
 * million movements and half million scans are kept as a few thousand
 * records — movements per product and month, raw scans per local day — and
 * only recent rows stay one record each. Pure: the grouping and merging that
 * the nightly compaction, the migration, the restore of an older bundle and
 * the seeding of the benchmark share.
 */
import { localDay, type StockMovement } from './product.ts';

/** 'YYYY-MM' of a 'YYYY-MM-DD' day. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** The local day a scan is kept under: the day it was stored (retention ages scans by the same clock). */
export function scanDayOf(scan: { storedAt: number }): string {
  return localDay(scan.storedAt);
}

/** A recorded movement: its id is the recording order. */
export type RecordedMovement = StockMovement & { id: number };

/** Rows grouped by a key, in the order they came. */
export function groupBy<T>(rows: Iterable<T>, keyOf: (row: T) => string, into = new Map<string, T[]>()): Map<string, T[]> {
  for (const row of rows) {
    const key = keyOf(row);
    let list = into.get(key);
    if (!list) into.set(key, (list = []));
    list.push(row);
  }
  return into;
}

/** The key of a movement's block: its product and month. */
export function movementBlockKey(m: { code: string; day: string }): string {
  return `${m.code}\u0000${monthOf(m.day)}`;
}

/**
 * A block's rows with `more` added, each id once (a compaction that crashed
 * after writing the block and before deleting the rows, or runs twice, adds
 * nothing twice), sorted by `order`.
 */
export function mergeRows<T, K>(
  existing: readonly T[] | undefined,
  more: readonly T[],
  idOf: (row: T) => K,
  order: (a: T, b: T) => number,
): T[] {
  const seen = new Set<K>();
  const out: T[] = [];
  for (const row of [...(existing ?? []), ...more]) {
    const id = idOf(row);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(row);
  }
  return out.sort(order);
}

export const byMovementId = (a: { id: number }, b: { id: number }): number => a.id - b.id;

/** The service's order of scans: boot, then sequence (never the wall clock). */
export const byScanOrder = (a: { boot: number; seq: number }, b: { boot: number; seq: number }): number => a.boot - b.boot || a.seq - b.seq;

/** One product's movements of one month, in id order (src/data/schema.ts's MovementBlock). */
export interface MovementMonth {
  code: string;
  month: string;
  movements: RecordedMovement[];
}

/**
 * Movements in recording order as a compacted terminal keeps them: numbered
 * from 1 in that order, the days before `today` in their product-month blocks,
 * the rest as rows. A load of old history (the demo shop) writes this instead
 * of rows the first compaction would fold in anyway: a few thousand records
 * instead of tens of thousands, each of which costs a put.
 */
export function compactedMovements(
  movements: readonly StockMovement[],
  today: string,
): { blocks: MovementMonth[]; rows: RecordedMovement[]; lastId: number } {
  const numbered = movements.map((m, i): RecordedMovement => ({ ...m, id: i + 1 }));
  const rows = numbered.filter((m) => m.day >= today);
  const old = groupBy(
    numbered.filter((m) => m.day < today),
    movementBlockKey,
  );
  const blocks = [...old.values()].map((group) => ({ code: group[0]!.code, month: monthOf(group[0]!.day), movements: group }));
  return { blocks, rows, lastId: numbered.length };
}
