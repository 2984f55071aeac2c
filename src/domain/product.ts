/**
 * Products, prices and stock movements: pure types and rules shared by the data
 * layer and the screens. No DOM, no IndexedDB.
 *
 * Money is integer cents (分) everywhere; prices typed by people are parsed as
 * digit strings so "0.1" is exactly 10 cents, never 0.1 × 100.
 */
import { MAX_CODE_LENGTH } from './barcode.ts';
import { validatePacksPerCarton } from './units.ts';

/** What one scan of a barcode is: a pack, or a carton (条) of packs with its own barcode. */
export type StockUnit = 'pack' | 'carton';

export const STOCK_UNITS: readonly StockUnit[] = ['pack', 'carton'];

export interface Product {
  /** Product key from readCode(): GTIN-14 or cleaned text. */
  code: string;
  name: string;
  /** Integer cents (分). */
  priceCents: number;
  /** What one scan of this barcode is. */
  unit: StockUnit;
  /**
   * Current stock in `unit`s (packs for every product since issue 3; cartons only
   * for a v1 product registered as 'carton'), kept in step with the movements:
   * never set directly.
   */
  stock: number;
  createdAt: number;
  updatedAt: number;
  /** Packs in one carton (条) or case; stock is shown as cartons + packs when set. */
  packsPerCarton?: number;
  /** The carton's own barcode key; one scan of it is packsPerCarton packs. */
  cartonCode?: string;
  /** Price of one carton scan when it is not simply packsPerCarton × priceCents. */
  cartonPriceCents?: number;
  brand?: string;
  category?: string;
  /** Cost (wholesale) price of one pack, integer cents; deliveries are valued with it. */
  costCents?: number;
  /** The supplier marks it as a new product (新品). */
  isNew?: boolean;
  /** Wall-clock ms of the last stocktake that counted it (for people, not for ordering). */
  lastCountedAt?: number;
  /** The supplier's smallest order, in order units (cartons/cases); the reorder engine never suggests fewer. */
  minOrderUnits?: number;
  /** No longer supplied or sold on: the reorder engine orders none. */
  discontinued?: boolean;
  /** 品牌故事: a few sentences the customer display shows with the product (at most MAX_BRAND_STORY_CHARS). */
  brandStory?: string;
  /** 规格: specifications as printed for customers, e.g. "焦油量 10mg · 20支/盒" (at most MAX_SPECS_CHARS). */
  specs?: string;
}

export const MAX_BRAND_STORY_CHARS = 300;
export const MAX_SPECS_CHARS = 120;

/** A display text as stored: trimmed, undefined when blank, cut at `max` characters (whole characters, not UTF-16 units). */
export function displayText(value: string | undefined, max: number): string | undefined {
  const t = (value ?? '').trim();
  if (t.length === 0) return undefined;
  const chars = [...t];
  return chars.length > max ? chars.slice(0, max).join('') : t;
}

export interface NewProduct {
  code: string;
  name: string;
  priceCents: number;
  unit: StockUnit;
  /** Packs or cartons on the shelf at registration; written as an 'opening' movement. */
  openingStock?: number;
  /** Optional carton size; with cartonCode it adds the carton barcode ×packsPerCarton. */
  packsPerCarton?: number;
  /** Optional carton barcode key (from readCode()); needs packsPerCarton. */
  cartonCode?: string;
}

/**
 * Whether a product answers to what the owner typed (already trimmed and lower
 * case): part of its name, its code or carton code (digits as scanned or
 * GTIN-14), or its brand. Every product search in the app uses this rule.
 */
export function matchesProductSearch(p: Pick<Product, 'name' | 'code' | 'cartonCode' | 'brand'>, needle: string): boolean {
  return (
    p.name.toLowerCase().includes(needle) ||
    p.code.toLowerCase().includes(needle) ||
    (p.cartonCode?.toLowerCase().includes(needle) ?? false) ||
    (p.brand?.toLowerCase().includes(needle) ?? false)
  );
}

export const MAX_NAME_LENGTH = 60;
/** ¥100,000: above this a price is a typing mistake, not a product. */
export const MAX_PRICE_CENTS = 10_000_000;
export const MAX_OPENING_STOCK = 100_000;

