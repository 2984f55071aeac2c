/**
 * Stocktake (盘点): counting the shop shelf by shelf and correcting the book.
 *
 * The shop's rules:
 *
 * 1. Counts are in packs. Each entry records the product, the packs counted, the
 *    book stock at the moment the count was entered (bookAtCount), the shelf
 *    (optional) and a sequence number. Entries are ordered by seq, never by the
 *    wall clock (the Pi has no real-time clock).
 * 2. One entry per (product, shelf). Counting the same product on the same shelf
 *    again is a recount and REPLACES the earlier entry. A product standing on two
 *    shelves gets one entry per shelf and its counted total is their SUM. Entries
 *    without a shelf share one "no shelf" slot.
 * 3. The book stock a product is compared with is the bookAtCount of its LATEST
 *    entry (highest seq among the entries that still stand).
 * 4. The difference is fixed when the count is entered: counted − book. The shop
 *    keeps selling and receiving during a stocktake; a sale recorded after a
 *    product was counted reduces stock normally and is neither "found" nor "lost"
 *    by the stocktake, because the closing adjustment for the product is exactly
 *    that difference, added to whatever the stock is at closing.
 *    Known limit of rule 3: if a product is on two shelves and a pack is sold
 *    from the shelf already counted before the second shelf is counted, that
 *    pack shows as a difference. Count a product's shelves one after the other,
 *    or recount the first shelf (which makes its entry the latest again).
 * 5. Error rate = Σ|counted − book| / Σ counted over the products counted. The
 *    supplier's standard is a rate of at most 10%. Nothing counted → no rate
 *    (null, 'nothing-counted'). Everything counted as 0: a rate of 0 when the
 *    book also said 0, otherwise no rate (null, 'nothing-found'); neither is
 *    within the standard except the exact 0/0 match of counted products.
 * 6. Products expected but not counted are listed at closing and NEVER zeroed:
 *    a shelf skipped by mistake must not wipe out real stock.
 */
import { MAX_OPENING_STOCK } from './product.ts';
import { validatePacksPerCarton } from './units.ts';

/** Most packs one count may be: the same bound as opening stock. */
export const MAX_COUNT = MAX_OPENING_STOCK;
/** The supplier's standard: book within 10% of real stock, as a fraction. */
export const STANDARD_ERROR_RATE = 0.1;

export interface CountEntry {
  productCode: string;
  /** Packs counted on this shelf. */
  counted: number;
  /** Book stock (packs) when the count was entered; may be negative. */
  bookAtCount: number;
  shelf?: string;
  /** Recording order within the session, assigned by addCount(). */
  seq: number;
}

export type NewCountEntry = Omit<CountEntry, 'seq'>;

export interface StocktakeSession {
  /** The entries that stand, in seq order (replaced recounts are gone). */
  readonly entries: readonly CountEntry[];
  readonly nextSeq: number;
}

export type CountEntryError = 'missing-product' | 'bad-count' | 'count-too-large' | 'bad-book';

export type AddCountResult =
  | { ok: true; session: StocktakeSession; entry: CountEntry; /** The recount this entry replaced. */ replaced?: CountEntry }
  | { ok: false; error: CountEntryError };

export function newStocktake(): StocktakeSession {
  return { entries: [], nextSeq: 1 };
}

/** Rebuild a session from stored entries (any order); the next seq follows the highest. */
export function restoreStocktake(entries: readonly CountEntry[]): StocktakeSession {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  let session = newStocktake();
  for (const e of sorted) {
    const others = session.entries.filter((x) => !sameSlot(x, e));
    session = { entries: [...others, e], nextSeq: Math.max(session.nextSeq, e.seq + 1) };
  }
  return session;
}

function shelfKey(shelf: string | undefined): string {
  return (shelf ?? '').trim();
}

function sameSlot(a: { productCode: string; shelf?: string | undefined }, b: { productCode: string; shelf?: string | undefined }): boolean {
  return a.productCode === b.productCode && shelfKey(a.shelf) === shelfKey(b.shelf);
}

