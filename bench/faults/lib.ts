/**
 * What the fault scenarios share: progress lines, the service under a
 * supervisor that counts its unplanned exits (as systemd would see them), real
 * tmpfs mounts, a raw WebSocket client that speaks the page's protocol, the
 * final drain by a real kiosk page, and a last-resort cleanup of everything
 * started here (mounts, processes) if the script is interrupted.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';
import { SCAN_SOCKET_PATH } from '../../src/domain/scan-protocol.ts';
import { openSimEnd, startPtyPair, writeLine, type PtyPair } from '../../test/helpers/pty.ts';
import { freePort, startService, type Health, type RunningService, type ServiceOptions } from '../../test/helpers/service.ts';
import { eventually, openKioskPage, readStoredScans } from '../../test/helpers/kiosk-page.ts';

export const log = (line: string): void => console.log(`# ${line}`);

export const isRoot = (): boolean => process.getuid?.() === 0;

// ---------------------------------------------------------------------------
// Last-resort cleanup: the scenarios clean up in their own finally blocks;
// this catches what an interrupt (Ctrl-C, the watchdog) leaves behind.

const livePids = new Set<number>();
const liveMounts = new Set<string>();

export function trackPid(pid: number | undefined): void {
  if (pid) livePids.add(pid);
}
export function untrackPid(pid: number | undefined): void {
  if (pid) livePids.delete(pid);
}

export function emergencyCleanup(): void {
  for (const pid of livePids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  livePids.clear();
  for (const dir of liveMounts) {
    try {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    } catch {
      // not mounted any more
    }
  }
  liveMounts.clear();
}

// ---------------------------------------------------------------------------
// The service, supervised.

export interface Supervised {
  /** The running service, or undefined while it is down. */
  current(): RunningService | undefined;
  /** Starts the service if it is down (as systemd's Restart=always would); false if it failed to start. */
  ensureUp(): Promise<boolean>;
  /** A planned stop: not counted as an exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  health(): Promise<Health | undefined>;
}

/** Counts unplanned service exits across every scenario: the `service_exits` figure. */
export class ServiceSupervisor {
  unplannedExits = 0;

  async supervise(name: string, options: ServiceOptions): Promise<Supervised> {
    let running: RunningService | undefined;
    let planned = false;
    const start = async (): Promise<boolean> => {
      planned = false;
      try {
        const service = await startService({ keepOutputChars: 200_000, startTimeoutMs: 60_000, build: false, ...options });
        trackPid(service.pid);
        running = service;
        // Scans sent before the serial port is open are lost on the wire, not by the service.
        await service.waitForScanners(15_000).catch(() => log(`${name}: the scanner did not connect after the start`));
        void service.exited.then((exit) => {
          untrackPid(service.pid);
          if (running === service) running = undefined;
          if (planned) return;
          this.unplannedExits++;
          log(`${name}: the service EXITED unplanned (${exit.code ?? exit.signal}); last output: ${lastLines(service.output(), 3)}`);
        });
        return true;
      } catch (error) {
        const message = (error as Error).message;
        // A start that dies before answering is an exit too: systemd would restart it in a loop.
        this.unplannedExits++;
        log(`${name}: the service FAILED to start: ${lastLines(message, 3)}`);
        return false;
      }
    };
    if (!(await start())) throw new Error(`${name}: the service did not start on a healthy disk`);
    return {
      current: () => running,
      ensureUp: async () => (running ? true : start()),
      stop: async (signal = 'SIGTERM') => {
        planned = true;
        const service = running;
        running = undefined;
        await service?.stop(signal);
      },
      health: async () => {
        try {
          return await running?.health();
        } catch {
          return undefined;
        }
      },
    };
  }
}

function lastLines(text: string, n: number): string {
  return text.trim().split('\n').slice(-n).join(' | ').slice(0, 600);
}

// ---------------------------------------------------------------------------
// Mounts (root only).

async function run(cmd: string, args: string[]): Promise<{ ok: boolean; error: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, (error, _stdout, stderr) => resolve({ ok: !error, error: (stderr || error?.message || '').trim() }));
  });
}

