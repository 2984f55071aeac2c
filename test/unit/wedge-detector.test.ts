import { describe, expect, it } from 'vitest';
import { WedgeDetector, DEFAULT_MAX_GAP_MS, DEFAULT_MIN_LENGTH } from '../../src/domain/wedge-detector.ts';

/** Feed `text` then `end` with `gapMs` between keys; returns every line the detector yields. */
function type(detector: WedgeDetector, text: string, gapMs: number, startMs = 1000, end = 'Enter') {
  const lines: string[] = [];
  let t = startMs;
  for (const key of [...text, end]) {
    const out = detector.key(key, t);
    if (out) lines.push(out.line);
    t += gapMs;
  }
  return { lines, endMs: t };
}

describe('WedgeDetector', () => {
  it('has documented defaults', () => {
    expect(DEFAULT_MAX_GAP_MS).toBe(35);
    expect(DEFAULT_MIN_LENGTH).toBe(4);
  });

  it('yields a line typed at scanner speed and ended with Enter', () => {
    const d = new WedgeDetector();
    expect(type(d, '6901234567892', 8).lines).toEqual(['6901234567892']);
  });

  it('accepts Tab as a terminator', () => {
    const d = new WedgeDetector();
    expect(type(d, '96385074', 4, 0, 'Tab').lines).toEqual(['96385074']);
  });

  it('accepts a slow scanner right at the gap limit', () => {
    const d = new WedgeDetector({ maxGapMs: 35 });
    expect(type(d, '12345678', 35).lines).toEqual(['12345678']);
  });

  it('does not take a person typing for a scanner', () => {
    const d = new WedgeDetector();
    expect(type(d, '6901234567892', 120).lines).toEqual([]);
    // A fast typist: mostly ~70 ms with one rollover pair.
    const gaps = [70, 20, 80, 65, 90, 60];
    let t = 0;
    const keys = ['1', '2', '3', '4', '5', '6', 'Enter'];
    const out = keys.map((k, i) => d.key(k, (t += gaps[i] ?? 70)));
    expect(out.filter(Boolean)).toEqual([]);
  });

  it('does not yield a scanner-speed burst shorter than minLength', () => {
    const d = new WedgeDetector({ minLength: 4 });
    expect(type(d, '123', 5).lines).toEqual([]);
    expect(type(d, '1234', 5, 5000).lines).toEqual(['1234']);
  });

  it('drops a slow Enter after a fast burst', () => {
    const d = new WedgeDetector();
    d.key('1', 0);
    d.key('2', 5);
    d.key('3', 10);
    d.key('4', 15);
    expect(d.key('Enter', 500)).toBeUndefined();
    expect(d.pending).toBe('');
  });

  it('starts over when a pause splits the keys: the fast tail is the scan', () => {
    const d = new WedgeDetector();
    // Someone typed "ab" slowly, then a scanner fired.
    d.key('a', 0);
    d.key('b', 300);
    const { lines } = type(d, '4006381333931', 6, 900);
    expect(lines).toEqual(['4006381333931']);
  });

  it('ignores Shift between characters (scanners send it for capitals)', () => {
    const d = new WedgeDetector();
    const keys = ['Shift', 'A', 'B', 'Shift', 'C', '-', '1', '2', 'Enter'];
    const out = keys.map((k, i) => d.key(k, i * 3)).filter(Boolean);
    expect(out).toEqual([{ line: 'ABC-12' }]);
  });

  it('breaks a burst on a non-character key such as Backspace', () => {
    const d = new WedgeDetector();
    const keys = ['1', '2', '3', 'Backspace', '4', '5', 'Enter'];
    const out = keys.map((k, i) => d.key(k, i * 3)).filter(Boolean);
    expect(out).toEqual([]);
  });

  it('reports a burst in progress', () => {
    const d = new WedgeDetector();
    d.key('1', 0);
    expect(d.inBurst).toBe(false);
    d.key('2', 4);
    expect(d.inBurst).toBe(true);
    d.key('3', 400);
    expect(d.inBurst).toBe(false);
    expect(d.pending).toBe('3');
  });

  it('handles consecutive scans', () => {
    const d = new WedgeDetector();
    const a = type(d, '11111111', 3, 0);
    const b = type(d, '22222222', 3, a.endMs + 200);
    expect([...a.lines, ...b.lines]).toEqual(['11111111', '22222222']);
  });

  it('does not treat time going backwards as fast', () => {
    const d = new WedgeDetector();
    d.key('1', 1000);
    d.key('2', 10);
    // The earlier key cannot belong to this burst: it starts over at '2'.
    expect(d.pending).toBe('2');
    expect(d.inBurst).toBe(false);
  });

  it('cuts a runaway burst at maxLength and still yields it (the service rejects it as too long)', () => {
    const d = new WedgeDetector({ maxLength: 10 });
    expect(type(d, '1'.repeat(50), 2).lines).toEqual(['1'.repeat(10)]);
  });

  it('yields nothing for an Enter on its own or after reset', () => {
    const d = new WedgeDetector();
    expect(d.key('Enter', 0)).toBeUndefined();
    d.key('1', 0);
    d.key('2', 1);
    d.key('3', 2);
    d.key('4', 3);
    d.reset();
    expect(d.key('Enter', 4)).toBeUndefined();
  });

  it('rejects nonsense options', () => {
    expect(() => new WedgeDetector({ maxGapMs: 0 })).toThrow(RangeError);
    expect(() => new WedgeDetector({ minLength: 0 })).toThrow(RangeError);
    expect(() => new WedgeDetector({ minLength: 5, maxLength: 4 })).toThrow(RangeError);
    expect(() => new WedgeDetector({ terminators: [] })).toThrow(RangeError);
  });
});
