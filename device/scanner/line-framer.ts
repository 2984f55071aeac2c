/**
 * Cuts a scanner's byte stream into lines.
 *
 * Why not `@serialport/parser-readline`: it concatenates every chunk onto one
 * buffer until a delimiter arrives, so a scanner in the wrong mode (or line
 * noise, or a cable picking up a motor) grows that buffer without limit, it
 * knows one delimiter only (no "CR, LF or CRLF"), and it flushes a partial line
 * on end. Here a line is kept in a fixed buffer of `maxLineBytes`; past that the
 * rest of the line is counted and dropped, and the caller gets an `overflow`
 * item so it can show a 'too-long' rejection instead of silently losing a scan.
 *
 * Lines are decoded as UTF-8, after the whole line has arrived (so a multi-byte
 * character split across chunks is not broken). Product codes are ASCII and
 * read the same either way; UTF-8 keeps QR payloads with Chinese text readable,
 * where latin1 would turn every UTF-8 continuation byte in 0x80–0x9f into a C1
 * "control" character and reject them. Control bytes 0x00–0x1f and 0x7f decode
 * to themselves, and bytes that are not valid UTF-8 (typical of line noise or a
 * wrong baud rate) become U+FFFD — both are rejected by readCode() as
 * 'control-bytes'.
 */
import { Transform, type TransformCallback } from 'node:stream';

export type LineEnding = 'CR' | 'LF' | 'CRLF' | 'any';

export const LINE_ENDINGS: readonly LineEnding[] = ['CR', 'LF', 'CRLF', 'any'];

export interface LineFramerOptions {
  /** 'any' ends a line on CR, LF or CRLF (CRLF counts once). Default 'any'. */
  lineEnding?: LineEnding;
  /** Longest line kept, in bytes, terminator excluded. Default 512. */
  maxLineBytes?: number;
}

/** What the framer emits, one item per terminated line. */
export type FramedLine =
  | { type: 'line'; text: string }
  /** A line longer than maxLineBytes: only its start was kept. */
  | { type: 'overflow'; preview: string; bytes: number };

export const DEFAULT_MAX_LINE_BYTES = 512;

/** Bytes of an over-long line kept for the caller to show. */
const OVERFLOW_PREVIEW_BYTES = 64;

const CR = 0x0d;
const LF = 0x0a;

export class LineFramer extends Transform {
  readonly lineEnding: LineEnding;
  readonly maxLineBytes: number;

  private readonly _line: Buffer;
  private _length = 0;
  /** Bytes of the current line that did not fit and were dropped. */
  private _dropped = 0;
  /** CRLF mode: a CR arrived and may be the start of the terminator. */
  private _pendingCr = false;
  /** 'any' mode: the last terminator was a CR, so an LF right after it is its second half. */
  private _afterCr = false;

  constructor(options: LineFramerOptions = {}) {
    super({ readableObjectMode: true });
    const lineEnding = options.lineEnding ?? 'any';
    if (!LINE_ENDINGS.includes(lineEnding)) {
      throw new TypeError(`"lineEnding" must be one of ${LINE_ENDINGS.join(', ')}: ${String(lineEnding)}`);
    }
    const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    if (!Number.isInteger(maxLineBytes) || maxLineBytes <= 0) {
      throw new TypeError(`"maxLineBytes" must be a positive integer: ${String(maxLineBytes)}`);
    }
    this.lineEnding = lineEnding;
    this.maxLineBytes = maxLineBytes;
    this._line = Buffer.alloc(maxLineBytes);
  }

  /** Bytes held for the line in progress; never more than maxLineBytes. */
  get bufferedBytes(): number {
    return this._length;
  }

  override _transform(chunk: Buffer | string, encoding: BufferEncoding, callback: TransformCallback): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
    // A byte loop keeps the CR/LF state machine obvious; a serial line brings
    // about a kilobyte a second, and even 10 MB of garbage takes milliseconds.
    for (let i = 0; i < bytes.length; i++) this._byte(bytes[i]!);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    // A partial line when the port ends (scanner unplugged mid-code) is not a
    // scan: drop it rather than emit half a barcode.
    this._reset();
    this._pendingCr = false;
    this._afterCr = false;
    callback();
  }

  private _byte(byte: number): void {
    switch (this.lineEnding) {
      case 'LF':
        if (byte === LF) this._end();
        else this._append(byte);
        return;
      case 'CR':
        if (byte === CR) this._end();
        else this._append(byte);
        return;
      case 'CRLF':
        if (this._pendingCr) {
          this._pendingCr = false;
          if (byte === LF) {
            this._end();
            return;
          }
          // A lone CR is part of the line (and makes it a 'control-bytes' rejection).
          this._append(CR);
        }
        if (byte === CR) this._pendingCr = true;
        else this._append(byte);
        return;
      case 'any': {
        const afterCr = this._afterCr;
        this._afterCr = false;
        if (byte === CR) {
          this._end();
          this._afterCr = true;
        } else if (byte === LF) {
          if (!afterCr) this._end();
        } else {
          this._append(byte);
        }
        return;
      }
    }
  }

  private _append(byte: number): void {
    if (this._length < this.maxLineBytes) this._line[this._length++] = byte;
    else this._dropped++;
  }

  private _end(): void {
    if (this._dropped > 0) {
      const kept = Math.min(this._length, OVERFLOW_PREVIEW_BYTES);
      this.push({
        type: 'overflow',
        preview: this._line.toString('utf8', 0, kept),
        bytes: this._length + this._dropped,
      } satisfies FramedLine);
    } else {
      this.push({ type: 'line', text: this._line.toString('utf8', 0, this._length) } satisfies FramedLine);
    }
    this._reset();
  }

  private _reset(): void {
    this._length = 0;
    this._dropped = 0;
  }
}
