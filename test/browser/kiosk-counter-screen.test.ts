import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import '../../src/screens/kiosk-counter-screen.ts';
import { RECENT_LIST_QUIET_MS, type KioskCounterScreen } from '../../src/screens/kiosk-counter-screen.ts';
import type { KioskRegisterForm } from '../../src/components/kiosk-register-form.ts';
import { FOLDED_ROWS, type KioskRecentScans } from '../../src/components/kiosk-recent-scans.ts';
import { getProduct, registerProduct } from '../../src/data/products.ts';
import { storeScan } from '../../src/data/scans.ts';
import { getScanTimings } from '../../src/data/metrics.ts';
import { deep, deepText, maybeDeep, waitForText } from './shadow-dom.ts';
import { expectLayoutRoot, fillNewProduct, pressKeys } from './screen-drivers.ts';
import { ean13, freshKioskDbPerTest, makeRejected, makeScan, registerCartonPack } from './shop-fixtures.ts';

const ZHONGHUA = ean13('690123456789');
const UNKNOWN = ean13('690000000001');

/** Once the scanner has paused: the side list has caught up with the scans. */
async function recentListed(el: KioskCounterScreen): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, RECENT_LIST_QUIET_MS + 10));
  await el.updateComplete;
  await (deep(el, 'kiosk-recent-scans') as KioskRecentScans).updateComplete;
}

