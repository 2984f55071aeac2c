/**
 * The scan journal: every accepted scan is appended here and flushed to disk
 * before the page is told about it, so a crash of the tab, the browser or this
 * service never loses a scan. The page acknowledges a scan once IndexedDB has
 * committed it; acknowledged scans are trimmed by rewriting the journal.
 *
 * Format: one JSON object a line (`{"op":"scan",…}` or `{"op":"ack","ids":[…]}`).
 * A torn last line (power cut mid-write) is ignored and cut off on open.
 *
 * Faults (a full or read-only SD card, a dying one): a scan is handed out only
 * once its whole line is on disk; a failed append is cut back off and thrown as
 * JournalWriteError, so the caller can say "NOT recorded". Acknowledgements never
 * throw: they are kept in memory and written by the next compaction. A
 * compaction writes the whole new file, flushes and measures it before the
 * rename, so a failure leaves the old journal as it was. While faulted the
 * journal retries by itself and reports its health when it changes.
 */
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { JournalProblem, Scan } from '../src/domain/scan-protocol.ts';
import { errnoOf, fsyncDir, JournalWriteError, problemOf, writeFully, type JournalFs } from './journal-file.ts';
import { JOURNAL_FILE, nextBoot, replayJournal, type Replay } from './journal-replay.ts';

export type ScanDraft = Omit<Scan, 'id' | 'boot' | 'seq'>;

export interface JournalHealth {
  status: 'ok' | JournalProblem;
  /** errno code of the last failure, e.g. ENOSPC. */
  code?: string;
}

interface PendingEntry {
  scan: Scan;
  bytes: number;
}

const PROBE_FILE = '.space-probe';

/**
 * Compact once the acknowledged bytes in the file exceed both this and the
 * live bytes: each rewrite copies at most as much as was trimmed since the last,
 * so compaction costs amortised O(1) per scan.
 */
const COMPACT_MIN_GARBAGE_BYTES = 256 * 1024;
/** Bytes written per event-loop turn while compacting in the background. */
const COMPACT_CHUNK_BYTES = 512 * 1024;
const RETRY_MS = 5000;

export interface ScanJournalOptions {
  /** Overrides COMPACT_MIN_GARBAGE_BYTES (tests). */
  compactMinGarbageBytes?: number;
  /** How often a faulted journal tries again; default 5 s. */
  retryMs?: number;
  fs?: JournalFs;
  log?: (line: string) => void;
}

export class ScanJournal {
  readonly bootId: string;
  readonly boot: number;
  /** Called whenever health changes (fault, recovery). */
  onHealth: ((health: JournalHealth) => void) | undefined;

  private _seq = 0;
  private _fd: number | undefined;
  /** Bytes of the journal file up to its last complete line: where the next line goes. */
  private _size: number;
  private readonly _pending = new Map<string, PendingEntry>();
  private _liveBytes = 0;
  /** Acks that are only in memory: the next compaction must run and records them. */
  private _unsavedAcks = false;
  /** Lines to carry over into the file a running compaction is writing. */
  private _sinceSnapshot: string[] | undefined;
  private _compaction: Promise<boolean> | undefined;
  private _health: JournalHealth = { status: 'ok' };
  private _retryTimer: ReturnType<typeof setTimeout> | undefined;
  private _closed = false;
  private readonly _fs: JournalFs;
  private readonly _fsyncAsync: (fd: number) => Promise<void>;
  private readonly _minGarbage: number;
  private readonly _retryMs: number;
  private readonly _path: string;
  private readonly _log: (line: string) => void;

  private constructor(
    private readonly _dir: string,
    boot: number,
    bootPersisted: boolean,
    replayed: Replay,
    options: ScanJournalOptions,
  ) {
    this._fs = options.fs ?? nodeFs;
    this._fsyncAsync = promisify(this._fs.fsync) as (fd: number) => Promise<void>;
    this._log = options.log ?? (() => {});
    this.boot = boot;
    // The random part keeps ids unique even if the data directory is wiped while
    // the browser still holds scans from an earlier life of this counter, and
    // when the boot counter could not be saved (a full disk reuses the number).
    this.bootId = `${boot.toString(36)}${randomBytes(bootPersisted ? 3 : 6).toString('hex')}`;
    this._path = join(_dir, JOURNAL_FILE);
    this._minGarbage = options.compactMinGarbageBytes ?? COMPACT_MIN_GARBAGE_BYTES;
    this._retryMs = options.retryMs ?? RETRY_MS;
    for (const scan of replayed.pending) this.remember(scan);
    this._size = replayed.goodBytes;
    this.reopen();
    if (replayed.failure) this.fault(replayed.failure);
    this.maybeCompact();
  }

  /** Opens (or creates) the journal in `dir` and starts a new boot. Never fails on a full or read-only disk. */
  static open(dir: string, options: ScanJournalOptions = {}): ScanJournal {
    const fs = options.fs ?? nodeFs;
    let failure: string | undefined;
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (error) {
      failure = errnoOf(error);
    }
    const { boot, persisted, code } = nextBoot(fs, dir);
    if (!persisted) failure ??= code;
    const replayed = replayJournal(fs, join(dir, JOURNAL_FILE));
    if (failure) replayed.failure ??= failure;
    return new ScanJournal(dir, boot, persisted, replayed, options);
  }

