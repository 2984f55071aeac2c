/**
 * npm run screenshots — the README's pictures, from the demo shop, at the screen
 * sizes these terminals have (800×480 is the official Raspberry Pi 7" display).
 *
 * Starts the terminal service on a free port with a simulated scanner, opens the
 * demo shop (?demo, its own database) in Debian's Chromium, waits until it is
 * loaded, scans a customer's basket at the sell screen, then shows every mode at
 * every size and saves docs/screenshots/<width>x<height>/<mode>.png (whether each mode's main action
 * fits is checked by test/browser/layout-sizes.test.ts). The owner's 公告板
 * (board) comes after the counter's modes, at every size: the owner sets a PIN
 * through the PIN pad first (the demo shop has none), and the demo board
 * (src/data/demo-board.ts) fills it. Last, the customer
 * display (/display) with three new products in the shop's own database, with
 * their 规格, 品牌故事 and a picture drawn here (as an import would store it).
 *
 * Options (env): SHOT_SIZES="800x480,1280x800" SHOT_MODES="sell,lookup" SHOT_LANG=zh|en
 * (SHOT_MODES=display: the customer display only, without loading the demo shop).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../test/helpers/chromium.mjs';
import { startPtyPair, writeLine } from '../test/helpers/pty.ts';
import { freePort, startService } from '../test/helpers/service.ts';
import { answerOwnerFirstRun, readStore, seedProducts, waitForDatabase } from '../test/helpers/kiosk-page.ts';
import { buildAppIfStale } from '../device/build-app.ts';
import { DEMO_DB_NAME } from '../src/data/db.ts';
import { DEFAULT_DOUBLE_READ_MS } from '../device/scanner/double-read.ts';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SIZES = (process.env.SHOT_SIZES ?? '800x480,1024x600,1280x800,1920x1080').split(',').map((s) => {
  const [width, height] = s.split('x').map(Number);
  return { width: width!, height: height! };
});
const SHOWN = (process.env.SHOT_MODES ?? 'sell,receive,stocktake,adjust,lookup,order,catalog,board')
  .split(',')
  .filter((m) => m !== '' && m !== 'display');
/** The counter's modes, shown to anyone. */
const MODES = SHOWN.filter((m) => m !== 'board');
/** The owner's board, shot once the owner is signed in (so the counter's pictures show nobody signed in). */
const BOARD = SHOWN.includes('board');
const LANG = process.env.SHOT_LANG ?? 'zh';
const OUT = join(ROOT, 'docs', 'screenshots');

const log = (line: string) => console.log(`# ${line}`);

await buildAppIfStale(ROOT, join(ROOT, 'dist'), log);
const dir = mkdtempSync(join(tmpdir(), 'screenshots-'));
const pty = await startPtyPair(dir);
const service = await startService({ dataDir: join(dir, 'data'), scannerPath: pty.devicePath, port: await freePort(), build: false });
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
try {
  const context = await browser.newContext({ viewport: SIZES[0]!, deviceScaleFactor: 1 });
  await context.addInitScript(
    (lang) => {
      if (!localStorage.getItem('kiosk.locale')) localStorage.setItem('kiosk.locale', lang);
    },
    LANG === 'en' ? 'en' : 'zh-Hans',
  );
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
  if (SHOWN.length > 0) {
    log('loading the demo shop (about a minute: two years of simulated sales) …');
    await page.goto(`${service.url}?demo`);
    await page.waitForSelector('kiosk-app[data-demo="ready"]', { state: 'attached', timeout: 300_000 });
  }
  if (MODES.includes('sell')) await fillSellBasket(page, pty.simPath);
  for (const size of MODES.length > 0 ? SIZES : []) {
    await page.setViewportSize(size);
    for (const mode of MODES) await shoot(page, size, mode);
  }
  if (BOARD) {
    await page.setViewportSize(SIZES[0]!);
    await page.locator('kiosk-mode-bar button[data-mode="board"]').click();
    await page.locator('kiosk-board-screen button[name="owner-pin"]').click();
    await answerOwnerFirstRun(page);
    // The supply news opened: its quotas for the demo shop's cigarettes.
    await page.locator('kiosk-board-screen [data-kind="items"] li button[name="open-item"]').first().click();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await shoot(page, size, 'board');
    }
  }
  // The customer display (/display) shows the shop's own new products: the page
  // makes the shop's database first, then a few new products go into it.
  await page.goto(`${service.url}display`);
  await waitForDatabase(page);
  const story = '始创于安徽，取黄山松烟之意，选用皖南优质烟叶，口感醇和。';
  await seedProducts(page, [
    {
      code: '06901028000017',
      name: '黄山（新制皖烟）',
      priceCents: 2500,
      brand: '黄山',
      category: '卷烟',
      packsPerCarton: 10,
      isNew: true,
      specs: '焦油量 10mg · 20支/盒',
      brandStory: story,
    },
    {
      code: '06901028000024',
      name: '利群（新版）',
      priceCents: 1800,
      brand: '利群',
      category: '卷烟',
      packsPerCarton: 10,
      isNew: true,
      specs: '焦油量 10mg · 20支/盒',
    },
    {
      code: '06920202888883',
      name: '东方树叶 茉莉花茶 500ml',
      priceCents: 500,
      brand: '农夫山泉',
      category: '饮料',
      isNew: true,
      specs: '500ml',
    },
  ]);
  await seedPicture(page, '06901028000017');
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.goto(`${service.url}display`);
    await page.waitForSelector('kiosk-display-app img[data-kind="picture"]', { state: 'attached', timeout: 30_000 });
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(OUT, `${size.width}x${size.height}`, 'display.png') });
    log(`${size.width}x${size.height} customer display`);
  }
  log(`saved in ${OUT}`);
} finally {
  await browser.close();
  await service.stop();
  await pty.close();
  rmSync(dir, { recursive: true, force: true });
}

