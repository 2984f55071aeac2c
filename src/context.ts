/**
 * Shared state of the kiosk, provided once by <kiosk-app> and consumed with
 * @consume() wherever it is shown. All contexts live in this one module so
 * there is one place to see what is shared.
 */
import { createContext } from '@lit/context';
import type { RoleAction } from './domain/errors.ts';
import type { NewProduct, Product, ProductEdit } from './domain/product.ts';
import type { ScannerState } from './domain/scan-protocol.ts';
import type { MovementWithStock } from './data/schema.ts';
import type { DayRange } from './domain/report/periods.ts';
import type { BusinessReport } from './domain/report/report.ts';
import type { PriceBands } from './domain/report/bands.ts';
import type { FeedbackSummary, FeedbackVote } from './domain/feedback.ts';
import type { Quarter, VisitFacts } from './domain/evaluation.ts';
import type { VisitReview } from './domain/visit-review.ts';
import type { StoredEvaluation } from './data/schema.ts';

/** Connection to the terminal service's /scans WebSocket. */
export type ServiceConnection = 'connecting' | 'open' | 'closed';

/** The scanners the terminal service knows about, as last reported by it. */
export const scannerStatesContext = createContext<ScannerState[]>(Symbol('kiosk-scanner-states'));

/** Whether the page is connected to the terminal service. */
export const connectionContext = createContext<ServiceConnection>(Symbol('kiosk-connection'));

/**
 * What the elements that show or change products need of the shop's data. The
 * screens hand them `kioskData` (src/data/kiosk-data.ts) as a property; an
 * element never imports src/data itself, so its tests can pass a fake.
 */
export interface KioskData {
  /** Owner-only actions (src/data/roles.ts). */
  canDo(action: RoleAction): boolean;
  /** Ask for the owner's PIN (the one PIN pad) unless an owner session is open; true when allowed. */
  askForOwner(action: RoleAction): Promise<boolean>;
  getProduct(code: string): Promise<Product | undefined>;
  /** Throws ProductValidationError, BarcodeTakenError, NotAllowedError, UnknownProductError (src/domain/errors.ts). */
  putProduct(edit: ProductEdit): Promise<Product>;
  /** Throws ProductValidationError, ProductExistsError. */
  registerProduct(input: NewProduct): Promise<Product>;
  getProductHistory(code: string, limit?: number): Promise<MovementWithStock[]>;
}

/** The element's data, or a clear error when its screen did not pass any (a bug, not a state to show). */
export function requireData(data: KioskData | undefined, element: string): KioskData {
  if (!data) throw new Error(`<${element}> needs .data (the shop's data) from its screen`);
  return data;
}

/**
 * What the business report screen needs of the shop's data (src/data/report-data.ts
 * is the real one, loading the report code only when asked): the same pattern as
 * KioskData, kept apart so the counter's elements do not carry the report.
 */
export interface ReportData {
  /** canDo('view-report') and the other owner-only actions (src/data/roles.ts). */
  canDo(action: RoleAction): boolean;
  /** Opens the PIN pad when no owner is signed in; true once the owner is. */
  askForOwner(action: RoleAction): Promise<boolean>;
  /** Throws NotAllowedError without canDo('view-report'). */
  loadReport(range: DayRange, options?: { now?: number }): Promise<BusinessReport>;
  /** The price bands in use (the owner's or the defaults). */
  getPriceBands(): Promise<PriceBands>;
  /** Save the owner's band limits ('settings', owner only); throws PriceBandsError for a wrong list. */
  putPriceBands(limits: { cartonLimitsCents: readonly number[]; packLimitsCents: readonly number[] }): Promise<PriceBands>;
  /** The customers' feedback by week (issue 11). Throws NotAllowedError without canDo('view-report'). */
  loadFeedback(range: DayRange): Promise<FeedbackSummary>;
}

/**
 * What <kiosk-feedback-faces> needs to store a customer's tap: the real one is
 * feedbackData (src/data/feedback.ts); the display page hands it down, tests a fake.
 * Voting needs no role: it is the customer's.
 */
export interface FeedbackData {
  /** Appends one record (a face, an NPS answer, a complaint, a contact request or a repeat) at wall-clock `at`. */
  putFeedbackVote(vote: FeedbackVote, at?: number): Promise<void>;
}

/**
 * What the rep's review and the quarterly evaluation (issue 12) need of the
 * shop's data: `evaluationData` in src/data/evaluation-data.ts, a fake in tests.
 */
export interface VisitEvaluationData {
  loadVisitReview(since: string, today?: string): Promise<VisitReview>;
  getEvaluations(): Promise<StoredEvaluation[]>;
  /** Grade `quarter` now from the ledger and the visits given, and keep it. */
  gradeQuarter(quarter: Quarter, visits: readonly VisitFacts[]): Promise<StoredEvaluation>;
  markRectified(quarter: string, criterion: string, day: string): Promise<StoredEvaluation | undefined>;
  /** The terminal's bundle-signing identity (made on first use): shown so the rep can compare it at enrolment. */
  terminalIdentity(): Promise<{ terminalId: string; publicKey: string; fingerprint: string }>;
}
