/**
 * What bench:startup and the scan benches share for BENCH_TRACE: a performance
 * trace of the page (Chromium's trace event format, open it in DevTools'
 * Performance panel), the page's main thread summed by kind of work, and the
 * shape of a CDP CPU profile (BENCH_PROFILE, BENCH_WORKER_PROFILE).
 */
import type { CDPSession } from 'playwright-core';

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** Start tracing the page; `stop` ends it and returns its events. `invalidations`: which node dirtied style or layout, and why (heavier). */
export async function startTrace(cdp: CDPSession, { invalidations = false } = {}): Promise<{ stop(): Promise<TraceEvent[]> }> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8.execute',
        'blink.user_timing',
        ...(invalidations ? ['disabled-by-default-devtools.timeline.invalidationTracking'] : []),
      ],
    },
  });
  return {
    async stop() {
      await cdp.send('Tracing.end');
      await done;
      return events;
    },
  };
}

export interface MainThreadTime {
  /** Time in top-level tasks. */
  busyMs: number;
  /** Frames the page produced (its main-thread commits to the compositor). */
  frames: number;
  /** The outermost events inside tasks (a function call, a layout, a paint), summed by name, costliest first. */
  byKind: Array<[name: string, ms: number]>;
}

const TASK = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/**
 * The page's renderer main thread (the one that lays out) by kind of work. A
 * stack of open events, not a search per event: a scan burst's trace holds
 * hundreds of thousands.
 */
export function mainThreadTime(events: readonly TraceEvent[]): MainThreadTime | undefined {
  const main = events.find(
    (e) =>
      e.name === 'thread_name' &&
      e.args?.name === 'CrRendererMain' &&
      events.some((l) => l.name === 'Layout' && l.pid === e.pid && l.tid === e.tid),
  );
  if (!main) return undefined;
  // Longest first at the same start, so a parent is opened before its child.
  const mine = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const byKind = new Map<string, number>();
  const open: TraceEvent[] = [];
  let busy = 0;
  let frames = 0;
  for (const e of mine) {
    while (open.length > 0 && open[open.length - 1]!.ts + open[open.length - 1]!.dur! <= e.ts) open.pop();
    if (TASK.has(e.name)) {
      if (open.length === 0) busy += e.dur!;
    } else if (open.length > 0 && open.every((o) => TASK.has(o.name))) {
      byKind.set(e.name, (byKind.get(e.name) ?? 0) + e.dur!);
      if (e.name === 'Commit') frames += 1;
    }
    open.push(e);
  }
  return {
    busyMs: busy / 1000,
    frames,
    byKind: [...byKind].map(([name, us]): [string, number] => [name, us / 1000]).sort((a, b) => b[1] - a[1]),
  };
}

/** A CPU profile as CDP's Profiler.stop returns it (the fields the benches read). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}
