/**
 * How long the counter scanner was connected while the service ran, per local
 * day: the 信息采集 (scan capture) function's "scanner uptime" in the rep's
 * quarterly evaluation (issue 12). The service samples the scanners once a
 * minute; each sample adds the time since the last one to the day's observed
 * time, and to its connected time when a counter scanner was connected then.
 *
 * Elapsed time comes from the monotonic clock, so a wall clock set right by
 * NTP never adds or removes hours; only the day a sample falls on comes from
 * the wall clock. Kept in a small JSON file in the data directory (written
 * atomically), pruned to the last 400 days.
 */
import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';

export interface UptimeDay {
  day: string;
  observedMs: number;
  connectedMs: number;
}

/** A sample more than this after the last one was a suspended or stopped service: not counted. */
const MAX_GAP_MS = 5 * 60_000;
const KEEP_DAYS = 400;

/** The local day of a wall-clock time, as the kiosk page counts days ('YYYY-MM-DD'). */
export function localDayOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export class ScannerUptimeLog {
  private readonly _days = new Map<string, UptimeDay>();
  private _last?: { mono: number; connected: boolean } | undefined;

  constructor(private readonly file?: string) {
    if (!file) return;
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      if (Array.isArray(stored)) {
        for (const d of stored as UptimeDay[]) {
          if (typeof d?.day === 'string' && Number.isFinite(d.observedMs) && Number.isFinite(d.connectedMs))
            this._days.set(d.day, { ...d });
        }
      }
    } catch {
      // No file yet, or unreadable: start afresh (uptime is a figure for the rep, not the shop's data).
    }
  }

  /** One sample: is a counter scanner connected now? */
  sample(connected: boolean, monoNow: number, wallNow: number): void {
    const last = this._last;
    this._last = { mono: monoNow, connected };
    if (!last) return;
    const elapsed = monoNow - last.mono;
    if (elapsed <= 0 || elapsed > MAX_GAP_MS) return;
    const day = localDayOf(wallNow);
    const entry = this._days.get(day) ?? { day, observedMs: 0, connectedMs: 0 };
    entry.observedMs += elapsed;
    // The time since the last sample is credited as it was then.
    if (last.connected) entry.connectedMs += elapsed;
    this._days.set(day, entry);
  }

  /** The days from `from` to `to` ('YYYY-MM-DD', both included), oldest first. */
  days(from: string, to: string): UptimeDay[] {
    return [...this._days.values()].filter((d) => d.day >= from && d.day <= to).sort((a, b) => (a.day < b.day ? -1 : 1));
  }

  async save(): Promise<void> {
    if (!this.file) return;
    const kept = [...this._days.values()].sort((a, b) => (a.day < b.day ? -1 : 1)).slice(-KEEP_DAYS);
    this._days.clear();
    for (const d of kept) this._days.set(d.day, d);
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, JSON.stringify(kept));
    await rename(tmp, this.file);
  }
}
