import { describe, expect, it } from 'vitest';
import { ClockWatch, TIMESYNC_FLAG } from '../../device/clock.ts';

function clocks(start = Date.UTC(2026, 0, 30)) {
  let wall = start;
  let mono = 1000;
  return {
    probes: { wallNow: () => wall, monotonicNow: () => mono },
    pass(ms: number) {
      wall += ms;
      mono += ms;
    },
    setWall(ms: number) {
      wall = ms;
    },
  };
}

describe('clock watch', () => {
  it('trusts a clock timesyncd has synchronised', async () => {
    const c = clocks();
    const watch = new ClockWatch({ ...c.probes, flagExists: async (path) => path === TIMESYNC_FLAG, timedatectl: async () => 'no' });
    expect(await watch.state()).toMatchObject({ synchronized: true, source: 'timesyncd', warn: false, jumps: [] });
  });

  it('warns while timedatectl says not synchronised, or when the date is before 2025', async () => {
    const c = clocks();
    const notSynced = new ClockWatch({ ...c.probes, flagExists: async () => false, timedatectl: async () => 'no' });
    expect(await notSynced.state()).toMatchObject({ synchronized: false, source: 'timedatectl', warn: true });

    const old = clocks(Date.UTC(1970, 0, 1, 0, 0, 30));
    const unknown = new ClockWatch({ ...old.probes, flagExists: async () => false, timedatectl: async () => undefined });
    expect(await unknown.state()).toMatchObject({ synchronized: 'unknown', source: 'none', implausible: true, warn: true });
  });

  it('notices the wall clock jumping against the monotonic clock', async () => {
    const c = clocks(Date.UTC(2025, 5, 1));
    const watch = new ClockWatch({ ...c.probes, flagExists: async () => false, timedatectl: async () => undefined });
    c.pass(10_000);
    watch.check();
    c.pass(10_000);
    c.setWall(Date.UTC(2026, 0, 30)); // NTP sets the clock right
    watch.check();
    c.pass(30_000); // normal time passing: no jump
    const state = await watch.state();
    expect(state.jumps).toHaveLength(1);
    expect(state.jumps[0]!.byMs).toBe(Date.UTC(2026, 0, 30) - Date.UTC(2025, 5, 1) - 20_000);
  });
});

describe('GET /clock', () => {
  it('tells the page whether to warn about the date', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { ScanJournal } = await import('../../device/journal.ts');
    const { ScanHub } = await import('../../device/scan-hub.ts');
    const { startKioskServer } = await import('../../device/server.ts');
    const dir = mkdtempSync(join(tmpdir(), 'clock-'));
    const journal = ScanJournal.open(dir);
    const hub = new ScanHub(journal, { version: '9.9.9', doubleReadMs: 300 });
    const clock = new ClockWatch({ ...clocks().probes, flagExists: async () => false, timedatectl: async () => 'no' });
    const server = await startKioskServer({ hub, port: 0, version: '9.9.9', clock });
    try {
      const state = (await (await fetch(`${server.url}clock`)).json()) as { warn: boolean; synchronized: boolean };
      expect(state).toMatchObject({ warn: true, synchronized: false });
    } finally {
      await server.close();
      journal.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
