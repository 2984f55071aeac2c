/**
 * Debian's Chromium as its own process group with a persistent profile, driven
 * over CDP, so it can be killed with SIGKILL like a crashing kiosk browser and
 * started again on the same IndexedDB. (Playwright's persistent context hides
 * the browser process, and its own launch uses a throwaway profile.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../test/helpers/chromium.mjs';
import { waitForDatabase } from '../../test/helpers/kiosk-page.ts';
import { trackPid, untrackPid } from './lib.ts';

export interface KillableChromium {
  page: Page;
  /** SIGKILL to the whole process group: the browser, its renderers, its GPU process. */
  kill(): Promise<void>;
}

/**
 * `mode`: the counter mode the app starts in, set before each page load. The
 * app remembers the mode in localStorage, which Chromium writes to disk a few
 * seconds late, so a browser killed soon after a switch would forget it.
 */
export async function launchKillableChromium(profileDir: string, url: string, mode?: string): Promise<KillableChromium> {
  const portFile = join(profileDir, 'DevToolsActivePort');
  rmSync(portFile, { force: true });
  const child: ChildProcess = spawn(
    findChromium(),
    [
      ...CHROMIUM_ARGS,
      '--headless=new',
      '--remote-debugging-port=0',
      `--user-data-dir=${profileDir}`,
      '--window-size=1280,800',
      'about:blank',
    ],
    { detached: true, stdio: 'ignore' },
  );
  trackPid(child.pid && -child.pid);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    await Promise.race([exited, sleep(5000)]);
    untrackPid(child.pid && -child.pid);
  };
  let browser: Browser | undefined;
  try {
    const until = Date.now() + 30_000;
    while (!existsSync(portFile) || !readFileSync(portFile, 'utf8').includes('\n')) {
      if (child.exitCode !== null || Date.now() > until) throw new Error('Chromium did not open its debugging port');
      await sleep(50);
    }
    const port = readFileSync(portFile, 'utf8').split('\n')[0];
    browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    const context = browser.contexts()[0]!;
    if (mode) await context.addInitScript((m) => localStorage.setItem('kiosk.mode', m), mode);
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', () => {
      // a killed browser's page errors are expected noise here
    });
    await page.goto(url);
    await waitForDatabase(page);
    return { page, kill };
  } catch (error) {
    await kill();
    throw error;
  }
}
