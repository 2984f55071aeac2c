import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JournalWriteError, type JournalFs } from '../../device/journal-file.ts';
import { tempDirPerTest } from '../helpers/temp-dir.ts';
import { ScanJournal, type ScanDraft } from '../../device/journal.ts';

function draft(code: string): ScanDraft {
  return { scannerId: 'counter', code, text: code, symbology: 'other', verified: false, receivedAt: 1_700_000_000_000 };
}

/** Opens the journal in `dir` afresh (as after a restart) and expects exactly the scans `ids` pending, in order. */
function expectPendingOnReopen(dir: string, ids: string[]): void {
  const reopened = ScanJournal.open(dir);
  expect(reopened.pending().map((s) => s.id)).toEqual(ids);
  reopened.close();
}

describe('ScanJournal', () => {
  let dir: string;
  tempDirPerTest('journal-', (made) => (dir = made));

  it('gives scans ids of boot id and sequence and keeps them pending until acknowledged', () => {
    const journal = ScanJournal.open(dir);
    const a = journal.append(draft('A'));
    const b = journal.append(draft('B'));
    expect(a.id).toBe(`${journal.bootId}-1`);
    expect(b.seq).toBe(2);
    expect(journal.pending().map((s) => s.code)).toEqual(['A', 'B']);
    expect(journal.acknowledge([a.id, 'unknown-id'])).toEqual([a.id]);
    expect(journal.acknowledge([a.id])).toEqual([]); // a second ack changes nothing
    expect(journal.pending().map((s) => s.code)).toEqual(['B']);
    journal.close();
  });

  it('replays unacknowledged scans after a restart, in order, under a new boot', () => {
    const first = ScanJournal.open(dir);
    const scans = ['A', 'B', 'C', 'D'].map((code) => first.append(draft(code)));
    first.acknowledge([scans[1]!.id]);
    first.close(); // as if the service died here

    const second = ScanJournal.open(dir);
    expect(second.boot).toBe(first.boot + 1);
    expect(second.bootId).not.toBe(first.bootId);
    expect(second.pending().map((s) => s.id)).toEqual([scans[0]!.id, scans[2]!.id, scans[3]!.id]);
    const next = second.append(draft('E'));
    expect(next.id.startsWith(second.bootId)).toBe(true);
    second.close();
  });

  it('ignores and cuts off a torn last line (power cut mid-write)', () => {
    const first = ScanJournal.open(dir);
    const a = first.append(draft('A'));
    first.close();
    appendFileSync(first.path, '{"op":"scan","scan":{"id":"x-9","co');
    const second = ScanJournal.open(dir);
    expect(second.pending().map((s) => s.id)).toEqual([a.id]);
    expect(readFileSync(second.path, 'utf8').endsWith('\n')).toBe(true);
    second.append(draft('B'));
    second.close();
    const third = ScanJournal.open(dir);
    expect(third.pending().map((s) => s.code)).toEqual(['A', 'B']);
    third.close();
  });

  it('trims acknowledged scans from the file', async () => {
    const journal = ScanJournal.open(dir, { compactMinGarbageBytes: 0 });
    const scans = Array.from({ length: 25 }, (_, i) => journal.append(draft(`C${i}`)));
    const sizeBefore = statSync(journal.path).size;
    journal.acknowledge(scans.slice(0, 24).map((s) => s.id));
    await journal.whenIdle();
    const text = readFileSync(journal.path, 'utf8');
    expect(statSync(journal.path).size).toBeLessThan(sizeBefore);
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(text).toContain(scans[24]!.id);
    journal.close();
    expectPendingOnReopen(dir, [scans[24]!.id]);
  });

  it('survives a crash between compaction steps: the old journal still holds everything', () => {
    const journal = ScanJournal.open(dir);
    const a = journal.append(draft('A'));
    journal.close();
    // A leftover temp file from a compaction that never renamed must not be read.
    appendFileSync(`${journal.path}.tmp`, '{"op":"scan","scan":{"id":"ghost-1"}}\n');
    expectPendingOnReopen(dir, [a.id]);
  });
});

