import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/kiosk-product-history.ts';
import { kioskData } from '../../src/data/kiosk-data.ts';
import { KioskHistoryClosedEvent, type KioskProductHistory } from '../../src/components/kiosk-product-history.ts';
import type { KioskData } from '../../src/context.ts';
import { registerProduct } from '../../src/data/products.ts';
import { recordMovement } from '../../src/data/movements.ts';
import { recordAdjustment } from '../../src/data/adjustments.ts';
import { toGtin14 } from '../../src/domain/barcode.ts';
import { deep, deepText } from './shadow-dom.ts';
import { ean13, freshKioskDbPerTest, openOwnerSession } from './shop-fixtures.ts';

const CODE = toGtin14(ean13('690200000001'));

describe('kiosk-product-history', () => {
  freshKioskDbPerTest();

  it('lists movements newest first with kind in words, quantity and running stock', async () => {
    await registerProduct({ code: CODE, name: '中华（软）', priceCents: 4500, unit: 'pack', openingStock: 5, packsPerCarton: 10 });
    const at = new Date(2024, 4, 1, 9, 30).getTime();
    await recordMovement({ code: CODE, kind: 'receipt', quantity: 20, at });
    await recordMovement({ code: CODE, kind: 'sale', quantity: -3, at: at + 60_000 });
    await recordMovement({ code: CODE, kind: 'sale-reversal', quantity: 3, at: at + 120_000 });
    // The wall clock jumped back: still listed after (newer than) the reversal.
    await openOwnerSession(); // adjusting is owner-only
    await recordAdjustment({ code: CODE, quantity: -30, reason: 'damage' }, at - 86_400_000);

    const el = await fixture<KioskProductHistory>(html`<kiosk-product-history .data=${kioskData} .code=${CODE}></kiosk-product-history>`);
    await el.loaded();
    const rows = [...el.shadowRoot!.querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.getAttribute('data-kind'))).to.deep.equal(['adjustment', 'sale-reversal', 'sale', 'receipt', 'opening']);
    const cells = (i: number) => [...rows[i]!.querySelectorAll('td')].map((td) => deepText(td));
    expect(cells(0)[1]).to.equal('调整 · 报损');
    expect(cells(0)[2]).to.equal('-3条');
    expect(cells(0)[3]).to.include('-5盒');
    expect(cells(0)[3]).to.include('负库存');
    expect(cells(1)[1]).to.equal('销售撤销');
    expect(cells(1)[3]).to.equal('2条 5盒');
    expect(cells(2)[3]).to.equal('2条 2盒');
    expect(cells(2)[1]).to.equal('销售');
    expect(cells(2)[2]).to.equal('-3盒');
    expect(cells(3)[1]).to.equal('入库');
    expect(cells(3)[2]).to.equal('+2条');
    expect(cells(3)[3]).to.equal('2条 5盒');
    expect(cells(4)[1]).to.equal('期初');
    expect(cells(4)[3]).to.equal('5盒');
    // Local time of the receipt.
    expect(cells(3)[0]).to.include('09:30');
    expect(deepText(el)).to.include('现在库存 -5盒');
  });

  it('says so when there is no movement, and the close button fires kiosk-history-closed', async () => {
    await registerProduct({ code: CODE, name: '可乐', priceCents: 300, unit: 'pack' });
    const el = await fixture<KioskProductHistory>(html`<kiosk-product-history .data=${kioskData} .code=${CODE}></kiosk-product-history>`);
    await el.loaded();
    expect(deepText(el)).to.include('还没有任何库存变动');
    const close = deep<HTMLButtonElement>(el, 'button[name="close"]');
    expect(close.getBoundingClientRect().height).to.be.at.least(64);
    setTimeout(() => close.click());
    const event = (await oneEvent(el, 'kiosk-history-closed')) as unknown as KioskHistoryClosedEvent;
    expect(event).to.be.instanceOf(KioskHistoryClosedEvent);
    expect(event.detail).to.equal(CODE);
  });

  it('shows what the data it is given holds, without any IndexedDB (a fake)', async () => {
    const product = { code: CODE, name: '假货', priceCents: 100, unit: 'pack' as const, stock: 7, createdAt: 0, updatedAt: 0 };
    const fake: KioskData = {
      canDo: () => true,
      askForOwner: () => Promise.resolve(true),
      getProduct: (code) => Promise.resolve(code === CODE ? product : undefined),
      putProduct: () => Promise.reject(new Error('not in this test')),
      registerProduct: () => Promise.reject(new Error('not in this test')),
      getProductHistory: () =>
        Promise.resolve([{ id: 1, code: CODE, kind: 'receipt' as const, quantity: 7, at: Date.now(), day: '2026-01-01', stockAfter: 7 }]),
    };
    const el = await fixture<KioskProductHistory>(html`<kiosk-product-history .data=${fake} .code=${CODE}></kiosk-product-history>`);
    await el.loaded();
    const rows = [...el.shadowRoot!.querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.getAttribute('data-kind'))).to.deep.equal(['receipt']);
    expect(deepText(el)).to.include('现在库存 7盒');
  });
});
