/**
 * sd_notify for the service under systemd (Type=notify, WatchdogSec=): READY=1
 * once it listens, WATCHDOG=1 at half the watchdog period, STOPPING=1 on the
 * way out. The pings come from a timer on the event loop, so a loop that is
 * stuck (not only a crashed process) stops them and systemd restarts the
 * service. Outside systemd (no NOTIFY_SOCKET) every call does nothing.
 *
 * Node has no unix datagram sockets; unix-dgram (a small native addon by a Node
 * core developer) provides them. Abstract socket names (@…) are not supported by
 * it; systemd as init uses the path /run/systemd/notify.
 */
import unixDgram, { type UnixDgramSocket } from 'unix-dgram';

export interface SystemdNotifier {
  /** Whether a NOTIFY_SOCKET was given: the service runs under systemd. */
  readonly active: boolean;
  /** The watchdog ping interval in ms, or undefined when systemd wants none. */
  readonly watchdogIntervalMs: number | undefined;
  ready(status?: string): void;
  status(text: string): void;
  stopping(): void;
  close(): void;
}

export function notifySystemd(
  env: Record<string, string | undefined> = process.env,
  log: (line: string) => void = () => {},
): SystemdNotifier {
  const path = env.NOTIFY_SOCKET;
  if (!path) return inactive;
  if (path.startsWith('@')) {
    log(`NOTIFY_SOCKET ${path} is an abstract socket, which this service cannot send to: no readiness or watchdog pings`);
    return inactive;
  }
  const socket: UnixDgramSocket = unixDgram.createSocket('unix_dgram');
  let failed = false;
  socket.on('error', (err: Error) => {
    // One line, not one per ping: systemd will restart us if the pings stop mattering.
    if (!failed) log(`cannot notify systemd on ${path}: ${err.message}`);
    failed = true;
  });
  const send = (text: string) => {
    const message = Buffer.from(text);
    socket.send(message, 0, message.length, path);
  };

  const watchdogIntervalMs = watchdogInterval(env);
  let timer: NodeJS.Timeout | undefined;
  if (watchdogIntervalMs !== undefined) {
    timer = setInterval(() => send('WATCHDOG=1'), watchdogIntervalMs);
    // The pings must not be what keeps the process alive.
    timer.unref();
  }
  let closed = false;
  return {
    active: true,
    watchdogIntervalMs,
    ready: (status) => send(status ? `READY=1\nSTATUS=${status}` : 'READY=1'),
    status: (text) => send(`STATUS=${text}`),
    stopping: () => send('STOPPING=1'),
    close() {
      if (closed) return;
      closed = true;
      if (timer) clearInterval(timer);
      socket.close();
    },
  };
}

/** Half of WATCHDOG_USEC, as sd_watchdog_enabled() advises; none when the watchdog is meant for another process. */
export function watchdogInterval(env: Record<string, string | undefined>): number | undefined {
  const usec = Number(env.WATCHDOG_USEC);
  if (!Number.isFinite(usec) || usec <= 0) return undefined;
  if (env.WATCHDOG_PID && Number(env.WATCHDOG_PID) !== process.pid) return undefined;
  return Math.max(1, Math.floor(usec / 2000));
}

const inactive: SystemdNotifier = {
  active: false,
  watchdogIntervalMs: undefined,
  ready() {},
  status() {},
  stopping() {},
  close() {},
};

/**
 * Tests only (KIOSK_TEST_HOOKS=1): SIGUSR2 blocks the event loop for
 * KIOSK_TEST_BLOCK_MS (default 3000) ms, as a hung service would, so a test can
 * see the watchdog pings stop.
 */
export function installLoopBlockerForTests(env: Record<string, string | undefined> = process.env): void {
  if (env.KIOSK_TEST_HOOKS !== '1') return;
  const blockMs = Number(env.KIOSK_TEST_BLOCK_MS ?? 3000);
  process.on('SIGUSR2', () => {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, blockMs);
  });
}
