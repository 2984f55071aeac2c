/**
 * Is the wall clock to be trusted? A Pi has no real-time clock: until NTP has
 * synchronised it, it runs from the last saved time (fake-hwclock) or from
 * 1970. The terminal orders scans by boot and sequence, never by the clock, so
 * this only decides whether the owner is warned that dates may be wrong.
 *
 * Sources, in order: systemd-timesyncd's flag file
 * /run/systemd/timesync/synchronized (present once synchronised), then
 * `timedatectl show -p NTPSynchronized`. Beside them, the wall clock is
 * compared with the monotonic clock: a jump of more than a minute (NTP setting
 * a wrong clock right, or someone changing it) is remembered and reported.
 */
import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const TIMESYNC_FLAG = '/run/systemd/timesync/synchronized';
/** Smaller steps are NTP slewing or timer noise. */
export const JUMP_THRESHOLD_MS = 60_000;
/** Nothing this shop sells was sold before this: a date before it is certainly wrong. */
const EARLIEST_PLAUSIBLE = Date.UTC(2025, 0, 1);

export interface ClockState {
  synchronized: boolean | 'unknown';
  source: 'timesyncd' | 'timedatectl' | 'none';
  /** The wall clock is before 2025: certainly wrong. */
  implausible: boolean;
  /** Jumps of the wall clock against the monotonic clock since the service started, newest last. */
  jumps: { at: number; byMs: number }[];
  /** The owner should be told the date may be wrong. */
  warn: boolean;
  now: number;
}

export interface ClockProbes {
  wallNow: () => number;
  monotonicNow: () => number;
  flagExists: (path: string) => Promise<boolean>;
  timedatectl: () => Promise<string | undefined>;
}

const realProbes: ClockProbes = {
  wallNow: () => Date.now(),
  monotonicNow: () => performance.now(),
  flagExists: (path) =>
    access(path).then(
      () => true,
      () => false,
    ),
  timedatectl: async () => {
    try {
      const { stdout } = await run('timedatectl', ['show', '-p', 'NTPSynchronized', '--value'], { timeout: 3000 });
      return stdout.trim();
    } catch {
      return undefined;
    }
  },
};

export class ClockWatch {
  private readonly probes: ClockProbes;
  private offset: number;
  private readonly jumps: { at: number; byMs: number }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(probes: Partial<ClockProbes> = {}) {
    this.probes = { ...realProbes, ...probes };
    this.offset = this.probes.wallNow() - this.probes.monotonicNow();
  }

  /** Compare the clocks now (the timer calls this every 10 s). */
  check(): void {
    const offset = this.probes.wallNow() - this.probes.monotonicNow();
    const byMs = offset - this.offset;
    if (Math.abs(byMs) > JUMP_THRESHOLD_MS) {
      this.jumps.push({ at: this.probes.wallNow(), byMs: Math.round(byMs) });
      if (this.jumps.length > 20) this.jumps.shift();
    }
    this.offset = offset;
  }

  start(intervalMs = 10_000): void {
    this.timer = setInterval(() => this.check(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async state(): Promise<ClockState> {
    this.check();
    let synchronized: ClockState['synchronized'] = 'unknown';
    let source: ClockState['source'] = 'none';
    if (await this.probes.flagExists(TIMESYNC_FLAG)) {
      synchronized = true;
      source = 'timesyncd';
    } else {
      const answer = await this.probes.timedatectl();
      if (answer === 'yes' || answer === 'no') {
        synchronized = answer === 'yes';
        source = 'timedatectl';
      }
    }
    const now = this.probes.wallNow();
    const implausible = now < EARLIEST_PLAUSIBLE;
    return {
      synchronized,
      source,
      implausible,
      jumps: [...this.jumps],
      // Unknown (no timesyncd, no timedatectl) alone is no warning: a PC with a real RTC is fine.
      warn: implausible || synchronized === false,
      now,
    };
  }
}
