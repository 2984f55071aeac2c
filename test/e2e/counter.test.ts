/**
 * Counter work end to end, as an owner does it: import the supplier's catalog,
 * receive a carton, sell two packs, take stock — scans coming from a real pty
 * scanner through the service into the built app in Debian's Chromium — and
 * check the numbers on screen and in IndexedDB.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLine } from '../helpers/pty.ts';
import { startOwnerKiosk, stopTerminal, type Terminal } from '../helpers/terminal.ts';
import { eventually, makeEan13Codes, visibleText, type KioskPage, readStore } from '../helpers/kiosk-page.ts';

const [PACK, CARTON] = makeEan13Codes(2, 4200) as [string, string];
const GTIN = `0${PACK}`;

async function stockInDb(page: Page, code: string): Promise<number | undefined> {
  return (await readStore<{ stock: number }>(page, 'products', 'get', code))?.stock;
}

describe('counter work end to end', () => {
  let terminal: Terminal;
  let kiosk: KioskPage;

  beforeAll(async () => {
    // Importing is the owner's: set the owner PIN as on a fresh terminal (the session stays open).
    ({ terminal, kiosk } = await startOwnerKiosk('e2e-counter-', 'catalog'));
  });

  afterAll(() => stopTerminal(terminal, kiosk));

  const scan = async (code: string) => {
    await writeLine(terminal.pty.simPath, code);
    // Past the double-read window: this is a second pack, not the scanner re-reading one.
    await new Promise((r) => setTimeout(r, 450));
  };
  const mode = (name: string) => kiosk.page.locator(`kiosk-mode-bar button[data-mode="${name}"]`).click();
  /** Waits until the product's stock in IndexedDB is `packs`. */
  const stockReaches = (packs: number) =>
    eventually(
      () => stockInDb(kiosk.page, GTIN),
      (stock) => stock === packs,
      15_000,
    );
  /** In `name` mode, scans `codes` into the basket, waits until its screen shows `shown`, and closes the basket. */
  const basket = async (name: 'receive' | 'sell', codes: string[], shown: string) => {
    await mode(name);
    for (const code of codes) await scan(code);
    await expect.poll(() => visibleText(kiosk.page, `kiosk-${name}-screen`), { timeout: 15_000 }).toContain(shown);
    await kiosk.page.locator(`kiosk-${name}-screen button[name="close"]`).click();
  };

  it('imports a catalog, receives a carton, sells two packs and counts the stock', async () => {
    const { page } = kiosk;
    const csv = `条码,条包条码,每条盒数,名称,品牌,类别,零售价,成本价,新品\n${PACK},${CARTON},10,测试烟（硬）,测试,卷烟,23.00,19.50,否\n`;
    await page.locator('kiosk-catalog-screen input[type="file"]').setInputFiles({
      name: 'catalog.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.locator('kiosk-catalog-screen button[name="apply"]').click();
    await stockReaches(0);

    // Receive one carton: 10 packs.
    await basket('receive', [CARTON], '测试烟（硬）');
    await stockReaches(10);

    // Sell two packs in one basket.
    await basket('sell', [PACK, PACK], '¥46.00');
    await stockReaches(8);

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
    // Finishing writes first: wait for its report (the counted table above has the same row).
    // 1 pack off of 7 counted: 14.3 %, over the supplier's 10 % line.
    await expect.poll(() => visibleText(page, 'kiosk-stocktake-screen'), { timeout: 15_000 }).toContain('14.3%');
    const row = stocktake.locator(`tr[data-code="${GTIN}"]`);
    expect(await row.innerText()).toMatch(/8[\s\S]*7[\s\S]*-1/);
    await stockReaches(7);
  });
});
