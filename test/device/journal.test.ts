import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScanJournal, type ScanDraft } from '../../device/journal.ts';

function draft(code: string): ScanDraft {
  return { scannerId: 'counter', code, text: code, symbology: 'other', verified: false, receivedAt: 1_700_000_000_000 };
}

describe('ScanJournal', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'journal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

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

  it('trims acknowledged scans from the file', () => {
    const journal = ScanJournal.open(dir, { compactAfterAcked: 10 });
    const scans = Array.from({ length: 25 }, (_, i) => journal.append(draft(`C${i}`)));
    const sizeBefore = statSync(journal.path).size;
    journal.acknowledge(scans.slice(0, 24).map((s) => s.id));
    const text = readFileSync(journal.path, 'utf8');
    expect(statSync(journal.path).size).toBeLessThan(sizeBefore);
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(text).toContain(scans[24]!.id);
    journal.close();
    const reopened = ScanJournal.open(dir);
    expect(reopened.pending().map((s) => s.id)).toEqual([scans[24]!.id]);
    reopened.close();
  });

  it('survives a crash between compaction steps: the old journal still holds everything', () => {
    const journal = ScanJournal.open(dir);
    const a = journal.append(draft('A'));
    journal.close();
    // A leftover temp file from a compaction that never renamed must not be read.
    appendFileSync(`${journal.path}.tmp`, '{"op":"scan","scan":{"id":"ghost-1"}}\n');
    const reopened = ScanJournal.open(dir);
    expect(reopened.pending().map((s) => s.id)).toEqual([a.id]);
    reopened.close();
  });
});
