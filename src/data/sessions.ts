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
 * Stocktake during trading (see src/domain/stocktake.ts rule 4): a count keeps
 * the book stock read in the same transaction as the count (bookAtCount). The
 * difference counted − bookAtCount is fixed then; sales and deliveries after it
 * move stock normally, and closing adds just that difference to the stock as it
 * is at closing. So a pack sold after its shelf was counted is a sale, not a loss.
 */
import {
  addScan,
  basketTotalCents,
  emptyBasket,
  scanPriceCents,
  setQuantity,
  stockDeltasByProduct,
  voidLine,
  type Basket,
  type BasketError,
  type BasketResult,
  type ScanItem,
} from '../domain/basket.ts';
import { ADJUST_REASONS, MAX_OPENING_STOCK, localDay, type AdjustReason, type Product, type StockMovement } from '../domain/product.ts';
import {
  addCount,
  closeStocktake,
  progress,
  removeCount,
  type CountEntry,
  type CountEntryError,
  type StocktakeResult,
  type StocktakeSession,
} from '../domain/stocktake.ts';
import type { BarcodeLink } from '../domain/units.ts';
import { addReversalToHour, addSaleToHour, localHour, waitSecondsOf } from '../domain/report/rollups.ts';
import { lookupBarcodeIn } from './barcodes.ts';
import { getDb, inTransaction, type KioskDB, type KioskStore } from './db.ts';
import { applyMovement, recordMovement, toMovement, UnknownProductError, type MovementTx } from './movements.ts';
import { rememberProduct } from './product-cache.ts';
import { NotAllowedError, canDo, requireRole } from './roles.ts';
import { appendAuditIn, type NewAuditEntry } from './audit.ts';
import { announceSaleChanged } from './sale-signal.ts';
import type { IDBPTransaction } from 'idb';

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
import type { HourlyTotal } from '../domain/report/rollups.ts';
import type {
  CounterSession,
  SessionKind,
  SessionOfKind,
  BasketSession,
  SaleSession,
  DeliverySession,
  StocktakeSessionRecord,
} from './schema.ts';

// ---------------------------------------------------------------- errors

export class UnknownSessionError extends Error {
  override name = 'UnknownSessionError';
  readonly reason = 'unknown-session';
  constructor(readonly sessionId: string) {
    super(`No session ${sessionId}`);
  }
}

export class WrongSessionKindError extends Error {
  override name = 'WrongSessionKindError';
  readonly reason = 'wrong-kind';
  constructor(
    readonly sessionId: string,
    readonly expected: readonly SessionKind[],
    readonly actual: SessionKind,
  ) {
    super(`Session ${sessionId} is a ${actual}, not a ${expected.join(' or ')}`);
  }
}

import { SessionClosedError } from '../domain/errors.ts';
export { SessionClosedError };

/** A basket change the basket refused: `error` (also `reason`) says why. */
export class BasketQuantityError extends Error {
  override name = 'BasketQuantityError';
  readonly reason: BasketError;
  constructor(readonly error: BasketError) {
    super(`Basket change refused: ${error}`);
    this.reason = error;
  }
}

export class EmptyBasketError extends Error {
  override name = 'EmptyBasketError';
  readonly reason = 'empty-basket';
  constructor(readonly sessionId: string) {
    super(`Session ${sessionId} has nothing in its basket`);
  }
}

export class SaleNotClosedError extends Error {
  override name = 'SaleNotClosedError';
  readonly reason = 'sale-not-closed';
  constructor(readonly sessionId: string) {
    super(`Sale ${sessionId} is not closed: void it instead of reversing it`);
  }
}

export class SaleAlreadyReversedError extends Error {
  override name = 'SaleAlreadyReversedError';
  readonly reason = 'already-reversed';
  constructor(readonly sessionId: string) {
    super(`Sale ${sessionId} was already reversed`);
  }
}

export type ReversalReasonProblem = 'reason-required' | 'reason-too-long';

