/**
 * The whole scan path for real: a socat pty scanner at 9600 baud → the terminal
 * service (its own process) → Debian's Chromium running the built kiosk app →
 * IndexedDB. A burst of scans with a page reload and a service crash in the
 * middle: every scan ends up on screen and in IndexedDB exactly once.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTerminal, stopTerminal, type Terminal } from '../helpers/terminal.ts';
import { writeLine } from '../helpers/pty.ts';
import { startService } from '../helpers/service.ts';
import {
  eventually,
  makeEan13Codes,
  openKioskPage,
  readSessions,
  readStoredScans,
  seedProducts,
  visibleText,
  type KioskPage,
} from '../helpers/kiosk-page.ts';

describe('scan path end to end', () => {
  let terminal: Terminal;
  let kiosk: KioskPage;

  beforeAll(async () => {
    terminal = await startTerminal('e2e-scan-');
    kiosk = await openKioskPage(terminal.service.url);
  });

  afterAll(() => stopTerminal(terminal, kiosk));

  it('shows a simulated scan on the counter screen and stores it once', async () => {
    const [code] = makeEan13Codes(1, 900);
    await seedProducts(kiosk.page, [{ code: `0${code}`, name: '测试香烟（硬）', priceCents: 2300, stock: 7 }]);
    await writeLine(terminal.pty.simPath, code!);
    const card = kiosk.page.locator('kiosk-product-card .frame');
    await expect.poll(() => card.innerText(), { timeout: 15_000 }).toContain('测试香烟（硬）');
    expect(await card.innerText()).toContain('¥23.00');
    expect(await card.innerText()).toContain(code!);
    const stored = await eventually(
      () => readStoredScans(kiosk.page),
      (rows) => rows.some((r) => r.code === `0${code}`),
    );
    expect(stored.filter((r) => r.code === `0${code}`)).toHaveLength(1);
  });

  it('loses and duplicates nothing across a page reload and a service crash mid-burst', async () => {
    const codes = makeEan13Codes(36);
    await seedProducts(
      kiosk.page,
      codes.map((code, i) => ({ code: `0${code}`, name: `商品${i + 1}`, priceCents: 1000 + i, stock: 50 })),
    );
    const before = (await readStoredScans(kiosk.page)).length;
    let sentThisBoot = 0;
    const send = async (code: string) => {
      await writeLine(terminal.pty.simPath, code);
      sentThisBoot++;
      await new Promise((r) => setTimeout(r, 25));
    };

    // First third; the page reloads while the second third is arriving.
    for (const code of codes.slice(0, 12)) await send(code);
    const reload = kiosk.page.reload();
    for (const code of codes.slice(12, 24)) await send(code);
    await reload;

    // Crash the service (SIGKILL) once it has journaled what was sent, before the
    // page has necessarily stored and acknowledged all of it.
    await eventually(
      () => terminal.service.health(),
      (h) => h.scansThisBoot >= sentThisBoot,
      15_000,
    );
    const crashedBoot = (await terminal.service.health()).bootId;
    await terminal.service.stop('SIGKILL');
    terminal.service = await startService({
      dataDir: join(terminal.dir, 'data'),
      scannerPath: terminal.pty.devicePath,
      port: terminal.port,
      build: false,
    });
    await terminal.service.waitForScanners();
    expect((await terminal.service.health()).bootId).not.toBe(crashedBoot);
    for (const code of codes.slice(24)) await send(code);

    const expected = new Set(codes.map((c) => `0${c}`));
    const rows = await eventually(
      () => readStoredScans(kiosk.page),
      (all) => all.filter((r) => expected.has(r.code)).length >= codes.length,
      60_000,
    );
    const burst = rows.filter((r) => expected.has(r.code));
    expect(rows.length - before).toBe(codes.length);
    expect(new Set(burst.map((r) => r.code)).size).toBe(codes.length); // each code once
    expect(new Set(burst.map((r) => r.id)).size).toBe(codes.length); // each scan once

    // On screen: the recent-scans list (unfolded by the owner's tap) holds each
    // scan of the burst exactly once.
    await kiosk.page.locator('kiosk-recent-scans button[name="fold"]').click();
    const shownIds = await eventually(
      () => kiosk.page.locator('[data-scan-id]').evaluateAll((els) => els.map((el) => el.getAttribute('data-scan-id'))),
      (ids) => burst.every((r) => ids.includes(r.id)),
      30_000,
    );
    for (const row of burst) expect(shownIds.filter((id) => id === row.id)).toHaveLength(1);

    // And the service has nothing left to offer: every scan was acknowledged.
    await eventually(
      () => terminal.service.health(),
      (h) => h.pendingScans === 0,
      15_000,
    );
  });
  it("stores and acks a sale off the page's main thread: a busy screen does not hold the commits", async () => {
    const codes = makeEan13Codes(3, 7100);
    await seedProducts(
      kiosk.page,
      codes.map((code, i) => ({ code: `0${code}`, name: `忙时${i + 1}`, priceCents: 1500, stock: 20 })),
    );
    await kiosk.page.locator('kiosk-mode-bar button[data-mode="sell"]').click();
    await kiosk.page.locator('kiosk-sell-screen').waitFor();
    const before = (await terminal.service.health()).scansThisBoot;

    // The screen's thread is held for 4 s; the scans come in meanwhile.
    let busyOver = false;
    const busy = kiosk.page
      .evaluate(() => {
        const end = performance.now() + 4000;
        while (performance.now() < end);
      })
      .then(() => (busyOver = true));
    await new Promise((r) => setTimeout(r, 300));
    for (const code of codes) await writeLine(terminal.pty.simPath, code);
    const health = await eventually(
      () => terminal.service.health(),
      (h) => h.scansThisBoot >= before + codes.length && h.pendingScans === 0,
      10_000,
    );
    // Acked means committed to IndexedDB, into the sale: all while the page could not run a line of script.
    expect(busyOver).toBe(false);
    expect(health.pendingScans).toBe(0);
    await busy;
    const sales = await readSessions(kiosk.page);
    const open = sales.filter((s) => s.kind === 'sale' && s.status === 'open');
    expect(open).toHaveLength(1);
    expect(open[0]!.basket!.lines.map((l) => l.barcode).sort()).toEqual(codes.map((c) => `0${c}`).sort());
    await expect.poll(() => visibleText(kiosk.page, 'kiosk-sell-screen'), { timeout: 10_000 }).toContain('忙时3');
  });
  it("takes a keyboard-wedge scanner's line through the worker's socket like a serial scan", async () => {
    const [code] = makeEan13Codes(1, 7200);
    await seedProducts(kiosk.page, [{ code: `0${code}`, name: '键盘扫码枪商品', priceCents: 800, stock: 5 }]);
    await kiosk.page.locator('kiosk-mode-bar button[data-mode="lookup"]').click();
    await kiosk.page.locator('kiosk-counter-screen').waitFor();
    // As a USB scanner types: keys a few ms apart, then Enter.
    await kiosk.page.keyboard.type(code!, { delay: 5 });
    await kiosk.page.keyboard.press('Enter');
    const card = kiosk.page.locator('kiosk-product-card .frame');
    await expect.poll(() => card.innerText(), { timeout: 15_000 }).toContain('键盘扫码枪商品');
    const stored = await eventually(
      () => readStoredScans(kiosk.page),
      (rows) => rows.some((r) => r.code === `0${code}`),
    );
    expect(stored.filter((r) => r.code === `0${code}`)).toHaveLength(1);
  });
});
