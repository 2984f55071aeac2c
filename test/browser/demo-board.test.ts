/** The demo shop's 公告板 (src/data/demo-board.ts): every column has something, made of the shop's own products. */
import { expect } from '@open-wc/testing';
import { demoBoard } from '../../src/data/demo-board.ts';
import { BOARD_KINDS, BoardItemSchema } from '../../src/domain/board-item.ts';
import { putProduct, registerProduct } from '../../src/data/products.ts';
import * as v from 'valibot';
import { ean13, freshShopWithOwner } from './shop-fixtures.ts';

describe('the demo board', () => {
  freshShopWithOwner();

  it('has an item in every column, newest first, valid items, and the supply quotas name the shop’s cigarettes', async () => {
    const shop: [string, string, string][] = [
      ['693700000001', '中华（硬）', '卷烟'],
      ['693700000002', '农夫山泉 550ml', '饮料'],
      ['693700000003', '玉溪（软）', '卷烟'],
    ];
    for (const [body, name, category] of shop) {
      const product = await registerProduct({ code: `0${ean13(body)}`, name, priceCents: 2000, unit: 'pack', openingStock: 10 });
      await putProduct({ ...product, category });
    }

    const board = await demoBoard(Date.parse('2026-12-01T04:00:00Z'));
    expect(new Set(board.items.map((i) => i.kind))).to.deep.equal(new Set(BOARD_KINDS));
    for (const item of board.items) expect(v.safeParse(BoardItemSchema, item).success, item.title).to.equal(true);
    const serials = board.items.map((i) => i.serial);
    expect(serials).to.deep.equal([...serials].sort((a, b) => b - a));
    const supply = board.items.find((i) => i.kind === 'supply')!;
    expect(supply.quotas.map((q) => q.productName).sort()).to.deep.equal(['中华（硬）', '玉溪（软）']);
    expect(board.pinned).to.equal(true);
  });
});
