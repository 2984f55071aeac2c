/**
 * The rep's visits in IndexedDB (issue 12): each visit, its price-tag audit
 * and every change to them written as it happens, so a reload or a crash in
 * the middle of a visit loses nothing and the screen resumes it where it was.
 *
 * Who may: only a rep session opens and writes a visit (canDo('visit')); only
 * the owner confirms it (canDo('confirm-visit'), asked through the one PIN pad
 * by the screen). A confirmed visit is read-only: every write is refused with
 * VisitReadOnlyError.
 *
 * Order: a visit's `seq` is one more than any before, given in the
 * transaction that starts it; lists and "the previous visit" go by it, never
 * by the wall clock, which on a Pi may jump. The time worked on a visit is
 * summed from performance.now() over the stretches of each page life.
 */
import { NotAllowedError } from '../domain/errors.ts';
import { localDay } from '../domain/product.ts';
import { addDays } from '../domain/reorder/calendar.ts';
import type { VisitFacts } from '../domain/evaluation.ts';
import type { OwnerMessage as ReviewMessage, VisitFollowUp } from '../domain/visit-review.ts';
import {
  activeStretchMs,
  emptyChecklist,
  isVisitTask,
  markPriceTag,
  summarizePriceTags,
  summarizeVisit,
  type ChecklistItem,
  type FollowUp,
  type PriceTagLine,
  visitCadence,
  type VisitCadence,
  type VisitSummary,
  type VisitTask,
} from '../domain/visit.ts';
import { getReorderSettings } from './reorder.ts';
import { appendAuditIn } from './audit.ts';
import { getDb, inTransaction } from './db.ts';
import { canDo, currentSession, requireRole } from './roles.ts';
import type { PriceTagAuditRecord, VisitRecord, VisitStatus, VisitTab } from './schema.ts';

export type { PriceTagAuditRecord, VisitRecord, VisitStatus, VisitTab } from './schema.ts';
export type { VisitSummary } from '../domain/visit.ts';

/** A confirmed visit was to be changed: it is the shop's record now. */
export class VisitReadOnlyError extends Error {
  override name = 'VisitReadOnlyError';
  readonly reason = 'visit-confirmed';
  constructor(readonly visitId: string) {
    super(`Visit ${visitId} was confirmed by the owner and can no longer be changed`);
  }
}

/** The visit is not in a state that allows this (an edit while paused, a second open visit). */
export class VisitStateError extends Error {
  override name = 'VisitStateError';
  constructor(
    readonly reason: 'not-found' | 'already-open' | 'wrong-status',
    readonly status?: VisitStatus,
  ) {
    super(`Visit: ${reason}${status ? ` (status ${status})` : ''}`);
  }
}

// ---------------------------------------------------------------- time worked

/** The monotonic clock the time worked is summed from (tests move a fake one). */
let monoClock: () => number = () => performance.now();
/** The stretch of this page life being worked on: which visit, since when. */
let stretch: { visitId: string; since: number } | undefined;

export function useVisitClockForTests(clock?: () => number): void {
  monoClock = clock ?? (() => performance.now());
  stretch = undefined;
}

/** Add the time since the last write of this page life to an open visit, and start a new stretch. */
function accrue(visit: VisitRecord): void {
  const now = monoClock();
  if (visit.status === 'open' && stretch?.visitId === visit.id) visit.activeMs += activeStretchMs(stretch.since, now);
  stretch = visit.status === 'open' ? { visitId: visit.id, since: now } : undefined;
}

// ---------------------------------------------------------------- reading

/** Every visit, oldest first (by sequence). */
export async function getVisits(): Promise<VisitRecord[]> {
  const db = await getDb();
  return db.getAllFromIndex('visits', 'by-seq');
}

export async function getVisit(id: string): Promise<VisitRecord | undefined> {
  const db = await getDb();
  return db.get('visits', id);
}

/** Every visit as the quarterly evaluation reads it, oldest first. */
export async function getVisitSummaries(): Promise<VisitSummary[]> {
  return (await getVisits()).map(summarizeVisit);
}

/** The visit not confirmed yet (open, paused or waiting for the owner), if any: at most one. */
export async function getOpenVisit(): Promise<VisitRecord | undefined> {
  const visits = await getVisits();
  for (let i = visits.length - 1; i >= 0; i--) if (visits[i]!.status !== 'confirmed') return visits[i];
  return undefined;
}

/** The newest visit (by sequence) of any status, for the cadence. */
export async function getLastVisit(): Promise<VisitRecord | undefined> {
  const db = await getDb();
  const cursor = await db.transaction('visits').store.index('by-seq').openCursor(null, 'prev');
  return cursor?.value;
}

/**
 * Is a visit owed (the weekly cadence, the shop's business format from the
 * reorder settings; 食杂店 exempt)? From the newest visit by sequence.
 */
export async function getVisitCadence(today: string = localDay(Date.now())): Promise<VisitCadence> {
  const [settings, last] = await Promise.all([getReorderSettings(), getLastVisit()]);
  return visitCadence(settings.businessFormat, last?.startDay, today);
}

