/**
 * A week with the page down: 100,000 scans pending in the journal when the
 * service starts (journaled beforehand by the service's own ScanJournal, on a
 * memory disk for speed, then copied into the data directory). Then a kiosk
 * page (built app, real Chromium) connects and stores them.
 *
 * drain_s = from opening the page until the service has nothing pending (every
 * scan stored by the page and acknowledged); max_lag_ms = the service's worst
 * event-loop stall meanwhile (/healthz eventLoopLagMaxMs). /healthz is polled
 * throughout, and its worst answer time is logged too.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ScanJournal } from '../../device/journal.ts';
import { readCode } from '../../src/domain/barcode.ts';
import { startPtyPair } from '../../test/helpers/pty.ts';
import { freePort, type Health } from '../../test/helpers/service.ts';
import { countStoredScans, makeEan13Codes, openKioskPage, type KioskPage } from '../../test/helpers/kiosk-page.ts';
import { log, startStallProbe, type ServiceSupervisor, type Supervised } from './lib.ts';

const BACKLOG = 100_000;
const DRAIN_TIMEOUT_MS = 180_000;

function writeBacklog(journalDir: string): void {
  // The service's own journal code writes it, so the format is whatever the service reads.
  const scratchRoot = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const scratch = mkdtempSync(join(scratchRoot, 'faults-backlog-'));
  try {
    const journal = ScanJournal.open(join(scratch, 'journal'));
    const started = Date.now();
    for (const text of makeEan13Codes(BACKLOG, 1_000_000)) {
      const read = readCode(text);
      if (!read.ok) throw new Error(`not a valid code: ${text}`);
      journal.append({
        scannerId: 'counter',
        code: read.code,
        text: read.text,
        symbology: read.symbology,
        verified: read.verified,
        receivedAt: started,
      });
    }
    journal.close();
    mkdirSync(journalDir, { recursive: true });
    cpSync(join(scratch, 'journal'), journalDir, { recursive: true });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function timedHealth(service: Supervised): Promise<{ health: Health | undefined; ms: number }> {
  const running = service.current();
  const started = performance.now();
  if (!running) return { health: undefined, ms: 0 };
  try {
    const res = await fetch(`${running.url}healthz`, { signal: AbortSignal.timeout(20_000) });
    return { health: (await res.json()) as Health, ms: performance.now() - started };
  } catch {
    return { health: undefined, ms: performance.now() - started };
  }
}

export async function backlogScenario(
  supervisor: ServiceSupervisor,
): Promise<{ backlog: number; drainS: string; maxLagMs: number | string }> {
  const dir = mkdtempSync(join(tmpdir(), 'faults-backlog-'));
  const dataDir = join(dir, 'data');
  const pty = await startPtyPair(dir);
  let service: Supervised | undefined;
  let kiosk: KioskPage | undefined;
  try {
    log(`backlog: journaling ${BACKLOG} scans with the service's journal code`);
    writeBacklog(join(dataDir, 'journal'));
    service = await supervisor.supervise('backlog', { dataDir, scannerPath: pty.devicePath, port: await freePort() });
    const first = await timedHealth(service);
    const backlog = first.health?.pendingScans ?? 0;
    log(`backlog: the service started with ${backlog} pending; worst loop stall so far ${first.health?.eventLoopLagMaxMs ?? '?'} ms`);

    const probe = startStallProbe();
    const started = performance.now();
    kiosk = await openKioskPage(service.current()!.url);
    let drainedAt: number | undefined;
    let worstHealthMs = 0;
    let lastLog = started;
    let last: Health | undefined;
    while (performance.now() - started < DRAIN_TIMEOUT_MS) {
      const { health, ms } = await timedHealth(service);
      worstHealthMs = Math.max(worstHealthMs, ms);
      if (health) last = health;
      if (!service.current()) {
        log('backlog: the service died while draining');
        break;
      }
      if (health?.pendingScans === 0) {
        drainedAt = performance.now();
        break;
      }
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        log(
          `backlog: ${((lastLog - started) / 1000).toFixed(0)} s: ${health?.pendingScans ?? '?'} pending, ` +
            `worst loop stall ${health?.eventLoopLagMaxMs ?? '?'} ms, worst /healthz answer ${worstHealthMs.toFixed(0)} ms`,
        );
      }
      await sleep(250);
    }
    const stored = await countStoredScans(kiosk.page).catch(() => NaN);
    const end = await timedHealth(service);
    if (end.health) last = end.health;
    const maxLag = last?.eventLoopLagMaxMs ?? 'n/a';
    log(
      `backlog: the service's worst event-loop stall ${maxLag} ms; an idle Node process on this machine stalled up to ${await probe.stop()} ms meanwhile`,
    );
    const elapsed = ((drainedAt ?? performance.now()) - started) / 1000;
    if (drainedAt === undefined) {
      log(`backlog: NOT drained in ${DRAIN_TIMEOUT_MS / 1000} s: ${last?.pendingScans ?? '?'} still pending, ${stored} stored by the page`);
    } else {
      log(
        `backlog: drained in ${elapsed.toFixed(1)} s; ${stored} stored by the page; worst /healthz answer ${worstHealthMs.toFixed(0)} ms`,
      );
    }
    return {
      backlog,
      drainS: drainedAt === undefined ? `>${DRAIN_TIMEOUT_MS / 1000}` : elapsed.toFixed(1),
      maxLagMs: maxLag,
    };
  } finally {
    await kiosk?.close();
    await service?.stop();
    await pty.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
