import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import '../../src/screens/kiosk-board-screen.ts';
import type { KioskBoardScreen } from '../../src/screens/kiosk-board-screen.ts';
import type { KioskRegisterForm } from '../../src/components/kiosk-register-form.ts';
import type { BoardItem } from '../../src/domain/board-item.ts';
import type { BoardView } from '../../src/data/board-service.ts';
import type { OutboxService } from '../../src/data/outbox.ts';
import { getBoardReads, weekOf } from '../../src/data/board.ts';
import { getDb } from '../../src/data/db.ts';
import { getDisplayPlan, listDisplayProducts } from '../../src/data/display.ts';
import { getProduct, registerProduct } from '../../src/data/products.ts';
import { putQuota } from '../../src/data/reorder.ts';
import { forgetSessionForTests } from '../../src/data/roles.ts';
import { gunzipText } from '../../src/data/visit-bundle.ts';
import { localDay } from '../../src/domain/product.ts';
import type { SignedFleetBundle } from '../../src/domain/fleet-bundle.ts';
import { boardItem } from '../helpers/board-item.ts';
import { clickAndUpdate, deep, deepText, maybeDeep } from './shadow-dom.ts';
import { ean13, freshShopWithOwner } from './shop-fixtures.ts';

const KNOWN = `0${ean13('690300800101')}`;
const NEW = `0${ean13('690300800102')}`;
const SHELF = `0${ean13('690300800103')}`;
// A 1×1 PNG.
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

let serial = 0;
function item(over: Partial<BoardItem>): BoardItem {
  serial += 1;
  return boardItem(serial, { title: `公告 ${serial}`, ...over });
}

function boardOf(items: BoardItem[], over: Partial<BoardView> = {}): BoardView {
  return { pinned: true, items, refused: [], lastProblem: null, ...over };
}

async function screen(board: BoardView | undefined, outbox?: OutboxService): Promise<KioskBoardScreen> {
  const el = await fixture<KioskBoardScreen>(
    html`<kiosk-board-screen .board=${board} .boardService=${{ view: async () => undefined, importFromUsb: async () => undefined }} .outbox=${outbox}></kiosk-board-screen>`,
  );
  await waitFor(() => !deepText(el).includes('正在读取公告'), 'the board did not load');
  await el.updateComplete;
  return el;
}