export type ProductField = 'code' | 'name' | 'unit' | 'priceCents' | 'openingStock' | 'packsPerCarton' | 'cartonCode' | 'minOrderUnits';
export type ProductFieldError = 'required' | 'too-long' | 'not-integer' | 'negative' | 'too-large';
export type ProductErrors = Partial<Record<ProductField, ProductFieldError>>;

export type ProductValidation = { ok: true; product: NewProduct } | { ok: false; errors: ProductErrors };

/**
 * Check a product typed at the counter. Fields may be missing or NaN (an empty or
 * unparsable input); each bad field gets one error for the form to show beside it.
 * The returned product has its name trimmed and openingStock filled in (0 when absent).
 */
export function validateNewProduct(input: {
  code?: string | undefined;
  name?: string | undefined;
  priceCents?: number | undefined;
  unit?: StockUnit | undefined;
  openingStock?: number | undefined;
  packsPerCarton?: number | undefined;
  cartonCode?: string | undefined;
}): ProductValidation {
  const errors: ProductErrors = {};

  const code = (input.code ?? '').trim();
  if (code.length === 0) errors.code = 'required';
  else if (code.length > MAX_CODE_LENGTH) errors.code = 'too-long';

  const name = (input.name ?? '').trim();
  const nameError = checkName(name);
  if (nameError) errors.name = nameError;

  if (input.unit === undefined || !STOCK_UNITS.includes(input.unit)) errors.unit = 'required';

  const priceError = checkPriceCents(input.priceCents);
  if (priceError) errors.priceCents = priceError;

  const openingStock = input.openingStock ?? 0;
  const stockError = checkCount(openingStock, MAX_OPENING_STOCK);
  if (stockError) errors.openingStock = stockError;

  // Carton fields are optional: absent means the product has no carton barcode.
  const cartonCode = input.cartonCode?.trim() || undefined;
  if (input.packsPerCarton !== undefined) {
    const sizeError = validatePacksPerCarton(input.packsPerCarton);
    if (sizeError) errors.packsPerCarton = sizeError === 'too-small' ? 'required' : sizeError;
  } else if (cartonCode !== undefined) {
    // How many packs one scan of the carton is cannot be guessed.
    errors.packsPerCarton = 'required';
  }
  if (cartonCode !== undefined && (cartonCode.length > MAX_CODE_LENGTH || cartonCode === code)) {
    errors.cartonCode = cartonCode.length > MAX_CODE_LENGTH ? 'too-long' : 'required';
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const product: NewProduct = { code, name, priceCents: input.priceCents!, unit: input.unit!, openingStock };
  if (input.packsPerCarton !== undefined) product.packsPerCarton = input.packsPerCarton;
  if (cartonCode !== undefined) product.cartonCode = cartonCode;
  return { ok: true, product };
}

/** Name: 1–60 characters after trimming (counted in code points, so 中文 is 2). */
export function checkName(name: string): ProductFieldError | undefined {
  const length = [...name.trim()].length;
  if (length === 0) return 'required';
  if (length > MAX_NAME_LENGTH) return 'too-long';
  return undefined;
}

/** Price: integer cents, 0 < p ≤ MAX_PRICE_CENTS. A price of 0 counts as not entered. */
export function checkPriceCents(cents: number | undefined): ProductFieldError | undefined {
  if (cents === undefined || Number.isNaN(cents) || cents === 0) return 'required';
  if (!Number.isInteger(cents)) return 'not-integer';
  if (cents < 0) return 'negative';
  if (cents > MAX_PRICE_CENTS) return 'too-large';
  return undefined;
}

/** The most order units a minimum order may be: the most one order line may hold (MAX_ORDER_UNITS). */
export const MAX_MIN_ORDER_UNITS = 10_000;

/**
 * A minimum order (起订量) in order units, as order lines count them (cartons or
 * cases; single packs for a product without a carton size): a whole number
 * 1–MAX_MIN_ORDER_UNITS. No minimum is undefined, never 0.
 */
export function checkMinOrderUnits(units: number): ProductFieldError | undefined {
  if (units === 0) return 'required';
  return checkCount(units, MAX_MIN_ORDER_UNITS);
}

function checkCount(count: number, max: number): ProductFieldError | undefined {
  if (Number.isNaN(count)) return 'required';
  if (!Number.isInteger(count)) return 'not-integer';
  if (count < 0) return 'negative';
  if (count > max) return 'too-large';
  return undefined;
}

// Full-width forms come from Chinese input methods: "１２．５０".
const FULL_WIDTH = /[\uff10-\uff19\uff0e\uff0c]/g;
// Optional ¥/￥ before, optional 元 after; thousands separators only in groups of three.
const PRICE_PATTERN = /^[¥￥]?\s*(?<int>\d{1,3}(?:,\d{3})+|\d*)(?:\.(?<frac>\d{0,2}))?\s*元?$/;

/**
 * Parse a price typed by a person into integer cents, or undefined if it is not a
 * plain non-negative amount with at most two decimals.
 *
 * Accepts "12", "12.5", "12.50", ".5", "¥12.50", "￥12.50", "12.50元",
 * "1,234.50" and full-width digits. Rejects "12,50": in China the comma only
 * groups thousands, so a decimal comma is a typing mistake, not 12.50.
 */
export function parsePriceToCents(text: string): number | undefined {
  const normalised = text.trim().replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const match = PRICE_PATTERN.exec(normalised);
  if (!match?.groups) return undefined;
  const int = (match.groups.int ?? '').replaceAll(',', '');
  const frac = match.groups.frac ?? '';
  if (int.length === 0 && frac.length === 0) return undefined;
  // Digits, not floats: "19.99" is 19 × 100 + 99.
  const cents = Number(int || '0') * 100 + Number(frac.padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : undefined;
}

/**
 * "¥12.50" for 1250 cents; "-¥3.00" for -300; thousands grouped per locale
 * (default zh-CN). Throws RangeError for a non-integer: cents are always integers,
 * so anything else is a bug to surface, not to round away.
 */
export function formatCents(cents: number, locale = 'zh-CN'): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`formatCents: ${cents} is not an integer number of cents`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const yuan = Math.trunc(abs / 100);
  const fen = abs % 100;
  const grouped = LATIN_COMMA_GROUPS.test(locale) ? groupByThousands(yuan) : yuanFormat(locale).format(yuan);
  return `${sign}¥${grouped}.${String(fen).padStart(2, '0')}`;
}

// Chinese and English both write plain Latin digits in groups of three with a
// comma (a test holds this against Intl), so the kiosk's two languages never
// build a formatter: the first Intl formatter of a page loads ICU's data, a
// 65–250 ms stall at 4× CPU (a Pi), paid at start by the sell screen's ¥0.00
// and again mid-sale when a total first reaches ¥1,000.
const LATIN_COMMA_GROUPS = /^(zh|en)(-|$)/;

function groupByThousands(whole: number): string {
  return String(whole).replace(/\B(?=(\d{3})+$)/g, ',');
}

// Building an Intl formatter costs far more than using one, and a screen
// formats dozens of prices per frame: keep one per locale.
const yuanFormats = new Map<string, Intl.NumberFormat>();

function yuanFormat(locale: string): Intl.NumberFormat {
  let format = yuanFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, useGrouping: true });
    yuanFormats.set(locale, format);
  }
  return format;
}

