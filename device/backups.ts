/**
 * The service's side of backups: the page sends a bundle (PUT /backups), the
 * service checks it (header and SHA-256, so a bundle damaged on the way is not
 * kept as if it were good), writes it to <data-dir>/backups, keeps 7 daily and
 * 4 weekly ones, and copies it to a USB stick when one is plugged in. The
 * restore screen lists them (GET /backups) and reads one (GET /backups/file).
 *
 * Every file is written to a temporary name, flushed, then renamed: a power cut
 * leaves the old set of backups, never half a file under a backup's name.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, copyFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { BACKUP_EXTENSION, BackupError, parseBackupHeader, type BackupHeader } from '../src/domain/backup-format.ts';

/** A shop's backup is tens of MB; this is far past any real one. */
export const MAX_BACKUP_BYTES = 2 * 1024 * 1024 * 1024;
export const KEEP_DAILY = 7;
export const KEEP_WEEKLY = 4;
/** The folder on a USB stick. */
export const USB_BACKUP_DIR = 'shop-terminal-backups';

export interface BackupFile {
  name: string;
  where: 'terminal' | 'usb';
  size: number;
  header: BackupHeader;
}

export interface BackupStoreOptions {
  /** <data-dir>/backups */
  dir: string;
  /** Mounted USB sticks to copy to (real directories); called on each backup. */
  usbTargets?: () => Promise<string[]>;
  log?: (line: string) => void;
}

export class BackupStore {
  private readonly log: (line: string) => void;
  constructor(private readonly options: BackupStoreOptions) {
    this.log = options.log ?? (() => {});
  }

  /** Keep a bundle streamed in from the page: checked, stored, pruned, copied to the stick. */
  async save(body: AsyncIterable<Uint8Array>): Promise<{ name: string; size: number; usb: string[]; header: BackupHeader }> {
    const dir = this.options.dir;
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `.incoming-${process.pid}-${Date.now()}`);
    try {
      let size = 0;
      await pipeline(
        body,
        async function* (chunks: AsyncIterable<Uint8Array>) {
          for await (const chunk of chunks) {
            size += chunk.byteLength;
            if (size > MAX_BACKUP_BYTES) throw new BackupError('damaged', 'The backup is too large.');
            yield chunk;
          }
        },
        createWriteStream(tmp, { flags: 'wx' }),
      );
      const header = await checkFile(tmp);
      const name = backupName(header.createdAt);
      await fsyncFile(tmp);
      await rename(tmp, join(dir, name));
      await fsyncDir(dir);
      await this.prune();
      const usb = await this.copyToUsb(join(dir, name), name);
      this.log(`backup ${name} kept (${(size / 1e6).toFixed(1)} MB${usb.length ? `, copied to ${usb.join(', ')}` : ''})`);
      return { name, size, usb, header };
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /** Backups on the terminal and on plugged-in sticks, newest first. */
  async list(): Promise<BackupFile[]> {
    const files: BackupFile[] = [];
    const add = async (dir: string, where: BackupFile['where']) => {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return;
      }
      for (const name of names.filter(isBackupName)) {
        try {
          const path = join(dir, name);
          files.push({ name, where, size: (await stat(path)).size, header: await readHeader(path) });
        } catch {
          // An unreadable file is not offered; the restore screen lists what can be restored.
        }
      }
    };
    await add(this.options.dir, 'terminal');
    for (const target of await this.usbTargets()) await add(join(target, USB_BACKUP_DIR), 'usb');
    return files.sort((a, b) => b.name.localeCompare(a.name));
  }

  /** The path of a listed backup (names are checked: no path tricks). */
  async path(name: string, where: BackupFile['where']): Promise<string | undefined> {
    if (!isBackupName(name)) return undefined;
    const dirs = where === 'terminal' ? [this.options.dir] : (await this.usbTargets()).map((t) => join(t, USB_BACKUP_DIR));
    for (const dir of dirs) {
      const path = join(dir, name);
      try {
        if ((await stat(path)).isFile()) return path;
      } catch {
        // not on this one
      }
    }
    return undefined;
  }

  /** 7 daily (the newest of each of the last 7 days with a backup) and 4 weekly (the newest of each of the last 4 weeks). */
  async prune(): Promise<string[]> {
    const names = (await readdir(this.options.dir)).filter(isBackupName).sort().reverse();
    const keep = new Set(retained(names));
    const removed = names.filter((name) => !keep.has(name));
    for (const name of removed) await rm(join(this.options.dir, name), { force: true });
    if (removed.length) this.log(`backups: removed ${removed.join(', ')} (keeping ${KEEP_DAILY} daily and ${KEEP_WEEKLY} weekly)`);
    return removed;
  }

