/** The business report's data as its screen gets it (see ReportData in src/context.ts): IndexedDB-backed. */
import type { ReportData } from '../context.ts';
import { getFeedbackSummary } from './feedback.ts';
import { getPriceBands, loadReport, putPriceBands } from './report.ts';
import { askForOwner, canDo } from './roles.ts';

export const reportData: ReportData = { canDo, askForOwner, loadReport, getPriceBands, putPriceBands, loadFeedback: getFeedbackSummary };