/** Record a count (rule 2: replaces an earlier count of the same product on the same shelf). */
export function addCount(session: StocktakeSession, entry: NewCountEntry): AddCountResult {
  if (entry.productCode.length === 0) return { ok: false, error: 'missing-product' };
  if (!Number.isSafeInteger(entry.counted) || entry.counted < 0) return { ok: false, error: 'bad-count' };
  if (entry.counted > MAX_COUNT) return { ok: false, error: 'count-too-large' };
  if (!Number.isSafeInteger(entry.bookAtCount)) return { ok: false, error: 'bad-book' };

  const shelf = shelfKey(entry.shelf);
  const stored: CountEntry = {
    productCode: entry.productCode,
    counted: entry.counted,
    bookAtCount: entry.bookAtCount,
    ...(shelf.length > 0 ? { shelf } : {}),
    seq: session.nextSeq,
  };
  const replaced = session.entries.find((e) => sameSlot(e, stored));
  const entries = [...session.entries.filter((e) => e !== replaced), stored];
  const next: StocktakeSession = { entries, nextSeq: session.nextSeq + 1 };
  return replaced ? { ok: true, session: next, entry: stored, replaced } : { ok: true, session: next, entry: stored };
}

/** Take back a count entered by mistake. Returns the session unchanged if there is none. */
export function removeCount(session: StocktakeSession, productCode: string, shelf?: string): StocktakeSession {
  const entries = session.entries.filter((e) => !sameSlot(e, { productCode, shelf }));
  return entries.length === session.entries.length ? session : { ...session, entries };
}

export interface ProductCount {
  productCode: string;
  /** Sum over shelves. */
  counted: number;
  /** bookAtCount of the latest entry (rule 3). */
  book: number;
  shelves: string[];
}

/** A product's standing count, or undefined if it has not been counted. */
export function productCount(session: StocktakeSession, productCode: string): ProductCount | undefined {
  return countsByProduct(session).get(productCode);
}

/** Standing counts per product, in the order products were first counted. */
export function countsByProduct(session: StocktakeSession): Map<string, ProductCount> {
  const result = new Map<string, ProductCount & { latestSeq: number }>();
  for (const e of session.entries) {
    const c = result.get(e.productCode);
    if (!c) {
      result.set(e.productCode, {
        productCode: e.productCode,
        counted: e.counted,
        book: e.bookAtCount,
        shelves: [shelfKey(e.shelf)],
        latestSeq: e.seq,
      });
      continue;
    }
    c.counted += e.counted;
    c.shelves.push(shelfKey(e.shelf));
    if (e.seq > c.latestSeq) {
      c.latestSeq = e.seq;
      c.book = e.bookAtCount;
    }
  }
  const out = new Map<string, ProductCount>();
  for (const [code, { latestSeq: _latest, ...count }] of result) out.set(code, count);
  return out;
}

/** How many of the expected products have been counted (each product once). */
export function progress(session: StocktakeSession, expectedProductCodes: Iterable<string>): { counted: number; expected: number } {
  const expected = new Set(expectedProductCodes);
  const counted = new Set(session.entries.map((e) => e.productCode));
  let n = 0;
  for (const code of expected) if (counted.has(code)) n++;
  return { counted: n, expected: expected.size };
}

export interface StocktakeLine {
  productCode: string;
  book: number;
  counted: number;
  /** counted − book: positive found, negative missing. */
  difference: number;
}

export interface StocktakeResult {
  /** Every counted product, in the order first counted. */
  lines: StocktakeLine[];
  /** Σ|difference| / Σcounted, or null when it cannot be computed (see noRateReason). */
  errorRate: number | null;
  /** The exact fraction behind errorRate, for showing "4 / 62" and for exact comparison. */
  errorPacks: number;
  countedPacks: number;
  noRateReason?: 'nothing-counted' | 'nothing-found';
  /** errorRate ≤ 10%, compared exactly in integers. */
  withinStandard: boolean;
  /** Expected products with no count: listed, never zeroed. */
  notCounted: { productCode: string; name: string; book: number }[];
  /** One per product whose difference is not 0: add `quantity` packs to its stock. */
  adjustments: { productCode: string; quantity: number }[];
}

