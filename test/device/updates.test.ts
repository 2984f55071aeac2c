/**
 * The service's side of an offline update (GET/POST /update): the bundles on a
 * stick are listed, the one the owner picked is handed to the root updater
 * (copied under its fixed name) with its progress, a second one is refused
 * while the first is under way, and the updater's steps and result are served.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INCOMING_BUNDLE, serveUpdates } from '../../device/updates.ts';
import { tempDirPerTest } from '../helpers/temp-dir.ts';
import { UPDATE_PROGRESS_FILE, UPDATE_RESULT_FILE, clearUpdateProgress, writeUpdateProgress } from '../../device/update-progress.ts';

let dataDir: string;
let stick: string;
let server: Server;
let base: string;

tempDirPerTest(
  'updates-',
  (dir) => {
    dataDir = join(dir, 'data');
    stick = join(dir, 'stick');
  },
  ['data', 'stick'],
);

beforeEach(async () => {
  writeFileSync(join(stick, 'shop-terminal-0.2.0-x64.shoprelease'), 'bundle bytes');
  writeFileSync(join(stick, 'notes.txt'), 'not a release');
  server = createServer((req, res) => void serveUpdates({ dataDir, version: '0.1.0', usbTargets: async () => [stick] }, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function status(): Promise<{ version: string; result: unknown; progress: unknown; bundles: string[] }> {
  return (await fetch(`${base}/update`)).json() as never;
}

describe('GET/POST /update', () => {
  it('lists the release bundles on the stick, with the version and no update under way', async () => {
    expect(await status()).toEqual({ version: '0.1.0', result: null, progress: null, bundles: ['shop-terminal-0.2.0-x64.shoprelease'] });
  });

  it('hands the picked bundle to the updater with its progress, refuses a second while it runs, then serves the result', async () => {
    const name = 'shop-terminal-0.2.0-x64.shoprelease';
    const started = await fetch(`${base}/update?name=${name}`, { method: 'POST' });
    expect(started.status).toBe(202);
    expect(readFileSync(join(dataDir, 'updates', INCOMING_BUNDLE), 'utf8')).toBe('bundle bytes');
    expect((await status()).progress).toEqual({ step: 'waiting', offered: name });

    const again = await fetch(`${base}/update?name=${name}`, { method: 'POST' });
    expect(again.status).toBe(409);

    // The updater's steps (device/update.ts main writes them), then its result.
    await writeUpdateProgress(dataDir, { step: 'rolling-back', offered: '0.2.0' });
    expect((await status()).progress).toEqual({ step: 'rolling-back', offered: '0.2.0' });
    const result = {
      outcome: 'rolled-back',
      running: '0.1.0',
      offered: '0.2.0',
      message: 'did not become healthy',
      at: '2026-01-01T00:00:00Z',
      rollback: 'healthy',
    };
    writeFileSync(join(dataDir, UPDATE_RESULT_FILE), JSON.stringify(result));
    await clearUpdateProgress(dataDir);
    expect(await status()).toMatchObject({ result, progress: null });
    expect((await fetch(`${base}/update?name=${name}`, { method: 'POST' })).status).toBe(202);
  });

  it('takes an update whose progress stopped long ago as abandoned, and refuses a name not on the stick', async () => {
    await writeUpdateProgress(dataDir, { step: 'waiting', offered: 'old.shoprelease' });
    const longAgo = new Date(Date.now() - 20 * 60_000);
    utimesSync(join(dataDir, UPDATE_PROGRESS_FILE), longAgo, longAgo);
    expect((await fetch(`${base}/update?name=nothing.shoprelease`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${base}/update?name=shop-terminal-0.2.0-x64.shoprelease`, { method: 'POST' })).status).toBe(202);
  });
});
