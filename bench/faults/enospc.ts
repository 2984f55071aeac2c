/**
 * Full disk: the data directory is a 64 KB tmpfs. Scans arrive while the page
 * is not storing them (its IndexedDB failing), so the journal fills the disk;
 * then the page acknowledges some (ack lines and compaction on a full disk)
 * while the scanner keeps scanning. Then space comes back (the tmpfs grows to
 * 2 MB), the service is restarted if it is down (as systemd would), and a real
 * kiosk page drains what is left.
 *
 * enospc_lost = scans offered to the page as journaled, neither acknowledged by
 * it nor stored by the page after recovery.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSimEnd, startPtyPair, writeLine } from '../../test/helpers/pty.ts';
import { freePort } from '../../test/helpers/service.ts';
import { makeEan13Codes } from '../../test/helpers/kiosk-page.ts';
import { OfferRecorder, log, mountTmpfs, remount, unmount, type ServiceSupervisor } from './lib.ts';

const SCANS_WHILE_FILLING = 320;
const ACK_AFTER = 180;
const ACKS = 60;
const SCANS_AFTER_RECOVERY = 20;

export async function enospcScenario(supervisor: ServiceSupervisor): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'faults-enospc-'));
  const dataDir = join(dir, 'data');
  const recorder = new OfferRecorder();
  let pty: Awaited<ReturnType<typeof startPtyPair>> | undefined;
  let service: Awaited<ReturnType<ServiceSupervisor['supervise']>> | undefined;
  try {
    await mountTmpfs(dataDir, '64k');
    pty = await startPtyPair(dir);
    service = await supervisor.supervise('enospc', { dataDir, scannerPath: pty.devicePath, port: await freePort() });
    await service.current()!.waitForScanners();
    await recorder.connect(service);
    log(`enospc: 64 KB tmpfs as the data directory; scanning ${SCANS_WHILE_FILLING} while the page stores none`);

    const codes = makeEan13Codes(SCANS_WHILE_FILLING + SCANS_AFTER_RECOVERY, 300_000);
    const sim = await openSimEnd(pty.simPath);
    try {
      let restarts = 0;
      for (let i = 0; i < SCANS_WHILE_FILLING; i++) {
        await writeLine(sim, codes[i]!, { baud: 115_200 });
        await sleep(15);
        if (i === ACK_AFTER) {
          const acked = await recorder.ackOldest(ACKS);
          log(`enospc: the page acknowledged ${acked} scans, one message each, on a nearly full disk`);
        }
        if ((i + 1) % 40 === 0) {
          const health = await service.health();
          log(
            `enospc: ${i + 1} scanned, ${recorder.offered.size} offered as journaled; service ` +
              (health ? `up, ${health.pendingScans} pending` : 'DOWN'),
          );
          // systemd restarts a dead service (Restart=always); a few tries, not a loop for ever.
          if (!health && restarts < 3) {
            restarts++;
            if (await service.ensureUp()) await recorder.connect(service);
          }
        }
      }
      // Let the last scans be journaled (or refused) before the disk comes back.
      await sleep(500);
      log('enospc: freeing space (the tmpfs grows to 2 MB)');
      const grown = await remount(dataDir, 'size=2m');
      if (!grown.ok) log(`enospc: could not grow the tmpfs: ${grown.error}`);
      if (!service.current()) {
        log('enospc: the service is down; starting it again on the freed disk');
        await service.ensureUp();
        await recorder.connect(service);
      }
      // The service must take new scans again by itself.
      const offeredBefore = recorder.offered.size;
      for (const code of codes.slice(SCANS_WHILE_FILLING)) {
        await writeLine(sim, code, { baud: 115_200 });
        await sleep(15);
      }
      await sleep(500);
      recorder.close();
      log(`enospc: after recovery ${recorder.offered.size - offeredBefore} of ${SCANS_AFTER_RECOVERY} new scans offered`);
    } finally {
      await sim.close();
    }

    return await recorder.countLostAfterDrain('enospc', service);
  } finally {
    recorder.close();
    await service?.stop();
    await pty?.close();
    await unmount(dataDir);
    rmSync(dir, { recursive: true, force: true });
  }
}
