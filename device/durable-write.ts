/** Written to a temporary name beside it, synced, renamed: a power cut leaves the old file or the new one, never half of one. */
import { open, rename } from 'node:fs/promises';

/**
 * `via` is a temporary name of the caller's own, in a fresh directory only it
 * writes to (a USB stick's export): opened exclusively, so a file or link put
 * there by anyone else is refused, never written through. Without it, the
 * temporary is `path`.part, overwritten if an earlier write left it behind.
 */
export async function writeFileDurably(path: string, data: string | Uint8Array, via?: string): Promise<void> {
  const temporary = via ?? `${path}.part`;
  const file = await open(temporary, via === undefined ? 'w' : 'wx');
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
}
