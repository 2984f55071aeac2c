/**
 * Runs the real terminal service (`device/main.ts` under tsx) as a child
 * process for the e2e tests and the benchmark, so a restart is a real restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ScannerState } from '../../src/domain/scan-protocol.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Health {
  ok: boolean;
  version: string;
  bootId: string;
  pendingScans: number;
  scansThisBoot: number;
  scanners: ScannerState[];
  /** The service's worst event-loop stall since it started. */
  eventLoopLagMaxMs?: number;
}

export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningService {
  url: string;
  port: number;
  /** The service's own process (tsx runs as a loader in it), e.g. for /proc/PID/status. */
  pid: number;
  /** Settles when the process exits, for whatever reason. */
  exited: Promise<ServiceExit>;
  output(): string;
  health(): Promise<Health>;
  /** Waits until every scanner reports 'connected'. */
  waitForScanners(timeoutMs?: number): Promise<void>;
  /** SIGTERM for a clean stop, SIGKILL for a crash. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServiceOptions {
  dataDir: string;
  scannerPath: string;
  /** Fixed port, so a restarted service is where the page expects it. */
  port: number;
  build?: boolean;
  /** More command-line options for device/main.ts. */
  extraArgs?: string[];
  /** How long to wait for /healthz to answer; the process is killed past it. Default 120 s. */
  startTimeoutMs?: number;
  /** Keep only this many characters of the service's output (a garbage flood logs a lot). Default: all. */
  keepOutputChars?: number;
}

/**
 * Node's arguments for the terminal service on `port` with `dataDir`: tsx as a loader, not the tsx
 * CLI, which runs the service in a child of its own (SIGKILL must really kill the service); no
 * simulated scanner, no browser. `scanner` is --scanner's value ('none' for no scanner).
 */
export function serviceArgs(port: number, dataDir: string, scanner: string): string[] {
  return [
    '--import',
    'tsx',
    'device/main.ts',
    '--port',
    String(port),
    '--data-dir',
    dataDir,
    '--scanner',
    scanner,
    '--simulate',
    'never',
    '--no-browser',
  ];
}

export async function startService(options: ServiceOptions): Promise<RunningService> {
  const args = serviceArgs(options.port, options.dataDir, `id=counter,path=${options.scannerPath}`);
  if (options.build !== false) args.push('--build-if-needed');
  args.push(...(options.extraArgs ?? []));
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = options.keepOutputChars ?? Infinity;
  const collect = (text: string) => {
    output += text;
    if (output.length > keep * 2) output = output.slice(-keep);
  };
  child.stdout?.setEncoding('utf8').on('data', collect);
  child.stderr?.setEncoding('utf8').on('data', collect);
  const exited = new Promise<ServiceExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const url = `http://127.0.0.1:${options.port}/`;
  const health = async (): Promise<Health> => {
    const res = await fetch(`${url}healthz`);
    return (await res.json()) as Health;
  };
  const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the service exited (${child.exitCode ?? child.signalCode}):\n${output}`);
    }
    try {
      await health();
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        await exited;
        throw new Error(`the service did not answer on ${url}:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    port: options.port,
    pid: child.pid!,
    exited,
    output: () => output,
    health,
    async waitForScanners(timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const h = await health();
        if (h.scanners.length > 0 && h.scanners.every((s) => s.status === 'connected')) return;
        if (Date.now() > until) throw new Error(`scanners not connected: ${JSON.stringify(h.scanners)}\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
