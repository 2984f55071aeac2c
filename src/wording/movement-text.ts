/** A stock movement's kind and reason in words. */
import { msg } from '@lit/localize';
import type { MovementKind } from '../domain/product.ts';

export function movementKindText(kind: MovementKind): string {
  switch (kind) {
    case 'sale':
      return msg('销售');
    case 'sale-reversal':
      return msg('销售撤销');
    case 'receipt':
      return msg('入库');
    case 'stocktake':
      return msg('盘点调整');
    case 'adjustment':
      return msg('调整');
    case 'opening':
      return msg('期初');
    default:
      return String(kind);
  }
}

/** Words for a movement's reason where we know it (adjust reasons); otherwise as stored. */
export function reasonText(reason: string | undefined): string {
  switch (reason) {
    case undefined:
    case '':
      return '';
    case 'damage':
      return msg('报损');
    case 'loss':
      return msg('丢失');
    case 'own-use':
      return msg('自用');
    case 'found':
      return msg('盘盈/找到');
    case 'correction':
      return msg('更正');
    case 'stocktake':
      return msg('盘点');
    default:
      return reason;
  }
}

/** The preset reasons for reversing a sale, stored as these keys. */
export type ReversalReasonKey = 'customer-return' | 'wrong-scan';

/** A reversal's reason as stored (a key for the presets, the owner's words otherwise) in words. */
export function reversalReasonText(reason: string): string {
  switch (reason) {
    case 'customer-return':
      return msg('顾客退货');
    case 'wrong-scan':
      return msg('收银错误');
    default:
      return reason;
  }
}