export class ReversalReasonError extends Error {
  override name = 'ReversalReasonError';
  constructor(readonly reason: ReversalReasonProblem) {
    super(`Reversal reason: ${reason}`);
  }
}

export class StocktakeCountError extends Error {
  override name = 'StocktakeCountError';
  constructor(readonly reason: CountEntryError) {
    super(`Count refused: ${reason}`);
  }
}

export type AdjustmentProblem = 'quantity-zero' | 'quantity-not-integer' | 'quantity-too-large' | 'bad-reason' | 'note-too-long';

export class AdjustmentError extends Error {
  override name = 'AdjustmentError';
  constructor(readonly reason: AdjustmentProblem) {
    super(`Adjustment refused: ${reason}`);
  }
}

export class DeliveryNoteError extends Error {
  override name = 'DeliveryNoteError';
  readonly reason = 'bad-note-total';
  constructor(readonly noteTotalCents: number) {
    super(`Delivery note total ${noteTotalCents} is not whole cents ≥ 0`);
  }
}

/** Characters a reversal reason may have. */
export const MAX_REASON_LENGTH = 100;
/** Characters an adjustment note may have. */
export const MAX_NOTE_LENGTH = 100;
/** Packs one adjustment may move: the same bound as opening stock and a count. */
export const MAX_ADJUSTMENT = MAX_OPENING_STOCK;

// ---------------------------------------------------------------- reading

/**
 * A basket being filled is written without waiting for the disk flush: the
 * write still survives a crash of the page or the browser, only a power cut
 * in the same second can lose the last scan of a basket whose customer is
 * still standing at the counter. Everything that records stock (closing,
 * reversing, counting) waits for the flush.
 */
const BASKET_DURABILITY = 'relaxed';

type AnyTx = IDBPTransaction<KioskDB, KioskStore[], IDBTransactionMode>;
type WriteTx = IDBPTransaction<KioskDB, KioskStore[], 'readwrite'>;

