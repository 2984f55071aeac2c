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
import { makeEan13Codes } from '../../test/helpers/kiosk-page.ts';
import { log, mountTmpfs, remount, runDiskFault, unmount, type ServiceSupervisor } from './lib.ts';

const SCANS_WHILE_FILLING = 320;
const ACK_AFTER = 180;
const ACKS = 60;
const SCANS_AFTER_RECOVERY = 20;

export async function enospcScenario(supervisor: ServiceSupervisor): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'faults-enospc-'));
  try {
    const disk = { prepare: (dataDir: string) => mountTmpfs(dataDir, '64k'), cleanup: unmount };
    return await runDiskFault(supervisor, 'enospc', dir, disk, async ({ service, recorder, scan }, dataDir) => {
      log(`enospc: 64 KB tmpfs as the data directory; scanning ${SCANS_WHILE_FILLING} while the page stores none`);
      const codes = makeEan13Codes(SCANS_WHILE_FILLING + SCANS_AFTER_RECOVERY, 300_000);
      let restarts = 0;
      for (let i = 0; i < SCANS_WHILE_FILLING; i++) {
        await scan([codes[i]!]);
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
      await scan(codes.slice(SCANS_WHILE_FILLING));
      await sleep(500);
      recorder.close(); // takes in the last offers before counting them
      log(`enospc: after recovery ${recorder.offered.size - offeredBefore} of ${SCANS_AFTER_RECOVERY} new scans offered`);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
