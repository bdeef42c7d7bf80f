const OPEN = 0x5b; // [
const CLOSE = 0x5d; // ]
const ZERO = 0x30;
const NINE = 0x39;

/**
 * Byte offsets of the non-empty rows of a JSON document shaped
 * `{"data": [[int, …], [int, …], …]}` (the fashion-mnist package's layout),
 * found by one scan instead of `JSON.parse` (≈ 10× faster, and nothing is
 * allocated per pixel). Empty rows `[]` are skipped.
 * @returns offsets of each row's '[' in file order
 */
export function findRowOffsets(bytes: Uint8Array): Int32Array {
  let depth = 0;
  const offsets: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === OPEN) {
      depth++;
      if (depth === 2 && bytes[i + 1] !== CLOSE) offsets.push(i);
    } else if (b === CLOSE) {
      depth--;
    }
  }
  return Int32Array.from(offsets);
}

/**
 * Parses the non-negative integers of the row starting at `offset` into
 * `out[outOffset … outOffset + length)`.
 * @returns the number of values read (callers check it equals the row length they expect)
 */
export function readRow(bytes: Uint8Array, offset: number, out: Uint8Array, outOffset: number, length: number): number {
  let count = 0;
  let value = -1;
  for (let i = offset + 1; i < bytes.length; i++) {
    const b = bytes[i];
    if (b >= ZERO && b <= NINE) {
      value = (value < 0 ? 0 : value * 10) + (b - ZERO);
    } else {
      if (value >= 0) {
        if (count < length) out[outOffset + count] = value;
        count++;
        value = -1;
      }
      if (b === CLOSE) break;
    }
  }
  return count;
}
