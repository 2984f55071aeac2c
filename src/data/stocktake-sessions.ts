/**
 * The stocktake session: counts per product and shelf, progress, the preview
 * and the close. Stocktake during trading (see src/domain/stocktake.ts rule 4):
 * a count keeps the book stock read in the same transaction as the count
 * (bookAtCount). The difference counted − bookAtCount is fixed then; sales and
 * deliveries after it move stock normally, and closing adds just that
 * difference to the stock as it is at closing. So a pack sold after its shelf
 * was counted is a sale, not a loss.
 */
import type { Product } from '../domain/product.ts';
import {
  addCount,
  closeStocktake,
  progress,
  removeCount,
  type CountEntry,
  type StocktakeResult,
  type StocktakeSession,
} from '../domain/stocktake.ts';
import { getDb, inTransaction } from './db.ts';
import { applyMovement, toMovement, UnknownProductError, type MovementTx } from './movements.ts';
import { rememberProduct } from './product-cache.ts';
import { NotAllowedError, canDo } from './roles.ts';
import type { StocktakeSessionRecord } from './schema.ts';
import { SessionClosedError, StocktakeCountError } from './session-errors.ts';
import { inLedgerTransaction, nextClosedSeq, readOpenSession, readSession, withNextRev, type AnyTx } from './session-tx.ts';

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
