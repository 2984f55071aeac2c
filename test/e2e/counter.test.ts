/**
 * Counter work end to end, as an owner does it: import the supplier's catalog,
 * receive a carton, sell two packs, take stock — scans coming from a real pty
 * scanner through the service into the built app in Debian's Chromium — and
 * check the numbers on screen and in IndexedDB.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLine } from '../helpers/pty.ts';
import { startTerminal, stopTerminal, type Terminal } from '../helpers/terminal.ts';
import {
  eventually,
  makeEan13Codes,
  openKioskPage,
  setOwnerPinOnPage,
  visibleText,
  type KioskPage,
  readStore,
} from '../helpers/kiosk-page.ts';

const [PACK, CARTON] = makeEan13Codes(2, 4200) as [string, string];
const GTIN = `0${PACK}`;

async function stockInDb(page: Page, code: string): Promise<number | undefined> {
  return (await readStore<{ stock: number }>(page, 'products', 'get', code))?.stock;
}

describe('counter work end to end', () => {
  let terminal: Terminal;
  let kiosk: KioskPage;

  beforeAll(async () => {
    terminal = await startTerminal('e2e-counter-');
    kiosk = await openKioskPage(terminal.service.url, 'catalog');
    // Importing is the owner's: set the owner PIN as on a fresh terminal (the session stays open).
    await setOwnerPinOnPage(kiosk.page);
  });

  afterAll(() => stopTerminal(terminal, kiosk));

  const scan = async (code: string) => {
    await writeLine(terminal.pty.simPath, code);
    // Past the double-read window: this is a second pack, not the scanner re-reading one.
    await new Promise((r) => setTimeout(r, 450));
  };
  const mode = (name: string) => kiosk.page.locator(`kiosk-mode-bar button[data-mode="${name}"]`).click();

  it('imports a catalog, receives a carton, sells two packs and counts the stock', async () => {
    const { page } = kiosk;
    const csv = `条码,条包条码,每条盒数,名称,品牌,类别,零售价,成本价,新品\n${PACK},${CARTON},10,测试烟（硬）,测试,卷烟,23.00,19.50,否\n`;
    await page.locator('kiosk-catalog-screen input[type="file"]').setInputFiles({
      name: 'catalog.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.locator('kiosk-catalog-screen button[name="apply"]').click();
    await eventually(
      () => stockInDb(page, GTIN),
      (stock) => stock === 0,
      15_000,
    );

    // Receive one carton: 10 packs.
    await mode('receive');
    await scan(CARTON);
    await expect.poll(() => visibleText(page, 'kiosk-receive-screen'), { timeout: 15_000 }).toContain('测试烟（硬）');
    await page.locator('kiosk-receive-screen button[name="close"]').click();
    await eventually(
      () => stockInDb(page, GTIN),
      (stock) => stock === 10,
      15_000,
    );

    // Sell two packs in one basket.
    await mode('sell');
    await scan(PACK);
    await scan(PACK);
    await expect.poll(() => visibleText(page, 'kiosk-sell-screen'), { timeout: 15_000 }).toContain('¥46.00');
    await page.locator('kiosk-sell-screen button[name="close"]').click();
    await eventually(
      () => stockInDb(page, GTIN),
      (stock) => stock === 8,
      15_000,
    );

    // Stocktake: 7 packs on the shelf against a book stock of 8.
    await mode('stocktake');
    const stocktake = page.locator('kiosk-stocktake-screen');
    if (await stocktake.locator('button[name="start"]').isVisible()) await stocktake.locator('button[name="start"]').click();
    await scan(PACK);
    await expect.poll(() => visibleText(page, 'kiosk-stocktake-screen'), { timeout: 15_000 }).toContain('测试烟（硬）');
    await stocktake
      .locator('kiosk-keypad button[data-key="clear"]')
      .click()
      .catch(() => undefined);
    await stocktake.locator('kiosk-keypad button[data-key="7"]').click();
    await stocktake.locator('button[name="save"]').click();
    await stocktake.locator('button[name="finish"]').click();
    await stocktake.locator('button[name="confirm-finish"]').click();
    const row = stocktake.locator(`tr[data-code="${GTIN}"]`);
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toMatch(/8[\s\S]*7[\s\S]*-1/);
    // 1 pack off of 7 counted: 14.3 %, over the supplier's 10 % line.
    expect(await visibleText(page, 'kiosk-stocktake-screen')).toContain('14.3%');
    await eventually(
      () => stockInDb(page, GTIN),
      (stock) => stock === 7,
      15_000,
    );
  });
});
