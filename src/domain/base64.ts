/** Bytes to base64 text and back (a backup's pictures, a PIN's salt and hash, the visit bundle's keys and signatures). */

export function toBase64(bytes: Uint8Array): string {
  // In chunks: spreading a whole picture's bytes into one call overflows the stack.
  let text = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) text += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(text);
}

export function fromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
