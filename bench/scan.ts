/**
 * bench:scan — a burst of scans at 9600 baud through a real pty into the running
 * kiosk app in Debian's Chromium, with 100,000 earlier scans already stored.
 * Measures, per scan, the time from the end of its line on the wire to its
 * product shown on screen, and to its IndexedDB commit.
 *
 * Last line: bench:scan scans=N lost=L duplicated=D p50_ms=X p99_ms=Y commit_p99_ms=Z renderer_cpu_ms=C
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
 *  - The renderer's CPU time over the burst (SystemInfo.getProcessInfo) is
 *    printed too (renderer_cpu_ms): unlike the latencies it hardly changes with
 *    the machine's load, so it is the figure to compare A/B on a busy machine.
 *  - BENCH_CPU_THROTTLE (default 1): Chromium's CPU throttling rate on the
 *    page (Emulation.setCPUThrottlingRate); 4 is about a Raspberry Pi 4.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSimEnd, startPtyPair, writeLine } from '../test/helpers/pty.ts';
import { freePort, startService } from '../test/helpers/service.ts';
import { DB_NAME, countStoredScans, eventually, makeEan13Codes, openKioskPage, seedProducts } from '../test/helpers/kiosk-page.ts';

const MODE = process.env.BENCH_MODE ?? 'lookup';
const BASKET_MODES = new Set(['sell', 'receive']);
const SCANS = Number(process.env.BENCH_SCANS ?? (BASKET_MODES.has(MODE) ? 150 : 1000));
const STORED = Number(process.env.BENCH_STORED ?? 100_000);
const THROTTLE = Number(process.env.BENCH_CPU_THROTTLE ?? 1);
/** A file to write the page's CPU profile of the burst to (.cpuprofile). */
const PROFILE = process.env.BENCH_PROFILE;
/** A file to write the burst's performance trace to (.json, Chromium's trace event format). */
const TRACE = process.env.BENCH_TRACE;
if (!(THROTTLE >= 1)) throw new Error(`BENCH_CPU_THROTTLE must be a number ≥ 1, not ${process.env.BENCH_CPU_THROTTLE}`);

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const log = (line: string) => console.log(`# ${line}`);

