/**
 * kiosk/install.sh --root: what it would install on a terminal, laid into a
 * staging directory and checked; every systemd unit it installs passes
 * `systemd-analyze verify`; an old Node.js is refused with a clear message.
 * In the e2e project: it builds the app and bundles the service, too heavy to
 * run beside the unit tests.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, readlink, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newReleaseKeyPair } from '../../device/release-bundle.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

let work: string;
let staged: string;

async function install(rootDir: string, ...args: string[]) {
  return run('bash', [join(ROOT, 'kiosk/install.sh'), '--root', rootDir, ...args], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'kiosk-install-'));
  staged = join(work, 'root');
  const key = join(work, 'release-key.pub.pem');
  await writeFile(key, newReleaseKeyPair().publicKeyPem);
  await install(
    staged,
    '--release-key',
    key,
    '--scanner-counter',
    '0c2e:0b61:17A0001',
    '--scanner-display',
    '1A86:7523',
    '--closes',
    '21:30',
    '--display-output',
    'HDMI-A-2',
  );
}, 180_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('install.sh --root', () => {
  it('lays out the release, the units, the rules and the settings', async () => {
    const release = join(staged, 'opt/shop-terminal/current');
    expect(await readlink(release)).toBe('releases/0.1.0');
    for (const file of [
      'service/main.mjs',
      'dist/index.html',
      'package.json',
      'kiosk/kiosk-session.sh',
      'kiosk/kiosk-compositor.sh',
      'kiosk/sway-kiosk.conf.in',
      'bin/node',
    ]) {
      expect(existsSync(join(release, file)), file).toBe(true);
    }
    // The production dependencies only: no dev tools in a release.
    expect(existsSync(join(release, 'node_modules/serialport'))).toBe(true);
    expect(existsSync(join(release, 'node_modules/unix-dgram'))).toBe(true);
    expect(existsSync(join(release, 'node_modules/vite'))).toBe(false);
    expect(existsSync(join(release, 'node_modules/vitest'))).toBe(false);

    const system = join(staged, 'etc/systemd/system');
    const units = (await readdir(system)).filter((name) => name.startsWith('shop-')).sort();
    expect(units).toEqual([
      'shop-kiosk.service',
      'shop-screen-off.service',
      'shop-screen-off.timer',
      'shop-screen-off.timer.d',
      'shop-screen-on.service',
      'shop-screen-on.timer',
      'shop-screen-on.timer.d',
      'shop-terminal-update.path',
      'shop-terminal-update.service',
      'shop-terminal.service',
    ]);
    expect(await readlink(join(system, 'multi-user.target.wants/shop-terminal.service'))).toMatch(/shop-terminal\.service$/);
    expect(await readlink(join(system, 'graphical.target.wants/shop-kiosk.service'))).toMatch(/shop-kiosk\.service$/);
    expect(await readlink(join(system, 'timers.target.wants/shop-screen-off.timer'))).toMatch(/shop-screen-off\.timer$/);
    expect(await readlink(join(system, 'brltty-udev.service'))).toBe('/dev/null');
    expect(await readFile(join(system, 'shop-screen-off.timer.d/hours.conf'), 'utf8')).toContain('OnCalendar=*-*-* 21:30:00');
    expect(await readFile(join(system, 'shop-screen-on.timer.d/hours.conf'), 'utf8')).toContain('OnCalendar=*-*-* 07:00:00');

    const rules = await readFile(join(staged, 'etc/udev/rules.d/70-shop-scanners.rules'), 'utf8');
    expect(rules).toContain(
      'SUBSYSTEM=="tty", ATTRS{idVendor}=="0c2e", ATTRS{idProduct}=="0b61", ATTRS{serial}=="17A0001", SYMLINK+="scanner-counter"',
    );
    // Upper-case hex from the command line is written as udev sees it (lower case).
    expect(rules).toContain('ATTRS{idVendor}=="1a86", ATTRS{idProduct}=="7523", SYMLINK+="scanner-display"');
    expect(rules).toContain('KERNEL=="ttyACM*|ttyUSB*", ENV{ID_MM_DEVICE_IGNORE}="1"');
    expect(rules).not.toMatch(/@[A-Z_]+@/);

    const settings = await readFile(join(staged, 'etc/shop-terminal/terminal.env'), 'utf8');
    expect(settings).toContain('KIOSK_SCANNER=counter=/dev/scanner-counter;display=/dev/scanner-display');
    expect(settings).toContain('SHOP_CLOSES=21:30');
    expect(settings).toMatch(/^KIOSK_DISPLAY_OUTPUT=HDMI-A-2$/m);
    expect(settings).toMatch(/^KIOSK_COUNTER_OUTPUT=HDMI-A-1$/m);
    expect(existsSync(join(staged, 'etc/chromium/policies/managed/shop-kiosk.json'))).toBe(true);
    expect(await readFile(join(staged, 'etc/shop-terminal/release-key.pem'), 'utf8')).toContain('BEGIN PUBLIC KEY');
    expect(existsSync(join(release, 'service/update.mjs'))).toBe(true);
    expect(await readlink(join(system, 'multi-user.target.wants/shop-terminal-update.path'))).toMatch(/update\.path$/);
    expect((await stat(join(staged, 'var/lib/shop-terminal'))).mode & 0o777).toBe(0o750);

    const plan = await readFile(join(staged, 'opt/shop-terminal/install-plan.txt'), 'utf8');
    expect(plan).toContain('packages: chromium chromium-l10n cage xwayland fonts-noto-cjk socat sway');
    expect(plan).toContain('user: shop groups: dialout video input render');
  });

  it('runs again without changing the owner’s settings or the scanner names', async () => {
    const settingsPath = join(staged, 'etc/shop-terminal/terminal.env');
    const rulesPath = join(staged, 'etc/udev/rules.d/70-shop-scanners.rules');
    await writeFile(settingsPath, (await readFile(settingsPath, 'utf8')) + 'KIOSK_DISPLAY_URL=http://127.0.0.1:8080/\n');
    const before = { settings: await readFile(settingsPath, 'utf8'), rules: await readFile(rulesPath, 'utf8') };
    const release = join(staged, 'opt/shop-terminal/current');
    await install(staged, '--release', release);
    expect(await readFile(settingsPath, 'utf8')).toBe(before.settings);
    expect(await readFile(rulesPath, 'utf8')).toBe(before.rules);
    expect(await readlink(release)).toBe('releases/0.1.0');
  }, 120_000);

  it('refuses a Node.js older than 20.19, saying what to do', async () => {
    // A release without its own node, on a machine whose node is Debian 12's.
    const release = join(work, 'release-without-node');
    await cp(join(staged, 'opt/shop-terminal/current/'), release, { recursive: true, dereference: false });
    await rm(join(release, 'node'), { recursive: true, force: true });
    const bin = join(work, 'old-node-bin');
    await mkdir(bin, { recursive: true });
    await writeFile(join(bin, 'node'), '#!/bin/sh\necho 18.20.4\n');
    await chmod(join(bin, 'node'), 0o755);
    const result = spawnSync('bash', [join(ROOT, 'kiosk/install.sh'), '--root', join(work, 'old'), '--release', release], {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Node.js 18.20.4');
    expect(result.stderr).toContain('needs >= 20.19');
    expect(existsSync(join(work, 'old/opt/shop-terminal/current'))).toBe(false);
  });
});

describe('systemd units', () => {
  it('pass systemd-analyze verify', async () => {
    const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
    if (analyze.error) {
      // ensure-system-deps.sh installs it (package systemd); only a machine where that was impossible gets here.
      console.warn(`skipped: systemd-analyze cannot run here (${analyze.error.message})`);
      return;
    }
    // The units name /opt/shop-terminal/current/…, which exists only on a terminal:
    // verify copies pointed at the staged release, so the executables are checked too.
    const dir = join(work, 'units');
    await cp(join(staged, 'etc/systemd/system'), dir, { recursive: true, filter: (path) => !path.includes('.wants') });
    const files: string[] = [];
    for (const name of await readdir(dir)) {
      if (!/^shop-.*\.(service|timer|path)$/.test(name)) continue;
      const path = join(dir, name);
      const text = await readFile(path, 'utf8');
      await writeFile(path, text.replaceAll('/opt/shop-terminal/', `${join(staged, 'opt/shop-terminal')}/`));
      files.push(path);
    }
    expect(files).toHaveLength(8);
    const result = spawnSync('systemd-analyze', ['verify', '--man=no', ...files], {
      encoding: 'utf8',
      env: { ...process.env, SYSTEMD_LOG_LEVEL: 'notice' },
    });
    // Unknown keys and bad values are only warnings: any output is a failure.
    expect(result.stderr + result.stdout).toBe('');
    expect(result.status).toBe(0);
  });
});
