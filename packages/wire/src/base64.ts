/**
 * Standard base64 (RFC 4648 §4, padded) of bytes, with the platform's own atob/btoa, so the same code runs in
 * Node and in browsers. Each module of this package imports the others by package name (`@classfit/wire/…`),
 * never by relative path, so the dashboard's bundler and Node resolve them alike.
 */

/** Bytes per String.fromCharCode call: stays under engines' argument-count limits. */
const CHUNK = 0x8000;

/** base64 text of `bytes`. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** Whether `text` is strict standard base64: the alphabet A–Z a–z 0–9 + /, length a multiple of 4, at most two `=` at the end. */
export function isStrictBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}

/** Bytes of base64 `text` (whitespace ignored); throws a RangeError on anything but strict standard base64. */
export function base64ToBytes(text: string): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  if (!isStrictBase64(compact)) throw new RangeError('must be standard base64 (A–Z, a–z, 0–9, +, /, padded with =)');
  const binary = atob(compact);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
