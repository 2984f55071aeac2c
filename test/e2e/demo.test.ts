/**
 * `npm start -- --demo`: the service opens the app as the demo shop, which
 * fills its own database (never the shop's), says so on screen, and goes away
 * in one tap.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTerminal, stopTerminal, type Terminal } from '../helpers/terminal.ts';
import { CHROMIUM_ARGS, findChromium } from '../helpers/chromium.mjs';
import { DB_NAME, answerOwnerFirstRun, eventually, tapTopBarAction, visibleText } from '../helpers/kiosk-page.ts';

const DEMO_DB = 'shop-terminal-demo';

async function databases(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
}

async function productCount(page: Page, name: string): Promise<number> {
  return page.evaluate(async (name) => {
    if (!(await indexedDB.databases()).some((d) => d.name === name)) return -1;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    if (!db.objectStoreNames.contains('products')) {
      db.close();
      return 0;
    }
    const n = await new Promise<number>((resolve, reject) => {
      const req = db.transaction('products').objectStore('products').count();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return n;
  }, name);
}

describe('npm start -- --demo', () => {
  let terminal: Terminal;
  let browser: Browser;

  beforeAll(async () => {
    terminal = await startTerminal('e2e-demo-', { extraArgs: ['--demo'], waitForScanners: false });
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  });

  afterAll(() => stopTerminal(terminal, browser));

  it('opens the demo shop in its own database, marked, with history to order from, and removes it in one tap', async () => {
    const printed = terminal.service.output().match(/demo shop[^\n]*?(http:\/\/\S+)/);
    expect(printed, terminal.service.output()).not.toBeNull();
    const demoUrl = printed![1]!;
    expect(demoUrl).toBe(`${terminal.service.url}?demo`);

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => localStorage.setItem('kiosk.mode', 'sell'));
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
    page.on('console', (m) => {
      if (m.text().startsWith('demo shop:')) console.log(m.text());
    });
    await page.goto(demoUrl);
    await page.waitForSelector('kiosk-app [data-kind="demo-marker"]', { state: 'attached', timeout: 120_000 });
    expect(await visibleText(page, 'kiosk-app')).toContain('演示数据 demo data');

    const demoProducts = await eventually(
      () => productCount(page, DEMO_DB),
      (n) => n >= 140,
      170_000,
    );
    expect(demoProducts).toBeLessThanOrEqual(160);
    // The shop's own database was never opened by the demo page.
    expect(await databases(page)).not.toContain(DB_NAME);

    // The order screen (loaded on demand) has two years of sales to advise from.
    await page.locator('kiosk-mode-bar button[data-mode="order"]').click();
    await eventually(
      () => page.locator('kiosk-app kiosk-order-screen [data-code]').count(),
      (rows) => rows >= 100,
      120_000,
    );
    expect(await visibleText(page, 'kiosk-app')).toContain('演示数据 demo data');

    await tapTopBarAction(page, 'remove-demo');
    // Removing the demo is the owner's: the demo shop has no owner PIN yet, so the pad has one set.
    await answerOwnerFirstRun(page);
    await page.waitForURL((url) => !url.search.includes('demo'), { timeout: 30_000 });
    await eventually(
      () => databases(page),
      (names) => !names.includes(DEMO_DB),
      30_000,
    );
    await page.waitForSelector('kiosk-app[data-connection]');
    expect(await page.locator('kiosk-app [data-kind="demo-marker"]').count()).toBe(0);
    // The real, empty shop offers the demo.
    await page.waitForSelector('kiosk-app kiosk-banner[data-kind="first-run"]');
    await context.close();
  });
});