/** Close the stocktake: differences, error rate, what was missed, and the corrections to write. */
export function closeStocktake(
  session: StocktakeSession,
  expected: readonly { code: string; name: string; book: number }[],
): StocktakeResult {
  const counts = countsByProduct(session);
  const lines: StocktakeLine[] = [];
  let errorPacks = 0;
  let countedPacks = 0;
  for (const c of counts.values()) {
    const difference = c.counted - c.book;
    lines.push({ productCode: c.productCode, book: c.book, counted: c.counted, difference });
    errorPacks += Math.abs(difference);
    countedPacks += c.counted;
  }

  let errorRate: number | null;
  let noRateReason: StocktakeResult['noRateReason'];
  let withinStandard: boolean;
  if (lines.length === 0) {
    errorRate = null;
    noRateReason = 'nothing-counted';
    withinStandard = false;
  } else if (countedPacks === 0) {
    errorRate = errorPacks === 0 ? 0 : null;
    if (errorPacks !== 0) noRateReason = 'nothing-found';
    withinStandard = errorPacks === 0;
  } else {
    errorRate = errorPacks / countedPacks;
    // 10 × error ≤ counted: exact, where 0.1 as a float is not.
    withinStandard = errorPacks * 10 <= countedPacks;
  }

  const seen = new Set<string>();
  const notCounted: StocktakeResult['notCounted'] = [];
  for (const p of expected) {
    if (counts.has(p.code) || seen.has(p.code)) continue;
    seen.add(p.code);
    notCounted.push({ productCode: p.code, name: p.name, book: p.book });
  }

  const adjustments = lines.filter((l) => l.difference !== 0).map((l) => ({ productCode: l.productCode, quantity: l.difference }));
  const result: StocktakeResult = { lines, errorRate, errorPacks, countedPacks, withinStandard, notCounted, adjustments };
  if (noRateReason) result.noRateReason = noRateReason;
  return result;
}

export type CountInputError = 'empty' | 'not-a-number' | 'not-integer' | 'negative' | 'too-large' | 'no-carton-size';

export type CountInput = { ok: true; packs: number } | { ok: false; reason: CountInputError };

// Full-width digits and spaces come from Chinese input methods.
const FULL_WIDTH_DIGITS = /[\uff10-\uff19]/g;
// "12", "12盒", "3条", "3条2盒", "3条2" (packs after a carton need no unit); 包 is a pack too.
// In English the unit buttons write "3 ctn 2 pk"; "carton(s)", "pack(s)", "c" and "p" read too.
const COUNT_PATTERN = /^(?:(?<cartons>\d+)(?:条|ctn|cartons?|c))?(?:(?<packs>\d+)(?:[盒包]|pk|packs?|p)?)?$/i;

/**
 * Read a count typed by a person into packs. Accepts "12", "12盒", "3条2盒",
 * "3 条 2 盒", "3条" (needs packsPerCarton), "3 ctn 2 pk", full-width digits. Rejects letters,
 * decimals, negatives and more than MAX_COUNT packs, each with its reason.
 */
export function parseCountInput(text: string, packsPerCarton?: number): CountInput {
  const t = text.replace(FULL_WIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000]+/g, '');
  if (t.length === 0) return { ok: false, reason: 'empty' };
  if (/^[-－]/.test(t)) return { ok: false, reason: 'negative' };
  if (/^\d*[.．。]\d*$/.test(t) || /\d[.．。]\d/.test(t)) return { ok: false, reason: 'not-integer' };
  const match = COUNT_PATTERN.exec(t);
  const cartonsText = match?.groups?.cartons;
  const packsText = match?.groups?.packs;
  // A bare unit ("盒", "条") has no number at all.
  if (!match || (cartonsText === undefined && packsText === undefined)) return { ok: false, reason: 'not-a-number' };
  // Seven digits already exceed MAX_COUNT; checking length first keeps huge inputs exact.
  if ((cartonsText?.length ?? 0) > 7 || (packsText?.length ?? 0) > 7) return { ok: false, reason: 'too-large' };
  let packs = Number(packsText ?? '0');
  if (cartonsText !== undefined) {
    if (packsPerCarton === undefined || validatePacksPerCarton(packsPerCarton) !== undefined) {
      return { ok: false, reason: 'no-carton-size' };
    }
    packs += Number(cartonsText) * packsPerCarton;
  }
  if (packs > MAX_COUNT) return { ok: false, reason: 'too-large' };
  return { ok: true, packs };
}
