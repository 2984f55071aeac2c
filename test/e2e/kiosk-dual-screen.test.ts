/**
 * Two screens, as shop-kiosk.service starts them when terminal.env names a
 * second output: kiosk/kiosk-compositor.sh runs sway (headless backend with two
 * outputs, software rendering) with the locked-down sway-kiosk.conf.in, and
 * kiosk-session.sh opens the counter page and the customer display page in one
 * Chromium (one profile). Checked through sway's IPC: the counter's window is
 * full screen on the counter's output, the display's on the other; when
 * Chromium dies the session ends. And the script's choices without a compositor.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../helpers/service.ts';
import { endKioskSession, eventually, sessionPages, startServiceAndSession, type KioskSession } from '../helpers/kiosk-session.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COMPOSITOR = join(ROOT, 'kiosk/kiosk-compositor.sh');
function printConfig(env: Record<string, string>) {
  return spawnSync('bash', [COMPOSITOR, '--print-config'], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
}

describe('kiosk-compositor.sh choices', () => {
  it('writes sway a configuration that pins each page to its output and maps the touch screen to the counter', () => {
    const out = printConfig({ KIOSK_DISPLAY_OUTPUT: 'HDMI-A-2' });
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('workspace 1 output HDMI-A-1');
    expect(out.stdout).toContain('workspace 2 output HDMI-A-2');
    expect(out.stdout).toContain('input type:touch map_to_output HDMI-A-1');
    expect(out.stdout).toContain('xkb_options srvrkeys:none');
    expect(out.stdout).toContain(`exec ${join(ROOT, 'kiosk/kiosk-session.sh')}`);
    expect(out.stdout).not.toMatch(/@[A-Z_]+@/);
    // No key bindings, no bar: nothing leads out of the kiosk.
    expect(out.stdout).not.toMatch(/^\s*(bindsym|bindcode|bar)\b/m);
    expect(printConfig({ KIOSK_DISPLAY_OUTPUT: 'DP-1', KIOSK_COUNTER_OUTPUT: 'HDMI-A-2' }).stdout).toContain('map_to_output HDMI-A-2');
  });

  it('refuses output names it cannot put in the configuration, the same output twice, and has none for one screen', () => {
    expect(printConfig({ KIOSK_DISPLAY_OUTPUT: 'HDMI A|2' }).status).toBe(2);
    expect(printConfig({ KIOSK_DISPLAY_OUTPUT: 'HDMI-A-1' }).status).toBe(2);
    expect(printConfig({}).status).toBe(1);
  });
});

describe('kiosk session on two screens in sway', () => {
  let dir: string;
  let runtime: string;
  let service: RunningService;
  let sway: KioskSession;
  let browser: Browser | undefined;

  function swaymsg(...args: string[]): unknown {
    const socket = readdirSync(runtime).find((name) => name.startsWith('sway-ipc.'));
    if (!socket) return undefined;
    const result = spawnSync('swaymsg', ['-s', join(runtime, socket), '-r', ...args], { encoding: 'utf8' });
    return result.status === 0 ? (JSON.parse(result.stdout) as unknown) : undefined;
  }

  interface Node {
    type: string;
    name: string | null;
    app_id?: string | null;
    pid?: number;
    fullscreen_mode?: number;
    rect: { x: number; y: number; width: number; height: number };
    nodes: Node[];
    floating_nodes: Node[];
  }
  /** Every application window with the output it is on. */
  function windows(): { output: string; appId: string; fullscreen: boolean; rect: Node['rect'] }[] {
    const tree = swaymsg('-t', 'get_tree') as Node | undefined;
    const found: ReturnType<typeof windows> = [];
    const walk = (node: Node, output: string) => {
      const here = node.type === 'output' ? (node.name ?? '') : output;
      if (node.pid) found.push({ output: here, appId: node.app_id ?? '', fullscreen: node.fullscreen_mode === 1, rect: node.rect });
      for (const child of [...node.nodes, ...node.floating_nodes]) walk(child, here);
    };
    if (tree) walk(tree, '');
    return found;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-dual-'));
    ({
      service,
      session: sway,
      browser,
      runtime,
    } = await startServiceAndSession(dir, 'sway', [COMPOSITOR], {
      WLR_HEADLESS_OUTPUTS: '2',
      KIOSK_COUNTER_OUTPUT: 'HEADLESS-1',
      KIOSK_DISPLAY_OUTPUT: 'HEADLESS-2',
    }));
  }, 120_000);

  afterAll(() => endKioskSession(browser, sway, service, dir));

  it('shows the counter page full screen on the counter output and the customer display on the second', async () => {
    const pages = () => sessionPages(browser!);
    const counter = await eventually('the counter page', () => pages().find((p) => p.url() === service.url));
    const display = await eventually('the display page', () => pages().find((p) => p.url() === `${service.url}display`));
    await display.waitForFunction(() => document.querySelector('kiosk-display-app')?.shadowRoot?.childElementCount, undefined, {
      timeout: 60_000,
    });
    expect(await display.title()).toBe('新品展示');
    expect(await counter.title()).toBe('柜台终端');
    // Both windows placed and full screen, one per output.
    const placed = await eventually(`both windows placed full screen (sway has ${JSON.stringify(windows())})`, () => {
      const found = windows();
      const onCounter = found.find((w) => w.appId === 'shop-counter');
      const onDisplay = found.find((w) => w.appId.includes('__display'));
      return onCounter?.fullscreen && onDisplay?.fullscreen && onDisplay.output === 'HEADLESS-2' ? { onCounter, onDisplay } : undefined;
    });
    expect(placed.onCounter.output).toBe('HEADLESS-1');
    expect(placed.onDisplay.output).toBe('HEADLESS-2');
    const outputs = swaymsg('-t', 'get_outputs') as { name: string; rect: Node['rect'] }[];
    expect(placed.onDisplay.rect).toEqual(outputs.find((o) => o.name === 'HEADLESS-2')!.rect);
    expect(placed.onCounter.rect).toEqual(outputs.find((o) => o.name === 'HEADLESS-1')!.rect);
    // Every line of the configuration understood (sway carries on past a bad one, so it would not show otherwise).
    expect(sway.output()).not.toMatch(/Error on line|Unknown\/invalid command/);
  });

  it('ends the whole session when Chromium dies, so systemd starts it again', async () => {
    const pid = Number(spawnSync('pgrep', ['-o', '-f', '--', '--class=shop-counter'], { encoding: 'utf8' }).stdout.trim());
    expect(pid).toBeGreaterThan(0);
    await browser?.close().catch(() => {});
    browser = undefined;
    process.kill(pid, 'SIGKILL');
    const code = await Promise.race([sway.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 30_000))]);
    expect(code).not.toBe('still running');
  });
});
