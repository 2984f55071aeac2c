/**
 * Customer feedback in IndexedDB (issue 11): the `feedback` store, append-only.
 * Each record holds what was tapped and the local day and hour, nothing about
 * who tapped. The rate limit is decided before (src/domain/feedback.ts); a
 * repeat is stored as its own kind so the owner sees how much mashing there was
 * without it counting as a vote. Reading the summary is the owner's
 * (canDo('view-report')), like the business report it sits in.
 */
import type { FeedbackData } from '../context.ts';
import { COMPLAINTS, FACES, isNpsScore, summarizeFeedback, type FeedbackSummary, type FeedbackVote } from '../domain/feedback.ts';
import { localDay } from '../domain/product.ts';
import type { DayRange } from '../domain/report/periods.ts';
import { localHour } from '../domain/report/rollups.ts';
import { getDb } from './db.ts';
import { requireRole } from './roles.ts';
import type { StoredFeedback } from './schema.ts';

function checkVote(vote: FeedbackVote): void {
  const ok =
    (vote.kind === 'face' && (FACES as readonly string[]).includes(vote.value)) ||
    (vote.kind === 'nps' && isNpsScore(vote.value)) ||
    (vote.kind === 'complaint' && (COMPLAINTS as readonly string[]).includes(vote.value)) ||
    vote.kind === 'contact' ||
    vote.kind === 'repeat';
  if (!ok) throw new RangeError(`not a feedback vote: ${JSON.stringify(vote)}`);
}

/**
 * Append one feedback record at wall-clock `at` (its local day and hour are all
 * that is kept of the time). Anyone may vote: no role is needed.
 */
export async function putFeedbackVote(vote: FeedbackVote, at: number = Date.now()): Promise<void> {
  checkVote(vote);
  const db = await getDb();
  // Only the fields of the vote: a caller's extra properties are never stored.
  const base = { day: localDay(at), hour: localHour(at) };
  let record: StoredFeedback;
  switch (vote.kind) {
    case 'face':
    case 'nps':
    case 'complaint':
      record = { kind: vote.kind, value: vote.value, ...base } as StoredFeedback;
      break;
    default:
      record = { kind: vote.kind, ...base };
  }
  await db.add('feedback', record);
}

/** Satisfaction, NPS and complaints by week for `range` (local days, inclusive). Throws NotAllowedError unless canDo('view-report'). */
export async function getFeedbackSummary(range: DayRange): Promise<FeedbackSummary> {
  requireRole('view-report');
  const db = await getDb();
  const records = await db.getAllFromIndex('feedback', 'by-day', IDBKeyRange.bound(range.from, range.to));
  return summarizeFeedback(records);
}

/** The IndexedDB-backed FeedbackData the display hands to <kiosk-feedback-faces>. */
export const feedbackData: FeedbackData = { putFeedbackVote };
