/**
 * The rep's visit (客户经理拜访, issue 12), pure rules: the weekly cadence (small
 * groceries exempt), when the next visit is due and whether it is overdue, the
 * price-tag audit's result against the standard, and the visit's duration.
 *
 * Order is never the wall clock: visits carry a sequence number given when
 * they start (src/data/visits.ts), and "the previous visit" is the one with
 * the next lower number. Days are local ISO days (YYYY-MM-DD) as the rest of
 * the terminal keeps them.
 */
import type { BusinessFormat } from './reorder/settings.ts';
import { VISIT_EXEMPT_FORMAT } from './fleet-bundle.ts';

/** The supplier's plan: a rep visits every shop once a week. */
export const VISIT_INTERVAL_DAYS = 7;
/** The plan's standard: at most this many price tags (价签) missing. */
export const MAX_MISSING_PRICE_TAGS = 3;

/**
 * The reorder settings' code for the format the fleet bundle calls
 * VISIT_EXEMPT_FORMAT (食杂店): the one setting, read in the shop's words there
 * and by its code here.
 */
export const VISIT_EXEMPT_BUSINESS_FORMAT: BusinessFormat = 'grocery';

export { VISIT_EXEMPT_FORMAT };

/** Does a shop of this business format get the weekly visit? */
export function weeklyVisitRequired(format: BusinessFormat): boolean {
  return format !== VISIT_EXEMPT_BUSINESS_FORMAT;
}

// ---------------------------------------------------------------- the in-store checklist

/** The four in-store (驻店) tasks, in the plan's order. */
export type VisitTask = 'display' | 'new-brand' | 'stock-analysis' | 'order';
export const VISIT_TASKS: readonly VisitTask[] = ['display', 'new-brand', 'stock-analysis', 'order'];

export interface ChecklistItem {
  done: boolean;
  note: string;
  /** What was shown or worked on (e.g. which new brand). */
  shown: string;
}

export type VisitChecklist = Record<VisitTask, ChecklistItem>;

export function emptyChecklist(): VisitChecklist {
  const item = (): ChecklistItem => ({ done: false, note: '', shown: '' });
  return { display: item(), 'new-brand': item(), 'stock-analysis': item(), order: item() };
}

export function isVisitTask(value: unknown): value is VisitTask {
  return typeof value === 'string' && (VISIT_TASKS as readonly string[]).includes(value);
}

// ---------------------------------------------------------------- cadence

/** Whole days from local day `from` to `to` (calendar days, DST-proof). */
export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `day` plus `n` calendar days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export type VisitCadence =
  /** 食杂店: no weekly visit is owed. */
  | { kind: 'exempt' }
  /** No visit recorded yet: one is owed now. */
  | { kind: 'never'; overdue: true }
  | { kind: 'due'; lastDay: string; dueDay: string; overdue: boolean; daysOverdue: number };

/**
 * When the next visit is due, from the day of the last visit (the newest by
 * sequence, not by date: a clock that jumped cannot make an old visit the
 * last). Overdue once `today` is past the due day. A clock set back before the
 * last visit never counts as overdue.
 */
export function visitCadence(format: BusinessFormat, lastVisitDay: string | undefined, today: string): VisitCadence {
  if (!weeklyVisitRequired(format)) return { kind: 'exempt' };
  if (lastVisitDay === undefined) return { kind: 'never', overdue: true };
  const dueDay = addDays(lastVisitDay, VISIT_INTERVAL_DAYS);
  const daysOverdue = Math.max(0, daysFrom(dueDay, today));
  return { kind: 'due', lastDay: lastVisitDay, dueDay, overdue: daysOverdue > 0, daysOverdue };
}

// ---------------------------------------------------------------- the price-tag audit

export type PriceTagStatus = 'present' | 'missing' | 'wrong-price';
export const PRICE_TAG_STATUSES: readonly PriceTagStatus[] = ['present', 'missing', 'wrong-price'];

export interface PriceTagLine {
  /** The product's code on the terminal. */
  productId: string;
  /** The code scanned (a carton code, say); the product's code when typed. */
  barcode: string;
  name: string;
  /** The terminal's price when audited, to compare with the shelf. */
  terminalPriceCents: number;
  status: PriceTagStatus;
  /** What the shelf tag said, for a wrong price (when the rep typed it). */
  shelfPriceCents?: number;
}

