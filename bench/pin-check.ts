/**
 * bench:pin — one owner PIN check in Chromium (issue 10's target: 100–500 ms on
 * the terminal). The app's own src/domain/pin.ts (bundled with esbuild) runs in a
 * headless Debian Chromium page: one hash with PIN_ITERATIONS, then BENCH_RUNS
 * checks of the right PIN, timed with performance.now(); the median. Then the
 * same under Chromium's CPU throttling (CDP Emulation.setCPUThrottlingRate,
 * BENCH_THROTTLE, default 4: about a Raspberry Pi 4).
 *
 * CDP throttling does not slow WebCrypto's own thread, so the same check with
 * 4× the iterations is timed too (pin_check_4x_work_ms): what a 4× slower CPU takes.
 *
 * Last line: bench:pin iterations=N pin_check_ms=X pin_check_4x_ms=Y pin_check_4x_work_ms=Z
 * Options (env): BENCH_RUNS (default 5), BENCH_THROTTLE (default 4).
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../test/helpers/chromium.mjs';
import { PIN_ITERATIONS } from '../src/domain/pin.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const THROTTLE = Number(process.env.BENCH_THROTTLE ?? 4);

const bundle = await build({
  entryPoints: [fileURLToPath(new URL('../src/domain/pin.ts', import.meta.url))],
  bundle: true,
  format: 'iife',
  globalName: 'pinModule',
  write: false,
  target: 'es2022',
});

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
try {
  const page = await browser.newPage();
  // A page of its own origin (crypto.subtle needs a secure context; 127.0.0.1 is one).
  await page.route('http://127.0.0.1/pin', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>pin</title>' }),
  );
  await page.goto('http://127.0.0.1/pin');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });

  const measure = (runs: number, iterations = PIN_ITERATIONS) =>
    page.evaluate(
      async ({ runs, iterations }) => {
        const pin = (globalThis as unknown as { pinModule: typeof import('../src/domain/pin.ts') }).pinModule;
        const stored = await pin.hashPin('2468', iterations);
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          const start = performance.now();
          if (!(await pin.checkPin('2468', stored))) throw new Error('the right PIN did not check');
          times.push(performance.now() - start);
        }
        return times;
      },
      { runs, iterations },
    );
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };

  const plain = await measure(RUNS);
  console.log(`# plain: ${plain.map((t) => t.toFixed(0)).join(', ')} ms`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  const throttled = await measure(RUNS);
  console.log(`# ${THROTTLE}× throttled: ${throttled.map((t) => t.toFixed(0)).join(', ')} ms`);
  // CDP throttling slows the page's main thread; Chromium runs WebCrypto's
  // PBKDF2 on a thread of its own, which it does not slow. So also: the same
  // check with THROTTLE× the iterations, unthrottled — the work a THROTTLE×
  // slower CPU would take as long for.
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const scaled = await measure(Math.min(RUNS, 3), PIN_ITERATIONS * THROTTLE);
  console.log(`# ${THROTTLE}× the iterations, unthrottled: ${scaled.map((t) => t.toFixed(0)).join(', ')} ms`);
  console.log(
    `bench:pin iterations=${PIN_ITERATIONS} pin_check_ms=${median(plain).toFixed(1)} pin_check_${THROTTLE}x_ms=${median(throttled).toFixed(1)} pin_check_${THROTTLE}x_work_ms=${median(scaled).toFixed(1)}`,
  );
} finally {
  await browser.close();
}
