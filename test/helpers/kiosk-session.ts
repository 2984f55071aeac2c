/**
 * What the kiosk session tests (cage, and sway on two screens) share: waiting
 * for what a loaded machine brings in its own time, and a home for the session
 * user. cage (and Chromium's sandbox) refuse root: as root (containers) the
 * session runs as nobody, so its home and runtime directory are nobody's.
 */
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort, startService, type RunningService } from './service.ts';

export const AS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;

/** `read` until it gives a value (a throw counts as not yet), failing after `timeoutMs` with the last error. */
export async function eventually<T>(what: string, read: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await read();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what} (${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** `dir`/home and its Wayland runtime directory, owned by the session user. */
export function sessionHome(dir: string): { home: string; runtime: string } {
  const home = join(dir, 'home');
  const runtime = join(home, 'run');
  mkdirSync(runtime, { recursive: true });
  chmodSync(runtime, 0o700);
  chmodSync(dir, 0o755);
  if (AS_ROOT) {
    chownSync(home, NOBODY, NOBODY);
    chownSync(runtime, NOBODY, NOBODY);
  }
  return { home, runtime };
}

/** `program args` as the session user: itself, or nobody when the tests run as root. */
export function asSessionUser(program: string, args: string[]): [string, string[]] {
  return AS_ROOT ? ['setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', program, ...args]] : [program, args];
}

export interface KioskSession {
  /** What the compositor and the session said, for failure messages. */
  output(): string;
  /** The compositor's exit code once it ends. */
  exited: Promise<number | null>;
  /** End the compositor and everything it started (its process group). */
  kill(): Promise<void>;
}

/**
 * A compositor (`program args`) in `home` as the session user, on wlroots'
 * headless backend with software rendering and no input devices (no GPU, no
 * screen, no keyboard in CI), with the kiosk settings in `env`.
 */
export function startKioskSession(
  program: string,
  args: string[],
  session: { home: string; runtime: string },
  env: Record<string, string>,
): KioskSession {
  const [command, commandArgs] = asSessionUser(program, args);
  const child = spawn(command, commandArgs, {
    cwd: session.home,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: {
      PATH: process.env.PATH,
      HOME: session.home,
      XDG_RUNTIME_DIR: session.runtime,
      WLR_BACKENDS: 'headless',
      WLR_RENDERER: 'pixman',
      WLR_LIBINPUT_NO_DEVICES: '1',
      ...(process.env.CHROMIUM_PATH ? { CHROMIUM_PATH: process.env.CHROMIUM_PATH } : {}),
      ...env,
    },
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => (output += text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (output += text));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    output: () => output,
    exited,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
    },
  };
}

/** The session's Chromium, through its debugging port; what the `compositor` said so far goes in the failure message. */
export function connectToSessionChromium(debugPort: number, compositor: string, session: KioskSession): Promise<Browser> {
  return eventually(`Chromium's debugging port (${compositor} said: ${session.output().slice(-2000)})`, () =>
    chromium.connectOverCDP(`http://127.0.0.1:${debugPort}`, { timeout: 5000 }),
  );
}

/** Every page open in the session's Chromium. */
export function sessionPages(browser: Browser): Page[] {
  return browser.contexts().flatMap((c) => c.pages());
}

/** Ends what a session test started, last first: the browser connection, the compositor, the service, then removes `dir`. */
export async function endKioskSession(
  browser: Browser | undefined,
  session: KioskSession | undefined,
  service: RunningService | undefined,
  dir: string,
): Promise<void> {
  await browser?.close().catch(() => {});
  await session?.kill();
  await service?.stop();
  rmSync(dir, { recursive: true, force: true });
}

export interface StartedKioskSession {
  service: RunningService;
  session: KioskSession;
  browser: Browser;
  /** The session user's home (Chromium's profile is home/profile) and Wayland runtime directory. */
  home: string;
  runtime: string;
}

/**
 * The terminal service on `dir`/data (no scanner), then the compositor `program args` (`compositor` in failure
 * messages) as the session user with the kiosk settings `env`, the service's port, Chromium's profile in home/profile
 * and its debugging port open; resolves once Chromium answers there. On a failure what was started is ended.
 */
export async function startServiceAndSession(
  dir: string,
  compositor: string,
  [program, ...args]: string[],
  env: Record<string, string> = {},
): Promise<StartedKioskSession> {
  const port = await freePort();
  const debugPort = await freePort();
  const service = await startService({ dataDir: join(dir, 'data'), scannerPath: join(dir, 'no-scanner'), port });
  const { home, runtime } = sessionHome(dir);
  let session: KioskSession | undefined;
  try {
    session = startKioskSession(
      program!,
      args,
      { home, runtime },
      {
        ...env,
        KIOSK_PORT: String(port),
        KIOSK_PROFILE_DIR: join(home, 'profile'),
        KIOSK_CHROMIUM_FLAGS: `--remote-debugging-port=${debugPort}`,
      },
    );
    const browser = await connectToSessionChromium(debugPort, compositor, session);
    return { service, session, browser, home, runtime };
  } catch (err) {
    await endKioskSession(undefined, session, service, dir);
    throw err;
  }
}
