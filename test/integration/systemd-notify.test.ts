/**
 * The service under a (pretend) systemd: the test owns a real datagram
 * NOTIFY_SOCKET, as systemd does, and starts the real service with
 * WATCHDOG_USEC. READY=1 arrives once the service answers, WATCHDOG=1 keeps
 * arriving, and stops while the service's event loop is blocked (SIGUSR2 test
 * hook), which is what makes systemd restart a hung service.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import unixDgram, { type UnixDgramSocket } from 'unix-dgram';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notifySystemd, watchdogInterval } from '../../device/systemd-notify.ts';
import { freePort, serviceArgs } from '../helpers/service.ts';
import { waitFor } from '../helpers/wait-for.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Received {
  at: number;
  text: string;
}

let dir: string;
let socketPath: string;
let listener: UnixDgramSocket;
let received: Received[];
let child: ChildProcess | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'notify-'));
  socketPath = join(dir, 'notify.sock');
  received = [];
  listener = unixDgram.createSocket('unix_dgram', (message) => {
    received.push({ at: performance.now(), text: message.toString() });
  });
  listener.bind(socketPath);
});

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
  child = undefined;
  listener.close();
  await rm(dir, { recursive: true, force: true });
});

const pings = (since = 0) => received.filter((m) => m.text === 'WATCHDOG=1' && m.at >= since);

describe('the service under systemd', () => {
  it('says READY=1 once it answers, feeds the watchdog, and stops feeding it while its loop is blocked', async () => {
    const port = await freePort();
    let output = '';
    child = spawn(process.execPath, serviceArgs(port, join(dir, 'data'), 'none'), {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      // 400 ms watchdog: a ping every 200 ms.
      env: { ...process.env, NOTIFY_SOCKET: socketPath, WATCHDOG_USEC: '400000', KIOSK_TEST_HOOKS: '1', KIOSK_TEST_BLOCK_MS: '2500' },
    });
    child.stdout!.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.stderr!.setEncoding('utf8').on('data', (text: string) => (output += text));

    const ready = await waitFor(`READY=1 (service output: ${output})`, () => received.find((m) => m.text.startsWith('READY=1')), 60_000);
    expect(ready.text).toContain(`STATUS=serving http://127.0.0.1:${port}/`);
    // Ready means listening: the health check answers straight away.
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { ok: boolean };
    expect(health.ok).toBe(true);

    // Pings keep coming at about half the watchdog period.
    const before = performance.now();
    await waitFor('five watchdog pings', () => pings(before).length >= 5, 20_000);
    const steady = pings(before);
    const steadyGaps = steady.slice(1).map((m, i) => m.at - steady[i]!.at);
    expect(Math.min(...steadyGaps)).toBeGreaterThan(100);

    // Block the loop for 2.5 s: no ping for at least the watchdog period (systemd would restart us)…
    child.kill('SIGUSR2');
    const blockedAt = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 3500));
    const around = received.filter((m) => m.text === 'WATCHDOG=1' && m.at >= blockedAt - 300);
    const gaps = around.slice(1).map((m, i) => m.at - around[i]!.at);
    expect(Math.max(...gaps)).toBeGreaterThan(2000);
    // …and once the loop runs again, so do the pings.
    const after = performance.now();
    await waitFor('pings after the block', () => pings(after).length >= 3, 10_000);

    // A clean stop says so.
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    expect(received.some((m) => m.text === 'STOPPING=1')).toBe(true);
  }, 120_000);
});

describe('notifySystemd', () => {
  it('does nothing outside systemd', () => {
    const notifier = notifySystemd({});
    expect(notifier.active).toBe(false);
    notifier.ready();
    notifier.close();
  });

  it('pings at half the watchdog period, only for the process systemd watches', () => {
    expect(watchdogInterval({ WATCHDOG_USEC: '30000000' })).toBe(15_000);
    expect(watchdogInterval({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: String(process.pid) })).toBe(15_000);
    expect(watchdogInterval({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: '1' })).toBeUndefined();
    expect(watchdogInterval({})).toBeUndefined();
  });

  it('sends READY=1 to the socket', async () => {
    const notifier = notifySystemd({ NOTIFY_SOCKET: socketPath });
    notifier.ready();
    await waitFor('READY=1', () => received.some((m) => m.text === 'READY=1'), 5000);
    notifier.close();
  });
});
