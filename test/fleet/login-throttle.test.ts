/** The login slow-down on its own clock: free failures, then a lock that doubles up to a cap, cleared by a success. */
import { describe, expect, it } from 'vitest';
import { FIRST_LOCK_MS, FREE_FAILURES, LoginThrottle, MAX_LOCK_MS } from '../../fleet/login-throttle.ts';

describe('LoginThrottle', () => {
  it('locks a login after the free failures, doubling each further failure up to the cap', () => {
    let now = 1_000_000;
    const t = new LoginThrottle(() => now);
    for (let i = 1; i < FREE_FAILURES; i++) t.failed('mgr');
    expect(t.waitMs('mgr')).toBe(0);
    t.failed('MGR');
    expect(t.waitMs('mgr')).toBe(FIRST_LOCK_MS);
    now += FIRST_LOCK_MS;
    expect(t.waitMs('mgr')).toBe(0);
    t.failed('mgr');
    expect(t.waitMs('mgr')).toBe(2 * FIRST_LOCK_MS);
    for (let i = 0; i < 10; i++) t.failed('mgr');
    expect(t.waitMs('mgr')).toBe(MAX_LOCK_MS);
    expect(t.waitMs('someone-else')).toBe(0);
  });

  it('forgets the failures on a success', () => {
    const now = 5;
    const t = new LoginThrottle(() => now);
    for (let i = 1; i < FREE_FAILURES; i++) t.failed('rep');
    t.succeeded('rep');
    t.failed('rep');
    expect(t.waitMs('rep')).toBe(0);
  });
});
