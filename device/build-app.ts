/**
 * `npm start` builds the kiosk app when the build is missing or older than its
 * sources, so a fresh clone needs no separate build step.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src', 'index.html', 'vite.config.ts', 'package.json'];

export async function buildAppIfStale(root: string, outDir: string, log: (line: string) => void): Promise<void> {
  const built = join(outDir, 'index.html');
  if (existsSync(built) && newestChange(SOURCES.map((s) => join(root, s))) <= statSync(built).mtimeMs) return;
  log('building the kiosk app (first start or sources changed)…');
  const started = performance.now();
  const { build } = await import('vite');
  await build({ root, logLevel: 'warn', configFile: join(root, 'vite.config.ts') });
  log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function newestChange(paths: string[]): number {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      const children = readdirSync(path).map((name) => join(path, name));
      newest = Math.max(newest, stat.mtimeMs, newestChange(children));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  }
  return newest;
}
