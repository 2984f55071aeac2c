/** The supplier's board in the shop's words: the kinds of post. */
import { msg } from '@lit/localize';
import type { BoardKind } from '../domain/board-item.ts';

export function boardKindName(kind: BoardKind): string {
  const names: Record<BoardKind, string> = {
    supply: msg('货源信息'),
    'new-product': msg('新品宣传'),
    training: msg('客户培训'),
    message: msg('客户经理留言'),
  };
  return names[kind];
}
