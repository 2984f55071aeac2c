import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import '../../src/kiosk-app.ts';
import { MODE_STORAGE_KEY, type KioskApp } from '../../src/kiosk-app.ts';
import type { KioskCounterScreen } from '../../src/screens/kiosk-counter-screen.ts';
import { getLocale, LOCALE_STORAGE_KEY, savedLocale, setLocale } from '../../src/localization.ts';
import { closeDb, deleteKioskDb } from '../../src/data/db.ts';
import { registerProduct } from '../../src/data/products.ts';
import { deep, deepText } from './shadow-dom.ts';
import { ean13, makeRejected, makeScan } from './shop-fixtures.ts';
import '../../src/components/kiosk-banner.ts';
import { daysText } from '../../src/wording/stock-text.ts';
import { unitsText } from '../../src/wording/reorder-text.ts';
import '../../src/components/kiosk-delivery-check.ts';
import type { KioskDeliveryCheck } from '../../src/components/kiosk-delivery-check.ts';
import type { DeliveryCheckContext, Order } from '../../src/data/orders.ts';
import type { DeliveryCheck } from '../../src/domain/delivery-check.ts';

const CODE = ean13('690222233334');

describe('localization', () => {
  beforeEach(async () => {
    // The look-up counter (查询) is what these tests read.
    localStorage.setItem(MODE_STORAGE_KEY, 'lookup');
    localStorage.removeItem(LOCALE_STORAGE_KEY);
    await setLocale('zh-Hans');
    localStorage.removeItem(LOCALE_STORAGE_KEY);
    await deleteKioskDb();
  });
  afterEach(async () => {
    localStorage.removeItem(MODE_STORAGE_KEY);
    await setLocale('zh-Hans');
    localStorage.removeItem(LOCALE_STORAGE_KEY);
    await closeDb();
  });

  it('starts in Chinese', async () => {
    expect(savedLocale()).to.equal('zh-Hans');
    expect(getLocale()).to.equal('zh-Hans');
    const app = await fixture<KioskApp>(html`<kiosk-app></kiosk-app>`);
    const text = deepText(app);
    expect(text).to.include('柜台终端');
    expect(text).to.include('请扫描商品条码');
    expect(text).to.not.include('Counter terminal');
    const chinese = deep(app, 'kiosk-top-bar', 'kiosk-language-switch', 'button[data-locale="zh-Hans"]');
    expect(chinese.getAttribute('aria-pressed')).to.equal('true');
  });

  it('switches to English in place, keeps the scan on screen, and remembers the choice', async () => {
    await registerProduct({ code: `0${CODE}`, name: '中华（软）', priceCents: 4500, unit: 'pack', openingStock: 12 });
    const app = await fixture<KioskApp>(html`<kiosk-app></kiosk-app>`);
    const screen = deep<KioskCounterScreen>(app, 'kiosk-counter-screen');
    await screen.showScan(makeScan(CODE));
    screen.showRejected(makeRejected('bad-check-digit'));
    await screen.updateComplete;
    const card = deep(screen, 'kiosk-product-card');
    expect(deepText(card)).to.include('库存 12 盒');

    deep(app, 'kiosk-top-bar', 'kiosk-language-switch', 'button[data-locale="en"]').click();
    await waitFor(() => deepText(app).includes('Counter terminal'), 'title not in English', { timeout: 5000 });
    await screen.updateComplete;

    // Same elements, re-rendered: nothing was reloaded or rebuilt.
    expect(deep(app, 'kiosk-counter-screen')).to.equal(screen);
    expect(deep(screen, 'kiosk-product-card')).to.equal(card);
    const text = deepText(app);
    expect(text).to.include('Stock: 12 packs');
    expect(text).to.include('¥45.00');
    expect(text).to.include('Recent scans');
    expect(text).to.include('Barcode check digit is wrong, please scan again');
    expect(text).to.not.include('柜台终端');
    // Product names are the shop's own data: never translated.
    expect(text).to.include('中华（软）');
    expect(getLocale()).to.equal('en');
    expect(document.documentElement.lang).to.equal('en');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).to.equal('en');
    expect(savedLocale()).to.equal('en');

    deep(app, 'kiosk-top-bar', 'kiosk-language-switch', 'button[data-locale="zh-Hans"]').click();
    await waitFor(() => deepText(app).includes('柜台终端'), 'title not back in Chinese', { timeout: 5000 });
    expect(deepText(card)).to.include('库存 12 盒');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).to.equal('zh-Hans');
  });

  it('in English, ’ “ ” … take their own width, not a Chinese character’s (“product’ s” in the stocktake’s help)', async () => {
    const banner = await fixture<HTMLElement>(html`<kiosk-banner tone="info" style="font-size:20px">’“”…</kiosk-banner>`);
    const width = () => {
      const range = document.createRange();
      range.selectNodeContents(banner);
      return range.getBoundingClientRect().width;
    };
    const chinese = width();
    await setLocale('en');
    const english = width();
    // A CJK font's full-width punctuation: 56 px for the four at 20 px; their own widths about 37.
    expect(chinese, 'Chinese keeps its full-width punctuation').to.be.greaterThan(50);
    expect(english, 'English punctuation a whole character wide').to.be.lessThan(chinese * 0.8);
  });

  it('counts days in English, one and more (the report said “1 days”)', async () => {
    expect(daysText(1)).to.equal('1 天');
    await setLocale('en');
    expect(daysText(1)).to.equal('1 day');
    expect(daysText(30)).to.equal('30 days');
    expect(daysText(0)).to.equal('0 days');
    expect(daysText(1.04, '1.0')).to.equal('1.0 days');
  });

  it('counts order units in English, one and more (an order said “1 cartons”); Chinese as the shop writes them', async () => {
    expect(unitsText(1, 10)).to.equal('1条');
    expect(unitsText(3, 1)).to.equal('3盒');
    await setLocale('en');
    expect(unitsText(1, 10)).to.equal('1 carton');
    expect(unitsText(3, 10)).to.equal('3 cartons');
    expect(unitsText(0, 10)).to.equal('0 cartons');
    expect(unitsText(1, 1)).to.equal('1 pack');
    expect(unitsText(12, 1)).to.equal('12 packs');
  });

  it('says in English “1 line differs” against an order, and “2 lines differ”', async () => {
    await setLocale('en');
    const order = { id: 'o1', placedSeq: 3 } as unknown as Order;
    const context = { orders: [order] } as unknown as DeliveryCheckContext;
    const check = (differences: number) => ({ differences, lines: [] }) as unknown as DeliveryCheck;
    const el = await fixture<KioskDeliveryCheck>(
      html`<kiosk-delivery-check .context=${context} .order=${order} .check=${check(1)}></kiosk-delivery-check>`,
    );
    expect(deepText(el)).to.include('Checked against order #3: 1 line differs');
    el.check = check(2);
    await el.updateComplete;
    expect(deepText(el)).to.include('Checked against order #3: 2 lines differ');
  });

  it('ignores a remembered value that is not a locale', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'fr');
    expect(savedLocale()).to.equal('zh-Hans');
  });
});