  get path(): string {
    return this._path;
  }

  get health(): JournalHealth {
    return { ...this._health };
  }

  /** Scans not yet acknowledged by the page, in the order they were scanned. */
  pending(): Scan[] {
    return [...this._pending.values()].map((entry) => entry.scan);
  }

  /** The pending scans, live: scans appended later are visited, acknowledged ones skipped. */
  pendingScans(): IterableIterator<Scan> {
    const entries = this._pending.values();
    return (function* () {
      for (const entry of entries) yield entry.scan;
    })();
  }

  isPending(id: string): boolean {
    return this._pending.has(id);
  }

  /** Scans journaled since this boot began. */
  get appendedThisBoot(): number {
    return this._seq;
  }

  get pendingCount(): number {
    return this._pending.size;
  }

  /** Gives the scan its id, writes it fully and flushes it to disk; only then returns it. */
  append(draft: ScanDraft): Scan {
    const seq = this._seq + 1;
    const scan: Scan = { ...draft, id: `${this.bootId}-${seq}`, boot: this.boot, seq };
    const line = JSON.stringify({ op: 'scan', scan }) + '\n';
    this.writeRecord(line);
    this._sinceSnapshot?.push(line);
    this._seq = seq;
    this.remember(scan);
    if (this._health.status !== 'ok') {
      this.healthy();
      this.maybeCompact();
    }
    return scan;
  }

  /** Records acknowledgements; returns the ids that were pending until now. Never throws. */
  acknowledge(ids: readonly string[]): string[] {
    const newlyAcked = ids.filter((id) => this._pending.has(id));
    if (newlyAcked.length === 0) return [];
    for (const id of newlyAcked) {
      this._liveBytes -= this._pending.get(id)!.bytes;
      this._pending.delete(id);
    }
    // Not strictly needed for safety (a lost ack only re-offers a scan the page
    // already holds, which it ignores), but it keeps re-offers after a crash rare.
    // Not flushed, for the same reason: an fsync per ack would stall the event
    // loop while a backlog drains; the next scan's flush takes it along.
    const line = JSON.stringify({ op: 'ack', ids: newlyAcked }) + '\n';
    this._sinceSnapshot?.push(line);
    try {
      this.writeRecord(line, { flush: false });
    } catch {
      this._unsavedAcks = true;
    }
    this.maybeCompact();
    return newlyAcked;
  }

  /**
   * Rewrites the journal with only the pending scans, in the background: the
   * new file is written in chunks, flushed and measured, and only then renamed
   * over the old one. True when it replaced the journal.
   */
  compact(): Promise<boolean> {
    this._compaction ??= this.runCompaction().finally(() => {
      this._compaction = undefined;
    });
    return this._compaction;
  }

  /** Settles when no compaction is running (tests, shutdown). */
  async whenIdle(): Promise<void> {
    while (this._compaction) await this._compaction;
  }

  /** Tries to leave a fault now: reopen, save kept acks, check there is room again. */
  retry(): boolean {
    if (this._closed) return false;
    if (!this.reopen()) return false;
    if (this._unsavedAcks) {
      void this.compact();
      return false;
    }
    try {
      this.probeSpace();
    } catch (error) {
      this.fault(errnoOf(error));
      return false;
    }
    this.healthy();
    return true;
  }

  close(): void {
    this._closed = true;
    clearTimeout(this._retryTimer);
    if (this._fd !== undefined) {
      try {
        this._fs.closeSync(this._fd);
      } catch {
        // closing is best effort; the data was flushed line by line
      }
    }
    this._fd = undefined;
  }

  private remember(scan: Scan): void {
    const bytes = Buffer.byteLength(JSON.stringify({ op: 'scan', scan })) + 1;
    this._pending.set(scan.id, { scan, bytes });
    this._liveBytes += bytes;
  }

  /** Writes one whole line at the end of the file and flushes it, or cuts it back off and throws. */
  private writeRecord(line: string, options: { flush: boolean } = { flush: true }): void {
    if (this._fd === undefined && !this.reopen()) {
      throw new JournalWriteError(this._health.code ?? 'EIO');
    }
    const fd = this._fd!;
    const bytes = Buffer.from(line);
    try {
      // Positioned writes: a line cut short is overwritten by the next one even
      // when the truncate below fails too.
      writeFully(this._fs, fd, bytes, this._size);
      if (options.flush) this._fs.fsyncSync(fd);
    } catch (error) {
      const code = errnoOf(error);
      try {
        this._fs.ftruncateSync(fd, this._size);
        this._fs.fsyncSync(fd);
      } catch {
        // replay cuts a torn tail off anyway
      }
      this.fault(code);
      throw new JournalWriteError(code, error);
    }
    this._size += bytes.length;
  }

