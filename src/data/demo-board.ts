/**
 * The demo shop's 公告板: an item or two in every column, made for the demo
 * shop's own products, so the owner's board in the demo (and its screenshots)
 * is not empty. A real terminal's board comes from the terminal service
 * (board-service.ts), verified against the supplier's pinned key; on a demo
 * page everything, this board too, is marked 演示数据. Loaded with import() by
 * a demo page's board screen only.
 */
import { BOARD_ITEM_FORMAT, type BoardItem } from '../domain/board-item.ts';
import { gs1CheckDigit } from '../domain/barcode.ts';
import type { Product } from '../domain/product.ts';
import type { BoardService, BoardView } from './board-service.ts';
import { listProducts } from './products.ts';

const DAY_MS = 24 * 3600_000;

/** A product the demo shop does not sell yet, for the 新品宣传 column. */
function newProductCode(): string {
  const body = '693999000011';
  return `0${body}${gs1CheckDigit(body)}`;
}

/** The demo board as the service would give it; `now` dates the items over the last weeks. */
export async function demoBoard(now = Date.now()): Promise<BoardView> {
  // One pack of each of the first brands, as a supply notice lists them.
  const brands = new Map<string, Product>();
  for (const p of await listProducts()) if (p.category === '卷烟' && !brands.has(p.brand ?? p.name)) brands.set(p.brand ?? p.name, p);
  const cigarettes = [...brands.values()].slice(0, 4);
  let serial = 40;
  const item = (daysAgo: number, id: string, over: Pick<BoardItem, 'kind' | 'title' | 'body'> & Partial<BoardItem>): BoardItem => ({
    format: BOARD_ITEM_FORMAT,
    // Fixed ids: what the owner opened stays read across reloads of the demo.
    id,
    serial: (serial += 1),
    district: '演示区',
    terminalId: 'demo',
    postedBy: '王经理',
    postedAt: new Date(now - daysAgo * DAY_MS).toISOString(),
    quotas: [],
    product: null,
    picture: null,
    ...over,
  });
  const items = [
    item(20, '0d6c2f1e-5a7b-4c3d-9e10-2a3b4c5d6e01', {
      kind: 'training',
      title: '柜台陈列培训：新品放在收银台旁',
      body: '新品上市的前两周，请把新品放在收银台旁的陈列架上，价签朝外。下周二下午客户经理到店讲解。',
    }),
    item(12, '0d6c2f1e-5a7b-4c3d-9e10-2a3b4c5d6e02', {
      kind: 'new-product',
      title: '新品上市：黄山（新制皖烟）',
      body: '焦油量 10mg，20 支/盒，建议零售价 25 元/盒。本月起可订，每店首批 2 条。',
      product: { code: newProductCode(), name: '黄山（新制皖烟）', priceCents: 2500 },
    }),
    item(6, '0d6c2f1e-5a7b-4c3d-9e10-2a3b4c5d6e03', {
      kind: 'supply',
      title: '本月货源：紧俏品规按周配额',
      body: '以下品规本月按周配额供应，其余品规正常供应。请按配额下单，超出部分不予配送。',
      quotas: cigarettes.map((p, i) => ({ productCode: p.code, productName: p.name, packsPerWeek: 20 + 10 * i })),
    }),
    item(1, '0d6c2f1e-5a7b-4c3d-9e10-2a3b4c5d6e04', {
      kind: 'message',
      title: '本周拜访时间',
      body: '张老板您好，我周四上午到店，顺便核对上次的盘点差异。有需要请留言。',
    }),
  ];
  // Newest first, as the service gives them.
  return { pinned: true, items: items.reverse(), refused: [], lastProblem: null };
}

/** The board service of a demo page: the demo board, and no USB stick. */
export const demoBoardService: BoardService = {
  view: () => demoBoard(),
  importFromUsb: () => Promise.resolve({ kept: 0, known: 4, refused: 0 }),
};