export async function getPriceTagAudit(visitId: string): Promise<PriceTagLine[]> {
  const db = await getDb();
  return (await db.get('priceTagAudits', visitId))?.lines ?? [];
}

/** The audit of the newest visit before this one that audited any tag (for progress); [] if none. */
export async function getPreviousPriceTagAudit(visitId: string): Promise<PriceTagLine[]> {
  const db = await getDb();
  const visit = await db.get('visits', visitId);
  if (!visit) return [];
  const earlier = await db.getAllFromIndex('visits', 'by-seq', IDBKeyRange.upperBound(visit.seq, true));
  for (let i = earlier.length - 1; i >= 0; i--) {
    const audit = await db.get('priceTagAudits', earlier[i]!.id);
    if (audit && audit.lines.length > 0) return audit.lines;
  }
  return [];
}

// ---------------------------------------------------------------- writing

function requireRep(): { staffId: string; name: string } {
  if (!canDo('visit')) throw new NotAllowedError('visit');
  const who = currentSession()!;
  return { staffId: who.staffId, name: who.name };
}

/**
 * Start a visit as the rep signed in. Refused while another visit is not
 * confirmed yet (the screen resumes that one instead).
 */
export async function startVisit(now: number = Date.now()): Promise<VisitRecord> {
  const rep = requireRep();
  const visit = await inTransaction(['visits'], 'readwrite', async (tx) => {
    const index = tx.objectStore('visits').index('by-seq');
    const open =
      (await tx.objectStore('visits').index('by-status').count('open')) +
      (await tx.objectStore('visits').index('by-status').count('paused')) +
      (await tx.objectStore('visits').index('by-status').count('awaiting-confirmation'));
    if (open > 0) throw new VisitStateError('already-open');
    const last = await index.openCursor(null, 'prev');
    const record: VisitRecord = {
      id: `visit-${crypto.randomUUID()}`,
      seq: (last?.value.seq ?? 0) + 1,
      repStaffId: rep.staffId,
      repName: rep.name,
      startedAt: now,
      startDay: localDay(now),
      status: 'open',
      checklist: emptyChecklist(),
      notes: '',
      nextActions: [],
      tab: 'audit',
      activeMs: 0,
      rev: 0,
    };
    await tx.objectStore('visits').add(record);
    return record;
  });
  stretch = { visitId: visit.id, since: monoClock() };
  return visit;
}

/**
 * Change a visit in one transaction (with `more` stores written beside it).
 * Refused for a confirmed visit, and unless its status is one of `allowed`.
 */
async function changeVisit(id: string, allowed: readonly VisitStatus[], change: (visit: VisitRecord) => void): Promise<VisitRecord> {
  requireRep();
  return inTransaction(['visits'], 'readwrite', async (tx) => {
    const visit = await tx.objectStore('visits').get(id);
    checkWritable(id, visit, allowed);
    accrue(visit);
    change(visit);
    visit.rev += 1;
    await tx.objectStore('visits').put(visit);
    return visit;
  });
}

function checkWritable(id: string, visit: VisitRecord | undefined, allowed: readonly VisitStatus[]): asserts visit is VisitRecord {
  if (!visit) throw new VisitStateError('not-found');
  if (visit.status === 'confirmed') throw new VisitReadOnlyError(id);
  if (!allowed.includes(visit.status)) throw new VisitStateError('wrong-status', visit.status);
}

/** One of the four in-store tasks: done or not, the note, what was shown. */
export function putChecklistItem(visitId: string, task: VisitTask, item: ChecklistItem): Promise<VisitRecord> {
  if (!isVisitTask(task)) return Promise.reject(new RangeError(`not a visit task: ${String(task)}`));
  const clean: ChecklistItem = {
    done: item.done === true,
    note: String(item.note ?? '').slice(0, 500),
    shown: String(item.shown ?? '').slice(0, 200),
  };
  return changeVisit(visitId, ['open'], (visit) => {
    visit.checklist[task] = clean;
  });
}

/**
 * Mark one product's price tag in the visit's audit (a second mark of the same
 * product replaces the first), and the visit's figures, in one transaction.
 */
export async function recordPriceTag(visitId: string, line: PriceTagLine, now: number = Date.now()): Promise<PriceTagLine[]> {
  requireRep();
  if (!Number.isSafeInteger(line.terminalPriceCents)) throw new RangeError('terminal price must be integer cents');
  if (line.shelfPriceCents !== undefined && (!Number.isSafeInteger(line.shelfPriceCents) || line.shelfPriceCents < 0)) {
    throw new RangeError('shelf price must be integer cents');
  }
  return inTransaction(['visits', 'priceTagAudits'], 'readwrite', async (tx) => {
    const visit = await tx.objectStore('visits').get(visitId);
    checkWritable(visitId, visit, ['open']);
    const audit: PriceTagAuditRecord = (await tx.objectStore('priceTagAudits').get(visitId)) ?? { visitId, lines: [], updatedAt: now };
    audit.lines = markPriceTag(audit.lines, line);
    audit.updatedAt = now;
    const result = summarizePriceTags(audit.lines);
    accrue(visit);
    visit.priceTags = { checked: result.checked, missing: result.missing, wrongPrice: result.wrongPrice };
    visit.rev += 1;
    await Promise.all([tx.objectStore('priceTagAudits').put(audit), tx.objectStore('visits').put(visit)]);
    return audit.lines;
  });
}

