import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from './wait-for.ts';
import '../../src/kiosk-app.ts';
import { MODE_STORAGE_KEY, type KioskApp } from '../../src/kiosk-app.ts';
import type { KioskSellScreen } from '../../src/screens/kiosk-sell-screen.ts';
import { getOpenSession } from '../../src/data/sessions.ts';
import { forgetProducts } from '../../src/data/product-cache.ts';
import type { KioskCounterScreen } from '../../src/screens/kiosk-counter-screen.ts';
import type { KioskRegisterForm } from '../../src/components/kiosk-register-form.ts';
import { closeDb, deleteKioskDb } from '../../src/data/db.ts';
import { registerProduct } from '../../src/data/products.ts';
import { storeScan } from '../../src/data/scans.ts';
import { deep, deepText, maybeDeep } from './shadow-dom.ts';
import { ean13, makeScan } from './shop-fixtures.ts';
import { connectedApp, FakeService } from './fakes.ts';

/** Keydowns as a wedge scanner sends them: back to back (synthetic events are stamped at creation). */
function scannerTypes(target: EventTarget, line: string, end = 'Enter'): KeyboardEvent[] {
  const events = [...line, end].map((key) => new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
  for (const e of events) target.dispatchEvent(e);
  return events;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The size of each batch of scans the counter screen is given, as they come. */
function recordScreenUpdates(app: KioskApp): number[] {
  const screen = deep<KioskCounterScreen>(app, 'kiosk-counter-screen');
  const bursts: number[] = [];
  const showScans = screen.showScans.bind(screen);
  screen.showScans = (scans) => {
    bursts.push(scans.length);
    return showScans(scans);
  };
  return bursts;
}

/** A scanner plugged in and working, for the hello. */
const CONNECTED = [{ id: 'counter', path: '/dev/ttyACM0', status: 'connected' as const }];

describe('kiosk-app', () => {
  beforeEach(async () => {
    // These tests are about the shell and the look-up counter (issue 2): start in 查询.
    localStorage.setItem(MODE_STORAGE_KEY, 'lookup');
    await deleteKioskDb();
  });
  afterEach(async () => {
    await closeDb();
  });

  it('shows the title, the scanner state and the counter', async () => {
    const app = await fixture<KioskApp>(html`<kiosk-app></kiosk-app>`);
    expect(deepText(deep(app, 'kiosk-top-bar', 'header'))).to.include('柜台终端');
    expect(maybeDeep(app, 'kiosk-top-bar', 'kiosk-scanner-status')).to.not.equal(null);
    expect(maybeDeep(app, 'kiosk-counter-screen')).to.not.equal(null);
    expect(app.dataset.connection).to.be.oneOf(['connecting', 'open', 'closed']);
  });

  it('takes a scanner-speed burst ended by Enter for a wedge scan (and says it could not be sent without the service)', async () => {
    const app = await fixture<KioskApp>(html`<kiosk-app></kiosk-app>`);
    // No terminal service in this test: the scan stream cannot be open.
    await waitFor(() => app.dataset.connection !== 'open', 'unexpected service');
    const events = scannerTypes(document.body, ean13('690333344445'));
    expect(events.at(-1)!.defaultPrevented).to.equal(true, 'the Enter of a scan must not press a button');
    await waitFor(() => maybeDeep(app, 'kiosk-banner[data-kind="wedge"]') !== null, 'no wedge banner');
    expect(deepText(deep(app, 'kiosk-banner[data-kind="wedge"]'))).to.include('没有送到终端服务');
  });

  it('leaves a person typing alone', async () => {
    const app = await fixture<KioskApp>(html`<kiosk-app></kiosk-app>`);
    let lastEnter: KeyboardEvent | undefined;
    for (const key of ['1', '2', '3', '4', '5', 'Enter']) {
      lastEnter = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true });
      document.body.dispatchEvent(lastEnter);
      await sleep(90);
    }
    expect(lastEnter!.defaultPrevented).to.equal(false);
    await app.updateComplete;
    expect(maybeDeep(app, 'kiosk-banner[data-kind="wedge"]')).to.equal(null);
  });

  it('takes a scan typed into the name field back out of it', async () => {
    const app = await fixture<KioskApp>(html`<kiosk-app></kiosk-app>`);
    const screen = deep<KioskCounterScreen>(app, 'kiosk-counter-screen');
    await screen.showScan(makeScan(ean13('690444455556')));
    const form = deep<KioskRegisterForm>(screen, 'kiosk-register-form');
    const input = deep<HTMLInputElement>(form, 'input[name="name"]');
    input.focus();
    input.value = '白沙';
    input.dispatchEvent(new Event('input'));

    // What the browser would do: each key lands in the field after its keydown.
    const code = ean13('690555566667');
    let enter: KeyboardEvent | undefined;
    for (const key of [...code, 'Enter']) {
      const e = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true });
      input.dispatchEvent(e);
      if (key === 'Enter') enter = e;
      else if (!e.defaultPrevented) {
        input.value += key;
        input.dispatchEvent(new Event('input'));
      }
    }
    expect(enter!.defaultPrevented).to.equal(true);
    expect(input.value).to.equal('白沙');
    expect(form.dirty).to.equal(true);
  });

  it('blocks the long-press context menu', async () => {
    await fixture<KioskApp>(html`<kiosk-app></kiosk-app>`);
    const e = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    document.body.dispatchEvent(e);
    expect(e.defaultPrevented).to.equal(true);
  });
});

