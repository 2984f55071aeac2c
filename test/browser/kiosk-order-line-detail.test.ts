import { expect, fixture, html } from '@open-wc/testing';
import type { LitElement } from 'lit';
import '../../src/components/kiosk-order-line-detail.ts';
import type { KioskOrderLineDetail } from '../../src/components/kiosk-order-line-detail.ts';
import type { OrderRow } from '../../src/domain/reorder/order-rows.ts';
import type { ReorderProduct, Suggestion } from '../../src/domain/reorder/engine.ts';
import { deep, deepText } from './shadow-dom.ts';

function orderRow(code: string, units: number): OrderRow {
  const product = { code, name: `烟 ${code}`, stock: 20, orderUnit: 10, history: [] } as unknown as ReorderProduct;
  const suggestion = {
    code,
    units,
    packs: units * 10,
    forecast: 30,
    safetyStock: 5,
    orderUpTo: 40,
    stock: 20,
    onOrder: 0,
    raw: 20,
    protectionDays: 7,
    daysOfCover: 4,
    expectedLostSales: 0.5,
    marginCents: 1200,
    pattern: 'smooth',
    method: 'smoothing',
    adi: 1,
    cv2: 0.2,
    flags: [],
    reasons: [],
    daily: [4, 4, 4, 4, 4, 4, 4],
  } as unknown as Suggestion;
  return { product, suggestion, line: { code, units, packs: units * 10, suggestedUnits: units, ownerEdited: false, unitCostCents: 22000 } };
}

async function typeUnits(detail: KioskOrderLineDetail, keys: string): Promise<void> {
  deep(detail, 'button[name="edit"]').click();
  await detail.updateComplete;
  const keypad = deep<LitElement>(detail, 'kiosk-keypad');
  await keypad.updateComplete;
  deep(keypad, 'button[data-key="clear"]').click();
  for (const key of keys) deep(keypad, `button[data-key="${key}"]`).click();
  await detail.updateComplete;
}

describe('kiosk-order-line-detail', () => {
  it('keeps the typed number on the keypad when the save fails, and closes the keypad once it lands', async () => {
    const saves: Array<[string, number, boolean]> = [];
    let land = false;
    const detail = await fixture<KioskOrderLineDetail>(html`<kiosk-order-line-detail
      today="2026-11-30"
      .row=${orderRow('A', 3)}
      .setUnits=${async (code: string, units: number, ownerEdited: boolean) => {
        saves.push([code, units, ownerEdited]);
        return land;
      }}
    ></kiosk-order-line-detail>`);
    await typeUnits(detail, '12');
    deep(detail, 'button[name="edit-ok"]').click();
    await new Promise((r) => setTimeout(r));
    await detail.updateComplete;
    expect(saves).to.deep.equal([['A', 12, true]]);
    expect(deep(detail, '[data-edit-text]').textContent).to.equal('12');

    land = true;
    deep(detail, 'button[name="edit-ok"]').click();
    await new Promise((r) => setTimeout(r));
    await detail.updateComplete;
    expect(saves).to.have.length(2);
    expect(detail.shadowRoot!.querySelector('[data-edit-text]')).to.equal(null);
  });

  it('refuses a quantity above the limit without saving, and forgets a half-typed number when another line is opened', async () => {
    const saves: number[] = [];
    const detail = await fixture<KioskOrderLineDetail>(html`<kiosk-order-line-detail
      today="2026-11-30"
      .row=${orderRow('A', 3)}
      .setUnits=${async (_code: string, units: number) => (saves.push(units), true)}
    ></kiosk-order-line-detail>`);
    await typeUnits(detail, '99999');
    deep(detail, 'button[name="edit-ok"]').click();
    await detail.updateComplete;
    expect(saves).to.deep.equal([]);
    expect(deepText(detail)).to.include('请输入 0 到 10000');

    detail.row = orderRow('B', 1);
    await detail.updateComplete;
    expect(detail.shadowRoot!.querySelector('[data-edit-text]')).to.equal(null);
    expect(deepText(detail)).to.include('烟 B');
  });
});