  /** Opens the journal file for writing if it is not open; false (and faulted) when it cannot be. */
  private reopen(): boolean {
    if (this._fd !== undefined) return true;
    try {
      this._fs.mkdirSync(this._dir, { recursive: true });
      this._fd = this._fs.openSync(this._path, nodeFs.constants.O_RDWR | nodeFs.constants.O_CREAT, 0o644);
      return true;
    } catch (error) {
      this.fault(errnoOf(error));
      return false;
    }
  }

  private maybeCompact(): void {
    // While faulted, the retry timer compacts; a failing rewrite per ack would only burn the disk.
    if (this._compaction || this._closed || this._health.status !== 'ok') return;
    const garbage = this._size - this._liveBytes;
    if (this._unsavedAcks || (garbage > 0 && garbage >= this._minGarbage && garbage >= this._liveBytes)) void this.compact();
  }

  private async runCompaction(): Promise<boolean> {
    const fs = this._fs;
    const tmp = `${this._path}.tmp`;
    let fd: number | undefined;
    const snapshot = [...this._pending.values()];
    const carried: string[] = [];
    this._sinceSnapshot = carried;
    const unsavedAcks = this._unsavedAcks;
    this._unsavedAcks = false;
    let written = 0;
    try {
      fd = fs.openSync(tmp, 'w', 0o644);
      let chunk: string[] = [];
      let chunkBytes = 0;
      const flush = (): void => {
        const bytes = Buffer.from(chunk.join(''));
        writeFully(fs, fd!, bytes, written);
        written += bytes.length;
        chunk = [];
        chunkBytes = 0;
      };
      for (const entry of snapshot) {
        chunk.push(JSON.stringify({ op: 'scan', scan: entry.scan }) + '\n');
        chunkBytes += entry.bytes;
        if (chunkBytes >= COMPACT_CHUNK_BYTES) {
          flush();
          await yieldToEventLoop();
          if (this._closed) throw new Error('journal closed while compacting');
        }
      }
      flush();
      await this._fsyncAsync(fd);
      // What arrived meanwhile, then the final flush and rename without yielding.
      chunk = carried.splice(0);
      flush();
      fs.fsyncSync(fd);
      const size = fs.fstatSync(fd).size;
      if (size !== written) throw Object.assign(new Error(`compacted journal is ${size} bytes, not ${written}`), { code: 'EIO' });
      fs.closeSync(fd);
      fd = undefined;
      if (this._closed) throw new Error('journal closed while compacting');
      fs.renameSync(tmp, this._path);
      fsyncDir(fs, this._dir);
      if (this._fd !== undefined) {
        try {
          fs.closeSync(this._fd);
        } catch {
          // the old file is gone from the directory already
        }
      }
      this._fd = undefined;
      this._size = written;
      this._sinceSnapshot = undefined;
      if (this.reopen()) this.healthy();
      this._log(`scan journal compacted: ${this._pending.size} pending scan(s), ${written} bytes`);
      return true;
    } catch (error) {
      this._sinceSnapshot = undefined;
      // Acks noted meanwhile went into `carried` only if they were also written to the old journal.
      // Acks that failed meanwhile set the flag themselves.
      this._unsavedAcks ||= unsavedAcks;
      if (fd !== undefined) {
        try {
          fs.closeSync(fd);
        } catch {
          // nothing more to do with it
        }
      }
      try {
        fs.unlinkSync(tmp);
      } catch {
        // a leftover temp file is never read
      }
      if (!this._closed) {
        this._log(`scan journal compaction failed, the journal is kept as it was: ${(error as Error).message}`);
        this.fault(errnoOf(error));
      }
      return false;
    }
  }

  /** A small write-and-flush beside the journal: is there room (and a writable disk) again? */
  private probeSpace(): void {
    const probe = join(this._dir, PROBE_FILE);
    const fd = this._fs.openSync(probe, 'w');
    try {
      writeFully(this._fs, fd, Buffer.alloc(4096, 0x20), 0);
      this._fs.fsyncSync(fd);
    } finally {
      this._fs.closeSync(fd);
      try {
        this._fs.unlinkSync(probe);
      } catch {
        // harmless
      }
    }
  }

  private fault(code: string): void {
    const status = problemOf(code);
    const changed = this._health.status !== status || this._health.code !== code;
    this._health = { status, code };
    if (changed) {
      this._log(`scan journal: ${status} (${code})`);
      this.onHealth?.(this.health);
    }
    if (this._retryTimer === undefined && !this._closed) {
      this._retryTimer = setTimeout(() => {
        this._retryTimer = undefined;
        if (!this.retry() && this._health.status !== 'ok') this.fault(this._health.code ?? 'EIO');
      }, this._retryMs);
      this._retryTimer.unref?.();
    }
  }

  private healthy(): void {
    if (this._health.status === 'ok') return;
    this._health = { status: 'ok' };
    clearTimeout(this._retryTimer);
    this._retryTimer = undefined;
    this._log('scan journal: writable again');
    this.onHealth?.(this.health);
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
