import { describe, expect, it } from 'vitest';
import { DEFAULT_DOUBLE_READ_MS, DoubleReadFilter } from '../../device/scanner/double-read.ts';

describe('DoubleReadFilter', () => {
  it('defaults to 300 ms and validates the window', () => {
    expect(DEFAULT_DOUBLE_READ_MS).toBe(300);
    expect(new DoubleReadFilter().windowMs).toBe(300);
    expect(() => new DoubleReadFilter(-1)).toThrow(RangeError);
    expect(() => new DoubleReadFilter(Number.NaN)).toThrow(RangeError);
  });

  type Read = [code: string, atMs: number, accepted: boolean];
  it.each<{ name: string; windowMs: number; reads: Read[] }>([
    {
      name: 'drops the same code inside the window and accepts it after',
      windowMs: 300,
      reads: [
        ['06901028075831', 1000, true],
        ['06901028075831', 1150, false],
        ['06901028075831', 1299, false],
        ['06901028075831', 1300, true],
      ],
    },
    {
      name: 'measures the window from the last accepted read, not the last repeat',
      windowMs: 300,
      // 400 ms after the accepted read (200 after the repeat): a new scan.
      reads: [
        ['A', 0, true],
        ['A', 200, false],
        ['A', 400, true],
      ],
    },
    {
      name: 'does not hold back other codes',
      windowMs: 300,
      reads: [
        ['A', 0, true],
        ['B', 10, true],
        ['A', 20, false],
        ['B', 30, false],
      ],
    },
    {
      name: 'a window of 0 lets every read through',
      windowMs: 0,
      reads: [
        ['A', 5, true],
        ['A', 5, true],
      ],
    },
  ])('$name', ({ windowMs, reads }) => {
    const filter = new DoubleReadFilter(windowMs);
    for (const [code, atMs, accepted] of reads) expect(filter.accept(code, atMs), `${code} at ${atMs} ms`).toBe(accepted);
  });

  it('forgets codes once their window has passed, so memory stays bounded', () => {
    const filter = new DoubleReadFilter(300);
    for (let i = 0; i < 1000; i++) filter.accept(`code-${i}`, i * 10);
    // Only the codes from the last 300 ms are remembered.
    expect(filter.size).toBeLessThanOrEqual(31);
    filter.clear();
    expect(filter.size).toBe(0);
  });
});
