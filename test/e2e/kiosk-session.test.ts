/**
 * The kiosk session for real, as shop-kiosk.service starts it: cage (headless
 * backend, software rendering, no input devices) running kiosk/kiosk-session.sh,
 * which waits for the terminal service and opens Debian's Chromium in kiosk mode
 * over Wayland on the persistent profile. The page is loaded and fills the
 * output with no browser frame; when Chromium dies the whole session ends (so
 * systemd's Restart=always starts it again).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../helpers/service.ts';
import { endKioskSession, eventually, sessionPages, startServiceAndSession, type KioskSession } from '../helpers/kiosk-session.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The browser process of the session (not its renderers): the one with our profile and no --type. */
function chromiumBrowserPid(profile: string): { pid: number; args: string[] } | undefined {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (args.includes(`--user-data-dir=${profile}`) && !args.some((a) => a.startsWith('--type='))) {
      return { pid: Number(name), args };
    }
  }
  return undefined;
}

describe('kiosk session in cage', () => {
  let dir: string;
  let service: RunningService;
  let cage: KioskSession;
  let browser: Browser | undefined;
  let profile: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-session-'));
    const started = await startServiceAndSession(dir, 'cage', ['cage', '-d', '--', join(ROOT, 'kiosk/kiosk-session.sh')]);
    ({ service, session: cage, browser } = started);
    profile = join(started.home, 'profile');
  });

  afterAll(() => endKioskSession(browser, cage, service, dir));

  it('opens the terminal page full screen in Chromium over Wayland, on the persistent profile', async () => {
    const page = await eventually('the terminal page', () => sessionPages(browser!).find((p) => p.url() === service.url));
    await page.waitForFunction(() => document.querySelector('kiosk-app')?.shadowRoot?.childElementCount, undefined, {
      timeout: 60_000,
    });
    expect(await page.title()).toBe('柜台终端');
    // Days begin at the shop's midnight (default Asia/Shanghai), not the machine's.
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('Asia/Shanghai');
    // The browser's own words are Chinese (chromium-l10n): a date field reads 2026/12/09, not the American 12/09/2026.
    expect(await page.evaluate(() => [navigator.language, Intl.DateTimeFormat().resolvedOptions().locale])).toEqual(['zh-CN', 'zh-CN']);
    // Kiosk mode: the page is the whole output, no tabs, no address bar.
    const size = await page.evaluate(() => ({ w: innerWidth, h: innerHeight, sw: screen.width, sh: screen.height }));
    expect(size.w).toBe(size.sw);
    expect(size.h).toBe(size.sh);

    const chromiumProcess = chromiumBrowserPid(profile);
    expect(chromiumProcess, 'the Chromium browser process').toBeDefined();
    expect(chromiumProcess!.args).toContain('--kiosk');
    expect(chromiumProcess!.args).toContain('--ozone-platform=wayland');
    expect(chromiumProcess!.args).toContain(service.url);
    // IndexedDB is where the shop's data lives: it must be on disk in the profile.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open('kiosk-session-probe', 1);
          request.onupgradeneeded = () => request.result.createObjectStore('probe');
          request.onsuccess = () => {
            request.result.close();
            resolve();
          };
          request.onerror = () => reject(request.error);
        }),
    );
    await eventually('IndexedDB files in the profile', () =>
      readdirSync(join(profile, 'Default')).includes('IndexedDB') ? true : undefined,
    );
  });

  it('ends the whole session when Chromium dies, so systemd starts it again', async () => {
    const chromiumProcess = chromiumBrowserPid(profile);
    expect(chromiumProcess).toBeDefined();
    await browser?.close().catch(() => {});
    browser = undefined;
    process.kill(chromiumProcess!.pid, 'SIGKILL');
    const code = await Promise.race([cage.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 30_000))]);
    expect(code).not.toBe('still running');
  });
});
