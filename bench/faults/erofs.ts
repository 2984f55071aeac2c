/**
 * Read-only disk (an SD card that locks itself read-only): the data directory
 * is a tmpfs remounted read-only under the service. The page is slow to store,
 * so scans are pending when it happens; while read-only, the page acknowledges
 * some and the scanner keeps scanning; then the disk is writable again, the
 * service is restarted if it is down, and a real kiosk page drains the rest.
 *
 * Linux refuses a live read-only remount while a file on it is open for writing
 * (EBUSY; only a filesystem's own error handling forces it). If it refuses, the
 * service is stopped (planned), the disk remounted read-only and the service
 * started on it: the card found read-only at boot.
 *
 * erofs_lost = scans offered to the page as journaled, neither acknowledged by
 * it nor stored by the page after recovery.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSimEnd, startPtyPair, writeLine } from '../../test/helpers/pty.ts';
import { freePort } from '../../test/helpers/service.ts';
import { makeEan13Codes } from '../../test/helpers/kiosk-page.ts';
import { OfferRecorder, drainWithPage, log, mountTmpfs, remount, unmount, type ServiceSupervisor } from './lib.ts';

const BEFORE = 40;
const WHILE_READ_ONLY = 20;
const AFTER = 10;

export async function erofsScenario(supervisor: ServiceSupervisor): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'faults-erofs-'));
  const dataDir = join(dir, 'data');
  const recorder = new OfferRecorder();
  let pty: Awaited<ReturnType<typeof startPtyPair>> | undefined;
  let service: Awaited<ReturnType<ServiceSupervisor['supervise']>> | undefined;
  try {
    await mountTmpfs(dataDir, '1m');
    pty = await startPtyPair(dir);
    service = await supervisor.supervise('erofs', { dataDir, scannerPath: pty.devicePath, port: await freePort() });
    await service.current()!.waitForScanners();
    await recorder.connect(service);
    const codes = makeEan13Codes(BEFORE + WHILE_READ_ONLY + AFTER, 400_000);
    const sim = await openSimEnd(pty.simPath);
    const scan = async (batch: string[]) => {
      for (const code of batch) {
        await writeLine(sim, code, { baud: 115_200 });
        await sleep(15);
      }
      await sleep(300);
    };
    try {
      await scan(codes.slice(0, BEFORE));
      log(`erofs: ${BEFORE} scanned, ${recorder.offered.size} offered; the page acknowledged ${await recorder.ackOldest(10)}`);

      const live = await remount(dataDir, 'ro');
      if (live.ok) {
        log('erofs: the data directory is read-only under the running service');
      } else {
        log(`erofs: the kernel refused a live read-only remount (${live.error}); stopping the service, remounting, starting it on the read-only disk`);
        await service.stop();
        const ro = await remount(dataDir, 'ro');
        if (!ro.ok) throw new Error(`remount read-only: ${ro.error}`);
        await service.ensureUp();
        await recorder.connect(service);
      }

      await scan(codes.slice(BEFORE, BEFORE + WHILE_READ_ONLY));
      const acked = await recorder.ackOldest(10);
      await sleep(300);
      let health = await service.health();
      log(
        `erofs: read-only: ${WHILE_READ_ONLY} more scanned, the page acknowledged ${acked}; service ` +
          (health ? `up, ${health.pendingScans} pending` : 'DOWN'),
      );
      if (!health) {
        log('erofs: restarting the service on the read-only disk (as systemd would)');
        if (await service.ensureUp()) await recorder.connect(service);
      }

      const rw = await remount(dataDir, 'rw');
      if (!rw.ok) throw new Error(`remount read-write: ${rw.error}`);
      log('erofs: the data directory is writable again');
      if (!service.current()) {
        await service.ensureUp();
        await recorder.connect(service);
      }
      const offeredBefore = recorder.offered.size;
      await scan(codes.slice(BEFORE + WHILE_READ_ONLY));
      health = await service.health();
      log(`erofs: writable again: ${recorder.offered.size - offeredBefore} of ${AFTER} new scans offered; ${health?.pendingScans ?? '?'} pending`);
      recorder.close();
    } finally {
      await sim.close();
    }

    const stored = await drainWithPage(service);
    const lost = recorder.lost(stored);
    log(
      `erofs: offered ${recorder.offered.size}, acknowledged by the page ${recorder.acked.size}, ` +
        `stored by the page after recovery ${stored.size}, lost ${lost.length}` +
        (lost.length ? ` (e.g. ${lost.slice(0, 5).join(' ')})` : ''),
    );
    return lost.length;
  } finally {
    recorder.close();
    await service?.stop();
    await pty?.close();
    await remount(dataDir, 'rw');
    await unmount(dataDir);
    rmSync(dir, { recursive: true, force: true });
  }
}
