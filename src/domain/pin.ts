/**
 * PINs and the owner's recovery code: the format, and how they are kept —
 * only as PBKDF2-SHA-256 hashes with a random salt per PIN, through WebCrypto
 * (crypto.subtle, in the page and in Node alike). Nothing here stores anything.
 */
import { fromBase64, toBase64 } from './base64.ts';

export const PIN_MIN_DIGITS = 4;
export const PIN_MAX_DIGITS = 8;

/**
 * PBKDF2 iterations for a new PIN hash. Measured so one check takes 100–500 ms
 * on the terminal (README, "Roles and PINs"; also OWASP's figure for PBKDF2-SHA-256): slow enough that trying all
 * 10,000 four-digit PINs on a stolen database takes over 20 minutes per PIN
 * even without the lockout, quick enough that the owner barely waits.
 * Each hash keeps its own count, so raising this later keeps old PINs valid.
 */
export const PIN_ITERATIONS = 600_000;

const SALT_BYTES = 16;
const HASH_BITS = 256;

/** A PIN or recovery code as kept: never the digits themselves. */
export interface PinHash {
  algorithm: 'PBKDF2-SHA-256';
  iterations: number;
  /** Base64. */
  salt: string;
  /** Base64 of the derived 256 bits. */
  hash: string;
}

export type PinProblem = 'too-short' | 'too-long' | 'not-digits';

/** Why `pin` is not a PIN (4–8 digits), or undefined when it is. */
export function pinProblem(pin: string): PinProblem | undefined {
  if (!/^[0-9]*$/.test(pin)) return 'not-digits';
  if (pin.length < PIN_MIN_DIGITS) return 'too-short';
  if (pin.length > PIN_MAX_DIGITS) return 'too-long';
  return undefined;
}

export function isValidPin(pin: string): boolean {
  return pinProblem(pin) === undefined;
}

/** Hash a PIN (or recovery code) with a fresh random salt. */
export async function hashPin(pin: string, iterations: number = PIN_ITERATIONS): Promise<PinHash> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(pin, salt, iterations);
  return { algorithm: 'PBKDF2-SHA-256', iterations, salt: toBase64(salt), hash: toBase64(hash) };
}

/** Does `pin` match `stored`? Compares every byte, so the time does not tell how much matched. */
export async function checkPin(pin: string, stored: PinHash): Promise<boolean> {
  if (stored.algorithm !== 'PBKDF2-SHA-256' || !(stored.iterations >= 1)) return false;
  const expected = fromBase64(stored.hash);
  const actual = await derive(pin, fromBase64(stored.salt), stored.iterations);
  if (actual.length !== expected.length) return false;
  let difference = 0;
  for (let i = 0; i < actual.length; i++) difference |= actual[i]! ^ expected[i]!;
  return difference === 0;
}

async function derive(secret: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

// ---------------------------------------------------------------- recovery code

/** Twelve digits: typed on the same pad as a PIN, and 10^12 tries are out of reach even offline. */
export const RECOVERY_CODE_DIGITS = 12;

/** A new one-time recovery code, digits only (shown once, grouped by 4). */
export function newRecoveryCode(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(RECOVERY_CODE_DIGITS * 2));
  let code = '';
  for (let i = 0; code.length < RECOVERY_CODE_DIGITS; i += 2) {
    // 16 bits per digit: 65536 mod 10 leaves a bias of 6 in 65536, harmless here.
    code += String(((bytes[i]! << 8) | bytes[i + 1]!) % 10);
  }
  return code;
}

/** "123456789012" → "1234 5678 9012", for writing down. */
export function formatRecoveryCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** What the owner typed, spaces and dashes dropped. */
export function normalizeRecoveryCode(typed: string): string {
  return typed.replace(/[\s-]/g, '');
}

export function isRecoveryCodeShape(code: string): boolean {
  return new RegExp(`^[0-9]{${RECOVERY_CODE_DIGITS}}$`).test(code);
}
