/**
 * A Pi's speed for the page's Web Workers. Chromium's CPU throttling
 * (Emulation.setCPUThrottlingRate) is refused for workers ("only supported
 * for pages, not workers"), so a bench that throttles the page leaves its
 * scan-stream worker at this machine's speed. Here the worker threads of one
 * Chromium (found by the profile directory on its command line, and its child
 * processes) are moved into a Linux cgroup (v1 `cpu` controller, one thread at
 * a time through `tasks`) whose quota is 1/rate of one CPU per 10 ms period:
 * the thread runs a quarter of each period at rate 4, as the page's throttle
 * suspends the main thread for the rest of it.
 *
 * Root and a cgroup v1 `cpu` hierarchy at /sys/fs/cgroup/cpu are needed; on a
 * machine without them this says so and throttles nothing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CPU_CGROUPS = '/sys/fs/cgroup/cpu';
const PERIOD_US = 10_000;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The Chromium started on `profileDir` and every process below it. */
function chromiumProcesses(profileDir: string): string[] {
  const pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  const parentOf = new Map<string, string>();
  const roots: string[] = [];
  for (const pid of pids) {
    const stat = read(`/proc/${pid}/stat`);
    // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
    if (stat) parentOf.set(pid, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]!);
    if (read(`/proc/${pid}/cmdline`)?.includes(profileDir)) roots.push(pid);
  }
  const found = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, parent] of parentOf) {
      if (!found.has(pid) && found.has(parent)) {
        found.add(pid);
        grew = true;
      }
    }
  }
  return [...found];
}

export interface WorkerThrottle {
  /** Worker threads slowed. */
  threads: number;
  /** Removes the cgroup (call once the browser has closed). */
  release(): void;
}

/** Slow the worker threads of the Chromium on `profileDir` to 1/rate of a CPU; undefined (and why, logged) when this machine cannot. */
export function throttleWorkerThreads(profileDir: string, rate: number, log: (line: string) => void): WorkerThrottle | undefined {
  if (!existsSync(join(CPU_CGROUPS, 'tasks'))) {
    log(`worker throttle: no cgroup v1 cpu hierarchy at ${CPU_CGROUPS}; the worker runs at this machine's speed`);
    return undefined;
  }
  const group = join(CPU_CGROUPS, `bench-worker-${process.pid}`);
  try {
    mkdirSync(group, { recursive: true });
    writeFileSync(join(group, 'cpu.cfs_period_us'), String(PERIOD_US));
    writeFileSync(join(group, 'cpu.cfs_quota_us'), String(Math.round(PERIOD_US / rate)));
  } catch (error) {
    log(`worker throttle: cannot set up ${group} (${(error as Error).message}); the worker runs at this machine's speed`);
    return undefined;
  }
  let threads = 0;
  for (const pid of chromiumProcesses(profileDir)) {
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      // The thread name is cut to 15 characters: "DedicatedWorker".
      if (!read(`/proc/${pid}/task/${tid}/comm`)?.startsWith('DedicatedWorker')) continue;
      writeFileSync(join(group, 'tasks'), tid);
      threads++;
    }
  }
  return {
    threads,
    release() {
      try {
        rmdirSync(group);
      } catch {
        // A thread still in it (the browser not closed yet): the kernel keeps the group until reboot.
      }
    },
  };
}

/**
 * The page's workers slowed as BENCH_WORKER_THROTTLE says (default: the page's
 * own rate; 1 leaves them at full speed): Chromium's throttle does not reach them.
 */
export function throttleWorkersFromEnv(profileDir: string, pageRate: number, log: (line: string) => void): WorkerThrottle | undefined {
  if (pageRate <= 1 || process.env.BENCH_WORKER_THROTTLE === '1') return undefined;
  const rate = Number(process.env.BENCH_WORKER_THROTTLE ?? pageRate);
  const throttle = throttleWorkerThreads(profileDir, rate, log);
  if (throttle) log(`worker threads throttled ${rate}× by a cgroup: ${throttle.threads}`);
  return throttle;
}
