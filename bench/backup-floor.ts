/**
 * bench:backup-floor — what Chromium's IndexedDB can write at all on this
 * machine, measured with nothing of the kiosk's code: N small records
 * (two thirds movement-shaped, one third scan-shaped) put with and without
 * indexes, per 20,000 or all in one transaction, relaxed or default
 * durability, two stores in parallel, and the same rows batched into blocks.
 *   npm run bench:backup-floor [-- --records N]   (default 1,500,000: bench:backup's size)
 * Prints one line per way: bench:backup-floor way="…" records=N s=X us_per_record=Y
 */
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { log, servePage } from './page-server.ts';
import { CHROMIUM_ARGS, findChromium } from '../test/helpers/chromium.mjs';

const { values } = parseArgs({ options: { records: { type: 'string' }, only: { type: 'string' } } });
const n = Number(values.records ?? 1_500_000);
const only = values.only === undefined ? undefined : new Set(values.only.split(',').map(Number));

const { url, close } = await servePage(new URL('./backup-floor-page.ts', import.meta.url), 'bench:backup-floor');
type Win = { floorBench: { names(): string[]; run(i: number, n: number): Promise<number> } };
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(0);
  await page.goto(url);
  await page.waitForFunction(() => 'floorBench' in globalThis);
  const names = await page.evaluate(() => (globalThis as unknown as Win).floorBench.names());
  for (const [i, name] of names.entries()) {
    if (only && !only.has(i)) continue;
    const load = loadavg()[0]!.toFixed(2);
    const ms = await page.evaluate(([i, n]) => (globalThis as unknown as Win).floorBench.run(i, n), [i, n] as const);
    log(`load ${load} before`);
    console.log(
      `bench:backup-floor way="${name}" records=${n} s=${(ms / 1000).toFixed(1)} us_per_record=${((ms * 1000) / n).toFixed(1)} load=${load}`,
    );
  }
} finally {
  await browser.close();
  close();
}
