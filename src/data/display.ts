/**
 * What the customer display reads and the little it writes.
 *
 * Reads: the products of its loop (the owner's or rep's plan for today, else
 * the new products), a scanned product with its brand's and its price band's
 * other products, the open sale, the legal notices' wording. A customer's scan
 * at the display is a look-up and must never reach a basket, a delivery, a
 * count or the stock: the only store the display writes is `interest`
 * (countInterest), a count per product and day with nothing about who scanned.
 *
 * The owner's side (saving the plan and the notices, reading the interest) is
 * here too, behind canDo('arrange-display') and canDo('view-report').
 */
import type { Product } from '../domain/product.ts';
import { localDay } from '../domain/product.ts';
import { checkDisplayPlan, codesShownOn, type DisplayPlan } from '../domain/display-plan.ts';
import { checkLegalNotices, DEFAULT_LEGAL_NOTICE_SETTINGS, isTobaccoCategory, type LegalNoticeSettings } from '../domain/legal-notices.ts';
import { priceBandOf } from '../domain/report/bands.ts';
import type { DayRange } from '../domain/report/periods.ts';
import type { ProductInterest } from '../domain/feedback.ts';
import { lookupBarcode } from './barcodes.ts';
import { getDb, inTransaction } from './db.ts';
import { getPriceBands } from './report.ts';
import { appendAuditIn } from './audit.ts';
import { requireRole } from './roles.ts';
import { announceDisplayChanged } from './display-signal.ts';
import type { SaleSession } from './schema.ts';
import { getOpenSession, getSession } from './sessions.ts';

/** What a customer may see of a product: never its stock or cost. */
export interface DisplayProduct {
  code: string;
  name: string;
  brand?: string;
  category?: string;
  priceCents: number;
  brandStory?: string;
  specs?: string;
  /** Its category is tobacco: the legal notices stay on while it is shown. */
  tobacco: boolean;
}

function forCustomer(p: Product): DisplayProduct {
  const shown: DisplayProduct = { code: p.code, name: p.name, priceCents: p.priceCents, tobacco: isTobaccoCategory(p.category) };
  if (p.brand) shown.brand = p.brand;
  if (p.category) shown.category = p.category;
  if (p.brandStory) shown.brandStory = p.brandStory;
  if (p.specs) shown.specs = p.specs;
  return shown;
}

async function allProducts(): Promise<Product[]> {
  const db = await getDb();
  return db.getAllFromIndex('products', 'by-name');
}

const PLAN_KEY = 'display-plan';
const NOTICES_KEY = 'legal-notices';

/** The owner's or rep's plan; undefined when none was ever saved (the loop shows the new products). */
export async function getDisplayPlan(): Promise<DisplayPlan | undefined> {
  const db = await getDb();
  const stored = await db.get('settings', PLAN_KEY);
  if (!stored || stored.key !== PLAN_KEY) return undefined;
  return { entries: stored.entries };
}

/** Save the plan whole (owner or rep). Throws DisplayPlanError and saves nothing when it is wrong. */
export async function putDisplayPlan(plan: DisplayPlan, now: number = Date.now()): Promise<DisplayPlan> {
  const audit = requireRole('arrange-display');
  const checked = checkDisplayPlan(plan);
  await inTransaction(['settings', 'audit'], 'readwrite', async (tx) => {
    await Promise.all([
      tx.objectStore('settings').put({ key: PLAN_KEY, entries: checked.entries, updatedAt: now }),
      appendAuditIn(tx.objectStore('audit'), { ...audit, detail: `display plan: ${checked.entries.length} products` }),
    ]);
  });
  announceDisplayChanged();
  return checked;
}

/**
 * The loop's products on local day `today`: the plan's products shown that day,
 * in its order (products gone or discontinued left out); with no plan saved,
 * the new products (新品) still sold, by name.
 */
export async function listDisplayProducts(today: string = localDay(Date.now())): Promise<DisplayProduct[]> {
  const [plan, products] = await Promise.all([getDisplayPlan(), allProducts()]);
  if (!plan) return products.filter((p) => p.isNew && !p.discontinued).map(forCustomer);
  const byCode = new Map(products.map((p) => [p.code, p]));
  return codesShownOn(plan, today).flatMap((code) => {
    const p = byCode.get(code);
    return p && !p.discontinued ? [forCustomer(p)] : [];
  });
}

/** The new products (新品) still sold, by name: what the owner picks the plan from first. */
export async function listNewProducts(): Promise<DisplayProduct[]> {
  return (await allProducts()).filter((p) => p.isNew && !p.discontinued).map(forCustomer);
}

