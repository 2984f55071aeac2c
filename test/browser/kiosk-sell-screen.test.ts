import { expect, html } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import '../../src/screens/kiosk-sell-screen.ts';
import type { KioskSellScreen } from '../../src/screens/kiosk-sell-screen.ts';
import type { KioskRegisterForm } from '../../src/components/kiosk-register-form.ts';
import { closeDb } from '../../src/data/db.ts';
import { getProduct, registerProduct } from '../../src/data/products.ts';
import { getProductHistory } from '../../src/data/movements.ts';
import { getOpenSession } from '../../src/data/sessions.ts';
import { getLastClosedSale } from '../../src/data/basket-closing.ts';
import { signOut } from '../../src/data/roles.ts';
import { storeAndApplyScans } from '../../src/data/scans.ts';
import type { Scan } from '../../src/domain/scan-protocol.ts';
import { forgetProducts } from '../../src/data/product-cache.ts';
import { clickAndSettle, deep, deepText, maybeDeep, typeInto, waitForText } from './shadow-dom.ts';
import { basketLineRows, expectLayoutRoot, fillNewProduct, mountBasketScreen } from './screen-drivers.ts';
import { ean13, freshBasketScreenPerTest, inEnglish, makeScan, openOwnerSession, registerCartonPack } from './shop-fixtures.ts';

const PACK = ean13('690100200301');
const CARTON = ean13('690100200302');
const OTHER = ean13('690100200303');

/** 中华 by the pack and the carton, and a cola; then the owner signs in (reversing a sale is the owner's). */
async function seed() {
  await registerCartonPack(PACK, CARTON, { name: '中华（硬）', priceCents: 4500, openingStock: 50 });
  await registerProduct({ code: `0${OTHER}`, name: '可乐 330ml', priceCents: 300, unit: 'pack', openingStock: 0 });
  await openOwnerSession();
}

function sellScreen(): Promise<KioskSellScreen> {
  return mountBasketScreen<KioskSellScreen>(html`<kiosk-sell-screen style="height:600px"></kiosk-sell-screen>`);
}

/** A sell screen with the new-product form of `unknown` open (矿泉水 typed), and `meanwhile` scanned behind it. */
async function typingWhileScanned(unknown: string, ...meanwhile: string[]) {
  const screen = await sellScreen();
  await screen.showScan(makeScan(unknown));
  const form = await fillNewProduct(screen, '矿泉水');
  for (const code of meanwhile) await screen.showScan(makeScan(code));
  await screen.settled();
  return { screen, form };
}

/** Taps 取消 on the new-product form and lets the screen settle. */
async function cancelForm(screen: KioskSellScreen, form: KioskRegisterForm) {
  deep(form, 'button[name="cancel"]').click();
  await screen.settled();
}

function shownTotal(screen: KioskSellScreen): string {
  return deepText(deep(screen, '[data-panel="total"] .sum'));
}

function press(screen: KioskSellScreen, keys: string) {
  for (const key of keys) deep(screen, 'kiosk-quantity-editor', 'kiosk-keypad', `button[data-key="${key}"]`).click();
}

/** 2 packs and 1 carton of 中华: lines ¥90.00 + ¥450.00. */
async function scanTwoPacksAndACarton(screen: KioskSellScreen) {
  await screen.showScan(makeScan(PACK));
  await screen.showScan(makeScan(PACK));
  await screen.showScan(makeScan(CARTON));
}

/** A sell screen with 2 packs and 1 carton of 中华 in its basket (¥540.00): where most tests start. */
async function sellScreenWithBasket(): Promise<KioskSellScreen> {
  const screen = await sellScreen();
  await scanTwoPacksAndACarton(screen);
  return screen;
}

