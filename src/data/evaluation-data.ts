/**
 * The rep's review and the quarterly evaluation (issue 12), read from
 * IndexedDB: the products, the rollups (one dayProducts record per day, the
 * hourly totals), orders, closed stocktakes and feedback — and, for the
 * evaluation only, the raw scans and the closed baskets of the quarter (how
 * much was recorded by scanning). The pure builders are in
 * src/domain/visit-review.ts, evaluation-figures.ts and evaluation.ts.
 *
 * Who may read: the visit screen (visit mode, the rep's PIN) places the
 * elements; these functions do not check a role themselves.
 */
import {
  DEFAULT_EVALUATION_SETTINGS,
  evaluateQuarter,
  followUpFor,
  quarterId,
  quarterRange,
  validateEvaluationSettings,
  type EvaluationSettings,
  type Quarter,
  type SettingsProblem,
  type VisitFacts,
} from '../domain/evaluation.ts';
import { errorBasisPoints, ledgerStart, quarterFigures, type LedgerStocktake } from '../domain/evaluation-figures.ts';
import { summarizeFeedback } from '../domain/feedback.ts';
import { getScannerUptimeBp } from './scanner-uptime.ts';
import { localDay } from '../domain/product.ts';
import { addDays } from '../domain/reorder/calendar.ts';
import { DEFAULT_REORDER_SETTINGS } from '../domain/reorder/settings.ts';
import type { HourlyTotal } from '../domain/report/rollups.ts';
import { buildVisitReview, LAST_YEAR_OFFSET_DAYS, reviewStart, type VisitReview } from '../domain/visit-review.ts';
import type { VisitEvaluationData } from '../context.ts';
import { getDb } from './db.ts';
import { dailyTotals, forEachScan } from './history.ts';
import { getTerminalKey, keyFingerprint, terminalId } from './visit-bundle.ts';
import type { BasketSession, StocktakeSessionRecord, StoredEvaluation } from './schema.ts';

const SETTINGS_KEY = 'evaluation-settings';

function stocktakeOf(s: StocktakeSessionRecord): LedgerStocktake & { withinStandard?: boolean } {
  const r = s.result;
  const out: LedgerStocktake & { withinStandard?: boolean } = {
    day: localDay(s.closedAt ?? s.openedAt),
    closedSeq: s.closedSeq ?? 0,
    errorBp: r && r.errorRate !== null ? errorBasisPoints(r.errorPacks, r.countedPacks) : null,
  };
  if (r && r.errorRate !== null) out.withinStandard = r.withinStandard;
  return out;
}

function salesByDay(hours: readonly HourlyTotal[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const h of hours) out.set(h.day, (out.get(h.day) ?? 0) + h.salesCents);
  return out;
}

/**
 * The review since `since` (a local day, the last visit's) up to `today`.
 * One read-only transaction; the days read are the review's own plus the 56
 * before today for slow movers, never three years.
 */
export async function loadVisitReview(since: string, today: string = localDay(Date.now())): Promise<VisitReview> {
  const db = await getDb();
  const tx = db.transaction(['products', 'dayProducts', 'hourlyTotals', 'sessions', 'orders', 'feedback'], 'readonly');
  const lastYearFrom = addDays(since, -LAST_YEAR_OFFSET_DAYS);
  const lastYearTo = addDays(today, -LAST_YEAR_OFFSET_DAYS);
  const [products, totals, lastYearHours, firstDay, stocktakes, placed, received, feedback] = await Promise.all([
    tx.objectStore('products').getAll(),
    dailyTotals(tx, { from: reviewStart(since, today) }),
    tx.objectStore('hourlyTotals').getAll(IDBKeyRange.bound([lastYearFrom, 0], [lastYearTo, 23])) as Promise<HourlyTotal[]>,
    tx.objectStore('dayProducts').getKey(IDBKeyRange.upperBound(lastYearTo)),
    tx.objectStore('sessions').index('by-kind-status').getAll(['stocktake', 'closed']),
    tx.objectStore('orders').index('by-status').getAll('placed'),
    tx.objectStore('orders').index('by-status').getAll('received'),
    tx.objectStore('feedback').index('by-day').getAll(IDBKeyRange.bound(since, today)),
  ]);
  await tx.done;
  return buildVisitReview({
    since,
    today,
    products,
    totals,
    lastYearSalesByDay: salesByDay(lastYearHours),
    hasLastYear: firstDay !== undefined,
    stocktakes: (stocktakes as StocktakeSessionRecord[]).map(stocktakeOf),
    orders: [...placed, ...received]
      .filter((o) => o.placedDay !== undefined && o.placedDay >= since)
      .map((o) => ({
        id: o.id,
        placedDay: o.placedDay!,
        lines: o.lines.map((x) => ({ code: x.code, units: x.units, suggestedUnits: x.suggestedUnits })),
      })),
    feedback: summarizeFeedback(feedback),
  });
}

