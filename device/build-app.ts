/**
 * `npm start` builds the kiosk app when the build is missing or older than its
 * sources, so a fresh clone needs no separate build step.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the kiosk's build is made from: both pages (the counter and the customer display), their code and the build's config. */
export const KIOSK_SOURCES = ['src', 'index.html', 'display.html', 'vite.config.ts', 'package.json'];

/** Another vite build than the kiosk's (the collector's pages): its root, config and sources (all under root), its name in the log. */
export interface AppBuild {
  viteRoot: string;
  configFile: string;
  sources: string[];
  name: string;
}

export async function buildAppIfStale(
  root: string,
  outDir: string,
  log: (line: string) => void,
  app: AppBuild = { viteRoot: '.', configFile: 'vite.config.ts', sources: KIOSK_SOURCES, name: 'the kiosk app' },
): Promise<void> {
  if (!buildIsStale(root, outDir, app.sources)) return;
  log(`building ${app.name} (first start or sources changed)…`);
  const started = performance.now();
  const { build } = await import('vite');
  await build({ root: join(root, app.viteRoot), logLevel: 'warn', configFile: join(root, app.configFile) });
  log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** True when the build is missing or any source (file, or anything below a folder) changed after it. */
export function buildIsStale(root: string, outDir: string, sources: readonly string[]): boolean {
  const built = join(outDir, 'index.html');
  return !existsSync(built) || newestChange(sources.map((s) => join(root, s))) > statSync(built).mtimeMs;
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