/** Mounts a tmpfs of `size` (e.g. "64k") on `dir`: a disk that fills up for real. */
export async function mountTmpfs(dir: string, size: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const result = await run('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'faults-tmpfs', dir]);
  if (!result.ok) throw new Error(`mount tmpfs on ${dir}: ${result.error}`);
  liveMounts.add(dir);
}

/** Registers a mount made elsewhere, for unmount() and the last-resort cleanup. */
export function trackMount(dir: string): void {
  liveMounts.add(dir);
}

/** `mount -o remount,OPTIONS dir`; the kernel's refusal (e.g. EBUSY) comes back as text. */
export async function remount(dir: string, options: string): Promise<{ ok: boolean; error: string }> {
  return run('mount', ['-o', `remount,${options}`, dir]);
}

export async function unmount(dir: string): Promise<void> {
  if (!liveMounts.has(dir)) return;
  const result = await run('umount', [dir]);
  // Something still holds a file there: detach it anyway so nothing is left mounted.
  if (!result.ok) await run('umount', ['-l', dir]);
  liveMounts.delete(dir);
}

// ---------------------------------------------------------------------------
// A raw WebSocket client on the scan socket.

export interface SocketClientOptions {
  /** The Origin header; none at all for a local program. */
  origin?: string;
  /**
   * Subscribe as the page of this role, as the kiosk page does (`subscribe`
   * message); a client that never subscribes is not offered scans by a service
   * that knows roles (one that does not just drops the message).
   */
  subscribe?: 'counter' | 'display';
}

/**
 * A client of /scans that records every scan offered to it and acknowledges
 * only when told to: a page whose IndexedDB is failing, or a hostile program.
 */
export class ScanSocketClient {
  readonly offered = new Set<string>();
  bootId: string | undefined;
  private constructor(private readonly _ws: WebSocket) {
    _ws.on('message', (data) => {
      let message: { type?: string; bootId?: string; scans?: Array<{ id?: string }> };
      try {
        message = JSON.parse(String(data)) as typeof message;
      } catch {
        return;
      }
      if (message.type === 'hello') this.bootId = message.bootId;
      if (message.type === 'scans' && Array.isArray(message.scans)) {
        for (const scan of message.scans) if (typeof scan?.id === 'string') this.offered.add(scan.id);
      }
    });
  }

  static async open(port: number, options: SocketClientOptions = {}): Promise<ScanSocketClient> {
    const headers: Record<string, string> = {};
    if (options.origin) headers.origin = options.origin;
    const ws = new WebSocket(`ws://127.0.0.1:${port}${SCAN_SOCKET_PATH}`, { headers });
    // Listen before 'open': the greeting and the first offers can arrive in the same packet as the upgrade.
    const client = new ScanSocketClient(ws);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket open timed out')), 10_000);
      ws.once('open', () => {
        clearTimeout(timer);
        resolve();
      });
      ws.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    if (options.subscribe) ws.send(JSON.stringify({ type: 'subscribe', role: options.subscribe }));
    await client.waitFor(() => client.bootId !== undefined, 5000).catch(() => undefined);
    return client;
  }

  get open(): boolean {
    return this._ws.readyState === WebSocket.OPEN;
  }

  /** Sends acks in messages of at most 1000 ids (the protocol's bound). */
  async ack(ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 1000) {
      if (!this.open) return;
      this._ws.send(JSON.stringify({ type: 'ack', ids: ids.slice(i, i + 1000) }));
    }
    await sleep(20);
  }

  async waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > until) throw new Error('condition not met');
      await sleep(20);
    }
  }

  close(): void {
    this._ws.terminate();
  }
}

/** The scan page's origin as the service serves it. */
export const pageOrigin = (port: number): string => `http://127.0.0.1:${port}`;

// ---------------------------------------------------------------------------
// The end of a fault: a real kiosk page stores whatever the service still offers.

/** Opens the kiosk in a fresh Chromium, waits until nothing is pending, returns the ids it stored. */
export async function drainWithPage(service: Supervised, timeoutMs = 60_000): Promise<Set<string>> {
  const running = service.current();
  if (!running) {
    log('  no service is running: nothing can be drained');
    return new Set();
  }
  const kiosk = await openKioskPage(running.url);
  try {
    await eventually(
      async () => (await service.health())?.pendingScans ?? -1,
      (pending) => pending === 0,
      timeoutMs,
    ).catch(async () => log(`  the page did not drain the service in ${timeoutMs / 1000} s: ${JSON.stringify(await service.health())}`));
    return new Set((await readStoredScans(kiosk.page)).map((row) => row.id));
  } finally {
    await kiosk.close();
  }
}

/** Waits up to `timeoutMs` for `check`, quietly. */
export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, stepMs = 50): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await sleep(stepMs);
  }
}

// ---------------------------------------------------------------------------
// Disk faults: a page that records what it was offered across service restarts.

/**
 * Plays a page whose IndexedDB is failing: it is offered scans (each offered
 * scan was reported as journaled) and acknowledges only the ones it is told
 * to. Offers are collected across reconnects to restarted services.
 */
export class OfferRecorder {
  readonly offered = new Set<string>();
  readonly acked = new Set<string>();
  private _client: ScanSocketClient | undefined;

  /** (Re)connects to the running service, if any. */
  async connect(service: Supervised): Promise<void> {
    this._client?.close();
    this._client = undefined;
    const running = service.current();
    if (!running) return;
    try {
      const client = await ScanSocketClient.open(running.port, { origin: pageOrigin(running.port), subscribe: 'counter' });
      this._client = client;
      // Offers land in this client's set; copy them over as they come.
      const copy = setInterval(() => {
        for (const id of client.offered) this.offered.add(id);
        if (!client.open) clearInterval(copy);
      }, 20);
    } catch (error) {
      log(`  the recording page could not connect: ${(error as Error).message}`);
    }
  }

