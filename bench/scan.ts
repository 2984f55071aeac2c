/**
 * bench:scan — a burst of scans at 9600 baud through a real pty into the running
 * kiosk app in Debian's Chromium, with 100,000 earlier scans already stored
 * (seeded by one Chromium, measured in another started afterwards on the same
 * profile: a terminal restarted on a full database).
 * Measures, per scan, the time from the end of its line on the wire to its
 * product shown on screen, and to its IndexedDB commit.
 *
 * Last line: bench:scan scans=N lost=L duplicated=D p50_ms=X p99_ms=Y commit_p99_ms=Z
 * (with mode=M throttle=T before scans= when not the defaults).
 * Options (env):
 *  - BENCH_MODE: the counter mode the burst goes to: lookup (default), sell or
 *    receive (each scan a new line of one basket or delivery: the burst is
 *    one customer's basket), or any other mode of the mode bar.
 *  - BENCH_SCANS: scans in the burst, each a different product; default 1000
 *    in look-up, 150 in sell and receive (a basket holds at most 200 lines).
 *  - BENCH_STORED (default 100000): earlier scans already in IndexedDB.
 *  - BENCH_PROFILE: write the page's CPU profile of the burst to this file.
 *  - BENCH_TRACE: write a Chromium performance trace of the burst to this file
 *    (style, layout, paint and script per task; open in DevTools, Performance).
 *  - BENCH_SERIES: write each scan's latencies (shown, committed), in the
 *    order they left the wire, to this file.
 *  - BENCH_WORKER_PROFILE: profile the scan-stream worker into this file and
 *    print its busy time (Chromium does not throttle workers, so it runs at
 *    this machine's speed whatever BENCH_CPU_THROTTLE says).
 *  - BENCH_WARM_SALE=1 (sell): a sale of three scans made and closed before
 *    the burst, so the burst is the page's second sale, not its first.
 *  - BENCH_WORKER_THROTTLE (default: BENCH_CPU_THROTTLE): the page's Web
 *    Workers slowed by this rate through a Linux cgroup (bench/worker-throttle.ts;
 *    Chromium's throttle does not reach workers); 1 leaves them at full speed.
 *  - BENCH_CPU_THROTTLE (default 1): Chromium's CPU throttling rate on the
 *    page (Emulation.setCPUThrottlingRate); 4 is about a Raspberry Pi 4.
 */
import { DB_NAME, readSessions, seedProducts, waitForDatabase } from '../test/helpers/kiosk-page.ts';
import { writeLine } from '../test/helpers/pty.ts';
import { throttleWorkersFromEnv, type WorkerThrottle } from './worker-throttle.ts';
import {
  burstOptionsFromEnv,
  countScansIn,
  latencyFields,
  log,
  logDetails,
  makeEan13Codes,
  readFigures,
  seedEarlierScans,
  sendBurst,
  startCapture,
  startScanRig,
} from './scan-burst.ts';

const MODE = process.env.BENCH_MODE ?? 'lookup';
const BASKET_MODES = new Set(['sell', 'receive']);
const options = burstOptionsFromEnv(BASKET_MODES.has(MODE) ? 150 : 1000);
const SCANS = options.scans;
/** Sell only: one sale of three scans is made and closed before the burst, so the burst is not the page's first sale. */
const WARM_SALE = process.env.BENCH_WARM_SALE === '1' && MODE === 'sell';

const rig = await startScanRig();
let workerThrottle: WorkerThrottle | undefined;
try {
  await rig.service.waitForScanners();
  const codes = makeEan13Codes(SCANS);
  const warmCodes = WARM_SALE ? makeEan13Codes(3, 500_000) : [];
  let storedBefore: number;
  {
    const seeding = await rig.launch(MODE);
    await seeding.page.goto(rig.service.url);
    await waitForDatabase(seeding.page);
    log(`seeding ${SCANS} products and ${options.stored} earlier scans…`);
    await seedProducts(
      seeding.page,
      [...codes, ...warmCodes].map((code, i) => ({ code: `0${code}`, name: `基准商品 ${i + 1}`, priceCents: 1500 + i, stock: 100 })),
    );
    await seedEarlierScans(seeding.page, DB_NAME, options.stored);
    storedBefore = await countScansIn(seeding.page, DB_NAME);
    await seeding.context.close();
  }
  log(`${storedBefore} scans stored; starting Chromium again on the profile, as a terminal restarts on a full database`);
  const kiosk = await rig.launch();
  await kiosk.page.goto(rig.service.url);
  await kiosk.page.waitForFunction(() => '__kioskScanTimings' in globalThis, null, { timeout: 30_000 });
  if (WARM_SALE) {
    // A person's pace: past the service's double-read window.
    for (const code of warmCodes) {
      await writeLine(rig.pty.simPath, code);
      await new Promise((r) => setTimeout(r, 400));
    }
    await kiosk.page.locator('kiosk-sell-screen button[name="close"]').click();
    await kiosk.page.locator('kiosk-sell-screen [data-state="closed"]').waitFor({ timeout: 30_000 });
    storedBefore = await countScansIn(kiosk.page, DB_NAME);
    log(`a first sale of ${warmCodes.length} scans made and closed before the burst (BENCH_WARM_SALE)`);
  }
  const cdp = await kiosk.context.newCDPSession(kiosk.page);
  const capture = await startCapture(cdp, options);
  // The page's throttle does not reach its workers (Chromium refuses it): the scan stream's worker is slowed the same.
  workerThrottle = throttleWorkersFromEnv(rig.profileDir, options.throttle, log);
  const wireEnd = await sendBurst(rig, kiosk.page, DB_NAME, codes, storedBefore);
  const cpu = await capture.stop();
  const figures = await readFigures(kiosk.page, DB_NAME, wireEnd);
  logDetails(figures, cpu);
  if (BASKET_MODES.has(MODE)) {
    const lines = (await readSessions(kiosk.page)).filter((s) => s.status === 'open' && s.basket).map((s) => s.basket!.lines.length);
    log(`open baskets: ${lines.length}, lines: ${lines.join(', ')} (expected one basket of ${SCANS})`);
  }
  const shownOptions = `${MODE !== 'lookup' ? `mode=${MODE} ` : ''}${options.throttle !== 1 ? `throttle=${options.throttle} ` : ''}`;
  console.log(`bench:scan ${shownOptions}scans=${SCANS} lost=${figures.lost} duplicated=${figures.duplicated} ${latencyFields(figures)}`);
} finally {
  await rig.close();
  workerThrottle?.release();
}
