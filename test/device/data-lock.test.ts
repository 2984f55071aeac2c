import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../device/data-lock.ts';

describe('the data directory lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets one holder in, refuses a second (also by another path), and frees on release', async () => {
    const lock = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toThrow(DataDirLockedError);
    symlinkSync(dir, `${dir}-link`);
    await expect(lockDataDir(`${dir}-link`)).rejects.toThrow(new RegExp(`pid ${process.pid}`));
    rmSync(`${dir}-link`);
    await lock.release();
    const again = await lockDataDir(dir);
    await again.release();
  });
});
