import { describe, expect, it } from 'vitest';
import { DEFAULT_DOUBLE_READ_MS, DoubleReadFilter } from '../../device/scanner/double-read.ts';

describe('DoubleReadFilter', () => {
  it('defaults to 300 ms and validates the window', () => {
    expect(DEFAULT_DOUBLE_READ_MS).toBe(300);
    expect(new DoubleReadFilter().windowMs).toBe(300);
    expect(() => new DoubleReadFilter(-1)).toThrow(RangeError);
    expect(() => new DoubleReadFilter(Number.NaN)).toThrow(RangeError);
  });

  it('drops the same code inside the window and accepts it after', () => {
    const filter = new DoubleReadFilter(300);
    expect(filter.accept('06901028075831', 1000)).toBe(true);
    expect(filter.accept('06901028075831', 1150)).toBe(false);
    expect(filter.accept('06901028075831', 1299)).toBe(false);
    expect(filter.accept('06901028075831', 1300)).toBe(true);
  });

  it('measures the window from the last accepted read, not the last repeat', () => {
    const filter = new DoubleReadFilter(300);
    expect(filter.accept('A', 0)).toBe(true);
    expect(filter.accept('A', 200)).toBe(false);
    // 400 ms after the accepted read (200 after the repeat): a new scan.
    expect(filter.accept('A', 400)).toBe(true);
  });

  it('does not hold back other codes', () => {
    const filter = new DoubleReadFilter(300);
    expect(filter.accept('A', 0)).toBe(true);
    expect(filter.accept('B', 10)).toBe(true);
    expect(filter.accept('A', 20)).toBe(false);
    expect(filter.accept('B', 30)).toBe(false);
  });

  it('a window of 0 lets every read through', () => {
    const filter = new DoubleReadFilter(0);
    expect(filter.accept('A', 5)).toBe(true);
    expect(filter.accept('A', 5)).toBe(true);
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
