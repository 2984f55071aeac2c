/**
 * Counter sessions: one customer's basket (sale), one delivery, one stocktake.
 * Each is saved whole on every change, so a crash or a reload loses nothing and
 * the open session of each kind is resumed. Closing a session writes its stock
 * movements, the products' stock, the daily totals and the closed session in
 * ONE transaction: either all of it is recorded or none of it.
 *
 * Double taps: closing (and voiding) is idempotent. IndexedDB runs readwrite
 * transactions over the same store one after the other, and each close reads
 * the session inside its own transaction, so a second close sees it closed and
 * returns it unchanged without writing anything.
 *
 * Order: "the last closed sale" is the one with the highest closedSeq, a counter
 * given at close inside the closing transaction; the Pi has no real-time clock,
 * so the wall clock (closedAt) is only shown to people.
 *
 * Split by what they are: this module opens, resumes, saves and voids
 * sessions and changes baskets; basket-closing.ts closes sales and deliveries
 * and reverses sales; stocktake-sessions.ts counts; adjustments.ts corrects
 * stock by hand; session-errors.ts holds what they refuse.
 */
import { addScan, basketScanItem, setQuantity, voidLine, type BasketError, type BasketResult } from '../domain/basket.ts';
import type { Product } from '../domain/product.ts';
import type { BarcodeLink } from '../domain/units.ts';
import { lookupBarcodeIn } from './barcodes.ts';
import { inTransaction, type KioskDB, type KioskStore } from './db.ts';
import { putBasketSession, wholeSession } from './basket-lines.ts';
import { announceSaleChanged } from './sale-signal.ts';
import type { IDBPTransaction } from 'idb';
import { BasketQuantityError, DeliveryNoteError, SessionClosedError } from './session-errors.ts';
import {
  BASKET_DURABILITY,
  newBasketSession,
  newSessionId,
  readOpenOfKind,
  readOpenSession,
  readSession,
  withFirstScan,
  withNextRev,
  type AnyTx,
} from './session-tx.ts';

export type {
  BasketSession,
  CounterSession,
  DeliverySession,
  SaleSession,
  SessionKind,
  SessionOfKind,
  SessionStatus,
  StocktakeSessionRecord,
} from './schema.ts';
import type { CounterSession, SessionKind, SessionOfKind, BasketSession, SaleSession, DeliverySession } from './schema.ts';

export async function getSession(sessionId: string): Promise<CounterSession | undefined> {
  return inTransaction(['sessions', 'basketLines'], 'readonly', async (tx) => {
    const record = await tx.objectStore('sessions').get(sessionId);
    return record && wholeSession(tx, record);
  });
}

/** The open session of a kind, if there is one (to resume after a reload). */
export async function getOpenSession<K extends SessionKind>(kind: K): Promise<SessionOfKind<K> | undefined> {
  return inTransaction(['sessions', 'basketLines'], 'readonly', (tx) => readOpenOfKind(tx as unknown as AnyTx, kind));
}

/** The open session of this kind, or a new one. One transaction, so two calls at once make one session. */
export async function openSession<K extends SessionKind>(kind: K, now = Date.now()): Promise<SessionOfKind<K>> {
  return inTransaction(
    ['sessions', 'basketLines'],
    'readwrite',
    async (tx) => {
      const open = await readOpenOfKind(tx as unknown as AnyTx, kind);
      if (open) return open;
      if (kind === 'stocktake') {
        const session: CounterSession = {
          id: newSessionId(kind),
          status: 'open',
          openedAt: now,
          kind: 'stocktake',
          counts: [],
          nextSeq: 1,
        };
        await tx.objectStore('sessions').add(session);
        return session as SessionOfKind<K>;
      }
      const session = newBasketSession(kind as BasketSession['kind'], now);
      await putBasketSession(tx, undefined, session);
      return session as SessionOfKind<K>;
    },
    { durability: BASKET_DURABILITY },
  ).then((session) => {
    if (session.kind === 'sale') announceSaleChanged(session.id, session.status);
    return session;
  });
}

async function changeBasket(
  sessionId: string,
  change: (session: BasketSession) => BasketResult,
  /** A scan's time: noted as the sale's first scan when it has none yet. */
  scannedAt?: number,
): Promise<BasketSession> {
  return inTransaction(
    ['sessions', 'basketLines'],
    'readwrite',
    async (tx) => {
      const session = await readOpenSession(tx as unknown as AnyTx, sessionId, ['sale', 'delivery']);
      const result = change(session);
      if (!result.ok) throw new BasketQuantityError(result.error);
      const next: BasketSession = withFirstScan(withNextRev(session, { ...session, basket: result.basket }), scannedAt);
      await putBasketSession(tx, session, next);
      return next;
    },
    { durability: BASKET_DURABILITY },
  ).then((session) => {
    if (session.kind === 'sale') announceSaleChanged(session.id, session.status);
    return session;
  });
}

/**
 * One scan into the session's basket (the same barcode again adds 1 to its line).
 * Sale lines are priced at the retail price, delivery lines at the cost price.
 */
export async function addScanToBasket(
  sessionId: string,
  { product, link }: { product: Product; link: BarcodeLink },
  now = Date.now(),
): Promise<SaleSession | DeliverySession> {
  return changeBasket(sessionId, (session) => addScan(session.basket, basketScanItem(session.kind, { product, link })), now);
}

