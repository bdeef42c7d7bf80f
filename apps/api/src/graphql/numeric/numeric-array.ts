/**
 * `NumericArray` values: base64 of little-endian float32, C order (DESIGN.md §5). Encoding is explicit about
 * byte order so the wire format does not depend on the host.
 */
import { BadUserInputError } from '../errors.ts';

/** The GraphQL `NumericArray` object. */
export interface NumericArrayValue {
  readonly dtype: 'float32';
  readonly shape: number[];
  readonly data: string;
}

/** Encodes `values` (any numbers; NaN and ±Infinity survive) with `shape`; throws if the sizes disagree. */
export function toNumericArray(values: ArrayLike<number>, shape: readonly number[]): NumericArrayValue {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== values.length) throw new Error(`shape [${shape.join(', ')}] holds ${size} values, got ${values.length}`);
  const view = new DataView(new ArrayBuffer(values.length * 4));
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return { dtype: 'float32', shape: [...shape], data: Buffer.from(view.buffer).toString('base64') };
}

/** The client's `NumericArrayInput`. */
export interface NumericArrayInputValue {
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly data: string;
}

/**
 * Decodes a `NumericArrayInput` of rank `rank`, checking dtype, shape and base64 strictly; `field` names it in errors.
 * @returns the values as a Float32Array in C order, and the shape
 */
export function fromNumericArrayInput(input: NumericArrayInputValue, field: string, rank: number): { values: Float32Array; shape: number[] } {
  if (input.dtype !== 'float32') throw new BadUserInputError(`${field}.dtype`, `must be "float32", got "${input.dtype}"`);
  if (input.shape.length !== rank || input.shape.some((s) => !Number.isInteger(s) || s < 0)) {
    throw new BadUserInputError(`${field}.shape`, `must be ${rank} non-negative integers, got [${input.shape.join(', ')}]`);
  }
  const text = input.data.replace(/\s+/g, '');
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw new BadUserInputError(`${field}.data`, 'must be standard base64 (A–Z, a–z, 0–9, +, /, padded with =)');
  }
  const bytes = Buffer.from(text, 'base64');
  const count = input.shape.reduce((a, b) => a * b, 1);
  if (bytes.length !== count * 4) {
    throw new BadUserInputError(`${field}.data`, `holds ${bytes.length} bytes, but shape [${input.shape.join(', ')}] of float32 needs ${count * 4}`);
  }
  const values = new Float32Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < count; i++) values[i] = view.getFloat32(i * 4, true);
  return { values, shape: [...input.shape] };
}

/** Rows of a `[n, d]` row-major array as JSON lists, or null when n·d exceeds `limit` (only small arrays go as JSON). */
export function rowsIfSmall(values: ArrayLike<number>, n: number, d: number, limit = 1000): number[][] | null {
  if (n * d > limit) return null;
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from({ length: d }, (_, j) => values[i * d + j]));
  return rows;
}
