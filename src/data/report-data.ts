/** The business report's data as its screen gets it (see ReportData in src/context.ts): IndexedDB-backed. */
import type { ReportData } from '../context.ts';
import type { DayRange } from '../domain/report/periods.ts';
import type { FeedbackSummary } from '../domain/feedback.ts';
import { getInterest } from './display.ts';
import { getFeedbackSummary } from './feedback.ts';
import { getPriceBands, loadReport, putPriceBands } from './report.ts';
import { askForOwner, canDo } from './roles.ts';

/** The customers' feedback with the display's interest counts beside it (both owner-only). */
async function loadFeedback(range: DayRange): Promise<FeedbackSummary> {
  const [summary, interest] = await Promise.all([getFeedbackSummary(range), getInterest(range)]);
  return { ...summary, interest };
}

export const reportData: ReportData = { canDo, askForOwner, loadReport, getPriceBands, putPriceBands, loadFeedback };