export type MovementKind = 'opening' | 'sale' | 'sale-reversal' | 'receipt' | 'stocktake' | 'adjustment';

/** Why the owner corrected stock by hand (调整). */
export type AdjustReason = 'damage' | 'loss' | 'own-use' | 'found' | 'correction';

export const ADJUST_REASONS: readonly AdjustReason[] = ['damage', 'loss', 'own-use', 'found', 'correction'];

export interface StockMovement {
  /** Recording order: assigned by the database, increasing, independent of the wall clock. */
  id?: number;
  code: string;
  kind: MovementKind;
  /** Signed, in the product's unit: a sale of 2 packs is -2. */
  quantity: number;
  /** Wall-clock ms, for people. */
  at: number;
  /** 'YYYY-MM-DD' local day the movement counts for. */
  day: string;
  reason?: string;
  /** The scan this movement came from, if any. */
  scanId?: string;
  /** The sale, delivery or stocktake session that wrote it. */
  sessionId?: string;
  /** Free text the owner typed with an adjustment. */
  note?: string;
  /**
   * Sales and reversals: the money this movement took, integer cents, positive
   * for a sale and negative for a reversal (the basket's prices; the product's
   * price when recorded without a basket).
   */
  amountCents?: number;
  /**
   * Sales and reversals: the packs at the product's cost price when recorded,
   * signed like amountCents; absent when the product had no cost price then.
   */
  costCents?: number;
}

