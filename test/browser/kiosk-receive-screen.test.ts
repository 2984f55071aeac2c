import { expect } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import '../../src/screens/kiosk-receive-screen.ts';
import type { KioskReceiveScreen } from '../../src/screens/kiosk-receive-screen.ts';
import { getProduct, putProduct } from '../../src/data/products.ts';
import { getProductHistory } from '../../src/data/movements.ts';
import { getOpenSession } from '../../src/data/sessions.ts';
import { storeAndApplyScans } from '../../src/data/scans.ts';
import type { KioskRegisterForm } from '../../src/components/kiosk-register-form.ts';
import { clickAndSettle, deep, deepText, maybeDeep, waitForText } from './shadow-dom.ts';
import { basketLineRows, fillNewProduct, mountReceiveScreen } from './screen-drivers.ts';
import { ean13, freshBasketScreenPerTest, inEnglish, makeScan, openOwnerSession, registerCartonPack } from './shop-fixtures.ts';
import { forgetSessionForTests } from '../../src/data/roles.ts';

const PACK = ean13('690200300401');
const CARTON = ean13('690200300402');

async function seed() {
  const product = await registerCartonPack(PACK, CARTON);
  // Cost ¥20.50 a pack: a carton costs ¥205.00 on the delivery. Editing a product is
  // owner-only; receiving is not, so the screen is then used with nobody signed in.
  await openOwnerSession();
  await putProduct({ ...product, costCents: 2050 });
  forgetSessionForTests();
}

async function typeNote(screen: KioskReceiveScreen, keys: string) {
  await clickAndSettle(screen, 'button[name="note-total"]');
  // The decimal pad has no clear key: take back what is there.
  for (let i = 0; i < 12; i++) deep(screen, '[data-panel="note-pad"] kiosk-keypad', 'button[data-key="backspace"]').click();
  for (const key of keys) deep(screen, '[data-panel="note-pad"] kiosk-keypad', `button[data-key="${key}"]`).click();
  await clickAndSettle(screen, 'button[name="note-ok"]');
}

