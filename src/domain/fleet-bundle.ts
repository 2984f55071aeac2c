/**
 * The fleet bundle: what one terminal tells the supplier's collector about one
 * period — daily rollups per product, the rep's visit, the board items the
 * owner has seen. Never raw scans, never anything about customers.
 *
 * Pure TS so that the terminal (issue 12, WebCrypto in the page) and the
 * collector (Node) validate and canonicalise the same way; signing itself is
 * done by each side with its own crypto API over `canonicalBundleBytes`.
 *
 * Wire form (a file on a USB stick, or the body of `POST /bundles`):
 *   { "bundle": { …FleetBundle… }, "signature": "<base64 Ed25519 signature>" }
 *
 * Why canonical JSON: the signature must survive the bundle being
 * re-serialised on its way (pretty-printed on a USB stick, keys reordered by
 * another JSON library, a future terminal written in another language). Both
 * sides therefore sign and verify the bytes of one canonical form — keys
 * sorted by UTF-16 code units, no whitespace, strings as JSON.stringify writes
 * them — never the bytes that happened to travel. The schema admits integers
 * only (money in cents, packs, basis points), so number formatting, the one
 * ambiguous part of JSON canonicalisation (RFC 8785), never arises: for the
 * values admitted here this is the RFC 8785 form.
 */
import * as v from 'valibot';

export const FLEET_BUNDLE_FORMAT = 'shop-terminal-fleet-bundle';
/**
 * The schema version this code writes and the collector stores.
 * 1: daily rollups, the visit, board acks.
 * 2 (issue 12): also the quarter's five-function evaluation, the stocktakes,
 *   the orders against the advice and the customer-feedback aggregates of the
 *   period. Additive: a v2 bundle is a v1 bundle with four more fields.
 */
export const FLEET_BUNDLE_SCHEMA_VERSION = 2;
/** Versions the collector reads: a v1 bundle is read as it was (no evaluation). */
export const FLEET_BUNDLE_READABLE_VERSIONS: readonly number[] = [1, 2];
/**
 * A bundle on the wire may be at most this large. A quarter of a 500-product
 * shop with every product moving every day is ~45,000 rows of ~110 bytes: a
 * day's or a week's bundle is far below; a whole quarter is what USB is for and
 * still fits.
 */
export const MAX_FLEET_BUNDLE_BYTES = 8 * 1024 * 1024;
/** Rows in one bundle: a quarter × 1,000 products. */
export const MAX_FLEET_BUNDLE_ROWS = 92 * 1000;

/** Days in one bundle's period: a year, for a USB stick that went missing for a while. */
export const MAX_FLEET_BUNDLE_DAYS = 366;

export const VISIT_GRADES = ['优秀', '良好', '合格', '不合格'] as const;
export type VisitGrade = (typeof VISIT_GRADES)[number];
/** The business format whose shops the weekly visit skips (small groceries). */
export const VISIT_EXEMPT_FORMAT = '食杂店';
/** The district a terminal names before it has learnt its own from the collector (the push answer's `district`). */
export const UNASSIGNED_DISTRICT = 'unassigned';

/** Whole days from one ISO date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Every ISO date from `from` to `to`, both included. */
export function datesInPeriod(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); t <= end; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/**
 * Dates already found real: a bundle repeats its few dates on every row, and
 * the collector checks hundreds of rows a bundle. Bounded: cleared when full.
 */
const realDates = new Set<string>();
function isRealDate(s: string): boolean {
  if (realDates.has(s)) return true;
  const d = new Date(`${s}T00:00:00Z`);
  const real = !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '2000-01-01' && s < '2100-01-01';
  if (real) {
    if (realDates.size >= 4096) realDates.clear();
    realDates.add(s);
  }
  return real;
}
const isoDate = v.pipe(
  v.string(),
  v.regex(ISO_DATE, 'a date YYYY-MM-DD'),
  v.check(isRealDate, 'a real calendar date between 2000 and 2099'),
);
const id = (max: number) =>
  v.pipe(v.string(), v.minLength(1), v.maxLength(max), v.regex(/^[\p{L}\p{N}._:-]+$/u, 'letters, digits and . _ : - only'));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
