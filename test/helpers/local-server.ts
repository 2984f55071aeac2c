/**
 * The terminal service's local server in-process for device tests: a fresh
 * temporary directory, a scan journal in it, a hub and the server on a free
 * loopback port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { ScanJournal } from '../../device/journal.ts';
import { ScanHub } from '../../device/scan-hub.ts';
import { startKioskServer, type KioskServer, type KioskServerOptions } from '../../device/server.ts';

export const TEST_SERVICE_VERSION = '9.9.9';

export interface LocalServer {
  dir: string;
  journal: ScanJournal;
  hub: ScanHub;
  /** Replaced by a test that restarts it (restartServer); stopLocalServer closes the one set last. */
  server: KioskServer;
}

/**
 * `prefix` names the directory, so a leftover one says which test made it; `more`
 * gets the directory (to put files in) and gives the options the test adds
 * (its backups, USB roots, static pages…). The journal is in `<dir>/journal`.
 */
export async function startLocalServer(
  prefix: string,
  more: (dir: string) => Partial<KioskServerOptions> = () => ({}),
): Promise<LocalServer> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const journal = ScanJournal.open(join(dir, 'journal'));
  const hub = new ScanHub(journal, { version: TEST_SERVICE_VERSION, doubleReadMs: 300 });
  try {
    const server = await startKioskServer({ hub, port: 0, version: TEST_SERVICE_VERSION, ...more(dir) });
    return { dir, journal, hub, server };
  } catch (error) {
    journal.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Closes the server and the journal, then removes the directory. */
export async function stopLocalServer(local: LocalServer | undefined): Promise<void> {
  if (!local) return;
  await local.server.close();
  local.journal.close();
  rmSync(local.dir, { recursive: true, force: true });
}

/**
 * Every test of the suite this is called in gets its own local server (see
 * startLocalServer), stopped after it; the object returned holds the current one.
 */
export function localServerPerTest(prefix: string, more?: (dir: string) => Partial<KioskServerOptions>): LocalServer {
  const local = {} as LocalServer;
  beforeEach(async () => {
    Object.assign(local, await startLocalServer(prefix, more));
  });
  afterEach(() => stopLocalServer(local));
  return local;
}
