/** What the session functions refuse, and the limits they check. */
import type { BasketError } from '../domain/basket.ts';
import { refusalError, SessionClosedError } from '../domain/errors.ts';
import { MAX_OPENING_STOCK } from '../domain/product.ts';
import type { CountEntryError } from '../domain/stocktake.ts';
import type { SessionKind } from './schema.ts';

export { SessionClosedError };

export class UnknownSessionError extends Error {
  override name = 'UnknownSessionError';
  readonly reason = 'unknown-session';
  constructor(readonly sessionId: string) {
    super(`No session ${sessionId}`);
  }
}

export class WrongSessionKindError extends Error {
  override name = 'WrongSessionKindError';
  readonly reason = 'wrong-kind';
  constructor(
    readonly sessionId: string,
    readonly expected: readonly SessionKind[],
    readonly actual: SessionKind,
  ) {
    super(`Session ${sessionId} is a ${actual}, not a ${expected.join(' or ')}`);
  }
}

/** A basket change the basket refused: `error` (also `reason`) says why. */
export class BasketQuantityError extends Error {
  override name = 'BasketQuantityError';
  readonly reason: BasketError;
  constructor(readonly error: BasketError) {
    super(`Basket change refused: ${error}`);
    this.reason = error;
  }
}

export class EmptyBasketError extends Error {
  override name = 'EmptyBasketError';
  readonly reason = 'empty-basket';
  constructor(readonly sessionId: string) {
    super(`Session ${sessionId} has nothing in its basket`);
  }
}

export class SaleNotClosedError extends Error {
  override name = 'SaleNotClosedError';
  readonly reason = 'sale-not-closed';
  constructor(readonly sessionId: string) {
    super(`Sale ${sessionId} is not closed: void it instead of reversing it`);
  }
}

export class SaleAlreadyReversedError extends Error {
  override name = 'SaleAlreadyReversedError';
  readonly reason = 'already-reversed';
  constructor(readonly sessionId: string) {
    super(`Sale ${sessionId} was already reversed`);
  }
}

export type ReversalReasonProblem = 'reason-required' | 'reason-too-long';

export class ReversalReasonError extends refusalError<ReversalReasonProblem>('ReversalReasonError', 'Reversal reason') {}

export class StocktakeCountError extends refusalError<CountEntryError>('StocktakeCountError', 'Count refused') {}

export type AdjustmentProblem = 'quantity-zero' | 'quantity-not-integer' | 'quantity-too-large' | 'bad-reason' | 'note-too-long';

export class AdjustmentError extends refusalError<AdjustmentProblem>('AdjustmentError', 'Adjustment refused') {}

export class DeliveryNoteError extends Error {
  override name = 'DeliveryNoteError';
  readonly reason = 'bad-note-total';
  constructor(readonly noteTotalCents: number) {
    super(`Delivery note total ${noteTotalCents} is not whole cents ≥ 0`);
  }
}

/** Characters a reversal reason may have. */
export const MAX_REASON_LENGTH = 100;
/** Characters an adjustment note may have. */
export const MAX_NOTE_LENGTH = 100;
/** Packs one adjustment may move: the same bound as opening stock and a count. */
export const MAX_ADJUSTMENT = MAX_OPENING_STOCK;
