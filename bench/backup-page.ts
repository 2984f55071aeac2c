/**
 * Bundled by bench/backup.ts (esbuild) into a page served on loopback in
 * Debian's Chromium: seeds the shop, then backs it up, wipes it and restores it
 * with the kiosk's own data code, timing each step there.
 */
import { createBackup, restoreBackup, storeContentHashes } from '../src/data/backup.ts';
import { deleteKioskDb } from '../src/data/db.ts';
import { seedShop, type SeedSize } from '../test/helpers/backup-seed.ts';

let bundle: Uint8Array | undefined;

const api = {
  async seed(size: SeedSize): Promise<number> {
    await deleteKioskDb();
    const started = performance.now();
    await seedShop(size);
    return performance.now() - started;
  },
  hashes: () => storeContentHashes(),
  async backup(): Promise<{ ms: number; bytes: number }> {
    const started = performance.now();
    bundle = (await createBackup()).bytes;
    return { ms: performance.now() - started, bytes: bundle.byteLength };
  },
  /** The bundle, as the page would send it to the service (base64 keeps page.evaluate simple). */
  wipe: () => deleteKioskDb(),
  async restore(): Promise<number> {
    const started = performance.now();
    await restoreBackup(bundle!);
    return performance.now() - started;
  },
};

(globalThis as unknown as { backupBench: typeof api }).backupBench = api;
