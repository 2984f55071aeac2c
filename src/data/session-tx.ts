/**
 * What the session modules share: reading a session inside a transaction, the
 * next revision and closing number, and the ledger transaction that records stock.
 */
import type { IDBPTransaction } from 'idb';
import { emptyBasket } from '../domain/basket.ts';
import { appendAuditIn, type NewAuditEntry } from './audit.ts';
import { wholeSession } from './basket-lines.ts';
import { inTransaction, type KioskDB, type KioskStore } from './db.ts';
import type { BasketSession, CounterSession, SessionKind, SessionOfKind } from './schema.ts';
import { SessionClosedError, UnknownSessionError, WrongSessionKindError } from './session-errors.ts';

/**
 * A basket being filled is written without waiting for the disk flush: the
 * write still survives a crash of the page or the browser, only a power cut
 * in the same second can lose the last scan of a basket whose customer is
 * still standing at the counter. Everything that records stock (closing,
 * reversing, counting) waits for the flush.
 */
export const BASKET_DURABILITY = 'relaxed';

export type AnyTx = IDBPTransaction<KioskDB, KioskStore[], IDBTransactionMode>;
export type WriteTx = IDBPTransaction<KioskDB, KioskStore[], 'readwrite'>;

export function newSessionId(kind: SessionKind): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return `${kind}-${c.randomUUID()}`;
  // randomUUID needs a secure context; the kiosk page normally is one (localhost).
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return `${kind}-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function newBasketSession(kind: BasketSession['kind'], now: number): BasketSession {
  const base = { id: newSessionId(kind), status: 'open' as const, openedAt: now };
  return kind === 'delivery' ? { ...base, kind: 'delivery', basket: emptyBasket() } : { ...base, kind: 'sale', basket: emptyBasket() };
}

/** A sale's first scan noted once (the customer's wait starts there); a delivery unchanged. */
export function withFirstScan<T extends BasketSession>(session: T, at: number | undefined): T {
  if (at === undefined || session.kind !== 'sale' || session.firstScanAt !== undefined) return session;
  return { ...session, firstScanAt: at };
}

/** `next` as the write after `stored`: its rev one higher. */
export function withNextRev<T extends CounterSession>(stored: CounterSession, next: T): T {
  return { ...next, rev: (stored.rev ?? 0) + 1 };
}

/** A session read whole (an open basket's lines with it: the transaction then includes 'basketLines'). */
export async function readSession<K extends SessionKind>(tx: AnyTx, sessionId: string, kinds: readonly K[]): Promise<SessionOfKind<K>> {
  const record = await tx.objectStore('sessions').get(sessionId);
  if (!record) throw new UnknownSessionError(sessionId);
  if (!(kinds as readonly SessionKind[]).includes(record.kind)) throw new WrongSessionKindError(sessionId, kinds, record.kind);
  return (await wholeSession(tx, record)) as SessionOfKind<K>;
}

/** The open session of `kind`, read whole, if there is one. */
export async function readOpenOfKind<K extends SessionKind>(tx: AnyTx, kind: K): Promise<SessionOfKind<K> | undefined> {
  const record = await tx.objectStore('sessions').index('by-kind-status').get([kind, 'open']);
  return record && ((await wholeSession(tx, record)) as SessionOfKind<K>);
}

export async function readOpenSession<K extends SessionKind>(tx: AnyTx, sessionId: string, kinds: readonly K[]): Promise<SessionOfKind<K>> {
  const session = await readSession(tx, sessionId, kinds);
  if (session.status !== 'open') throw new SessionClosedError(sessionId, session.status);
  return session;
}

/** The next closing number: one more than the highest given so far, read in the closing transaction. */
export async function nextClosedSeq(tx: WriteTx): Promise<number> {
  const cursor = await tx.objectStore('sessions').index('by-closed').openKeyCursor(null, 'prev');
  return cursor ? Number(cursor.key) + 1 : 1;
}

/**
 * Run `work` over the ledger stores and sessions; writes nothing if it throws.
 * An owner-only action passes its audit entry, written in the same transaction.
 */
export function inLedgerTransaction<T>(work: (tx: WriteTx) => Promise<T>, audit?: NewAuditEntry): Promise<T> {
  return inTransaction(
    audit
      ? ['sessions', 'basketLines', 'products', 'movements', 'dailyTotals', 'dayProducts', 'hourlyTotals', 'audit']
      : ['sessions', 'basketLines', 'products', 'movements', 'dailyTotals', 'dayProducts', 'hourlyTotals'],
    'readwrite',
    async (tx) => {
      const result = await work(tx as unknown as WriteTx);
      if (audit) await appendAuditIn((tx as unknown as WriteTx).objectStore('audit'), audit);
      return result;
    },
    { durability: 'strict' },
  );
}
