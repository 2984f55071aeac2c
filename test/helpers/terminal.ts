/**
 * One terminal for an end-to-end test, set up the same way in every file: a
 * throw-away data directory, a real pty for the counter scanner, and the real
 * service on a free loopback port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPtyPair, type PtyPair } from './pty.ts';
import { freePort, startService, type RunningService } from './service.ts';
import { openKioskPage, seedProducts, setOwnerPinOnPage, type KioskPage } from './kiosk-page.ts';

export interface Terminal {
  dir: string;
  pty: PtyPair;
  port: number;
  /** Replaced by a test that restarts the service; stopTerminal stops the one set last. */
  service: RunningService;
}

export interface TerminalOptions {
  /** More command-line options for device/main.ts (e.g. --demo). */
  extraArgs?: string[];
  /** Wait until the counter scanner reports 'connected' (default true). */
  waitForScanners?: boolean;
}

/** `prefix` names the temporary directory, so a leftover one says which test made it. */
export async function startTerminal(prefix: string, options: TerminalOptions = {}): Promise<Terminal> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let pty: PtyPair | undefined;
  let service: RunningService | undefined;
  try {
    pty = await startPtyPair(dir);
    const port = await freePort();
    service = await startService({ dataDir: join(dir, 'data'), scannerPath: pty.devicePath, port, extraArgs: options.extraArgs ?? [] });
    if (options.waitForScanners !== false) await service.waitForScanners();
    return { dir, pty, port, service };
  } catch (error) {
    // afterAll has no terminal to stop: leave nothing running behind the failure.
    await service?.stop();
    await pty?.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Closes what the test opened on the terminal (its page or browser) first, then the service, the pty and the directory. */
export async function stopTerminal(terminal: Terminal | undefined, opened?: { close(): Promise<void> }): Promise<void> {
  await opened?.close();
  if (!terminal) return;
  await terminal.service.stop();
  await terminal.pty.close();
  rmSync(terminal.dir, { recursive: true, force: true });
}

/**
 * A terminal with the kiosk page open in counter `mode` and the owner's PIN set
 * from the first-run banner (the owner stays signed in), as the e2e tests of
 * the owner's and the rep's work start; `products` are seeded first. When the
 * page cannot be set up, the terminal is stopped before the error is thrown.
 */
export async function startOwnerKiosk(
  prefix: string,
  mode: string,
  options: TerminalOptions & { products?: Parameters<typeof seedProducts>[1] } = {},
): Promise<{ terminal: Terminal; kiosk: KioskPage }> {
  const { products, ...terminalOptions } = options;
  const terminal = await startTerminal(prefix, terminalOptions);
  let kiosk: KioskPage | undefined;
  try {
    kiosk = await openKioskPage(terminal.service.url, mode);
    if (products) await seedProducts(kiosk.page, products);
    await setOwnerPinOnPage(kiosk.page);
    return { terminal, kiosk };
  } catch (error) {
    await stopTerminal(terminal, kiosk);
    throw error;
  }
}
