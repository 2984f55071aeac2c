/**
 * bench:startup — what the counter costs to start.
 *
 * 1. Initial JS: the built app's entry script and everything it loads before
 *    running — its modulepreload links and the static imports of those chunks,
 *    followed through — gzipped (level 9) and summed. Chunks reached only by
 *    dynamic import() (the order and catalog screens) are not in it.
 * 2. Cold start: a fresh Chromium process on an existing profile (the kiosk's
 *    persistent one: database with 500 products, the app's files in its HTTP
 *    cache), from navigation start to the sell screen interactive — its element
 *    upgraded, its open basket resumed and on the glass, and the scan stream
 *    connected. The median of BENCH_RUNS runs, then again with Chromium's CPU
 *    throttling at 4× (CDP Emulation.setCPUThrottlingRate; about a Raspberry Pi 4).
 *
 * Last line: bench:startup js_gzip_kb=X cold_start_ms=Y cold_start_4x_ms=Z
 * Options (env): BENCH_RUNS (default 5), BENCH_THROTTLE (default 4),
 * BENCH_PROFILE=file.cpuprofile: a CPU profile of the first throttled run (open
 * it in Chromium's DevTools), and its costliest functions printed;
 * BENCH_TRACE=file.json: a performance trace of the first throttled run, and the
 * page's main-thread time by kind of work printed (script, parse, style, layout…).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../test/helpers/chromium.mjs';
import { startPtyPair } from '../test/helpers/pty.ts';
import { freePort, startService } from '../test/helpers/service.ts';
import { makeEan13Codes, seedProducts, waitForDatabase } from '../test/helpers/kiosk-page.ts';
import { buildAppIfStale } from '../device/build-app.ts';
import { initialScripts } from './initial-scripts.ts';
import { median } from './page-server.ts';
import { mainThreadTime, startTrace, type CpuProfile, type TraceEvent } from './main-thread.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const THROTTLE = Number(process.env.BENCH_THROTTLE ?? 4);
const PROFILE = process.env.BENCH_PROFILE;
const TRACE = process.env.BENCH_TRACE;

const log = (line: string) => console.log(`# ${line}`);

log('building the app when stale…');
await buildAppIfStale(ROOT, DIST, log);
const scripts = initialScripts(DIST);
const gzipBytes = scripts.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
for (const file of scripts)
  log(`initial: ${file.slice(DIST.length + 1)} ${(gzipSync(readFileSync(file), { level: 9 }).length / 1024).toFixed(1)} KB gzip`);
const jsGzipKb = gzipBytes / 1024;

const dir = mkdtempSync(join(tmpdir(), 'bench-startup-'));
const pty = await startPtyPair(dir);
const service = await startService({ dataDir: join(dir, 'data'), scannerPath: pty.devicePath, port: await freePort(), build: false });
const profile = join(dir, 'profile');

async function launch() {
  return chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 800 },
  });
}

/**
 * Records performance.now() when the sell screen is interactive (see the top of
 * this file). A string, not a function: tsx would wrap named inner functions in
 * a helper the page does not have.
 */
const WATCH_INTERACTIVE = `(() => {
  let settling = false;
  let settled = false;
  const tick = () => {
    const app = document.querySelector('kiosk-app');
    const screen = app && app.shadowRoot ? app.shadowRoot.querySelector('kiosk-sell-screen') : null;
    if (screen && typeof screen.settled === 'function' && !settling) {
      settling = true;
      screen.settled().then(() => { settled = true; });
    }
    if (settled && app.getAttribute('data-connection') === 'open') {
      window.__kioskInteractiveAt = performance.now();
      return;
    }
    setTimeout(tick, 2);
  };
  tick();
})();`;

/** The functions with the most self time in the profile, and the time per script. */
function printCostliest(profile: CpuProfile): void {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const self = new Map<string, number>();
  const perScript = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const frame = byNode.get(id)!;
    const ms = (profile.timeDeltas?.[i] ?? 0) / 1000;
    const script = frame.url.replace(/^.*\//, '') || '(native)';
    const name = `${frame.functionName || '(anonymous)'} ${script}:${frame.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + ms);
    perScript.set(script, (perScript.get(script) ?? 0) + ms);
  });
  const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  for (const [script, ms] of top(perScript, 10)) log(`profile script ${script}: ${ms.toFixed(0)} ms self`);
  for (const [name, ms] of top(self, 25)) log(`profile self ${ms.toFixed(1)} ms ${name}`);
}

/** The page's main thread up to interactive, by kind of work. */
function printMainThread(events: TraceEvent[], interactiveMs: number): void {
  const time = mainThreadTime(events);
  if (!time) return log('trace: no renderer main thread with a layout found');
  log(`trace: main thread busy ${time.busyMs.toFixed(0)} ms in tasks (interactive at ${interactiveMs.toFixed(0)} ms)`);
  for (const [name, ms] of time.byKind.slice(0, 12)) log(`trace: ${ms.toFixed(0)} ms ${name}`);
}

try {
  await service.waitForScanners();
  // The existing profile: the shop's database with its products, the app in the cache.
  {
    const context = await launch();
    await context.addInitScript(() => localStorage.setItem('kiosk.mode', 'sell'));
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(service.url);
    await waitForDatabase(page);
    const codes = makeEan13Codes(500);
    await seedProducts(
      page,
      codes.map((code, i) => ({ code: `0${code}`, name: `商品 ${i + 1}`, priceCents: 1000 + i, stock: 50 })),
    );
    await page.reload();
    await page.waitForSelector('kiosk-app[data-connection="open"]');
    await context.close();
  }

  const measure = async (throttle: number, profile?: string, trace?: string): Promise<number> => {
    const context = await launch();
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript({ content: WATCH_INTERACTIVE });
    const cdp = await context.newCDPSession(page);
    if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const tracing = trace ? await startTrace(cdp) : undefined;
    await page.goto(service.url);
    await page.waitForFunction(() => (window as unknown as { __kioskInteractiveAt?: number }).__kioskInteractiveAt !== undefined, null, {
      timeout: 60_000,
    });
    const at = await page.evaluate(() => (window as unknown as { __kioskInteractiveAt: number }).__kioskInteractiveAt);
    if (profile) {
      const { profile: recorded } = await cdp.send('Profiler.stop');
      writeFileSync(profile, JSON.stringify(recorded));
      printCostliest(recorded);
    }
    if (trace && tracing) {
      const events = await tracing.stop();
      writeFileSync(trace, JSON.stringify({ traceEvents: events }));
      printMainThread(events, at);
    }
    await context.close();
    return at;
  };

  const results: Record<number, number[]> = { 1: [], [THROTTLE]: [] };
  for (const throttle of [1, THROTTLE]) {
    for (let i = 0; i < RUNS; i++) {
      const first = throttle === THROTTLE && i === 0;
      const ms = await measure(throttle, first ? PROFILE : undefined, first ? TRACE : undefined);
      results[throttle]!.push(ms);
      log(`cold start ${throttle}×: ${ms.toFixed(0)} ms`);
    }
  }
  const cold = median(results[1]!);
  const cold4 = median(results[THROTTLE]!);
  log(`targets: initial JS ≤ 100 KB gzip, cold start at 4× ≤ 1500 ms (medians of ${RUNS} runs)`);
  console.log(
    `bench:startup js_gzip_kb=${jsGzipKb.toFixed(1)} cold_start_ms=${cold.toFixed(0)} cold_start_${THROTTLE}x_ms=${cold4.toFixed(0)}`,
  );
} finally {
  await service.stop();
  await pty.close();
  rmSync(dir, { recursive: true, force: true });
}
