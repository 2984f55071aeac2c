import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import '../../src/components/kiosk-register-form.ts';
import { kioskData } from '../../src/data/kiosk-data.ts';
import { nextCountText, nextPriceText } from '../../src/domain/keypad.ts';
import {
  type KioskProductRegisteredEvent,
  type KioskRegisterCancelledEvent,
  type KioskRegisterForm,
} from '../../src/components/kiosk-register-form.ts';
import { getDb } from '../../src/data/db.ts';
import { getProduct, registerProduct } from '../../src/data/products.ts';
import { deep, deepText } from './shadow-dom.ts';
import { pressKeys, typeName } from './screen-drivers.ts';
import { ean13, freshKioskDbPerTest, inEnglish } from './shop-fixtures.ts';

const CODE = `0${ean13('690111122223')}`;

function errorsOf(form: KioskRegisterForm): string[] {
  return [...form.shadowRoot!.querySelectorAll('.error, .failure')].map((e) => e.textContent!.trim()).filter(Boolean);
}

describe('kiosk-register-form', () => {
  freshKioskDbPerTest();

  it('says what is missing beside each field and saves nothing', async () => {
    const form = await fixture<KioskRegisterForm>(html`<kiosk-register-form .data=${kioskData} .code=${CODE}></kiosk-register-form>`);
    let registered = 0;
    form.addEventListener('kiosk-product-registered', () => registered++);
    deep(form, 'button[name="save"]').click();
    await form.updateComplete;
    expect(errorsOf(form)).to.include.members(['请输入商品名称', '请输入价格，例如 12.50']);
    expect(deep(form, 'input[name="name"]').getAttribute('aria-invalid')).to.equal('true');
    expect(registered).to.equal(0);
    expect(await getProduct(CODE)).to.equal(undefined);
  });

  it('rejects a price that is too high and a stock that is too large, in words', async () => {
    const form = await fixture<KioskRegisterForm>(html`<kiosk-register-form .data=${kioskData} .code=${CODE}></kiosk-register-form>`);
    typeName(form, '测试烟');
    await pressKeys(form, '9999999');
    deep(form, 'button[name="stock"]').click();
    await form.updateComplete;
    await pressKeys(form, '9999999');
    deep(form, 'button[name="save"]').click();
    await form.updateComplete;
    const errors = errorsOf(form);
    expect(errors.some((e) => e.startsWith('价格太高'))).to.equal(true, errors.join('|'));
    expect(errors.some((e) => e.startsWith('库存太大'))).to.equal(true, errors.join('|'));
    expect(await getProduct(CODE)).to.equal(undefined);

    // Fixing the field clears its error.
    deep(form, 'button[name="price"]').click();
    await form.updateComplete;
    deep(form, 'kiosk-keypad', 'button[data-key="backspace"]').click();
    await form.updateComplete;
    expect(errorsOf(form).some((e) => e.startsWith('价格太高'))).to.equal(false);
  });

  it('saves once on a double tap', async () => {
    const form = await fixture<KioskRegisterForm>(html`<kiosk-register-form .data=${kioskData} .code=${CODE}></kiosk-register-form>`);
    const events: KioskProductRegisteredEvent[] = [];
    form.addEventListener('kiosk-product-registered', (e) => events.push(e));
    typeName(form, '  黄鹤楼（硬） ');
    await pressKeys(form, '19.99');
    const save = deep<HTMLButtonElement>(form, 'button[name="save"]');
    save.click();
    save.click();
    await waitFor(() => events.length > 0, 'no kiosk-product-registered event', { timeout: 5000 });
    // A late third tap after the save finished must not try again either.
    save.click();
    await new Promise((r) => setTimeout(r, 300));
    expect(events).to.have.length(1);
    expect(events[0]!.detail).to.include({ code: CODE, name: '黄鹤楼（硬）', priceCents: 1999, unit: 'pack', stock: 0 });
    expect(errorsOf(form)).to.deep.equal([]);
    const db = await getDb();
    expect(await db.count('products')).to.equal(1);
    expect(await getProduct(CODE)).to.include({ priceCents: 1999 });
  });

  it('tells the owner when the code was registered meanwhile', async () => {
    await registerProduct({ code: CODE, name: '已有', priceCents: 100, unit: 'pack' });
    const form = await fixture<KioskRegisterForm>(html`<kiosk-register-form .data=${kioskData} .code=${CODE}></kiosk-register-form>`);
    typeName(form, '新的');
    await pressKeys(form, '5');
    deep(form, 'button[name="save"]').click();
    await waitFor(() => errorsOf(form).some((e) => e.includes('已经登记过了')), 'no "already registered" message');
    expect(await getProduct(CODE)).to.include({ name: '已有' });
  });

  it('fires kiosk-register-cancelled on Cancel', async () => {
    const form = await fixture<KioskRegisterForm>(html`<kiosk-register-form .data=${kioskData} .code=${CODE}></kiosk-register-form>`);
    setTimeout(() => deep(form, 'button[name="cancel"]').click());
    const event = (await oneEvent(form, 'kiosk-register-cancelled')) as unknown as KioskRegisterCancelledEvent;
    expect(event.detail).to.equal(CODE);
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('offers pack and carton as two big buttons', async () => {
    const form = await fixture<KioskRegisterForm>(html`<kiosk-register-form .data=${kioskData} .code=${CODE}></kiosk-register-form>`);
    const pack = deep(form, 'button[name="unit-pack"]');
    const carton = deep(form, 'button[name="unit-carton"]');
    expect(pack.textContent!.trim()).to.equal('盒');
    expect(carton.textContent!.trim()).to.equal('条');
    expect(pack.getAttribute('aria-pressed')).to.equal('true');
    carton.click();
    await form.updateComplete;
    expect(carton.getAttribute('aria-pressed')).to.equal('true');
    expect(pack.getAttribute('aria-pressed')).to.equal('false');
    for (const button of [pack, carton, deep(form, 'kiosk-keypad', 'button[data-key="5"]')]) {
      const box = button.getBoundingClientRect();
      expect(box.height).to.be.at.least(48);
      expect(box.width).to.be.at.least(48);
    }
  });

  it('reads the typed stock in English as “1 pack”, “12 packs”, “1 carton”', async () => {
    await inEnglish(async () => {
      const form = await fixture<KioskRegisterForm>(html`<kiosk-register-form .data=${kioskData} .code=${CODE}></kiosk-register-form>`);
      deep(form, 'button[name="stock"]').click();
      await form.updateComplete;
      const shown = () => deepText(deep(form, 'button[name="stock"]')).replace(/\s+/g, ' ');
      await pressKeys(form, '1');
      expect(shown()).to.include('1 pack').and.not.include('Pack');
      await pressKeys(form, '2');
      expect(shown()).to.include('12 packs');
      deep(form, 'button[name="unit-carton"]').click();
      await form.updateComplete;
      deep(form, 'button[name="stock"]').click();
      await form.updateComplete;
      deep(form, 'kiosk-keypad', 'button[data-key="backspace"]').click();
      await form.updateComplete;
      expect(shown()).to.include('1 carton').and.not.include('cartons');
    });
  });

  it('keeps a new code from inheriting what was typed for the last one', async () => {
    const form = await fixture<KioskRegisterForm>(html`<kiosk-register-form .data=${kioskData} .code=${CODE}></kiosk-register-form>`);
    typeName(form, '旧的');
    await pressKeys(form, '3');
    expect(form.dirty).to.equal(true);
    form.code = `0${ean13('690111122224')}`;
    await form.updateComplete;
    expect(form.dirty).to.equal(false);
    expect(deepText(form)).to.not.include('¥ 3');
  });

  it('turns keypad presses into prices and counts', () => {
    const type = (keys: string[], next: typeof nextPriceText) => keys.reduce((t, k) => next(t, k as never), '');
    expect(type(['1', '2', '.', '5', '0', '9'], nextPriceText)).to.equal('12.50');
    expect(type(['.', '5'], nextPriceText)).to.equal('0.5');
    expect(type(['0', '0', '7'], nextPriceText)).to.equal('7');
    expect(type(['1', '.', '.', '2'], nextPriceText)).to.equal('1.2');
    expect(type(['1', '2', 'backspace'], nextPriceText)).to.equal('1');
    expect(type(['1', '2', 'clear'], nextPriceText)).to.equal('');
    expect(type(['0', '3', '.', '1'], nextCountText)).to.equal('31');
  });
});
