/** A board item as the collector would sign it, for the terminal's tests (Node and browser alike). */
import { BOARD_ITEM_FORMAT, type BoardItem } from '../../src/domain/board-item.ts';

export function boardItem(serial: number, overrides: Partial<BoardItem> = {}): BoardItem {
  return {
    format: BOARD_ITEM_FORMAT,
    id: crypto.randomUUID(),
    serial,
    district: 'D1',
    terminalId: 'T1',
    kind: 'training',
    title: `培训 ${serial}`,
    body: '',
    postedBy: '王经理',
    postedAt: '2026-11-30T02:00:00.000Z',
    quotas: [],
    product: null,
    picture: null,
    ...overrides,
  };
}
