import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReactiveControllerHost } from 'lit';
import { QuietValueController } from '../../src/screens/quiet-value-controller.ts';

/** A host that counts the updates it is asked for. */
function host(): ReactiveControllerHost & { updates: number } {
  const h = {
    updates: 0,
    addController: () => undefined,
    removeController: () => undefined,
    requestUpdate: () => void (h.updates += 1),
    updateComplete: Promise.resolve(true),
  };
  return h;
}

describe('QuietValueController', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows the latest value once the changes pause, with one update for a burst', () => {
    const h = host();
    const list = new QuietValueController<number[]>(h, [], 150);
    for (let i = 1; i <= 20; i++) {
      list.set([i]);
      vi.advanceTimersByTime(15); // a scanner at 9600 baud: a code every 15 ms
    }
    expect(list.value).toEqual([20]);
    expect(list.shown).toEqual([]);
    expect(h.updates).toBe(0);
    vi.advanceTimersByTime(135);
    expect(list.shown).toEqual([20]);
    expect(h.updates).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(h.updates).toBe(1);
  });

  it('shows at once on flush, and nothing more when nothing changed', () => {
    const h = host();
    const list = new QuietValueController(h, 'a', 150);
    list.set('b');
    list.flush();
    expect(list.shown).toBe('b');
    expect(h.updates).toBe(1);
    vi.advanceTimersByTime(150);
    list.flush();
    expect(h.updates).toBe(1);
  });

  it('stops its timer when the screen goes, and shows what changed meanwhile when it comes back', () => {
    const h = host();
    const list = new QuietValueController(h, 1, 150);
    list.set(2);
    list.hostDisconnected();
    vi.advanceTimersByTime(1000);
    expect(list.shown).toBe(1);
    expect(h.updates).toBe(0);
    list.hostConnected();
    expect(list.shown).toBe(2);
    expect(h.updates).toBe(1);
  });
});