describe('kiosk-sell-screen', () => {
  freshBasketScreenPerTest(seed);

  it('collects 2 packs and 1 carton into two lines with unit, price, quantity and the sum', async () => {
    const screen = await sellScreen();
    await waitForText(screen, '请扫描商品条码');
    await scanTwoPacksAndACarton(screen);

    const rows = basketLineRows(screen);
    expect(rows).to.have.length(2);
    expect(deepText(rows[0]!)).to.include('中华（硬）').and.include('¥45.00').and.include('2盒').and.include('¥90.00');
    expect(deepText(rows[1]!)).to.include('整条（10盒）').and.include('¥450.00').and.include('1条');
    expect(shownTotal(screen)).to.equal('¥540.00');
    expect(deepText(deep(screen, '[data-panel="total"]'))).to.include('3 件');
    // Stock of the scanned product: 50 now, 50 − 2 − 10 after this sale.
    expect(deepText(deep(screen, '[data-panel="scanned"]')))
      .to.include('库存 5条')
      .and.include('结账后 3条 8盒');
    const open = await getOpenSession('sale');
    expect(open?.basket.lines.map((l) => [l.quantity, l.multiplier])).to.deep.equal([
      [2, 1],
      [1, 10],
    ]);
  });

  it('lays a scan out inside the basket list and the side column only (their own layout roots)', async () => {
    const screen = await sellScreenWithBasket();
    expectLayoutRoot(deep(screen, 'kiosk-basket-lines', '.frame'));
    expectLayoutRoot(deep(screen, '.side > .frame'));
  });

  it('changes a quantity on the keypad and says in words why 0 or 9999 is refused', async () => {
    const screen = await sellScreenWithBasket();
    basketLineRows(screen)[0]!.click();
    await screen.settled();
    expect(maybeDeep(screen, 'kiosk-quantity-editor')).to.not.equal(null);

    press(screen, '0');
    await clickAndSettle(screen, 'kiosk-quantity-editor', 'button[name="ok"]');
    await waitForText(screen, '数量不能是 0');

    press(screen, '9999');
    await clickAndSettle(screen, 'kiosk-quantity-editor', 'button[name="ok"]');
    await waitForText(screen, '数量太大');
    expect((await getOpenSession('sale'))?.basket.lines[0]?.quantity).to.equal(2);

    deep(screen, 'kiosk-quantity-editor', 'kiosk-keypad', 'button[data-key="clear"]').click();
    press(screen, '5');
    await clickAndSettle(screen, 'kiosk-quantity-editor', 'button[name="ok"]');
    await waitFor(() => maybeDeep(screen, 'kiosk-quantity-editor') === null, 'keypad stayed open');
    expect(deepText(basketLineRows(screen)[0]!))
      .to.include('5盒')
      .and.include('¥225.00');
    expect(shownTotal(screen)).to.equal('¥675.00');
    expect((await getOpenSession('sale'))?.basket.lines[0]?.quantity).to.equal(5);
  });

  it('voids a line', async () => {
    const screen = await sellScreenWithBasket();
    basketLineRows(screen)[1]!.click();
    await screen.settled();
    await clickAndSettle(screen, 'kiosk-quantity-editor', 'button[name="void-line"]');
    await waitFor(() => basketLineRows(screen).length === 1, 'line not voided');
    expect(shownTotal(screen)).to.equal('¥90.00');
    expect((await getOpenSession('sale'))?.basket.lines).to.have.length(1);
  });

  it('closes the sale: sale movements in packs, stock down, "已结账" with the total, then a fresh basket', async () => {
    const screen = await sellScreenWithBasket();
    await clickAndSettle(screen, 'button[name="close"]');
    await waitForText(screen, '已结账');
    expect(deepText(deep(screen, '.closed'))).to.include('¥540.00');

    expect((await getProduct(`0${PACK}`))?.stock).to.equal(38);
    const history = await getProductHistory(`0${PACK}`);
    const sales = history.filter((m) => m.kind === 'sale');
    expect(sales.map((m) => [m.quantity, m.stockAfter])).to.deep.equal([[-12, 38]]);
    expect(await getOpenSession('sale')).to.equal(undefined);

    // The next scan starts a new basket.
    await screen.showScan(makeScan(OTHER));
    expect(deepText(screen)).to.not.include('已结账');
    expect(basketLineRows(screen)).to.have.length(1);
    expect(shownTotal(screen)).to.equal('¥3.00');
  });

  it('writes a double-tapped close once', async () => {
    const screen = await sellScreenWithBasket();
    const close = deep<HTMLButtonElement>(screen, 'button[name="close"]');
    close.click();
    close.click();
    close.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await screen.settled();
    await waitForText(screen, '已结账');
    const history = await getProductHistory(`0${PACK}`);
    expect(history.filter((m) => m.kind === 'sale')).to.have.length(1);
    expect((await getProduct(`0${PACK}`))?.stock).to.equal(38);
  });

  it('reverses the last closed sale with a reason, as its own movement', async () => {
    const screen = await sellScreenWithBasket();
    await clickAndSettle(screen, 'button[name="close"]');
    await waitForText(screen, '已结账');

    await clickAndSettle(screen, 'button[name="reverse"]');
    await waitFor(() => maybeDeep(screen, '[data-panel="reverse"]') !== null, 'no reverse panel');
    expect(deepText(deep(screen, '[data-panel="reverse"]'))).to.include('¥540.00');
    // No reason chosen yet: it says so and writes nothing.
    await clickAndSettle(screen, 'button[name="confirm-reverse"]');
    await waitForText(screen, '请先选一个原因');
    await clickAndSettle(screen, 'button[name="reason-customer-return"]');
    await clickAndSettle(screen, 'button[name="confirm-reverse"]');
    await waitForText(screen, '已撤销');

    expect((await getProduct(`0${PACK}`))?.stock).to.equal(50);
    const history = await getProductHistory(`0${PACK}`);
    expect(history.map((m) => [m.kind, m.quantity, m.stockAfter])).to.deep.equal([
      ['opening', 50, 50],
      ['sale', -12, 38],
      ['sale-reversal', 12, 50],
    ]);
    expect((await getLastClosedSale())?.reversal?.reason).to.equal('customer-return');

    // A second reversal of the same sale is refused in words.
    await clickAndSettle(screen, 'button[name="reverse"]');
    await waitForText(screen, '已经撤销过了');
  });

  it('takes a typed reason for "其他"', async () => {
    const screen = await sellScreen();
    await screen.showScan(makeScan(OTHER));
    await clickAndSettle(screen, 'button[name="close"]');
    await clickAndSettle(screen, 'button[name="reverse"]');
    await clickAndSettle(screen, 'button[name="reason-other"]');
    await clickAndSettle(screen, 'button[name="confirm-reverse"]');
    await waitForText(screen, '请写明原因');
    typeInto(screen, '价格标错', 'input[name="reason-text"]');
    await clickAndSettle(screen, 'button[name="confirm-reverse"]');
    await waitForText(screen, '已撤销');
    expect((await getLastClosedSale())?.reversal?.reason).to.equal('价格标错');
  });

  it('opens no reversal without the owner (nobody gave the PIN)', async () => {
    await signOut();
    const screen = await sellScreen();
    await clickAndSettle(screen, 'button[name="reverse"]');
    await new Promise((r) => setTimeout(r, 50));
    expect(maybeDeep(screen, 'button[name="confirm-reverse"]')).to.equal(null);
  });

  it('voids the whole basket after a confirmation, without any movement', async () => {
    const screen = await sellScreenWithBasket();
    await clickAndSettle(screen, 'button[name="void"]');
    await waitForText(screen, '作废这一单');
    await clickAndSettle(screen, 'button[name="confirm-void"]');
    await waitForText(screen, '这一单已作废');
    expect(basketLineRows(screen)).to.have.length(0);
    expect(await getOpenSession('sale')).to.equal(undefined);
    expect((await getProductHistory(`0${PACK}`)).map((m) => m.kind)).to.deep.equal(['opening']);
  });

  it('counts in English: 1 item, then 4 items (a carton is one), and asks to void “this sale of 4 items”', async () => {
    await inEnglish(async () => {
      const screen = await sellScreen();
      await screen.showScan(makeScan(PACK));
      await screen.settled();
      expect(deepText(deep(screen, '[data-panel="total"]')))
        .to.include('1 item')
        .and.not.include('1 items');
      await scanTwoPacksAndACarton(screen);
      expect(deepText(deep(screen, '[data-panel="total"]'))).to.include('4 items');
      await clickAndSettle(screen, 'button[name="void"]');
      expect(deepText(deep(screen, '[data-panel="confirm-void"]'))).to.include('Void this sale of 4 items?');
    });
  });

  it('resumes the open basket when re-created (a reload)', async () => {
    const first = await sellScreenWithBasket();
    first.remove();
    forgetProducts();
    await closeDb();

    const second = await sellScreen();
    await waitFor(() => basketLineRows(second).length === 2, 'basket not resumed');
    expect(shownTotal(second)).to.equal('¥540.00');
    // And carries on with it.
    await second.showScan(makeScan(PACK));
    expect(deepText(basketLineRows(second)[0]!)).to.include('3盒');
    expect((await getOpenSession('sale'))?.basket.lines[0]?.quantity).to.equal(3);
  });

  it('ignores a re-offered scan id', async () => {
    const screen = await sellScreen();
    const scan = makeScan(PACK);
    await screen.showScan(scan);
    await screen.showScan(scan);
    expect(deepText(basketLineRows(screen)[0]!)).to.include('1盒');
  });

  it('flags a sale into negative stock in red', async () => {
    const screen = await sellScreen();
    await screen.showScan(makeScan(OTHER));
    const scanned = deep(screen, '[data-panel="scanned"]');
    expect(deepText(scanned)).to.include('负库存').and.include('-1盒');
    const after = deep(screen, '[data-stock-after]');
    expect(getComputedStyle(after).color).to.equal('rgb(185, 28, 28)');
    await clickAndSettle(screen, 'button[name="close"]');
    await waitForText(screen, '负库存：可乐 330ml -1盒');
  });

  it('registers an unknown code and puts it into the basket', async () => {
    const screen = await sellScreen();
    const code = ean13('690100200399');
    await screen.showScan(makeScan(code));
    const form = await fillNewProduct(screen, '矿泉水', '2');
    deep(form, 'button[name="save"]').click();
    await waitFor(() => basketLineRows(screen).length === 1, 'registered product not in the basket');
    expect(deepText(basketLineRows(screen)[0]!))
      .to.include('矿泉水')
      .and.include('¥2.00');
  });

  it('adds known products scanned while a new product is being typed at once, and keeps the typing and an unknown code for later', async () => {
    const second = ean13('690100200397');
    const { screen, form } = await typingWhileScanned(ean13('690100200398'), PACK, second);
    // The form and what was typed stay; the pack is already in the basket (stored with its scan).
    expect(deep(screen, 'kiosk-register-form')).to.equal(form);
    expect(deep<HTMLInputElement>(form, 'input[name="name"]').value).to.equal('矿泉水');
    expect((await getOpenSession('sale'))?.basket.lines.map((l) => l.barcode)).to.deep.equal([`0${PACK}`]);
    expect(deepText(deep(screen, 'kiosk-banner[data-kind="added-meanwhile"]'))).to.include('1 件商品已加入这一单');
    expect(deepText(deep(screen, 'kiosk-banner[data-kind="held"]'))).to.include('刚扫到 1 件商品');

    // Cancelled: the unknown code scanned meanwhile gets its own form next.
    await cancelForm(screen, form);
    expect(deep<KioskRegisterForm>(screen, 'kiosk-register-form').code).to.equal(`0${second}`);
    expect(maybeDeep(screen, 'kiosk-banner[data-kind="added-meanwhile"]')).to.equal(null);

    // Nothing typed in that one: the next known product closes it and goes in.
    await screen.showScan(makeScan(PACK));
    await screen.settled();
    expect(maybeDeep(screen, 'kiosk-register-form')).to.equal(null);
    expect((await getOpenSession('sale'))?.basket.lines.map((l) => l.quantity)).to.deep.equal([2]);
    expect(basketLineRows(screen)).to.have.length(1);
  });
  it('offers unknown codes held while a new product is typed one at a time, none skipped', async () => {
    const second = ean13('690100200395');
    const third = ean13('690100200394');
    const { screen, form } = await typingWhileScanned(ean13('690100200396'), second, third);
    expect(deepText(deep(screen, 'kiosk-banner[data-kind="held"]'))).to.include('刚扫到 2 件商品');

    // Cancelled: the second code's form, and the third still waits its turn.
    await cancelForm(screen, form);
    expect(deep<KioskRegisterForm>(screen, 'kiosk-register-form').code).to.equal(`0${second}`);
    expect(deepText(deep(screen, 'kiosk-banner[data-kind="held"]'))).to.include('刚扫到 1 件商品');
    await cancelForm(screen, deep<KioskRegisterForm>(screen, 'kiosk-register-form'));
    expect(deep<KioskRegisterForm>(screen, 'kiosk-register-form').code).to.equal(`0${third}`);
    expect(maybeDeep(screen, 'kiosk-banner[data-kind="held"]')).to.equal(null);
  });

  describe('a scan shown as it arrives, before its store commits (a Pi is slower than its scanner)', () => {
    /** What the scan router does: the preview now, then, once stored, showScan with what the store did. */
    function arriving(screen: KioskSellScreen, scan: Scan) {
      let settle!: () => void;
      const stored = new Promise<void>((resolve) => (settle = resolve));
      screen.previewScan(scan, stored);
      return {
        async store() {
          const [outcome] = await storeAndApplyScans([{ scan, into: 'sale' }]);
          settle();
          if (outcome?.result === 'stored') await screen.showScan(scan, outcome.effect);
          await screen.settled();
          return outcome!.result;
        },
      };
    }

    it('shows the line and the total before anything is stored, then the stored line once', async () => {
      const screen = await sellScreenWithBasket();
      const scan = makeScan(OTHER);
      const pending = arriving(screen, scan);
      await screen.updateComplete;
      expect(basketLineRows(screen)).to.have.length(3);
      expect(shownTotal(screen)).to.equal('¥543.00');
      expect(deepText(deep(screen, '[data-panel="scanned"]'))).to.include('可乐 330ml');
      expect((await getOpenSession('sale'))?.basket.lines).to.have.length(2);

      expect(await pending.store()).to.equal('stored');
      expect(basketLineRows(screen)).to.have.length(3);
      expect(deepText(basketLineRows(screen)[2]!))
        .to.include('可乐 330ml')
        .and.include('¥3.00');
      expect(shownTotal(screen)).to.equal('¥543.00');
      expect((await getOpenSession('sale'))?.basket.lines.map((l) => l.quantity)).to.deep.equal([2, 1, 1]);
    });

    it('keeps the newest scan lit and on the card when an earlier scan is stored after it was shown', async () => {
      const screen = await sellScreenWithBasket();
      const earlier = arriving(screen, makeScan(OTHER));
      const newest = arriving(screen, makeScan(PACK));
      await screen.updateComplete;
      const litName = () =>
        basketLineRows(screen)
          .filter((row) => row.classList.contains('lit'))
          .map((row) => deepText(row));
      expect(litName()).to.have.length(1);
      expect(litName()[0]).to.include('中华（硬）');

      // A Pi's commits lag the scanner: the earlier scan's store lands while the newest is on the glass.
      await earlier.store();
      expect(litName()).to.have.length(1);
      expect(litName()[0]).to.include('中华（硬）');
      expect(deepText(deep(screen, '[data-panel="scanned"]'))).to.include('中华（硬）');

      await newest.store();
      expect(litName()[0]).to.include('中华（硬）');
      expect(deepText(basketLineRows(screen)[0]!)).to.include('3盒');
      expect(basketLineRows(screen)).to.have.length(3);
    });

    it('takes a preview back when its store finds the scan already stored (a re-offer)', async () => {
      const scan = makeScan(OTHER);
      await storeAndApplyScans([{ scan, into: 'sale' }]);
      // A page that started after the scan was stored: the open sale has it once.
      const fresh = await sellScreen();
      const pending = arriving(fresh, scan);
      await fresh.updateComplete;
      expect(deepText(basketLineRows(fresh)[0]!)).to.include('2盒');

      expect(await pending.store()).to.equal('duplicate');
      expect(basketLineRows(fresh)).to.have.length(1);
      expect(deepText(basketLineRows(fresh)[0]!)).to.include('1盒');
      expect(shownTotal(fresh)).to.equal('¥3.00');
    });

    it('closes the sale with a line still being stored in it: 结账 waits for the store', async () => {
      const screen = await sellScreen();
      const first = arriving(screen, makeScan(PACK));
      await screen.updateComplete;
      // No sale is stored yet, but the line is on the glass and 结账 can be tapped.
      expect(await getOpenSession('sale')).to.equal(undefined);
      const close = deep<HTMLButtonElement>(screen, 'button[name="close"]');
      expect(close.disabled).to.equal(false);
      close.click();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await getLastClosedSale()).to.equal(undefined);

      await first.store();
      await waitForText(screen, '已结账');
      const closed = await getLastClosedSale();
      expect(closed?.basket.lines.map((l) => [l.productCode, l.quantity])).to.deep.equal([[`0${PACK}`, 1]]);
      expect((await getProduct(`0${PACK}`))?.stock).to.equal(49);
    });

    it('does not preview while the owner edits a line: the scan waits for its store', async () => {
      const screen = await sellScreenWithBasket();
      basketLineRows(screen)[0]!.click();
      await screen.settled();
      const pending = arriving(screen, makeScan(OTHER));
      await screen.updateComplete;
      expect(basketLineRows(screen)).to.have.length(2);
      expect(maybeDeep(screen, 'kiosk-quantity-editor')).to.not.equal(null);

      await pending.store();
      expect(basketLineRows(screen)).to.have.length(3);
    });
  });
});
