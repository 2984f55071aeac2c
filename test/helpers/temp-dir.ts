/** A throw-away directory for each test of a node test file. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** A fresh directory named after `prefix`, with the empty folders `folders` in it. */
export function makeTempDir(prefix: string, folders: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const folder of folders) mkdirSync(join(dir, folder));
  return dir;
}

/**
 * Before each test, makes a fresh directory named after `prefix` (so a leftover
 * one says which test made it), with the empty folders `folders` in it, and hands
 * it to `use`; after each test, removes it.
 */
export function tempDirPerTest(prefix: string, use: (dir: string) => void, folders: string[] = []): void {
  let dir: string | undefined;
  beforeEach(() => {
    dir = makeTempDir(prefix, folders);
    use(dir);
  });
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
}