describe('kiosk-app with the scan stream', () => {
  beforeEach(async () => {
    FakeService.last = undefined;
    localStorage.setItem(MODE_STORAGE_KEY, 'lookup');
    forgetProducts();
    await deleteKioskDb();
  });
  afterEach(async () => {
    await closeDb();
  });

  it('says loudly when the terminal cannot record scans (full disk), and when it recovers', async () => {
    const { app, service } = await connectedApp(CONNECTED);
    service.deliver({ type: 'journal', journal: { status: 'disk-full', code: 'ENOSPC' } });
    await waitFor(() => maybeDeep(app, 'kiosk-banner[data-kind="journal-disk-full"]') !== null, 'no disk-full banner');
    expect(deepText(deep(app, 'kiosk-banner[data-kind="journal-disk-full"]'))).to.include('磁盘已满');
    service.deliver({ type: 'journal', journal: { status: 'ok' } });
    await waitFor(() => maybeDeep(app, 'kiosk-banner[data-kind="journal-disk-full"]') === null, 'banner stays');
  });

  it('says so when another window took over the scanner, and stops acking', async () => {
    const { app, service } = await connectedApp(CONNECTED);
    expect(service.sent[0]).to.deep.equal({ type: 'subscribe', role: 'counter' });
    service.deliver({ type: 'replaced', role: 'counter' });
    await waitFor(() => maybeDeep(app, 'kiosk-banner[data-kind="replaced"]') !== null, 'no replaced banner');
    expect(deepText(deep(app, 'kiosk-banner[data-kind="replaced"]'))).to.include('另一个窗口已接管扫码');
  });

  it('shows scanner states, routes scans and rejections to the counter, and acks stored scans', async () => {
    const code = ean13('690666677778');
    await registerProduct({ code: `0${code}`, name: '利群（新版）', priceCents: 1800, unit: 'pack', openingStock: 20 });
    const { app, service } = await connectedApp(CONNECTED);
    await waitFor(() => deepText(deep(app, 'kiosk-top-bar', 'kiosk-scanner-status')).includes('扫描枪 已连接'), 'no scanner pill');

    service.deliver({ type: 'scanner', scanner: { id: 'counter', path: null, status: 'error', cause: 'permission' } });
    await waitFor(() => deepText(deep(app, 'kiosk-top-bar', 'kiosk-scanner-status')).includes('dialout'), 'no permission hint');

    const scan = makeScan(code);
    service.deliver({ type: 'scans', scans: [scan] });
    await waitFor(() => maybeDeep(app, 'kiosk-counter-screen', 'kiosk-product-card') !== null, 'product not shown');
    expect(deepText(deep(app, 'kiosk-counter-screen', 'kiosk-product-card'))).to.include('利群（新版）');
    await waitFor(() => service.sent.some((m) => m.type === 'ack' && m.ids.includes(scan.id)), 'scan not acked');

    service.deliver({
      type: 'rejected',
      rejected: { scannerId: 'counter', reason: 'control-bytes', text: '69··01', receivedAt: Date.now() },
    });
    await waitFor(() => deepText(app).includes('扫到的内容有乱码'), 'rejection not shown');
  });

  it('drains a backlog burst in a few screen updates: every scan stored and acked, the newest shown', async () => {
    const known = ean13('690666677779');
    await registerProduct({ code: `0${known}`, name: '黄鹤楼（硬雅香）', priceCents: 2000, unit: 'pack', openingStock: 5 });
    const { app, service } = await connectedApp(CONNECTED);
    const bursts = recordScreenUpdates(app);
    // A week with the page down: 299 unknown codes, then a known one, back to back.
    const scans = Array.from({ length: 299 }, (_, i) => makeScan(ean13(String(690777000000 + i))));
    scans.push(makeScan(known));
    for (const scan of scans) service.deliver({ type: 'scans', scans: [scan] });

    const acked = () => new Set(service.sent.flatMap((m) => (m.type === 'ack' ? m.ids : [])));
    await waitFor(() => acked().size === scans.length, 'not every scan was stored and acked', { timeout: 15000 });
    await waitFor(() => bursts.reduce((a, b) => a + b, 0) === scans.length, 'not every scan reached the screen');
    expect(bursts.length, `screen updates for ${scans.length} scans: ${bursts.join(',')}`).to.be.within(1, 10);
    await waitFor(() => maybeDeep(app, 'kiosk-counter-screen', 'kiosk-product-card') !== null, 'newest not shown');
    expect(deepText(deep(app, 'kiosk-counter-screen', 'kiosk-product-card'))).to.include('黄鹤楼（硬雅香）');
    const listed = deep(app, 'kiosk-counter-screen', 'kiosk-recent-scans') as HTMLElement & { entries: Array<{ scan: { id: string } }> };
    // The side list follows once the burst is over.
    await waitFor(() => listed.entries.length === 50, 'the recent list did not follow the burst');
    expect(listed.entries.map((e) => e.scan.id)).to.deep.equal(
      scans
        .slice(-50)
        .reverse()
        .map((s) => s.id),
    );
  });

  it('shows each look-up scan as it comes, without waiting for a frame, and lists them once the scanner pauses', async () => {
    const { app, service } = await connectedApp(CONNECTED);
    const bursts = recordScreenUpdates(app);
    const codes = Array.from({ length: 4 }, (_, i) => ean13(String(690777100000 + i)));
    for (const [i, code] of codes.entries()) {
      await registerProduct({ code: `0${code}`, name: `商品 ${i}`, priceCents: 1000, unit: 'pack' });
    }
    const scans = codes.map((code) => makeScan(code));
    // No frame comes while the scans do (a busy Pi, a hidden page): none of them waits for one.
    const realFrame = window.requestAnimationFrame;
    window.requestAnimationFrame = () => 0;
    try {
      // One message task each, a few ms apart.
      for (const scan of scans) {
        service.deliver({ type: 'scans', scans: [scan] });
        await sleep(0);
      }
      await waitFor(() => bursts.reduce((a, b) => a + b, 0) === scans.length, 'not every scan reached the screen');
      await waitFor(
        () => deepText(deep(app, 'kiosk-counter-screen', 'kiosk-product-card')).includes('商品 3'),
        'the newest is not on the card',
      );
    } finally {
      window.requestAnimationFrame = realFrame;
    }
    const listed = deep(app, 'kiosk-counter-screen', 'kiosk-recent-scans') as HTMLElement & { entries: Array<{ scan: { id: string } }> };
    await waitFor(() => listed.entries.length === scans.length, 'not every scan was listed');
    expect(listed.entries.map((e) => e.scan.id)).to.deep.equal(scans.map((s) => s.id).reverse());
  });

  const storeFailures = [
    {
      title: 'explains a full disk while the store fails, and clears it once a scan is stored',
      error: () => new DOMException('disk full', 'QuotaExceededError'),
      code: '690777788889',
      banner: '扫描已由终端服务保留，不会丢失',
      also: '存储空间已满',
      gone: '存储空间已满',
    },
    {
      title: 'explains any other store failure with what to do',
      error: () => new Error('boom'),
      code: '690777788880',
      banner: '请重启终端',
      also: '扫描已由终端服务保留，不会丢失',
      gone: '扫描存储失败',
    },
  ];
  for (const failure of storeFailures) {
    it(failure.title, async () => {
      let failing = true;
      const { app, service } = await connectedApp(CONNECTED, {
        store: async (scan) => {
          if (failing) throw failure.error();
          return storeScan(scan);
        },
        storeRetry: { initialMs: 50, maxMs: 100 },
      });
      service.deliver({ type: 'scans', scans: [makeScan(ean13(failure.code))] });
      await waitFor(() => deepText(app).includes(failure.banner), `no banner with ${failure.banner}`);
      expect(deepText(app)).to.include(failure.also);
      failing = false;
      await waitFor(() => !deepText(app).includes(failure.gone), 'banner stayed after storing worked');
    });
  }

  it('sends a wedge scan to the service', async () => {
    const { service } = await connectedApp(CONNECTED);
    const code = ean13('690888899990');
    scannerTypes(document.body, code);
    await waitFor(() => service.sent.some((m) => m.type === 'wedge'), 'no wedge message');
    expect(service.sent.filter((m) => m.type === 'wedge')).to.deep.equal([{ type: 'wedge', line: code }]);
  });
});

