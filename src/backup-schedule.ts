/**
 * Daily backups without anyone pressing a button: shortly after the page
 * starts, and every hour after, if the newest backup the service holds is more
 * than 20 hours old, the page exports the database and sends it to the service
 * (which keeps it and copies it to a USB stick). The kiosk runs all day, so
 * this is one backup a day, made while the shop is open.
 *
 * Right after a backup the service has kept, raw scans past the retention age
 * are deleted (their movements and daily totals stay), if the service reports
 * the clock synchronised: what goes is in the backup just made.
 *
 * Every check (the first two minutes after the page starts, then hourly)
 * first runs the compaction (issue 14): rows of days that are over are folded
 * into blocks. It is idempotent and finds nothing to do but once a day.
 */
// The backup, retention and compaction code is loaded at the first check, two
// minutes after start, not with the counter (issue 9's initial-JS budget).
const backupCode = () => import('./data/backup.ts');
const retentionCode = () => import('./data/retention.ts');

const DUE_AFTER_MS = 20 * 3_600_000;
const CHECK_EVERY_MS = 3_600_000;
const FIRST_CHECK_MS = 2 * 60_000;

interface Listed {
  where: string;
  header: { createdAt: number };
}

export type BackupRun = 'saved' | 'not-due' | 'failed';

/** Back up now if the last one is old (or `force`). */
export async function backUpIfDue(options: { force?: boolean; now?: number } = {}): Promise<BackupRun> {
  const now = options.now ?? Date.now();
  try {
    if (!options.force) {
      const list = (await (await fetch('/backups', { cache: 'no-store' })).json()) as { backups: Listed[] };
      const newest = Math.max(0, ...list.backups.filter((b) => b.where === 'terminal').map((b) => b.header.createdAt));
      // A backup "from the future" means the clock was wrong then or is wrong now: make a new one.
      if (newest <= now && now - newest < DUE_AFTER_MS) return 'not-due';
    }
    const { createBackup } = await backupCode();
    const { bytes } = await createBackup(now);
    const res = await fetch('/backups', { method: 'PUT', body: bytes as Uint8Array<ArrayBuffer> });
    if (!res.ok) throw new Error(`the service refused the backup: ${res.status} ${await res.text()}`);
    const clock = (await (await fetch('/clock', { cache: 'no-store' })).json()) as { synchronized: boolean | 'unknown' };
    const { pruneOldScans } = await retentionCode();
    const pruned = await pruneOldScans({ now, clockTrusted: clock.synchronized === true });
    if (pruned > 0) console.info(`retention: deleted ${pruned} raw scans older than 13 months`);
    return 'saved';
  } catch (error) {
    console.error('backup failed', error);
    return 'failed';
  }
}

export function startBackupSchedule(): void {
  // A browser under automation (tests, benchmarks) does not back up by itself:
  // an export in the middle of bench:scan would be measured as scan latency.
  if (navigator.webdriver) return;
  const run = () =>
    void retentionCode()
      .then(({ compactOldRows }) => compactOldRows())
      .catch((error: unknown) => console.error('compaction failed', error))
      .then(() => backUpIfDue());
  setTimeout(run, FIRST_CHECK_MS);
  setInterval(run, CHECK_EVERY_MS);
}