describe('kiosk-board-screen (公告板)', () => {
  freshShopWithOwner(async () => {
    await registerProduct({ code: KNOWN, name: '黄金叶（天叶）', priceCents: 1000, unit: 'pack', openingStock: 5, packsPerCarton: 10 });
    await registerProduct({ code: SHELF, name: '红旗渠（银河）', priceCents: 800, unit: 'pack', openingStock: 5 });
  });

  it('shows the items by column, newest first, unread marked, and the verified signature with the newest date', async () => {
    const older = item({ kind: 'supply', title: '十一月货源' });
    const training = item({ kind: 'training', title: '陈列培训' });
    const newer = item({ kind: 'supply', title: '十二月货源', postedAt: '2026-12-01T01:00:00.000Z' });
    const el = await screen(boardOf([older, training, newer]));
    expect(deepText(deep(el, '[data-kind="verified"]')))
      .to.include('供货商签名已验证')
      .and.include(`第 ${newer.serial} 号`);
    const rows = [...el.shadowRoot!.querySelectorAll('[data-kind="items"] li')];
    expect(rows.map((r) => r.getAttribute('data-item'))).to.deep.equal([newer.id, older.id]);
    expect(rows.every((r) => r.getAttribute('data-unread') === 'true')).to.equal(true);
    expect(deep(el, 'button[data-column="supply"] [data-unread-count]').getAttribute('data-unread-count')).to.equal('2');

    await clickAndUpdate(el, 'button[data-column="training"]');
    expect(deepText(deep(el, '[data-kind="items"]'))).to.include('陈列培训');
    expect(deepText(deep(el, '[data-kind="items"]'))).not.to.include('十二月货源');

    // Opening an item marks it read, on screen and in IndexedDB (the receipt the next bundle carries).
    await clickAndUpdate(el, `li[data-item="${training.id}"] button[name="open-item"]`);
    await waitFor(() => deep(el, `li[data-item="${training.id}"]`).getAttribute('data-unread') === 'false', 'still unread');
    expect((await getBoardReads()).get(training.id)!.seenOn).to.equal(localDay(Date.now()));
    expect(maybeDeep(el, 'button[data-column="training"] [data-unread-count]')).to.equal(null);
  });

  it('shows the rep’s messages to this shop in their own column', async () => {
    const message = item({ kind: 'message', title: '周四来拜访', body: '请准备好进货单', postedBy: '李业务' });
    const el = await screen(boardOf([message, item({ kind: 'supply' })]));
    await clickAndUpdate(el, 'button[data-column="message"]');
    expect(deepText(deep(el, 'button[data-column="message"]'))).to.include('客户经理留言');
    await clickAndUpdate(el, `li[data-item="${message.id}"] button[name="open-item"]`);
    expect(deepText(deep(el, '[data-kind="items"]')))
      .to.include('李业务')
      .and.include('请准备好进货单');
  });

  it('says what to do when there is no board, no key pinned, no service, or items were refused', async () => {
    expect(deepText(deep(await screen(boardOf([])), '[data-kind="empty"]'))).to.include('从 U 盘导入');
    expect(deepText(deep(await screen(boardOf([], { pinned: false })), '[data-kind="not-pinned"]'))).to.include('--collector-key');
    expect(maybeDeep(await screen(undefined), '[data-kind="unreachable"]')).not.to.equal(null);
    const refused = await screen(boardOf([item({})], { refused: [{ source: 'usb', id: null, reason: 'bad signature' }] }));
    expect(deepText(deep(refused, '[data-kind="refused"]'))).to.include('1 条公告没有通过签名验证');
  });

  it('is the owner’s only: without an owner session it asks for the PIN and shows nothing', async () => {
    forgetSessionForTests();
    const el = await screen(boardOf([item({ title: '秘密配额' })]));
    expect(maybeDeep(el, '[data-kind="owner-needed"]')).not.to.equal(null);
    expect(deepText(el)).not.to.include('秘密配额');
  });

  it('accepts a promoted product the shop sells into the display loop, keeping the new products there, with its picture', async () => {
    const db = await getDb();
    await db.put('products', { ...(await db.get('products', SHELF))!, isNew: true });
    const promo = item({
      kind: 'new-product',
      title: '新品上市',
      product: { code: KNOWN, name: '黄金叶（天叶）', priceCents: 1000 },
      picture: { mediaType: 'image/png', base64: PIXEL },
    });
    const el = await screen(boardOf([promo]));
    await clickAndUpdate(el, 'button[data-column="new-product"]');
    await clickAndUpdate(el, `li[data-item="${promo.id}"] button[name="open-item"]`);
    await clickAndUpdate(el, 'button[name="accept"]');
    await waitFor(() => maybeDeep(el, '[data-kind="accepted"]') !== null, 'not accepted');
    const plan = await getDisplayPlan();
    expect(plan!.entries.map((e) => e.code)).to.deep.equal([SHELF, KNOWN]);
    expect((await listDisplayProducts()).map((p) => p.code)).to.include(KNOWN);
    expect(await db.get('pictures', KNOWN)).not.to.equal(undefined);
    expect((await getBoardReads()).get(promo.id)!.acceptedAt).to.be.a('number');
  });

  it('registers a promoted product the shop does not sell from the item’s data, then accepts it', async () => {
    const promo = item({ kind: 'new-product', title: '新品', product: { code: NEW, name: '黄鹤楼（新品）', priceCents: 2550 } });
    const el = await screen(boardOf([promo]));
    await clickAndUpdate(el, 'button[data-column="new-product"]');
    await clickAndUpdate(el, `li[data-item="${promo.id}"] button[name="open-item"]`);
    await clickAndUpdate(el, 'button[name="accept"]');
    await waitFor(() => maybeDeep(el, 'kiosk-register-form') !== null, 'no register form');
    const form = deep<KioskRegisterForm>(el, 'kiosk-register-form');
    await form.updateComplete;
    expect(form.code).to.equal(NEW);
    expect(deep<HTMLInputElement>(form, 'input[name="name"]').value).to.equal('黄鹤楼（新品）');
    deep(form, 'button[name="save"]').click();
    await waitFor(async () => (await getDisplayPlan())?.entries.some((e) => e.code === NEW) ?? false, 'not in the plan');
    expect(await getProduct(NEW)).to.include({ name: '黄鹤楼（新品）', priceCents: 2550, isNew: true });
    await waitFor(() => maybeDeep(el, '[data-kind="accepted"]') !== null, 'the screen did not say so');
  });

  it('applies a supply item’s quotas as this week’s order quotas in cartons and shows what changed', async () => {
    const week = weekOf(localDay(Date.now()));
    await putQuota({ code: KNOWN, units: 9, periodStart: '2026-01-01', periodEnd: '2026-01-31' });
    const supply = item({
      kind: 'supply',
      title: '本周配额',
      quotas: [
        { productCode: KNOWN, productName: '黄金叶（天叶）', packsPerWeek: 45 },
        { productCode: 'P-UNKNOWN', productName: '没有的烟', packsPerWeek: 10 },
      ],
    });
    const el = await screen(boardOf([supply]));
    await clickAndUpdate(el, `li[data-item="${supply.id}"] button[name="open-item"]`);
    await clickAndUpdate(el, 'button[name="apply-quotas"]');
    await waitFor(() => maybeDeep(el, '[data-kind="quota-changes"]') !== null, 'no changes shown');
    // 45 packs a week, 10 packs a carton: 4 cartons (never more than the supplier allows).
    expect(await (await getDb()).get('quotas', KNOWN)).to.include({ units: 4, ...week });
    const changes = deepText(deep(el, '[data-kind="quota-changes"]'));
    expect(changes).to.include('9（2026-01-01～2026-01-31）').and.include(`4（${week.periodStart}～${week.periodEnd}）`);
    expect(deepText(deep(el, '[data-kind="quota-unknown"]'))).to.include('没有的烟');
  });

  it('sends the receipts: a signed bundle of today whose boardAcks name the items read', async () => {
    const read = item({ title: '读过的' });
    const put: Uint8Array[] = [];
    const outbox: OutboxService = { put: async (_name, bytes) => void put.push(bytes), state: async () => undefined };
    const el = await screen(boardOf([read, item({ title: '没读的' })]), outbox);
    await clickAndUpdate(el, 'button[data-column="training"]');
    await clickAndUpdate(el, `li[data-item="${read.id}"] button[name="open-item"]`);
    await waitFor(() => !deep<HTMLButtonElement>(el, 'button[name="send-receipts"]').disabled, 'no receipt to send');
    await clickAndUpdate(el, 'button[name="send-receipts"]');
    await waitFor(() => put.length === 1, 'nothing handed to the outbox');
    const signed = JSON.parse(await gunzipText(put[0]!)) as SignedFleetBundle;
    const today = localDay(Date.now());
    expect(signed.bundle.period).to.deep.equal({ from: today, to: today });
    expect(signed.bundle.boardAcks).to.deep.equal([{ itemId: read.id, seenOn: today }]);
    await waitFor(() => maybeDeep(el, '[data-kind="receipts"]') !== null);
  });

  it('fits 800×480', async () => {
    const items = Array.from({ length: 12 }, (_, i) =>
      item({ kind: 'supply', title: `货源信息第 ${i} 条，很长的标题说明这一周的货源情况` }),
    );
    const el = await screen(boardOf(items));
    el.style.cssText = 'display:flex;width:800px;height:380px;box-sizing:border-box';
    await el.updateComplete;
    expect(el.scrollWidth).to.be.at.most(800);
    const list = deep(el, '[data-kind="items"]');
    expect(list.getBoundingClientRect().bottom).to.be.at.most(el.getBoundingClientRect().bottom + 1);
  });

  it('lays an opened item out tight: its text under its title, its table under its text (no blank lines)', async () => {
    const supply = item({
      kind: 'supply',
      title: '本月货源',
      body: '以下品规按周配额供应。\n请按配额下单。',
      quotas: [{ productCode: KNOWN, productName: '黄金叶（天叶）', packsPerWeek: 45 }],
    });
    const el = await screen(boardOf([supply]));
    await clickAndUpdate(el, `li[data-item="${supply.id}"] button[name="open-item"]`);
    const title = deep(el, `li[data-item="${supply.id}"] button[name="open-item"]`).getBoundingClientRect();
    const body = deep(el, '.detail .text p').getBoundingClientRect();
    const table = deep(el, '.detail table').getBoundingClientRect();
    const text = document.createRange();
    text.selectNodeContents(deep(el, '.detail .text p'));
    const line = text.getClientRects()[0]!.height;
    // The body's own two lines stay two lines (the supplier's line breaks are kept).
    expect(Math.round(body.height / line), 'lines of the body').to.equal(2);
    expect(body.top - title.bottom, 'gap above the body').to.be.below(line);
    expect(table.top - body.bottom, 'gap above the table').to.be.below(line);
  });
});
