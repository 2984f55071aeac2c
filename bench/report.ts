/**
 * bench:report — opening the business report for the last 30 days on a shop
 * with two years of history (1,000,000 movements, 500 products, 730 days), in
 * Debian's Chromium, plain and under CPU throttling (CDP
 * Emulation.setCPUThrottlingRate, 4×: about a Raspberry Pi 4).
 *   npm run bench:report [-- --movements N --products N --days N --runs N]
 *
 * The page (bench/report-page.ts, bundled here with esbuild and served on
 * loopback) seeds the ledger and its rollups (see there how), then times from
 * creating <kiosk-report-screen> to its figures and charts painted; the median
 * of `runs` openings at each rate.
 *
 * pin_check_ms: one owner PIN check (PBKDF2-SHA-256 through WebCrypto, the app's
 * iteration count), measured by bench/pin-check.ts (npm run bench:pin); NA if
 * that could not run.
 *
 * Prints last: bench:report movements=… products=… days=… report_open_ms=X report_open_4x_ms=Y pin_check_ms=Z
 */
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { ledgerBenchOptions, log, medianAtRate, openBenchPage, servePage } from './page-server.ts';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../test/helpers/chromium.mjs';

const { size, runs: RUNS, throttle: THROTTLE } = ledgerBenchOptions(730);

const { url, close: closeServer } = await servePage(new URL('./report-page.ts', import.meta.url), 'bench:report');

interface Api {
  seed(size: unknown): Promise<{ ms: number; dailyTotals: number; hourlyTotals: number }>;
  openReport(): Promise<number>;
  loadOnly(): Promise<number>;
  movementCount(): Promise<number>;
}
type Win = { reportBench: Api };

let browser: Browser | undefined;
let plain = NaN;
let throttled = NaN;
let pinCheck = 'NA';
let movements = NaN;
try {
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  const { context, page } = await openBenchPage(browser, url, 'reportBench', { width: 1280, height: 800 }, (page) =>
    page.on('console', (m) => {
      if (m.text().startsWith('TIMING')) log(m.text());
    }),
  );

  log(`seeding ${size.products} products, ${size.movements} movements over ${size.days} days …`);
  const seeded = await page.evaluate((s) => (globalThis as unknown as Win).reportBench.seed(s), size);
  movements = await page.evaluate(() => (globalThis as unknown as Win).reportBench.movementCount());
  log(
    `seeded in ${(seeded.ms / 1000).toFixed(1)} s: ${movements} movements, ${seeded.dailyTotals} daily totals, ${seeded.hourlyTotals} hourly totals`,
  );

  const cdp = await context.newCDPSession(page);
  const openReport = () => page.evaluate(() => (globalThis as unknown as Win).reportBench.openReport());
  const measure = (rate: number) =>
    medianAtRate(cdp, rate, RUNS, openReport, async (ms) => {
      const load = await page.evaluate(() => (globalThis as unknown as Win).reportBench.loadOnly());
      log(`report open ${rate}×: ${ms.toFixed(0)} ms (of which reading and computing the figures alone: ${load.toFixed(0)} ms)`);
    });
  plain = await measure(1);
  throttled = await measure(THROTTLE);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  log(
    `targets: report ≤ 300 ms ${plain <= 300 ? 'met' : 'NOT met'}, ≤ 1000 ms at ${THROTTLE}× ${throttled <= 1000 ? 'met' : 'NOT met'} (medians of ${RUNS})`,
  );
  pinCheck = pinCheckMs();
  log(`pin_check_ms: one owner PIN check in Chromium with the app's iteration count (npm run bench:pin): ${pinCheck}`);
} finally {
  await browser?.close();
  closeServer();
}
console.log(
  `bench:report movements=${movements} products=${size.products} days=${size.days} ` +
    `report_open_ms=${plain.toFixed(0)} report_open_${THROTTLE}x_ms=${throttled.toFixed(0)} pin_check_ms=${pinCheck}`,
);

/** The median PIN check of `npm run bench:pin` (its own Chromium), or NA if it could not run. */
function pinCheckMs(): string {
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./pin-check.ts', import.meta.url))], {
      encoding: 'utf8',
      env: { ...process.env, BENCH_RUNS: '5' },
    });
    return /pin_check_ms=([\d.]+)/.exec(out)?.[1] ?? 'NA';
  } catch (error) {
    log(`bench:pin failed: ${(error as Error).message.split('\n')[0]}`);
    return 'NA';
  }
}
