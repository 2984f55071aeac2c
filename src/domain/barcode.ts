/**
 * Barcode reading rules shared by the terminal service (serial scanners) and the
 * browser (keyboard-wedge scanners): one place decides what a scanned line means.
 *
 * GS1 codes (EAN-13, EAN-8, UPC-A, UPC-E, ITF-14) are checked and normalised to a
 * 14-digit GTIN so that the UPC-A 036000291452 and the EAN-13 0036000291452 are
 * one product. Anything else (Code 128, QR, in-house labels) passes unverified.
 */

export type Symbology = 'ean13' | 'ean8' | 'upca' | 'upce' | 'itf14' | 'gtin14' | 'other';

export type RejectReason = 'empty' | 'too-long' | 'control-bytes' | 'bad-check-digit';

export interface AcceptedCode {
  ok: true;
  /** The product key: a 14-digit GTIN for GS1 codes, the cleaned text otherwise. */
  code: string;
  /** What the scanner sent, with the AIM identifier, prefix and suffix removed. */
  text: string;
  symbology: Symbology;
  /** True when a GS1 check digit was verified. */
  verified: boolean;
  /** The AIM symbology identifier the scanner sent, e.g. "]E0", if any. */
  aim?: string;
}

export interface RejectedCode {
  ok: false;
  reason: RejectReason;
  /** Printable rendering of what arrived, cut to a safe length, for the log and the screen. */
  text: string;
}

export type ReadCode = AcceptedCode | RejectedCode;

/** A line longer than this is noise (a scanner in the wrong mode, line noise), not a barcode. */
export const MAX_CODE_LENGTH = 256;

/** How much of a rejected line is kept for display. */
const REJECTED_PREVIEW_LENGTH = 48;

// AIM ISO/IEC 15424: "]" + symbology letter + modifier character.
const AIM_PATTERN = /^\](?<letter>[A-Za-z])(?<modifier>[0-9A-Za-z])/;

// Tab is allowed as a keyboard-wedge terminator but stripped before this point.
// eslint-disable-next-line no-control-regex
const CONTROL_PATTERN = /[\u0000-\u001f\u007f-\u009f\ufffd]/;

/** GS1 mod-10 check digit over the digits before the check digit. */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  // Weights run 3,1,3,1… from the rightmost digit of the body.
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export function hasValidCheckDigit(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  const body = digits.slice(0, -1);
  return gs1CheckDigit(body) === Number(digits.at(-1));
}

/** Expand an 8-digit UPC-E (number system, six digits, check) into its 12-digit UPC-A. */
export function expandUpcE(upce: string): string | undefined {
  if (!/^[01]\d{7}$/.test(upce)) return undefined;
  const ns = upce[0]!;
  const d = upce.slice(1, 7);
  const check = upce[7]!;
  const last = d[5]!;
  let manufacturer: string;
  let item: string;
  switch (last) {
    case '0':
    case '1':
    case '2':
      manufacturer = d.slice(0, 2) + last + '00';
      item = '00' + d.slice(2, 5);
      break;
    case '3':
      manufacturer = d.slice(0, 3) + '00';
      item = '000' + d.slice(3, 5);
      break;
    case '4':
      manufacturer = d.slice(0, 4) + '0';
      item = '0000' + d[4]!;
      break;
    default:
      manufacturer = d.slice(0, 5);
      item = '0000' + last;
  }
  return ns + manufacturer + item + check;
}

/** Make a line safe to show and log: control bytes become "·", length is bounded. */
export function printable(line: string): string {
  // eslint-disable-next-line no-control-regex
  const shown = line.replace(/[\u0000-\u001f\u007f-\u009f]/g, '·');
  return shown.length > REJECTED_PREVIEW_LENGTH ? shown.slice(0, REJECTED_PREVIEW_LENGTH) + '…' : shown;
}

export interface ReadOptions {
  /** Text a scanner is configured to put before each code (stripped when present). */
  prefix?: string;
  /** Text a scanner is configured to put after each code (stripped when present). */
  suffix?: string;
}