/** Stock may go negative on the terminal's books (sold before it was received). */
const signedCount = v.pipe(v.number(), v.safeInteger());

const DailyRollupSchema = v.strictObject({
  date: isoDate,
  /** The product's barcode (GTIN of the pack) or the shop's own code. */
  productCode: id(64),
  packsSold: count,
  salesCents: count,
  /** null: the terminal has no cost price for the product. */
  costCents: v.nullable(count),
  /** Packs on the book at the end of the day; null: not tracked. */
  stock: v.nullable(signedCount),
});

const VisitSchema = v.strictObject({
  date: isoDate,
  /** The rep's id as the supplier knows it. */
  rep: id(64),
  grade: v.nullable(v.picklist(VISIT_GRADES)),
  /** |book − counted| / book at the visit's stock check, in basis points (1000 = 10%). */
  stockErrorBasisPoints: v.nullable(count),
  priceTagsMissing: v.nullable(count),
  notes: text(2000),
});

const BoardAckSchema = v.strictObject({
  itemId: id(64),
  /** The terminal's own date of reading it; informative only. */
  seenOn: isoDate,
  /** 新品宣传: the owner put the product into the display's loop. Absent in older bundles. */
  accepted: v.optional(v.literal(true)),
  /** 货源信息: the owner applied the item's quotas to the order screen. Absent in older bundles. */
  quotasApplied: v.optional(v.literal(true)),
});

/** At most this many of the owner's messages to the rep ride in one bundle (the newest). */
export const MAX_BUNDLE_OWNER_MESSAGES = 50;

/** "给客户经理留言": one message the owner wrote to the rep on the terminal. */
const OwnerMessageSchema = v.strictObject({
  /** The terminal's own number for it (its store's key): the collector keeps each once per terminal. */
  id: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(500)),
  /** The terminal's wall clock in ms since the epoch; informative only, never an order. */
  writtenAt: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
});

const headerEntries = {
  format: v.literal(FLEET_BUNDLE_FORMAT),
  terminalId: id(64),
  /** The terminal's Ed25519 public key, raw 32 bytes in base64; the collector pins it at enrolment. */
  publicKey: v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]{43}=$/, 'a base64 Ed25519 public key')),
  district: id(64),
  businessFormat: v.pipe(v.string(), v.minLength(1), v.maxLength(32)),
  /**
   * The terminal's own counter, one more for every bundle it makes. Newer
   * figures are the ones from the higher sequence, whatever order bundles
   * arrive in and whatever the clocks said.
   */
  sequence: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  period: v.pipe(
    v.strictObject({ from: isoDate, to: isoDate }),
    v.check((p) => p.from <= p.to, 'period.from must not be after period.to'),
    v.check((p) => daysBetween(p.from, p.to) < MAX_FLEET_BUNDLE_DAYS, `a period is at most ${MAX_FLEET_BUNDLE_DAYS} days`),
  ),
  daily: v.pipe(v.array(DailyRollupSchema), v.maxLength(MAX_FLEET_BUNDLE_ROWS)),
  visit: v.nullable(VisitSchema),
  boardAcks: v.pipe(v.array(BoardAckSchema), v.maxLength(1000)),
  /** Optional, so bundles from terminals before it stay valid. */
  ownerMessages: v.optional(v.pipe(v.array(OwnerMessageSchema), v.maxLength(MAX_BUNDLE_OWNER_MESSAGES))),
};

// ---------------------------------------------------------------- version 2 (issue 12)

const EVALUATION_FUNCTIONS = ['scan-capture', 'guided-buying', 'stock-cost', 'movement-profit', 'brand-display'] as const;
const percent = v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(100));
const score = v.nullable(v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(100)));
const criterion = v.pipe(v.string(), v.minLength(1), v.maxLength(40), v.regex(/^[a-z-]+$/, 'a criterion name'));

