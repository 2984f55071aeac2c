/**
 * bench:counter — the counter's data layer in Debian's Chromium with real
 * IndexedDB holding 200,000 movements over 500 products. Measures the time to
 * record one sale (first scan looked up → basket → sale committed, strict
 * durability) and to open a product's history (latest 200, and in full).
 *
 * Last line: bench:counter movements=N sale_commit_p99_ms=X history_open_ms=Y
 * (history_open_ms: the slowest of the history opens of the latest 200).
 * Options (env): BENCH_MOVEMENTS (default 200000), BENCH_PRODUCTS (500), BENCH_SALES (200).
 */
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../test/helpers/chromium.mjs';
import { freePort } from '../test/helpers/service.ts';
import { percentile } from './page-server.ts';

const MOVEMENTS = Number(process.env.BENCH_MOVEMENTS ?? 200_000);
const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 500);
const SALES = Number(process.env.BENCH_SALES ?? 200);

interface CounterBench {
  seed(products: number, movements: number): Promise<{ products: number; movements: number; codes: string[] }>;
  sales(count: number): Promise<number[]>;
  history(codes: string[], limit: number | undefined): Promise<{ ms: number[]; rows: number[] }>;
  ledger(): Promise<number>;
  breakdown(): [number, number, number][];
}
declare global {
  var counterBench: CounterBench;
}

const log = (line: string) => console.log(`# ${line}`);

const root = fileURLToPath(new URL('..', import.meta.url));
const port = await freePort();
const server = await createServer({
  root,
  configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
  logLevel: 'warn',
  server: { host: '127.0.0.1', port, strictPort: true, hmr: false },
});
await server.listen();
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
try {
  const page = await browser.newPage();
  page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
  await page.goto(`http://127.0.0.1:${port}/bench/counter.html`);
  await page.waitForFunction(() => 'counterBench' in globalThis, null, { timeout: 60_000 });

  log(`seeding ${MOVEMENTS} movements over ${PRODUCTS} products…`);
  const t0 = Date.now();
  const seeded = await page.evaluate(([p, m]) => globalThis.counterBench.seed(p, m), [PRODUCTS, MOVEMENTS] as const);
  log(`seeded ${seeded.movements} movements in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  log(`recording ${SALES} sales…`);
  const sales = await page.evaluate((n) => globalThis.counterBench.sales(n), SALES);
  log(
    `sale commit ms: p50=${percentile(sales, 50).toFixed(1)} p90=${percentile(sales, 90).toFixed(1)} p99=${percentile(sales, 99).toFixed(1)} max=${Math.max(...sales).toFixed(1)}`,
  );

  const parts = await page.evaluate(() => globalThis.counterBench.breakdown());
  const part = (i: 0 | 1 | 2) => parts.map((p) => p[i]);
  log(
    `of which: open basket p50=${percentile(part(0), 50).toFixed(1)} p99=${percentile(part(0), 99).toFixed(1)}; ` +
      `scans p50=${percentile(part(1), 50).toFixed(1)} p99=${percentile(part(1), 99).toFixed(1)}; ` +
      `close (strict commit) p50=${percentile(part(2), 50).toFixed(1)} p99=${percentile(part(2), 99).toFixed(1)}`,
  );

  const sample = seeded.codes.filter((_, i) => i % 25 === 0);
  const limited = await page.evaluate((codes) => globalThis.counterBench.history(codes, 200), sample);
  const full = await page.evaluate((codes) => globalThis.counterBench.history(codes, undefined), sample);
  log(
    `history (latest 200) ms over ${sample.length} products: p50=${percentile(limited.ms, 50).toFixed(1)} max=${Math.max(...limited.ms).toFixed(1)}`,
  );
  log(
    `history (full, ${Math.min(...full.rows)}–${Math.max(...full.rows)} movements) ms: p50=${percentile(full.ms, 50).toFixed(1)} max=${Math.max(...full.ms).toFixed(1)}`,
  );

  const mismatches = await page.evaluate(() => globalThis.counterBench.ledger());
  log(`ledger check after the sales: ${mismatches} products out of step`);
  if (mismatches !== 0) process.exitCode = 1;

  console.log(
    `bench:counter movements=${seeded.movements} sale_commit_p99_ms=${percentile(sales, 99).toFixed(1)} history_open_ms=${Math.max(...limited.ms).toFixed(1)}`,
  );
} finally {
  await browser.close();
  await server.close();
}
