/**
 * What the in-browser benches share: their page (a TypeScript module bundled
 * with esbuild) served on loopback — IndexedDB needs a real origin, as the
 * kiosk has — opened in Chromium, a time-stamped log line, and the median
 * and percentiles of runs.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { benchArgs } from './args.ts';

/** `entry` and what it imports as one browser script (ES module). */
export async function bundlePage(entry: URL): Promise<string> {
  const bundle = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
    tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
  });
  return bundle.outputFiles[0]!.text;
}

/** A blank page whose only script is `src`. */
export function benchPageHtml(title: string, src: string): string {
  return `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="margin:0"><script type="module" src="${src}"></script></body>`;
}

/** Bundle `entry` and serve it as the only script of a blank page; `url` is that page. */
export async function servePage(entry: URL, title: string): Promise<{ url: string; close: () => void }> {
  const script = await bundlePage(entry);
  const server = createServer((req, res) => {
    if (req.url === '/bench.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(benchPageHtml(title, '/bench.js'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

/** A progress line on stdout ("# HH:MM:SS …"): the figure line stays the last one. */
export function log(line: string): void {
  console.log(`# ${new Date().toISOString().slice(11, 19)} ${line}`);
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The nearest-rank `p`th percentile (NaN of no values). */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/**
 * A new page of `browser` at `viewport` on the bench page `url`, once the page
 * has set `globalThis[api]`. Page errors are printed; Playwright's time limits
 * are off, as a seeding on a loaded machine takes as long as it takes.
 * `listen` adds listeners before the page loads.
 */
export async function openBenchPage(
  browser: Browser,
  url: string,
  api: string,
  viewport: { width: number; height: number },
  listen?: (page: Page) => void,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  listen?.(page);
  page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
  page.setDefaultTimeout(0);
  await page.goto(url);
  await page.waitForFunction((name) => name in globalThis, api);
  return { context, page };
}

/**
 * The median of `runs` timings of `once` with the CPU throttled `rate` times,
 * after one run that does not count (the code compiled, as after the first
 * opening of the day); `each` reports a run.
 */
export async function medianAtRate(
  cdp: CDPSession,
  rate: number,
  runs: number,
  once: () => Promise<number>,
  each: (ms: number) => Promise<void> | void,
): Promise<number> {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await once();
  const timings: number[] = [];
  for (let i = 0; i < runs; i++) {
    const ms = await once();
    timings.push(ms);
    await each(ms);
  }
  return median(timings);
}

/**
 * The options of the benches that seed a ledger (bench:report, bench:visit):
 *   --products N --movements N --days N --runs N --throttle N
 */
export function ledgerBenchOptions(defaultDays: number): {
  size: { products: number; movements: number; days: number };
  runs: number;
  throttle: number;
} {
  const { products, movements, days, runs, throttle } = benchArgs({
    products: 500,
    movements: 1_000_000,
    days: defaultDays,
    runs: 5,
    throttle: 4,
  });
  return { size: { products, movements, days }, runs, throttle };
}
