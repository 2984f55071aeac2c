/**
 * Tells a keyboard-wedge (USB HID) barcode scanner from a person at a keyboard.
 *
 * A wedge scanner "types" the code as key events: measured scanners send one
 * key every ~1–15 ms and finish with Enter (or Tab, depending on setup). People
 * almost never sustain less than ~60 ms per key; even fast typists only hit a
 * pair under 35 ms now and then (key rollover), never a whole run of them
 * followed by an Enter just as fast.
 *
 * So a line is a scan when every gap — between characters and before the
 * terminator — is at most `maxGapMs`, and there are at least `minLength`
 * characters. The thresholds:
 *  - maxGapMs 35: twice the slowest scanner inter-key time we expect, so a busy
 *    USB bus or a scanner set to a slow "inter-character delay" still counts,
 *    and still well under human speed. Held-key auto-repeat (~33 ms) repeats one
 *    character and never ends in an Enter at that pace, so it is not a scan.
 *  - minLength 4: shorter than the shortest code we accept from serial
 *    scanners in practice (EAN-8 is 8), long enough that a lucky pair of fast
 *    keystrokes plus Enter is not mistaken for a scan.
 *
 * Times must come from the key event (`KeyboardEvent.timeStamp`, the OS input
 * time), not from when the handler runs: a busy page delivers queued keys in a
 * burst, which would make a person look like a scanner.
 *
 * Pure: no DOM, no clock; the caller passes each key's name and time.
 */

export interface WedgeDetectorOptions {
  /** Longest gap between two keys of one scan, in ms. */
  maxGapMs?: number;
  /** Fewest characters a scan can have. */
  minLength?: number;
  /**
   * Longest line kept (the protocol's wedge limit is 1024). A longer burst is
   * cut, still sent, and rejected by the service as too long, so the owner sees why.
   */
  maxLength?: number;
  /** Keys that end a scan. */
  terminators?: readonly string[];
}

export interface WedgeLine {
  line: string;
}

export const DEFAULT_MAX_GAP_MS = 35;
export const DEFAULT_MIN_LENGTH = 4;
export const DEFAULT_MAX_LENGTH = 1024;

/** Keys a scanner may send around characters (Shift for capitals) that neither add nor break a line. */
const NEUTRAL_KEYS = new Set(['Shift', 'CapsLock', 'Unidentified', 'Dead']);

export class WedgeDetector {
  readonly maxGapMs: number;
  readonly minLength: number;
  readonly maxLength: number;
  readonly terminators: ReadonlySet<string>;

  private _buffer = '';
  private _lastAt = Number.NEGATIVE_INFINITY;

  constructor(options: WedgeDetectorOptions = {}) {
    const { maxGapMs = DEFAULT_MAX_GAP_MS, minLength = DEFAULT_MIN_LENGTH, maxLength = DEFAULT_MAX_LENGTH } = options;
    if (!(Number.isFinite(maxGapMs) && maxGapMs > 0)) throw new RangeError(`maxGapMs must be > 0, got ${maxGapMs}`);
    if (!(Number.isInteger(minLength) && minLength >= 1)) throw new RangeError(`minLength must be an integer ≥ 1, got ${minLength}`);
    if (!(Number.isInteger(maxLength) && maxLength >= minLength)) {
      throw new RangeError(`maxLength must be an integer ≥ minLength, got ${maxLength}`);
    }
    const terminators = options.terminators ?? ['Enter', 'Tab'];
    if (terminators.length === 0) throw new RangeError('at least one terminator key is needed');
    this.maxGapMs = maxGapMs;
    this.minLength = minLength;
    this.maxLength = maxLength;
    this.terminators = new Set(terminators);
  }

  /** Characters of the burst in progress (so far all at scanner speed). */
  get pending(): string {
    return this._buffer;
  }

  /**
   * True when the last key continued a burst at scanner speed (two or more
   * characters so far): the caller may keep the following keys out of a text field.
   */
  get inBurst(): boolean {
    return this._buffer.length >= 2;
  }

  /**
   * Feed one keydown. `key` is `KeyboardEvent.key`, `atMs` its time stamp.
   * Returns the line when this key ends a scan.
   */
  key(key: string, atMs: number): WedgeLine | undefined {
    if (NEUTRAL_KEYS.has(key)) return undefined;
    const fast = atMs - this._lastAt <= this.maxGapMs && atMs >= this._lastAt;

    if (this.terminators.has(key)) {
      const line = this._buffer;
      const complete = fast && line.length >= this.minLength;
      this.reset();
      return complete ? { line } : undefined;
    }

    // Only single characters are typed text; arrows, Backspace, F-keys… end any burst.
    if ([...key].length !== 1) {
      this.reset();
      return undefined;
    }

    if (!fast) {
      // Too slow to continue a scan: this character may start a new one.
      this._buffer = '';
    }
    if (this._buffer.length < this.maxLength) this._buffer += key;
    this._lastAt = atMs;
    return undefined;
  }

  reset(): void {
    this._buffer = '';
    this._lastAt = Number.NEGATIVE_INFINITY;
  }
}