/** What one scan did to the open basket of its kind, decided in the transaction that stored the scan. */
export type BasketScanEffect =
  | {
      kind: 'added';
      /** The session just after this scan (later scans of the same batch have a higher rev). */
      session: BasketSession;
      lineId: string;
      product: Product;
      link: BarcodeLink;
    }
  /** Not a product of the shop: nothing is added; the screen offers the register form. */
  | { kind: 'unknown-code' }
  /** The basket refused it (too many lines, a line at its limit): nothing is added. */
  | { kind: 'refused'; error: BasketError; product: Product; link: BarcodeLink };

/** A transaction over at least sessions, basketLines, barcodes and products. */
export type ScanApplyTx = IDBPTransaction<KioskDB, KioskStore[], 'readwrite'>;

/**
 * Inside the transaction that stores the scans (see storeScans in scans.ts):
 * add each to the open sale or delivery (opening one when none is open), in
 * order. Each touched session is written once at the end: its head and the
 * lines that changed (basket-lines.ts). A basket
 * refusal is an effect, not an error: throwing here would abort the store and
 * the scan would come back forever.
 *
 * `isNew` says which scans were stored now (a re-offer must not be applied
 * again); the reads start before it is known, so they go to the database with
 * the scans' adds instead of after them. Scans it marks false get no effect.
 * The writes are only asked for: `written` settles when they are done, so the
 * caller can commit at once instead of waiting a round trip for their success.
 */
export async function addScansToOpenBaskets(
  tx: ScanApplyTx,
  scans: readonly { code: string; into: 'sale' | 'delivery' }[],
  isNew: Promise<readonly boolean[]>,
  now = Date.now(),
): Promise<{ effects: (BasketScanEffect | undefined)[]; written: Promise<unknown> }> {
  // Every read at once: requests in one transaction are served in order without
  // waiting for each other, so a batch costs two round trips to the database
  // instead of two per scan (each one waits behind the page's rendering).
  const kinds = [...new Set(scans.map((s) => s.into))];
  const [matches, openSessions, fresh] = await Promise.all([
    Promise.all(scans.map(({ code }) => lookupBarcodeIn(tx, code))),
    Promise.all(
      kinds.map(async (kind) => [kind, (await readOpenOfKind(tx as unknown as AnyTx, kind)) as BasketSession | undefined] as const),
    ),
    isNew,
  ]);
  const storedOpen = new Map(openSessions);
  const open = new Map<'sale' | 'delivery', { session: BasketSession; stored: BasketSession | undefined; changed: boolean }>();
  const effects = scans.map(({ into }, i): BasketScanEffect | undefined => {
    if (!fresh[i]) return undefined;
    const found = matches[i];
    if (!found) return { kind: 'unknown-code' };
    let current = open.get(into);
    if (!current) {
      const stored = storedOpen.get(into);
      current = stored ? { session: stored, stored, changed: false } : { session: newBasketSession(into, now), stored, changed: true };
      open.set(into, current);
    }
    const result = addScan(current.session.basket, basketScanItem(current.session.kind, found));
    if (!result.ok) return { kind: 'refused', error: result.error, ...found };
    current.session = withFirstScan(withNextRev(current.session, { ...current.session, basket: result.basket }), now);
    current.changed = true;
    return { kind: 'added', session: current.session, lineId: result.lineId, ...found };
  });
  const writes = [...open.values()].filter((o) => o.changed).map(({ session, stored }) => putBasketSession(tx, stored, session));
  return { effects, written: Promise.all(writes) };
}

/** Set a line's quantity (in scans of its barcode). Throws BasketQuantityError for 0, too large, unknown line. */
export async function setBasketQuantity(sessionId: string, lineId: string, quantity: number): Promise<SaleSession | DeliverySession> {
  return changeBasket(sessionId, (session) => setQuantity(session.basket, lineId, quantity));
}

export async function voidBasketLine(sessionId: string, lineId: string): Promise<SaleSession | DeliverySession> {
  return changeBasket(sessionId, (session) => voidLine(session.basket, lineId));
}

/**
 * Note the total printed on the supplier's delivery note, read and written in
 * one transaction: the screen's copy of the delivery may lack a scan applied a
 * moment ago, so writing that copy whole would take the scan's line out again.
 */
export async function setDeliveryNoteTotal(sessionId: string, noteTotalCents: number): Promise<DeliverySession> {
  if (!Number.isSafeInteger(noteTotalCents) || noteTotalCents < 0) throw new DeliveryNoteError(noteTotalCents);
  return inTransaction(
    ['sessions', 'basketLines'],
    'readwrite',
    async (tx) => {
      const session = await readOpenSession(tx as unknown as AnyTx, sessionId, ['delivery']);
      const next = withNextRev(session, { ...session, noteTotalCents });
      await putBasketSession(tx, session, next);
      return next;
    },
    { durability: 'strict' },
  );
}

/** Give up an open session: nothing is recorded. A voided session stays voided; a closed one: SessionClosedError. */
export async function voidSession(sessionId: string, now = Date.now()): Promise<void> {
  const kind = await inTransaction(
    ['sessions', 'basketLines'],
    'readwrite',
    async (tx) => {
      const session = await readSession(tx as unknown as AnyTx, sessionId, ['sale', 'delivery', 'stocktake']);
      if (session.status === 'voided') return undefined;
      if (session.status === 'closed') throw new SessionClosedError(sessionId, session.status);
      const voided = withNextRev(session, { ...session, status: 'voided' as const, closedAt: now });
      if (voided.kind === 'stocktake') await tx.objectStore('sessions').put(voided);
      else await putBasketSession(tx, session as BasketSession, voided);
      return session.kind;
    },
    { durability: 'strict' },
  );
  if (kind === 'sale') announceSaleChanged(sessionId, 'voided');
}
