/**
 * Bundled by bench/backup.ts (esbuild) into a page served on loopback in
 * Debian's Chromium: seeds the shop, then backs it up, wipes it and restores it
 * with the kiosk's own data code, timing each step there.
 */
import { createBackup, restoreBackup, storeContentHashes } from '../src/data/backup.ts';
import { deleteKioskDb } from '../src/data/db.ts';
import { setUpOwner, usePinIterations } from '../src/data/roles.ts';
import { seedShop, type SeedSize } from '../test/helpers/backup-seed.ts';

let bundle: Uint8Array | undefined;

const api = {
  async seed(size: SeedSize): Promise<number> {
    await deleteKioskDb();
    const started = performance.now();
    await seedShop(size);
    return performance.now() - started;
  },
  /** The shop's stores: each terminal keeps its own PINs, lockout and audit log (a restore leaves them). */
  async hashes(): Promise<Record<string, string>> {
    const hashes = await storeContentHashes();
    for (const name of ['staff', 'audit', 'security']) delete hashes[name];
    return hashes;
  },
  async backup(): Promise<{ ms: number; bytes: number }> {
    const started = performance.now();
    bundle = (await createBackup()).bytes;
    return { ms: performance.now() - started, bytes: bundle.byteLength };
  },
  /** A new terminal: the profile wiped, its owner sets a PIN (and is signed in: a restore is the owner's). */
  async wipe(): Promise<void> {
    await deleteKioskDb();
    usePinIterations(10);
    await setUpOwner('2468');
  },
  async restore(): Promise<number> {
    const started = performance.now();
    await restoreBackup(bundle!);
    return performance.now() - started;
  },
};

(globalThis as unknown as { backupBench: typeof api }).backupBench = api;
