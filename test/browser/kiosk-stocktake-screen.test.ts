import type { LitElement } from 'lit';
import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import '../../src/screens/kiosk-stocktake-screen.ts';
import type { KioskStocktakeScreen } from '../../src/screens/kiosk-stocktake-screen.ts';
import { getProduct, registerProduct } from '../../src/data/products.ts';
import { getProductHistory, recordMovement } from '../../src/data/movements.ts';
import { getOpenSession } from '../../src/data/sessions.ts';
import { getScanTimings } from '../../src/data/metrics.ts';
import { toGtin14 } from '../../src/domain/barcode.ts';
import { productCount, restoreStocktake } from '../../src/domain/stocktake.ts';
import { deep, deepText, maybeDeep, waitForText } from './shadow-dom.ts';
import { fillNewProduct, readAndCloseProductHistory, scanBehindForm } from './screen-drivers.ts';
import { ean13, freshKioskDbPerTest, inEnglish, makeScan, openOwnerSession, TEST_OWNER_PIN } from './shop-fixtures.ts';
import { forgetSessionForTests, registerStaff, setOwnerPrompt, signIn } from '../../src/data/roles.ts';

const A = ean13('690100000001'); // 10 packs a carton, counted by carton scan
const A_CARTON = ean13('690100000002');
const B = ean13('690100000003'); // counted one short: the only difference
const C = ean13('690100000004'); // counted right, then sold
const D = ean13('690100000005'); // never counted

async function seed() {
  await registerProduct({
    code: toGtin14(A),
    name: '中华（硬）',
    priceCents: 4500,
    unit: 'pack',
    openingStock: 20,
    packsPerCarton: 10,
    cartonCode: toGtin14(A_CARTON),
  });
  await registerProduct({ code: toGtin14(B), name: '玉溪', priceCents: 2300, unit: 'pack', openingStock: 5 });
  await registerProduct({ code: toGtin14(C), name: '红塔山', priceCents: 1000, unit: 'pack', openingStock: 8 });
  await registerProduct({ code: toGtin14(D), name: '可乐', priceCents: 300, unit: 'pack', openingStock: 3 });
}

async function press(el: KioskStocktakeScreen, keys: string) {
  for (const key of keys) {
    const entry = deep<LitElement>(el, 'kiosk-stocktake-count-entry');
    await entry.updateComplete;
    if (key === '条') deep(entry, 'button[name="unit-carton"]').click();
    else if (key === '盒') deep(entry, 'button[name="unit-pack"]').click();
    else if (key === 'C') deep(entry, 'kiosk-keypad', 'button[data-key="clear"]').click();
    else deep(entry, 'kiosk-keypad', `button[data-key="${key}"]`).click();
    await el.updateComplete;
    await entry.updateComplete;
  }
}

function countInput(el: KioskStocktakeScreen): HTMLInputElement {
  return deep<HTMLInputElement>(el, 'kiosk-stocktake-count-entry', 'input[name="count"]');
}

async function save(el: KioskStocktakeScreen) {
  deep(el, 'kiosk-stocktake-count-entry', 'button[name="save"]').click();
  await waitFor(
    () =>
      !maybeDeep(el, 'kiosk-stocktake-count-entry') ||
      !deep<HTMLButtonElement>(el, 'kiosk-stocktake-count-entry', 'button[name="save"]').disabled,
    'save stuck',
    { timeout: 5000 },
  );
  await el.updateComplete;
}

/** Scans `code` and saves the count typed on the keypad. */
async function count(el: KioskStocktakeScreen, code: string, keys: string) {
  await el.showScan(makeScan(code));
  await press(el, keys);
  await save(el);
}

/** Taps 完成盘点 and confirms it once. */
async function finish(el: KioskStocktakeScreen) {
  deep(el, 'kiosk-stocktake-progress', 'button[name="finish"]').click();
  await el.updateComplete;
  deep(el, 'kiosk-stocktake-progress', 'button[name="confirm-finish"]').click();
}

