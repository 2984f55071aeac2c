/**
 * The service's side of offline updates. The service runs sandboxed as `shop`
 * and cannot install anything itself: it copies the bundle the owner picked
 * from the USB stick to <data-dir>/updates/incoming.shoprelease, and
 * shop-terminal-update.path starts the root updater (service/update.mjs) on it,
 * which writes its result to <data-dir>/update-result.json.
 *   GET  /update            { version, result, progress, bundles on the sticks }
 *   POST /update?name=FILE  start installing FILE from a stick (409 while one is under way)
 */
import { copyFile, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { RELEASE_EXTENSION } from './release-bundle.ts';
import {
  UPDATE_PROGRESS_FILE,
  UPDATE_RESULT_FILE,
  clearUpdateProgress,
  readUpdateProgress,
  writeUpdateProgress,
} from './update-progress.ts';

/**
 * An update whose progress has not moved for this long is taken as abandoned (an updater
 * that never started, a power cut mid-way): the owner may start another. A real one
 * moves within minutes: the health check waits 60 s at most.
 */
const STALE_PROGRESS_MS = 15 * 60_000;

export const INCOMING_BUNDLE = 'incoming.shoprelease';

export interface UpdatesOptions {
  dataDir: string;
  version: string;
  usbTargets: () => Promise<string[]>;
}

export async function serveUpdates(options: UpdatesOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const json = (status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  const url = new URL(req.url ?? '/', 'http://localhost');
  const sticks = await options.usbTargets().catch(() => [] as string[]);
  const bundles: { name: string; dir: string }[] = [];
  for (const dir of sticks) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) if (name.endsWith(RELEASE_EXTENSION) && !name.startsWith('.')) bundles.push({ name, dir });
  }
  if (req.method === 'GET') {
    const result = await readFile(join(options.dataDir, UPDATE_RESULT_FILE), 'utf8').then(
      (text) => JSON.parse(text) as unknown,
      () => null,
    );
    const progress = await readUpdateProgress(options.dataDir);
    json(200, { version: options.version, result, progress, bundles: bundles.map((b) => b.name) });
    return;
  }
  if (req.method === 'POST') {
    const name = url.searchParams.get('name') ?? '';
    const found = bundles.find((b) => b.name === name);
    if (!found) {
      json(404, { error: 'not-found' });
      return;
    }
    const since = await stat(join(options.dataDir, UPDATE_PROGRESS_FILE)).then(
      (s) => Date.now() - s.mtimeMs,
      () => undefined,
    );
    if (since !== undefined && since < STALE_PROGRESS_MS) {
      json(409, { error: 'busy', progress: await readUpdateProgress(options.dataDir) });
      return;
    }
    const dir = join(options.dataDir, 'updates');
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `.${INCOMING_BUNDLE}.tmp`);
    await writeUpdateProgress(options.dataDir, { step: 'copying', offered: name });
    try {
      await copyFile(join(found.dir, found.name), tmp);
      // Written before the rename, which is what the path unit sees: the updater finds it already there.
      await writeUpdateProgress(options.dataDir, { step: 'waiting', offered: name });
      await rename(tmp, join(dir, INCOMING_BUNDLE));
    } catch (err) {
      await clearUpdateProgress(options.dataDir);
      json(500, { error: 'copy-failed', message: (err as Error).message });
      return;
    } finally {
      await rm(tmp, { force: true });
    }
    json(202, { installing: name });
    return;
  }
  res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
}