export function putVisitNotes(visitId: string, notes: string): Promise<VisitRecord> {
  return changeVisit(visitId, ['open'], (visit) => {
    visit.notes = notes.slice(0, 4000);
  });
}

/** Add a follow-up (next action) due on local day `dueDay`. */
export function addNextAction(visitId: string, text: string, dueDay: string): Promise<VisitRecord> {
  const trimmed = text.trim();
  if (!trimmed) return Promise.reject(new RangeError('a follow-up needs words'));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDay)) return Promise.reject(new RangeError('due day must be YYYY-MM-DD'));
  const followUp: FollowUp = { id: crypto.randomUUID(), text: trimmed.slice(0, 300), dueDay, done: false };
  return changeVisit(visitId, ['open'], (visit) => {
    visit.nextActions = [...visit.nextActions, followUp];
  });
}

export function setNextActionDone(visitId: string, followUpId: string, done: boolean): Promise<VisitRecord> {
  return changeVisit(visitId, ['open'], (visit) => {
    visit.nextActions = visit.nextActions.map((f) => (f.id === followUpId ? { ...f, done } : f));
  });
}

/** Remember the part of the screen the rep is on, so a reload comes back to it. */
export function setVisitTab(visitId: string, tab: VisitTab): Promise<VisitRecord> {
  return changeVisit(visitId, ['open', 'paused', 'awaiting-confirmation'], (visit) => {
    visit.tab = tab;
  });
}

export function pauseVisit(visitId: string): Promise<VisitRecord> {
  return changeVisit(visitId, ['open'], (visit) => {
    visit.status = 'paused';
  });
}

/** Back to work on a paused visit, or on a closed one the owner has not confirmed yet. */
export async function resumeVisit(visitId: string): Promise<VisitRecord> {
  const visit = await changeVisit(visitId, ['paused', 'awaiting-confirmation', 'open'], (v) => {
    v.status = 'open';
  });
  stretch = { visitId, since: monoClock() };
  return visit;
}

/** The rep is done: the summary waits for the owner's confirmation. */
export function closeVisit(visitId: string, now: number = Date.now()): Promise<VisitRecord> {
  return changeVisit(visitId, ['open'], (visit) => {
    visit.status = 'awaiting-confirmation';
    visit.closedAt = now;
    visit.tab = 'summary';
  });
}

/**
 * The owner confirms the visit's summary (an owner session: the screen asks
 * for the PIN through askForOwner). From then on the visit is read-only. The
 * confirmation goes to the audit log in the same transaction.
 */
export async function confirmVisit(visitId: string, now: number = Date.now()): Promise<VisitRecord> {
  const entry = requireRole('confirm-visit');
  return inTransaction(['visits', 'audit'], 'readwrite', async (tx) => {
    const visit = await tx.objectStore('visits').get(visitId);
    checkWritable(visitId, visit, ['awaiting-confirmation']);
    visit.status = 'confirmed';
    visit.confirmedAt = now;
    visit.durationMs = visit.activeMs;
    visit.rev += 1;
    await Promise.all([
      tx.objectStore('visits').put(visit),
      appendAuditIn(tx.objectStore('audit'), { ...entry, detail: `visit ${visit.seq} by ${visit.repName} confirmed` }),
    ]);
    return visit;
  });
}

/**
 * What the review since the last visit and the quarter's grade take from the
 * visits (issue 12): since when to review (the last confirmed visit before this
 * one, else 90 days back), that visit's agreed next actions, the owner's
 * messages, and each visit's price-tag and 出样 facts for grading.
 */
export async function getVisitEvaluationInputs(
  visitId: string,
  today: string = localDay(Date.now()),
): Promise<{ since: string; followUps: VisitFollowUp[]; ownerMessages: ReviewMessage[]; visits: VisitFacts[] }> {
  const db = await getDb();
  const [visits, messages] = await Promise.all([getVisits(), db.getAll('ownerMessages')]);
  const current = visits.find((v) => v.id === visitId);
  const before = visits.filter((v) => v.status === 'confirmed' && (current === undefined || v.seq < current.seq));
  const last = before.at(-1);
  return {
    since: last?.startDay ?? addDays(today, -90),
    followUps: (last?.nextActions ?? []).map((a) => ({ text: a.text, due: a.dueDay, done: a.done })),
    ownerMessages: messages.map((m) => ({ day: localDay(m.writtenAt), text: m.text })),
    visits: visits
      .map(summarizeVisit)
      .map((v) => ({ date: v.date, priceTagsMissing: v.priceTagsMissing, displayTidyDone: v.checklist.display })),
  };
}
