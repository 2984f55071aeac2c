/**
 * What bench:scan and bench:scan-floor share: the real path from a scanner to a
 * page (a pty at 9600 baud → the terminal service → its WebSocket → a page in
 * Chromium), the page's database filled with earlier scans, the CPU throttle
 * and captures (profile, trace, main-thread time) around the burst, and the
 * figures read back from the page: per scan, wire end → shown and → committed.
 *
 * The database is seeded by one Chromium and the burst goes to another,
 * started afterwards on the same profile on disk: a terminal restarted on a
 * full database. Seeded and measured in one renderer, the seeding's own
 * garbage (some 100 MB of records handed in) was collected during the burst,
 * in pauses of 80–160 ms at 4× that no terminal has.
 *
 * A page measured here keeps its scans in a `scans` store keyed by id and sets
 * `globalThis.__kioskScanTimings` as src/data/metrics.ts does.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../test/helpers/chromium.mjs';
import { openSimEnd, startPtyPair, writeLine, type PtyPair } from '../test/helpers/pty.ts';
import { freePort, startService, type RunningService } from '../test/helpers/service.ts';
import { eventually, makeEan13Codes, putRecords, readStore } from '../test/helpers/kiosk-page.ts';
import { percentile } from './page-server.ts';
import { mainThreadTime, startTrace, type CpuProfile, type TraceEvent } from './main-thread.ts';

export { percentile, makeEan13Codes };

export const log = (line: string) => console.log(`# ${line}`);

export interface BurstOptions {
  scans: number;
  stored: number;
  throttle: number;
  /** A file to write the page's CPU profile of the burst to (.cpuprofile). */
  profile?: string | undefined;
  /** A file to write the burst's performance trace to (.json, Chromium's trace event format). */
  trace?: string | undefined;
}

/** BENCH_SCANS, BENCH_STORED, BENCH_CPU_THROTTLE, BENCH_PROFILE, BENCH_TRACE (BENCH_SERIES: see readFigures; BENCH_WORKER_PROFILE: profileScanWorker). */
export function burstOptionsFromEnv(defaultScans: number): BurstOptions {
  const throttle = Number(process.env.BENCH_CPU_THROTTLE ?? 1);
  if (!(throttle >= 1)) throw new Error(`BENCH_CPU_THROTTLE must be a number ≥ 1, not ${process.env.BENCH_CPU_THROTTLE}`);
  return {
    scans: Number(process.env.BENCH_SCANS ?? defaultScans),
    stored: Number(process.env.BENCH_STORED ?? 100_000),
    throttle,
    profile: process.env.BENCH_PROFILE,
    trace: process.env.BENCH_TRACE,
  };
}

export interface ScanRig {
  pty: PtyPair;
  service: RunningService;
  /**
   * A Chromium on the rig's browser profile (on disk, kept across launches),
   * its first page opened; `initialMode`: the counter mode a first load starts in.
   */
  launch(initialMode?: string): Promise<{ context: BrowserContext; page: Page }>;
  /** The browser profile's directory (on the command line of the Chromium it runs). */
  profileDir: string;
  close(): Promise<void>;
}

