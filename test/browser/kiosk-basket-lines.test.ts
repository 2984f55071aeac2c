import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/kiosk-basket-lines.ts';
import type { KioskBasketLines } from '../../src/components/kiosk-basket-lines.ts';
import type { BasketLine } from '../../src/domain/basket.ts';
import { waitFor } from './wait-for.ts';

function lines(count: number): BasketLine[] {
  return Array.from({ length: count }, (_, i) => ({
    lineId: `L${i + 1}`,
    productCode: `0690000000${String(i).padStart(4, '0')}`,
    barcode: `0690000000${String(i).padStart(4, '0')}`,
    name: `商品 ${i + 1}`,
    multiplier: 1,
    quantity: 1,
    unitPriceCents: 1000 + i,
  }));
}

function blocksOf(list: KioskBasketLines): HTMLElement[] {
  return [...list.shadowRoot!.querySelectorAll<HTMLElement>('.block')];
}

describe('kiosk-basket-lines', () => {
  it('draws a long basket in blocks of 25 rows; blocks out of view are skipped, the lit line is in view', async () => {
    const list = await fixture<KioskBasketLines>(
      html`<kiosk-basket-lines style="display:block;height:400px" .lines=${lines(60)} .highlight=${'L60'}></kiosk-basket-lines>`,
    );
    await list.updateComplete;
    const blocks = blocksOf(list);
    expect(blocks.map((b) => b.querySelectorAll('button.line').length)).to.deep.equal([25, 25, 10]);
    const row = (id: string) => list.shadowRoot!.querySelector<HTMLElement>(`[data-line-id="${id}"]`)!;
    await waitFor(() => row('L60').checkVisibility({ contentVisibilityAuto: true }), 'the lit line is not drawn');
    // The first block is far above the glass: its rows are not laid out or painted.
    expect(row('L1').checkVisibility({ contentVisibilityAuto: true })).to.equal(false);
  });

  it('scrolls its own frame to show the lit line whole: a new last line, an early line, a line far out of view', async () => {
    const list = await fixture<KioskBasketLines>(
      html`<kiosk-basket-lines style="display:block;height:400px" .lines=${lines(150)} .highlight=${'L150'}></kiosk-basket-lines>`,
    );
    const frame = list.shadowRoot!.querySelector<HTMLElement>('.frame')!;
    const shownWhole = (id: string) => {
      const row = list.shadowRoot!.querySelector<HTMLElement>(`[data-line-id="${id}"]`);
      if (!row) return false;
      const r = row.getBoundingClientRect();
      const f = frame.getBoundingClientRect();
      return r.height > 0 && r.top >= f.top - 0.5 && r.bottom <= f.bottom + 0.5;
    };
    await waitFor(() => shownWhole('L150'), 'the last line is not scrolled into view');
    const pageScroll = document.scrollingElement!.scrollTop;

    list.highlight = 'L3';
    await waitFor(() => shownWhole('L3'), 'an early line lit again is not scrolled into view');

    // The owner scrolled to the top; a scan adds line 151, far below, in a block not drawn.
    frame.scrollTop = 0;
    list.lines = lines(151);
    list.highlight = 'L151';
    await waitFor(() => shownWhole('L151'), 'a new line far out of view is not scrolled into view');

    // The same line lit again after the owner scrolled away from it.
    frame.scrollTop = 0;
    list.highlight = undefined;
    await list.updateComplete;
    list.highlight = 'L151';
    await waitFor(() => shownWhole('L151'), 'the same line lit again is not scrolled into view');
    expect(document.scrollingElement!.scrollTop, 'only the list scrolls, not the page').to.equal(pageScroll);
  });

  it('draws again only the block a scan changed: the same lines read back anew change nothing', async () => {
    const list = await fixture<KioskBasketLines>(html`<kiosk-basket-lines .lines=${lines(60)} .highlight=${'L60'}></kiosk-basket-lines>`);
    await list.updateComplete;
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((found) => records.push(...found));
    observer.observe(list.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
    /** The blocks the DOM changed in since the last call. */
    const changedBlocks = () => {
      const all = [...records.splice(0), ...observer.takeRecords()];
      return new Set(
        all.map((record) => (record.target instanceof Element ? record.target : record.target.parentElement)?.closest('.block')),
      );
    };
    const [, , third] = blocksOf(list);

    // Copies of the same values (a session read back from IndexedDB): nothing is touched.
    list.lines = lines(60).map((line) => ({ ...line }));
    await list.updateComplete;
    expect(changedBlocks().size).to.equal(0);

    // Line 59's quantity goes up and it is lit: only the third block changes.
    list.lines = lines(60).map((line) => (line.lineId === 'L59' ? { ...line, quantity: 2 } : line));
    list.highlight = 'L59';
    await list.updateComplete;
    expect([...changedBlocks()]).to.deep.equal([third]);
    observer.disconnect();
    expect(list.shadowRoot!.querySelector('[data-line-id="L59"]')!.textContent).to.include('¥21.16');
  });
});
