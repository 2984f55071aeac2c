import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDirPerTest } from '../helpers/temp-dir.ts';
import { freePort, serviceArgs } from '../helpers/service.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The real service twice on one data directory (the lock itself: test/device/data-lock.test.ts). */
describe('one terminal per data directory', () => {
  let dir: string;
  tempDirPerTest('lock-e2e-', (made) => (dir = made));

  /** Runs the service; resolves with its exit code, or 'running' once it answers /healthz. */
  function runService(dataDir: string, port: number) {
    const child = spawn(process.execPath, serviceArgs(port, dataDir, 'none'), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (output += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => (output += t));
    const outcome = new Promise<number | 'running'>((resolve) => {
      child.once('exit', (code) => resolve(code ?? -1));
      const poll = async () => {
        for (;;) {
          if (child.exitCode !== null) return;
          try {
            await fetch(`http://127.0.0.1:${port}/healthz`);
            resolve('running');
            return;
          } catch {
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      };
      void poll();
    });
    return { child, outcome, output: () => output };
  }

  it('a second service on the same data directory exits with a clear message and leaves the journal alone; a SIGKILLed one leaves no stale lock', async () => {
    const first = runService(dir, await freePort());
    expect(await first.outcome).toBe('running');
    const journalDir = join(dir, 'journal');
    mkdirSync(journalDir, { recursive: true });
    const journal = join(journalDir, 'scan-journal.ndjson');
    const before = readFileSync(journal, 'utf8');
    const boot = readFileSync(join(journalDir, 'boot.json'), 'utf8');

    const second = runService(dir, await freePort());
    const code = await second.outcome;
    expect(code).not.toBe('running');
    expect(code).not.toBe(0);
    expect(second.output()).toMatch(/already running on the data directory/);
    expect(readFileSync(journal, 'utf8')).toBe(before);
    expect(readFileSync(join(journalDir, 'boot.json'), 'utf8')).toBe(boot);

    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const third = runService(dir, await freePort());
    expect(await third.outcome).toBe('running');
    third.child.kill('SIGTERM');
    await new Promise((r) => third.child.once('exit', r));
  }, 60_000);
});
