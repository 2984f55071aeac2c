/**
 * The scan journal's file layer: the file operations it uses (injectable, so
 * tests can stage short writes and a full disk), how an errno becomes a
 * problem the page can word, and the whole-or-nothing write and flush helpers.
 */
import type * as nodeFs from 'node:fs';
import type { JournalProblem } from '../src/domain/scan-protocol.ts';

/** The file operations used, so tests can inject short writes and ENOSPC. */
export type JournalFs = Pick<
  typeof nodeFs,
  | 'openSync'
  | 'closeSync'
  | 'writeSync'
  | 'fsyncSync'
  | 'ftruncateSync'
  | 'fstatSync'
  | 'renameSync'
  | 'readFileSync'
  | 'existsSync'
  | 'mkdirSync'
  | 'unlinkSync'
  | 'fsync'
>;

/** An append that did not reach the disk: the scan was not recorded and must not be handed out. */
export class JournalWriteError extends Error {
  override name = 'JournalWriteError';
  readonly problem: JournalProblem;
  constructor(
    readonly code: string,
    cause?: unknown,
  ) {
    super(`scan journal write failed (${code})`, { cause });
    this.problem = problemOf(code);
  }
}

export function problemOf(code: string): JournalProblem {
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'disk-full';
  if (code === 'EROFS') return 'read-only';
  return 'journal-error';
}

/** writeSync until every byte is written; a write of 0 bytes is a full disk. */
export function writeFully(fs: JournalFs, fd: number, bytes: Buffer, position: number): void {
  let offset = 0;
  while (offset < bytes.length) {
    const n = fs.writeSync(fd, bytes, offset, bytes.length - offset, position + offset);
    if (!(n > 0)) throw Object.assign(new Error('no space left on device (short write)'), { code: 'ENOSPC' });
    offset += n;
  }
}

export function errnoOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'EIO';
}

export function fsyncDir(fs: JournalFs, dir: string): void {
  // Makes a rename durable; some filesystems refuse fsync on a directory, which is fine.
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // best effort
  }
}