/** The quarter's five-function evaluation as graded on the terminal (src/domain/evaluation.ts). */
const EvaluationSchema = v.strictObject({
  /** 'YYYY-Qn' */
  quarter: v.pipe(v.string(), v.regex(/^\d{4}-Q[1-4]$/, 'a quarter YYYY-Qn')),
  evaluatedOn: isoDate,
  total: score,
  grade: v.nullable(v.picklist(VISIT_GRADES)),
  /** Percent per function, summing to 100. */
  weights: v.strictObject({
    'scan-capture': percent,
    'guided-buying': percent,
    'stock-cost': percent,
    'movement-profit': percent,
    'brand-display': percent,
  }),
  /** Lowest total of 优秀, 良好, 合格. */
  thresholds: v.strictObject({ 优秀: score, 良好: score, 合格: score }),
  functions: v.pipe(
    v.array(
      v.strictObject({
        function: v.picklist(EVALUATION_FUNCTIONS),
        score,
        /** Every point lost and every criterion without data ('no-data', 0 points), with the figure scored. */
        deductions: v.pipe(
          v.array(
            v.strictObject({
              criterion,
              points: v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(100)),
              reason: v.picklist(['below-target', 'above-target', 'standard-exceeded', 'months-without-stocktake', 'no-data']),
              /** The figure scored (basis points, or a count); null for 'no-data'. */
              value: v.nullable(signedCount),
            }),
          ),
          v.maxLength(10),
        ),
      }),
    ),
    v.length(5),
  ),
  /** For 不合格: the rectification items and their deadline; otherwise empty and null. */
  rectification: v.strictObject({
    deadline: v.nullable(isoDate),
    items: v.pipe(v.array(v.strictObject({ criterion, points: count, doneOn: v.nullable(isoDate) })), v.maxLength(20)),
  }),
});

const StocktakeSchema = v.strictObject({
  date: isoDate,
  /** Σ|counted − book| / Σ counted in basis points; null: nothing counted. */
  errorBasisPoints: v.nullable(count),
  withinStandard: v.nullable(v.boolean()),
});

const OrderSchema = v.strictObject({
  date: isoDate,
  lines: count,
  /** Lines within ±1 order unit (carton) of the advice. */
  followedLines: count,
  totalCents: count,
});

/** One week (Monday first) of customer feedback: counts only, nothing about who. */
const FeedbackWeekSchema = v.strictObject({
  week: isoDate,
  votes: count,
  /** 很满意 + 满意 */
  satisfied: count,
  npsAnswers: count,
  promoters: count,
  detractors: count,
  complaints: v.strictObject({
    'out-of-stock': count,
    price: count,
    service: count,
    waiting: count,
    quality: count,
    other: count,
  }),
});

interface BundleRows {
  period: { from: string; to: string };
  daily: { date: string; productCode: string }[];
  visit: { date: string } | null;
}
const rowsInPeriod = (b: BundleRows) => b.daily.every((r) => r.date >= b.period.from && r.date <= b.period.to);
const oneRowPerDay = (b: BundleRows) => {
  const seen = new Set<string>();
  for (const r of b.daily) {
    const key = `${r.date}|${r.productCode}`;
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
};
const visitInPeriod = (b: BundleRows) => b.visit === null || (b.visit.date >= b.period.from && b.visit.date <= b.period.to);

export const FleetBundleV1Schema = v.pipe(
  v.strictObject({ ...headerEntries, schemaVersion: v.literal(1) }),
  v.check((b) => rowsInPeriod(b), 'every daily row must fall within the period'),
  v.check((b) => oneRowPerDay(b), 'one daily row per date and product'),
  v.check((b) => visitInPeriod(b), 'the visit must fall within the period'),
);

export const FleetBundleV2Schema = v.pipe(
  v.strictObject({
    ...headerEntries,
    schemaVersion: v.literal(2),
    /** The quarter's evaluation when one was graded; null otherwise. */
    evaluation: v.nullable(EvaluationSchema),
    stocktakes: v.pipe(v.array(StocktakeSchema), v.maxLength(400)),
    orders: v.pipe(v.array(OrderSchema), v.maxLength(1000)),
    feedbackWeeks: v.pipe(v.array(FeedbackWeekSchema), v.maxLength(60)),
  }),
  v.check((b) => rowsInPeriod(b), 'every daily row must fall within the period'),
  v.check((b) => oneRowPerDay(b), 'one daily row per date and product'),
  v.check((b) => visitInPeriod(b), 'the visit must fall within the period'),
  v.check(
    (b) => b.stocktakes.every((x) => x.date >= b.period.from && x.date <= b.period.to),
    'every stocktake must fall within the period',
  ),
  v.check((b) => b.orders.every((x) => x.date >= b.period.from && x.date <= b.period.to), 'every order must fall within the period'),
);

/** The schema of the version this code writes (the JSON Schema file is generated from it). */
export const FleetBundleSchema = FleetBundleV2Schema;

export type FleetBundleV1 = v.InferOutput<typeof FleetBundleV1Schema>;
export type FleetBundleV2 = v.InferOutput<typeof FleetBundleV2Schema>;
/** Any bundle the collector reads. */
export type FleetBundle = FleetBundleV1 | FleetBundleV2;
export type DailyRollup = FleetBundle['daily'][number];
export type FleetVisit = NonNullable<FleetBundle['visit']>;
export type FleetEvaluation = NonNullable<FleetBundleV2['evaluation']>;

export const SignedFleetBundleSchema = v.strictObject({
  bundle: v.unknown(),
  signature: v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]{86}==$/, 'a base64 Ed25519 signature')),
});
export interface SignedFleetBundle {
  bundle: FleetBundle;
  signature: string;
}

