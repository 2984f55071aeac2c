/** Stock corrected by hand: damage, loss, own use, found, correction. */
import { ADJUST_REASONS, type AdjustReason, type StockMovement } from '../domain/product.ts';
import { recordMovement } from './movements.ts';
import { requireRole } from './roles.ts';
import { AdjustmentError, MAX_ADJUSTMENT, MAX_NOTE_LENGTH, type AdjustmentProblem } from './session-errors.ts';

export function checkAdjustment(input: { quantity: number; reason: string; note?: string | undefined }): AdjustmentProblem | undefined {
  if (!Number.isSafeInteger(input.quantity)) return 'quantity-not-integer';
  if (input.quantity === 0) return 'quantity-zero';
  if (Math.abs(input.quantity) > MAX_ADJUSTMENT) return 'quantity-too-large';
  if (!(ADJUST_REASONS as readonly string[]).includes(input.reason)) return 'bad-reason';
  if (input.note !== undefined && [...input.note.trim()].length > MAX_NOTE_LENGTH) return 'note-too-long';
  return undefined;
}

/**
 * Correct stock by hand (damage, loss, own use, found, correction): one
 * 'adjustment' movement of `quantity` signed packs. Owner only (canDo('adjust')).
 */
export async function recordAdjustment(
  input: { code: string; quantity: number; reason: AdjustReason; note?: string },
  now = Date.now(),
): Promise<StockMovement> {
  const audit = requireRole('adjust');
  const problem = checkAdjustment(input);
  if (problem) throw new AdjustmentError(problem);
  const note = input.note?.trim();
  return recordMovement(
    {
      code: input.code,
      kind: 'adjustment',
      quantity: input.quantity,
      at: now,
      reason: input.reason,
      ...(note ? { note } : {}),
    },
    { ...audit, detail: `${input.code} ${input.quantity > 0 ? '+' : ''}${input.quantity} ${input.reason}` },
  );
}
