/**
 * npm run faults — the scan path under real faults and hostile clients (issue 8).
 * Each scenario sets up one fault for real, in its own module; this runs them
 * in turn and prints one figure line last:
 *
 *   faults enospc_lost=0 erofs_lost=0 service_exits=0 backlog=100000 drain_s=X max_lag_ms=Y foreign_acks=0 applied_lost=0 flood_rss_mb=Z
 *
 * The full and read-only disks need root (mount); without it those figures
 * read `skipped` and a line says why. FAULTS_ONLY=flood,hostile runs a subset
 * (the others read `-`). Every loop is bounded; mounts and processes are
 * cleaned up in finally blocks, and by a last-resort cleanup on Ctrl-C or the
 * watchdog.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAppIfStale } from '../../device/build-app.ts';
import { applied } from './applied.ts';
import { backlogScenario } from './backlog.ts';
import { enospcScenario } from './enospc.ts';
import { erofsScenario } from './erofs.ts';
import { floodScenario } from './flood.ts';
import { hostileScenario } from './hostile.ts';
import { emergencyCleanup, isRoot, log, ServiceSupervisor } from './lib.ts';

/** The whole script may take this long (it is usually 6–10 minutes); then it cleans up and fails. */
const WATCHDOG_MS = 40 * 60_000;

const only = new Set((process.env.FAULTS_ONLY ?? '').split(',').filter(Boolean));
const wanted = (name: string): boolean => only.size === 0 || only.has(name);

const figures = {
  enospc_lost: '-',
  erofs_lost: '-',
  service_exits: '-',
  backlog: '-',
  drain_s: '-',
  max_lag_ms: '-',
  foreign_acks: '-',
  applied_lost: '-',
  flood_rss_mb: '-',
};

const interrupted = (why: string) => {
  console.error(`faults: ${why}; cleaning up`);
  emergencyCleanup();
  process.exit(1);
};
process.on('SIGINT', () => interrupted('interrupted'));
process.on('SIGTERM', () => interrupted('terminated'));
const watchdog = setTimeout(() => interrupted(`still running after ${WATCHDOG_MS / 60_000} minutes`), WATCHDOG_MS);
watchdog.unref();

const supervisor = new ServiceSupervisor();
const asRoot = isRoot();
let failed = false;

async function scenario(name: string, body: () => Promise<void>): Promise<void> {
  if (!wanted(name)) return;
  const started = performance.now();
  log(`── ${name}`);
  try {
    await body();
  } catch (error) {
    failed = true;
    log(`${name}: the scenario itself failed: ${(error as Error).stack ?? String(error)}`);
  }
  log(`${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

try {
  // Built here, not by the first service started: a build inside the service
  // would count in its memory (flood_rss_mb) and its event-loop stalls.
  const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
  await buildAppIfStale(repoRoot, join(repoRoot, 'dist'), log);
  await scenario('flood', async () => {
    figures.flood_rss_mb = String(await floodScenario(supervisor, asRoot));
  });
  await scenario('hostile', async () => {
    figures.foreign_acks = String(await hostileScenario(supervisor));
  });
  await scenario('applied', async () => {
    figures.applied_lost = String(await applied(supervisor));
  });
  await scenario('backlog', async () => {
    const result = await backlogScenario(supervisor);
    figures.backlog = String(result.backlog);
    figures.drain_s = result.drainS;
    figures.max_lag_ms = String(result.maxLagMs);
  });
  for (const [name, run, figure] of [
    ['enospc', enospcScenario, 'enospc_lost'],
    ['erofs', erofsScenario, 'erofs_lost'],
  ] as const) {
    if (!wanted(name)) continue;
    if (!asRoot) {
      log(
        `${name}: SKIPPED — it mounts a tmpfs as the data directory${name === 'erofs' ? ' and remounts it read-only' : ''}, which needs root`,
      );
      figures[figure] = 'skipped';
      continue;
    }
    await scenario(name, async () => {
      figures[figure] = String(await run(supervisor));
    });
  }
  figures.service_exits = String(supervisor.unplannedExits);
} finally {
  emergencyCleanup();
}

if (failed) log('at least one scenario could not run to its end (see above); its figure reads "-"');
console.log(
  `faults enospc_lost=${figures.enospc_lost} erofs_lost=${figures.erofs_lost} service_exits=${figures.service_exits} ` +
    `backlog=${figures.backlog} drain_s=${figures.drain_s} max_lag_ms=${figures.max_lag_ms} ` +
    `foreign_acks=${figures.foreign_acks} applied_lost=${figures.applied_lost} flood_rss_mb=${figures.flood_rss_mb}`,
);
// Playwright and ws may keep handles open; every process this started is gone by now.
process.exit(failed ? 1 : 0);