function newSessionId(kind: SessionKind): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return `${kind}-${c.randomUUID()}`;
  // randomUUID needs a secure context; the kiosk page normally is one (localhost).
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return `${kind}-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function newBasketSession(kind: BasketSession['kind'], now: number): BasketSession {
  const base = { id: newSessionId(kind), status: 'open' as const, openedAt: now };
  return kind === 'delivery' ? { ...base, kind: 'delivery', basket: emptyBasket() } : { ...base, kind: 'sale', basket: emptyBasket() };
}

/** A sale's first scan noted once (the customer's wait starts there); a delivery unchanged. */
function withFirstScan<T extends BasketSession>(session: T, at: number | undefined): T {
  if (at === undefined || session.kind !== 'sale' || session.firstScanAt !== undefined) return session;
  return { ...session, firstScanAt: at };
}

/** `next` as the write after `stored`: its rev one higher. */
function withNextRev<T extends CounterSession>(stored: CounterSession, next: T): T {
  return { ...next, rev: (stored.rev ?? 0) + 1 };
}

export async function getSession(sessionId: string): Promise<CounterSession | undefined> {
  const db = await getDb();
  return db.get('sessions', sessionId);
}

/** The open session of a kind, if there is one (to resume after a reload). */
export async function getOpenSession<K extends SessionKind>(kind: K): Promise<SessionOfKind<K> | undefined> {
  const db = await getDb();
  return (await db.getFromIndex('sessions', 'by-kind-status', [kind, 'open'])) as SessionOfKind<K> | undefined;
}

/** The open session of this kind, or a new one. One transaction, so two calls at once make one session. */
export async function openSession<K extends SessionKind>(kind: K, now = Date.now()): Promise<SessionOfKind<K>> {
  return inTransaction(
    ['sessions'],
    'readwrite',
    async (tx) => {
      const store = tx.objectStore('sessions');
      const open = await store.index('by-kind-status').get([kind, 'open']);
      if (open) return open as SessionOfKind<K>;
      const session: CounterSession =
        kind === 'stocktake'
          ? { id: newSessionId(kind), status: 'open', openedAt: now, kind: 'stocktake', counts: [], nextSeq: 1 }
          : newBasketSession(kind as BasketSession['kind'], now);
      await store.add(session);
      return session as SessionOfKind<K>;
    },
    { durability: BASKET_DURABILITY },
  ).then((session) => {
    if (session.kind === 'sale') announceSaleChanged(session.id, session.status);
    return session;
  });
}

/**
 * Remember the shelf being counted with the open stocktake, so a reload
 * resumes on it. Read and written in one transaction: a count stored meanwhile
 * is never dropped by saving an older copy. Undefined when the stocktake is no
 * longer open or already on that shelf (nothing written).
 */
export async function putStocktakeShelf(sessionId: string, shelf: string): Promise<StocktakeSessionRecord | undefined> {
  return inTransaction(['sessions'], 'readwrite', async (tx) => {
    const store = tx.objectStore('sessions');
    const stored = await store.get(sessionId);
    if (!stored || stored.kind !== 'stocktake' || stored.status !== 'open' || (stored.shelf ?? '') === shelf) return undefined;
    const next = withNextRev(stored, { ...stored, shelf });
    await store.put(next);
    return next;
  });
}

/** Save a changed open session whole (a shelf name, a supplier note). Closed or voided: SessionClosedError. */
export async function saveSession(session: CounterSession): Promise<void> {
  if (session.status !== 'open') throw new SessionClosedError(session.id, session.status);
  await inTransaction(
    ['sessions'],
    'readwrite',
    async (tx) => {
      const store = tx.objectStore('sessions');
      const stored = await store.get(session.id);
      if (stored && stored.status !== 'open') throw new SessionClosedError(session.id, stored.status);
      if (stored && stored.kind !== session.kind) throw new WrongSessionKindError(session.id, [stored.kind], session.kind);
      await store.put(withNextRev(stored ?? session, session));
    },
    { durability: 'strict' },
  );
  if (session.kind === 'sale') announceSaleChanged(session.id, session.status);
}

async function readSession<K extends SessionKind>(tx: AnyTx, sessionId: string, kinds: readonly K[]): Promise<SessionOfKind<K>> {
  const session = await tx.objectStore('sessions').get(sessionId);
  if (!session) throw new UnknownSessionError(sessionId);
  if (!(kinds as readonly SessionKind[]).includes(session.kind)) throw new WrongSessionKindError(sessionId, kinds, session.kind);
  return session as SessionOfKind<K>;
}

async function readOpenSession<K extends SessionKind>(tx: AnyTx, sessionId: string, kinds: readonly K[]): Promise<SessionOfKind<K>> {
  const session = await readSession(tx, sessionId, kinds);
  if (session.status !== 'open') throw new SessionClosedError(sessionId, session.status);
  return session;
}

/** The next closing number: one more than the highest given so far, read in the closing transaction. */
async function nextClosedSeq(tx: WriteTx): Promise<number> {
  const cursor = await tx.objectStore('sessions').index('by-closed').openKeyCursor(null, 'prev');
  return cursor ? Number(cursor.key) + 1 : 1;
}

/**
 * Run `work` over the ledger stores and sessions; writes nothing if it throws.
 * An owner-only action passes its audit entry, written in the same transaction.
 */
function inLedgerTransaction<T>(work: (tx: WriteTx) => Promise<T>, audit?: NewAuditEntry): Promise<T> {
  return inTransaction(
    audit
      ? ['sessions', 'products', 'movements', 'dailyTotals', 'dayProducts', 'hourlyTotals', 'audit']
      : ['sessions', 'products', 'movements', 'dailyTotals', 'dayProducts', 'hourlyTotals'],
    'readwrite',
    async (tx) => {
      const result = await work(tx as unknown as WriteTx);
      if (audit) await appendAuditIn((tx as unknown as WriteTx).objectStore('audit'), audit);
      return result;
    },
    { durability: 'strict' },
  );
}

// ---------------------------------------------------------------- baskets

async function changeBasket(
  sessionId: string,
  change: (session: BasketSession) => BasketResult,
  /** A scan's time: noted as the sale's first scan when it has none yet. */
  scannedAt?: number,
): Promise<BasketSession> {
  return inTransaction(
    ['sessions'],
    'readwrite',
    async (tx) => {
      const session = await readOpenSession(tx as unknown as AnyTx, sessionId, ['sale', 'delivery']);
      const result = change(session);
      if (!result.ok) throw new BasketQuantityError(result.error);
      const next: BasketSession = withFirstScan(withNextRev(session, { ...session, basket: result.basket }), scannedAt);
      await tx.objectStore('sessions').put(next);
      return next;
    },
    { durability: BASKET_DURABILITY },
  ).then((session) => {
    if (session.kind === 'sale') announceSaleChanged(session.id, session.status);
    return session;
  });
}

/** What one scan of `link` costs the customer: the carton price for a carton scan when one is set. */
export function saleScanPriceCents(product: Product, link: BarcodeLink): number {
  const cartonPrice = link.multiplier > 1 && link.multiplier === product.packsPerCarton ? product.cartonPriceCents : undefined;
  return scanPriceCents(product.priceCents, link.multiplier, cartonPrice);
}

/** What one scan of `link` is worth on a delivery: cost price × packs, 0 when the cost is unknown. */
export function deliveryScanCostCents(product: Product, link: BarcodeLink): number {
  return scanPriceCents(product.costCents ?? 0, link.multiplier);
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
  return changeBasket(sessionId, (session) => addScan(session.basket, scanItem(session.kind, { product, link })), now);
}

/** A scan as a basket line: sale lines at the retail price, delivery lines at the cost price. */
function scanItem(kind: BasketSession['kind'], { product, link }: { product: Product; link: BarcodeLink }): ScanItem {
  return {
    productCode: link.productCode,
    barcode: link.code,
    name: product.name,
    multiplier: link.multiplier,
    unitPriceCents: kind === 'sale' ? saleScanPriceCents(product, link) : deliveryScanCostCents(product, link),
  };
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

/** A transaction over at least sessions, barcodes and products. */
export type ScanApplyTx = IDBPTransaction<KioskDB, KioskStore[], 'readwrite'>;

/**
 * Inside the transaction that stores the scans (see storeScans in scans.ts):
 * add each to the open sale or delivery (opening one when none is open), in
 * order. Each touched session is written once, whole, at the end. A basket
 * refusal is an effect, not an error: throwing here would abort the store and
 * the scan would come back forever.
 */
export async function addScansToOpenBaskets(
  tx: ScanApplyTx,
  scans: readonly { code: string; into: 'sale' | 'delivery' }[],
  now = Date.now(),
): Promise<BasketScanEffect[]> {
  const store = tx.objectStore('sessions');
  // Every read at once: requests in one transaction are served in order without
  // waiting for each other, so a batch costs two round trips to the database
  // instead of two per scan (each one waits behind the page's rendering).
  const kinds = [...new Set(scans.map((s) => s.into))];
  const [matches, openSessions] = await Promise.all([
    Promise.all(scans.map(({ code }) => lookupBarcodeIn(tx, code))),
    Promise.all(
      kinds.map(async (kind) => [kind, (await store.index('by-kind-status').get([kind, 'open'])) as BasketSession | undefined] as const),
    ),
  ]);
  const storedOpen = new Map(openSessions);
  const open = new Map<'sale' | 'delivery', { session: BasketSession; stored: boolean; changed: boolean }>();
  const effects: BasketScanEffect[] = [];
  scans.forEach(({ into }, i) => {
    const found = matches[i];
    if (!found) {
      effects.push({ kind: 'unknown-code' });
      return;
    }
    let current = open.get(into);
    if (!current) {
      const stored = storedOpen.get(into);
      current = stored
        ? { session: stored, stored: true, changed: false }
        : { session: newBasketSession(into, now), stored: false, changed: true };
      open.set(into, current);
    }
    const result = addScan(current.session.basket, scanItem(current.session.kind, found));
    if (!result.ok) {
      effects.push({ kind: 'refused', error: result.error, ...found });
      return;
    }
    current.session = withFirstScan(withNextRev(current.session, { ...current.session, basket: result.basket }), now);
    current.changed = true;
    effects.push({ kind: 'added', session: current.session, lineId: result.lineId, ...found });
  });
  for (const { session, stored, changed } of open.values()) {
    if (!changed) continue;
    if (stored) await store.put(session);
    else await store.add(session);
  }
  return effects;
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
    ['sessions'],
    'readwrite',
    async (tx) => {
      const session = await readOpenSession(tx as unknown as AnyTx, sessionId, ['delivery']);
      const next = withNextRev(session, { ...session, noteTotalCents });
      await tx.objectStore('sessions').put(next);
      return next;
    },
    { durability: 'strict' },
  );
}

/** Give up an open session: nothing is recorded. A voided session stays voided; a closed one: SessionClosedError. */
export async function voidSession(sessionId: string, now = Date.now()): Promise<void> {
  const kind = await inTransaction(
    ['sessions'],
    'readwrite',
    async (tx) => {
      const session = await readSession(tx as unknown as AnyTx, sessionId, ['sale', 'delivery', 'stocktake']);
      if (session.status === 'voided') return undefined;
      if (session.status === 'closed') throw new SessionClosedError(sessionId, session.status);
      await tx.objectStore('sessions').put(withNextRev(session, { ...session, status: 'voided', closedAt: now }));
      return session.kind;
    },
    { durability: 'strict' },
  );
  if (kind === 'sale') announceSaleChanged(sessionId, 'voided');
}

/** Write one movement per product of a basket, signed by `sign`. Returns the products as they now are. */
async function writeBasketMovements(
  tx: WriteTx,
  basket: Basket,
  kind: 'sale' | 'sale-reversal' | 'receipt',
  sign: 1 | -1,
  at: number,
  sessionId: string,
): Promise<Product[]> {
  const products = tx.objectStore('products');
  // A sale's money is what the basket charged (carton prices included), not today's price.
  const money = new Map<string, number>();
  for (const line of basket.lines) money.set(line.productCode, (money.get(line.productCode) ?? 0) + line.quantity * line.unitPriceCents);
  // Different products touch different records: their writes can be queued together.
  return Promise.all(
    stockDeltasByProduct(basket).map(async ({ productCode, packs }) => {
      const product = await products.get(productCode);
      if (!product) throw new UnknownProductError(productCode);
      const base = { code: productCode, kind, quantity: sign * packs, at, sessionId };
      const movement = toMovement(kind === 'receipt' ? base : { ...base, amountCents: -sign * (money.get(productCode) ?? 0) });
      return (await applyMovement(tx as unknown as MovementTx, product, movement)).product;
    }),
  );
}

/**
 * Record the sale: one 'sale' movement per product (packs out), the stock, the
 * daily totals and the closed session, in one transaction. Closing a closed sale
 * returns it unchanged (a double tap). Empty basket: EmptyBasketError.
 */
export async function closeSale(sessionId: string, now = Date.now()): Promise<SaleSession> {
  const { session, products } = await inLedgerTransaction(async (tx) => {
    const session = await readSession(tx, sessionId, ['sale']);
    if (session.status === 'closed') return { session, products: [] };
    if (session.status !== 'open') throw new SessionClosedError(sessionId, session.status);
    if (session.basket.lines.length === 0) throw new EmptyBasketError(sessionId);
    const [products, closedSeq] = await Promise.all([
      writeBasketMovements(tx, session.basket, 'sale', -1, now, sessionId),
      nextClosedSeq(tx),
    ]);
    const closed: SaleSession = {
      ...session,
      rev: (session.rev ?? 0) + 1,
      status: 'closed',
      closedAt: now,
      closedSeq,
      totalCents: basketTotalCents(session.basket),
    };
    await Promise.all([
      tx.objectStore('sessions').put(closed),
      addToHour(tx, now, (hour, day, h) =>
        addSaleToHour(hour, {
          day,
          hour: h,
          amountCents: closed.totalCents!,
          packs: basketPacks(session.basket),
          waitSeconds: waitSecondsOf(session.firstScanAt ?? session.openedAt, now),
        }),
      ),
    ]);
    return { session: closed, products };
  });
  for (const p of products) rememberProduct(p);
  announceSaleChanged(session.id, session.status);
  return session;
}

function basketPacks(basket: Basket): number {
  return stockDeltasByProduct(basket).reduce((sum, d) => sum + d.packs, 0);
}

/** Read, change and write the hourly rollup of the hour `at` falls in, inside the ledger transaction. */
async function addToHour(
  tx: WriteTx,
  at: number,
  change: (hour: HourlyTotal | undefined, day: string, h: number) => HourlyTotal,
): Promise<void> {
  const store = tx.objectStore('hourlyTotals');
  const day = localDay(at);
  const h = localHour(at);
  await store.put(change(await store.get([day, h]), day, h));
}

/** The sale closed last (highest closedSeq), reversed or not. */
export async function getLastClosedSale(): Promise<SaleSession | undefined> {
  const db = await getDb();
  const tx = db.transaction('sessions', 'readonly');
  let cursor = await tx.store.index('by-closed').openCursor(null, 'prev');
  while (cursor && cursor.value.kind !== 'sale') cursor = await cursor.continue();
  const sale = cursor?.value as SaleSession | undefined;
  await tx.done;
  return sale;
}

export function checkReversalReason(reason: string): ReversalReasonProblem | undefined {
  const length = [...reason.trim()].length;
  if (length === 0) return 'reason-required';
  if (length > MAX_REASON_LENGTH) return 'reason-too-long';
  return undefined;
}

/**
 * Take a closed sale back: one 'sale-reversal' movement per product (packs back
 * in) and the reversal noted on the sale, in one transaction. History is never
 * edited: the sale's movements stay. Owner only (canDo('reverse-sale')).
 */
export async function reverseSale(sessionId: string, reason: string, now = Date.now()): Promise<SaleSession> {
  const audit = requireRole('reverse-sale');
  const problem = checkReversalReason(reason);
  if (problem) throw new ReversalReasonError(problem);
  const { session, products } = await inLedgerTransaction(
    async (tx) => {
      const session = await readSession(tx, sessionId, ['sale']);
      if (session.status !== 'closed') throw new SaleNotClosedError(sessionId);
      if (session.reversal) throw new SaleAlreadyReversedError(sessionId);
      const products = await writeBasketMovements(tx, session.basket, 'sale-reversal', 1, now, sessionId);
      const reversed: SaleSession = withNextRev(session, { ...session, reversal: { at: now, reason: reason.trim() } });
      await Promise.all([
        tx.objectStore('sessions').put(reversed),
        addToHour(tx, now, (hour, day, h) =>
          addReversalToHour(hour, {
            day,
            hour: h,
            amountCents: session.totalCents ?? basketTotalCents(session.basket),
            packs: basketPacks(session.basket),
          }),
        ),
      ]);
      return { session: reversed, products };
    },
    { ...audit, detail: sessionId },
  );
  for (const p of products) rememberProduct(p);
  return session;
}

/**
 * Record the delivery: one 'receipt' movement per product (packs in), with the
 * total of the delivery note when given. Idempotent like closeSale.
 */
export async function closeDelivery(sessionId: string, noteTotalCents?: number, now = Date.now()): Promise<DeliverySession> {
  if (noteTotalCents !== undefined && (!Number.isSafeInteger(noteTotalCents) || noteTotalCents < 0)) {
    throw new DeliveryNoteError(noteTotalCents);
  }
  const { session, products } = await inLedgerTransaction(async (tx) => {
    const session = await readSession(tx, sessionId, ['delivery']);
    if (session.status === 'closed') return { session, products: [] };
    if (session.status !== 'open') throw new SessionClosedError(sessionId, session.status);
    if (session.basket.lines.length === 0) throw new EmptyBasketError(sessionId);
    const products = await writeBasketMovements(tx, session.basket, 'receipt', 1, now, sessionId);
    const closed: DeliverySession = {
      ...session,
      rev: (session.rev ?? 0) + 1,
      status: 'closed',
      closedAt: now,
      closedSeq: await nextClosedSeq(tx),
      totalCents: basketTotalCents(session.basket),
    };
    if (noteTotalCents !== undefined) closed.noteTotalCents = noteTotalCents;
    await tx.objectStore('sessions').put(closed);
    return { session: closed, products };
  });
  for (const p of products) rememberProduct(p);
  return session;
}

// ---------------------------------------------------------------- stocktake

function stocktakeState(session: StocktakeSessionRecord): StocktakeSession {
  return { entries: session.counts, nextSeq: session.nextSeq };
}

/**
 * Enter a count (packs) for a product, optionally on a shelf. The book stock it
 * is compared with is read in the same transaction, so a sale recorded before
 * the count is in the book and a sale after it is not a difference.
 * Throws StocktakeCountError, UnknownProductError, SessionClosedError.
 */
export async function addStocktakeCount(
  sessionId: string,
  { productCode, counted, shelf }: { productCode: string; counted: number; shelf?: string },
): Promise<StocktakeSessionRecord> {
  return inTransaction(
    ['sessions', 'products'],
    'readwrite',
    async (tx) => {
      const session = await readOpenSession(tx as unknown as AnyTx, sessionId, ['stocktake']);
      const product = await tx.objectStore('products').get(productCode);
      if (!product) throw new UnknownProductError(productCode);
      const entry =
        shelf === undefined
          ? { productCode, counted, bookAtCount: product.stock }
          : { productCode, counted, bookAtCount: product.stock, shelf };
      const result = addCount(stocktakeState(session), entry);
      if (!result.ok) throw new StocktakeCountError(result.error);
      const next: StocktakeSessionRecord = withNextRev(session, {
        ...session,
        counts: [...result.session.entries],
        nextSeq: result.session.nextSeq,
      });
      await tx.objectStore('sessions').put(next);
      return next;
    },
    { durability: 'strict' },
  );
}

/** Take back a count entered by mistake (no count there: the session unchanged). */
export async function removeStocktakeCount(sessionId: string, productCode: string, shelf?: string): Promise<StocktakeSessionRecord> {
  return inTransaction(
    ['sessions'],
    'readwrite',
    async (tx) => {
      const session = await readOpenSession(tx as unknown as AnyTx, sessionId, ['stocktake']);
      const state = removeCount(stocktakeState(session), productCode, shelf);
      if (state.entries === session.counts) return session;
      const next: StocktakeSessionRecord = withNextRev(session, { ...session, counts: [...state.entries] });
      await tx.objectStore('sessions').put(next);
      return next;
    },
    { durability: 'strict' },
  );
}

/** Expected products: those with stock ≠ 0 (negative included) and those counted. */
function expectedProducts(all: readonly Product[], counts: readonly CountEntry[]): { code: string; name: string; book: number }[] {
  const counted = new Set(counts.map((c) => c.productCode));
  return all.filter((p) => p.stock !== 0 || counted.has(p.code)).map((p) => ({ code: p.code, name: p.name, book: p.stock }));
}

/** Products counted of products expected. */
export async function stocktakeProgress(sessionId: string): Promise<{ counted: number; expected: number }> {
  const db = await getDb();
  const tx = db.transaction(['sessions', 'products'], 'readonly');
  const session = await readSession(tx as unknown as AnyTx, sessionId, ['stocktake']);
  const all = await tx.objectStore('products').getAll();
  await tx.done;
  return progress(
    stocktakeState(session),
    expectedProducts(all, session.counts).map((p) => p.code),
  );
}

/**
 * What closing would show now (differences, error rate, products not counted)
 * without writing anything. A closed stocktake returns its stored result.
 */
export async function previewStocktake(sessionId: string): Promise<StocktakeResult> {
  const db = await getDb();
  const tx = db.transaction(['sessions', 'products'], 'readonly');
  const session = await readSession(tx as unknown as AnyTx, sessionId, ['stocktake']);
  const all = session.result ? [] : await tx.objectStore('products').getAll();
  await tx.done;
  return session.result ?? closeStocktake(stocktakeState(session), expectedProducts(all, session.counts));
}

/**
 * Close the stocktake in one transaction: the result (per product book, counted,
 * difference; error rate; products not counted, never zeroed), one 'stocktake'
 * movement per differing product (reason 'stocktake') added to the stock as it
 * is now, and lastCountedAt on every counted product. Idempotent.
 */
export async function closeStocktakeSession(sessionId: string, now = Date.now()): Promise<StocktakeSessionRecord> {
  // Not owner-only, but a signed-in clerk or rep may not write stock history (src/domain/roles.ts).
  if (!canDo('stocktake')) throw new NotAllowedError('stocktake');
  const { session, products } = await inLedgerTransaction(async (tx) => {
    const session = await readSession(tx, sessionId, ['stocktake']);
    if (session.status === 'closed') return { session, products: [] as Product[] };
    if (session.status !== 'open') throw new SessionClosedError(sessionId, session.status);
    const store = tx.objectStore('products');
    const all = await store.getAll();
    const byCode = new Map(all.map((p) => [p.code, p]));
    const result = closeStocktake(stocktakeState(session), expectedProducts(all, session.counts));
    const differences = new Map(result.adjustments.map((a) => [a.productCode, a.quantity]));
    const written = await Promise.all(
      result.lines.map(async (line) => {
        const product = byCode.get(line.productCode);
        if (!product) throw new UnknownProductError(line.productCode);
        const counted: Product = { ...product, lastCountedAt: now, updatedAt: now };
        const quantity = differences.get(line.productCode);
        if (quantity === undefined) {
          await store.put(counted);
          return counted;
        }
        const movement = toMovement({ code: line.productCode, kind: 'stocktake', quantity, at: now, reason: 'stocktake', sessionId });
        return (await applyMovement(tx as unknown as MovementTx, counted, movement)).product;
      }),
    );
    const closed: StocktakeSessionRecord = withNextRev(session, {
      ...session,
      status: 'closed',
      closedAt: now,
      closedSeq: await nextClosedSeq(tx),
      result,
    });
    await tx.objectStore('sessions').put(closed);
    return { session: closed, products: written };
  });
  for (const p of products) rememberProduct(p);
  return session;
}

// ---------------------------------------------------------------- adjustments

export function checkAdjustment(input: { quantity: number; reason: string; note?: string | undefined }): AdjustmentProblem | undefined {
  if (!Number.isSafeInteger(input.quantity)) return 'quantity-not-integer';
  if (input.quantity === 0) return 'quantity-zero';
  if (Math.abs(input.quantity) > MAX_ADJUSTMENT) return 'quantity-too-large';
  if (!(ADJUST_REASONS as readonly string[]).includes(input.reason)) return 'bad-reason';
  if (input.note !== undefined && [...input.note.trim()].length > MAX_NOTE_LENGTH) return 'note-too-long';
  return undefined;
}

/**
 * Correct stock by hand (damage, loss, own use, found, correction): one
 * 'adjustment' movement of `quantity` signed packs. Owner only (canDo('adjust')).
 */
export async function recordAdjustment(
  input: { code: string; quantity: number; reason: AdjustReason; note?: string },
  now = Date.now(),
): Promise<StockMovement> {
  const audit = requireRole('adjust');
  const problem = checkAdjustment(input);
  if (problem) throw new AdjustmentError(problem);
  const note = input.note?.trim();
  return recordMovement(
    {
      code: input.code,
      kind: 'adjustment',
      quantity: input.quantity,
      at: now,
      reason: input.reason,
      ...(note ? { note } : {}),
    },
    { ...audit, detail: `${input.code} ${input.quantity > 0 ? '+' : ''}${input.quantity} ${input.reason}` },
  );
}
