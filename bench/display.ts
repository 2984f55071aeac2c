/**
 * bench:display — the customer display's attract loop with 50 new products,
 * each with a picture, at 1920×1080 for 60 s in Debian's Chromium.
 *   npm run bench:display            (BENCH_SECONDS=10 for a shorter run while developing)
 *
 * The page (bench/display-page.ts, bundled here with esbuild and served on
 * loopback) imports 50 generated 2400×1800 JPEGs through the app's own
 * import (shrunk to 1280 px WebP, stored as Blobs), then shows the loop with
 * one product every 60 s / 50, so the whole loop passes in the run.
 *
 * frame_p99_ms: the 99th percentile of requestAnimationFrame intervals.
 * dropped_pct: frames missed, as a share of the frames a 60 Hz screen shows
 *   in the run (an interval of n × 16.7 ms missed n − 1 frames).
 * image_mb: the most decoded picture memory the display held at once: the
 *   pictures it keeps object URLs for (shown and next), width × height × 4
 *   bytes each, as src/display-pictures.ts accounts it (Chromium exposes no
 *   per-image decoded size to a page).
 *
 * Prints last: bench:display products=50 seconds=60 frame_p99_ms=X dropped_pct=Y image_mb=Z
 */
import { log, openBenchPage, percentile, servePage } from './page-server.ts';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../test/helpers/chromium.mjs';
import type { LoopResult } from './display-page.ts';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const FRAME_MS = 1000 / 60;

const { url, close: closeServer } = await servePage(new URL('./display-page.ts', import.meta.url), 'bench:display');

interface Api {
  seed(products: number): Promise<{ ms: number; pictureBytes: number }>;
  runLoop(seconds: number, cycleMs: number): Promise<LoopResult>;
  runControl(seconds: number): Promise<number[]>;
}
type Win = { displayBench: Api };

let browser: Browser | undefined;
let p99 = NaN;
let droppedPct = NaN;
let imageMb = NaN;
try {
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  const { page } = await openBenchPage(browser, url, 'displayBench', { width: 1920, height: 1080 });

  log(`importing ${PRODUCTS} products with 2400×1800 JPEG pictures …`);
  const seeded = await page.evaluate((n) => (globalThis as unknown as Win).displayBench.seed(n), PRODUCTS);
  log(`imported in ${(seeded.ms / 1000).toFixed(1)} s; stored pictures ${(seeded.pictureBytes / 1024 / 1024).toFixed(1)} MB in all`);

  // The machine is shared: the same rAF loop on an empty page shows what other load alone drops.
  const controlSeconds = Math.min(10, SECONDS);
  const control = await page.evaluate((s) => (globalThis as unknown as Win).displayBench.runControl(s), controlSeconds);
  const controlMissed = control.reduce((sum, ms) => sum + Math.max(0, Math.round(ms / FRAME_MS) - 1), 0);
  log(
    `control (empty page, ${controlSeconds} s): frame p99 ${percentile(control, 99).toFixed(1)} ms, ` +
      `dropped ${((100 * controlMissed) / Math.round((controlSeconds * 1000) / FRAME_MS)).toFixed(2)} % — the machine's load, not the display`,
  );

  const cycleMs = Math.max(200, Math.floor((SECONDS * 1000) / PRODUCTS));
  log(`attract loop at 1920×1080 for ${SECONDS} s, one product every ${cycleMs} ms …`);
  const run = await page.evaluate(([s, c]) => (globalThis as unknown as Win).displayBench.runLoop(s, c), [SECONDS, cycleMs] as const);
  p99 = percentile(run.intervals, 99);
  const missed = run.intervals.reduce((sum, ms) => sum + Math.max(0, Math.round(ms / FRAME_MS) - 1), 0);
  const expected = Math.round((SECONDS * 1000) / FRAME_MS);
  droppedPct = (100 * missed) / expected;
  imageMb = run.peakDecodedBytes / 1024 / 1024;
  log(
    `${run.frames} frames, ${missed} missed of ${expected}; median ${percentile(run.intervals, 50).toFixed(1)} ms, ` +
      `max ${Math.max(...run.intervals).toFixed(1)} ms; ${run.shown} products shown; pictures held at the end: ${run.heldAtEnd}; ` +
      `long tasks (> 50 ms) on the page: ${run.longTasks}, ${run.longTaskMs.toFixed(0)} ms in all`,
  );
  log(
    `targets: frame p99 ≤ 20 ms ${p99 <= 20 ? 'met' : 'NOT met'}, dropped ≤ 1% ${droppedPct <= 1 ? 'met' : 'NOT met'}, ` +
      `image ≤ 64 MB ${imageMb <= 64 ? 'met' : 'NOT met'}`,
  );
} finally {
  await browser?.close();
  closeServer();
}
console.log(
  `bench:display products=${PRODUCTS} seconds=${SECONDS} frame_p99_ms=${p99.toFixed(1)} dropped_pct=${droppedPct.toFixed(2)} image_mb=${imageMb.toFixed(1)}`,
);
