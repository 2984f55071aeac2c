import { describe, expect, it } from 'vitest';
import {
  checkPin,
  formatRecoveryCode,
  hashPin,
  isRecoveryCodeShape,
  isValidPin,
  newRecoveryCode,
  normalizeRecoveryCode,
  pinProblem,
} from '../../src/domain/pin.ts';
import { FIRST_LOCK_MS, MAX_LOCK_MS, NO_LOCKOUT, PinLockout, lockAfter, readLockoutState } from '../../src/domain/lockout.ts';
import { DEFAULT_IDLE_LOCK_MINUTES, OWNER_ONLY_ACTIONS, idleExpired, idleLockMinutes, roleMay } from '../../src/domain/roles.ts';

/** Tests hash with few iterations: the rules are the same, the wait is not. */
const FAST = 10;

class FakeClock {
  t = 1_000;
  now = () => this.t;
  advance(ms: number) {
    this.t += ms;
  }
}

describe('PIN format', () => {
  it('takes 4 to 8 digits only', () => {
    expect(isValidPin('1234')).toBe(true);
    expect(isValidPin('12345678')).toBe(true);
    expect(pinProblem('123')).toBe('too-short');
    expect(pinProblem('123456789')).toBe('too-long');
    expect(pinProblem('12a4')).toBe('not-digits');
    expect(pinProblem('１２３４')).toBe('not-digits');
    expect(pinProblem('')).toBe('too-short');
  });
});

describe('PIN hashing (PBKDF2-SHA-256)', () => {
  it('stores no digits, salts each PIN afresh and checks only the right PIN', async () => {
    const a = await hashPin('4711', FAST);
    const b = await hashPin('4711', FAST);
    expect(a.algorithm).toBe('PBKDF2-SHA-256');
    expect(a.iterations).toBe(FAST);
    expect(JSON.stringify(a)).not.toContain('4711');
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(await checkPin('4711', a)).toBe(true);
    expect(await checkPin('4711', b)).toBe(true);
    expect(await checkPin('4712', a)).toBe(false);
    expect(await checkPin('47110', a)).toBe(false);
  });

  it('checks with the iteration count the hash was made with', async () => {
    const old = await hashPin('0000', 3);
    expect(await checkPin('0000', old)).toBe(true);
    expect(await checkPin('0000', { ...old, iterations: 4 })).toBe(false);
  });

  it('matches a known PBKDF2-SHA-256 vector (password/salt, 1 iteration)', async () => {
    const expected = '120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b';
    const bytes = expected.match(/../g)!.map((h) => parseInt(h, 16));
    const stored = { algorithm: 'PBKDF2-SHA-256' as const, iterations: 1, salt: btoa('salt'), hash: btoa(String.fromCharCode(...bytes)) };
    expect(await checkPin('password', stored)).toBe(true);
    expect(await checkPin('passwore', stored)).toBe(false);
  });
});

describe('recovery code', () => {
  it('is 12 digits, grouped for writing down, read back without spaces, checked like a PIN', async () => {
    const code = newRecoveryCode();
    expect(isRecoveryCodeShape(code)).toBe(true);
    const shown = formatRecoveryCode(code);
    expect(shown).toMatch(/^\d{4} \d{4} \d{4}$/);
    expect(normalizeRecoveryCode(shown)).toBe(code);
    expect(normalizeRecoveryCode(shown.replace(/ /g, '-'))).toBe(code);
    const stored = await hashPin(code, FAST);
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(await checkPin(normalizeRecoveryCode(shown), stored)).toBe(true);
    expect(await checkPin('000000000000', stored)).toBe(code === '000000000000');
  });

  it('differs every time (fresh randomness)', () => {
    const codes = new Set(Array.from({ length: 50 }, () => newRecoveryCode()));
    expect(codes.size).toBe(50);
  });

  it('uses the randomness it is given', () => {
    expect(newRecoveryCode((bytes) => bytes.fill(0))).toBe('000000000000');
    expect(isRecoveryCodeShape('12345678901')).toBe(false);
  });
});