  get connected(): boolean {
    return this._client?.open ?? false;
  }

  /** Acknowledges up to `count` of the offered, not yet acknowledged scans, one message each (one ack line each). */
  async ackOldest(count: number): Promise<number> {
    const client = this._client;
    if (!client?.open) return 0;
    for (const id of client.offered) this.offered.add(id);
    let sent = 0;
    for (const id of client.offered) {
      if (sent >= count) break;
      if (this.acked.has(id)) continue;
      if (!client.open) break;
      await client.ack([id]);
      this.acked.add(id);
      sent++;
    }
    return sent;
  }

  close(): void {
    if (this._client) for (const id of this._client.offered) this.offered.add(id);
    this._client?.close();
    this._client = undefined;
  }

  /** Offered scans neither acknowledged here nor stored by the page at the end. */
  lost(storedByPage: ReadonlySet<string>): string[] {
    return [...this.offered].filter((id) => !this.acked.has(id) && !storedByPage.has(id));
  }

  /** The end of a disk fault: a real page drains the service; logs and returns how many offered scans were lost. */
  async countLostAfterDrain(label: string, service: Supervised): Promise<number> {
    const stored = await drainWithPage(service);
    const lost = this.lost(stored);
    log(
      `${label}: offered ${this.offered.size}, acknowledged by the page ${this.acked.size}, ` +
        `stored by the page after recovery ${stored.size}, lost ${lost.length}` +
        (lost.length ? ` (e.g. ${lost.slice(0, 5).join(' ')})` : ''),
    );
    return lost.length;
  }
}

/** What a disk-fault scenario scans with and watches. */
export interface DiskFaultRun {
  service: Supervised;
  recorder: OfferRecorder;
  /** Scans `codes` one after the other on the scanner (115200 baud, 15 ms apart). */
  scan(codes: readonly string[]): Promise<void>;
}

/** How a disk-fault scenario makes its data directory, and removes it after. */
export interface FaultDisk {
  prepare(dataDir: string): Promise<void>;
  cleanup(dataDir: string): Promise<void>;
}

/**
 * A disk fault from start to end: the data directory (`dir`/data) prepared on
 * `disk`, the service started on a pty scanner with a recording page connected,
 * `body` scanning through the fault, then a real page draining the service.
 * Returns how many offered scans were lost; the scanner, the service and the
 * disk are released whatever happens.
 */
export async function runDiskFault(
  supervisor: ServiceSupervisor,
  name: string,
  dir: string,
  disk: FaultDisk,
  body: (run: DiskFaultRun, dataDir: string) => Promise<void>,
): Promise<number> {
  const dataDir = join(dir, 'data');
  const recorder = new OfferRecorder();
  let pty: PtyPair | undefined;
  let service: Supervised | undefined;
  try {
    await disk.prepare(dataDir);
    pty = await startPtyPair(dir);
    service = await supervisor.supervise(name, { dataDir, scannerPath: pty.devicePath, port: await freePort() });
    await service.current()!.waitForScanners();
    await recorder.connect(service);
    const sim = await openSimEnd(pty.simPath);
    try {
      const scan = async (codes: readonly string[]): Promise<void> => {
        for (const code of codes) {
          await writeLine(sim, code, { baud: 115_200 });
          await sleep(15);
        }
      };
      await body({ service, recorder, scan }, dataDir);
      recorder.close();
    } finally {
      await sim.close();
    }

    return await recorder.countLostAfterDrain(name, service);
  } finally {
    recorder.close();
    await service?.stop();
    await pty?.close();
    await disk.cleanup(dataDir);
  }
}

// ---------------------------------------------------------------------------
// The machine's own stalls.

/**
 * A control for max_lag_ms: a separate Node process that does nothing but a
 * 10 ms timer, measuring its own worst delay the same way the service does. If
 * it stalls as long as the service, the stall is the machine's (CPU taken by the
 * browser or other work, the VM's scheduler), not the service's code.
 */
export function startStallProbe(): { stop(): Promise<number> } {
  const script = `
    const { monitorEventLoopDelay } = require('node:perf_hooks');
    const h = monitorEventLoopDelay({ resolution: 10 });
    h.enable();
    setInterval(() => {}, 1000);
    process.stdin.on('data', () => { process.stdout.write(String(Math.max(0, Math.round(h.max / 1e6 - 10)))); process.exit(0); });
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'ignore'] });
  trackPid(child.pid);
  return {
    stop: () =>
      new Promise<number>((resolve) => {
        let out = '';
        child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.once('exit', () => {
          untrackPid(child.pid);
          resolve(Number(out) || 0);
        });
        child.stdin!.write('\n');
      }),
  };
}