describe('kiosk-app modes', () => {
  beforeEach(async () => {
    FakeService.last = undefined;
    localStorage.removeItem(MODE_STORAGE_KEY);
    forgetProducts();
    await deleteKioskDb();
  });
  afterEach(async () => {
    localStorage.removeItem(MODE_STORAGE_KEY);
    await closeDb();
  });

  it('starts in 销售 with the mode bar, switches by a tap and remembers the mode', async () => {
    const app = await fixture<KioskApp>(html`<kiosk-app></kiosk-app>`);
    expect(app.dataset.mode).to.equal('sell');
    expect(maybeDeep(app, 'kiosk-sell-screen')).to.not.equal(null);
    expect(deepText(deep(app, 'kiosk-mode-bar', 'button[aria-pressed="true"]'))).to.include('销售');

    deep(app, 'kiosk-mode-bar', 'button[data-mode="lookup"]').click();
    await app.updateComplete;
    expect(app.dataset.mode).to.equal('lookup');
    expect(maybeDeep(app, 'kiosk-counter-screen')).to.not.equal(null);
    expect(maybeDeep(app, 'kiosk-sell-screen')).to.equal(null);
    expect(deepText(deep(app, 'kiosk-mode-bar', 'button[aria-pressed="true"]'))).to.include('查询');
    expect(localStorage.getItem(MODE_STORAGE_KEY)).to.equal('lookup');

    deep(app, 'kiosk-mode-bar', 'button[data-mode="receive"]').click();
    await app.updateComplete;
    expect(maybeDeep(app, 'kiosk-receive-screen')).to.not.equal(null);
    app.remove();
    const again = await fixture<KioskApp>(html`<kiosk-app></kiosk-app>`);
    expect(again.dataset.mode).to.equal('receive');
    expect(maybeDeep(again, 'kiosk-receive-screen')).to.not.equal(null);
  });

  it('sells a scan from the stream once, even when the service offers it again', async () => {
    const code = ean13('690999900001');
    await registerProduct({ code: `0${code}`, name: '红塔山', priceCents: 1000, unit: 'pack', openingStock: 5 });
    const { app, service } = await connectedApp();
    const screen = deep<KioskSellScreen>(app, 'kiosk-sell-screen');

    const scan = makeScan(code);
    service.deliver({ type: 'scans', scans: [scan] });
    await waitFor(async () => (await getOpenSession('sale'))?.basket.lines.length === 1, 'scan not in the basket');
    await waitFor(() => service.sent.some((m) => m.type === 'ack' && m.ids.includes(scan.id)), 'scan not acked');
    // A reconnect re-offers it (the ack was lost): it must not be sold twice.
    service.deliver({ type: 'scans', scans: [scan] });
    // A scan stored by an earlier life of the page, offered again after a reload: not sold either.
    const earlier = makeScan(code);
    await storeScan(earlier);
    service.deliver({ type: 'scans', scans: [earlier] });
    // A new scan is.
    const next = makeScan(code);
    service.deliver({ type: 'scans', scans: [next] });
    await waitFor(() => service.sent.some((m) => m.type === 'ack' && m.ids.includes(next.id)), 'next not acked');
    await screen.settled();
    await waitFor(async () => (await getOpenSession('sale'))?.basket.lines[0]?.quantity === 2, 'second scan not sold');
    await sleep(200);
    await screen.settled();
    expect((await getOpenSession('sale'))?.basket.lines[0]?.quantity).to.equal(2);
    expect(deepText(screen)).to.include('¥20.00');
  });

  it('shows a sale scan while its store is still committing, then sells it once (the router previews it)', async () => {
    const code = ean13('690999900002');
    await registerProduct({ code: `0${code}`, name: '玉溪', priceCents: 2300, unit: 'pack', openingStock: 5 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { app, service } = await connectedApp(undefined, {
      // The stream's store waits like a Pi's disk flush behind a busy page; a
      // store handed in by a test keeps nothing, so the screen stores the scan
      // itself once it is told (as a screen without an effect does).
      storeBatch: async (scans) => {
        await held;
        return scans.map(() => 'stored' as const);
      },
    });
    const screen = deep<KioskSellScreen>(app, 'kiosk-sell-screen');
    const scan = makeScan(code);
    service.deliver({ type: 'scans', scans: [scan] });
    await waitFor(() => deepText(screen).includes('¥23.00'), 'the scan was not shown before its store');
    expect(await getOpenSession('sale')).to.equal(undefined);
    expect(service.sent.some((m) => m.type === 'ack')).to.equal(false);

    release();
    await waitFor(() => service.sent.some((m) => m.type === 'ack' && m.ids.includes(scan.id)), 'scan not acked');
    await screen.settled();
    expect((await getOpenSession('sale'))?.basket.lines.map((l) => l.quantity)).to.deep.equal([1]);
    expect(deepText(screen)).to.include('¥23.00').and.not.include('¥46.00');
  });

  it('shows a rejected scan in the active mode', async () => {
    const { app, service } = await connectedApp();
    service.deliver({
      type: 'rejected',
      rejected: { scannerId: 'counter', reason: 'bad-check-digit', text: '6901234567891', receivedAt: Date.now() },
    });
    await waitFor(() => deepText(deep(app, 'kiosk-sell-screen')).includes('条码校验位错误'), 'rejection not shown');
  });
});

/**
 * The tab dies right after a scan's store commits: from then on nothing reaches
 * the disk (every later transaction aborts), as if the browser were killed.
 */
function crashAfterScanStored(scanId: string): { crashed: () => boolean; restore: () => void } {
  const transaction = IDBDatabase.prototype.transaction;
  const add = IDBObjectStore.prototype.add;
  let crashed = false;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
    const tx = transaction.apply(this, args);
    if (crashed) tx.abort();
    return tx;
  } as IDBDatabase['transaction'];
  IDBObjectStore.prototype.add = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    const request = add.call(this, value, key);
    if (this.name === 'scans' && (value as { id?: string }).id === scanId) {
      request.addEventListener('success', () => this.transaction.addEventListener('complete', () => (crashed = true)));
    }
    return request;
  };
  return {
    crashed: () => crashed,
    restore: () => {
      IDBDatabase.prototype.transaction = transaction;
      IDBObjectStore.prototype.add = add;
    },
  };
}

