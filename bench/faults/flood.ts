/**
 * A scanner gone mad, or a line with noise: 10 MB of random bytes and then
 * 10,000 valid scans through a real pty as fast as the pty takes them, with no
 * page connected (so the scans pile up as pending). The figure is the
 * service's resident memory afterwards (VmRSS in /proc/PID/status).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSimEnd, startPtyPair } from '../../test/helpers/pty.ts';
import { freePort } from '../../test/helpers/service.ts';
import { makeEan13Codes } from '../../test/helpers/kiosk-page.ts';
import { log, mountTmpfs, unmount, waitUntil, type ServiceSupervisor } from './lib.ts';

const GARBAGE_BYTES = 10 * 1024 * 1024;
const VALID_LINES = 10_000;
const CHUNK = 64 * 1024;

function statusKb(pid: number, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : NaN;
}

export async function floodScenario(supervisor: ServiceSupervisor, root: boolean): Promise<number | string> {
  const dir = mkdtempSync(join(tmpdir(), 'faults-flood-'));
  const dataDir = join(dir, 'data');
  let service: Awaited<ReturnType<ServiceSupervisor['supervise']>> | undefined;
  const pty = await startPtyPair(dir);
  try {
    // 10,000 fsyncs on a shared SD card or VM disk would time the disk, not the
    // service's memory: as root the journal goes to a tmpfs.
    if (root) await mountTmpfs(dataDir, '64m');
    else mkdirSync(dataDir, { recursive: true });
    service = await supervisor.supervise('flood', { dataDir, scannerPath: pty.devicePath, port: await freePort() });
    const running = service.current()!;
    await running.waitForScanners();
    const rssBefore = statusKb(running.pid, 'VmRSS');
    log(
      `flood: service RSS ${(rssBefore / 1024).toFixed(1)} MB before; writing ${GARBAGE_BYTES / 1024 / 1024} MB of random bytes into the pty`,
    );

    const sim = await openSimEnd(pty.simPath);
    const started = performance.now();
    try {
      for (let sent = 0; sent < GARBAGE_BYTES; sent += CHUNK) {
        const chunk = randomBytes(Math.min(CHUNK, GARBAGE_BYTES - sent));
        let offset = 0;
        while (offset < chunk.length) offset += (await sim.write(chunk, offset, chunk.length - offset)).bytesWritten;
        if (!service.current()) break;
      }
      log(`flood: garbage written in ${((performance.now() - started) / 1000).toFixed(1)} s; now ${VALID_LINES} valid scans`);
      // End whatever line the garbage left open, then the valid codes, 100 lines a write.
      const codes = makeEan13Codes(VALID_LINES, 500_000);
      await sim.write(Buffer.from('\r\n'));
      for (let i = 0; i < codes.length && service.current(); i += 100) {
        const block = Buffer.from(codes.slice(i, i + 100).join('\r\n') + '\r\n');
        let offset = 0;
        while (offset < block.length) offset += (await sim.write(block, offset, block.length - offset)).bytesWritten;
      }
    } finally {
      await sim.close();
    }

    // Done when every valid line is journaled and nothing more arrives for 2 s
    // (random bytes can form short lines the service accepts as unverified codes).
    let last = 0;
    let lastLogged = 0;
    let stableSince = performance.now();
    const done = await waitUntil(
      async () => {
        const health = await service!.health();
        if (!health) return true;
        if (health.scansThisBoot !== last) {
          last = health.scansThisBoot;
          stableSince = performance.now();
        }
        if (last - lastLogged >= 2000) log(`flood: ${(lastLogged = last)} scans journaled`);
        return last >= VALID_LINES && performance.now() - stableSince > 2000;
      },
      180_000,
      250,
    );
    const alive = service.current();
    if (!alive) {
      log('flood: the service died under the flood');
      return 'died';
    }
    const health = await service.health();
    if (!done || (health?.scansThisBoot ?? 0) < VALID_LINES)
      log(`flood: only ${health?.scansThisBoot} of ${VALID_LINES} scans journaled in time`);
    // Let the reads in flight settle before reading memory.
    await sleep(1000);
    const rss = statusKb(alive.pid, 'VmRSS');
    const peak = statusKb(alive.pid, 'VmHWM');
    log(
      `flood: ${health?.scansThisBoot} scans journaled, ${health?.pendingScans} pending, in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
        `service RSS ${(rss / 1024).toFixed(1)} MB (peak ${(peak / 1024).toFixed(1)} MB)`,
    );
    return Math.round(rss / 1024);
  } finally {
    await service?.stop();
    await pty.close();
    await unmount(dataDir);
    rmSync(dir, { recursive: true, force: true });
  }
}
