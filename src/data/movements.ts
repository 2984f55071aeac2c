/**
 * Stock movements: the only way stock changes. Each movement is appended, and in
 * the same transaction the product's stock and the day's totals move with it, so
 * the three can never disagree after a crash.
 */
import type { IDBPTransaction } from 'idb';
import {
  addToDailyTotal,
  checkMovement,
  localDay,
  type DailyTotal,
  type MovementError,
  type Product,
  type StockMovement,
  withSaleMoney,
} from '../domain/product.ts';
import { UnknownProductError } from '../domain/errors.ts';
import { dayProductOf, setDayProduct } from '../domain/report/rollups.ts';
import { dailyTotals, productMovements } from './history.ts';
import { rememberProduct } from './product-cache.ts';
import { getDb, inTransaction, type KioskDB } from './db.ts';
import { appendAuditIn, type NewAuditEntry } from './audit.ts';

export { UnknownProductError } from '../domain/errors.ts';

export class MovementValidationError extends RangeError {
  override name = 'MovementValidationError';
  constructor(
    readonly reason: MovementError,
    readonly movement: Pick<StockMovement, 'kind' | 'quantity'> & { day?: string },
  ) {
    super(`Invalid ${movement.kind} movement of ${movement.quantity}${movement.day ? ` on ${movement.day}` : ''}: ${reason}`);
  }
}

export type NewMovement = Omit<StockMovement, 'id' | 'day'> & { day?: string };

export type { MovementWithStock } from './schema.ts';
import type { MovementWithStock } from './schema.ts';

export type MovementTx = IDBPTransaction<KioskDB, ('products' | 'movements' | 'dailyTotals' | 'dayProducts')[], 'readwrite'>;

/** The stores a movement is written to, in one transaction. */
export const MOVEMENT_STORES = ['products', 'movements', 'dailyTotals', 'dayProducts'] as const;

/**
 * Record one movement: append it, move product.stock, add it to the (code, day)
 * total, and the owner's audit entry when given. All or nothing. Throws UnknownProductError for a code never registered
 * and MovementValidationError for a wrong quantity (e.g. a sale of +1).
 */
export async function recordMovement(m: NewMovement, audit?: NewAuditEntry): Promise<StockMovement> {
  const movement = toMovement(m);
  // The audit store only when there is an entry: plain movements never wait on the log.
  const stores: ((typeof MOVEMENT_STORES)[number] | 'audit')[] = [...MOVEMENT_STORES];
  if (audit) stores.push('audit');
  const applied = await inTransaction(
    stores,
    'readwrite',
    async (tx) => {
      const product = await tx.objectStore('products').get(movement.code);
      if (!product) throw new UnknownProductError(movement.code);
      const applied = await applyMovement(tx as unknown as MovementTx, product, movement);
      // An owner-only movement (an adjustment) is logged with it or not at all.
      if (audit) await appendAuditIn(tx.objectStore('audit'), audit);
      return applied;
    },
    { durability: 'strict' },
  );
  rememberProduct(applied.product);
  return applied.movement;
}

/** Check a new movement and give it its day (the local day of `at` unless given). */
export function toMovement(m: NewMovement): StockMovement {
  const error = checkMovement(m);
  if (error) throw new MovementValidationError(error, m);
  const movement: StockMovement = { ...m, day: m.day ?? localDay(m.at) };
  delete movement.id;
  return movement;
}

/**
 * The write half of recordMovement, for callers that already hold a transaction
 * over the three stores (registering a product with its opening stock).
 */
export async function applyMovement(
  tx: MovementTx,
  product: Product,
  given: StockMovement,
): Promise<{ movement: StockMovement; product: Product }> {
  // A sale or reversal carries its money into the daily total (the business report's sales and profit).
  const movement = withSaleMoney(given, product);
  const moved: Product = { ...product, stock: product.stock + movement.quantity, updatedAt: movement.at };
  const [id] = await Promise.all([
    tx.objectStore('movements').add(movement),
    addToDay(tx, movement),
    tx.objectStore('products').put(moved),
  ]);
  return { movement: { ...movement, id }, product: moved };
}

// One day record is shared by every product's movement that day: the movements
// of one sale are applied side by side, so each read-change-write of it waits
// for the one before in the same transaction (or a row would be lost).
const dayRowQueues = new WeakMap<object, Promise<unknown>>();

/**
 * The movement added to its (code, day) total and that total set into the
 * day's record. The total is the live row, or, for a day the nightly
 * compaction has closed (a movement dated back), the day record's row.
 */
function addToDay(tx: MovementTx, movement: StockMovement): Promise<unknown> {
  const days = tx.objectStore('dayProducts');
  const totals = tx.objectStore('dailyTotals');
  const before = dayRowQueues.get(tx) ?? Promise.resolve();
  const next = before.then(async () => {
    const [record, live] = await Promise.all([days.get(movement.day), totals.get([movement.code, movement.day])]);
    const total = addToDailyTotal(live ?? dayProductOf(record, movement.code), movement);
    await Promise.all([totals.put(total), days.put(setDayProduct(record, total))]);
  });
  dayRowQueues.set(
    tx,
    next.catch(() => undefined),
  );
  return next;
}

/**
 * One product's movements in recording order, each with the stock after it.
 * With `limit`, the latest `limit` movements (still oldest first).
 */
export async function getProductHistory(code: string, limit?: number): Promise<MovementWithStock[]> {
  const db = await getDb();
  const tx = db.transaction(['products', 'movements', 'movementBlocks'], 'readonly');
  const [product, oldestFirst] = await Promise.all([tx.objectStore('products').get(code), productMovements(tx, code, limit)]);
  const newestFirst = oldestFirst.reverse();
  await tx.done;
  // Walk back from the current stock, which always equals the sum of all movements.
  let stock = product?.stock ?? newestFirst.reduce((sum, m) => sum + m.quantity, 0);
  const history: MovementWithStock[] = [];
  for (const m of newestFirst) {
    history.push({ ...m, stockAfter: stock });
    stock -= m.quantity;
  }
  return history.reverse();
}

/** Daily totals of one product from `fromDay` to `toDay` inclusive ('YYYY-MM-DD'), by day. */
export async function getDailyTotals(code: string, fromDay: string, toDay: string): Promise<DailyTotal[]> {
  return dailyTotals(await getDb(), { from: fromDay, to: toDay, code });
}

/** Stock as the sum of every recorded movement: for the consistency check against product.stock. */
export async function recomputeStock(code: string): Promise<number> {
  const db = await getDb();
  const tx = db.transaction(['movements', 'movementBlocks'], 'readonly');
  const movements = await productMovements(tx, code);
  return movements.reduce((sum, m) => sum + m.quantity, 0);
}
