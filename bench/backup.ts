/**
 * bench:backup — a year-and-more shop (500 products, 1 000 000 movements,
 * 500 000 scans) in Debian's Chromium: back it up, wipe the profile, restore,
 * and check every store is identical by content hash.
 *   npm run bench:backup [-- --movements N --scans N --products N]
 * Prints last: bench:backup products=… movements=… scans=… backup_s=… restore_s=… backup_mb=… identical=0|1
 */
import { benchArgs } from './args.ts';
import { log, servePage } from './page-server.ts';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../test/helpers/chromium.mjs';

const size = benchArgs({ products: 500, movements: 1_000_000, scans: 500_000 });

const { url, close: closeServer } = await servePage(new URL('./backup-page.ts', import.meta.url), 'bench:backup');

interface Api {
  seed(size: unknown): Promise<number>;
  hashes(): Promise<Record<string, string>>;
  backup(): Promise<{ ms: number; bytes: number }>;
  wipe(): Promise<void>;
  restore(): Promise<number>;
}
type Win = { backupBench: Api };

let browser: Browser | undefined;
let result = { backupS: NaN, restoreS: NaN, backupMb: NaN, identical: 0 };
try {
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  const page = await browser.newPage();
  page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
  await page.goto(url);
  await page.waitForFunction(() => 'backupBench' in globalThis);
  page.setDefaultTimeout(0);

  log(`seeding ${size.products} products, ${size.movements} movements, ${size.scans} scans …`);
  const seedMs = await page.evaluate((s) => (globalThis as unknown as Win).backupBench.seed(s), size);
  log(`seeded in ${(seedMs / 1000).toFixed(1)} s`);
  const before = await page.evaluate(() => (globalThis as unknown as Win).backupBench.hashes());
  const backup = await page.evaluate(() => (globalThis as unknown as Win).backupBench.backup());
  log(`backup ${(backup.ms / 1000).toFixed(1)} s, ${(backup.bytes / 1e6).toFixed(1)} MB`);
  await page.evaluate(() => (globalThis as unknown as Win).backupBench.wipe());
  const restoreMs = await page.evaluate(() => (globalThis as unknown as Win).backupBench.restore());
  log(`restore ${(restoreMs / 1000).toFixed(1)} s`);
  const after = await page.evaluate(() => (globalThis as unknown as Win).backupBench.hashes());
  const identical = JSON.stringify(before) === JSON.stringify(after) ? 1 : 0;
  if (!identical) log(`stores differ: ${JSON.stringify({ before, after })}`);
  result = { backupS: backup.ms / 1000, restoreS: restoreMs / 1000, backupMb: backup.bytes / 1e6, identical };
  log(`targets: backup ≤ 30 s ${result.backupS <= 30 ? 'met' : 'NOT met'}, restore ≤ 60 s ${result.restoreS <= 60 ? 'met' : 'NOT met'}`);
} finally {
  await browser?.close();
  closeServer();
}
console.log(
  `bench:backup products=${size.products} movements=${size.movements} scans=${size.scans} ` +
    `backup_s=${result.backupS.toFixed(1)} restore_s=${result.restoreS.toFixed(1)} backup_mb=${result.backupMb.toFixed(1)} identical=${result.identical}`,
);
