import { expect } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import { clickAndSettle, deep, deepText, maybeDeep, waitForText } from './shadow-dom.ts';
import { mountReceiveScreen } from './screen-drivers.ts';
import { ean13, freshBasketScreenPerTest, makeScan, openOwnerSession, registerCartonPack } from './shop-fixtures.ts';
import '../../src/screens/kiosk-receive-screen.ts';
import { getProduct, putProduct, registerProduct } from '../../src/data/products.ts';
import { forgetProducts } from '../../src/data/product-cache.ts';
import { getOrder, getPlacedOrders, placeOrder, saveOrderDraft } from '../../src/data/orders.ts';
import { getReorderInputs } from '../../src/data/reorder.ts';
import { localDay } from '../../src/domain/product.ts';

const PACK = ean13('690200300501');
const CARTON = ean13('690200300502');
const CODE = `0${PACK}`;
const OTHER = `0${ean13('690200300511')}`;
const HONGTA = `0${ean13('690200300521')}`;
const COLA = `0${ean13('690200300531')}`;

describe('receiving a delivery against a placed order', () => {
  freshBasketScreenPerTest(async () => {
    await registerCartonPack(PACK, CARTON);
    await openOwnerSession();
  });

  it('says which order a delivery matches and marks it received on close', async () => {
    const draft = await saveOrderDraft([
      { code: CODE, name: '玉溪（软）', units: 2, packs: 20, suggestedUnits: 2, ownerEdited: false, unitCostCents: 20500 },
    ]);
    const order = await placeOrder(draft.id);
    const today = localDay(Date.now());
    expect((await getReorderInputs(today))[0]!.onOrder).to.equal(20);

    const screen = await mountReceiveScreen();
    expect(maybeDeep(screen, '[data-panel="order-match"]')).to.equal(null);
    await screen.showScan(makeScan(CARTON));
    await waitFor(() => maybeDeep(screen, '[data-panel="order-match"]') !== null, 'no order match shown');
    await waitForText(screen, '少到');
    // One carton of the two ordered has come so far.
    expect(deepText(deep(screen, '[data-panel="order-match"]')))
      .to.include(`订单 #${order.placedSeq}`)
      .and.include('少 1条');
    await screen.showScan(makeScan(CARTON));
    await waitForText(screen, '逐项相符');

    await clickAndSettle(screen, 'button[name="close"]');
    await waitForText(screen, '已到货');
    const received = await getOrder(order.id);
    expect(received?.status).to.equal('received');
    expect(received?.deliverySessionId).to.be.a('string');
    expect(received?.deliveryCheck).to.deep.equal([{ kind: 'match', code: CODE, name: '玉溪（软）', ordered: 20, delivered: 20 }]);
    expect(await getPlacedOrders()).to.deep.equal([]);
    expect((await getReorderInputs(today))[0]!.onOrder).to.equal(0);
  });

  it('shows short, over and substituted lines and records them with the order', async () => {
    const other = await registerProduct({
      code: OTHER,
      name: '云烟（紫）',
      priceCents: 2200,
      unit: 'pack',
      openingStock: 0,
      packsPerCarton: 10,
    });
    const hongta = await registerProduct({
      code: HONGTA,
      name: '红塔山',
      priceCents: 1000,
      unit: 'pack',
      openingStock: 0,
      packsPerCarton: 10,
    });
    const cola = await registerProduct({ code: COLA, name: '可乐', priceCents: 300, unit: 'pack', openingStock: 0 });
    for (const p of [other, hongta]) await putProduct({ ...p, category: '卷烟' });
    await putProduct({ ...(await getProduct(CODE))!, category: '卷烟' });
    await putProduct({ ...cola, category: '饮料' });
    forgetProducts();
    const draft = await saveOrderDraft([
      { code: CODE, name: '玉溪（软）', units: 2, packs: 20, suggestedUnits: 2, ownerEdited: false, unitCostCents: 20500 },
      { code: HONGTA, name: '红塔山', units: 3, packs: 30, suggestedUnits: 3, ownerEdited: false, unitCostCents: 9000 },
    ]);
    const order = await placeOrder(draft.id);

    const screen = await mountReceiveScreen();
    // 云烟 (same category and price band) instead of 玉溪; one carton of 红塔山 short; cola not ordered.
    for (const code of [OTHER, OTHER, HONGTA, HONGTA, COLA]) await screen.showScan(makeScan(code.slice(1)));
    for (let i = 0; i < 18; i++) await screen.showScan(makeScan(OTHER.slice(1)));
    for (let i = 0; i < 18; i++) await screen.showScan(makeScan(HONGTA.slice(1)));
    await waitForText(screen, '换货');
    const check = deep(screen, '[data-panel="order-match"]', 'kiosk-delivery-check');
    const kinds = () => [...check.shadowRoot!.querySelectorAll('li')].map((li) => [li.dataset['code'], li.dataset['kind']]);
    await waitFor(() => kinds().length === 3, 'three lines');
    expect(kinds()).to.deep.equal([
      [CODE, 'substitute'],
      [HONGTA, 'short'],
      [COLA, 'over'],
    ]);
    const text = deepText(check);
    expect(text)
      .to.include('换成 云烟（紫） 2条')
      .and.include('订 3条，到 2条，少 1条')
      .and.include('没有订，到 1盒')
      .and.include('3 项不符');

    await clickAndSettle(screen, 'button[name="close"]');
    await waitForText(screen, '已到货');
    const received = await getOrder(order.id);
    expect(received?.deliveryCheck?.map((l) => l.kind)).to.deep.equal(['substitute', 'short', 'over']);
    expect(received?.deliveryCheck?.[0]?.instead).to.deep.equal({ code: OTHER, name: '云烟（紫）', packs: 20 });
  });

  it('the owner can say the delivery belongs to no order: nothing is marked received', async () => {
    const draft = await saveOrderDraft([
      { code: CODE, name: '玉溪（软）', units: 2, packs: 20, suggestedUnits: 2, ownerEdited: false, unitCostCents: 20500 },
    ]);
    const order = await placeOrder(draft.id);
    const screen = await mountReceiveScreen();
    await screen.showScan(makeScan(CARTON));
    await waitForText(screen, '少到');
    await clickAndSettle(screen, '[data-panel="order-match"]', 'kiosk-delivery-check', 'button[data-order="none"]');
    await waitForText(screen, '不对订单：只入库，不核对');
    await clickAndSettle(screen, 'button[name="close"]');
    await waitForText(screen, '已入库');
    expect((await getOrder(order.id))?.status).to.equal('placed');
  });
});
