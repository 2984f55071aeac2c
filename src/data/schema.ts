/**
 * The kiosk database's typed schema and every record type stored in it. Kept
 * apart from db.ts (which opens the database) and from the modules that read
 * and write each store, so those modules and db.ts import their types from here
 * and never from each other: no import cycle through the record types.
 */
import type { DBSchema, StoreNames } from 'idb';
import type { EvaluationSettings, FollowUp as GradeFollowUp, QuarterEvaluation, QuarterFigures } from '../domain/evaluation.ts';
import type { FeedbackRecord } from '../domain/feedback.ts';
import type { DisplayPlan } from '../domain/display-plan.ts';
import type { LegalNoticeSettings } from '../domain/legal-notices.ts';
import type { Basket, BasketLine } from '../domain/basket.ts';
import type { DeliveryLine } from '../domain/delivery-check.ts';
import type { DailyTotal, Product, StockMovement } from '../domain/product.ts';
import type { DayProducts, HourlyTotal } from '../domain/report/rollups.ts';
import type { ReorderSettingsRecord } from '../domain/reorder/settings.ts';
import type { Scan } from '../domain/scan-protocol.ts';
import type { CountEntry, StocktakeResult } from '../domain/stocktake.ts';
import type { BarcodeLink } from '../domain/units.ts';
import type { RoleAction } from '../domain/errors.ts';
import type { LockoutState } from '../domain/lockout.ts';
import type { PinHash } from '../domain/pin.ts';
import type { Role } from '../domain/roles.ts';
import type { FollowUp, PriceTagLine, VisitChecklist } from '../domain/visit.ts';

// ---------------------------------------------------------------- counter sessions

export type SessionKind = 'sale' | 'delivery' | 'stocktake';
export type SessionStatus = 'open' | 'closed' | 'voided';

interface SessionBase {
  id: string;
  kind: SessionKind;
  status: SessionStatus;
  openedAt: number;
  closedAt?: number;
  /** increasing number given at close: "last closed sale" never depends on the wall clock */
  closedSeq?: number;
  /**
   * One more on every write of the record (absent: 0). A screen that gets copies
   * of the session from writes that finish in a different order than they
   * committed (a scan applied as it was stored, a tap's edit) keeps the highest.
   */
  rev?: number;
}

export interface SaleSession extends SessionBase {
  kind: 'sale';
  basket: Basket;
  /** When the first scan went into the basket: the customer's wait runs from here to closedAt. */
  firstScanAt?: number;
  totalCents?: number;
  reversal?: { at: number; reason: string };
}

export interface DeliverySession extends SessionBase {
  kind: 'delivery';
  basket: Basket;
  /** The total printed on the supplier's delivery note, to check against totalCents. */
  noteTotalCents?: number;
  totalCents?: number;
  supplierNote?: string;
}

export interface StocktakeSessionRecord extends SessionBase {
  kind: 'stocktake';
  /** The standing count entries (recounts replaced), in seq order. */
  counts: CountEntry[];
  nextSeq: number;
  /** The shelf being counted now, remembered across a reload. */
  shelf?: string;
  result?: StocktakeResult;
}

export type CounterSession = SaleSession | DeliverySession | StocktakeSessionRecord;

/**
 * The stored record of an open sale or delivery (DB version 12): the basket's
 * lines are records of their own in `basketLines`, so a scan writes its line and
 * this small head, not the whole basket again. Closed or voided, the lines are
 * folded back into `basket` and the session is a CounterSession as before. A
 * CounterSession that is open (written by version 11, or restored from its
 * backup) is read as it is and stored apart on its next write.
 */
export type OpenBasketHead = OpenHeadOf<SaleSession> | OpenHeadOf<DeliverySession>;
type OpenHeadOf<S extends BasketSession> = Omit<S, 'basket' | 'status'> & { status: 'open'; linesApart: true; nextLineNo: number };

/** What the sessions store holds: a session whole, or an open basket's head. */
export type SessionRecord = CounterSession | OpenBasketHead;

/** One line of an open basket, keyed by [sessionId, no] so a session's lines read back in the order they were added. */
export interface StoredBasketLine extends BasketLine {
  sessionId: string;
  /** The line's number, the N of its lineId "LN". */
  no: number;
}
export type SessionOfKind<K extends SessionKind> = Extract<CounterSession, { kind: K }>;
export type BasketSession = SaleSession | DeliverySession;

// ---------------------------------------------------------------- orders to the supplier

export type OrderStatus = 'draft' | 'placed' | 'received' | 'cancelled';

