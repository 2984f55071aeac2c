import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import '../../src/screens/kiosk-adjust-screen.ts';
import type { KioskAdjustScreen } from '../../src/screens/kiosk-adjust-screen.ts';
import { deleteKioskDb } from '../../src/data/db.ts';
import { getProduct, registerProduct } from '../../src/data/products.ts';
import { getProductHistory } from '../../src/data/movements.ts';
import { signOut } from '../../src/data/roles.ts';
import { deep, deepText, maybeDeep, waitForText } from './shadow-dom.ts';
import { fillNewProduct, scanBehindForm } from './screen-drivers.ts';
import { ean13, makeScan, openOwnerSession, signOutAndCloseDbAfterEach } from './shop-fixtures.ts';
import { getScanTimings } from '../../src/data/metrics.ts';
import { toGtin14 } from '../../src/domain/barcode.ts';

const PACK = ean13('690300000001');
const CARTON = ean13('690300000002');

async function press(el: KioskAdjustScreen, keys: string) {
  for (const key of keys) {
    deep(el, 'kiosk-keypad', `button[data-key="${key === 'C' ? 'clear' : key}"]`).click();
    await el.updateComplete;
  }
}

async function confirm(el: KioskAdjustScreen) {
  const button = deep<HTMLButtonElement>(el, 'button[name="confirm"]');
  button.click();
  button.click(); // a double tap records once
  await waitFor(() => !deep<HTMLButtonElement>(el, 'button[name="confirm"]').disabled, 'confirm stuck', { timeout: 5000 });
  await el.updateComplete;
}

describe('kiosk-adjust-screen', () => {
  beforeEach(async () => {
    await deleteKioskDb();
    await registerProduct({
      code: toGtin14(PACK),
      name: '中华（硬）',
      priceCents: 4500,
      unit: 'pack',
      openingStock: 25,
      packsPerCarton: 10,
      cartonCode: toGtin14(CARTON),
    });
    await openOwnerSession();
  });
  signOutAndCloseDbAfterEach();

  it('records damage as a negative adjustment with its reason and shows the new stock', async () => {
    const el = await fixture<KioskAdjustScreen>(html`<kiosk-adjust-screen></kiosk-adjust-screen>`);
    const scan = makeScan(PACK);
    await el.showScan(scan);
    expect(getScanTimings().find((t) => t.id === scan.id)?.shownAt).to.be.a('number');
    expect(deepText(el)).to.include('现在库存 2条 5盒');

    // No reason chosen yet: told to choose.
    await press(el, '2');
    await confirm(el);
    expect(deepText(el)).to.include('请先选择原因');

    deep(el, 'button[data-reason="damage"]').click();
    await el.updateComplete;
    // Damage always takes stock out: the sign key is locked on minus.
    const sign = deep<HTMLButtonElement>(el, 'button[name="sign"]');
    expect(sign.disabled).to.equal(true);
    expect(sign.textContent!.trim()).to.equal('−');
    await confirm(el);
    await waitForText(el, '已记录');
    expect(deepText(deep(el, 'kiosk-banner[data-kind="done"]'))).to.include('报损 -2盒');
    expect(deepText(el)).to.include('现在库存 2条 3盒');
    expect((await getProduct(toGtin14(PACK)))!.stock).to.equal(23);
    const history = await getProductHistory(toGtin14(PACK));
    const adjustments = history.filter((m) => m.kind === 'adjustment');
    expect(adjustments.map((m) => [m.quantity, m.reason])).to.deep.equal([[-2, 'damage']]);
  });

  it('a carton scan pre-fills one carton; found is positive; zero and absurd quantities are refused', async () => {
    const el = await fixture<KioskAdjustScreen>(html`<kiosk-adjust-screen></kiosk-adjust-screen>`);
    await el.showScan(makeScan(CARTON));
    expect(deep(el, '.value').getAttribute('data-quantity')).to.equal('10');
    deep(el, 'button[data-reason="found"]').click();
    await el.updateComplete;
    expect(deep(el, 'button[name="sign"]').textContent!.trim()).to.equal('+');

    await press(el, 'C0');
    await confirm(el);
    expect(deepText(el)).to.include('数量不能是 0');
    await press(el, 'C99999999');
    await confirm(el);
    expect(deepText(el)).to.include('数量太大');
    expect((await getProduct(toGtin14(PACK)))!.stock).to.equal(25);

    await press(el, 'C');
    deep(el, 'button[name="add-carton"]').click();
    await el.updateComplete;
    await confirm(el);
    await waitForText(el, '已记录');
    expect((await getProduct(toGtin14(PACK)))!.stock).to.equal(35);
  });

  it('a correction may go either way with the +/− key', async () => {
    const el = await fixture<KioskAdjustScreen>(html`<kiosk-adjust-screen></kiosk-adjust-screen>`);
    await el.showScan(makeScan(PACK));
    deep(el, 'button[data-reason="correction"]').click();
    await el.updateComplete;
    const sign = deep<HTMLButtonElement>(el, 'button[name="sign"]');
    expect(sign.disabled).to.equal(false);
    sign.click();
    await el.updateComplete;
    expect(deep(el, 'button[name="sign"]').textContent!.trim()).to.equal('+');
    await press(el, '3');
    await confirm(el);
    await waitForText(el, '已记录');
    expect((await getProduct(toGtin14(PACK)))!.stock).to.equal(28);
  });

  it('finds a product by name without a barcode', async () => {
    const el = await fixture<KioskAdjustScreen>(html`<kiosk-adjust-screen></kiosk-adjust-screen>`);
    const finder = deep(el, 'kiosk-product-search');
    const search = deep<HTMLInputElement>(finder, 'input[name="search"]');
    search.value = '中华';
    search.dispatchEvent(new Event('input'));
    await waitFor(() => maybeDeep(finder, 'button[name="pick"]') !== null, 'no search result', { timeout: 5000 });
    deep(finder, 'button[name="pick"]').click();
    await el.updateComplete;
    expect(deepText(deep(el, '.product'))).to.include('中华（硬）');
  });

  it('says the owner is needed when no owner is signed in, and records nothing', async () => {
    await signOut();
    const el = await fixture<KioskAdjustScreen>(html`<kiosk-adjust-screen></kiosk-adjust-screen>`);
    await el.showScan(makeScan(PACK));
    expect(deepText(el)).to.include('需要店主权限');
    expect(maybeDeep(el, 'button[name="confirm"]')).to.equal(null);
    expect((await getProduct(toGtin14(PACK)))!.stock).to.equal(25);
  });
  it('keeps a half-typed new product when another code is scanned, and offers that scan after saving it', async () => {
    const el = await fixture<KioskAdjustScreen>(html`<kiosk-adjust-screen></kiosk-adjust-screen>`);
    const unknown = ean13('690300000099');
    await el.showScan(makeScan(unknown));
    const form = await fillNewProduct(el, '新烟', '7');

    await scanBehindForm(el, form, makeScan(PACK), '新烟');

    deep(form, 'button[name="save"]').click();
    await waitFor(() => maybeDeep(el, 'kiosk-register-form') === null, 'form not closed');
    await waitForText(el, '现在库存 2条 5盒');
    expect(await getProduct(toGtin14(unknown))).to.include({ name: '新烟', priceCents: 700 });
    expect(maybeDeep(el, 'kiosk-banner[data-kind="held"]')).to.equal(null);
  });
});
