/**
 * The scan journal: every accepted scan is appended here and flushed to disk
 * before the page is told about it, so a crash of the tab, the browser or this
 * service never loses a scan. The page acknowledges a scan once IndexedDB has
 * committed it; acknowledged scans are trimmed by rewriting the journal.
 *
 * Format: one JSON object a line (`{"op":"scan",…}` or `{"op":"ack","ids":[…]}`).
 * A torn last line (power cut mid-write) is ignored and cut off on open.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Scan } from '../src/domain/scan-protocol.ts';

export type ScanDraft = Omit<Scan, 'id' | 'boot' | 'seq'>;

interface BootState {
  boot: number;
}

const JOURNAL_FILE = 'scan-journal.ndjson';
const BOOT_FILE = 'boot.json';

/** Rewrite the journal once this many acknowledged scans have piled up in it. */
const COMPACT_AFTER_ACKED = 500;

export interface ScanJournalOptions {
  /** Overrides COMPACT_AFTER_ACKED (tests). */
  compactAfterAcked?: number;
}

export class ScanJournal {
  readonly bootId: string;
  readonly boot: number;
  private _seq = 0;
  private _fd: number;
  private readonly _pending = new Map<string, Scan>();
  private _ackedSinceCompact = 0;
  private readonly _compactAfter: number;
  private readonly _path: string;

  private constructor(
    private readonly _dir: string,
    boot: number,
    pending: Scan[],
    ackedInFile: number,
    options: ScanJournalOptions,
  ) {
    this.boot = boot;
    // The random part keeps ids unique even if the data directory is wiped while
    // the browser still holds scans from an earlier life of this counter.
    this.bootId = `${boot.toString(36)}${randomBytes(3).toString('hex')}`;
    this._path = join(_dir, JOURNAL_FILE);
    this._compactAfter = options.compactAfterAcked ?? COMPACT_AFTER_ACKED;
    for (const scan of pending) this._pending.set(scan.id, scan);
    this._ackedSinceCompact = ackedInFile;
    this._fd = openSync(this._path, 'a');
    if (this._ackedSinceCompact >= this._compactAfter) this.compact();
  }

  /** Opens (or creates) the journal in `dir` and starts a new boot. */
  static open(dir: string, options: ScanJournalOptions = {}): ScanJournal {
    mkdirSync(dir, { recursive: true });
    const boot = nextBoot(dir);
    const { pending, acked } = replay(join(dir, JOURNAL_FILE));
    return new ScanJournal(dir, boot, pending, acked, options);
  }

  get path(): string {
    return this._path;
  }

  /** Scans not yet acknowledged by the page, in the order they were scanned. */
  pending(): Scan[] {
    return [...this._pending.values()];
  }

  /** Scans journaled since this boot began. */
  get appendedThisBoot(): number {
    return this._seq;
  }

  get pendingCount(): number {
    return this._pending.size;
  }

  /** Gives the scan its id, writes it and flushes it to disk; only then returns it. */
  append(draft: ScanDraft): Scan {
    const seq = ++this._seq;
    const scan: Scan = { ...draft, id: `${this.bootId}-${seq}`, boot: this.boot, seq };
    this.writeLine({ op: 'scan', scan });
    this._pending.set(scan.id, scan);
    return scan;
  }

  /** Records acknowledgements; returns the ids that were pending until now. */
  acknowledge(ids: readonly string[]): string[] {
    const newlyAcked = ids.filter((id) => this._pending.has(id));
    if (newlyAcked.length === 0) return [];
    // Not strictly needed for safety (a lost ack only re-offers a scan the page
    // already holds, which it ignores), but it keeps re-offers after a crash rare.
    this.writeLine({ op: 'ack', ids: newlyAcked });
    for (const id of newlyAcked) this._pending.delete(id);
    this._ackedSinceCompact += newlyAcked.length;
    if (this._ackedSinceCompact >= this._compactAfter) this.compact();
    return newlyAcked;
  }

  /** Rewrites the journal with only the pending scans (write, flush, rename). */
  compact(): void {
    const tmp = `${this._path}.tmp`;
    const body = this.pending()
      .map((scan) => JSON.stringify({ op: 'scan', scan }) + '\n')
      .join('');
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, body);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    closeSync(this._fd);
    renameSync(tmp, this._path);
    fsyncDir(this._dir);
    this._fd = openSync(this._path, 'a');
    this._ackedSinceCompact = 0;
  }

  close(): void {
    closeSync(this._fd);
  }

  private writeLine(record: object): void {
    writeSync(this._fd, JSON.stringify(record) + '\n');
    fsyncSync(this._fd);
  }
}

function nextBoot(dir: string): number {
  const file = join(dir, BOOT_FILE);
  let boot = 0;
  if (existsSync(file)) {
    try {
      const state = JSON.parse(readFileSync(file, 'utf8')) as Partial<BootState>;
      if (typeof state.boot === 'number' && Number.isInteger(state.boot)) boot = state.boot;
    } catch {
      // A damaged boot file only costs ordering across boots; ids stay unique (random part).
    }
  }
  const next: BootState = { boot: boot + 1 };
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(next));
  const fd = openSync(tmp, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  renameSync(tmp, file);
  fsyncDir(dir);
  return next.boot;
}

function replay(path: string): { pending: Scan[]; acked: number } {
  const pending = new Map<string, Scan>();
  let acked = 0;
  if (!existsSync(path)) return { pending: [], acked };
  const text = readFileSync(path, 'utf8');
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
      for (const id of record.ids) if (pending.delete(id)) acked++;
    }
  }
  if (goodBytes < Buffer.byteLength(text)) {
    const fd = openSync(path, 'r+');
    ftruncateSync(fd, goodBytes);
    fsyncSync(fd);
    closeSync(fd);
  }
  return { pending: [...pending.values()], acked };
}

function isScanRecord(record: unknown): record is { op: 'scan'; scan: Scan } {
  const r = record as { op?: unknown; scan?: { id?: unknown } } | null;
  return r?.op === 'scan' && typeof r.scan?.id === 'string';
}

function isAckRecord(record: unknown): record is { op: 'ack'; ids: string[] } {
  const r = record as { op?: unknown; ids?: unknown } | null;
  return r?.op === 'ack' && Array.isArray(r.ids);
}

function fsyncDir(dir: string): void {
  // Makes a rename durable; some filesystems refuse fsync on a directory, which is fine.
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort
  }
}