export interface PriceTagResult {
  checked: number;
  missing: number;
  wrongPrice: number;
  /** missing ≤ MAX_MISSING_PRICE_TAGS. */
  meetsStandard: boolean;
  /** Lines to fix (missing or wrong price), in audit order. */
  toFix: PriceTagLine[];
}

export function summarizePriceTags(lines: readonly PriceTagLine[]): PriceTagResult {
  const missing = lines.filter((l) => l.status === 'missing').length;
  const wrongPrice = lines.filter((l) => l.status === 'wrong-price').length;
  return {
    checked: lines.length,
    missing,
    wrongPrice,
    meetsStandard: missing <= MAX_MISSING_PRICE_TAGS,
    toFix: lines.filter((l) => l.status !== 'present'),
  };
}

export interface PriceTagProgress {
  /** Missing now minus missing last time (negative: better). */
  missingChange: number;
  /** Products missing or wrong last time that are right now. */
  fixed: string[];
  /** Products missing or wrong last time and still not right (or not checked again). */
  stillToFix: string[];
}

/**
 * Progress against the previous audit: what was to fix then and is fine now.
 * A product not checked again this time counts as still to fix: nobody looked.
 */
export function priceTagProgress(previous: readonly PriceTagLine[], current: readonly PriceTagLine[]): PriceTagProgress {
  const now = new Map(current.map((l) => [l.productId, l.status]));
  const fixed: string[] = [];
  const stillToFix: string[] = [];
  for (const line of previous) {
    if (line.status === 'present') continue;
    if (now.get(line.productId) === 'present') fixed.push(line.productId);
    else stillToFix.push(line.productId);
  }
  return {
    missingChange: summarizePriceTags(current).missing - summarizePriceTags(previous).missing,
    fixed,
    stillToFix,
  };
}

/**
 * Mark one product in an audit: a product scanned again replaces its line
 * (the rep corrects a mark), a new one goes to the end.
 */
export function markPriceTag(lines: readonly PriceTagLine[], line: PriceTagLine): PriceTagLine[] {
  const at = lines.findIndex((l) => l.productId === line.productId);
  const clean: PriceTagLine = { ...line };
  if (clean.status !== 'wrong-price') delete clean.shelfPriceCents;
  if (at < 0) return [...lines, clean];
  const next = [...lines];
  next[at] = clean;
  return next;
}

// ---------------------------------------------------------------- duration

/**
 * Time a visit was worked on in one stretch of a page's life, from a
 * monotonic clock (performance.now()): never negative, and a stretch with no
 * write for longer than `maxGapMs` (the tablet left on, the rep gone) counts
 * only up to it.
 */
export function activeStretchMs(startMono: number, nowMono: number, maxGapMs = 30 * 60_000): number {
  return Math.min(Math.max(0, nowMono - startMono), maxGapMs);
}

/** Minutes of a duration, rounded, for people. */
export function durationMinutes(ms: number): number {
  return Math.round(Math.max(0, ms) / 60_000);
}

// ---------------------------------------------------------------- the summary others read

/** One visit as the quarterly evaluation reads it. */
export interface VisitSummary {
  /** Local day the visit started. */
  date: string;
  /** Missing price tags found, or null when no tag was audited on that visit. */
  priceTagsMissing: number | null;
  checklist: Record<VisitTask, boolean>;
  confirmed: boolean;
}

export function summarizeVisit(visit: {
  startDay: string;
  status: string;
  checklist: VisitChecklist;
  priceTags?: { checked: number; missing: number } | undefined;
}): VisitSummary {
  const checklist = {} as Record<VisitTask, boolean>;
  for (const task of VISIT_TASKS) checklist[task] = visit.checklist[task].done;
  return {
    date: visit.startDay,
    priceTagsMissing: visit.priceTags && visit.priceTags.checked > 0 ? visit.priceTags.missing : null,
    checklist,
    confirmed: visit.status === 'confirmed',
  };
}

// ---------------------------------------------------------------- follow-ups

export interface FollowUp {
  id: string;
  text: string;
  /** Local day it is due. */
  dueDay: string;
  done: boolean;
}

/** Follow-ups not done whose due day has passed. */
export function overdueFollowUps(followUps: readonly FollowUp[], today: string): FollowUp[] {
  return followUps.filter((f) => !f.done && daysFrom(f.dueDay, today) > 0);
}