export interface DisplayLookup {
  product: DisplayProduct;
  /** Other products of the same brand, by name, at most `limit`. */
  sameBrand: DisplayProduct[];
  /** Other brands' products in the same price band (the report's bands), by name, at most `limit`. */
  samePriceBand: DisplayProduct[];
}

/** A scanned code as the customer sees it; undefined when the shop does not sell it. */
export async function lookUpForDisplay(code: string, limit = 6): Promise<DisplayLookup | undefined> {
  const found = await lookupBarcode(code);
  if (!found) return undefined;
  const { product } = found;
  const [products, bands] = await Promise.all([allProducts(), getPriceBands()]);
  const others = products.filter((p) => p.code !== product.code && !p.discontinued);
  const sameBrand = product.brand ? others.filter((p) => p.brand === product.brand) : [];
  const band = priceBandOf(product, bands).key;
  const samePriceBand = others.filter((p) => p.brand !== product.brand && priceBandOf(p, bands).key === band);
  return {
    product: forCustomer(product),
    sameBrand: sameBrand.slice(0, limit).map(forCustomer),
    samePriceBand: samePriceBand.slice(0, limit).map(forCustomer),
  };
}

/**
 * Count one display-scanner look-up of `code` as interest on the local day of
 * `at`: the product the code is (a carton counts for its pack product), one
 * more. Nothing about the customer is kept; unknown codes are not counted.
 */
export async function countInterest(code: string, at: number = Date.now()): Promise<void> {
  const found = await lookupBarcode(code);
  if (!found) return;
  const key: [string, string] = [found.product.code, localDay(at)];
  await inTransaction(['interest'], 'readwrite', async (tx) => {
    const store = tx.objectStore('interest');
    const current = await store.get(key);
    await store.put({ code: key[0], day: key[1], scans: (current?.scans ?? 0) + 1 });
  });
}

export type InterestRow = ProductInterest;

/** Display look-ups per product over `range` (local days, inclusive), most first. Owner's (canDo('view-report')). */
export async function getInterest(range: DayRange, limit = 10): Promise<InterestRow[]> {
  requireRole('view-report');
  const db = await getDb();
  const counts = await db.getAllFromIndex('interest', 'by-day', IDBKeyRange.bound(range.from, range.to));
  const byCode = new Map<string, number>();
  for (const c of counts) byCode.set(c.code, (byCode.get(c.code) ?? 0) + c.scans);
  const rows = await Promise.all(
    [...byCode].map(async ([code, scans]) => ({ code, scans, name: (await db.get('products', code))?.name ?? code })),
  );
  return rows.sort((a, b) => b.scans - a.scans || a.name.localeCompare(b.name)).slice(0, limit);
}

/** The notices' wording and switch as saved, or the law's words. */
export async function getLegalNotices(): Promise<LegalNoticeSettings> {
  const db = await getDb();
  const stored = await db.get('settings', NOTICES_KEY);
  if (!stored || stored.key !== NOTICES_KEY) return DEFAULT_LEGAL_NOTICE_SETTINGS;
  return { lines: stored.lines, offWithoutTobacco: stored.offWithoutTobacco };
}

/** Save the notices (owner or rep). Throws LegalNoticeError (e.g. no wording at all) and saves nothing. */
export async function putLegalNotices(settings: LegalNoticeSettings, now: number = Date.now()): Promise<LegalNoticeSettings> {
  const audit = requireRole('arrange-display');
  const checked = checkLegalNotices(settings);
  await inTransaction(['settings', 'audit'], 'readwrite', async (tx) => {
    await Promise.all([
      tx.objectStore('settings').put({ key: NOTICES_KEY, ...checked, updatedAt: now }),
      appendAuditIn(tx.objectStore('audit'), { ...audit, detail: 'legal notices' }),
    ]);
  });
  announceDisplayChanged();
  return checked;
}

/** The open sale, if any (the counter writes it; the display only reads). */
export function getOpenSaleForDisplay(): Promise<SaleSession | undefined> {
  return getOpenSession('sale');
}

export async function getSaleForDisplay(sessionId: string): Promise<SaleSession | undefined> {
  const session = await getSession(sessionId);
  return session?.kind === 'sale' ? session : undefined;
}

/** Whether any of these products (a sale's lines) is tobacco; unknown codes count as tobacco (the safe side). */
export async function anyTobacco(codes: readonly string[]): Promise<boolean> {
  if (codes.length === 0) return false;
  const db = await getDb();
  const products = await Promise.all(codes.map((c) => db.get('products', c)));
  return products.some((p) => !p || isTobaccoCategory(p.category));
}