const dir = mkdtempSync(join(tmpdir(), 'bench-scan-'));
const pty = await startPtyPair(dir);
const service = await startService({ dataDir: join(dir, 'data'), scannerPath: pty.devicePath, port: await freePort() });
const kiosk = await openKioskPage(service.url, MODE);
try {
  await service.waitForScanners();
  const codes = makeEan13Codes(SCANS);
  log(`seeding ${SCANS} products and ${STORED} earlier scans…`);
  await seedProducts(
    kiosk.page,
    codes.map((code, i) => ({ code: `0${code}`, name: `基准商品 ${i + 1}`, priceCents: 1500 + i, stock: 100 })),
  );
  await kiosk.page.evaluate(
    async ({ name, count }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const batch = 10_000;
      for (let start = 0; start < count; start += batch) {
        const tx = db.transaction('scans', 'readwrite');
        const store = tx.objectStore('scans');
        for (let i = start; i < Math.min(count, start + batch); i++) {
          store.put({
            id: `old-${i}`,
            boot: 0,
            seq: i + 1,
            scannerId: 'counter',
            code: `0690000${String(i).padStart(7, '0')}`,
            text: String(i),
            symbology: 'ean13',
            verified: true,
            receivedAt: 1_700_000_000_000 + i * 1000,
            storedAt: 1_700_000_000_000 + i * 1000,
          });
        }
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      }
      db.close();
    },
    { name: DB_NAME, count: STORED },
  );
  const storedBefore = await countStoredScans(kiosk.page);
  log(`${storedBefore} scans stored; reloading the page so the app starts on a full database`);
  await kiosk.page.reload();
  await kiosk.page.waitForFunction(() => '__kioskScanTimings' in globalThis, null, { timeout: 30_000 });
  const cdp = await kiosk.page.context().newCDPSession(kiosk.page);
  if (THROTTLE > 1) {
    // After the seeding and the reload: only the app at work is slowed, as on a Pi.
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    log(`CPU throttled ${THROTTLE}×`);
  }
  if (PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const traceEvents: unknown[] = [];
  const traceDone = new Promise<void>((resolve) => cdp.on('Tracing.tracingComplete', () => resolve()));
  cdp.on('Tracing.dataCollected', ({ value }) => traceEvents.push(...value));
  if (TRACE) {
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: {
        includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8.execute'],
      },
    });
  }
  // Let the app settle (socket open, first render) before the burst.
  await new Promise((r) => setTimeout(r, 1000));
  const browserCdp = await kiosk.page.context().browser()!.newBrowserCDPSession();
  const rendererCpuSeconds = async () => {
    const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as {
      processInfo: Array<{ type: string; cpuTime: number }>;
    };
    return processInfo.filter((p) => p.type === 'renderer').reduce((sum, p) => sum + p.cpuTime, 0);
  };
  const cpuBefore = await rendererCpuSeconds();

  log(`sending ${SCANS} scans back to back at 9600 baud…`);
  const wireEnd = new Map<string, number>();
  const sim = await openSimEnd(pty.simPath);
  try {
    for (const code of codes) wireEnd.set(`0${code}`, await writeLine(sim, code, { baud: 9600 }));
  } finally {
    await sim.close();
  }

  await eventually(
    () => countStoredScans(kiosk.page),
    (n) => n >= storedBefore + SCANS,
    120_000,
  ).catch(() => undefined);
  // A screen that falls behind shows its last scans long after they are stored:
  // wait for them (up to a minute), or they would be missing from the figures.
  await eventually(
    () => kiosk.page.evaluate(() => (globalThis.__kioskScanTimings ?? []).filter((t) => t.shownAt !== undefined).length),
    (shown) => shown >= SCANS,
    60_000,
  ).catch(() => log('not every scan was shown within a minute of the last store'));
  await new Promise((r) => setTimeout(r, 500));
  const rendererCpuMs = ((await rendererCpuSeconds()) - cpuBefore) * 1000;
  if (PROFILE) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(PROFILE, JSON.stringify(profile));
    log(`the page's CPU profile of the burst: ${PROFILE} (open in Chromium's DevTools, Performance)`);
  }
  if (TRACE) {
    await cdp.send('Tracing.end');
    await traceDone;
    writeFileSync(TRACE, JSON.stringify({ traceEvents }));
    log(`the burst's performance trace: ${TRACE} (open in Chromium's DevTools, Performance)`);
  }
  const result = await kiosk.page.evaluate(async (name) => {
    const timings = globalThis.__kioskScanTimings ?? [];
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const rows = await new Promise<Array<{ id: string; code: string; receivedAt: number }>>((resolve, reject) => {
      const req = db.transaction('scans').objectStore('scans').getAll(IDBKeyRange.lowerBound('old-\uffff', true));
      req.onsuccess = () =>
        resolve(
          req.result.map((s: { id: string; code: string; receivedAt: number }) => ({ id: s.id, code: s.code, receivedAt: s.receivedAt })),
        );
      req.onerror = () => reject(req.error);
    });
    const older = await new Promise<Array<{ id: string; code: string; receivedAt: number }>>((resolve, reject) => {
      const req = db.transaction('scans').objectStore('scans').getAll(IDBKeyRange.upperBound('old-', true));
      req.onsuccess = () =>
        resolve(
          req.result.map((s: { id: string; code: string; receivedAt: number }) => ({ id: s.id, code: s.code, receivedAt: s.receivedAt })),
        );
      req.onerror = () => reject(req.error);
    });
    db.close();
    return { timings, rows: [...rows, ...older] };
  }, DB_NAME);

  const byCode = new Map<string, string[]>();
  const serviceMs: number[] = [];
  for (const row of result.rows) {
    if (!wireEnd.has(row.code)) continue;
    serviceMs.push(row.receivedAt - wireEnd.get(row.code)!);
    byCode.set(row.code, [...(byCode.get(row.code) ?? []), row.id]);
  }
  const lost = [...wireEnd.keys()].filter((code) => !byCode.has(code)).length;
  const duplicated = [...byCode.values()].filter((ids) => ids.length > 1).length;
  const timingById = new Map(result.timings.map((t) => [t.id, t]));
  const shown: number[] = [];
  const committed: number[] = [];
  for (const [code, ids] of byCode) {
    const t = timingById.get(ids[0]!);
    const sent = wireEnd.get(code)!;
    if (t?.shownAt !== undefined) shown.push(t.shownAt - sent);
    if (t?.committedAt !== undefined) committed.push(t.committedAt - sent);
  }
  log(`service read (wall-clock ms resolution): p50=${percentile(serviceMs, 50).toFixed(1)} p99=${percentile(serviceMs, 99).toFixed(1)}`);
  log(
    `renderer CPU over the burst: ${rendererCpuMs.toFixed(0)} ms (${(rendererCpuMs / SCANS).toFixed(2)} ms a scan, unthrottled CPU time)`,
  );
  log(`timings: ${shown.length} shown, ${committed.length} committed of ${byCode.size} stored`);
  log(
    `shown p90=${percentile(shown, 90).toFixed(1)} max=${Math.max(...shown).toFixed(1)}; commit p50=${percentile(committed, 50).toFixed(1)} max=${Math.max(...committed).toFixed(1)}`,
  );
  if (BASKET_MODES.has(MODE)) {
    const lines = await kiosk.page.evaluate(async (name) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const sessions = await new Promise<Array<{ status: string; basket?: { lines: unknown[] } }>>((resolve, reject) => {
        const req = db.transaction('sessions').objectStore('sessions').getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      db.close();
      return sessions.filter((s) => s.status === 'open' && s.basket).map((s) => s.basket!.lines.length);
    }, DB_NAME);
    log(`open baskets: ${lines.length}, lines: ${lines.join(', ')} (expected one basket of ${SCANS})`);
  }
  const options = `${MODE !== 'lookup' ? `mode=${MODE} ` : ''}${THROTTLE !== 1 ? `throttle=${THROTTLE} ` : ''}`;
  console.log(
    `bench:scan ${options}scans=${SCANS} lost=${lost} duplicated=${duplicated} p50_ms=${percentile(shown, 50).toFixed(1)} ` +
      `p99_ms=${percentile(shown, 99).toFixed(1)} commit_p99_ms=${percentile(committed, 99).toFixed(1)} renderer_cpu_ms=${rendererCpuMs.toFixed(0)}`,
  );
} finally {
  await kiosk.close();
  await service.stop();
  await pty.close();
  rmSync(dir, { recursive: true, force: true });
}