/**
 * Decide what one scanned line is. The line must already be cut from the stream
 * (no terminator); surrounding spaces are ignored.
 */
export function readCode(line: string, options: ReadOptions = {}): ReadCode {
  if (line.length > MAX_CODE_LENGTH) return { ok: false, reason: 'too-long', text: printable(line) };
  let text = line.trim();
  if (options.prefix && text.startsWith(options.prefix)) text = text.slice(options.prefix.length);
  if (options.suffix && text.endsWith(options.suffix)) text = text.slice(0, -options.suffix.length);
  if (CONTROL_PATTERN.test(text)) return { ok: false, reason: 'control-bytes', text: printable(line) };

  let aim: string | undefined;
  const match = AIM_PATTERN.exec(text);
  if (match) {
    aim = match[0];
    text = text.slice(aim.length);
  }
  text = text.trim();
  if (text.length === 0) return { ok: false, reason: 'empty', text: printable(line) };

  const letter = match?.groups?.letter?.toUpperCase();
  // An AIM identifier naming a non-GS1 symbology (Code 128, QR…) means the digits
  // carry no GS1 check digit even when they look like an EAN.
  const mayBeGs1 = letter === undefined || letter === 'E' || letter === 'I';
  if (!mayBeGs1 || !/^\d+$/.test(text)) {
    return withAim({ ok: true, code: text, text, symbology: 'other', verified: false }, aim);
  }
  const gs1 = readGs1(text, letter, aim);
  if (gs1 === 'bad') return { ok: false, reason: 'bad-check-digit', text: printable(text) };
  if (gs1 === undefined) return withAim({ ok: true, code: text, text, symbology: 'other', verified: false }, aim);
  return withAim({ ok: true, code: gs1.gtin, text, symbology: gs1.symbology, verified: true }, aim);
}

function withAim(code: AcceptedCode, aim: string | undefined): AcceptedCode {
  if (aim !== undefined) code.aim = aim;
  return code;
}

function readGs1(
  digits: string,
  aimLetter: string | undefined,
  aim: string | undefined,
): { gtin: string; symbology: Symbology } | 'bad' | undefined {
  switch (digits.length) {
    case 8: {
      // Eight digits are EAN-8 or UPC-E: ]E4 says EAN-8, ]E0 says UPC-E; without
      // an identifier EAN-8 is tried first (it is far more common on Chinese goods).
      const ean8Ok = aim !== ']E0' && hasValidCheckDigit(digits);
      const upca = aim === ']E4' ? undefined : expandUpcE(digits);
      const upceOk = upca !== undefined && hasValidCheckDigit(upca);
      if (ean8Ok) return { gtin: toGtin14(digits), symbology: 'ean8' };
      if (upceOk) return { gtin: toGtin14(upca), symbology: 'upce' };
      return 'bad';
    }
    case 12:
      return hasValidCheckDigit(digits) ? { gtin: toGtin14(digits), symbology: 'upca' } : 'bad';
    case 13:
      return hasValidCheckDigit(digits) ? { gtin: toGtin14(digits), symbology: 'ean13' } : 'bad';
    case 14:
      return hasValidCheckDigit(digits) ? { gtin: digits, symbology: aimLetter === 'I' ? 'itf14' : 'gtin14' } : 'bad';
    default:
      // Other lengths (in-house short codes, Code 128 serials) carry no GS1 check digit.
      return undefined;
  }
}

export function toGtin14(digits: string): string {
  return digits.padStart(14, '0');
}

/**
 * Shortest familiar form of a GTIN for people: 13 digits for EAN/UPC codes,
 * 8 for EAN-8, 14 only for real case codes.
 */
export function displayCode(code: string): string {
  if (!/^\d{14}$/.test(code)) return code;
  if (code.startsWith('000000')) return code.slice(6);
  if (code.startsWith('0')) return code.slice(1);
  return code;
}
