import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import '../../src/components/kiosk-product-search.ts';
import type { KioskProductPickedEvent, KioskProductSearch } from '../../src/components/kiosk-product-search.ts';
import type { Product } from '../../src/domain/product.ts';
import { deep, deepText, maybeDeep } from './shadow-dom.ts';

function product(code: string, name: string): Product {
  return { code, name, priceCents: 4500, stock: 12, packsPerCarton: 10 } as Product;
}

function type(el: KioskProductSearch, text: string) {
  const input = deep<HTMLInputElement>(el, 'input[name="search"]');
  input.value = text;
  input.dispatchEvent(new Event('input'));
}

describe('kiosk-product-search', () => {
  it('shows only the answer to the latest text, even when an older answer comes back later', async () => {
    const answers = new Map<string, (found: Product[]) => void>();
    const el = await fixture<KioskProductSearch>(html`<kiosk-product-search
      .search=${(text: string) => new Promise<Product[]>((resolve) => answers.set(text, resolve))}
    ></kiosk-product-search>`);
    type(el, '中');
    await el.updateComplete;
    type(el, '中华');
    await waitFor(() => answers.has('中') && answers.has('中华'), 'both searches asked');
    answers.get('中华')!([product('A', '中华（硬）')]);
    await waitFor(() => maybeDeep(el, 'button[data-code="A"]') !== null, 'latest answer not shown');
    answers.get('中')!([product('B', '中南海'), product('A', '中华（硬）')]);
    await new Promise((r) => setTimeout(r, 20));
    await el.updateComplete;
    expect(maybeDeep(el, 'button[data-code="B"]')).to.equal(null);
    expect(deepText(el)).to.include('中华（硬）');
  });

  it('hands the tapped product to the screen, says when nothing matches and when the search failed', async () => {
    const el = await fixture<KioskProductSearch>(html`<kiosk-product-search
      .search=${async (text: string) => {
        if (text === '坏') throw new Error('db gone');
        return text === '中华' ? [product('A', '中华（硬）')] : [];
      }}
    ></kiosk-product-search>`);
    type(el, '中华');
    await waitFor(() => maybeDeep(el, 'button[name="pick"]') !== null, 'no result');
    setTimeout(() => deep(el, 'button[name="pick"]').click());
    const picked = (await oneEvent(el, 'kiosk-product-picked')) as unknown as KioskProductPickedEvent;
    expect(picked.detail.code).to.equal('A');

    type(el, '芙蓉王');
    await waitFor(() => maybeDeep(el, '[data-state="none"]') !== null, 'no "not found" note');
    type(el, '坏');
    await waitFor(() => maybeDeep(el, '[data-state="error"]') !== null, 'no error note');
    expect(deepText(el)).to.include('查找时出错');
  });
});
