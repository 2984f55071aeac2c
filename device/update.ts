/**
 * Offline update from a release bundle (a USB stick): check it, unpack it into
 * a new release directory, switch /opt/shop-terminal/current to it atomically,
 * restart the service, and health-check it; when the new release does not
 * become healthy, switch back to the previous one and restart that. The result
 * is written where the service shows it to the owner.
 *
 * Run as root by shop-terminal-update.service (bundled as service/update.mjs):
 *   update.mjs --bundle FILE [--base /opt/shop-terminal] [--key /etc/shop-terminal/release-key.pem]
 *              [--port 8080] [--result /var/lib/shop-terminal/update-result.json]
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readlink, rename, rm, symlink, writeFile, readdir, lstat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { openReleaseBundle } from './release-bundle.ts';
import { UPDATE_RESULT_FILE, clearUpdateProgress, readUpdateProgress, writeUpdateProgress, type UpdateStep } from './update-progress.ts';

const run = promisify(execFile);

export type UpdateOutcome = 'installed' | 'rolled-back' | 'refused' | 'already-installed';

export interface UpdateResult {
  outcome: UpdateOutcome;
  /** The version running afterwards. */
  running: string;
  /** The version the bundle offered, when it could be read. */
  offered?: string;
  message: string;
  at: string;
  /** After a rollback: did the old release answer its health check again? */
  rollback?: 'healthy' | 'unhealthy';
}

export interface UpdateOptions {
  bundle: string;
  /** /opt/shop-terminal: releases/<version>/ and the `current` link. */
  base: string;
  publicKeyPem: string;
  /** Restart the service on whatever `current` points at (systemctl restart shop-terminal). */
  restart: () => Promise<void>;
  /** The version the running service reports when healthy, or undefined while it is not. */
  health: () => Promise<string | undefined>;
  /** How long a new release has to become healthy. */
  healthTimeoutMs?: number;
  arch?: string;
  log?: (line: string) => void;
  /** Each step as it starts, with the version offered once the bundle is read (the owner's progress). */
  onStep?: (step: UpdateStep, offered: string) => void | Promise<void>;
}

/** Releases kept on disk: the running one, the one before it, and one more. */
const KEEP_RELEASES = 3;