// ---------------------------------------------------------------- the evaluation

/** Days (local) with a scan, and scans that went into a basket, in [from, to]; read in batches (scans are many). */
async function scanFacts(from: string, to: string): Promise<{ days: string[]; intoBaskets: number }> {
  const days = new Set<string>();
  let intoBaskets = 0;
  await forEachScan((s) => {
    const day = localDay(s.storedAt);
    if (day < from || day > to) return;
    days.add(day);
    if (s.into) intoBaskets += 1;
  });
  return { days: [...days], intoBaskets };
}

/** Units put into the sales and deliveries closed in [from, to]. */
async function basketUnits(from: string, to: string): Promise<number> {
  const db = await getDb();
  const tx = db.transaction('sessions', 'readonly');
  const index = tx.objectStore('sessions').index('by-kind-status');
  const [sales, deliveries] = await Promise.all([index.getAll(['sale', 'closed']), index.getAll(['delivery', 'closed'])]);
  await tx.done;
  let units = 0;
  for (const s of [...sales, ...deliveries] as BasketSession[]) {
    if (s.closedAt === undefined) continue;
    const day = localDay(s.closedAt);
    if (day < from || day > to) continue;
    for (const line of s.basket.lines) units += line.quantity;
  }
  return units;
}

/** The figures of `quarter` as of `today`. */
export async function gatherQuarterFigures(quarter: Quarter, today: string = localDay(Date.now())) {
  const range = quarterRange(quarter);
  const end = today < range.to ? today : range.to;
  const lastYear = quarterRange({ year: quarter.year - 1, q: quarter.q });
  const db = await getDb();
  const tx = db.transaction(
    ['products', 'dayProducts', 'hourlyTotals', 'sessions', 'orders', 'settings', 'feedback', 'interest'],
    'readonly',
  );
  const [products, totals, lastYearHours, stocktakes, placed, received, reorder, feedback, interest] = await Promise.all([
    tx.objectStore('products').getAll(),
    dailyTotals(tx, { from: ledgerStart(quarter) }),
    tx.objectStore('hourlyTotals').getAll(IDBKeyRange.bound([lastYear.from, 0], [lastYear.to, 23])) as Promise<HourlyTotal[]>,
    tx.objectStore('sessions').index('by-kind-status').getAll(['stocktake', 'closed']),
    tx.objectStore('orders').index('by-status').getAll('placed'),
    tx.objectStore('orders').index('by-status').getAll('received'),
    tx.objectStore('settings').get('reorder'),
    tx.objectStore('feedback').index('by-day').getAll(IDBKeyRange.bound(range.from, end)),
    tx.objectStore('interest').index('by-day').getAll(IDBKeyRange.bound(range.from, end)),
  ]);
  await tx.done;
  const [scans, units, scannerUptimeBp] = await Promise.all([
    scanFacts(range.from, end),
    basketUnits(range.from, end),
    getScannerUptimeBp(range.from, end),
  ]);
  const lastYearSales = lastYearHours.reduce((sum, h) => sum + h.salesCents, 0);
  const votes = feedback.filter((f) => f.kind === 'face' || f.kind === 'nps' || f.kind === 'complaint');
  return quarterFigures({
    quarter,
    today,
    products,
    totals,
    lastYearSalesCents: lastYearHours.length > 0 ? lastYearSales : null,
    orders: [...placed, ...received].filter((o) => o.placedDay !== undefined).map((o) => ({ placedDay: o.placedDay!, lines: o.lines })),
    orderDays: reorder && reorder.key === 'reorder' ? reorder.orderDays : DEFAULT_REORDER_SETTINGS.orderDays,
    stocktakes: (stocktakes as StocktakeSessionRecord[]).map(stocktakeOf),
    scanDays: scans.days,
    scannedUnits: scans.intoBaskets,
    basketUnits: units,
    // From the terminal service's log of the counter scanner (null: no figure, "no data").
    scannerUptimeBp,
    feedbackDays: votes.map((f) => f.day),
    feedbackCount: votes.length,
    interestDays: interest.filter((i) => i.scans > 0).map((i) => i.day),
  });
}

