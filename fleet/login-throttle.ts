/**
 * Slows password guessing at the login: after a few failed logins for one
 * login name, that name is locked for a while, and the lock doubles with each
 * further failure (1 min, 2, 4 … at most 15 min). A locked login is refused
 * with 429 before the password is hashed, so a guesser costs the collector no
 * scrypt work either. Keyed by the login rather than the address: reps sign in
 * from phones whose addresses change, and a guesser spreads over addresses
 * easily. The price — someone can keep a login locked by failing on purpose —
 * is bounded by the 15-minute cap, and a manager can still sign in with their own.
 * Kept in memory: one collector process; several behind a balancer would move
 * this into PostgreSQL.
 */
export const FREE_FAILURES = 5;
export const FIRST_LOCK_MS = 60_000;
export const MAX_LOCK_MS = 15 * 60_000;

interface Failures {
  count: number;
  lockedUntil: number;
}

export class LoginThrottle {
  private readonly failures = new Map<string, Failures>();
  constructor(private readonly now: () => number = () => performance.timeOrigin + performance.now()) {}

  /** Milliseconds until this login may try again; 0 when it may now. */
  waitMs(login: string): number {
    const f = this.failures.get(login.toLowerCase());
    return f ? Math.max(0, f.lockedUntil - this.now()) : 0;
  }

  failed(login: string): void {
    const key = login.toLowerCase();
    const f = this.failures.get(key) ?? { count: 0, lockedUntil: 0 };
    f.count++;
    if (f.count >= FREE_FAILURES) {
      f.lockedUntil = this.now() + Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (f.count - FREE_FAILURES));
    }
    this.failures.set(key, f);
    // Forget names long unlocked, so that guessing many names cannot fill the memory.
    if (this.failures.size > 10_000) {
      const now = this.now();
      for (const [k, v] of this.failures) if (v.lockedUntil + MAX_LOCK_MS < now) this.failures.delete(k);
    }
  }

  succeeded(login: string): void {
    this.failures.delete(login.toLowerCase());
  }
}
