import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import '../../src/components/kiosk-product-editor.ts';
import { kioskData } from '../../src/data/kiosk-data.ts';
import '../../src/screens/kiosk-catalog-screen.ts';
import { centsToText } from '../../src/domain/product-edit.ts';
import {
  type KioskProductEditCancelledEvent,
  type KioskProductEditor,
  type KioskProductSavedEvent,
} from '../../src/components/kiosk-product-editor.ts';
import type { KioskCatalogScreen } from '../../src/screens/kiosk-catalog-screen.ts';
import { closeDb } from '../../src/data/db.ts';
import { getProduct, registerProduct } from '../../src/data/products.ts';
import { lookupBarcode } from '../../src/data/barcodes.ts';
import { signOut } from '../../src/data/roles.ts';
import { deep, deepText, maybeDeep, typeInto, waitForText } from './shadow-dom.ts';
import { ean13, freshShopWithOwner, makeScan } from './shop-fixtures.ts';
import { noUsb } from './fakes.ts';
import { gs1CheckDigit, toGtin14 } from '../../src/domain/barcode.ts';
import type { Product } from '../../src/domain/product.ts';

const PACK = toGtin14(ean13('690500000001'));
const CARTON = toGtin14(ean13('690500000002'));
const OTHER = toGtin14(ean13('690500000003'));
/** A carton barcode with its last digit one off: a typing mistake the check digit catches. */
const BAD_CARTON = '690500000004' + String((gs1CheckDigit('690500000004') + 1) % 10);

async function seed(): Promise<Product> {
  return registerProduct({
    code: PACK,
    name: '中华（硬）',
    priceCents: 4500,
    unit: 'pack',
    openingStock: 23,
    packsPerCarton: 10,
    cartonCode: CARTON,
  });
}

async function editor(product: Product): Promise<KioskProductEditor> {
  const el = await fixture<KioskProductEditor>(html`<kiosk-product-editor .data=${kioskData} .product=${product}></kiosk-product-editor>`);
  await el.updateComplete;
  return el;
}

async function tap(el: KioskProductEditor, selector: string) {
  deep(el, selector).click();
  await el.updateComplete;
}

async function keys(el: KioskProductEditor, typed: string) {
  for (const key of typed) {
    deep(el, 'kiosk-keypad', `button[data-key="${key === '⌫' ? 'backspace' : key}"]`).click();
    await el.updateComplete;
  }
}

function errorOf(el: KioskProductEditor, field: string): string {
  return deep(el, `.error[data-field="${field}"]`).textContent!.trim();
}

function allErrors(el: KioskProductEditor): string[] {
  return [...el.shadowRoot!.querySelectorAll('.error, .failure')].map((e) => e.textContent!.trim()).filter(Boolean);
}

function collect<E extends Event>(el: Element, name: string): E[] {
  const events: E[] = [];
  el.addEventListener(name, (e) => events.push(e as E));
  return events;
}

