/**
 * Where an offline update stands, shared by the service (which copies the
 * bundle and shows the owner the step) and the root updater (which writes each
 * step as it gets there). Both sit in the data directory beside
 * update-result.json; the progress file is gone once the result is written.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const UPDATE_PROGRESS_FILE = 'update-progress.json';
export const UPDATE_RESULT_FILE = 'update-result.json';

/**
 * copying: the service copies the bundle from the stick. waiting: it is handed over, the updater has not started yet.
 * checking: signature, checksum, architecture. unpacking. starting: switched, the new release restarting and
 * health-checked. rolling-back: it did not become healthy; the old release is switched back and restarted.
 */
export type UpdateStep = 'copying' | 'waiting' | 'checking' | 'unpacking' | 'starting' | 'rolling-back';

export interface UpdateProgress {
  step: UpdateStep;
  /** The bundle's file name, or the version it offers once read. */
  offered: string;
}

export async function writeUpdateProgress(dataDir: string, progress: UpdateProgress): Promise<void> {
  const file = join(dataDir, UPDATE_PROGRESS_FILE);
  await writeFile(`${file}.tmp`, `${JSON.stringify(progress)}\n`);
  await rename(`${file}.tmp`, file);
}

export async function readUpdateProgress(dataDir: string): Promise<UpdateProgress | null> {
  return readFile(join(dataDir, UPDATE_PROGRESS_FILE), 'utf8').then(
    (text) => JSON.parse(text) as UpdateProgress,
    () => null,
  );
}

export async function clearUpdateProgress(dataDir: string): Promise<void> {
  await rm(join(dataDir, UPDATE_PROGRESS_FILE), { force: true });
}
