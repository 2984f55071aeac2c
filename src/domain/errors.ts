/**
 * The errors the data layer throws that a screen or component tells apart
 * (with instanceof) to say what went wrong. Pure classes, kept in the domain so
 * components can recognise them without importing src/data.
 */
import type { ProductErrors } from './product.ts';
import type { SessionStatus } from '../data/schema.ts';

/** What only the owner may do; src/domain/roles.ts says who may, src/data/roles.ts canDo() answers now. */
export type RoleAction =
  | 'adjust'
  | 'reverse-sale'
  | 'import'
  | 'edit-product'
  | 'remove-demo'
  | 'restore'
  | 'place-order'
  | 'settings'
  | 'view-report'
  | 'leave-customer-mode'
  | 'read-audit'
  | 'register-staff'
  | 'stocktake'
  | 'arrange-display'
  | 'confirm-visit'
  | 'message-rep'
  | 'read-board'
  | 'visit';

/**
 * The class of a refusal that says why in `reason` (a word a screen turns into
 * a sentence): named `name`, its message `${what}: ${reason}`. Extended, as in
 * `class AdjustmentError extends refusalError<AdjustmentProblem>('AdjustmentError', 'Adjustment refused') {}`.
 */
export function refusalError<R extends string>(name: string, what: string) {
  return class extends Error {
    override name = name;
    constructor(readonly reason: R) {
      super(`${what}: ${reason}`);
    }
  };
}

/**
 * The class of an error that always has the same `reason` (the word a screen
 * turns into a sentence), named `name`. Extended with the constructor that
 * keeps the error's details and says its message, as in
 * `class NotAllowedError extends reasonError('NotAllowedError', 'not-allowed') { constructor(…) { super(message); } }`.
 */
export function reasonError<R extends string>(name: string, reason: R) {
  return class extends Error {
    override name = name;
    readonly reason: R = reason;
  };
}

/** A form's field errors in an error message: `field error, field error`. */
export function fieldErrorsText(errors: Readonly<Partial<Record<string, string>>>): string {
  return Object.entries(errors)
    .map(([field, error]) => `${field} ${error}`)
    .join(', ');
}

export class UnknownProductError extends reasonError('UnknownProductError', 'unknown-product') {
  constructor(readonly code: string) {
    super(`No product is registered with code ${code}`);
  }
}

export class ProductValidationError extends Error {
  override name = 'ProductValidationError';
  constructor(readonly errors: ProductErrors) {
    super(`Invalid product: ${fieldErrorsText(errors)}`);
  }
}

/** Registering a code that is already a product (it would reset its stock). */
export class ProductExistsError extends Error {
  override name = 'ProductExistsError';
  constructor(readonly code: string) {
    super(`A product with code ${code} is already registered`);
  }
}

/** The code already answers to another product; linking it again would make scans ambiguous. */
export class BarcodeTakenError extends reasonError('BarcodeTakenError', 'barcode-taken') {
  constructor(
    readonly code: string,
    /** The product the code belongs to. */
    readonly takenBy: string,
  ) {
    super(`Barcode ${code} already belongs to product ${takenBy}`);
  }
}

export class NotAllowedError extends reasonError('NotAllowedError', 'not-allowed') {
  constructor(readonly action: RoleAction) {
    super(`Not allowed: ${action}`);
  }
}

/** The session is closed or voided: it cannot change any more. */
export class SessionClosedError extends reasonError('SessionClosedError', 'session-closed') {
  constructor(
    readonly sessionId: string,
    readonly status: SessionStatus,
  ) {
    super(`Session ${sessionId} is ${status}`);
  }
}

/**
 * How a storage (IndexedDB) failure can be explained to the shop:
 * - 'quota': the disk (or the browser's share of it) is full: free space, then retry.
 * - 'closed': the database connection went away (upgrade in another tab, browser
 *   shutting it); retrying reopens it.
 * - 'unknown': anything else, including Chromium's UnknownError (a damaged or
 *   unreadable database file): restart the terminal; call support if it stays.
 */
export type StorageErrorKind = 'quota' | 'closed' | 'unknown';

export function describeStorageError(err: unknown): StorageErrorKind {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const name = errorName(e);
    if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return 'quota';
    if (name === 'InvalidStateError') return 'closed';
    const message = e instanceof Error ? e.message : '';
    if (/quota/i.test(message)) return 'quota';
    // idb rejects an aborted transaction with its `error`; look inside wrappers.
    e = (e as { cause?: unknown; error?: unknown }).cause ?? (e as { error?: unknown }).error;
  }
  return 'unknown';
}

function errorName(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const name = (e as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}