/** node:fs with writeSync, fsync or open replaced per test. */
function faultyFs(overrides: Partial<JournalFs>): JournalFs {
  return { ...fs, ...overrides } as JournalFs;
}

function enospc(): Error {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
}

describe('ScanJournal under I/O faults (injected)', () => {
  let dir: string;
  tempDirPerTest('journal-faults-', (made) => (dir = made));

  it('writes every byte when the disk takes only a few bytes per write', async () => {
    const dribble = faultyFs({
      writeSync: ((fd: number, buffer: Buffer, offset: number, length: number, position: number) =>
        fs.writeSync(fd, buffer, offset, Math.min(length, 7), position)) as JournalFs['writeSync'],
    });
    const journal = ScanJournal.open(dir, { fs: dribble, compactMinGarbageBytes: 0 });
    const scans = Array.from({ length: 30 }, (_, i) => journal.append(draft(`D${i}`)));
    journal.acknowledge([scans[0]!.id]);
    expect(await journal.compact()).toBe(true);
    journal.close();
    expectPendingOnReopen(
      dir,
      scans.slice(1).map((s) => s.id),
    );
  });

  it('keeps the old journal when compaction runs out of space, and compacts once there is room', async () => {
    let full = false;
    const disk = faultyFs({
      writeSync: ((fd: number, buffer: Buffer, offset: number, length: number, position: number) => {
        if (full) {
          if (length > 100) return fs.writeSync(fd, buffer, offset, 100, position); // a short write first
          throw enospc();
        }
        return fs.writeSync(fd, buffer, offset, length, position);
      }) as JournalFs['writeSync'],
    });
    const journal = ScanJournal.open(dir, { fs: disk, compactMinGarbageBytes: 0, retryMs: 20 });
    const scans = Array.from({ length: 200 }, (_, i) => journal.append(draft(`E${i}`)));
    full = true;
    expect(() => journal.acknowledge([scans[0]!.id])).not.toThrow();
    expect(await journal.compact()).toBe(false);
    expect(journal.health.status).toBe('disk-full');
    expect(fs.existsSync(`${journal.path}.tmp`)).toBe(false);
    const replayed = ScanJournal.open(mkdtempCopy(dir));
    expect(replayed.pendingCount).toBeGreaterThanOrEqual(199);
    replayed.close();

    full = false;
    await until(() => journal.health.status === 'ok');
    await journal.whenIdle();
    journal.close();
    expectPendingOnReopen(
      dir,
      scans.slice(1).map((s) => s.id),
    );
  });

  it('does not hand out a scan whose line was cut short, and cuts the partial line back off', () => {
    let failNext = false;
    const disk = faultyFs({
      writeSync: ((fd: number, buffer: Buffer, offset: number, length: number, position: number) => {
        if (failNext) {
          failNext = false;
          fs.writeSync(fd, buffer, offset, Math.floor(length / 2), position);
          throw enospc();
        }
        return fs.writeSync(fd, buffer, offset, length, position);
      }) as JournalFs['writeSync'],
    });
    const journal = ScanJournal.open(dir, { fs: disk });
    const a = journal.append(draft('A'));
    failNext = true;
    let error: unknown;
    try {
      journal.append(draft('LOST'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JournalWriteError);
    expect((error as JournalWriteError).code).toBe('ENOSPC');
    expect(journal.pending().map((s) => s.code)).toEqual(['A']);
    expect(readFileSync(journal.path, 'utf8').endsWith('\n')).toBe(true);
    const c = journal.append(draft('C'));
    journal.close();
    expectPendingOnReopen(dir, [a.id, c.id]);
  });

  it('never throws from acknowledge, keeps the ack in memory and saves it later', async () => {
    let broken = false;
    const disk = faultyFs({
      writeSync: ((fd: number, buffer: Buffer, offset: number, length: number, position: number) => {
        if (broken) throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
        return fs.writeSync(fd, buffer, offset, length, position);
      }) as JournalFs['writeSync'],
    });
    const journal = ScanJournal.open(dir, { fs: disk, retryMs: 20 });
    const scans = ['A', 'B', 'C'].map((code) => journal.append(draft(code)));
    broken = true;
    expect(journal.acknowledge([scans[0]!.id])).toEqual([scans[0]!.id]);
    expect(journal.pendingCount).toBe(2);
    expect(journal.health.status).toBe('journal-error');
    expect(() => journal.append(draft('D'))).toThrow(JournalWriteError);
    broken = false;
    await until(() => journal.health.status === 'ok');
    await journal.whenIdle();
    journal.close();
    expectPendingOnReopen(dir, [scans[1]!.id, scans[2]!.id]);
  });

  it('still starts, with a unique boot id, when the boot counter cannot be written', () => {
    const readOnly = faultyFs({
      openSync: ((path: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) => {
        if (flags !== 'r' && flags !== undefined) {
          throw Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
        }
        return fs.openSync(path, flags as fs.OpenMode, mode);
      }) as JournalFs['openSync'],
    });
    const first = ScanJournal.open(dir);
    const a = first.append(draft('A'));
    first.close();
    const second = ScanJournal.open(dir, { fs: readOnly });
    const third = ScanJournal.open(dir, { fs: readOnly });
    expect(second.boot).toBe(third.boot);
    expect(second.bootId).not.toBe(third.bootId);
    expect(second.health.status).toBe('read-only');
    expect(second.pending().map((s) => s.id)).toEqual([a.id]);
    expect(() => second.append(draft('B'))).toThrow(JournalWriteError);
    expect(second.acknowledge([a.id])).toEqual([a.id]);
    second.close();
    third.close();
  });

  it('compacts by ratio: draining N scans one ack at a time rewrites O(N) bytes, not O(N²)', async () => {
    let compactedBytes = 0;
    const counting = faultyFs({
      openSync: ((path: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) => {
        const fd = fs.openSync(path, flags as fs.OpenMode, mode);
        if (String(path).endsWith('.tmp')) tmpFds.add(fd);
        return fd;
      }) as JournalFs['openSync'],
      writeSync: ((fd: number, buffer: Buffer, offset: number, length: number, position: number) => {
        if (tmpFds.has(fd)) compactedBytes += length;
        return fs.writeSync(fd, buffer, offset, length, position);
      }) as JournalFs['writeSync'],
      closeSync: ((fd: number) => {
        tmpFds.delete(fd);
        fs.closeSync(fd);
      }) as JournalFs['closeSync'],
    });
    const tmpFds = new Set<number>();
    const journal = ScanJournal.open(dir, { fs: counting, compactMinGarbageBytes: 1024 });
    const scans = Array.from({ length: 300 }, (_, i) => journal.append(draft(`R${i}`)));
    const appended = statSync(journal.path).size;
    for (const scan of scans) {
      journal.acknowledge([scan.id]);
      await journal.whenIdle();
    }
    expect(journal.pendingCount).toBe(0);
    expect(compactedBytes).toBeLessThan(2 * appended);
    journal.close();
  });
});

/** A copy of a journal directory, to replay it without touching the live one. */
function mkdtempCopy(from: string): string {
  const to = mkdtempSync(join(tmpdir(), 'journal-copy-'));
  fs.cpSync(from, to, { recursive: true });
  return to;
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const isRoot = process.getuid?.() === 0;

/**
 * A real small tmpfs: a full disk and a read-only remount as the SD card does
 * them. Needs root (mount); skipped otherwise.
 */
describe.skipIf(!isRoot)('ScanJournal on a real 64 KB tmpfs (needs root to mount; skipped when not root)', () => {
  let mountPoint: string;
  beforeEach(() => {
    mountPoint = mkdtempSync(join(tmpdir(), 'journal-tmpfs-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint]);
  });
  afterEach(() => {
    execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it('compaction on a nearly full disk keeps every unacknowledged scan', async () => {
    const dir = join(mountPoint, 'journal');
    const journal = ScanJournal.open(dir, { compactMinGarbageBytes: 0 });
    const scans = Array.from({ length: 200 }, (_, i) => journal.append(draft(`6901028075${String(i).padStart(3, '0')}`)));
    journal.acknowledge([scans[0]!.id]);
    await journal.compact();
    await journal.whenIdle();
    journal.close();
    const reopened = ScanJournal.open(dir);
    expect(reopened.pendingCount).toBe(199);
    reopened.close();
  });

  it('appends until the disk is full: every scan handed out survives, the failure is a JournalWriteError', () => {
    const dir = join(mountPoint, 'journal');
    const journal = ScanJournal.open(dir);
    const handedOut: string[] = [];
    let error: unknown;
    for (let i = 0; i < 2000 && !error; i++) {
      try {
        handedOut.push(journal.append(draft(`FULL-${i}-${'x'.repeat(40)}`)).id);
      } catch (e) {
        error = e;
      }
    }
    expect(error).toBeInstanceOf(JournalWriteError);
    expect((error as JournalWriteError).problem).toBe('disk-full');
    expect(journal.health.status).toBe('disk-full');
    // Pending scans are still acknowledged (in memory) without a throw.
    expect(() => journal.acknowledge([handedOut[0]!])).not.toThrow();
    journal.close();
    const reopened = ScanJournal.open(dir);
    const pending = new Set(reopened.pending().map((s) => s.id));
    for (const id of handedOut.slice(1)) expect(pending.has(id)).toBe(true);
    reopened.close();
  });

  it('starts on a full disk, then recovers by itself once space is freed', async () => {
    const dir = join(mountPoint, 'journal');
    const first = ScanJournal.open(dir);
    const a = first.append(draft('A'));
    first.close();
    const filler = join(mountPoint, 'filler');
    try {
      fs.writeFileSync(filler, Buffer.alloc(128 * 1024));
    } catch {
      // filled up to the last byte
    }
    const journal = ScanJournal.open(dir, { retryMs: 20 });
    expect(journal.pending().map((s) => s.id)).toEqual([a.id]);
    expect(() => journal.append(draft('B'.repeat(5000)))).toThrow(JournalWriteError);
    rmSync(filler);
    await until(() => journal.health.status === 'ok');
    const c = journal.append(draft('C'));
    journal.close();
    expectPendingOnReopen(dir, [a.id, c.id]);
  });

  it('on a card turned read-only: starts, offers pending scans, refuses new ones as EROFS, recovers', async () => {
    const dir = join(mountPoint, 'journal');
    const before = ScanJournal.open(dir);
    const a = before.append(draft('A'));
    const b = before.append(draft('B'));
    before.close(); // (a busy mount cannot be remounted read-only by hand; the kernel's errors=remount-ro can)
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
    const journal = ScanJournal.open(dir, { retryMs: 20 });
    expect(journal.health.status).toBe('read-only');
    expect(journal.pending().map((s) => s.id)).toEqual([a.id, b.id]);
    let error: unknown;
    try {
      journal.append(draft('C'));
    } catch (e) {
      error = e;
    }
    expect((error as JournalWriteError).code).toBe('EROFS');
    expect(journal.acknowledge([a.id])).toEqual([a.id]);
    execFileSync('mount', ['-o', 'remount,rw', mountPoint]);
    await until(() => journal.health.status === 'ok');
    await journal.whenIdle();
    journal.close();
    expectPendingOnReopen(dir, [b.id]);
  });
});
