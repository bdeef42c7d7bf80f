/** Opaque keyset cursors: base64url JSON of `[sortValue, id]`. */
import { InvalidCursorError } from './errors.ts';

/** Encodes a keyset position. */
export function encodeCursor(value: string | number | null, id: number): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}; throws {@link InvalidCursorError} on anything else. */
export function decodeCursor(cursor: string): { value: string | number | null; id: number } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && Number.isInteger(parsed[1])) {
      const [value, id] = parsed as [unknown, number];
      if (value === null || typeof value === 'string' || typeof value === 'number') return { value, id };
    }
  } catch {
    // fall through to the error below
  }
  throw new InvalidCursorError(cursor);
}
