import { expect } from '@open-wc/testing';
import { pageSignal } from '../../src/data/page-signal.ts';
import { announceSaleChanged, onSaleChanged, OPEN_SALE_SIGNAL_MS, SALE_CHANNEL, type SaleSignal } from '../../src/data/sale-signal.ts';
import { DISPLAY_CHANNEL, onDisplayChanged, type DisplaySignal } from '../../src/data/display-signal.ts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('page signals (sale, display)', () => {
  it('a listener in this page hears the announcement; after unsubscribing, nothing more', async () => {
    const heard: SaleSignal[] = [];
    const stop = onSaleChanged((s) => heard.push(s));
    announceSaleChanged('s-1', 'open');
    expect(heard[0]).to.deep.equal({ type: 'sale-changed', sessionId: 's-1', status: 'open' });
    stop();
    const before = heard.length;
    announceSaleChanged('s-2', 'closed');
    await settle();
    expect(heard.length).to.equal(before);
  });

  it('announces a burst into the open sale at once and then at most once an interval; a close goes at once', async () => {
    await new Promise((resolve) => setTimeout(resolve, OPEN_SALE_SIGNAL_MS + 20));
    const heard: string[] = [];
    const stop = onSaleChanged((s) => heard.push(`${s.sessionId} ${s.status}`));
    for (let i = 0; i < 20; i++) announceSaleChanged('burst', 'open');
    expect(heard, 'the first change goes at once').to.deep.equal(['burst open']);
    await new Promise((resolve) => setTimeout(resolve, OPEN_SALE_SIGNAL_MS + 50));
    expect(heard, 'the rest of the burst goes once, at the end of the interval').to.deep.equal(['burst open', 'burst open']);

    announceSaleChanged('burst', 'open');
    announceSaleChanged('burst', 'closed');
    expect(heard.slice(2), 'the change held goes first, then the close, at once').to.deep.equal(['burst open', 'burst closed']);
    await new Promise((resolve) => setTimeout(resolve, OPEN_SALE_SIGNAL_MS + 50));
    stop();
    expect(heard).to.have.length(4);
  });

  it('hears another page on the channel, and drops what does not read as a signal', async () => {
    const sales: SaleSignal[] = [];
    const displays: DisplaySignal[] = [];
    const stopSales = onSaleChanged((s) => sales.push(s));
    const stopDisplays = onDisplayChanged((s) => displays.push(s));
    const otherSale = new BroadcastChannel(SALE_CHANNEL);
    const otherDisplay = new BroadcastChannel(DISPLAY_CHANNEL);
    otherSale.postMessage({ type: 'sale-changed', sessionId: 's-9', status: 'voided' });
    otherSale.postMessage({ type: 'sale-changed', sessionId: 9 });
    otherSale.postMessage(null);
    otherDisplay.postMessage({ type: 'display-changed', pictures: 'yes' });
    otherDisplay.postMessage({ type: 'something-else' });
    await settle();
    otherSale.close();
    otherDisplay.close();
    stopSales();
    stopDisplays();
    expect(sales).to.deep.equal([{ type: 'sale-changed', sessionId: 's-9', status: 'voided' }]);
    expect(displays).to.deep.equal([{ type: 'display-changed', pictures: false }]);
  });

  it('a post that throws still reaches this page', () => {
    const signal = pageSignal<{ type: 'x'; f: () => void }>('page-signal-test', (d) => d as { type: 'x'; f: () => void });
    const heard: unknown[] = [];
    const stop = signal.listen((s) => heard.push(s));
    // A function cannot be cloned: postMessage throws DataCloneError.
    signal.announce({ type: 'x', f: () => undefined });
    stop();
    expect(heard.length).to.equal(1);
  });
});
