import { describe, expect, it } from 'vitest';
import { LineFramer, type FramedLine, type LineFramerOptions } from '../../device/scanner/line-framer.ts';

/** Write each chunk as its own Buffer and collect what comes out. */
function frame(chunks: Array<string | Buffer>, options?: LineFramerOptions): FramedLine[] {
  const framer = new LineFramer(options);
  const out: FramedLine[] = [];
  framer.on('data', (item: FramedLine) => out.push(item));
  for (const chunk of chunks) framer.write(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk);
  return out;
}

const lines = (items: FramedLine[]) => items.map((item) => (item.type === 'line' ? item.text : item));

describe('LineFramer', () => {
  it('validates its options', () => {
    expect(() => new LineFramer({ lineEnding: 'NUL' as never })).toThrow(/lineEnding/);
    expect(() => new LineFramer({ maxLineBytes: 0 })).toThrow(/maxLineBytes/);
    expect(() => new LineFramer({ maxLineBytes: 1.5 })).toThrow(/maxLineBytes/);
    expect(() => new LineFramer({ maxLineBytes: -3 })).toThrow(/maxLineBytes/);
    const framer = new LineFramer();
    expect(framer.lineEnding).toBe('any');
    expect(framer.maxLineBytes).toBe(512);
  });

  it('cuts on CR, on LF and on CRLF in their modes', () => {
    expect(lines(frame(['6901028075831\r4006381333931\r'], { lineEnding: 'CR' }))).toEqual(['6901028075831', '4006381333931']);
    expect(lines(frame(['6901028075831\n4006381333931\n'], { lineEnding: 'LF' }))).toEqual(['6901028075831', '4006381333931']);
    expect(lines(frame(['6901028075831\r\n4006381333931\r\n'], { lineEnding: 'CRLF' }))).toEqual(['6901028075831', '4006381333931']);
  });

  it('keeps the other terminator byte in the line in a fixed mode', () => {
    // A CR in LF mode (or a lone CR in CRLF mode) is data; readCode() decides.
    expect(lines(frame(['12\r34\n'], { lineEnding: 'LF' }))).toEqual(['12\r34']);
    expect(lines(frame(['12\r34\r\n'], { lineEnding: 'CRLF' }))).toEqual(['12\r34']);
    expect(lines(frame(['12\n34\r'], { lineEnding: 'CR' }))).toEqual(['12\n34']);
  });

  it("'any' takes CR, LF and CRLF, and CRLF as one terminator", () => {
    expect(lines(frame(['a\rb\nc\r\nd\n\re\r'], { lineEnding: 'any' }))).toEqual(['a', 'b', 'c', 'd', '', 'e']);
  });

  it('finds terminators split across chunks', () => {
    expect(lines(frame(['6901028', '075831\r', '\n4006381333931\r', '\n'], { lineEnding: 'CRLF' }))).toEqual([
      '6901028075831',
      '4006381333931',
    ]);
    // In 'any', the LF of a CRLF arriving in the next chunk must not make an empty line.
    expect(lines(frame(['6901028075831\r', '\n', '4006381333931\r', '\n'], { lineEnding: 'any' }))).toEqual([
      '6901028075831',
      '4006381333931',
    ]);
    // One byte at a time.
    const bytes = [...Buffer.from('ab\r\ncd\r\n')].map((b) => Buffer.from([b]));
    expect(lines(frame(bytes, { lineEnding: 'CRLF' }))).toEqual(['ab', 'cd']);
    expect(lines(frame(bytes, { lineEnding: 'any' }))).toEqual(['ab', 'cd']);
  });

  it('keeps control bytes and marks invalid UTF-8 so readCode() can reject them', () => {
    const out = lines(frame([Buffer.from([0x31, 0x00, 0x32, 0x1b, 0xff, 0xfe, 0x0d])], { lineEnding: 'CR' }));
    expect(out).toEqual(['1\u00002\u001b\ufffd\ufffd']);
  });

  it('decodes a UTF-8 character split across chunks', () => {
    const text = Buffer.from('烟草\r', 'utf8');
    expect(lines(frame([text.subarray(0, 2), text.subarray(2, 4), text.subarray(4)]))).toEqual(['烟草']);
  });

  it('turns an over-long line into one overflow item and recovers after it', () => {
    const long = 'X'.repeat(40);
    const out = frame(['start\r', long.slice(0, 25), long.slice(25) + '\r', '6901028075831\r'], {
      lineEnding: 'CR',
      maxLineBytes: 16,
    });
    expect(out).toEqual([
      { type: 'line', text: 'start' },
      { type: 'overflow', preview: 'X'.repeat(16), bytes: 40 },
      { type: 'line', text: '6901028075831' },
    ]);
  });

  it('a line of exactly maxLineBytes is still a line', () => {
    expect(lines(frame(['1234567890123456\r'], { lineEnding: 'CR', maxLineBytes: 16 }))).toEqual(['1234567890123456']);
  });

  it('stays within its bound however much arrives without a terminator', () => {
    const framer = new LineFramer({ lineEnding: 'CRLF', maxLineBytes: 512 });
    const out: FramedLine[] = [];
    framer.on('data', (item: FramedLine) => out.push(item));
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    let peak = 0;
    const buffersBefore = process.memoryUsage().arrayBuffers;
    for (let written = 0; written < 10 * 1024 * 1024; written += chunk.length) {
      framer.write(chunk);
      peak = Math.max(peak, framer.bufferedBytes);
    }
    expect(peak).toBe(512);
    expect(out).toEqual([]);
    framer.write(Buffer.from('\r\n6901028075831\r\n'));
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ type: 'overflow', bytes: 10 * 1024 * 1024 });
    expect(out[0]?.type === 'overflow' && out[0].preview.length).toBeLessThanOrEqual(64);
    expect(out[1]).toEqual({ type: 'line', text: '6901028075831' });
    expect(framer.bufferedBytes).toBe(0);
    // The 10 MB went through, not into memory: kept bytes would be >= 10 MB here.
    expect(process.memoryUsage().arrayBuffers - buffersBefore).toBeLessThan(8 * 1024 * 1024);
  });

  it('drops a partial line when the stream ends', async () => {
    const framer = new LineFramer({ lineEnding: 'CR' });
    const out: FramedLine[] = [];
    framer.on('data', (item: FramedLine) => out.push(item));
    const ended = new Promise((resolve) => framer.on('end', resolve));
    framer.write(Buffer.from('6901028075831\r69010'));
    framer.end();
    await ended;
    expect(lines(out)).toEqual(['6901028075831']);
  });
});
