/**
 * The browser tests' one way to wait for something to show: open-wc's
 * waitUntil with 5 s instead of its 1 s. On a loaded 2-core machine (CI, or
 * others' suites beside) a store, a render or a lazy module can take longer
 * than a second; a condition that holds comes back as soon as it does.
 */
import { waitUntil } from '@open-wc/testing';

export function waitFor(condition: () => unknown, message?: string, options: { interval?: number; timeout?: number } = {}): Promise<void> {
  return waitUntil(condition, message, { timeout: 5000, ...options });
}