describe('kiosk-product-editor', () => {
  freshShopWithOwner();

  it('shows the stored product; stock is shown with the hint, not editable', async () => {
    const product = await seed();
    const el = await editor(product);
    expect(deep<HTMLInputElement>(el, 'input[name="name"]').value).to.equal('中华（硬）');
    expect(deepText(deep(el, 'button[name="price"]')))
      .to.include('¥ 45')
      .and.include('¥45.00');
    expect(deepText(deep(el, 'button[name="cartonSize"]'))).to.include('10');
    expect(deep<HTMLInputElement>(el, 'input[name="carton-code"]').value).to.equal(ean13('690500000002'));
    expect(deepText(el)).to.include('2条 3盒');
    expect(deepText(deep(el, '[data-kind="stock-hint"]'))).to.equal('库存只能通过入库、销售、盘点或调整改变');
    expect(maybeDeep(el, '[name="stock"]')).to.equal(null);
    for (const button of [
      deep(el, 'button[name="save"]'),
      deep(el, 'button[name="price"]'),
      deep(el, 'kiosk-keypad', 'button[data-key="5"]'),
    ]) {
      expect(button.getBoundingClientRect().height).to.be.at.least(48);
    }
  });

  it('saves a new price, cost, carton size, brand and new flag; the carton barcode scans with the new size', async () => {
    const product = await seed();
    expect((await lookupBarcode(CARTON))?.link.multiplier).to.equal(10);
    const el = await editor(product);
    const saved = collect<KioskProductSavedEvent>(el, 'kiosk-product-saved');

    // The price field is active at first and its first key replaces the stored price.
    await keys(el, '48.5');
    await tap(el, 'button[name="cost"]');
    await keys(el, '41');
    await tap(el, 'button[name="cartonSize"]');
    await keys(el, '20');
    typeInto(el, ' 中华 ', 'input[name="brand"]');
    await tap(el, 'button[name="new-yes"]');
    await tap(el, 'button[name="save"]');

    await waitFor(() => saved.length > 0, `no kiosk-product-saved; errors: ${allErrors(el).join('|')}`, { timeout: 5000 });
    expect(saved[0]!.bubbles && saved[0]!.composed).to.equal(true);
    expect(saved[0]!.detail).to.include({
      code: PACK,
      priceCents: 4850,
      costCents: 4100,
      packsPerCarton: 20,
      brand: '中华',
      isNew: true,
      stock: 23,
    });

    const stored = await getProduct(PACK);
    expect(stored).to.include({ name: '中华（硬）', priceCents: 4850, costCents: 4100, packsPerCarton: 20, cartonCode: CARTON, stock: 23 });
    const match = await lookupBarcode(CARTON);
    expect(match?.product.code).to.equal(PACK);
    expect(match?.link.multiplier).to.equal(20);
    // What was read from IndexedDB, not only the memory copy.
    await closeDb();
    expect((await lookupBarcode(CARTON))?.link.multiplier).to.equal(20);
  });

  it('saves the minimum order (in cartons) and the discontinued mark; clearing them removes them; 0 is none', async () => {
    const product = await seed();
    const el = await editor(product);
    const saved = collect<KioskProductSavedEvent>(el, 'kiosk-product-saved');
    expect(deepText(deep(el, 'button[name="minOrder"]'))).to.include('可不填');
    await tap(el, 'button[name="minOrder"]');
    await keys(el, '3');
    // A carton size is set: the minimum counts cartons, as order lines do.
    expect(deepText(deep(el, 'button[name="minOrder"]')))
      .to.include('3')
      .and.include('条/件');
    await tap(el, 'button[name="discontinued-yes"]');
    await tap(el, 'button[name="save"]');
    await waitFor(() => saved.length > 0, `no kiosk-product-saved; errors: ${allErrors(el).join('|')}`, { timeout: 5000 });
    expect(await getProduct(PACK)).to.include({ minOrderUnits: 3, discontinued: true });

    const again = await editor((await getProduct(PACK))!);
    const savedAgain = collect<KioskProductSavedEvent>(again, 'kiosk-product-saved');
    expect(deep(again, 'button[name="discontinued-yes"]').getAttribute('aria-pressed')).to.equal('true');
    await tap(again, 'button[name="minOrder"]');
    await keys(again, '0');
    await tap(again, 'button[name="discontinued-no"]');
    await tap(again, 'button[name="save"]');
    await waitFor(() => savedAgain.length > 0, `no kiosk-product-saved; errors: ${allErrors(again).join('|')}`, { timeout: 5000 });
    const stored = (await getProduct(PACK))!;
    expect(stored).to.not.have.any.keys('minOrderUnits', 'discontinued');
  });

  it('a minimum order too large is told beside it and nothing is saved', async () => {
    const product = await seed();
    const el = await editor(product);
    await tap(el, 'button[name="minOrder"]');
    await keys(el, '10001');
    await tap(el, 'button[name="save"]');
    expect(errorOf(el, 'minOrderUnits')).to.equal('起订量要填 1 到 10000 的整数；没有起订量就留空');
    expect((await getProduct(PACK))?.minOrderUnits).to.equal(undefined);
  });

  it('saves the display texts (规格, 品牌故事), trimmed; a story too long is told beside it and nothing is saved', async () => {
    const product = await seed();
    const el = await editor(product);
    const saved = collect<KioskProductSavedEvent>(el, 'kiosk-product-saved');
    typeInto(el, '烟'.repeat(301), 'textarea[name="brandStory"]');
    await tap(el, 'button[name="save"]');
    expect(errorOf(el, 'brandStory')).to.equal('品牌故事太长，最多 300 个字');
    expect((await getProduct(PACK))?.brandStory).to.equal(undefined);

    typeInto(el, ' 1951 年诞生于上海。\n国礼之选。 ', 'textarea[name="brandStory"]');
    typeInto(el, '焦油量 11mg · 20支/盒', 'input[name="specs"]');
    await tap(el, 'button[name="save"]');
    await waitFor(() => saved.length > 0, `no kiosk-product-saved; errors: ${allErrors(el).join('|')}`, { timeout: 5000 });
    expect(await getProduct(PACK)).to.include({ brandStory: '1951 年诞生于上海。\n国礼之选。', specs: '焦油量 11mg · 20支/盒', stock: 23 });
  });

  it('a bad price and a bad carton check digit are told beside their fields; nothing is saved', async () => {
    const product = await seed();
    const el = await editor(product);
    const saved = collect<KioskProductSavedEvent>(el, 'kiosk-product-saved');

    await keys(el, '200000'); // ¥200,000: above the highest price
    await tap(el, 'input[name="carton-code"]');
    await keys(el, BAD_CARTON);
    expect(deep<HTMLInputElement>(el, 'input[name="carton-code"]').value).to.equal(BAD_CARTON);
    await tap(el, 'button[name="save"]');

    expect(errorOf(el, 'priceCents')).to.match(/^价格太高/);
    expect(errorOf(el, 'cartonCode')).to.include('校验位');
    expect(deep(el, 'input[name="carton-code"]').getAttribute('aria-invalid')).to.equal('true');
    expect(deep(el, 'button[name="price"]').getAttribute('aria-invalid')).to.equal('true');
    await new Promise((r) => setTimeout(r, 200));
    expect(saved).to.have.length(0);
    const stored = await getProduct(PACK);
    expect(stored).to.include({ priceCents: 4500, cartonCode: CARTON, updatedAt: product.updatedAt });

    // A carton code that is the pack's own code is refused in words too.
    await keys(el, '⌫⌫⌫⌫⌫⌫⌫⌫⌫⌫⌫⌫⌫');
    await keys(el, ean13('690500000001'));
    await tap(el, 'button[name="save"]');
    expect(errorOf(el, 'cartonCode')).to.include('不能和单盒的条码相同');

    // Fixing both saves.
    await tap(el, 'button[name="cartonSize"]');
    await tap(el, 'button[name="price"]');
    await keys(el, '46');
    expect(errorOf(el, 'priceCents')).to.equal('');
    await tap(el, 'input[name="carton-code"]');
    await keys(el, ean13('690500000004'));
    await tap(el, 'button[name="save"]');
    await waitFor(() => saved.length > 0, `not saved: ${allErrors(el).join('|')}`, { timeout: 5000 });
    expect(await getProduct(PACK)).to.include({ priceCents: 4600, cartonCode: toGtin14(ean13('690500000004')) });
    expect((await lookupBarcode(toGtin14(ean13('690500000004'))))?.link.multiplier).to.equal(10);
    // The old carton code no longer answers to the product.
    expect((await lookupBarcode(CARTON))?.link.multiplier ?? 1).to.equal(1);
  });

  it('a carton barcode needs a carton size, and one already used by another product is refused', async () => {
    const plain = await registerProduct({ code: OTHER, name: '矿泉水', priceCents: 200, unit: 'pack' });
    await seed();
    const el = await editor(plain);
    const saved = collect<KioskProductSavedEvent>(el, 'kiosk-product-saved');
    el.useScannedCode(CARTON);
    await el.updateComplete;
    expect(deep<HTMLInputElement>(el, 'input[name="carton-code"]').value).to.equal(ean13('690500000002'));
    await tap(el, 'button[name="save"]');
    expect(errorOf(el, 'packsPerCarton')).to.include('要填每条有几盒');

    await tap(el, 'button[name="cartonSize"]');
    await keys(el, '24');
    await tap(el, 'button[name="save"]');
    await waitFor(() => errorOf(el, 'cartonCode') !== '', 'no error for a taken carton code', { timeout: 5000 });
    expect(errorOf(el, 'cartonCode')).to.include('已经是另一个商品的条码').and.include('中华（硬）');
    expect(saved).to.have.length(0);
    expect((await getProduct(OTHER))?.cartonCode).to.equal(undefined);
    expect((await lookupBarcode(CARTON))?.product.code).to.equal(PACK);
  });

  it('saves once on a double tap', async () => {
    const product = await seed();
    const el = await editor(product);
    const saved = collect<KioskProductSavedEvent>(el, 'kiosk-product-saved');
    await keys(el, '47');
    const save = deep<HTMLButtonElement>(el, 'button[name="save"]');
    save.click();
    save.click();
    await waitFor(() => saved.length > 0, 'no kiosk-product-saved', { timeout: 5000 });
    const first = await getProduct(PACK);
    // A late tap after the save finished must not save again either.
    save.click();
    await new Promise((r) => setTimeout(r, 300));
    expect(saved).to.have.length(1);
    expect(first?.priceCents).to.equal(4700);
    expect((await getProduct(PACK))?.updatedAt).to.equal(first?.updatedAt);
  });

  it('without the owner role: says so, has no save, and nothing can be typed', async () => {
    const product = await seed();
    await signOut();
    const el = await editor(product);
    const saved = collect<KioskProductSavedEvent>(el, 'kiosk-product-saved');
    expect(deepText(el)).to.include('需要店主权限');
    expect(maybeDeep(el, 'button[name="save"]')).to.equal(null);
    expect(deep<HTMLInputElement>(el, 'input[name="name"]').disabled).to.equal(true);
    const key = deep<HTMLButtonElement>(el, 'kiosk-keypad', 'button[data-key="9"]');
    expect(key.disabled).to.equal(true);
    key.click();
    await el.updateComplete;
    expect(deepText(deep(el, 'button[name="price"]'))).to.include('¥ 45');
    el.useScannedCode(OTHER);
    await el.updateComplete;
    expect(deep<HTMLInputElement>(el, 'input[name="carton-code"]').value).to.equal(ean13('690500000002'));
    expect(saved).to.have.length(0);
    expect(await getProduct(PACK)).to.include({ priceCents: 4500, updatedAt: product.updatedAt });

    setTimeout(() => deep(el, 'button[name="cancel"]').click());
    const closed = (await oneEvent(el, 'kiosk-product-edit-cancelled')) as unknown as KioskProductEditCancelledEvent;
    expect(closed.detail).to.equal(PACK);
  });

  it('cancel fires kiosk-product-edit-cancelled and writes nothing', async () => {
    const product = await seed();
    const el = await editor(product);
    await keys(el, '99');
    expect(el.dirty).to.equal(true);
    setTimeout(() => deep(el, 'button[name="cancel"]').click());
    const event = (await oneEvent(el, 'kiosk-product-edit-cancelled')) as unknown as KioskProductEditCancelledEvent;
    expect(event.detail).to.equal(PACK);
    expect(event.bubbles && event.composed).to.equal(true);
    expect((await getProduct(PACK))?.priceCents).to.equal(4500);
  });

  it('turns cents into keypad text without floating point', () => {
    expect(centsToText(4500)).to.equal('45');
    expect(centsToText(1999)).to.equal('19.99');
    expect(centsToText(5)).to.equal('0.05');
    expect(centsToText(undefined)).to.equal('');
  });

  it('the catalog list opens the editor with 编辑; saving closes it and the list shows the new price', async () => {
    await seed();
    const el = await fixture<KioskCatalogScreen>(html`<kiosk-catalog-screen .usbService=${noUsb}></kiosk-catalog-screen>`);
    deep(el, 'button[data-tab="products"]').click();
    await el.productsLoaded();
    const edit = deep<HTMLButtonElement>(el, 'kiosk-catalog-products', `button[name="edit"][data-code="${PACK}"]`);
    expect(edit.textContent!.trim()).to.equal('编辑');
    expect(edit.getBoundingClientRect().height).to.be.at.least(48);
    edit.click();
    await el.updateComplete;
    // The button opens the editor, not the row's history.
    expect(maybeDeep(el, 'kiosk-product-history')).to.equal(null);
    const form = deep<KioskProductEditor>(el, '.overlay kiosk-product-editor');
    await form.updateComplete;

    // A scan while the editor is open sets the carton barcode.
    el.showScan(makeScan(ean13('690500000005')));
    await form.updateComplete;
    expect(deep<HTMLInputElement>(form, 'input[name="carton-code"]').value).to.equal(ean13('690500000005'));

    await tap(form, 'button[name="price"]');
    await keys(form, '52');
    await tap(form, 'button[name="save"]');
    await waitFor(() => maybeDeep(el, 'kiosk-product-editor') === null, 'editor did not close', { timeout: 5000 });
    await waitForText(deep(el, 'kiosk-catalog-products', `tr[data-code="${PACK}"]`), '¥52.00');
    expect(deepText(el)).to.include('已保存「中华（硬）」');
    expect((await lookupBarcode(toGtin14(ean13('690500000005'))))?.link.multiplier).to.equal(10);

    // Cancel closes it without writing.
    deep(el, 'kiosk-catalog-products', `button[name="edit"][data-code="${PACK}"]`).click();
    await el.updateComplete;
    deep(el, 'kiosk-product-editor', 'button[name="cancel"]').click();
    await el.updateComplete;
    expect(maybeDeep(el, 'kiosk-product-editor')).to.equal(null);
    expect((await getProduct(PACK))?.priceCents).to.equal(5200);
  });
});
