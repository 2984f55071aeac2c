/**
 * Scans for a mode whose screen is loaded on first use (盘点, 调整, 订货, …) wait
 * for that screen while it loads, in order, and never reach the screen shown
 * before or after it (issue 9's lighter start). Its own file: each test file
 * gets a fresh page, so the lazy screens are not loaded yet when it starts.
 *
 * "While it loads" is held open by holding back the screen's
 * customElements.define: its module really loads, its element stays undefined
 * until the test lets it be defined.
 */
import { expect } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import '../../src/kiosk-app.ts';
import { MODE_STORAGE_KEY } from '../../src/kiosk-app.ts';
import { KioskSellScreen } from '../../src/screens/kiosk-sell-screen.ts';
import { getOpenSession } from '../../src/data/sessions.ts';
import { forgetProducts } from '../../src/data/product-cache.ts';
import { closeDb, deleteKioskDb } from '../../src/data/db.ts';
import { registerProduct } from '../../src/data/products.ts';
import type { Scan } from '../../src/domain/scan-protocol.ts';
import { deepText, maybeDeep } from './shadow-dom.ts';
import { ean13, makeScan } from './shop-fixtures.ts';
import { connectedApp, FakeService } from './fakes.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Holds back the definition of `tag` until release(); records the scans its screens are shown. */
function holdDefinition(tag: string) {
  const registry = window.customElements;
  const define = registry.define;
  let held: (() => void) | undefined;
  let loaded = false;
  const shown: string[] = [];
  registry.define = function (name: string, ctor: CustomElementConstructor, options?: ElementDefinitionOptions) {
    if (name !== tag) return define.call(registry, name, ctor, options);
    const proto = ctor.prototype as { showScan(scan: Scan): unknown };
    const showScan = proto.showScan;
    proto.showScan = function (this: unknown, scan: Scan) {
      shown.push(scan.id);
      return showScan.call(this, scan);
    };
    loaded = true;
    held = () => define.call(registry, name, ctor, options);
  } as typeof registry.define;
  return {
    shown,
    loaded: () => loaded,
    release: () => {
      registry.define = define;
      held?.();
      held = undefined;
    },
  };
}

/** Records the scans the sell screen is handed (it sells what it is handed). */
function watchSellScreen() {
  const showScan = Object.getOwnPropertyDescriptor(KioskSellScreen.prototype, 'showScan');
  const shown: string[] = [];
  const inherited = KioskSellScreen.prototype.showScan;
  KioskSellScreen.prototype.showScan = function (this: KioskSellScreen, ...args: Parameters<KioskSellScreen['showScan']>) {
    shown.push(args[0].id);
    return inherited.apply(this, args);
  };
  return {
    shown,
    restore: () => {
      if (showScan) Object.defineProperty(KioskSellScreen.prototype, 'showScan', showScan);
      else delete (KioskSellScreen.prototype as Partial<KioskSellScreen>).showScan;
    },
  };
}

const acked = (service: FakeService, scan: Scan) => service.sent.some((m) => m.type === 'ack' && m.ids.includes(scan.id));

describe('kiosk-app: scans for a mode whose screen is loading', () => {
  let sell: ReturnType<typeof watchSellScreen>;
  beforeEach(async () => {
    localStorage.setItem(MODE_STORAGE_KEY, 'sell');
    forgetProducts();
    await deleteKioskDb();
    sell = watchSellScreen();
  });
  afterEach(async () => {
    sell.restore();
    localStorage.removeItem(MODE_STORAGE_KEY);
    await closeDb();
  });

  it('盘点: scans sent while its screen loads land in it, in order, and not in the sell screen shown before', async () => {
    const codes = ['690888800001', '690888800002', '690888800003'].map(ean13);
    for (const [i, code] of codes.entries()) {
      await registerProduct({ code: `0${code}`, name: `芙蓉王 ${i + 1}`, priceCents: 2500, unit: 'pack', openingStock: 10 });
    }
    const stocktake = holdDefinition('kiosk-stocktake-screen');
    try {
      const { app, service } = await connectedApp();
      expect(maybeDeep(app, 'kiosk-sell-screen')).to.not.equal(null);
      app.setMode('stocktake');
      const scans = codes.map((code) => makeScan(code));
      for (const scan of scans) service.deliver({ type: 'scans', scans: [scan] });
      await waitFor(() => scans.every((scan) => acked(service, scan)), 'scans not stored');
      await waitFor(stocktake.loaded, 'the stocktake screen never loaded', { timeout: 8000 });
      await sleep(100); // the old routing handed them over here, to an element not defined yet
      stocktake.release();
      await waitFor(() => stocktake.shown.length === 3, `the stocktake screen was shown ${stocktake.shown.length} of 3 scans`);
      expect(stocktake.shown).to.deep.equal(scans.map((scan) => scan.id));
      await waitFor(() => deepText(app).includes('芙蓉王 3'), 'the last scan’s product is not on the stocktake screen', {
        timeout: 5000,
      });
      expect(sell.shown).to.deep.equal([]);
      expect((await getOpenSession('sale'))?.basket.lines ?? []).to.deep.equal([]);
    } finally {
      stocktake.release();
    }
  });

  it('订货: a scan whose screen was still loading when the owner went back to 销售 is never sold', async () => {
    const code = ean13('690888800009');
    await registerProduct({ code: `0${code}`, name: '娇子（宽窄）', priceCents: 1500, unit: 'pack', openingStock: 10 });
    const order = holdDefinition('kiosk-order-screen');
    try {
      const { app, service } = await connectedApp();
      app.setMode('order');
      await app.updateComplete; // its screen is loading
      const scan = makeScan(code);
      service.deliver({ type: 'scans', scans: [scan] });
      app.setMode('sell');
      await waitFor(() => acked(service, scan), 'scan not stored');
      await waitFor(order.loaded, 'the order screen never loaded', { timeout: 8000 });
      order.release();
      await sleep(300);
      expect(sell.shown).to.deep.equal([]);
      expect(order.shown).to.deep.equal([]);
      expect((await getOpenSession('sale'))?.basket.lines ?? []).to.deep.equal([]);
    } finally {
      order.release();
    }
  });
});
