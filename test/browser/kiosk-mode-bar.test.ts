import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/kiosk-mode-bar.ts';
import { KioskModeChangeEvent, type KioskModeBar } from '../../src/components/kiosk-mode-bar.ts';
import { KIOSK_MODES } from '../../src/wording/mode-text.ts';
import { deep, deepText } from './shadow-dom.ts';

describe('kiosk-mode-bar', () => {
  it('shows every mode by name and marks the active one', async () => {
    const bar = await fixture<KioskModeBar>(html`<kiosk-mode-bar mode="receive"></kiosk-mode-bar>`);
    const text = deepText(bar);
    for (const name of ['销售', '入库', '盘点', '调整', '查询', '商品']) expect(text).to.include(name);
    const pressed = [...bar.shadowRoot!.querySelectorAll('button[aria-pressed="true"]')];
    expect(pressed).to.have.length(1);
    expect(deepText(pressed[0]!)).to.include('入库');
    expect(bar.shadowRoot!.querySelectorAll('button')).to.have.length(KIOSK_MODES.length);
  });

  it('fills the active mode with its colour', async () => {
    const bar = await fixture<KioskModeBar>(html`<kiosk-mode-bar mode="sell"></kiosk-mode-bar>`);
    const sell = deep(bar, 'button[data-mode="sell"]');
    const receive = deep(bar, 'button[data-mode="receive"]');
    expect(getComputedStyle(sell).backgroundColor).to.equal('rgb(21, 128, 61)'); // --kiosk-mode-sell
    expect(getComputedStyle(receive).backgroundColor).to.equal('rgb(255, 255, 255)');
    bar.mode = 'receive';
    await bar.updateComplete;
    expect(getComputedStyle(receive).backgroundColor).to.equal('rgb(29, 78, 216)'); // --kiosk-mode-receive
    expect(getComputedStyle(deep(bar, 'nav')).borderBottomColor).to.equal('rgb(29, 78, 216)');
  });

  it('asks for a mode change with kiosk-mode-change, and not for the active mode', async () => {
    const bar = await fixture<KioskModeBar>(html`<kiosk-mode-bar mode="sell"></kiosk-mode-bar>`);
    let events = 0;
    bar.addEventListener('kiosk-mode-change', () => events++);
    deep(bar, 'button[data-mode="sell"]').click();
    expect(events).to.equal(0);

    const event = oneEvent(bar, 'kiosk-mode-change');
    deep(bar, 'button[data-mode="stocktake"]').click();
    const e = (await event) as unknown as KioskModeChangeEvent;
    expect(e).to.be.instanceOf(KioskModeChangeEvent);
    expect(e.detail).to.equal('stocktake');
    expect(e.bubbles && e.composed).to.equal(true);
    // The bar waits for its owner to set the mode.
    expect(bar.mode).to.equal('sell');
  });
});
