/**
 * bench:visit — opening the rep's visit (the review since the last visit and
 * the quarterly evaluation) on a shop with three years of history (1,000,000
 * movements, 500 products, 1,095 days), in Debian's Chromium, plain and under
 * 4× CPU throttling (CDP Emulation.setCPUThrottlingRate, about a Raspberry Pi
 * 4), and the size of the last full quarter's signed bundle file (.fleet.json.gz,
 * as written to the stick).
 *   npm run bench:visit [-- --movements N --products N --days N --runs N]
 *
 * Same harness as bench:report (bench/report.ts): the page (bench/visit-page.ts,
 * bundled with esbuild, served on loopback) seeds with bench:report's seeding
 * and times there; medians of `runs` openings at each rate.
 *
 * Prints last: bench:visit products=… days=… movements=… visit_open_ms=X visit_open_4x_ms=Y bundle_kb=Z
 */
import { ledgerBenchOptions, log, medianAtRate, openBenchPage, servePage } from './page-server.ts';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../test/helpers/chromium.mjs';

const { size, runs: RUNS, throttle: THROTTLE } = ledgerBenchOptions(1095);

const { url, close: closeServer } = await servePage(new URL('./visit-page.ts', import.meta.url), 'bench:visit');

interface Api {
  seed(size: unknown): Promise<{ ms: number }>;
  openVisit(): Promise<number>;
  bundleSize(): Promise<{ textBytes: number; fileBytes: number; rows: number }>;
  movementCount(): Promise<number>;
}
type Win = { visitBench: Api };

let browser: Browser | undefined;
let plain = NaN;
let throttled = NaN;
let bundleKb = NaN;
let movements = NaN;
try {
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  const { context, page } = await openBenchPage(browser, url, 'visitBench', { width: 800, height: 480 });

  log(`seeding ${size.products} products, ${size.movements} movements over ${size.days} days …`);
  const seeded = await page.evaluate((s) => (globalThis as unknown as Win).visitBench.seed(s), size);
  movements = await page.evaluate(() => (globalThis as unknown as Win).visitBench.movementCount());
  log(`seeded in ${(seeded.ms / 1000).toFixed(1)} s: ${movements} movements`);

  const cdp = await context.newCDPSession(page);
  const openVisit = () => page.evaluate(() => (globalThis as unknown as Win).visitBench.openVisit());
  const measure = (rate: number) => medianAtRate(cdp, rate, RUNS, openVisit, (ms) => log(`visit open ${rate}×: ${ms.toFixed(0)} ms`));
  plain = await measure(1);
  throttled = await measure(THROTTLE);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const size2 = await page.evaluate(() => (globalThis as unknown as Win).visitBench.bundleSize());
  bundleKb = size2.fileBytes / 1024;
  log(
    `bundle of the last full quarter: ${size2.rows} daily rows, file (gzip'd) ${bundleKb.toFixed(0)} KB, its JSON ${(size2.textBytes / 1024).toFixed(0)} KB`,
  );
  log(
    `targets: visit ≤ 500 ms ${plain <= 500 ? 'met' : 'NOT met'}, ≤ 1500 ms at ${THROTTLE}× ${throttled <= 1500 ? 'met' : 'NOT met'}, ` +
      `bundle ≤ 512 KB ${bundleKb <= 512 ? 'met' : 'NOT met'} (medians of ${RUNS})`,
  );
} finally {
  await browser?.close();
  closeServer();
}
console.log(
  `bench:visit products=${size.products} days=${size.days} movements=${movements} ` +
    `visit_open_ms=${plain.toFixed(0)} visit_open_${THROTTLE}x_ms=${throttled.toFixed(0)} bundle_kb=${bundleKb.toFixed(0)}`,
);
