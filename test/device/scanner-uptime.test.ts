import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ScannerUptimeLog, localDayOf } from '../../device/scanner-uptime.ts';
import { ScanJournal } from '../../device/journal.ts';
import { ScanHub } from '../../device/scan-hub.ts';
import { startKioskServer } from '../../device/server.ts';

const MIN = 60_000;
const noon = new Date(2026, 10, 30, 12, 0, 0).getTime();

describe('ScannerUptimeLog', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('adds each minute to the day observed, and to connected when the scanner was connected at its start', () => {
    const log = new ScannerUptimeLog();
    log.sample(true, 0, noon);
    log.sample(true, MIN, noon + MIN); // +1 min connected
    log.sample(false, 2 * MIN, noon + 2 * MIN); // +1 min connected (it was connected at the start)
    log.sample(false, 3 * MIN, noon + 3 * MIN); // +1 min not connected
    expect(log.days('2026-11-30', '2026-11-30')).toEqual([{ day: '2026-11-30', observedMs: 3 * MIN, connectedMs: 2 * MIN }]);
  });

  it('takes elapsed time from the monotonic clock: a wall clock jump adds nothing, a long gap (service stopped) is not counted', () => {
    const log = new ScannerUptimeLog();
    log.sample(true, 0, noon);
    // NTP sets the wall clock a day ahead between two samples a minute apart: one minute, on the new day.
    log.sample(true, MIN, noon + 24 * 60 * MIN);
    // The service was suspended for an hour: that hour is neither observed nor connected.
    log.sample(true, 61 * MIN, noon + 24 * 60 * MIN + 60 * MIN);
    expect(log.days('2026-11-01', '2026-12-31')).toEqual([{ day: localDayOf(noon + 24 * 60 * MIN), observedMs: MIN, connectedMs: MIN }]);
  });

  it('keeps its days across a restart in its file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'uptime-'));
    dirs.push(dir);
    const file = join(dir, 'scanner-uptime.json');
    const log = new ScannerUptimeLog(file);
    log.sample(false, 0, noon);
    log.sample(false, MIN, noon + MIN);
    await log.save();
    const again = new ScannerUptimeLog(file);
    expect(again.days('2026-11-30', '2026-11-30')).toEqual([{ day: '2026-11-30', observedMs: MIN, connectedMs: 0 }]);
  });

  it('is served on loopback as GET /scanner-uptime?from=&to=, and refuses a malformed period', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'uptime-server-'));
    dirs.push(dir);
    const journal = ScanJournal.open(dir);
    const log = new ScannerUptimeLog();
    log.sample(true, 0, noon);
    log.sample(true, 2 * MIN, noon + 2 * MIN);
    const server = await startKioskServer({
      hub: new ScanHub(journal, { version: 't', doubleReadMs: 300 }),
      port: 0,
      version: 't',
      scannerUptime: log,
    });
    try {
      const ok = await fetch(`http://127.0.0.1:${server.port}/scanner-uptime?from=2026-11-01&to=2026-11-30`);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ days: [{ day: '2026-11-30', observedMs: 2 * MIN, connectedMs: 2 * MIN }] });
      expect((await fetch(`http://127.0.0.1:${server.port}/scanner-uptime?from=yesterday&to=2026-11-30`)).status).toBe(400);
    } finally {
      await server.close();
      journal.close();
    }
  });
});