async function counted(el: KioskStocktakeScreen, n: number) {
  await waitFor(
    () => maybeDeep(el, 'kiosk-stocktake-progress', '.progress-text')?.getAttribute('data-counted') === String(n),
    `progress never reached ${n}: ${deepText(el).slice(0, 300)}`,
    {
      timeout: 5000,
    },
  );
}

describe('kiosk-stocktake-screen', () => {
  freshKioskDbPerTest();

  it('counts 3 products of 4, a later sale is no difference, closes with the report and adjusts only the differing product', async () => {
    await seed();
    const el = await fixture<KioskStocktakeScreen>(html`<kiosk-stocktake-screen></kiosk-stocktake-screen>`);
    await el.updateComplete;
    // Help text explains sales during the count.
    expect(deepText(el)).to.include('盘点之后再卖出或入库的');
    deep(el, 'kiosk-stocktake-start', 'button[name="start"]').click();
    await waitFor(
      () => maybeDeep(el, 'kiosk-stocktake-progress', '.progress-text')?.getAttribute('data-expected') === '4',
      'no progress shown',
      { timeout: 5000 },
    );
    expect(deepText(el)).to.include('已盘 0 / 应盘 4');

    // Shelf 1. The carton barcode pre-fills one carton; key it up to 2条.
    const shelfButtons = deep(el, 'kiosk-shelf-picker').shadowRoot!.querySelectorAll('button[name="shelf"]');
    (shelfButtons[0] as HTMLButtonElement).click();
    const scanA = makeScan(A_CARTON);
    await el.showScan(scanA);
    expect(deepText(el)).to.include('中华（硬）');
    expect(deepText(el)).to.include('账面库存 2条');
    expect(countInput(el).value).to.equal('1条');
    expect(getScanTimings().find((t) => t.id === scanA.id)?.shownAt).to.be.a('number');
    await press(el, 'C2条');
    expect(countInput(el).value).to.equal('2条');
    await save(el);
    await counted(el, 1);

    // Letters are refused with a clear message, nothing saved.
    await el.showScan(makeScan(B));
    expect(deepText(el)).to.include('账面库存 5盒');
    countInput(el).value = 'abc';
    countInput(el).dispatchEvent(new Event('input'));
    await save(el);
    expect(deepText(el)).to.include('「abc」不是数量');
    // An absurd count too.
    await press(el, 'C99999999');
    await save(el);
    expect(deepText(el)).to.include('数量太大');
    expect(deepText(el)).to.include('已盘 1 / 应盘 4');
    // One short.
    await press(el, 'C4');
    await save(el);
    await counted(el, 2);

    // C on shelf 2, counted right.
    (shelfButtons[1] as HTMLButtonElement).click();
    await count(el, C, '8盒');
    await counted(el, 3);
    expect(deepText(el)).to.include('已盘 3 / 应盘 4');

    // A customer buys 2 of C after it was counted: stock moves, no difference.
    await recordMovement({ code: toGtin14(C), kind: 'sale', quantity: -2, at: Date.now() });

    // The list so far: B shows -1.
    const rowB = deep(el, '.counted kiosk-stocktake-counted-table', `tr[data-code="${toGtin14(B)}"]`);
    expect(deepText(rowB)).to.include('-1盒');

    // Finish: confirm first (double tap safe), then the report.
    deep(el, 'kiosk-stocktake-progress', 'button[name="finish"]').click();
    await el.updateComplete;
    expect(deepText(el)).to.include('还有 1 个商品没有盘点');
    const confirm = deep<HTMLButtonElement>(el, 'kiosk-stocktake-progress', 'button[name="confirm-finish"]');
    confirm.click();
    confirm.click();
    await waitForText(el, '盘点结果');

    const rate = deep(el, 'kiosk-stocktake-report', '.rate');
    // Σ|diff| = 1, Σcounted = 20 + 4 + 8 = 32 → 3.1%
    expect(deepText(rate)).to.include('3.1%');
    expect(deepText(rate)).to.include('合格');
    expect(rate.classList.contains('ok')).to.equal(true);
    expect(deepText(rate)).to.include('差异合计 1 盒');
    expect(deepText(rate)).to.include('实盘合计 32 盒');
    expect(getComputedStyle(rate).color).to.equal('rgb(21, 128, 61)');

    const lineB = deep(el, 'kiosk-stocktake-report', '.lines kiosk-stocktake-counted-table', `tr[data-code="${toGtin14(B)}"]`);
    expect(deepText(lineB)).to.include('玉溪');
    expect(deep(lineB, '.book').textContent!.trim()).to.equal('5盒');
    expect(deep(lineB, '.counted').textContent!.trim()).to.equal('4盒');
    expect(deep(lineB, '.diff').textContent!.trim()).to.equal('-1盒');
    const lineC = deep(el, 'kiosk-stocktake-report', '.lines kiosk-stocktake-counted-table', `tr[data-code="${toGtin14(C)}"]`);
    expect(deep(lineC, '.diff').textContent!.trim()).to.equal('0');

    const notCounted = deep(el, 'kiosk-stocktake-report', '.not-counted');
    expect(deepText(notCounted)).to.include('可乐');
    expect(deepText(notCounted)).to.include('未盘点，库存未改动');

    // Stock: only B corrected; C keeps its sale; D untouched.
    expect((await getProduct(toGtin14(A)))!.stock).to.equal(20);
    expect((await getProduct(toGtin14(B)))!.stock).to.equal(4);
    expect((await getProduct(toGtin14(C)))!.stock).to.equal(6);
    expect((await getProduct(toGtin14(D)))!.stock).to.equal(3);
    const historyB = await getProductHistory(toGtin14(B));
    expect(historyB.filter((m) => m.kind === 'stocktake').map((m) => m.quantity)).to.deep.equal([-1]);
    const historyC = await getProductHistory(toGtin14(C));
    expect(historyC.some((m) => m.kind === 'stocktake')).to.equal(false);
    expect(await getOpenSession('stocktake')).to.equal(undefined);
  });

  it('shows a rate over 10% in red as 超标 and flags negative stock', async () => {
    await registerProduct({ code: toGtin14(B), name: '玉溪', priceCents: 2300, unit: 'pack', openingStock: 10 });
    await registerProduct({ code: toGtin14(D), name: '可乐', priceCents: 300, unit: 'pack' });
    await recordMovement({ code: toGtin14(D), kind: 'sale', quantity: -2, at: Date.now() });

    const el = await fixture<KioskStocktakeScreen>(html`<kiosk-stocktake-screen></kiosk-stocktake-screen>`);
    await count(el, B, '7'); // a scan with no stocktake open starts one
    await el.showScan(makeScan(D));
    expect(deepText(el)).to.include('负库存');
    await press(el, '0');
    await save(el);
    await counted(el, 2);

    await finish(el);
    await waitForText(el, '盘点结果');
    const rate = deep(el, 'kiosk-stocktake-report', '.rate');
    // |7−10| + |0−(−2)| = 5 over 7 counted → 71.4%
    expect(deepText(rate)).to.include('71.4%');
    expect(deepText(rate)).to.include('超标');
    expect(rate.classList.contains('over')).to.equal(true);
    expect(getComputedStyle(rate).color).to.equal('rgb(185, 28, 28)');
    expect(
      deepText(deep(el, 'kiosk-stocktake-report', '.lines kiosk-stocktake-counted-table', `tr[data-code="${toGtin14(D)}"]`)),
    ).to.include('负库存');
    expect((await getProduct(toGtin14(D)))!.stock).to.equal(0);
  });

  it('a signed-in clerk counts, but 完成盘点 asks for the owner: cancelled, nothing is written', async () => {
    await registerProduct({ code: toGtin14(B), name: '玉溪', priceCents: 2300, unit: 'pack', openingStock: 10 });
    await openOwnerSession();
    const clerk = await registerStaff({ role: 'clerk', name: '小王', pin: '5555' }, TEST_OWNER_PIN);
    expect((await signIn(clerk.id!, '5555')).ok).to.equal(true);
    let asked = 0;
    setOwnerPrompt(() => {
      asked++; // the pad, cancelled: nobody gave the owner's PIN
      return Promise.resolve();
    });
    try {
      const el = await fixture<KioskStocktakeScreen>(html`<kiosk-stocktake-screen></kiosk-stocktake-screen>`);
      await count(el, B, '7');
      await counted(el, 1);
      await finish(el);
      await waitForText(el, '盘点结果要由店主确认');
      expect(asked).to.equal(1);
      expect((await getProduct(toGtin14(B)))!.stock).to.equal(10);
      expect((await getOpenSession('stocktake'))?.status).to.equal('open');
    } finally {
      setOwnerPrompt(undefined);
      forgetSessionForTests();
    }
  });

  it('in English the unit keys write “3 ctn 2 pk”, and that is read as 32 packs', async () => {
    await seed();
    await inEnglish(async () => {
      const el = await fixture<KioskStocktakeScreen>(html`<kiosk-stocktake-screen></kiosk-stocktake-screen>`);
      await el.updateComplete;
      deep(el, 'kiosk-stocktake-start', 'button[name="start"]').click();
      await waitFor(() => maybeDeep(el, 'kiosk-stocktake-progress', '.progress-text') !== null, 'no progress shown');
      // A carton's scan pre-fills one carton in the kiosk's language.
      await el.showScan(makeScan(A_CARTON));
      expect(countInput(el).value).to.equal('1 ctn');
      expect(countInput(el).placeholder).to.equal('e.g. 3 ctn 2 pk');
      await press(el, 'C3条2盒');
      expect(countInput(el).value).to.equal('3 ctn 2 pk ');
      await save(el);
      await counted(el, 1);
      const stored = await getOpenSession('stocktake');
      expect(productCount(restoreStocktake(stored?.counts ?? []), toGtin14(A))?.counted).to.equal(32);
    });
  });

  it('resumes the open stocktake after a reload with its counts', async () => {
    await seed();
    const first = await fixture<KioskStocktakeScreen>(html`<kiosk-stocktake-screen></kiosk-stocktake-screen>`);
    await first.showScan(makeScan(B));
    await press(first, '5');
    await save(first);
    await counted(first, 1);
    first.remove();

    const again = await fixture<KioskStocktakeScreen>(html`<kiosk-stocktake-screen></kiosk-stocktake-screen>`);
    await again.updateComplete;
    await counted(again, 1);
    expect(deepText(again)).to.include('玉溪');
  });

  it('opens the product history from the counted list', async () => {
    await seed();
    const el = await fixture<KioskStocktakeScreen>(html`<kiosk-stocktake-screen></kiosk-stocktake-screen>`);
    await count(el, B, '5');
    await counted(el, 1);
    deep(el, '.counted kiosk-stocktake-counted-table', `tr[data-code="${toGtin14(B)}"]`).click();
    await readAndCloseProductHistory(el);
    expect(maybeDeep(el, 'kiosk-product-history')).to.equal(null);
  });
  it('keeps a half-typed new product when another code is scanned, and offers that scan after the form', async () => {
    await seed();
    const el = await fixture<KioskStocktakeScreen>(html`<kiosk-stocktake-screen></kiosk-stocktake-screen>`);
    const unknown = ean13('690100000099');
    await el.showScan(makeScan(unknown));
    const form = await fillNewProduct(el, '新烟');

    await scanBehindForm(el, form, makeScan(B), '新烟');

    deep(form, 'button[name="cancel"]').click();
    await waitFor(() => maybeDeep(el, 'kiosk-register-form') === null, 'form not closed');
    await waitForText(el, '账面库存 5');
    expect(deepText(el)).to.include('玉溪');
    expect(maybeDeep(el, 'kiosk-banner[data-kind="held"]')).to.equal(null);
  });
});
