/**
 * An open basket stored apart (DB version 12): its session's record is a small
 * head and each line a record of its own, so a scan writes one line and the
 * head instead of cloning the whole basket twice (read and write) per commit.
 * At a 150-line basket that clone was most of a burst's database time, on a
 * core the page's rendering needs. A closed or voided session has its lines
 * folded back, so everything that reads the past reads whole sessions as before.
 *
 * Every read and write of an open basket goes through here; their
 * transactions include 'basketLines'.
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { Basket, BasketLine } from '../domain/basket.ts';
import type { KioskDB, KioskStore } from './db.ts';
import type { BasketSession, CounterSession, OpenBasketHead, SessionRecord, StoredBasketLine } from './schema.ts';

type LinesTx = IDBPTransaction<KioskDB, KioskStore[], IDBTransactionMode>;
type LinesWriteTx = IDBPTransaction<KioskDB, KioskStore[], 'readwrite'>;

export function isOpenBasketHead(record: SessionRecord): record is OpenBasketHead {
  return 'linesApart' in record && record.linesApart === true;
}

/** A session's lines run from [id, 0] to [id, ∞]: no line number is below 1. */
function linesOf(sessionId: string): IDBKeyRange {
  return IDBKeyRange.bound([sessionId, 0], [sessionId, Infinity]);
}

/** The N of a line id "LN" (every version has made them so); undefined for anything else. */
function lineNo(lineId: string): number | undefined {
  const no = /^L[1-9][0-9]*$/.test(lineId) ? Number(lineId.slice(1)) : NaN;
  return Number.isSafeInteger(no) ? no : undefined;
}

/**
 * The last basket this context read or wrote, as committed: a burst of scans
 * reads its basket once instead of once per commit. Keyed by the session's rev,
 * which every write of the session raises, and kept only once its transaction
 * has committed, so an aborted write can never leave a copy that a later write
 * of the same rev elsewhere would seem to match.
 */
let known: { db: IDBPDatabase<KioskDB>; id: string; rev: number; basket: Basket } | undefined;

function remember(tx: LinesTx, session: BasketSession): void {
  const entry = { db: tx.db as unknown as IDBPDatabase<KioskDB>, id: session.id, rev: session.rev ?? 0, basket: session.basket };
  tx.done.then(
    () => {
      known = entry;
    },
    () => undefined,
  );
}

/**
 * Sessions read by wholeSession whose lines are in the store as they are in
 * `basket`: putBasketSession writes only what differs from them.
 */
const readApart = new WeakSet<BasketSession>();

/** The session a record stands for: an open basket's head with its lines read back (or remembered). */
export async function wholeSession(tx: LinesTx, record: SessionRecord): Promise<CounterSession> {
  if (!isOpenBasketHead(record)) return record;
  const { linesApart: _apart, nextLineNo, ...head } = record;
  const rev = record.rev ?? 0;
  let lines: readonly BasketLine[];
  if (known && known.db === (tx.db as unknown) && known.id === record.id && known.rev === rev) {
    lines = known.basket.lines;
  } else {
    const stored = await tx.objectStore('basketLines').getAll(linesOf(record.id));
    lines = stored.map(({ sessionId: _s, no: _n, ...line }) => line);
  }
  const session = { ...head, basket: { lines, nextLineNo } } as BasketSession;
  readApart.add(session);
  remember(tx, session);
  return session;
}

/**
 * Write a basket session. Open: its head, and of its lines those that differ
 * from `before` (the session as wholeSession read it in this transaction;
 * undefined for a new one). Closed or voided: the whole session with its
 * lines, whose own records go. Resolves when the writes are done; the caller
 * may ask for the commit before that.
 */
export function putBasketSession(tx: LinesWriteTx, before: BasketSession | undefined, next: BasketSession): Promise<unknown> {
  const sessions = tx.objectStore('sessions');
  const lines = tx.objectStore('basketLines');
  // A line id that is not "LN" (a record made by hand, a damaged restore) cannot be keyed:
  // that basket stays whole in its record, as before version 12, rather than fail every scan.
  if (next.status !== 'open' || next.basket.lines.some((line) => lineNo(line.lineId) === undefined)) {
    return Promise.all([sessions.put(next), lines.delete(linesOf(next.id))]);
  }
  const { basket, ...rest } = next;
  const head = { ...rest, status: 'open', linesApart: true, nextLineNo: basket.nextLineNo } as OpenBasketHead;
  // Lines are immutable: a line unchanged is the very object read. A basket
  // written inline (version 11, a restored backup) has no line in the store yet.
  const previous = new Map(before && readApart.has(before) ? before.basket.lines.map((l) => [l.lineId, l]) : []);
  const writes: Promise<unknown>[] = [sessions.put(head)];
  for (const line of basket.lines) {
    const was = previous.get(line.lineId);
    previous.delete(line.lineId);
    if (was !== line) writes.push(lines.put({ ...line, sessionId: next.id, no: lineNo(line.lineId)! } satisfies StoredBasketLine));
  }
  for (const gone of previous.values()) writes.push(lines.delete([next.id, lineNo(gone.lineId)!]));
  remember(tx, next);
  return Promise.all(writes);
}