export interface OrderLine {
  code: string;
  /** Order units (cartons) to order. */
  units: number;
  /** units × packs per order unit. */
  packs: number;
  /** What the engine suggested, in order units, when the line was last saved. */
  suggestedUnits: number;
  /** The owner typed this quantity: a new suggestion does not replace it. */
  ownerEdited: boolean;
  /** Cost of one order unit, integer cents (0 when the cost price is unknown). */
  unitCostCents: number;
  /** The product's name when ordered, for the CSV and the printed page. */
  name?: string;
}

export interface Order {
  id: string;
  status: OrderStatus;
  createdAt: number;
  updatedAt?: number;
  placedAt?: number;
  /** Local day the order was placed on (quotas count orders by it). */
  placedDay?: string;
  placedSeq?: number;
  receivedAt?: number;
  /** The delivery that brought it. */
  deliverySessionId?: string;
  /** That delivery compared with the order line by line when it was received (short, over, substituted). */
  deliveryCheck?: DeliveryLine[];
  cancelledAt?: number;
  lines: OrderLine[];
  totalCents: number;
}

// ---------------------------------------------------------------- reorder settings and quotas

/** A record of the `settings` store: the settings `T`, kept under their own `key`, stamped when last saved. */
type SettingsRecord<K extends string, T> = T & { key: K; updatedAt: number };

/** The settings as stored: one record under the key 'reorder'. */
export type StoredReorderSettings = SettingsRecord<'reorder', ReorderSettingsRecord>;

/** The supplier's evaluation settings (weights, grade thresholds), checked by validateEvaluationSettings. */
export type StoredEvaluationSettings = SettingsRecord<'evaluation-settings', EvaluationSettings>;

/** One quarter's evaluation as graded (issue 12): what was scored, from which figures, and its follow-up. */
export interface StoredEvaluation {
  /** 'YYYY-Qn' */
  quarter: string;
  /** Local day it was graded on (a visit in or after the quarter). */
  evaluatedOn: string;
  /** Wall clock, for reading only. */
  evaluatedAt: number;
  figures: QuarterFigures;
  evaluation: QuarterEvaluation;
  settings: EvaluationSettings;
  followUp: GradeFollowUp;
}

/** The owner's price bands for the report's structure section (limits in cents, ascending). */
export type StoredPriceBands = SettingsRecord<'report-price-bands', { cartonLimitsCents: number[]; packLimitsCents: number[] }>;

/** The customer display's loop: which products, in what order, from when to when (issue 11). */
export type StoredDisplayPlan = SettingsRecord<'display-plan', DisplayPlan>;

/** The legal notices' wording on the customer display (issue 11). */
export type StoredLegalNotices = SettingsRecord<'legal-notices', LegalNoticeSettings>;

/** A quota as the owner or the rep enters it: order units of a product allowed in a period. */
export interface StoredQuota {
  code: string;
  units: number;
  periodStart: string;
  periodEnd: string;
  updatedAt?: number;
}

// ---------------------------------------------------------------- movements

/** A recorded movement with the product's stock right after it. */
export type MovementWithStock = StockMovement & { id: number; stockAfter: number };

// ---------------------------------------------------------------- the database

/** A scan as kept on the terminal: the protocol's Scan plus when this page stored it. */
/**
 * A scan as kept on the terminal: the protocol's Scan plus when this page stored
 * it and, for a scan in 销售/入库, the basket kind it was added to in the same
 * transaction (absent: it only was kept and shown).
 */
export type StoredScan = Scan & { storedAt: number; into?: 'sale' | 'delivery' };

/**
 * Raw scans of one local day (by storedAt) in one record, in the service's
 * (boot, seq) order: what the nightly compaction makes of the scans of days
 * before yesterday (src/data/compaction.ts). Read through src/data/history.ts.
 */
export interface ScanDayBlock {
  day: string;
  scans: StoredScan[];
}

/**
 * One product's movements of one month ('YYYY-MM' of their day) in one
 * record, in recording (id) order: what the nightly compaction makes of the
 * movements of days before today. Read through src/data/history.ts.
 */
export interface MovementBlock {
  code: string;
  month: string;
  movements: (StockMovement & { id: number })[];
}

// ---------------------------------------------------------------- roles, PINs, audit (issue 10)

/** Someone who signs in with a PIN: the owner (id 'owner'), a clerk, a rep. */
export interface StaffMember {
  id: string;
  role: Role;
  name: string;
  /** A rep's staff number (工号) with the supplier. */
  staffNumber?: string;
  pin: PinHash;
  /** The owner's one-time recovery code, hashed; gone once used. */
  recovery?: PinHash;
  /** Wall clock, for reading only. */
  createdAt: number;
}

