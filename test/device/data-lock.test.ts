import { rmSync, symlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDirPerTest } from '../helpers/temp-dir.ts';
import { DataDirLockedError, lockDataDir } from '../../device/data-lock.ts';

describe('the data directory lock', () => {
  let dir: string;
  tempDirPerTest('lock-', (made) => (dir = made));

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
