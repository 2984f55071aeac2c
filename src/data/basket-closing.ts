/**
 * Closing a sale or a delivery and reversing a sale: the stock movements, the
 * products' stock, the hourly totals and the closed session in ONE transaction.
 */
import { basketTotalCents, stockDeltasByProduct, type Basket } from '../domain/basket.ts';
import { localDay, type Product } from '../domain/product.ts';
import { addReversalToHour, addSaleToHour, localHour, waitSecondsOf, type HourlyTotal } from '../domain/report/rollups.ts';
import { getDb } from './db.ts';
import { applyMovement, toMovement, UnknownProductError, type MovementTx } from './movements.ts';
import { rememberProduct } from './product-cache.ts';
import { requireRole } from './roles.ts';
import { announceSaleChanged } from './sale-signal.ts';
import type { DeliverySession, SaleSession } from './schema.ts';
import {
  DeliveryNoteError,
  EmptyBasketError,
  MAX_REASON_LENGTH,
  ReversalReasonError,
  SaleAlreadyReversedError,
  SaleNotClosedError,
  SessionClosedError,
  type ReversalReasonProblem,
} from './session-errors.ts';
import { inLedgerTransaction, nextClosedSeq, readSession, withNextRev, type WriteTx } from './session-tx.ts';
import { putBasketSession } from './basket-lines.ts';

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
    const closed: SaleSession = withNextRev(session, {
      ...session,
      status: 'closed',
      closedAt: now,
      closedSeq,
      totalCents: basketTotalCents(session.basket),
    });
    await Promise.all([
      putBasketSession(tx, session, closed),
      addBasketToHour(tx, now, session.basket, closed.totalCents!, (hour, entry) =>
        addSaleToHour(hour, { ...entry, waitSeconds: waitSecondsOf(session.firstScanAt ?? session.openedAt, now) }),
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

/**
 * Read, change and write the hourly rollup of the hour `at` falls in, inside the
 * ledger transaction: `add` puts the basket's money and packs into it.
 */
async function addBasketToHour(
  tx: WriteTx,
  at: number,
  basket: Basket,
  amountCents: number,
  add: (hour: HourlyTotal | undefined, entry: { day: string; hour: number; amountCents: number; packs: number }) => HourlyTotal,
): Promise<void> {
  const store = tx.objectStore('hourlyTotals');
  const day = localDay(at);
  const hour = localHour(at);
  await store.put(add(await store.get([day, hour]), { day, hour, amountCents, packs: basketPacks(basket) }));
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
        addBasketToHour(tx, now, session.basket, session.totalCents ?? basketTotalCents(session.basket), addReversalToHour),
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
    const closed: DeliverySession = withNextRev(session, {
      ...session,
      status: 'closed',
      closedAt: now,
      closedSeq: await nextClosedSeq(tx),
      totalCents: basketTotalCents(session.basket),
    });
    if (noteTotalCents !== undefined) closed.noteTotalCents = noteTotalCents;
    await putBasketSession(tx, session, closed);
    return { session: closed, products };
  });
  for (const p of products) rememberProduct(p);
  return session;
}
