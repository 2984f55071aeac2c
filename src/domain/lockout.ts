/**
 * Lockout after wrong PINs: after 5 wrong in a row the pad locks for 30 s, and
 * every further wrong PIN doubles the lock, up to 15 minutes. A right PIN resets it.
 *
 * Time: a Pi without a network may jump its wall clock at boot (no RTC) or when
 * NTP catches up, so the lock is never computed from wall-clock timestamps. It
 * is kept as the time still to wait (`remainingMs`), counted down with a
 * monotonic clock (performance.now()) while the page lives and saved as it
 * goes; after a reload or a restart the saved remainder is waited out in full.
 * A reload can therefore lengthen a lock (by the time the terminal was off, at
 * most), never shorten it, whichever way the wall clock jumped.
 */

export const FREE_ATTEMPTS = 5;
export const FIRST_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 15 * 60_000;

/** What is kept across reloads. */
export interface LockoutState {
  /** Wrong PINs in a row. */
  failures: number;
  /** Time still to wait before the next try, in ms (0: not locked). */
  remainingMs: number;
}

export const NO_LOCKOUT: LockoutState = { failures: 0, remainingMs: 0 };

/** How long the pad locks after the `failures`-th wrong PIN in a row. */
export function lockAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  const doublings = failures - FREE_ATTEMPTS;
  // 30 s · 2^n, capped; the cap is reached at n = 5, so no overflow.
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** Math.min(doublings, 16));
}

/** A saved state, read defensively: a damaged record locks for the longest time rather than none. */
export function readLockoutState(value: unknown): LockoutState {
  if (value === undefined || value === null) return NO_LOCKOUT;
  const record = value as Partial<LockoutState>;
  const failures = record.failures;
  const remaining = record.remainingMs;
  if (typeof failures !== 'number' || !Number.isInteger(failures) || failures < 0)
    return { failures: FREE_ATTEMPTS, remainingMs: MAX_LOCK_MS };
  if (typeof remaining !== 'number' || !Number.isFinite(remaining) || remaining < 0) return { failures, remainingMs: MAX_LOCK_MS };
  return { failures, remainingMs: Math.min(remaining, MAX_LOCK_MS) };
}

/**
 * The lockout as it runs in one page life. `now` is a monotonic clock in ms
 * (performance.now() in the page, a fake in tests).
 */
export class PinLockout {
  private failures: number;
  private remainingAtMark: number;
  private mark: number;

  constructor(
    state: LockoutState,
    private readonly now: () => number,
  ) {
    this.failures = state.failures;
    this.remainingAtMark = state.remainingMs;
    this.mark = now();
  }

  /** Ms still to wait; 0 when a PIN may be tried. */
  remainingMs(): number {
    // A monotonic clock never goes back; if a fake one does, elapsed counts as 0.
    const elapsed = Math.max(0, this.now() - this.mark);
    return Math.max(0, this.remainingAtMark - elapsed);
  }

  isLocked(): boolean {
    return this.remainingMs() > 0;
  }

  /** A wrong PIN: one more failure, maybe a lock. Returns the lock now in force. */
  fail(): number {
    this.failures++;
    this.remainingAtMark = lockAfter(this.failures);
    this.mark = this.now();
    return this.remainingAtMark;
  }

  /** A right PIN: all forgiven. */
  succeed(): void {
    this.failures = 0;
    this.remainingAtMark = 0;
    this.mark = this.now();
  }

  /** What to save: the remainder now, to be waited out in full after a reload. */
  state(): LockoutState {
    return { failures: this.failures, remainingMs: this.remainingMs() };
  }

  /** Wrong PINs in a row so far. */
  get failureCount(): number {
    return this.failures;
  }
}
