/**
 * The terminal service: `npm start`. Reads the scanners, keeps the scan journal,
 * serves the kiosk app on 127.0.0.1 and, on a machine with a display, opens
 * Chromium in kiosk mode on it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SerialPort } from 'serialport';
import { ConfigError, parseServiceConfig, usage, type ServiceConfig } from './config.ts';
import { DataDirLockedError, lockDataDir } from './data-lock.ts';
import { ScanJournal } from './journal.ts';
import { createScanners } from './scanners.ts';
import { ScanHub } from './scan-hub.ts';
import { ScannerUptimeLog } from './scanner-uptime.ts';
import { startKioskServer } from './server.ts';
import { listPortsByGlob, pickScannerPort } from './scanner/auto-detect.ts';
import { SerialScanner } from './scanner/scanner.ts';
import { startSocatPair, type PtyPair } from './sim/pty.ts';
import { buildAppIfStale } from './build-app.ts';
import { SERVICE_VERSION } from './version.ts';
import { installLoopBlockerForTests, notifySystemd } from './systemd-notify.ts';
import { BackupStore } from './backups.ts';
import { ClockWatch } from './clock.ts';
import { UsbFiles, usbRootsFromEnv } from './usb-files.ts';
import { Outbox } from './outbox.ts';
import { Board } from './board.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

function log(line: string): void {
  const time = new Date().toISOString().slice(11, 19);
  console.log(`${time} ${line}`);
}

async function main(): Promise<void> {
  let config: ServiceConfig | 'help';
  try {
    config = parseServiceConfig(process.argv.slice(2));
  } catch (err) {
    console.error(`error: ${(err as Error).message}\n\n${usage()}`);
    process.exit(2);
  }
  if (config === 'help') {
    console.log(usage());
    return;
  }

  const dataDir = resolve(config.dataDir);
  const staticDir = join(ROOT, 'dist');
  if (config.buildIfNeeded) await buildAppIfStale(ROOT, staticDir, log);
  if (!existsSync(join(staticDir, 'index.html'))) {
    log(`the kiosk app is not built (no ${join(staticDir, 'index.html')}): run \`npm run build\` (or \`npm start\`, which builds it)`);
  }

  // Before the journal is touched: a second terminal on this directory would replay and rewrite it too.
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch {
    // read-only or full: the lock below still works on an existing directory
  }
  try {
    await lockDataDir(dataDir);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(`error: ${err.message}`);
      process.exit(3);
    }
    throw err;
  }

  const journal = ScanJournal.open(join(dataDir, 'journal'), { log });
  if (journal.pendingCount > 0) log(`${journal.pendingCount} scan(s) from before are waiting for the kiosk page`);
  if (journal.health.status !== 'ok') {
    log(
      `WARNING: the scan journal cannot write (${journal.health.status}, ${journal.health.code}): new scans are NOT recorded until that is fixed`,
    );
  }
  const hub = new ScanHub(journal, { version: SERVICE_VERSION, doubleReadMs: config.scanners[0]?.doubleReadMs ?? 300, log });

  const scanners: SerialScanner[] = createScanners(config.scanners, { log });
  config.scanners.forEach((scannerConfig, i) => hub.addScanner(scanners[i]!, scannerConfig.role));

  let simulator: PtyPair | undefined;
  if (await shouldSimulate(config)) {
    try {
      simulator = await startSocatPair({
        devicePath: join(dataDir, 'scanner-device'),
        simPath: join(dataDir, 'scanner-sim'),
      });
      const scanner = new SerialScanner(
        { id: 'simulator', path: simulator.devicePath, baudRate: 9600, lineEnding: 'any', doubleReadMs: 300 },
        { log },
      );
      hub.addScanner(scanner);
      scanners.push(scanner);
      log(`no scanner hardware found: simulated scanner on ${simulator.devicePath}`);
      log(`  send codes with:  npm run sim:send -- 6901028075831 4006381333931   (writes to ${simulator.simPath})`);
    } catch (err) {
      log(`could not start the simulated scanner: ${(err as Error).message}`);
    }
  }

  const clock = new ClockWatch();
  const scannerUptime = new ScannerUptimeLog(join(dataDir, 'scanner-uptime.json'));
  const board = new Board({ dir: join(dataDir, 'board'), ...(config.collectorKey ? { collectorKey: config.collectorKey } : {}), log });
  const outbox = new Outbox({ dir: join(dataDir, 'outbox'), ...(config.collector ? { collector: config.collector } : {}), board, log });
  let server;
  try {
    const usb = new UsbFiles(usbRootsFromEnv());
    const usbTargets = () => usb.targetDirs();
    const backups = new BackupStore({ dir: join(dataDir, 'backups'), usbTargets, log });
    const updates = { dataDir, version: SERVICE_VERSION, usbTargets };
    clock.start();
    const boardUsb = { board, usbRoots: usbRootsFromEnv() };
    server = await startKioskServer({
      hub,
      port: config.port,
      staticDir,
      version: SERVICE_VERSION,
      log,
      usb,
      backups,
      updates,
      clock,
      scannerUptime,
      outbox,
      board: boardUsb,
      ownerPinResetDir: dataDir,
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      console.error(`error: port ${config.port} is in use — is the terminal already running? Use --port to pick another.`);
    } else {
      console.error(`error: cannot listen on 127.0.0.1:${config.port}: ${(err as Error).message}`);
    }
    process.exit(1);
  }
  for (const scanner of scanners) scanner.start();
  outbox.start();
  log(config.collector ? `outbox: pushing bundles to ${config.collector}` : 'outbox: no --collector; bundles wait for the USB stick');
  if (!config.collectorKey) log("board: no --collector-key; board items are refused until the collector's key is pinned");
  // A counter scanner's connected time, sampled once a minute (the rep's evaluation: scanner uptime).
  let samples = 0;
  const uptimeTimer = setInterval(() => {
    const connected = hub.scannerStates().some((s) => s.status === 'connected' && s.role !== 'display');
    scannerUptime.sample(connected, performance.now(), Date.now());
    if (++samples % 10 === 0) void scannerUptime.save().catch((err: Error) => log(`scanner uptime not saved: ${err.message}`));
  }, 60_000);
  uptimeTimer.unref();
  const systemd = notifySystemd(process.env, log);
  systemd.ready(`serving ${server.url}`);
  installLoopBlockerForTests();

  log(`shop terminal ${SERVICE_VERSION} on ${server.url}  (health: ${server.url}healthz)`);
  log(`data in ${dataDir}`);
  for (const state of hub.scannerStates()) log(`scanner ${state.id}: ${state.path ?? 'searching'} — ${state.status}`);

  // The demo shop is the page's choice of database, made from its address: the
  // service and its journal are the same, the shop's own data is never opened.
  const appUrl = config.demo ? `${server.url}?demo` : server.url;
  if (config.demo) log(`demo shop (simulated data, its own database): ${appUrl}`);

  let browser: ChildProcess | undefined;
  if (config.browser && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) {
    browser = spawn('bash', [join(ROOT, 'kiosk', 'chromium-kiosk.sh'), appUrl, join(dataDir, 'chromium-profile')], {
      stdio: 'ignore',
    });
    browser.on('error', (err) => log(`could not open Chromium: ${err.message}`));
    log('opened Chromium in kiosk mode');
  } else {
    log(`open ${appUrl} in Chromium (no display here, or --no-browser)`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    systemd.stopping();
    clearInterval(uptimeTimer);
    await outbox.stop();
    await scannerUptime.save().catch(() => undefined);
    browser?.kill();
    await Promise.allSettled(scanners.map((scanner) => scanner.stop()));
    await server.close();
    await simulator?.close();
    journal.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Simulate when asked to, or when every scanner is on auto and none is plugged in. */
async function shouldSimulate(config: ServiceConfig): Promise<boolean> {
  if (config.simulate !== 'auto') return config.simulate === 'always';
  if (config.scanners.some((scanner) => scanner.path !== 'auto')) return false;
  try {
    return pickScannerPort(await SerialPort.list()) === undefined;
  } catch {
    // No udevadm: look at the device nodes.
    return pickScannerPort(await listPortsByGlob()) === undefined;
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(`error: ${err.message}`);
  else console.error(err);
  process.exit(1);
});
