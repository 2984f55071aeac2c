/**
 * The service's side of offline updates. The service runs sandboxed as `shop`
 * and cannot install anything itself: it copies the bundle the owner picked
 * from the USB stick to <data-dir>/updates/incoming.shoprelease, and
 * shop-terminal-update.path starts the root updater (service/update.mjs) on it,
 * which writes its result to <data-dir>/update-result.json.
 *   GET  /update            { version, result, bundles on the sticks }
 *   POST /update?name=FILE  start installing FILE from a stick
 */
import { copyFile, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { RELEASE_EXTENSION } from './release-bundle.ts';

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
    const result = await readFile(join(options.dataDir, 'update-result.json'), 'utf8').then(
      (text) => JSON.parse(text) as unknown,
      () => null,
    );
    json(200, { version: options.version, result, bundles: bundles.map((b) => b.name) });
    return;
  }
  if (req.method === 'POST') {
    const name = url.searchParams.get('name') ?? '';
    const found = bundles.find((b) => b.name === name);
    if (!found) {
      json(404, { error: 'not-found' });
      return;
    }
    const dir = join(options.dataDir, 'updates');
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `.${INCOMING_BUNDLE}.tmp`);
    try {
      await copyFile(join(found.dir, found.name), tmp);
      // The rename is what the path unit sees: the bundle is complete when it appears.
      await rename(tmp, join(dir, INCOMING_BUNDLE));
    } finally {
      await rm(tmp, { force: true });
    }
    json(202, { installing: name });
    return;
  }
  res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
}