describe('lockout schedule', () => {
  it('lets 4 wrong PINs pass, locks 30 s at the 5th, doubles, caps at 15 minutes', () => {
    expect([1, 2, 3, 4].map(lockAfter)).toEqual([0, 0, 0, 0]);
    expect(lockAfter(5)).toBe(30_000);
    expect(lockAfter(6)).toBe(60_000);
    expect(lockAfter(7)).toBe(120_000);
    expect(lockAfter(9)).toBe(480_000);
    expect(lockAfter(10)).toBe(MAX_LOCK_MS);
    expect(lockAfter(1_000)).toBe(MAX_LOCK_MS);
  });

  it('counts down on the monotonic clock and opens when the time is up', () => {
    const clock = new FakeClock();
    const lockout = new PinLockout(NO_LOCKOUT, clock.now);
    for (let i = 0; i < 4; i++) expect(lockout.fail()).toBe(0);
    expect(lockout.isLocked()).toBe(false);
    expect(lockout.fail()).toBe(FIRST_LOCK_MS);
    expect(lockout.isLocked()).toBe(true);
    clock.advance(29_999);
    expect(lockout.remainingMs()).toBe(1);
    clock.advance(1);
    expect(lockout.isLocked()).toBe(false);
    expect(lockout.fail()).toBe(60_000);
    clock.advance(10_000);
    expect(lockout.state()).toEqual({ failures: 6, remainingMs: 50_000 });
    lockout.succeed();
    expect(lockout.state()).toEqual(NO_LOCKOUT);
  });

  it('after a reload waits out the saved remainder in full, whatever the time between', () => {
    const clock = new FakeClock();
    const before = new PinLockout(NO_LOCKOUT, clock.now);
    for (let i = 0; i < 6; i++) before.fail();
    clock.advance(20_000);
    const saved = before.state();
    expect(saved.remainingMs).toBe(40_000);
    // A new page life: performance.now() starts again near 0, the wall clock may have jumped either way.
    const restarted = new FakeClock();
    restarted.t = 5;
    const after = new PinLockout(saved, restarted.now);
    expect(after.remainingMs()).toBe(40_000);
    restarted.advance(39_999);
    expect(after.isLocked()).toBe(true);
    restarted.advance(1);
    expect(after.isLocked()).toBe(false);
    // The next wrong PIN keeps doubling from where it was.
    expect(after.fail()).toBe(120_000);
  });

  it('never shortens a lock when the clock goes backwards', () => {
    const clock = new FakeClock();
    const lockout = new PinLockout({ failures: 5, remainingMs: 30_000 }, clock.now);
    clock.advance(-1_000_000);
    expect(lockout.remainingMs()).toBe(30_000);
  });

  it('reads a damaged saved state as the longest lock, a missing one as none', () => {
    expect(readLockoutState(undefined)).toEqual(NO_LOCKOUT);
    expect(readLockoutState({ failures: 2, remainingMs: 0 })).toEqual({ failures: 2, remainingMs: 0 });
    expect(readLockoutState({ failures: 'x' })).toEqual({ failures: 5, remainingMs: MAX_LOCK_MS });
    expect(readLockoutState({ failures: 7, remainingMs: Number.NaN })).toEqual({ failures: 7, remainingMs: MAX_LOCK_MS });
    expect(readLockoutState({ failures: 7, remainingMs: 10 * MAX_LOCK_MS })).toEqual({ failures: 7, remainingMs: MAX_LOCK_MS });
  });
});

describe('roles', () => {
  it('gives every owner-only action to the owner alone', () => {
    for (const action of OWNER_ONLY_ACTIONS) {
      expect(roleMay('owner', action)).toBe(true);
      expect(roleMay('clerk', action)).toBe(false);
      expect(roleMay('rep', action)).toBe(false);
      expect(roleMay(undefined, action)).toBe(false);
    }
  });

  it('locks an idle session after the configured minutes', () => {
    expect(idleLockMinutes(undefined)).toBe(DEFAULT_IDLE_LOCK_MINUTES);
    expect(idleLockMinutes(0)).toBe(1);
    expect(idleLockMinutes(500)).toBe(60);
    expect(idleLockMinutes(10)).toBe(10);
    expect(idleExpired(0, 5 * 60_000 - 1, 5)).toBe(false);
    expect(idleExpired(0, 5 * 60_000, 5)).toBe(true);
  });
});
