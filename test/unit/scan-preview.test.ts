import { describe, expect, it } from 'vitest';
import type { ReactiveControllerHost } from 'lit';
import { addScan, emptyBasket, type Basket, type ScanItem } from '../../src/domain/basket.ts';
import { ScanPreviewController } from '../../src/screens/scan-preview-controller.ts';

function host() {
  const counted = { updates: 0 };
  const h: ReactiveControllerHost = {
    addController: () => undefined,
    removeController: () => undefined,
    requestUpdate: () => void (counted.updates += 1),
    updateComplete: Promise.resolve(true),
  };
  return { h, counted };
}

const item = (barcode: string, unitPriceCents = 1500): ScanItem => ({
  productCode: `P${barcode}`,
  barcode,
  name: `烟 ${barcode}`,
  multiplier: 1,
  unitPriceCents,
});

function stored(...items: ScanItem[]): Basket {
  let basket = emptyBasket();
  for (const i of items) {
    const result = addScan(basket, i);
    if (!result.ok) throw new Error(result.error);
    basket = result.basket;
  }
  return basket;
}

describe('ScanPreviewController', () => {
  it('shows the stored basket with the previews applied in the order they came, and asks the screen to draw each change', () => {
    const { h, counted } = host();
    let basket: Basket | undefined = stored(item('A'));
    const previews = new ScanPreviewController(h, () => basket);
    previews.add('s2', item('B'));
    previews.add('s3', item('A'));
    expect(counted.updates).toBe(2);
    expect(previews.basket!.lines.map((l) => [l.lineId, l.barcode, l.quantity])).toEqual([
      ['L1', 'A', 2],
      ['L2', 'B', 1],
    ]);
    // The store of s2 lands: the screen now holds it, and its preview goes.
    basket = stored(item('A'), item('B'));
    expect(previews.forget('s2')).toBe(true);
    expect(previews.forget('s2')).toBe(false);
    expect(previews.has('s3')).toBe(true);
    expect(previews.basket!.lines.map((l) => l.quantity)).toEqual([2, 1]);
  });

  it('works out the shown basket once per stored basket and previews, and anew when either changes', () => {
    const { h } = host();
    const held: { basket?: Basket } = {};
    const previews = new ScanPreviewController(h, () => held.basket);
    expect(previews.basket).toBeUndefined();
    previews.add('s1', item('A'));
    const first = previews.basket;
    expect(previews.basket).toBe(first);
    held.basket = stored(item('B'));
    expect(previews.basket).not.toBe(first);
    expect(previews.basket!.lines.map((l) => l.barcode)).toEqual(['B', 'A']);
  });

  it('leaves out a preview the basket would refuse, and resolves landed() only once the last preview is gone', async () => {
    const { h } = host();
    const previews = new ScanPreviewController(h, () => undefined);
    await previews.landed();
    previews.add('bad', item('X', -1));
    previews.add('s1', item('A'));
    expect(previews.basket!.lines.map((l) => l.barcode)).toEqual(['A']);
    let landed = false;
    const waiting = previews.landed().then(() => (landed = true));
    previews.forget('bad');
    await Promise.resolve();
    expect(landed).toBe(false);
    expect(previews.count).toBe(1);
    previews.forget('s1');
    await waiting;
    expect(landed).toBe(true);
  });
});