/** The supplier's settings, or the defaults. */
export async function getEvaluationSettings(): Promise<EvaluationSettings> {
  const db = await getDb();
  const stored = await db.get('settings', SETTINGS_KEY);
  if (!stored || stored.key !== SETTINGS_KEY) return DEFAULT_EVALUATION_SETTINGS;
  const checked = validateEvaluationSettings(stored);
  return checked.ok ? checked.settings : DEFAULT_EVALUATION_SETTINGS;
}

export class EvaluationSettingsError extends Error {
  override name = 'EvaluationSettingsError';
  constructor(readonly problems: SettingsProblem[]) {
    super(`evaluation settings: ${problems.join(', ')}`);
  }
}

/** Save the supplier's settings; refused whole (EvaluationSettingsError) when any part is wrong. */
export async function putEvaluationSettings(input: unknown, now = Date.now()): Promise<EvaluationSettings> {
  const checked = validateEvaluationSettings(input);
  if (!checked.ok) throw new EvaluationSettingsError(checked.problems);
  const db = await getDb();
  await db.put('settings', { ...checked.settings, key: SETTINGS_KEY, updatedAt: now });
  return checked.settings;
}

/**
 * Grade `quarter` now and keep it (a regrade of the same quarter replaces the
 * record, keeping the rectification items already ticked off). `visits` are
 * the visit flow's visits (any; only the quarter's count).
 */
export async function gradeQuarter(quarter: Quarter, visits: readonly VisitFacts[], now = Date.now()): Promise<StoredEvaluation> {
  const today = localDay(now);
  const [figures, settings] = await Promise.all([gatherQuarterFigures(quarter, today), getEvaluationSettings()]);
  const evaluation = evaluateQuarter(figures, visits, settings);
  const followUp = followUpFor(evaluation, today, settings);
  const db = await getDb();
  const before = await db.get('evaluations', quarterId(quarter));
  if (before) {
    for (const item of followUp.items) {
      const done = before.followUp.items.find((i) => i.criterion === item.criterion)?.doneOn;
      if (done !== undefined) item.doneOn = done;
    }
  }
  const record: StoredEvaluation = {
    quarter: quarterId(quarter),
    evaluatedOn: today,
    evaluatedAt: now,
    figures,
    evaluation,
    settings,
    followUp,
  };
  await db.put('evaluations', record);
  return record;
}

/** Every graded quarter, oldest first. */
export async function getEvaluations(): Promise<StoredEvaluation[]> {
  const db = await getDb();
  return db.getAll('evaluations');
}

/** Tick a rectification item off (a later visit found it put right). */
export async function markRectified(quarter: string, criterion: string, day: string): Promise<StoredEvaluation | undefined> {
  const db = await getDb();
  const tx = db.transaction('evaluations', 'readwrite');
  const record = await tx.store.get(quarter);
  if (record) {
    const item = record.followUp.items.find((i) => i.criterion === criterion);
    if (item && item.doneOn === undefined) {
      item.doneOn = day;
      await tx.store.put(record);
    }
  }
  await tx.done;
  return record;
}

/** The IndexedDB-backed data the visit screen hands to <kiosk-visit-review> and <kiosk-quarter-evaluation>. */
export const evaluationData: VisitEvaluationData = {
  loadVisitReview,
  getEvaluations,
  gradeQuarter: (quarter, visits) => gradeQuarter(quarter, visits),
  markRectified,
  async terminalIdentity() {
    const key = await getTerminalKey();
    return { terminalId: await terminalId(key.publicKey), publicKey: key.publicKey, fingerprint: await keyFingerprint(key.publicKey) };
  },
};