export type AuditKind =
  | 'session-opened'
  | 'session-closed'
  | 'pin-failed'
  | 'pin-locked'
  | 'owner-action'
  | 'owner-pin-set'
  | 'owner-pin-recovered'
  | 'owner-pin-reset-on-terminal'
  | 'staff-registered';

/** One line of the append-only audit log. */
export interface AuditEntry {
  /** Recording order (auto-increment): never the wall clock. */
  seq?: number;
  /** Wall clock when written, for reading only (it may have jumped). */
  at: number;
  kind: AuditKind;
  /** Who: the signed-in person for actions and session ends, the person tried for a PIN. */
  staffId?: string;
  role?: Role;
  name?: string;
  action?: RoleAction;
  /** Why a session closed ('lock-button', 'idle', 'sign-in'), how long a lock is, and so on. */
  detail?: string;
}

/**
 * Small security records: the PIN lockout (kept across reloads), the idle lock,
 * the terminal's own bundle-signing key pair (the private key non-extractable:
 * a backup writes it as {}, a restore never touches this store) and its bundle
 * counter.
 */
export type SecurityRecord =
  | ({ key: 'lockout' } & LockoutState)
  | { key: 'idle-lock'; minutes: number }
  | { key: 'signing-key'; privateKey: CryptoKey; publicKey: string; createdAt: number }
  | { key: 'bundle-sequence'; last: number };

// ---------------------------------------------------------------- the rep's visit (issue 12)

/**
 * open: being worked on; paused: the rep stepped away (resumed as it was);
 * awaiting-confirmation: the rep closed it, the owner has not confirmed yet;
 * confirmed: the owner confirmed with their PIN, read-only from then on.
 */
export type VisitStatus = 'open' | 'paused' | 'awaiting-confirmation' | 'confirmed';

/** Which part of the visit screen the rep was on, so a reload comes back to it. */
export type VisitTab = 'audit' | 'checklist' | 'notes' | 'summary' | 'review' | 'quarter';

export interface VisitRecord {
  id: string;
  /** Visit order, one more than any before: the order of visits never depends on the wall clock. */
  seq: number;
  repStaffId: string;
  repName: string;
  /** Wall clock when started, for reading only (it may have jumped). */
  startedAt: number;
  /** Local day it started. */
  startDay: string;
  status: VisitStatus;
  checklist: VisitChecklist;
  /** The price-tag audit's figures, written with each mark (the lines are in priceTagAudits). */
  priceTags?: { checked: number; missing: number; wrongPrice: number };
  notes: string;
  nextActions: FollowUp[];
  tab: VisitTab;
  /** Time worked on it, summed from a monotonic clock over its stretches (reloads, pauses). */
  activeMs: number;
  closedAt?: number;
  confirmedAt?: number;
  /** Duration as confirmed (activeMs then). */
  durationMs?: number;
  /** One more on every write. */
  rev: number;
}

/** One visit's price-tag audit (价签检查): a line per product on display checked. */
export interface PriceTagAuditRecord {
  visitId: string;
  lines: PriceTagLine[];
  updatedAt: number;
}

/** "给客户经理留言": what the owner writes to the rep between visits. */
export interface OwnerMessage {
  /** Writing order (auto-increment): never the wall clock. */
  id?: number;
  text: string;
  /** Wall clock, for reading only. */
  writtenAt: number;
  /** The visit it was read in, once the rep has read it. */
  readInVisitId?: string;
}

