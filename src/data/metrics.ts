/**
 * Timings the scan benchmark reads through `globalThis.__kioskScanTimings`
 * (page.evaluate): when each scan was first shown and first committed, as
 * absolute high-resolution ms (performance.timeOrigin + performance.now()).
 */

export interface ScanTiming {
  id: string;
  shownAt?: number;
  committedAt?: number;
}

/** Enough for a long benchmark run, bounded so a shop running for months does not grow it. */
export const MAX_SCAN_TIMINGS = 5000;

// Insertion-ordered: the first key is the oldest entry.
const timings = new Map<string, ScanTiming>();

function now(): number {
  return performance.timeOrigin + performance.now();
}

function entry(id: string): ScanTiming {
  let timing = timings.get(id);
  if (!timing) {
    timing = { id };
    timings.set(id, timing);
    while (timings.size > MAX_SCAN_TIMINGS) {
      const oldest = timings.keys().next().value;
      if (oldest === undefined) break;
      timings.delete(oldest);
    }
  }
  return timing;
}

/** Call after the render that shows the scan. A re-offered scan keeps its first time. */
export function markScanShown(scanId: string): void {
  entry(scanId).shownAt ??= now();
}

/** Called by the scan stream once the scan's transaction has committed (`at`: when, if it was elsewhere: the worker). */
export function markScanCommitted(scanId: string, at = now()): void {
  entry(scanId).committedAt ??= at;
}

/** Oldest first; copies, so a reader cannot change the record. */
export function getScanTimings(): ScanTiming[] {
  return [...timings.values()].map((t) => ({ ...t }));
}

export function clearScanTimings(): void {
  timings.clear();
}

declare global {
  var __kioskScanTimings: ScanTiming[] | undefined;
}

// Redefined on each load so a reloaded module (vite HMR) is the one read.
Object.defineProperty(globalThis, '__kioskScanTimings', { get: getScanTimings, configurable: true, enumerable: false });