describe('kiosk-counter-screen', () => {
  freshKioskDbPerTest();

  it('shows a known product large: name, price, stock with unit, code', async () => {
    await registerProduct({ code: `0${ZHONGHUA}`, name: '中华（软）', priceCents: 4500, unit: 'pack', openingStock: 12 });
    const el = await fixture<KioskCounterScreen>(html`<kiosk-counter-screen></kiosk-counter-screen>`);
    const scan = makeScan(ZHONGHUA);
    await el.showScan(scan);

    const card = deep(el, 'kiosk-product-card');
    const text = deepText(card);
    expect(text).to.include('中华（软）');
    expect(text).to.include('¥45.00');
    expect(text).to.include('库存 12 盒');
    expect(text).to.include(ZHONGHUA);

    // Readable at arm's length.
    const name = deep(card, '.name');
    const price = deep(card, '.price');
    expect(parseFloat(getComputedStyle(name).fontSize)).to.be.at.least(40);
    expect(parseFloat(getComputedStyle(price).fontSize)).to.be.at.least(64);

    // The benchmark's mark is set once the product is on screen.
    const timing = getScanTimings().find((t) => t.id === scan.id);
    expect(timing?.shownAt).to.be.a('number');

    // And it is listed as the latest scan, once the scanner pauses.
    await recentListed(el);
    expect(deepText(deep(el, 'kiosk-recent-scans'))).to.include('中华（软）');
  });

  it('shows a carton barcode as its product, a whole carton: the carton price, 10 盒 a carton, the stock; the form does not open', async () => {
    const pack = ean13('690123456711');
    const carton = ean13('690123456712');
    await registerCartonPack(pack, carton, { name: '玉溪（软）', priceCents: 2300, openingStock: 25 });
    const el = await fixture<KioskCounterScreen>(html`<kiosk-counter-screen></kiosk-counter-screen>`);
    await el.showScan(makeScan(carton));
    expect(maybeDeep(el, 'kiosk-register-form') === null, 'the new-product form opened for a known carton').to.equal(true);
    const text = deepText(deep(el, 'kiosk-product-card'));
    expect(text).to.include('玉溪（软）');
    expect(text).to.include('¥230.00');
    expect(text).to.include('整条（10 盒）');
    expect(text).to.include('库存 2条 5盒');
    expect(text).to.include(carton);
    await recentListed(el);
    const recent = deepText(deep(el, 'kiosk-recent-scans'));
    expect(recent).to.include('玉溪（软）');
    expect(recent).to.include('¥230.00');
    expect(recent).not.to.include('未登记商品');
    // The pack still reads as a pack.
    await el.showScan(makeScan(pack));
    expect(deepText(deep(el, 'kiosk-product-card'))).to.include('¥23.00');
    expect(deepText(deep(el, 'kiosk-product-card'))).not.to.include('整条');
  });

  it('keeps the name whole in a card too short for it all: the card scrolls, the name is not squeezed', async () => {
    const pack = ean13('690123456721');
    const carton = ean13('690123456722');
    const product = await registerCartonPack(pack, carton, { name: '农夫山泉 550ml', priceCents: 630, openingStock: 6 });
    const link = { code: `0${carton}`, productCode: product.code, multiplier: 10 };
    const card = await fixture<HTMLElement>(
      html`<kiosk-product-card style="display:block;height:200px" .product=${product} .link=${link}></kiosk-product-card>`,
    );
    const name = deep(card, '.name');
    const fontSize = parseFloat(getComputedStyle(name).fontSize);
    expect(name.getBoundingClientRect().height, 'the name squeezed').to.be.at.least(fontSize);
    const frame = deep(card, '.frame');
    expect(frame.scrollHeight, 'the card does not scroll').to.be.greaterThan(frame.clientHeight);
  });

  it('says "条" for a carton and flags no stock', async () => {
    const code = ean13('690123456700');
    await registerProduct({ code: `0${code}`, name: '玉溪（条）', priceCents: 23000, unit: 'carton' });
    const el = await fixture<KioskCounterScreen>(html`<kiosk-counter-screen></kiosk-counter-screen>`);
    await el.showScan(makeScan(code));
    const text = deepText(deep(el, 'kiosk-product-card'));
    expect(text).to.include('¥230.00');
    expect(text).to.include('库存 0 条');
    expect(text).to.include('缺货');
  });

  it('opens the register form, prefilled with the code, for an unknown product', async () => {
    const el = await fixture<KioskCounterScreen>(html`<kiosk-counter-screen></kiosk-counter-screen>`);
    await el.showScan(makeScan(UNKNOWN));
    const form = deep<KioskRegisterForm>(el, 'kiosk-register-form');
    expect(form.code).to.equal(`0${UNKNOWN}`);
    expect(deepText(form)).to.include(`条码 ${UNKNOWN}`);
    expect(maybeDeep(el, 'kiosk-product-card')).to.equal(null);
  });

  it('registers through the keypad, saves to IndexedDB, and shows the product on the next scan', async () => {
    const el = await fixture<KioskCounterScreen>(html`<kiosk-counter-screen></kiosk-counter-screen>`);
    await el.showScan(makeScan(UNKNOWN));
    const form = await fillNewProduct(el, '红塔山（经典）');
    // Price is the keypad's field at first.
    await pressKeys(form, '12.5');
    deep(form, 'button[name="unit-carton"]').click();
    deep(form, 'button[name="stock"]').click();
    await form.updateComplete;
    await pressKeys(form, '31⌫0');
    deep(form, 'button[name="save"]').click();

    await waitFor(() => maybeDeep(el, 'kiosk-product-card') !== null, 'product card did not replace the form', {
      timeout: 5000,
    });
    const stored = await getProduct(`0${UNKNOWN}`);
    expect(stored).to.include({ name: '红塔山（经典）', priceCents: 1250, unit: 'carton', stock: 30 });
    await el.updateComplete;
    expect(deepText(deep(el, 'kiosk-product-card'))).to.include('库存 30 条');

    // The next scan of it is a known product: no form.
    await el.showScan(makeScan(UNKNOWN));
    expect(maybeDeep(el, 'kiosk-register-form')).to.equal(null);
    expect(deepText(deep(el, 'kiosk-product-card'))).to.include('¥12.50');
  });

  it('cancelling the form goes back to the scan prompt', async () => {
    const el = await fixture<KioskCounterScreen>(html`<kiosk-counter-screen></kiosk-counter-screen>`);
    await el.showScan(makeScan(UNKNOWN));
    deep(el, 'kiosk-register-form', 'button[name="cancel"]').click();
    await el.updateComplete;
    expect(maybeDeep(el, 'kiosk-register-form')).to.equal(null);
    expect(deepText(el)).to.include('请扫描商品条码');
    expect(await getProduct(`0${UNKNOWN}`)).to.equal(undefined);
  });

  it('does not throw away a half-typed product when another code is scanned', async () => {
    await registerProduct({ code: `0${ZHONGHUA}`, name: '中华（软）', priceCents: 4500, unit: 'pack', openingStock: 12 });
    const el = await fixture<KioskCounterScreen>(html`<kiosk-counter-screen></kiosk-counter-screen>`);
    await el.showScan(makeScan(UNKNOWN));
    const form = deep<KioskRegisterForm>(el, 'kiosk-register-form');
    await pressKeys(form, '8');

    await el.showScan(makeScan(ZHONGHUA));
    expect(deep(el, 'kiosk-register-form')).to.equal(form);
    expect(deepText(form)).to.include('¥ 8');
    expect(deepText(el)).to.include('刚扫到「中华（软）」');

    // Cancel: the scan that came in meanwhile is shown.
    deep(form, 'button[name="cancel"]').click();
    await waitFor(() => maybeDeep(el, 'kiosk-product-card') !== null, 'held scan not shown');
    expect(deepText(deep(el, 'kiosk-product-card'))).to.include('中华（软）');
  });

  it('keeps every scan that came in while a product was typed, and offers each after the form', async () => {
    await registerProduct({ code: `0${ZHONGHUA}`, name: '中华（软）', priceCents: 4500, unit: 'pack', openingStock: 12 });
    const other = ean13('690000000002');
    const el = await fixture<KioskCounterScreen>(html`<kiosk-counter-screen></kiosk-counter-screen>`);
    await el.showScan(makeScan(UNKNOWN));
    const form = await fillNewProduct(el, '红塔山', '9');

    // An unknown code, then a known one: neither replaces the typing, neither is dropped.
    await el.showScan(makeScan(other));
    await el.showScan(makeScan(ZHONGHUA));
    expect(deep(el, 'kiosk-register-form')).to.equal(form);
    expect(deep<HTMLInputElement>(form, 'input[name="name"]').value).to.equal('红塔山');
    expect(deepText(el)).to.include('刚扫到 2 件商品');

    // Saved: the unknown code scanned meanwhile gets its form, the known one waits for it.
    deep(form, 'button[name="save"]').click();
    await waitFor(() => deep<KioskRegisterForm>(el, 'kiosk-register-form').code === `0${other}`, 'held unknown code not offered');
    expect(await getProduct(`0${UNKNOWN}`)).to.include({ name: '红塔山', priceCents: 900 });
    expect(deepText(el)).to.include('刚扫到「中华（软）」');
    deep(el, 'kiosk-register-form', 'button[name="cancel"]').click();
    await waitFor(() => maybeDeep(el, 'kiosk-product-card') !== null, 'held known product not shown');
    expect(deepText(deep(el, 'kiosk-product-card'))).to.include('中华（软）');
  });

  it('shows a rejected scan in words, and the next good scan still works', async () => {
    await registerProduct({ code: `0${ZHONGHUA}`, name: '中华（软）', priceCents: 4500, unit: 'pack', openingStock: 12 });
    const el = await fixture<KioskCounterScreen>(html`<kiosk-counter-screen></kiosk-counter-screen>`);
    el.showRejected(makeRejected('bad-check-digit', '6901234567890'));
    await el.updateComplete;
    const notice = deep(el, 'kiosk-rejected-notice');
    expect(deepText(notice)).to.include('条码校验位错误，请重新扫描');
    expect(deepText(notice)).to.include('6901234567890');
    expect(deep(notice, '[role="alert"]')).to.exist;

    el.showRejected(makeRejected('too-long', 'x'.repeat(40)));
    await el.updateComplete;
    expect(deepText(el)).to.include('扫到的内容太长');

    await el.showScan(makeScan(ZHONGHUA));
    expect(deepText(deep(el, 'kiosk-product-card'))).to.include('中华（软）');
    expect(maybeDeep(el, 'kiosk-rejected-notice')).to.equal(null);
  });

  it('draws only the newest scans until the owner unfolds the whole list', async () => {
    const el = await fixture<KioskCounterScreen>(html`<kiosk-counter-screen></kiosk-counter-screen>`);
    const scans = Array.from({ length: FOLDED_ROWS + 3 }, (_, i) => makeScan(ean13(`69055500${String(i).padStart(4, '0')}`)));
    for (const scan of scans) await el.showScan(scan);
    await recentListed(el);
    const list = deep(el, 'kiosk-recent-scans');
    const ids = () => [...list.shadowRoot!.querySelectorAll('li')].map((li) => li.dataset.scanId);
    expect(ids()).to.deep.equal(
      scans
        .slice(-FOLDED_ROWS)
        .reverse()
        .map((s) => s.id),
    );
    const fold = list.shadowRoot!.querySelector<HTMLButtonElement>('button[name="fold"]')!;
    expect(fold.textContent).to.include(String(scans.length));
    fold.click();
    await (list as KioskRecentScans).updateComplete;
    expect(ids()).to.deep.equal([...scans].reverse().map((s) => s.id));
  });

  it('builds only the new row of the recent list on a scan, not the rows already shown', async () => {
    const el = await fixture<KioskCounterScreen>(html`<kiosk-counter-screen></kiosk-counter-screen>`);
    for (let i = 0; i < FOLDED_ROWS; i++) await el.showScan(makeScan(ean13(`69055501${String(i).padStart(4, '0')}`)));
    await recentListed(el);
    // Each row formats its scan's time once when it is built: count those.
    const format = Object.getOwnPropertyDescriptor(Intl.DateTimeFormat.prototype, 'format')!;
    let built = 0;
    Object.defineProperty(Intl.DateTimeFormat.prototype, 'format', {
      configurable: true,
      get(this: Intl.DateTimeFormat) {
        built += 1;
        return format.get!.call(this);
      },
    });
    try {
      await el.showScan(makeScan(ean13('690555029999')));
      await recentListed(el);
    } finally {
      Object.defineProperty(Intl.DateTimeFormat.prototype, 'format', format);
    }
    expect(built).to.equal(1);
    expect(deep(el, 'kiosk-recent-scans').shadowRoot!.querySelectorAll('li')).to.have.length(FOLDED_ROWS);
  });

  it('lays a scan out inside the card and the list only (their own layout roots), each folded row once', async () => {
    await registerProduct({ code: `0${ZHONGHUA}`, name: '中华（软）', priceCents: 4500, unit: 'pack' });
    const el = await fixture<KioskCounterScreen>(html`<kiosk-counter-screen></kiosk-counter-screen>`);
    await el.showScan(makeScan(ZHONGHUA));
    await recentListed(el);
    expectLayoutRoot(deep(el, 'kiosk-product-card', '.frame'));
    const list = deep(el, 'kiosk-recent-scans');
    expectLayoutRoot(deep(list, '.frame'));
    // A skipped row would be laid out a second time once the observer finds it in view.
    const row = list.shadowRoot!.querySelector('li')!;
    expect(getComputedStyle(row).contentVisibility).to.equal('visible');
  });

  it('shows a re-offered scan only once and keeps the newest scan first', async () => {
    await registerProduct({ code: `0${ZHONGHUA}`, name: '中华（软）', priceCents: 4500, unit: 'pack' });
    const el = await fixture<KioskCounterScreen>(html`<kiosk-counter-screen></kiosk-counter-screen>`);
    const first = makeScan(ZHONGHUA);
    const second = makeScan(UNKNOWN);
    await el.showScan(first);
    await el.showScan(second);
    await el.showScan(first); // re-offer after a reconnect
    await recentListed(el);
    const items = deep(el, 'kiosk-recent-scans').shadowRoot!.querySelectorAll('li');
    expect([...items].map((li) => li.dataset.scanId)).to.deep.equal([second.id, first.id]);
    // The re-offer did not take the screen back to the old product.
    expect(maybeDeep(el, 'kiosk-register-form')).to.not.equal(null);
  });

  it('draws a burst’s product card at each scan and the recent list once, after the scanner pauses', async () => {
    const codes = Array.from({ length: 7 }, (_, i) => ean13(`69055503${String(i).padStart(4, '0')}`));
    for (const [i, code] of codes.entries())
      await registerProduct({ code: `0${code}`, name: `烟${i + 1}`, priceCents: 1000 + i, unit: 'pack' });
    const el = await fixture<KioskCounterScreen>(html`<kiosk-counter-screen></kiosk-counter-screen>`);
    await recentListed(el); // the stored scans' load, which finds none
    const list = deep(el, 'kiosk-recent-scans') as KioskRecentScans;
    let listRenders = 0;
    const render = list.render.bind(list);
    list.render = () => {
      listRenders += 1;
      return render();
    };
    for (const [i, code] of codes.entries()) {
      await el.showScan(makeScan(code));
      // Each scan's product is on the card as it comes: the list waits.
      expect(deepText(deep(el, 'kiosk-product-card'))).to.include(`烟${i + 1}`);
    }
    expect(listRenders, 'the list rendered during the burst').to.equal(0);
    await recentListed(el);
    expect(listRenders).to.equal(1);
    expect(list.entries).to.have.length(7);
  });

  it('shows each scan as soon as it is rendered, without waiting for a frame to be drawn', async () => {
    const codes = Array.from({ length: 4 }, (_, i) => ean13(`69055504${String(i).padStart(4, '0')}`));
    for (const [i, code] of codes.entries())
      await registerProduct({ code: `0${code}`, name: `烟${i + 1}`, priceCents: 1000, unit: 'pack' });
    const el = await fixture<KioskCounterScreen>(html`<kiosk-counter-screen></kiosk-counter-screen>`);
    // No frame comes (a Pi busy drawing, a hidden page). A scan that waited for
    // one would hold the next back for the frame, or for a fallback timer of
    // 100 ms when none came: four scans would take 400 ms at least.
    const realFrame = window.requestAnimationFrame;
    window.requestAnimationFrame = () => 0;
    const started = performance.now();
    try {
      for (const code of codes) await el.showScan(makeScan(code));
    } finally {
      window.requestAnimationFrame = realFrame;
    }
    const elapsed = performance.now() - started;
    expect(deepText(deep(el, 'kiosk-product-card'))).to.include('烟4');
    expect(elapsed, `four scans took ${elapsed.toFixed(0)} ms`).to.be.below(400);
  });

  it('lists scans stored before a reload', async () => {
    await registerProduct({ code: `0${ZHONGHUA}`, name: '中华（软）', priceCents: 4500, unit: 'pack' });
    await storeScan(makeScan(ZHONGHUA));
    const el = await fixture<KioskCounterScreen>(html`<kiosk-counter-screen></kiosk-counter-screen>`);
    await waitForText(deep(el, 'kiosk-recent-scans'), '中华（软）');
  });
});
