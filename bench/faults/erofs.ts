/**
 * Read-only disk: an SD card that turns read-only. Two real ways it happens:
 *
 *  1. Under the running service: the data directory is a small ext4 image on a
 *     loop device mounted `errors=remount-ro`, and an ext4 error is raised
 *     (`/sys/fs/ext4/<dev>/trigger_fs_error`), so the kernel remounts it
 *     read-only at once, open files and all — what ext4 does on a failing
 *     card. Linux then refuses to make it writable again until it is
 *     unmounted, so recovery is the owner's reboot: the service is stopped
 *     (planned), the image checked (e2fsck) and mounted again, the service
 *     started.
 *  2. Found read-only at start: a tmpfs remounted read-only while the service
 *     is stopped (Linux refuses a plain read-only remount while the journal is
 *     open for writing), the service started on it, then the disk made
 *     writable again under the running service: it must recover by itself.
 *
 * In both, scans are pending (the page is slow to store) when it happens;
 * while read-only, the page acknowledges some and the scanner keeps scanning;
 * afterwards a real kiosk page drains what the service still offers.
 *
 * erofs_lost = scans offered to the page as journaled, neither acknowledged by
 * it nor stored by the page after recovery (both cases summed).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeEan13Codes } from '../../test/helpers/kiosk-page.ts';
import {
  log,
  mountTmpfs,
  remount,
  runDiskFault,
  trackMount,
  unmount,
  type FaultDisk,
  type OfferRecorder,
  type ServiceSupervisor,
  type Supervised,
} from './lib.ts';

const BEFORE = 40;
const WHILE_READ_ONLY = 20;
const AFTER = 10;

function run(cmd: string, args: string[]): Promise<{ ok: boolean; out: string }> {
  return new Promise((resolve) =>
    execFile(cmd, args, (error, stdout, stderr) => resolve({ ok: !error, out: `${stdout}${stderr}`.trim() || (error?.message ?? '') })),
  );
}

interface ReadOnlyDisk extends FaultDisk {
  name: string;
  /** Makes the disk read-only; may stop and start the service on the way (planned). */
  makeReadOnly(dataDir: string, service: Supervised, recorder: OfferRecorder): Promise<void>;
  /** Makes the disk writable again; may stop and start the service on the way (planned). */
  makeWritable(dataDir: string, service: Supervised, recorder: OfferRecorder): Promise<void>;
}

/** ext4 on a loop device, forced read-only by an ext4 error under the running service. */
function ext4Emergency(dir: string): ReadOnlyDisk {
  const image = join(dir, 'card.img');
  let device = '';
  const mountCard = async (dataDir: string) => {
    const mounted = await run('mount', ['-o', 'loop,errors=remount-ro', image, dataDir]);
    if (!mounted.ok) throw new Error(`mount the ext4 image: ${mounted.out}`);
    trackMount(dataDir);
    device = (await run('findmnt', ['-no', 'SOURCE', dataDir])).out;
  };
  return {
    name: 'ext4 card turned read-only under the running service',
    async prepare(dataDir) {
      mkdirSync(dataDir, { recursive: true });
      const made = await run('truncate', ['-s', '8M', image]);
      const fs = made.ok ? await run('mkfs.ext4', ['-q', '-F', image]) : made;
      if (!fs.ok) throw new Error(`make an ext4 image: ${fs.out}`);
      await mountCard(dataDir);
    },
    async makeReadOnly() {
      await writeFile(`/sys/fs/ext4/${basename(device)}/trigger_fs_error`, 'faults: the card failed\n');
      log(`erofs: ext4 error raised on ${device}: the kernel remounted the data directory read-only under the service`);
    },
    async makeWritable(dataDir, service, recorder) {
      log('erofs: the owner reboots: service stopped, the card checked (e2fsck) and mounted again, service started');
      await service.stop();
      await unmount(dataDir);
      await run('e2fsck', ['-fy', image]);
      await mountCard(dataDir);
      await service.ensureUp();
      await recorder.connect(service);
    },
    async cleanup(dataDir) {
      await unmount(dataDir);
    },
  };
}