/** Sums of one product's movements on one day. */
export interface DailyTotal {
  code: string;
  day: string;
  /** Net packs/cartons sold: sales minus reversals. */
  sold: number;
  received: number;
  /** Opening stock, stocktake corrections and adjustments, signed. */
  adjusted: number;
  movements: number;
  /** Money taken: sales minus reversals, integer cents (the report's sales; absent: 0). */
  soldCents?: number;
  /** Cost of the packs sold whose cost price was known, integer cents. */
  soldCostCents?: number;
  /** Of soldCents, the money of packs sold without a cost price: never counted as zero cost. */
  uncostedCents?: number;
}

export type MovementError = 'not-integer' | 'wrong-sign' | 'bad-day';

/**
 * Which sign a movement's quantity must have, so a sale recorded as +1 (a
 * caller's mistake) cannot silently raise stock.
 */
export function checkMovement(m: Pick<StockMovement, 'kind' | 'quantity'> & { day?: string }): MovementError | undefined {
  if (!Number.isSafeInteger(m.quantity)) return 'not-integer';
  if (m.day !== undefined && !isDay(m.day)) return 'bad-day';
  const q = m.quantity;
  switch (m.kind) {
    case 'sale':
      return q < 0 ? undefined : 'wrong-sign';
    case 'sale-reversal':
    case 'receipt':
    case 'opening':
      return q > 0 ? undefined : 'wrong-sign';
    case 'stocktake':
      // A stocktake that finds the count right is still worth a line in the history.
      return undefined;
    case 'adjustment':
      return q !== 0 ? undefined : 'wrong-sign';
    default:
      return 'wrong-sign';
  }
}

/**
 * The money of a sale or reversal movement recorded without a basket: the
 * product's price (per unit of its stock) and, when it has one, its cost price.
 * Fills only what the movement does not carry already.
 */
export function withSaleMoney(m: StockMovement, product: Pick<Product, 'priceCents' | 'costCents'>): StockMovement {
  if (m.kind !== 'sale' && m.kind !== 'sale-reversal') return m;
  const packs = -m.quantity;
  const next: StockMovement = { ...m };
  next.amountCents ??= packs * product.priceCents;
  if (next.costCents === undefined && product.costCents !== undefined) next.costCents = packs * product.costCents;
  return next;
}

/** Add one movement to a day's total (a fresh total when `total` is undefined). */
export function addToDailyTotal(
  total: DailyTotal | undefined,
  m: Pick<StockMovement, 'code' | 'day' | 'kind' | 'quantity' | 'amountCents' | 'costCents'>,
): DailyTotal {
  const next: DailyTotal = total ? { ...total } : { code: m.code, day: m.day, sold: 0, received: 0, adjusted: 0, movements: 0 };
  switch (m.kind) {
    case 'sale':
    case 'sale-reversal':
      // A sale is negative stock, a reversal positive: both count as -quantity sold.
      next.sold += -m.quantity;
      if (m.amountCents !== undefined) {
        next.soldCents = (next.soldCents ?? 0) + m.amountCents;
        if (m.costCents !== undefined) next.soldCostCents = (next.soldCostCents ?? 0) + m.costCents;
        else next.uncostedCents = (next.uncostedCents ?? 0) + m.amountCents;
      }
      break;
    case 'receipt':
      next.received += m.quantity;
      break;
    case 'opening':
    case 'stocktake':
    case 'adjustment':
      next.adjusted += m.quantity;
      break;
  }
  next.movements += 1;
  return next;
}

export function isDay(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day);
}

/** The local calendar day of a wall-clock time, 'YYYY-MM-DD'. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  const y = String(d.getFullYear()).padStart(4, '0');
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

/**
 * The fields an owner may edit; a whole Product is accepted too (its stock is
 * ignored). An optional field present with the value undefined clears it; an
 * optional field absent keeps what is stored.
 */
export type ProductEdit = Pick<Product, 'code' | 'name' | 'priceCents' | 'unit'> & Partial<Pick<Product, EditableOptional>>;

export type EditableOptional =
  | 'packsPerCarton'
  | 'cartonCode'
  | 'cartonPriceCents'
  | 'brand'
  | 'category'
  | 'costCents'
  | 'isNew'
  | 'brandStory'
  | 'specs'
  | 'minOrderUnits'
  | 'discontinued';
