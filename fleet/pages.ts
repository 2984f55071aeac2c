/** Where the collector's Lit pages are built (fleet/web/, its own vite config) and the build when stale. */
import { fileURLToPath } from 'node:url';
// The vite build helper `npm start` uses, not the terminal service itself: one way to build when stale.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { buildAppIfStale } from '../device/build-app.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const FLEET_PAGES_DIR = fileURLToPath(new URL('../dist-fleet', import.meta.url));

export async function buildFleetPagesIfStale(log: (line: string) => void): Promise<void> {
  await buildAppIfStale(ROOT, FLEET_PAGES_DIR, log, {
    viteRoot: 'fleet/web',
    configFile: 'fleet/web/vite.config.ts',
    sources: ['fleet/web', 'src/components/uplot-chart.ts', 'src/styles.ts', 'package.json'],
    name: "the collector's pages",
  });
}