/** A tmpfs found read-only when the service starts, made writable again under it. */
function tmpfsAtStart(): ReadOnlyDisk {
  return {
    name: 'disk found read-only at start, writable again later',
    async prepare(dataDir) {
      await mountTmpfs(dataDir, '1m');
    },
    async makeReadOnly(dataDir, service, recorder) {
      const live = await remount(dataDir, 'ro');
      if (live.ok) {
        log('erofs: the data directory is read-only under the running service');
        return;
      }
      log(
        `erofs: Linux refuses a plain read-only remount while the journal is open (${live.error.split('\n')[0]}); service stopped, disk remounted read-only, service started on it`,
      );
      await service.stop();
      const ro = await remount(dataDir, 'ro');
      if (!ro.ok) throw new Error(`remount read-only: ${ro.error}`);
      await service.ensureUp();
      await recorder.connect(service);
    },
    async makeWritable(dataDir, service, recorder) {
      const rw = await remount(dataDir, 'rw');
      if (!rw.ok) throw new Error(`remount read-write: ${rw.error}`);
      log('erofs: the data directory is writable again under the running service');
      if (!service.current()) {
        log('erofs: the service is down; starting it (as systemd would)');
        await service.ensureUp();
        await recorder.connect(service);
      }
    },
    async cleanup(dataDir) {
      await remount(dataDir, 'rw');
      await unmount(dataDir);
    },
  };
}

function readOnlyCase(supervisor: ServiceSupervisor, dir: string, disk: ReadOnlyDisk, codeStart: number): Promise<number> {
  log(`erofs: ${disk.name}`);
  return runDiskFault(supervisor, 'erofs', dir, disk, async ({ service, recorder, scan: scanEach }, dataDir) => {
    const codes = makeEan13Codes(BEFORE + WHILE_READ_ONLY + AFTER, codeStart);
    const scan = async (batch: string[]) => {
      await scanEach(batch);
      await sleep(300);
    };
    await scan(codes.slice(0, BEFORE));
    log(`erofs: ${BEFORE} scanned, ${recorder.offered.size} offered; the page acknowledged ${await recorder.ackOldest(10)}`);

    await disk.makeReadOnly(dataDir, service, recorder);
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

    await disk.makeWritable(dataDir, service, recorder);
    const offeredBefore = recorder.offered.size;
    await scan(codes.slice(BEFORE + WHILE_READ_ONLY));
    health = await service.health();
    log(
      `erofs: writable again: ${recorder.offered.size - offeredBefore} of ${AFTER} new scans offered; ${health?.pendingScans ?? '?'} pending`,
    );
  });
}

export async function erofsScenario(supervisor: ServiceSupervisor): Promise<number> {
  let lost = 0;
  const ext4Dir = mkdtempSync(join(tmpdir(), 'faults-erofs-ext4-'));
  try {
    const loop = await run('losetup', ['-f']);
    const ext4 = await run('sh', ['-c', 'command -v mkfs.ext4 && grep -qw ext4 /proc/filesystems']);
    if (loop.ok && ext4.ok) lost += await readOnlyCase(supervisor, ext4Dir, ext4Emergency(ext4Dir), 400_000);
    else log(`erofs: SKIPPED the ext4 case: ${loop.ok ? 'no ext4 (mkfs.ext4 or the kernel module)' : `no free loop device (${loop.out})`}`);
  } finally {
    rmSync(ext4Dir, { recursive: true, force: true });
  }
  const tmpfsDir = mkdtempSync(join(tmpdir(), 'faults-erofs-tmpfs-'));
  try {
    lost += await readOnlyCase(supervisor, tmpfsDir, tmpfsAtStart(), 450_000);
  } finally {
    rmSync(tmpfsDir, { recursive: true, force: true });
  }
  return lost;
}