describe('kiosk-receive-screen', () => {
  freshBasketScreenPerTest(seed);

  it('receives a carton scan as 10 packs on close', async () => {
    const screen = await mountReceiveScreen();
    await screen.showScan(makeScan(CARTON));
    const rows = basketLineRows(screen);
    expect(rows).to.have.length(1);
    expect(deepText(rows[0]!)).to.include('1条 = 10盒').and.include('1条').and.include('¥205.00');
    expect(deepText(deep(screen, '[data-panel="total"]')))
      .to.include('¥205.00')
      .and.include('+10 盒');

    const close = deep<HTMLButtonElement>(screen, 'button[name="close"]');
    close.click();
    close.click(); // a double tap receives once
    await screen.settled();
    await waitForText(screen, '已入库');
    expect((await getProduct(`0${PACK}`))?.stock).to.equal(13);
    const receipts = (await getProductHistory(`0${PACK}`)).filter((m) => m.kind === 'receipt');
    expect(receipts.map((m) => [m.quantity, m.stockAfter])).to.deep.equal([[10, 13]]);
    expect(await getOpenSession('delivery')).to.equal(undefined);
  });

  it('says in English what one pack adds to stock: “+1 pack”, then “+11 packs”', async () => {
    await inEnglish(async () => {
      const screen = await mountReceiveScreen();
      await screen.showScan(makeScan(PACK));
      expect(deepText(deep(screen, '[data-panel="total"]')))
        .to.include('Stock after receiving: +1 pack')
        .and.not.include('+1 packs');
      await screen.showScan(makeScan(CARTON));
      expect(deepText(deep(screen, '[data-panel="total"]'))).to.include('+11 packs');
    });
  });

  it('shows the difference to the delivery note total, and a match', async () => {
    const screen = await mountReceiveScreen();
    await screen.showScan(makeScan(CARTON));
    await screen.showScan(makeScan(PACK));
    // ¥205.00 + ¥20.50 = ¥225.50 on the list.
    expect(deepText(deep(screen, '[data-panel="total"] .sum'))).to.equal('¥225.50');

    await typeNote(screen, '230');
    const diff = deep(screen, '.diff');
    expect(deepText(diff)).to.include('相差 ¥4.50').and.include('送货单比清单多');
    expect(diff.dataset.diff).to.equal('450');

    await typeNote(screen, '225.5');
    await waitForText(screen, '与送货单一致');
    expect((await getOpenSession('delivery'))?.noteTotalCents).to.equal(22550);

    await clickAndSettle(screen, 'button[name="close"]');
    await waitForText(screen, '已入库');
    expect((await getProduct(`0${PACK}`))?.stock).to.equal(3 + 10 + 1);
  });

  it('keeps a scan applied while the screen had not caught up: a note total or a late copy never takes it out', async () => {
    const screen = await mountReceiveScreen();
    await screen.showScan(makeScan(PACK));
    // A scan stored and applied (as kiosk-app does) whose effect has not reached the screen yet.
    const [late] = await storeAndApplyScans([{ scan: makeScan(CARTON), into: 'delivery' }]);
    await typeNote(screen, '300');
    const stored = (await getOpenSession('delivery'))!;
    expect(stored.noteTotalCents).to.equal(30000);
    expect(stored.basket.lines.map((l) => l.barcode)).to.deep.equal([`0${PACK}`, `0${CARTON}`]);
    // The screen took the newer copy from the note's write…
    expect(basketLineRows(screen)).to.have.length(2);
    // …and the scan's own, older copy arriving now does not roll it back.
    await screen.showScan(makeScan(CARTON, { id: 'late-copy' }), late!.effect);
    expect(basketLineRows(screen)).to.have.length(2);
    expect(deepText(screen)).to.include('300.00');
  });

  it('refuses an empty note total in words', async () => {
    const screen = await mountReceiveScreen();
    await screen.showScan(makeScan(PACK));
    await typeNote(screen, '');
    await waitForText(screen, '请用数字键输入金额');
  });

  it('edits a quantity, voids a line, resumes after a reload, and voids the delivery', async () => {
    const first = await mountReceiveScreen();
    await first.showScan(makeScan(CARTON));
    await first.showScan(makeScan(PACK));
    basketLineRows(first)[0]!.click();
    await first.settled();
    for (const key of '3') deep(first, 'kiosk-quantity-editor', 'kiosk-keypad', `button[data-key="${key}"]`).click();
    await clickAndSettle(first, 'kiosk-quantity-editor', 'button[name="ok"]');
    await waitFor(() => deepText(basketLineRows(first)[0]!).includes('共 30盒'), 'quantity not changed');
    basketLineRows(first)[1]!.click();
    await first.settled();
    await clickAndSettle(first, 'kiosk-quantity-editor', 'button[name="void-line"]');
    await waitFor(() => basketLineRows(first).length === 1, 'line not voided');
    first.remove();

    const second = await mountReceiveScreen();
    await waitFor(() => basketLineRows(second).length === 1, 'delivery not resumed');
    expect(deepText(deep(second, '[data-panel="total"] .sum'))).to.equal('¥615.00');

    await clickAndSettle(second, 'button[name="void"]');
    await clickAndSettle(second, 'button[name="confirm-void"]');
    await waitForText(second, '这批入库已作废');
    expect(await getOpenSession('delivery')).to.equal(undefined);
    expect((await getProduct(`0${PACK}`))?.stock).to.equal(3);
  });
  it('keeps a half-typed new product through other scans, then offers each unknown code held meanwhile in turn', async () => {
    const screen = await mountReceiveScreen();
    const first = ean13('690200300496');
    const second = ean13('690200300495');
    const third = ean13('690200300494');
    await screen.showScan(makeScan(first));
    const form = await fillNewProduct(screen, '新饮料', '3');
    await screen.showScan(makeScan(PACK));
    await screen.showScan(makeScan(second));
    await screen.showScan(makeScan(third));
    await screen.settled();
    expect(deep(screen, 'kiosk-register-form')).to.equal(form);
    expect(deep<HTMLInputElement>(form, 'input[name="name"]').value).to.equal('新饮料');

    // Saved: it goes on the delivery, the second code's form opens, the third still waits.
    deep(form, 'button[name="save"]').click();
    await waitFor(
      () => (maybeDeep(screen, 'kiosk-register-form') as KioskRegisterForm | null)?.code === `0${second}`,
      'second code not offered',
    );
    await screen.settled();
    expect((await getOpenSession('delivery'))?.basket.lines.map((l) => l.barcode)).to.have.members([`0${PACK}`, `0${first}`]);
    expect(deepText(deep(screen, 'kiosk-banner[data-kind="held"]'))).to.include('刚扫到 1 件商品');
    await clickAndSettle(screen, 'kiosk-register-form', 'button[name="cancel"]');
    expect(deep<KioskRegisterForm>(screen, 'kiosk-register-form').code).to.equal(`0${third}`);
  });
});