/** The mode's screen at this size, once it has loaded and shows its data. */
async function shoot(page: import('playwright-core').Page, size: { width: number; height: number }, mode: string): Promise<void> {
  const folder = join(OUT, `${size.width}x${size.height}`);
  mkdirSync(folder, { recursive: true });
  await page.locator(`kiosk-mode-bar button[data-mode="${mode}"]`).click();
  await page.waitForSelector(`kiosk-app[data-mode="${mode}"] [data-mode-screen]`, { state: 'attached' });
  // Lazily loaded screens and their data: wait for the page to settle.
  await page.waitForLoadState('networkidle');
  // A screen still computing (the order's suggestions take seconds on two years of sales) is shot once it shows its data.
  await page.locator('kiosk-app [data-state="loading"]').first().waitFor({ state: 'detached', timeout: 120_000 });
  if (mode === 'board') await page.locator('kiosk-board-screen [data-kind="items"] li').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(folder, `${mode}.png`) });
  log(`${size.width}x${size.height} ${mode}`);
}

/**
 * Scans a customer's basket at the sell screen through the simulated scanner, so
 * its pictures show lines (names, 条 and 盒, prices) and not an empty basket: two
 * packs and a carton of a cigarette, a pack of another, and a product sold
 * singly, all from the demo shop's own catalogue.
 */
async function fillSellBasket(page: import('playwright-core').Page, scanner: string): Promise<void> {
  await page.setViewportSize(SIZES[0]!);
  await page.locator('kiosk-mode-bar button[data-mode="sell"]').click();
  await page.waitForSelector('kiosk-app[data-mode="sell"] [data-mode-screen]', { state: 'attached' });
  const products = await readStore<{ code: string; cartonCode?: string; category?: string; stock: number }[]>(
    page,
    'products',
    'getAll',
    undefined,
    DEMO_DB_NAME,
  );
  const inStock = products.filter((p) => p.stock > 20);
  const cartons = inStock.filter((p) => p.cartonCode && p.category === '卷烟');
  const [first, second, single] = [cartons[0], cartons[1], inStock.find((p) => !p.cartonCode)];
  if (!first?.cartonCode || !second || !single) throw new Error('the demo shop has no two cigarettes and a single product in stock');
  // The scanner reads EAN-13: the product key is the 14-digit GTIN with a leading 0.
  const scans = [first.code, first.code, first.cartonCode, second.code, single.code].map((code) => code.replace(/^0(?=\d{13}$)/, ''));
  for (const code of scans) {
    await writeLine(scanner, code);
    // A hand's pace: the same code read again within DEFAULT_DOUBLE_READ_MS is one scan.
    await sleep(DEFAULT_DOUBLE_READ_MS + 100);
  }
  await page.locator('kiosk-basket-lines button.line').nth(3).waitFor({ timeout: 30_000 });
  log(`sell basket: ${scans.join(' ')}`);
}

/** A pack-like picture drawn in the page and stored as importPicture() stores one (1280 px WebP Blob). */
async function seedPicture(page: import('playwright-core').Page, code: string): Promise<void> {
  await page.evaluate(async (code) => {
    const canvas = new OffscreenCanvas(960, 1280);
    const c = canvas.getContext('2d')!;
    const g = c.createLinearGradient(0, 0, 960, 1280);
    g.addColorStop(0, '#f3e3b5');
    g.addColorStop(1, '#b8893b');
    c.fillStyle = g;
    c.fillRect(0, 0, 960, 1280);
    c.fillStyle = '#7a1e12';
    c.fillRect(120, 160, 720, 960);
    c.fillStyle = '#f3e3b5';
    c.font = 'bold 150px "Noto Sans CJK SC", sans-serif';
    c.textAlign = 'center';
    c.fillText('黄山', 480, 640);
    c.font = '60px "Noto Sans CJK SC", sans-serif';
    c.fillText('新制皖烟', 480, 780);
    const blob = await canvas.convertToBlob({ type: 'image/webp', quality: 0.85 });
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('shop-terminal');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction(['pictures', 'settings'], 'readwrite');
    tx.objectStore('pictures').put({ code, blob, width: 960, height: 1280, importedAt: Date.now() });
    // The display plan puts the pictured product first in the loop.
    tx.objectStore('settings').put({
      key: 'display-plan',
      entries: [{ code }, { code: '06901028000024' }, { code: '06920202888883' }],
      updatedAt: Date.now(),
    });
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, code);
}
