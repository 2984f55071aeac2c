/**
 * The supplier's board on the terminal (issue 15), the page's side. The
 * items themselves are kept and verified by the terminal service
 * (device/board.ts, `GET /board`, src/data/board-service.ts); here is what
 * the owner did with them: opened (read), accepted a new product into the
 * customer display's loop, applied an item's quotas to the order screen's.
 * Every bundle the terminal signs carries the acknowledgements (`boardAcks`)
 * back to the collector.
 */
import type { BoardItem } from '../domain/board-item.ts';
import { localDay, type Product } from '../domain/product.ts';
import { addDays, dayIndex, weekdayOf } from '../domain/reorder/calendar.ts';
import { getDb, inTransaction } from './db.ts';
import { appendAuditIn } from './audit.ts';
import { getDisplayPlan, listNewProducts, putDisplayPlan } from './display.ts';
import { importPicture, getPicture } from './pictures.ts';
import { getProduct, putProduct } from './products.ts';
import { orderUnitOf, putQuota } from './reorder.ts';
import { requireRole } from './roles.ts';
import type { BoardRead, StoredQuota } from './schema.ts';
import { districtOf, handToOutbox, makeVisitBundle, type OutboxHandOver } from './visit-bundle.ts';
import type { OutboxService } from './outbox.ts';
import { fromBase64 } from '../domain/base64.ts';

export type { BoardRead } from './schema.ts';

/** What the owner has done with each item, by item id. */
export async function getBoardReads(): Promise<Map<string, BoardRead>> {
  const db = await getDb();
  return new Map((await db.getAll('boardReads')).map((r) => [r.itemId, r]));
}

/** The owner opened these items: each is read from now on (the first day it was opened is kept). */
export async function markBoardItemsRead(ids: readonly string[], now: number = Date.now()): Promise<void> {
  requireRole('read-board');
  await inTransaction(['boardReads'], 'readwrite', async (tx) => {
    const store = tx.objectStore('boardReads');
    for (const itemId of ids) {
      if (!(await store.get(itemId))) await store.put({ itemId, seenOn: localDay(now), readAt: now });
    }
  });
}

async function noteOnRead(itemId: string, change: Partial<BoardRead>, now: number): Promise<void> {
  await inTransaction(['boardReads'], 'readwrite', async (tx) => {
    const store = tx.objectStore('boardReads');
    const read = (await store.get(itemId)) ?? { itemId, seenOn: localDay(now), readAt: now };
    await store.put({ ...read, ...change });
  });
}

export type AcceptOutcome = { status: 'accepted'; product: Product; pictureAdded: boolean } | { status: 'unknown-product'; code: string };

/**
 * 加入展示: a promoted new product joins the customer display's loop from
 * today. A product the shop does not sell yet is not added: the owner
 * registers it first (the register form, filled from the item) and accepts
 * again. With no plan saved the loop showed the new products (新品); the plan
 * made now keeps them and adds this one, so accepting never empties the loop.
 */
export async function acceptBoardProduct(item: BoardItem, now: number = Date.now()): Promise<AcceptOutcome> {
  requireRole('arrange-display');
  if (item.kind !== 'new-product' || !item.product) throw new RangeError('only a new-product item with its product can be accepted');
  const code = item.product.code;
  let product = await getProduct(code);
  if (!product) return { status: 'unknown-product', code };
  const saved = await getDisplayPlan();
  const plan = saved ?? { entries: (await listNewProducts()).map((p) => ({ code: p.code })) };
  if (!saved || !plan.entries.some((e) => e.code === code)) {
    const entries = plan.entries.filter((e) => e.code !== code);
    await putDisplayPlan({ entries: [...entries, { code, from: localDay(now) }] }, now);
  }
  if (!product.isNew) product = await putProduct({ ...product, isNew: true }, now);
  let pictureAdded = false;
  if (item.picture && !(await getPicture(code))) {
    const bytes = fromBase64(item.picture.base64);
    try {
      await importPicture(code, new Blob([bytes], { type: item.picture.mediaType }), now);
      pictureAdded = true;
    } catch (error) {
      // A picture the browser cannot decode leaves the product in the loop without one.
      console.warn(`board: the picture of ${code} was not kept`, error);
    }
  }
  await noteOnRead(item.id, { acceptedAt: now }, now);
  return { status: 'accepted', product, pictureAdded };
}

export interface QuotaChange {
  code: string;
  name: string;
  /** The quota before (undefined: none), in order units. */
  before?: Pick<StoredQuota, 'units' | 'periodStart' | 'periodEnd'>;
  after: Pick<StoredQuota, 'units' | 'periodStart' | 'periodEnd'>;
  packsPerWeek: number;
}

export interface QuotaUpdate {
  changed: QuotaChange[];
  /** Quotas for products the shop does not sell: not written. */
  unknown: { code: string; name: string }[];
}

/** Monday to Sunday of the week of `day`. */
export function weekOf(day: string): { periodStart: string; periodEnd: string } {
  const back = (weekdayOf(dayIndex(day)) + 6) % 7;
  const periodStart = addDays(day, -back);
  return { periodStart, periodEnd: addDays(periodStart, 6) };
}

/**
 * The supply item's per-shop quotas written as the order screen's quotas for
 * this week (Monday to Sunday), packs turned into whole order units (cartons,
 * rounded down: a quota never allows more than the supplier said). Answers
 * what changed, for the owner to see.
 */
export async function applyBoardQuotas(item: BoardItem, now: number = Date.now()): Promise<QuotaUpdate> {
  const audit = requireRole('settings');
  const week = weekOf(localDay(now));
  const db = await getDb();
  const update: QuotaUpdate = { changed: [], unknown: [] };
  for (const q of item.quotas) {
    const product = await getProduct(q.productCode);
    if (!product) {
      update.unknown.push({ code: q.productCode, name: q.productName });
      continue;
    }
    const old = await db.get('quotas', product.code);
    const after = { units: Math.floor(q.packsPerWeek / orderUnitOf(product)), ...week };
    await putQuota({ code: product.code, ...after }, now);
    update.changed.push({
      code: product.code,
      name: product.name,
      ...(old ? { before: { units: old.units, periodStart: old.periodStart, periodEnd: old.periodEnd } } : {}),
      after,
      packsPerWeek: q.packsPerWeek,
    });
  }
  await inTransaction(['boardReads', 'audit'], 'readwrite', async (tx) => {
    const store = tx.objectStore('boardReads');
    const read = (await store.get(item.id)) ?? { itemId: item.id, seenOn: localDay(now), readAt: now };
    await Promise.all([
      store.put({ ...read, quotasAppliedAt: now }),
      appendAuditIn(tx.objectStore('audit'), {
        ...audit,
        detail: `board quotas from item ${item.serial}: ${update.changed.length} applied`,
      }),
    ]);
  });
  return update;
}

/**
 * 发送回执: the owner's acknowledgements go to the collector now rather than
 * with the next visit's bundle: a signed bundle of today (today's figures, as
 * any bundle of the day; no visit) handed to the service's outbox.
 */
export async function sendBoardReceipts(outbox: OutboxService, now: number = Date.now()): Promise<OutboxHandOver> {
  requireRole('read-board');
  const today = localDay(now);
  return handToOutbox(
    outbox,
    await makeVisitBundle({ period: { from: today, to: today }, visit: null, district: await districtOf(outbox), now }),
  );
}
