/**
 * Offline updates end to end on disk: signed bundles made by the release code,
 * installed into a releases/ tree with a `current` link, the service restarted
 * through that link (as systemd's ExecStart does) and health-checked over HTTP.
 * A good bundle is switched to; one whose service never becomes healthy is
 * rolled back and the old version runs; a bundle signed by another key is refused.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readlinkSync, rmSync, symlinkSync, writeFileSync, existsSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newReleaseKeyPair, packReleaseBundle } from '../../device/release-bundle.ts';
import { installUpdate, type UpdateOptions } from '../../device/update.ts';
import { freePort } from '../helpers/service.ts';

const GOOD_SERVICE = `
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const port = Number(process.argv[process.argv.indexOf('--port') + 1]);
createServer((req, res) => res.end(JSON.stringify({ ok: true, version }))).listen(port, '127.0.0.1');
`;
// A release whose service dies at start (a bad build, a missing dependency).
const BROKEN_SERVICE = `console.error('cannot start'); process.exit(1);`;

let dir: string;
let base: string;
let port: number;
let service: ChildProcess | undefined;
const keys = newReleaseKeyPair();

function stage(version: string, main: string): string {
  const staged = join(dir, `staged-${version}`);
  mkdirSync(join(staged, 'service'), { recursive: true });
  writeFileSync(join(staged, 'package.json'), JSON.stringify({ name: 'shop-terminal', version }));
  writeFileSync(join(staged, 'service', 'main.mjs'), main);
  return staged;
}

/** What systemd does on restart: stop the old process, start ExecStart through the `current` link. */
async function restart(): Promise<void> {
  if (service && service.exitCode === null && service.signalCode === null) {
    const exited = new Promise((resolve) => service!.once('exit', resolve));
    service.kill('SIGTERM');
    await exited;
  }
  const current = join(base, 'current');
  service = spawn(join(current, 'bin', 'node'), [join(current, 'service', 'main.mjs'), '--port', String(port)], { stdio: 'ignore' });
}

async function health(): Promise<string | undefined> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) });
  const body = (await res.json()) as { ok: boolean; version: string };
  return body.ok ? body.version : undefined;
}

async function bundle(version: string, main: string, privateKeyPem = keys.privateKeyPem): Promise<string> {
  const out = join(dir, `shop-terminal-${version}.shoprelease`);
  await packReleaseBundle({ stagedDir: stage(version, main), out, privateKeyPem });
  return out;
}

function options(file: string): UpdateOptions {
  return { bundle: file, base, publicKeyPem: keys.publicKeyPem, restart, health, healthTimeoutMs: 5000 };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'update-'));
  base = join(dir, 'opt');
  port = await freePort();
  // Version 1.0.0 installed as install.sh leaves it.
  const first = join(base, 'releases', '1.0.0');
  cpSync(stage('1.0.0', GOOD_SERVICE), first, { recursive: true });
  mkdirSync(join(first, 'bin'));
  symlinkSync(process.execPath, join(first, 'bin', 'node'));
  symlinkSync('releases/1.0.0', join(base, 'current'));
  await restart();
  const deadline = Date.now() + 10_000;
  while ((await health().catch(() => undefined)) !== '1.0.0') {
    if (Date.now() > deadline) throw new Error('1.0.0 did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});

afterAll(async () => {
  service?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('offline update', () => {
  it('installs a good bundle: new release directory, current switched, the new version healthy', async () => {
    const steps: string[] = [];
    const result = await installUpdate({
      ...options(await bundle('1.1.0', GOOD_SERVICE)),
      onStep: (step, offered) => void steps.push(`${step} ${offered}`),
    });
    expect(steps).toEqual(['checking shop-terminal-1.1.0.shoprelease', 'unpacking 1.1.0', 'starting 1.1.0']);
    expect(result.outcome).toBe('installed');
    expect(result.rollback).toBeUndefined();
    expect(result.running).toBe('1.1.0');
    expect(readlinkSync(join(base, 'current'))).toBe('releases/1.1.0');
    expect(await health()).toBe('1.1.0');
    // The release before stays, for the next rollback.
    expect(existsSync(join(base, 'releases', '1.0.0'))).toBe(true);
  });

  it('rolls back a release whose service does not become healthy: the old version runs', async () => {
    const steps: string[] = [];
    const result = await installUpdate({ ...options(await bundle('1.2.0', BROKEN_SERVICE)), onStep: (step) => void steps.push(step) });
    expect(steps).toEqual(['checking', 'unpacking', 'starting', 'rolling-back']);
    expect(result.outcome).toBe('rolled-back');
    // The owner is told the old version answers again, not only that it was switched back.
    expect(result.rollback).toBe('healthy');
    expect(result.running).toBe('1.1.0');
    expect(result.message).toContain('did not become healthy');
    expect(readlinkSync(join(base, 'current'))).toBe('releases/1.1.0');
    expect(await health()).toBe('1.1.0');
    expect(existsSync(join(base, 'releases', '1.2.0'))).toBe(false);
  });

  it('refuses a bundle not signed with the terminal’s key, and one that was tampered with', async () => {
    const stranger = newReleaseKeyPair();
    const foreign = await installUpdate(options(await bundle('1.3.0', GOOD_SERVICE, stranger.privateKeyPem)));
    expect(foreign.outcome).toBe('refused');
    expect(foreign.message).toContain('signature');

    // Same manifest and signature, another release archive inside.
    const file = await bundle('1.4.0', GOOD_SERVICE);
    const unpacked = join(dir, 'tampered');
    mkdirSync(unpacked);
    execFileSync('tar', ['-C', unpacked, '-xf', file]);
    execFileSync('tar', ['-C', stage('1.4.0-evil', GOOD_SERVICE), '-czf', join(unpacked, 'release.tar.gz'), '.']);
    execFileSync('tar', ['-C', unpacked, '-cf', file, 'manifest.json', 'manifest.sig', 'release.tar.gz']);
    const tampered = await installUpdate(options(file));
    expect(tampered.outcome).toBe('refused');
    expect(tampered.message).toContain('checksum');

    expect(readlinkSync(join(base, 'current'))).toBe('releases/1.1.0');
    expect(await health()).toBe('1.1.0');
  });
});