  private async usbTargets(): Promise<string[]> {
    try {
      return (await this.options.usbTargets?.()) ?? [];
    } catch {
      return [];
    }
  }

  private async copyToUsb(path: string, name: string): Promise<string[]> {
    const copied: string[] = [];
    for (const target of await this.usbTargets()) {
      const dir = join(target, USB_BACKUP_DIR);
      const tmp = join(dir, `.${name}.tmp`);
      try {
        await mkdir(dir, { recursive: true });
        await copyFile(path, tmp);
        await fsyncFile(tmp);
        await rename(tmp, join(dir, name));
        await fsyncDir(dir);
        copied.push(dir);
      } catch (err) {
        await rm(tmp, { force: true }).catch(() => undefined);
        this.log(`backup: could not copy to the USB stick ${target}: ${(err as Error).message}`);
      }
    }
    return copied;
  }
}

/** Which backups retention keeps, from names sorted newest first. */
export function retained(namesNewestFirst: string[]): string[] {
  const keep: string[] = [];
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const name of namesNewestFirst) {
    const stamp = stampOf(name);
    if (!stamp) continue;
    const day = stamp.slice(0, 8);
    const week = isoWeek(day);
    let kept = false;
    if (!days.has(day) && days.size < KEEP_DAILY) {
      days.add(day);
      kept = true;
    }
    if (!weeks.has(week) && weeks.size < KEEP_WEEKLY) {
      weeks.add(week);
      kept = true;
    }
    if (kept) keep.push(name);
  }
  return keep;
}

/** shop-backup-20260130-221500.shopbackup, in UTC (names sort by time). */
export function backupName(createdAt: number): string {
  const iso = new Date(createdAt).toISOString();
  return `shop-backup-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}${BACKUP_EXTENSION}`;
}

function isBackupName(name: string): boolean {
  return stampOf(name) !== undefined;
}

function stampOf(name: string): string | undefined {
  const match = /^shop-backup-(\d{8})-(\d{6})\.shopbackup$/.exec(name);
  return match ? `${match[1]}${match[2]}` : undefined;
}

function isoWeek(day: string): string {
  const date = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8))));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the Thursday of this week decides its year
  const year = date.getUTCFullYear();
  const week = Math.floor((date.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

async function readHeader(path: string): Promise<BackupHeader> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return parseBackupHeader(new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead)).header;
  } finally {
    await handle.close();
  }
}

/** Header readable, payload of the stated size and SHA-256. */
async function checkFile(path: string): Promise<BackupHeader> {
  const handle = await open(path, 'r');
  let header: BackupHeader;
  let payloadOffset: number;
  let size: number;
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    ({ header, payloadOffset } = parseBackupHeader(new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead)));
    size = (await handle.stat()).size;
  } finally {
    await handle.close();
  }
  if (size - payloadOffset !== header.payloadBytes) {
    throw new BackupError(
      'damaged',
      `The backup is damaged: ${size - payloadOffset} bytes of data where ${header.payloadBytes} were written.`,
    );
  }
  const hash = createHash('sha256');
  await pipeline(createReadStream(path, { start: payloadOffset }), hash);
  if (hash.digest('hex') !== header.payloadSha256) throw new BackupError('damaged', 'The backup is damaged: its checksum does not match.');
  return header;
}

async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems (FAT sticks) cannot sync a directory; the file itself is synced.
  } finally {
    await handle.close();
  }
}

/** GET /backups, PUT /backups, GET /backups/file?name=&where= */
export async function serveBackups(
  backups: BackupStore,
  req: IncomingMessage,
  res: ServerResponse,
  log: (line: string) => void,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const json = (status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  try {
    if (url.pathname === '/backups' && req.method === 'PUT') {
      json(200, await backups.save(req));
      return;
    }
    if (url.pathname === '/backups' && req.method === 'GET') {
      json(200, { backups: await backups.list() });
      return;
    }
    if (url.pathname === '/backups/file' && req.method === 'GET') {
      const where = url.searchParams.get('where') === 'usb' ? 'usb' : 'terminal';
      const path = await backups.path(url.searchParams.get('name') ?? '', where);
      if (!path) {
        json(404, { error: 'not-found' });
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': String((await stat(path)).size),
        'cache-control': 'no-store',
      });
      await pipeline(createReadStream(path), res);
      return;
    }
    res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
  } catch (error) {
    if (error instanceof BackupError) {
      json(400, { error: error.reason, message: error.message });
      return;
    }
    log(`backups: ${(error as Error).message}`);
    if (!res.headersSent) json(500, { error: 'io' });
    else res.destroy();
  }
}
