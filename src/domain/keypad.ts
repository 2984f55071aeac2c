/** What a key of the on-screen keypad does to the text of a price or count field. */

/** Enough digits for MAX_PRICE_CENTS (¥100,000) plus a typo to be told about. */
const MAX_PRICE_INT_DIGITS = 7;
const MAX_STOCK_DIGITS = 7;

export type KeypadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '.' | 'backspace' | 'clear';

/** Price typed on the keypad: digits, one point, at most two decimals. */
export function nextPriceText(text: string, key: KeypadKey): string {
  if (key === 'clear') return '';
  if (key === 'backspace') return text.slice(0, -1);
  if (key === '.') {
    if (text.includes('.')) return text;
    return text === '' ? '0.' : text + '.';
  }
  const [int = '', frac] = text.split('.');
  if (frac !== undefined) return frac.length >= 2 ? text : text + key;
  if (int === '0') return key; // "05" is just 5
  return int.length >= MAX_PRICE_INT_DIGITS ? text : text + key;
}

/** Whole count typed on the keypad. */
export function nextCountText(text: string, key: KeypadKey): string {
  if (key === 'clear') return '';
  if (key === 'backspace') return text.slice(0, -1);
  if (key === '.') return text;
  if (text === '0') return key;
  return text.length >= MAX_STOCK_DIGITS ? text : text + key;
}

/** Longest carton barcode typed on the keypad (GTIN-14 plus room for in-house codes). */
const MAX_KEYPAD_CODE_LENGTH = 20;

/** A barcode's digits typed on the keypad: no decimal point, no leading-zero rule. */
export function nextCodeText(text: string, key: KeypadKey): string {
  if (key === 'clear') return '';
  if (key === 'backspace') return text.slice(0, -1);
  if (key === '.') return text;
  return text.length >= MAX_KEYPAD_CODE_LENGTH ? text : text + key;
}
