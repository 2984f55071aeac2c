/**
 * What the scan journal finds on open: the boot counter (saved for next time)
 * and the scans still pending in the journal file, with a torn last line cut
 * off. Read once, synchronously, before the service takes scans.
 */
import { join } from 'node:path';
import type { Scan } from '../src/domain/scan-protocol.ts';
import { errnoOf, fsyncDir, writeFully, type JournalFs } from './journal-file.ts';

export const JOURNAL_FILE = 'scan-journal.ndjson';
const BOOT_FILE = 'boot.json';

interface BootState {
  boot: number;
}

/** The next boot number, saved for next time; when it cannot be saved, still a number (persisted false). */
export function nextBoot(fs: JournalFs, dir: string): { boot: number; persisted: boolean; code?: string } {
  const file = join(dir, BOOT_FILE);
  let boot = 0;
  try {
    if (fs.existsSync(file)) {
      const state = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<BootState>;
      if (typeof state.boot === 'number' && Number.isInteger(state.boot)) boot = state.boot;
    }
  } catch {
    // A damaged boot file only costs ordering across boots; ids stay unique (random part).
  }
  const next: BootState = { boot: boot + 1 };
  const tmp = `${file}.tmp`;
  try {
    const fd = fs.openSync(tmp, 'w');
    try {
      writeFully(fs, fd, Buffer.from(JSON.stringify(next)), 0);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    fsyncDir(fs, dir);
    return { boot: next.boot, persisted: true };
  } catch (error) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // nothing there
    }
    return { boot: next.boot, persisted: false, code: errnoOf(error) };
  }
}

export interface Replay {
  pending: Scan[];
  /** Bytes up to the end of the last complete line. */
  goodBytes: number;
  /** errno of a failure while reading or cutting the torn tail. */
  failure?: string;
}

export function replayJournal(fs: JournalFs, path: string): Replay {
  const pending = new Map<string, Scan>();
  let text: string;
  try {
    if (!fs.existsSync(path)) return { pending: [], goodBytes: 0 };
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    return { pending: [], goodBytes: 0, failure: errnoOf(error) };
  }
  let goodBytes = 0;
  let readBytes = 0;
  let offset = 0;
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    if (end === -1) break; // torn last line: never flushed completely, never offered
    const line = text.slice(offset, end);
    offset = end + 1;
    readBytes += Buffer.byteLength(line) + 1;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      continue; // a damaged line is skipped; the rest of the journal still counts
    }
    goodBytes = readBytes;
    if (isScanRecord(record)) pending.set(record.scan.id, record.scan);
    else if (isAckRecord(record)) {
      for (const id of record.ids) pending.delete(id);
    }
  }
  const result: Replay = { pending: [...pending.values()], goodBytes };
  if (goodBytes < Buffer.byteLength(text)) {
    try {
      const fd = fs.openSync(path, 'r+');
      try {
        fs.ftruncateSync(fd, goodBytes);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    } catch (error) {
      // Positioned appends overwrite the torn tail later anyway.
      result.failure = errnoOf(error);
    }
  }
  return result;
}

function isScanRecord(record: unknown): record is { op: 'scan'; scan: Scan } {
  const r = record as { op?: unknown; scan?: { id?: unknown } } | null;
  return r?.op === 'scan' && typeof r.scan?.id === 'string';
}

function isAckRecord(record: unknown): record is { op: 'ack'; ids: string[] } {
  const r = record as { op?: unknown; ids?: unknown } | null;
  return r?.op === 'ack' && Array.isArray(r.ids);
}
