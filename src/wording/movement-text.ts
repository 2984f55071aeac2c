/** A stock movement's kind and reason in words. */
import { msg } from '@lit/localize';
import type { AdjustReason, MovementKind } from '../domain/product.ts';

/**
 * The words for a stored key the table knows; any other text (a kind or reason
 * from an older build, the owner's own words) as stored. `Object.hasOwn`, not
 * `words[stored]`: typed text such as "constructor" must not find Object's own.
 */
function wordsOrAsStored<K extends string>(words: Record<K, string>, stored: string): string {
  return Object.hasOwn(words, stored) ? words[stored as K] : stored;
}

export function movementKindText(kind: MovementKind): string {
  const words: Record<MovementKind, string> = {
    sale: msg('销售'),
    'sale-reversal': msg('销售撤销'),
    receipt: msg('入库'),
    stocktake: msg('盘点调整'),
    adjustment: msg('调整'),
    opening: msg('期初'),
  };
  // String(): a record from an older build is not bound by the type.
  return wordsOrAsStored(words, String(kind));
}

/** Words for a movement's reason where we know it (adjust reasons); otherwise as stored. */
export function reasonText(reason: string | undefined): string {
  const words: Record<AdjustReason | 'stocktake', string> = {
    damage: msg('报损'),
    loss: msg('丢失'),
    'own-use': msg('自用'),
    found: msg('盘盈/找到'),
    correction: msg('更正'),
    stocktake: msg('盘点'),
  };
  return wordsOrAsStored(words, reason ?? '');
}

/** The preset reasons for reversing a sale, stored as these keys. */
export type ReversalReasonKey = 'customer-return' | 'wrong-scan';

/** A reversal's reason as stored (a key for the presets, the owner's words otherwise) in words. */
export function reversalReasonText(reason: string): string {
  const words: Record<ReversalReasonKey, string> = {
    'customer-return': msg('顾客退货'),
    'wrong-scan': msg('收银错误'),
  };
  return wordsOrAsStored(words, reason);
}