export type FleetBundleProblem = { kind: 'malformed'; detail: string } | { kind: 'unknown-version'; version: number };

/**
 * Checks the envelope and the bundle. The version is looked at before the
 * rest, so that a newer terminal's bundle is told apart from a broken one.
 */
export function parseSignedFleetBundle(json: unknown): { ok: true; value: SignedFleetBundle } | { ok: false; problem: FleetBundleProblem } {
  const envelope = v.safeParse(SignedFleetBundleSchema, json);
  if (!envelope.success) return { ok: false, problem: { kind: 'malformed', detail: describeIssues(envelope.issues) } };
  const raw = envelope.output.bundle;
  const version = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['schemaVersion'] : undefined;
  if (typeof version === 'number' && Number.isSafeInteger(version) && !FLEET_BUNDLE_READABLE_VERSIONS.includes(version)) {
    return { ok: false, problem: { kind: 'unknown-version', version } };
  }
  const bundle = version === 1 ? v.safeParse(FleetBundleV1Schema, raw) : v.safeParse(FleetBundleV2Schema, raw);
  if (!bundle.success) return { ok: false, problem: { kind: 'malformed', detail: describeIssues(bundle.issues) } };
  return { ok: true, value: { bundle: bundle.output, signature: envelope.output.signature } };
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((i) => {
      const path = i.path?.map((p) => String(p.key)).join('.') ?? '';
      return path ? `${path}: ${i.message}` : i.message;
    })
    .join('; ');
}

/**
 * The canonical JSON text of a value made of objects, arrays, strings, integers, booleans and null.
 *
 * Made by JSON.stringify with the sorted list of every key in the value as its
 * property list: JSON.stringify then writes each object's keys in that list's
 * order (so sorted) and strings and integers as it always does. A collector
 * canonicalises every bundle it receives, and this is several times faster
 * than building the text key by key in script.
 */
export function canonicalJson(value: unknown): string {
  const keys = new Set<string>();
  collectCanonicalKeys(value, keys);
  return JSON.stringify(value, [...keys].sort());
}

/** Gathers every object key in `value`, and refuses what canonical JSON cannot hold. */
function collectCanonicalKeys(value: unknown, keys: Set<string>): void {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`canonical JSON admits integers only, got ${value}`);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectCanonicalKeys(item, keys);
    return;
  }
  if (typeof value === 'object') {
    for (const key in value) {
      const item = (value as Record<string, unknown>)[key];
      if (item === undefined) continue;
      keys.add(key);
      collectCanonicalKeys(item, keys);
    }
    return;
  }
  throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
}

/** The bytes a terminal signs and the collector verifies. */
export function canonicalBundleBytes(bundle: FleetBundle): Uint8Array {
  return new TextEncoder().encode(canonicalJson(bundle));
}
