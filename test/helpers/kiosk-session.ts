/**
 * What the kiosk session tests (cage, and sway on two screens) share: waiting
 * for what a loaded machine brings in its own time, and a home for the session
 * user. cage (and Chromium's sandbox) refuse root: as root (containers) the
 * session runs as nobody, so its home and runtime directory are nobody's.
 */
import { chmodSync, chownSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

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