export async function installUpdate(options: UpdateOptions): Promise<UpdateResult> {
  const log = options.log ?? (() => {});
  const step = async (name: UpdateStep, offered: string) => {
    await options.onStep?.(name, offered);
  };
  const base = options.base;
  const current = join(base, 'current');
  const previousTarget = await readlink(current);
  const previousVersion = previousTarget.split('/').pop() ?? previousTarget;
  const result = (outcome: UpdateOutcome, running: string, message: string, offered?: string): UpdateResult => ({
    outcome,
    running,
    message,
    at: new Date().toISOString(),
    ...(offered ? { offered } : {}),
  });

  const work = await mkdtemp(join(base, '.incoming-'));
  try {
    let manifest;
    let tarball;
    await step('checking', options.bundle.split('/').pop() ?? options.bundle);
    try {
      ({ manifest, tarball } = await openReleaseBundle(options.bundle, work, options.publicKeyPem));
    } catch (err) {
      return result('refused', previousVersion, (err as Error).message);
    }
    const arch = options.arch ?? process.arch;
    if (manifest.arch !== arch) {
      return result('refused', previousVersion, `the release is built for ${manifest.arch}, this terminal is ${arch}`, manifest.version);
    }
    if (manifest.version === previousVersion) {
      return result('already-installed', previousVersion, `version ${manifest.version} is already running`, manifest.version);
    }

    // Unpack beside the others, then rename into place: never half a release under its name.
    const releases = join(base, 'releases');
    const target = join(releases, manifest.version);
    const unpacking = join(work, 'release');
    await step('unpacking', manifest.version);
    await mkdir(unpacking);
    await run('tar', ['-C', unpacking, '-xzf', tarball]);
    await ensureNodeLink(unpacking, join(base, previousTarget));
    await rm(target, { recursive: true, force: true });
    await rename(unpacking, target);
    log(`release ${manifest.version} unpacked into ${target}`);

    let healthy = false;
    try {
      await step('starting', manifest.version);
      await switchTo(base, `releases/${manifest.version}`);
      log(`switched to ${manifest.version}; restarting the service`);
      await options.restart();
      healthy = (await waitHealthy(options, manifest.version)) === manifest.version;
    } catch (err) {
      log(`switching to ${manifest.version} failed: ${(err as Error).message}`);
    }
    if (healthy) {
      await pruneReleases(base, [`releases/${manifest.version}`, previousTarget]);
      return result('installed', manifest.version, `version ${manifest.version} installed and healthy`, manifest.version);
    }

    log(`release ${manifest.version} did not become healthy: rolling back to ${previousVersion}`);
    await step('rolling-back', manifest.version);
    await switchTo(base, previousTarget);
    await options.restart();
    const back = await waitHealthy(options, previousVersion);
    await rm(target, { recursive: true, force: true });
    return {
      ...result(
        'rolled-back',
        previousVersion,
        `version ${manifest.version} did not become healthy; back on ${previousVersion}${back === previousVersion ? '' : ' (which is not healthy either)'}`,
        manifest.version,
      ),
      rollback: back === previousVersion ? 'healthy' : 'unhealthy',
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Point `current` at `target` (relative to base) with one rename. */
async function switchTo(base: string, target: string): Promise<void> {
  const next = join(base, 'current.next');
  await rm(next, { force: true });
  await symlink(target, next);
  await rename(next, join(base, 'current'));
}

/** A release without its own node runs on the node the previous release used. */
async function ensureNodeLink(release: string, previous: string): Promise<void> {
  const link = join(release, 'bin', 'node');
  if (await exists(link)) return;
  await mkdir(join(release, 'bin'), { recursive: true });
  if (await exists(join(release, 'node', 'bin', 'node'))) {
    await symlink('../node/bin/node', link);
    return;
  }
  const before = join(previous, 'bin', 'node');
  const target = await readlink(before).catch(() => undefined);
  // The previous release's own node is not ours to borrow (it will be pruned): use the machine's then.
  await symlink(target && target.startsWith('/') ? target : '/usr/bin/node', link);
}

async function waitHealthy(options: UpdateOptions, version: string): Promise<string | undefined> {
  const deadline = Date.now() + (options.healthTimeoutMs ?? 60_000);
  for (;;) {
    const running = await options.health().catch(() => undefined);
    if (running === version) return running;
    if (Date.now() > deadline) return running;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function pruneReleases(base: string, keep: string[]): Promise<void> {
  const dir = join(base, 'releases');
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.'));
  const kept = new Set(keep.map((k) => k.split('/').pop()));
  const others = [];
  for (const name of names) if (!kept.has(name)) others.push({ name, mtime: (await lstat(join(dir, name))).mtimeMs });
  others.sort((a, b) => b.mtime - a.mtime);
  for (const { name } of others.slice(Math.max(0, KEEP_RELEASES - kept.size))) {
    await rm(join(dir, name), { recursive: true, force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      bundle: { type: 'string' },
      base: { type: 'string', default: '/opt/shop-terminal' },
      key: { type: 'string', default: '/etc/shop-terminal/release-key.pem' },
      port: { type: 'string', default: process.env.KIOSK_PORT ?? '8080' },
      result: { type: 'string', default: `/var/lib/shop-terminal/${UPDATE_RESULT_FILE}` },
      unit: { type: 'string', default: 'shop-terminal.service' },
    },
  });
  if (!values.bundle) throw new Error('usage: update.mjs --bundle FILE');
  // The progress sits beside the result, where the service reads both for the owner's screen.
  const dataDir = dirname(values.result);
  // The service handed the bundle over under the stick's file name: the owner sees that until the manifest is read.
  const handed = await readUpdateProgress(dataDir);
  let outcome: UpdateResult;
  try {
    outcome = await installUpdate({
      bundle: values.bundle,
      base: values.base,
      publicKeyPem: await readFile(values.key, 'utf8'),
      restart: async () => {
        await run('systemctl', ['restart', values.unit]);
      },
      health: async () => {
        const res = await fetch(`http://127.0.0.1:${values.port}/healthz`, { signal: AbortSignal.timeout(2000) });
        const body = (await res.json()) as { ok?: boolean; version?: string };
        return body.ok ? body.version : undefined;
      },
      log: (line) => console.log(line),
      onStep: (step, offered) =>
        writeUpdateProgress(dataDir, { step, offered: step === 'checking' ? (handed?.offered ?? offered) : offered }).catch(
          () => undefined,
        ),
    });
  } catch (err) {
    // An updater that fails outright (no key, tar missing) still ends with a result: the owner's screen never waits forever.
    const running = (await readlink(join(values.base, 'current')).catch(() => '')).split('/').pop() ?? '';
    outcome = { outcome: 'refused', running, message: `the update could not run: ${(err as Error).message}`, at: new Date().toISOString() };
  }
  console.log(`${outcome.outcome}: ${outcome.message}`);
  const tmp = `${values.result}.tmp`;
  await writeFile(tmp, `${JSON.stringify(outcome, null, 2)}\n`);
  await rename(tmp, values.result);
  await clearUpdateProgress(dataDir);
  process.exitCode = outcome.outcome === 'installed' || outcome.outcome === 'already-installed' ? 0 : 1;
}

if (process.argv[1] && /update\.(ts|mjs)$/.test(process.argv[1])) {
  main().catch((err: unknown) => {
    console.error(`update failed: ${(err as Error).message}`);
    process.exit(1);
  });
}
