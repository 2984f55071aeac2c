/**
 * Is the opened scanner still the one plugged in? The two checks the fallback
 * poll makes when serialport itself says nothing (see scanner.ts): the device
 * node's identity and the port-list entry.
 */
import { lstat, stat } from 'node:fs/promises';
import type { PortInfo } from './auto-detect.ts';

/**
 * Which device node a path names right now, or undefined when there is none.
 * A replug re-creates the node, which gets a new inode number (devtmpfs never
 * reuses them), even when the device number is the same. A symlink (socat's
 * link, /dev/serial/by-id/…) may get a freed inode number back on its disk, so
 * its change time is taken too: nothing changes a symlink's ctime but
 * re-creating it. The node's own ctime is left out: udev changing its mode
 * just after a plug would look like a replug.
 */
export async function nodeIdentity(path: string): Promise<string | undefined> {
  try {
    const [link, node] = await Promise.all([lstat(path), stat(path)]);
    const viaLink = link.isSymbolicLink() ? `${link.dev}:${link.ino}:${link.ctimeMs}` : '-';
    return `${viaLink}|${node.dev}:${node.ino}:${node.rdev}`;
  } catch {
    return undefined;
  }
}

export function samePort(candidate: PortInfo, watched: PortInfo): boolean {
  if (candidate.path !== watched.path) return false;
  // Same path but another device (a different adapter got ttyUSB0) is a vanish too.
  if (watched.vendorId && watched.productId) {
    return candidate.vendorId === watched.vendorId && candidate.productId === watched.productId;
  }
  return true;
}
