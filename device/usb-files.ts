/**
 * CSV files on USB sticks, for the catalog screen: list them, read one, write
 * an export. Pictures (JPEG/PNG/WebP) too, listed and read only, for the
 * customer display's product pictures (kind 'picture'). Shop owners bring the supplier's catalog on a stick; the page
 * cannot see the file system, so the service does it, inside fixed roots only.
 *
 * Paths in the API are "<root name>/<path below the root>", e.g.
 * "media/pi/STICK/catalog.csv" for /media/pi/STICK/catalog.csv: readable, and
 * unambiguous when two roots are given (a repeated root name gets "-2", "-3").
 *
 * Safety: a path with "..", a NUL, a backslash or an absolute form is refused
 * before touching the disk; the real path (symlinks resolved) must still be
 * inside the root's real path; only .csv files and the rep's signed bundles
 * (.fleet.json(.gz), issue 12) are written, and only those (kind 'csv') or
 * picture files (kind 'picture') are read; reads
 * stop at MAX_USB_FILE_BYTES. Listing never follows symlinks.
 */
import { constants, type Dirent } from 'node:fs';
import { lstat, mkdtemp, open, readdir, realpath, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { writeFileDurably } from './durable-write.ts';

export const DEFAULT_USB_ROOTS = ['/media', '/mnt'];
/** Directory levels walked below a root: /media/<user>/<stick>/<folder>. */
export const MAX_USB_DEPTH = 3;
export const MAX_USB_FILES = 200;
/** A shop's catalog is a few MB; anything this big is not one. */
export const MAX_USB_FILE_BYTES = 20 * 1024 * 1024;

export interface UsbFile {
  /** "<root name>/<path below the root>", '/'-separated: what /usb/file?path= takes. */
  path: string;
  name: string;
  size: number;
  /** Last modified, ms since the epoch (the stick's clock, for people only). */
  mtime: number;
}

export interface UsbListing {
  files: UsbFile[];
  /** More files than MAX_USB_FILES were found; the rest are not listed. */
  truncated: boolean;
  /**
   * Mounted sticks (mount points below a root, or a root that is itself a
   * mount point), as API paths: where an export can be saved.
   */
  targets: string[];
}

/** Which files a listing or a read is about. */
export type UsbFileKind = 'csv' | 'picture';

const EXTENSIONS: Record<UsbFileKind, readonly string[]> = {
  csv: ['.csv'],
  picture: ['.jpg', '.jpeg', '.png', '.webp'],
};

function isKind(name: string, kind: UsbFileKind): boolean {
  const lower = name.toLowerCase();
  return EXTENSIONS[kind].some((ext) => lower.endsWith(ext));
}

/** The files the service reads and writes as the shop's own: CSV, and the signed visit bundles (listing shows the CSV files only). */
export function isShopFile(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('.csv') || lower.endsWith('.fleet.json') || lower.endsWith('.fleet.json.gz');
}

/** A kind from a query parameter: anything but 'picture' is 'csv'. */
export function usbFileKind(value: string | null | undefined): UsbFileKind {
  return value === 'picture' ? 'picture' : 'csv';
}

export type UsbErrorReason = 'bad-path' | 'outside-roots' | 'not-csv' | 'not-found' | 'not-a-file' | 'too-large' | 'no-directory';

export class UsbFileError extends Error {
  override name = 'UsbFileError';
  constructor(readonly reason: UsbErrorReason) {
    super(`usb file: ${reason}`);
  }
  /** The HTTP status for this refusal. */
  get status(): number {
    switch (this.reason) {
      case 'not-found':
      case 'no-directory':
        return 404;
      case 'too-large':
        return 413;
      case 'outside-roots':
        return 403;
      default:
        return 400;
    }
  }
}

interface Root {
  name: string;
  dir: string;
}

/** Roots from KIOSK_USB_ROOTS (colon-separated) or the defaults. */
export function usbRootsFromEnv(env: Record<string, string | undefined> = process.env): string[] {
  const value = env.KIOSK_USB_ROOTS;
  if (value === undefined || value.trim() === '') return DEFAULT_USB_ROOTS;
  return value
    .split(':')
    .map((r) => r.trim())
    .filter((r) => r.length > 0);
}

export class UsbFiles {
  private readonly roots: Root[];

  constructor(roots: readonly string[] = DEFAULT_USB_ROOTS) {
    const used = new Map<string, number>();
    this.roots = roots.map((r) => {
      const dir = resolve(r);
      const base = basename(dir) || 'root';
      const n = (used.get(base) ?? 0) + 1;
      used.set(base, n);
      return { name: n === 1 ? base : `${base}-${n}`, dir };
    });
  }

  /** CSV (or picture) files under the roots, newest first, at most MAX_USB_FILES. */
  async list(kind: UsbFileKind = 'csv'): Promise<UsbListing> {
    const files: UsbFile[] = [];
    const targets: string[] = [];
    let truncated = false;
    for (const root of this.roots) {
      const rootStat = await stat(root.dir).catch(() => undefined);
      if (!rootStat?.isDirectory()) continue;
      const parentStat = await stat(dirname(root.dir)).catch(() => undefined);
      if (parentStat && parentStat.dev !== rootStat.dev) targets.push(root.name);

      const walk = async (dir: string, depth: number, dev: number): Promise<void> => {
        let entries: Dirent[];
        try {
          entries = await readdir(dir, { withFileTypes: true });
        } catch {
          // Unreadable (permissions, a stick pulled out mid-walk): skip it.
          return;
        }
        entries.sort((a, b) => a.name.localeCompare(b.name));
        for (const entry of entries) {
          if (entry.name.startsWith('.')) continue;
          const full = join(dir, entry.name);
          if (entry.isFile() && isKind(entry.name, kind)) {
            if (files.length >= MAX_USB_FILES) {
              truncated = true;
              return;
            }
            const s = await stat(full).catch(() => undefined);
            if (!s) continue;
            files.push({ path: this.apiPath(root, full), name: entry.name, size: s.size, mtime: Math.round(s.mtimeMs) });
          } else if (entry.isDirectory() && depth < MAX_USB_DEPTH) {
            const s = await stat(full).catch(() => undefined);
            if (!s) continue;
            if (s.dev !== dev) targets.push(this.apiPath(root, full));
            await walk(full, depth + 1, s.dev);
          }
          // Symlinks and special files are never followed or listed.
        }
      };
      await walk(root.dir, 0, rootStat.dev);
    }
    files.sort((a, b) => b.mtime - a.mtime || a.path.localeCompare(b.path));
    return { files, truncated, targets };
  }

  /** The bytes of one listed CSV (or picture) file. */
  async read(path: string, kind: UsbFileKind = 'csv'): Promise<Uint8Array> {
    const { root, full } = this.resolvePath(path);
    if (!(kind === 'csv' ? isShopFile(full) : isKind(full, kind))) throw new UsbFileError('not-csv');
    const real = await realpath(full).catch(() => {
      throw new UsbFileError('not-found');
    });
    await this.checkInside(root, real);
    // Open once and check what was opened, so a swap between check and read cannot slip through.
    const handle = await open(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)).catch(() => {
      throw new UsbFileError('not-found');
    });
    try {
      const s = await handle.stat();
      if (!s.isFile()) throw new UsbFileError('not-a-file');
      if (s.size > MAX_USB_FILE_BYTES) throw new UsbFileError('too-large');
      const buffer = Buffer.alloc(s.size);
      let offset = 0;
      while (offset < s.size) {
        const { bytesRead } = await handle.read(buffer, offset, s.size - offset, offset);
        if (bytesRead === 0) break;
        offset += bytesRead;
      }
      return new Uint8Array(buffer.buffer, buffer.byteOffset, offset);
    } finally {
      await handle.close();
    }
  }

  /**
   * Save an export: written to a temporary file beside it, flushed, then
   * renamed, so a stick pulled out mid-write leaves no half file under the name.
   */
  async write(path: string, bytes: Uint8Array): Promise<UsbFile> {
    const { root, full } = this.resolvePath(path);
    if (!isShopFile(full)) throw new UsbFileError('not-csv');
    if (bytes.byteLength > MAX_USB_FILE_BYTES) throw new UsbFileError('too-large');
    const dir = await realpath(dirname(full)).catch(() => {
      throw new UsbFileError('no-directory');
    });
    // A stick mounted right at a root (/mnt, /media/usb0) is saved to at the root itself.
    await this.checkInside(root, dir, { orRoot: true });
    const target = join(dir, basename(full));
    const existing = await lstat(target).catch(() => undefined);
    if (existing && !existing.isFile()) throw new UsbFileError('not-a-file');

    const tmpDir = await mkdtemp(join(dir, '.kiosk-export-'));
    try {
      await writeFileDurably(target, bytes, join(tmpDir, 'export.csv'));
    } finally {
      await rm(tmpDir, { recursive: true, force: true });
    }
    const s = await stat(target);
    return { path: this.apiPath(root, target), name: basename(target), size: s.size, mtime: Math.round(s.mtimeMs) };
  }

  /** The mounted sticks as directories on disk (where backups are copied). */
  async targetDirs(): Promise<string[]> {
    const { targets } = await this.list();
    return targets.flatMap((target) => {
      const [rootName, ...rest] = target.split('/');
      const root = this.roots.find((r) => r.name === rootName);
      return root ? [resolve(root.dir, ...rest)] : [];
    });
  }

  private apiPath(root: Root, full: string): string {
    const rel = relative(root.dir, full).split(sep).join('/');
    return rel.length > 0 ? `${root.name}/${rel}` : root.name;
  }

  /** Check the text of a path, then map it to a file under its root (not yet resolved on disk). */
  private resolvePath(path: string): { root: Root; full: string } {
    if (typeof path !== 'string' || path.length === 0 || path.length > 4096) throw new UsbFileError('bad-path');
    if (path.includes('\0') || path.includes('\\') || path.startsWith('/')) throw new UsbFileError('bad-path');
    const segments = path.split('/');
    if (segments.some((s) => s === '..' || s === '.' || s === '')) throw new UsbFileError('bad-path');
    const [rootName, ...rest] = segments;
    const root = this.roots.find((r) => r.name === rootName);
    if (!root) throw new UsbFileError('outside-roots');
    if (rest.length === 0) throw new UsbFileError('bad-path');
    const full = resolve(root.dir, ...rest);
    if (!isInside(root.dir, full)) throw new UsbFileError('outside-roots');
    return { root, full };
  }

  private async checkInside(root: Root, real: string, options: { orRoot?: boolean } = {}): Promise<void> {
    const rootReal = await realpath(root.dir).catch(() => {
      throw new UsbFileError('not-found');
    });
    if (options.orRoot && real === rootReal) return;
    if (!isInside(rootReal, real)) throw new UsbFileError('outside-roots');
  }
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel.length > 0 && rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel);
}