describe('kiosk-app: a scan stored is a scan applied', () => {
  beforeEach(async () => {
    FakeService.last = undefined;
    forgetProducts();
    await deleteKioskDb();
  });
  afterEach(async () => {
    localStorage.removeItem(MODE_STORAGE_KEY);
    await closeDb();
  });

  for (const [mode, kind] of [
    ['receive', 'delivery'],
    ['sell', 'sale'],
  ] as const) {
    it(`${mode}: a tab that dies right after the store commits still has the scan in its ${kind}, once`, async () => {
      localStorage.setItem(MODE_STORAGE_KEY, mode);
      const code = ean13('690777700001');
      const other = ean13('690777700002');
      await registerProduct({ code: `0${code}`, name: '中华（硬）', priceCents: 4500, unit: 'pack', openingStock: 5 });
      await registerProduct({ code: `0${other}`, name: '玉溪', priceCents: 2300, unit: 'pack', openingStock: 5 });

      const scan = makeScan(code);
      const crash = crashAfterScanStored(scan.id);
      try {
        const first = await connectedApp();
        first.service.deliver({ type: 'scans', scans: [scan] });
        await waitFor(crash.crashed, 'the scan was never stored');
        await sleep(300); // whatever the page still tries now is lost with the tab
        first.app.remove();
      } finally {
        crash.restore();
      }
      await closeDb();
      forgetProducts();

      // The page starts again; the service offers the scan again (its ack died
      // with the tab), then a new one.
      const { app, service } = await connectedApp();
      service.deliver({ type: 'scans', scans: [scan] });
      const next = makeScan(other);
      service.deliver({ type: 'scans', scans: [next] });
      await waitFor(() => service.sent.some((m) => m.type === 'ack' && m.ids.includes(next.id)), 'next not acked');
      const screen = deep<KioskSellScreen>(app, mode === 'sell' ? 'kiosk-sell-screen' : 'kiosk-receive-screen');
      await screen.settled();
      const lines = (await getOpenSession(kind))?.basket.lines ?? [];
      expect(lines.map((l) => [l.productCode, l.quantity])).to.deep.equal([
        [`0${code}`, 1],
        [`0${other}`, 1],
      ]);
      expect(deepText(screen)).to.include('中华（硬）');
    });
  }
});
