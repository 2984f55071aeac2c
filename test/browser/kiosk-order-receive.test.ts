import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { openOwnerSession } from './kiosk-helpers.ts';
import '../../src/screens/kiosk-receive-screen.ts';
import type { KioskReceiveScreen } from '../../src/screens/kiosk-receive-screen.ts';
import { closeDb, deleteKioskDb } from '../../src/data/db.ts';
import { registerProduct } from '../../src/data/products.ts';
import { forgetProducts } from '../../src/data/product-cache.ts';
import { getOrder, getPlacedOrders, placeOrder, saveOrderDraft } from '../../src/data/orders.ts';
import { getReorderInputs } from '../../src/data/reorder.ts';
import { localDay } from '../../src/domain/product.ts';
import { deep, deepText, ean13, makeScan, maybeDeep, waitForText } from './kiosk-helpers.ts';

const PACK = ean13('690200300501');
const CARTON = ean13('690200300502');
const CODE = `0${PACK}`;

describe('receiving a delivery against a placed order', () => {
  beforeEach(async () => {
    forgetProducts();
    await deleteKioskDb();
    await registerProduct({ code: CODE, name: '玉溪（软）', priceCents: 2300, unit: 'pack', openingStock: 3, packsPerCarton: 10, cartonCode: `0${CARTON}` });
    await openOwnerSession();
  });
  afterEach(async () => {
    fixtureCleanup();
    await closeDb();
  });

  it('says which order a delivery matches and marks it received on close', async () => {
    const draft = await saveOrderDraft([{ code: CODE, name: '玉溪（软）', units: 2, packs: 20, suggestedUnits: 2, ownerEdited: false, unitCostCents: 20500 }]);
    const order = await placeOrder(draft.id);
    const today = localDay(Date.now());
    expect((await getReorderInputs(today))[0]!.onOrder).to.equal(20);

    const screen = await fixture<KioskReceiveScreen>(html`<kiosk-receive-screen style="height:600px"></kiosk-receive-screen>`);
    await screen.settled();
    expect(maybeDeep(screen, '[data-panel="order-match"]')).to.equal(null);
    await screen.showScan(makeScan(CARTON));
    await waitUntil(() => maybeDeep(screen, '[data-panel="order-match"]') !== null, 'no order match shown');
    expect(deepText(deep(screen, '[data-panel="order-match"]'))).to.include(`订单 #${order.placedSeq}`).and.include('1/1');

    deep(screen, 'button[name="close"]').click();
    await screen.settled();
    await waitForText(screen, '已到货');
    const received = await getOrder(order.id);
    expect(received?.status).to.equal('received');
    expect(received?.deliverySessionId).to.be.a('string');
    expect(await getPlacedOrders()).to.deep.equal([]);
    expect((await getReorderInputs(today))[0]!.onOrder).to.equal(0);
  });
});