export interface KioskDB extends DBSchema {
  products: {
    key: string;
    value: Product;
    indexes: { 'by-name': string };
  };
  scans: {
    key: string;
    value: StoredScan;
    indexes: {
      /** Boot counter then sequence: the service's order, immune to clock jumps. */
      'by-order': [number, number];
      'by-code': string;
    };
  };
  movements: {
    key: number;
    value: StockMovement;
    indexes: {
      /** [code, id]: one product's history in recording order. */
      'by-product': [string, number];
      'by-day': string;
    };
  };
  /** Old movements as blocks per product and month (DB version 10). */
  movementBlocks: {
    key: [string, string];
    value: MovementBlock;
  };
  /** Old raw scans as one block per local day (DB version 10). */
  scanBlocks: {
    key: string;
    value: ScanDayBlock;
  };
  /**
   * The current day's totals, one record per (code, day), the write path's own
   * copy: every day's totals are in `dayProducts`, which readers read, and the
   * nightly compaction deletes these rows once their day is over.
   */
  dailyTotals: {
    key: [string, string];
    value: DailyTotal;
    indexes: { 'by-day': string };
  };
  /** Every barcode a product answers to: its pack code ×1, its carton code ×packsPerCarton. */
  barcodes: {
    key: string;
    value: BarcodeLink;
    indexes: { 'by-product': string };
  };
  /** Baskets, deliveries and stocktakes, saved on every change so a crash loses nothing. */
  sessions: {
    key: string;
    value: SessionRecord;
    indexes: {
      'by-kind-status': [SessionKind, SessionStatus];
      /** Closing order; never the wall clock. Sessions not closed have no closedSeq and are not in it. */
      'by-closed': number;
    };
  };
  /** The lines of the open sales and deliveries (DB version 12); see OpenBasketHead. */
  basketLines: {
    key: [string, number];
    value: StoredBasketLine;
  };
  /** Orders to the supplier: one draft being edited, placed ones on order until received. */
  orders: {
    key: string;
    value: Order;
    indexes: {
      'by-status': OrderStatus;
      /** Placing order; never the wall clock. Drafts have no placedSeq and are not in it. */
      'by-placed': number;
    };
  };
  /** Small records by name; 'reorder' holds the ordering settings. */
  settings: {
    key: string;
    value: StoredReorderSettings | StoredPriceBands | StoredEvaluationSettings | StoredDisplayPlan | StoredLegalNotices;
  };
  /** Quotas of scarce products (紧俏货源), one per product. */
  quotas: {
    key: string;
    value: StoredQuota;
  };
  /** The owner, clerks and reps with their PIN hashes. */
  staff: {
    key: string;
    value: StaffMember;
    indexes: { 'by-role': Role };
  };
  /** Append-only: src/data/audit.ts only ever adds. */
  audit: {
    key: number;
    value: AuditEntry;
  };
  security: {
    key: SecurityRecord['key'];
    value: SecurityRecord;
  };
  /**
   * The business report's hourly rollup: the shop's sales money, packs, number
   * of sales and waiting times per local [day, hour], written in the
   * transaction that closes or reverses the sale.
   */
  hourlyTotals: {
    key: [string, number];
    value: HourlyTotal;
  };
  /** Every product's daily total of one day in one record (the report reads a month in 30 reads). */
  dayProducts: {
    key: string;
    value: DayProducts;
  };
  /**
   * Customer feedback (issue 11), append-only: one record per face, NPS answer,
   * complaint, contact request or repeat tap, with its local day and hour only.
   */
  feedback: {
    key: number;
    value: StoredFeedback;
    indexes: { 'by-day': string };
  };
  /** The quarterly five-function evaluations (issue 12), one per quarter; a regrade replaces it. */
  evaluations: {
    key: string;
    value: StoredEvaluation;
  };
  /** Product pictures for the customer display, one per product code, as Blobs. */
  pictures: {
    key: string;
    value: StoredPicture;
  };
  /** How often customers looked a product up at the display scanner, per [code, day]. */
  interest: {
    key: [string, string];
    value: InterestCount;
    indexes: { 'by-day': string };
  };
  /** The rep's visits (issue 12), written as they happen. */
  visits: {
    key: string;
    value: VisitRecord;
    indexes: { 'by-seq': number; 'by-status': VisitStatus };
  };
  priceTagAudits: {
    key: string;
    value: PriceTagAuditRecord;
  };
  ownerMessages: {
    key: number;
    value: OwnerMessage;
  };
  /** The supplier's board items the owner has opened (issue 15); the items themselves stay with the terminal service. */
  boardReads: {
    key: string;
    value: BoardRead;
  };
}

/** One board item as the owner has dealt with it; its acknowledgement goes out with every bundle. */
export interface BoardRead {
  itemId: string;
  /** Local day the owner first opened it (the bundle's `seenOn`). */
  seenOn: string;
  /** Wall clock, for reading only. */
  readAt: number;
  /** 新品宣传: the owner put the product into the display's loop. */
  acceptedAt?: number;
  /** 货源信息: the item's quotas were written to the order screen's quotas. */
  quotasAppliedAt?: number;
}

/** A product's picture for the customer display, shrunk on import (src/data/pictures.ts). */
export interface StoredPicture {
  /** The product's code (one picture per product). */
  code: string;
  blob: Blob;
  width: number;
  height: number;
  /** Wall clock, for reading only. */
  importedAt: number;
}

/** Display-scanner look-ups of one product on one local day: interest, counted anonymously. */
export interface InterestCount {
  code: string;
  day: string;
  scans: number;
}

/** A feedback record as stored; `id` is given by the store (its order of arrival). */
export type StoredFeedback = FeedbackRecord & { id?: number };

export type KioskStore = StoreNames<KioskDB>;
