/** bench:reorder's Chromium half: the chart as a PNG, and suggestOrders timed in the page, as is and with the CPU throttled 4×. */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { median } from './stats.ts';
import type { TimingResult } from './timing-page.ts';

export async function screenshotChart(browser: Browser, svg: string, path: string): Promise<void> {
  const chartPage = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  await chartPage.setContent(`<!doctype html><html><body style="margin:0;background:#fff">${svg}</body></html>`);
  await chartPage.locator('svg').screenshot({ path });
  await chartPage.close();
}

export interface TimingOptions {
  products: number;
  days: number;
  runs: number;
  log: (line: string) => void;
}

/** Median ms of suggestOrders on `products` × `days` of history, as is and at 4× CPU throttling. */
export async function timeSuggestOrders(browser: Browser, options: TimingOptions): Promise<{ computeMs: number; compute4xMs: number }> {
  const { products, days, runs, log } = options;
  const timeIn = (page: Page, n: number): Promise<TimingResult> =>
    page.evaluate(([p, d, r]) => globalThis.reorderTiming.run(7, p, d, r), [products, days, n] as const);
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./timing-page.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
  });
  const page = await browser.newPage();
  page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
  await page.setContent('<!doctype html><html><body>reorder timing</body></html>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  log(`timing suggestOrders in Chromium: ${products} products × ${days} days of history, ${runs} runs…`);
  const timing = await timeIn(page, runs);
  const computeMs = median(timing.runsMs);
  log(
    `timing: ${timing.historyRows} history rows, ${timing.suggestions} suggestions (${timing.orderedProducts} to order); ` +
      `runs ms ${timing.runsMs.map((v) => v.toFixed(1)).join(' ')}; median ${computeMs.toFixed(1)}`,
  );
  // About a Raspberry Pi 4: the same page with the CPU throttled 4× through the DevTools protocol.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const slow = await timeIn(page, Math.max(3, Math.ceil(runs / 2)));
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const compute4xMs = median(slow.runsMs);
  log(`timing at 4× CPU throttling: runs ms ${slow.runsMs.map((v) => v.toFixed(1)).join(' ')}; median ${compute4xMs.toFixed(1)}`);
  log(
    `target compute ≤ 100 ms: ${computeMs <= 100 ? 'met' : 'NOT met'}; compute at 4× ≤ 400 ms: ${compute4xMs <= 400 ? 'met' : 'NOT met'}`,
  );
  return { computeMs, compute4xMs };
}
