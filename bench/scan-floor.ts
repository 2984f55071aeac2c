/**
 * bench:scan-floor — bench:scan's burst along the same real path (a pty at 9600
 * baud → the terminal service → its WebSocket → Chromium, same throttle, same
 * 100,000 earlier scans stored) into the smallest page that does a scan's work
 * (bench/scan-floor-page.ts): what Chromium on this machine can do at all. A
 * floor over the targets proves them out of reach here; far under, the gap is
 * the app's.
 *
 * Last line: bench:scan-floor throttle=T [rows=R] scans=N p50_ms=X p99_ms=Y commit_p99_ms=Z
 * Options (env): bench:scan's BENCH_SCANS (1000), BENCH_STORED, BENCH_CPU_THROTTLE
 * (default 4 here), BENCH_PROFILE, BENCH_TRACE (seeded and measured as bench:scan is); BENCH_FLOOR_ROWS (default 0): a
 * list of that many rows under the text, one added and one dropped per scan
 * (a frame's cost with about the counter's DOM); BENCH_FLOOR_STORE=worker: the
 * socket, stores and acks in a Web Worker, as the app's scan stream runs (the
 * worker slowed as bench:scan slows the app's: BENCH_WORKER_THROTTLE).
 */
import type { Page } from 'playwright-core';
import { bundlePage } from './page-server.ts';
import * as burst from './scan-burst.ts';
import { throttleWorkersFromEnv, type WorkerThrottle } from './worker-throttle.ts';

process.env.BENCH_CPU_THROTTLE ??= '4';
const options = burst.burstOptionsFromEnv(1000);
const ROWS = Number(process.env.BENCH_FLOOR_ROWS ?? 0);
const IN_WORKER = process.env.BENCH_FLOOR_STORE === 'worker';
const DB = 'scan-floor';
let workerThrottle: WorkerThrottle | undefined;

const script = await bundlePage(new URL('./scan-floor-page.ts', import.meta.url));
const workerScript = IN_WORKER ? await bundlePage(new URL('./scan-floor-worker.ts', import.meta.url)) : '';
const rig = await burst.startScanRig();
try {
  // A document of the service's own origin and loopback address (its socket takes
  // no other page; any other path would start the app), then the floor in it.
  const open = async (page: Page) => {
    page.on('console', (m) => m.type() === 'error' && burst.log(`page: ${m.text()}`));
    await page.goto(new URL(`/healthz?db=${DB}&rows=${ROWS}${IN_WORKER ? '&store=worker' : ''}`, rig.service.url).href);
    await page.setContent('<!doctype html><meta charset="utf-8"><title>bench:scan-floor</title><body style="margin:0"></body>');
    if (IN_WORKER) await page.evaluate((code) => (globalThis.scanFloorWorker = code), workerScript);
    await page.addScriptTag({ content: script, type: 'module' });
    await page.waitForFunction(() => globalThis.scanFloor?.subscribed === true, null, { timeout: 30_000 });
  };
  await rig.service.waitForScanners();
  const codes = burst.makeEan13Codes(options.scans);
  let storedBefore: number;
  {
    const seeding = await rig.launch();
    await open(seeding.page);
    burst.log(`seeding ${options.stored} earlier scans…`);
    await burst.seedEarlierScans(seeding.page, DB, options.stored);
    storedBefore = await burst.countScansIn(seeding.page, DB);
    await seeding.context.close();
  }
  burst.log(`${storedBefore} scans stored; starting Chromium again on the profile so the page starts on a full database`);
  const { context, page } = await rig.launch();
  await open(page);
  const cdp = await context.newCDPSession(page);
  const capture = await burst.startCapture(cdp, options);
  if (IN_WORKER) workerThrottle = throttleWorkersFromEnv(rig.profileDir, options.throttle, burst.log);
  const wireEnd = await burst.sendBurst(rig, page, DB, codes, storedBefore);
  const cpu = await capture.stop();
  const figures = await burst.readFigures(page, DB, wireEnd);
  burst.logDetails(figures, cpu);
  burst.log(`lost=${figures.lost} duplicated=${figures.duplicated}`);
  console.log(
    `bench:scan-floor throttle=${options.throttle} ${ROWS > 0 ? `rows=${ROWS} ` : ''}${IN_WORKER ? 'store=worker ' : ''}scans=${options.scans} ${burst.latencyFields(figures)}`,
  );
} finally {
  await rig.close();
  workerThrottle?.release();
}
