/**
 * Drops a scanner's accidental second read of the same label.
 *
 * Many scanners re-decode the label they are still pointed at within one trigger
 * pull (or in presentation mode as the pack is held in the beam); those repeats
 * typically land ~100–250 ms after the first read. A person scanning the same
 * pack again on purpose (two packs of the same cigarettes) needs more than about
 * half a second to lift and present it again. 300 ms sits between the two: it
 * swallows the repeats without eating deliberate rescans.
 *
 * Times must come from a monotonic clock (performance.now()): the Pi has no
 * RTC, and a wall-clock jump (NTP sync after boot) would otherwise either drop
 * real scans or let repeats through.
 */

export const DEFAULT_DOUBLE_READ_MS = 300;

export class DoubleReadFilter {
  readonly windowMs: number;
  /** Code → monotonic time of its last accepted read, oldest first. */
  private readonly _lastAccepted = new Map<string, number>();

  constructor(windowMs: number = DEFAULT_DOUBLE_READ_MS) {
    if (!Number.isFinite(windowMs) || windowMs < 0) {
      throw new RangeError(`double-read window must be a finite number of ms >= 0: ${String(windowMs)}`);
    }
    this.windowMs = windowMs;
  }

  /**
   * True when this read counts as a scan. A repeat inside the window is dropped
   * and does not extend the window: the window runs from the last accepted read.
   */
  accept(code: string, atMonotonicMs: number): boolean {
    this._forgetOlderThan(atMonotonicMs - this.windowMs);
    const last = this._lastAccepted.get(code);
    if (last !== undefined && atMonotonicMs - last < this.windowMs) return false;
    // Delete first so the Map's insertion order stays oldest-first.
    this._lastAccepted.delete(code);
    this._lastAccepted.set(code, atMonotonicMs);
    return true;
  }

  /** Forget everything (e.g. after the scanner reconnects). */
  clear(): void {
    this._lastAccepted.clear();
  }

  /** Codes remembered; bounded by how many distinct codes fit in one window. */
  get size(): number {
    return this._lastAccepted.size;
  }

  private _forgetOlderThan(cutoff: number): void {
    for (const [code, at] of this._lastAccepted) {
      if (at > cutoff) break;
      this._lastAccepted.delete(code);
    }
  }
}