/** A pty pair and the real terminal service reading it, in a fresh data directory. */
export async function startScanRig(): Promise<ScanRig> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-scan-'));
  const pty = await startPtyPair(dir);
  const service = await startService({ dataDir: join(dir, 'data'), scannerPath: pty.devicePath, port: await freePort() });
  const open = new Set<BrowserContext>();
  const profileDir = join(dir, 'profile');
  return {
    pty,
    service,
    profileDir,
    async launch(initialMode) {
      const context = await chromium.launchPersistentContext(profileDir, {
        executablePath: findChromium(),
        args: CHROMIUM_ARGS,
        headless: true,
        viewport: { width: 1280, height: 800 },
      });
      open.add(context);
      context.on('close', () => open.delete(context));
      if (initialMode) {
        // Only before the first load: a mode the page switches to later survives restarts.
        await context.addInitScript((mode) => {
          if (!localStorage.getItem('kiosk.mode')) localStorage.setItem('kiosk.mode', mode);
        }, initialMode);
      }
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
      return { context, page };
    },
    async close() {
      for (const context of open) await context.close();
      await service.stop();
      await pty.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `count` earlier scans put straight into the page's `scans` store, as months at a counter leave them. */
export async function seedEarlierScans(page: Page, dbName: string, count: number): Promise<void> {
  // 10,000 a transaction and a message to the page: 100,000 scans in one would be a message of some 25 MB.
  const batch = 10_000;
  for (let start = 0; start < count; start += batch) {
    const scans = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      scans.push({
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
    await putRecords(page, { scans }, dbName);
  }
}

/** Scans in the page's `scans` store. */
export function countScansIn(page: Page, dbName: string): Promise<number> {
  return readStore<number>(page, 'scans', 'count', undefined, dbName);
}

export interface Capture {
  /**
   * Stops the captures, writes the files, and returns the main thread's busy
   * time during the burst, and the scan-stream worker's (when the page has one).
   */
  stop(): Promise<{ taskMs: number; scriptMs: number; layoutMs: number; styleMs: number; workerMs?: number | undefined }>;
}

/**
 * A CPU profile of the page's scan-stream worker, through the page's own CDP
 * session (Target.sendMessageToTarget). Chromium throttles the CPU of pages
 * only ("only supported for pages, not workers"), so the worker runs at this
 * machine's speed: its busy time, printed, says what a Pi's core would need.
 * The profile is written to BENCH_WORKER_PROFILE.
 */
async function profileScanWorker(cdp: CDPSession): Promise<(() => Promise<number>) | undefined> {
  const attached: Array<{ sessionId: string; targetInfo: { type: string; url: string } }> = [];
  const replies = new Map<number, (reply: { result?: { profile?: CpuProfile } }) => void>();
  cdp.on('Target.attachedToTarget', (e) => attached.push(e));
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const reply = JSON.parse(e.message) as { id?: number; result?: { profile?: CpuProfile } };
    if (reply.id !== undefined) replies.get(reply.id)?.(reply);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await new Promise((r) => setTimeout(r, 300));
  const worker = attached.find((t) => t.targetInfo.type === 'worker' && t.targetInfo.url.includes('scan-stream.worker'));
  if (!worker) return undefined;
  let id = 0;
  const send = (method: string) =>
    new Promise<{ result?: { profile?: CpuProfile } }>((resolve) => {
      const sent = ++id;
      replies.set(sent, resolve);
      void cdp.send('Target.sendMessageToTarget', { sessionId: worker.sessionId, message: JSON.stringify({ id: sent, method }) });
    });
  await send('Profiler.enable');
  await send('Profiler.start');
  return async () => {
    const profile = (await send('Profiler.stop')).result?.profile;
    if (!profile) return NaN;
    writeFileSync(process.env.BENCH_WORKER_PROFILE!, JSON.stringify(profile));
    const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
    return (profile.samples ?? []).reduce((sum, node, i) => (idle.has(node) ? sum : sum + (profile.timeDeltas?.[i] ?? 0)), 0) / 1000;
  };
}

/** Throttle the page's CPU (after seeding: only the page at work is slowed, as on a Pi) and start the captures. */
export async function startCapture(cdp: CDPSession, options: BurstOptions): Promise<Capture> {
  if (options.throttle > 1) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.throttle });
    log(`CPU throttled ${options.throttle}×`);
  }
  await cdp.send('Performance.enable');
  if (options.profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const tracing = options.trace ? await startTrace(cdp, { invalidations: Boolean(process.env.BENCH_TRACE_INVALIDATIONS) }) : undefined;
  // Opt-in: attaching to the worker and profiling it slows the page's figures down.
  const stopWorkerProfile = process.env.BENCH_WORKER_PROFILE ? await profileScanWorker(cdp) : undefined;
  const metrics = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    return {
      taskMs: get('TaskDuration'),
      scriptMs: get('ScriptDuration'),
      layoutMs: get('LayoutDuration'),
      styleMs: get('RecalcStyleDuration'),
    };
  };
  // Let the page settle (socket open, first render) before the burst.
  await new Promise((r) => setTimeout(r, 1000));
  const before = await metrics();
  {
    // Garbage counts here until it is collected: a heap far above the app's few MB is a pause to come.
    const { metrics: now } = await cdp.send('Performance.getMetrics');
    const mb = (name: string) => ((now.find((m) => m.name === name)?.value ?? 0) / 1e6).toFixed(1);
    log(`page heap before the burst: ${mb('JSHeapUsedSize')} MB used of ${mb('JSHeapTotalSize')} MB`);
  }
  return {
    async stop() {
      const after = await metrics();
      if (options.profile) {
        const { profile } = await cdp.send('Profiler.stop');
        writeFileSync(options.profile, JSON.stringify(profile));
        log(`the page's CPU profile of the burst: ${options.profile} (open in Chromium's DevTools, Performance)`);
      }
      if (options.trace && tracing) {
        const events = await tracing.stop();
        writeFileSync(options.trace, JSON.stringify({ traceEvents: events }));
        log(`the burst's performance trace: ${options.trace} (open in Chromium's DevTools, Performance)`);
        printFrames(events);
      }
      return {
        taskMs: after.taskMs - before.taskMs,
        scriptMs: after.scriptMs - before.scriptMs,
        layoutMs: after.layoutMs - before.layoutMs,
        styleMs: after.styleMs - before.styleMs,
        workerMs: await stopWorkerProfile?.(),
      };
    },
  };
}

/**
 * The burst's main thread by kind of work, per frame: a scanner at 9600 baud
 * brings a code every 14.6 ms, so a page whose frames cost more than that
 * falls behind however its scans are batched.
 */
function printFrames(events: readonly TraceEvent[]): void {
  const time = mainThreadTime(events);
  if (!time) return log('trace: no renderer main thread with a layout found');
  const frames = Math.max(time.frames, 1);
  log(`trace: main thread busy ${time.busyMs.toFixed(0)} ms in tasks; ${time.frames} frames`);
  for (const [name, ms] of time.byKind.slice(0, 12)) {
    log(`trace: ${ms.toFixed(0).padStart(6)} ms ${(ms / frames).toFixed(2).padStart(6)} ms/frame ${name}`);
  }
}

/**
 * Send `codes` back to back at 9600 baud, then wait until the page has stored
 * them all and shown them all (up to a minute after the last store: a screen
 * that falls behind must still count). Returns each code's wire-end time.
 */
export async function sendBurst(
  rig: ScanRig,
  page: Page,
  dbName: string,
  codes: readonly string[],
  storedBefore: number,
): Promise<Map<string, number>> {
  log(`sending ${codes.length} scans back to back at 9600 baud (load ${loadavg()[0]!.toFixed(2)})…`);
  const wireEnd = new Map<string, number>();
  const sim = await openSimEnd(rig.pty.simPath);
  try {
    for (const code of codes) wireEnd.set(`0${code}`, await writeLine(sim, code, { baud: 9600 }));
  } finally {
    await sim.close();
  }
  await eventually(
    () => countScansIn(page, dbName),
    (n) => n >= storedBefore + codes.length,
    120_000,
  ).catch(() => undefined);
  await eventually(
    () => page.evaluate(() => (globalThis.__kioskScanTimings ?? []).filter((t) => t.shownAt !== undefined).length),
    (shown) => shown >= codes.length,
    60_000,
  ).catch(() => log('not every scan was shown within a minute of the last store'));
  await new Promise((r) => setTimeout(r, 500));
  return wireEnd;
}

export interface BurstFigures {
  lost: number;
  duplicated: number;
  stored: number;
  shown: number[];
  committed: number[];
  serviceMs: number[];
}

/**
 * The page's timings and stored scans against the wire-end times: the burst's
 * figures. BENCH_SERIES=file: each scan's shown and commit ms, in wire order.
 */
export async function readFigures(page: Page, dbName: string, wireEnd: Map<string, number>): Promise<BurstFigures> {
  const result = await page.evaluate(async (name) => {
    const timings = globalThis.__kioskScanTimings ?? [];
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    // The burst's ids sort after the seeded `old-…` ones or before them (a boot id
    // is hex). No named functions in here: tsx would wrap them in a helper the page lacks.
    const rows: Array<{ id: string; code: string; receivedAt: number }> = [];
    for (const range of [IDBKeyRange.lowerBound('old-\uffff', true), IDBKeyRange.upperBound('old-', true)]) {
      const req = db.transaction('scans').objectStore('scans').getAll(range);
      const found = await new Promise<Array<{ id: string; code: string; receivedAt: number }>>((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const s of found) rows.push({ id: s.id, code: s.code, receivedAt: s.receivedAt });
    }
    db.close();
    return { timings, rows };
  }, dbName);

  const byCode = new Map<string, string[]>();
  const serviceMs: number[] = [];
  for (const row of result.rows) {
    if (!wireEnd.has(row.code)) continue;
    serviceMs.push(row.receivedAt - wireEnd.get(row.code)!);
    byCode.set(row.code, [...(byCode.get(row.code) ?? []), row.id]);
  }
  const timingById = new Map(result.timings.map((t) => [t.id, t]));
  const shown: number[] = [];
  const committed: number[] = [];
  for (const [code, ids] of byCode) {
    const t = timingById.get(ids[0]!);
    const sent = wireEnd.get(code)!;
    if (t?.shownAt !== undefined) shown.push(t.shownAt - sent);
    if (t?.committedAt !== undefined) committed.push(t.committedAt - sent);
  }
  if (process.env.BENCH_SERIES) {
    // Wire order, so a slow start (the first scans of a sale) or a slow end (a queue) shows.
    const rows = [...byCode]
      .sort((a, b) => wireEnd.get(a[0])! - wireEnd.get(b[0])!)
      .map(([code, ids]) => {
        const t = timingById.get(ids[0]!);
        const sent = wireEnd.get(code)!;
        return `${((t?.shownAt ?? NaN) - sent).toFixed(1)} ${((t?.committedAt ?? NaN) - sent).toFixed(1)}`;
      });
    writeFileSync(process.env.BENCH_SERIES, `shown_ms commit_ms\n${rows.join('\n')}\n`);
  }
  return {
    lost: [...wireEnd.keys()].filter((code) => !byCode.has(code)).length,
    duplicated: [...byCode.values()].filter((ids) => ids.length > 1).length,
    stored: byCode.size,
    shown,
    committed,
    serviceMs,
  };
}

/** The `#` lines every scan bench prints before its figure line. */
export function logDetails(f: BurstFigures, cpu: Awaited<ReturnType<Capture['stop']>>): void {
  const p = (xs: number[], q: number) => percentile(xs, q).toFixed(1);
  log(`service read (wall-clock ms resolution): p50=${p(f.serviceMs, 50)} p99=${p(f.serviceMs, 99)}`);
  log(`timings: ${f.shown.length} shown, ${f.committed.length} committed of ${f.stored} stored`);
  log(
    `shown p90=${p(f.shown, 90)} max=${Math.max(...f.shown).toFixed(1)}; commit p50=${p(f.committed, 50)} max=${Math.max(...f.committed).toFixed(1)}`,
  );
  log(
    `renderer main thread during the burst: renderer_cpu_ms=${cpu.taskMs.toFixed(0)} (script ${cpu.scriptMs.toFixed(0)}, ` +
      `style ${cpu.styleMs.toFixed(0)}, layout ${cpu.layoutMs.toFixed(0)}); load ${loadavg()[0]!.toFixed(2)}`,
  );
  if (cpu.workerMs !== undefined) {
    log(
      `scan-stream worker during the burst: busy ${cpu.workerMs.toFixed(0)} ms, NOT throttled (Chromium throttles pages only); profiled, so the page ran slower too`,
    );
  }
}

/** `p50_ms=.. p99_ms=.. commit_p99_ms=..` of a figure line. */
export function latencyFields(f: BurstFigures): string {
  return `p50_ms=${percentile(f.shown, 50).toFixed(1)} p99_ms=${percentile(f.shown, 99).toFixed(1)} commit_p99_ms=${percentile(f.committed, 99).toFixed(1)}`;
}
