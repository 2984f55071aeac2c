/** Written to a temporary name beside it, synced, renamed: a power cut leaves the old file or the new one, never half of one. */
import { open, rename } from 'node:fs/promises';

export async function writeFileDurably(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${path}.part`;
  const file = await open(temporary, 'w');
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
}
