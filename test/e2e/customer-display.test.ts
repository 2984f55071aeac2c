/**
 * Two real pty scanners (counter and display), the service, and two pages of
 * the built app in Debian's Chromium: the counter in 销售 and /display. A scan at
 * the display scanner is a look-up on the display only; a counter scan goes into
 * the sale and shows on the display's basket view.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startPtyPair, writeLine, type PtyPair } from '../helpers/pty.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { freePort, startService, type RunningService } from '../helpers/service.ts';
import { makeEan13Codes, openKioskPage, seedProducts, type KioskPage, readSessions, readStore } from '../helpers/kiosk-page.ts';

/** The open sale's lines and the stock of every product, read from the page's IndexedDB. */
async function readShop(
  page: Page,
): Promise<{ saleLines: Array<{ productCode: string; quantity: number }>; stock: Record<string, number> }> {
  const [sessions, products] = await Promise.all([
    readSessions(page),
    readStore<Array<{ code: string; stock: number }>>(page, 'products', 'getAll'),
  ]);
  const sale = sessions.find((s) => s.kind === 'sale' && s.status === 'open');
  return {
    saleLines: (sale?.basket?.lines ?? []).map((l) => ({ productCode: l.productCode, quantity: l.quantity })),
    stock: Object.fromEntries(products.map((p) => [p.code, p.stock])),
  };
}

/** The display's interest counts: product code and scans, whatever the day. */
async function readInterest(page: Page): Promise<Array<{ code: string; scans: number }>> {
  const rows = await readStore<Array<{ code: string; scans: number }>>(page, 'interest', 'getAll');
  return rows.map((r) => ({ code: r.code, scans: r.scans }));
}

/** Every open session's kind and what is in it (basket lines or stocktake counts). */
async function readOpenSessions(page: Page): Promise<string[]> {
  const sessions = await readSessions(page);
  return sessions
    .filter((s) => s.status === 'open')
    .map((s) => `${s.kind}:${JSON.stringify(s.basket?.lines ?? s.counts ?? [])}`)
    .sort();
}

describe('customer display with two scanners', () => {
  let dir: string;
  let counterPty: PtyPair;
  let displayPty: PtyPair;
  let service: RunningService;
  let kiosk: KioskPage;
  let display: Page;

  beforeAll(async () => {
    dir = makeTempDir('e2e-display-', ['c', 'd']);
    counterPty = await startPtyPair(join(dir, 'c'));
    displayPty = await startPtyPair(join(dir, 'd'));
    service = await startService({
      dataDir: join(dir, 'data'),
      scannerPath: counterPty.devicePath,
      port: await freePort(),
      extraArgs: ['--scanner', `display=${displayPty.devicePath}`],
    });
    await service.waitForScanners();
    kiosk = await openKioskPage(service.url, 'sell');
    display = await kiosk.context.newPage();
    display.on('pageerror', (err) => console.error(`display page error: ${err.message}`));
    await display.goto(`${service.url}display`);
  });

  afterAll(async () => {
    await kiosk?.close();
    await service?.stop();
    await counterPty?.close();
    await displayPty?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a display scan shows a card and changes no basket or stock; a counter scan shows in the display basket', async () => {
    const [sold, looked] = makeEan13Codes(2, 700);
    await seedProducts(kiosk.page, [
      { code: `0${sold}`, name: '测试香烟（硬）', priceCents: 2300, stock: 7, brand: '测试', isNew: true },
      { code: `0${looked}`, name: '测试新品（细支）', priceCents: 3100, stock: 5, brand: '测试', isNew: true },
    ]);
    await display.reload();
    const main = display.locator('kiosk-display-app main');
    await expect.poll(() => display.locator('kiosk-display-app footer').innerText(), { timeout: 15_000 }).toContain('吸烟有害健康');

    // The counter sells one pack: the display shows the basket.
    await writeLine(counterPty.simPath, sold!);
    await expect.poll(() => main.innerText(), { timeout: 15_000 }).toContain('¥23.00');
    expect(await main.getAttribute('data-view')).toBe('sale');
    const before = await readShop(kiosk.page);
    expect(before.saleLines).toEqual([{ productCode: `0${sold}`, quantity: 1 }]);

    // The customer scans a pack at the display: its card, and nothing else changes.
    await writeLine(displayPty.simPath, looked!);
    await expect.poll(() => main.getAttribute('data-view'), { timeout: 15_000 }).toBe('card');
    expect(await main.innerText()).toContain('测试新品（细支）');
    expect(await main.innerText()).toContain('¥31.00');
    expect(await main.innerText()).not.toContain('5');
    // Give the counter page every chance to (wrongly) take it.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await readShop(kiosk.page)).toEqual(before);
    // The service forgot the look-up: it was acknowledged.
    await expect.poll(async () => (await service.health()).pendingScans, { timeout: 15_000 }).toBe(0);
    // Counted as interest in the product (and only the display's scan): one look-up, no customer data.
    await expect.poll(() => readInterest(kiosk.page), { timeout: 15_000 }).toEqual([{ code: `0${looked}`, scans: 1 }]);
  });

  for (const mode of ['receive', 'stocktake'] as const) {
    it(`a display scan while the counter is in ${mode} changes no delivery, count or stock`, async () => {
      const [, looked] = makeEan13Codes(2, 700);
      await kiosk.page.evaluate((m) => localStorage.setItem('kiosk.mode', m), mode);
      await kiosk.page.reload();
      await kiosk.page.waitForFunction(
        (m) => document.querySelector('kiosk-app')?.shadowRoot?.querySelector(`kiosk-${m}-screen`) !== null,
        mode,
        { timeout: 15_000 },
      );
      const before = await readOpenSessions(kiosk.page);
      const stockBefore = (await readShop(kiosk.page)).stock;
      await display.reload();
      const main = display.locator('kiosk-display-app main');
      await expect.poll(() => main.getAttribute('data-view'), { timeout: 15_000 }).not.toBe('card');
      await writeLine(displayPty.simPath, looked!);
      await expect.poll(() => main.getAttribute('data-view'), { timeout: 15_000 }).toBe('card');
      await new Promise((r) => setTimeout(r, 1500));
      expect(await readOpenSessions(kiosk.page)).toEqual(before);
      expect((await readShop(kiosk.page)).stock).toEqual(stockBefore);
      await expect.poll(async () => (await service.health()).pendingScans, { timeout: 15_000 }).toBe(0);
    });
  }
});
