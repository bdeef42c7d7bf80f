/**
 * `NumericArray`: a dense array on the wire as { dtype: "float32", shape, data: base64 of little-endian float32 in
 * C order } (DESIGN.md §5). Byte order is explicit, so the format does not depend on either host.
 */
import { base64ToBytes, bytesToBase64 } from '@classfit/wire/base64';

/** A NumericArray as it travels. */
export interface NumericArray {
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly data: string;
}

/** What is wrong with a NumericArray, and in which part of it. */
export class NumericArrayError extends Error {
  constructor(
    readonly part: 'dtype' | 'shape' | 'data',
    message: string,
  ) {
    super(message);
    this.name = 'NumericArrayError';
  }
}

/** Encodes `values` (NaN and ±Infinity survive) with `shape`; throws if the sizes disagree. */
export function encodeNumericArray(values: ArrayLike<number>, shape: readonly number[]): { dtype: 'float32'; shape: number[]; data: string } {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== values.length) throw new RangeError(`shape [${shape.join(', ')}] holds ${size} values, got ${values.length}`);
  const view = new DataView(new ArrayBuffer(values.length * 4));
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return { dtype: 'float32', shape: [...shape], data: bytesToBase64(new Uint8Array(view.buffer)) };
}

/**
 * Decodes a NumericArray strictly: dtype float32, `rank` non-negative integer dimensions when given, strict
 * base64 holding exactly the bytes the shape needs.
 * @throws NumericArrayError naming the part that is wrong
 */
export function decodeNumericArray(array: NumericArray, rank?: number): Float32Array {
  if (array.dtype !== 'float32') throw new NumericArrayError('dtype', `must be "float32", got "${array.dtype}"`);
  if ((rank !== undefined && array.shape.length !== rank) || array.shape.some((s) => !Number.isInteger(s) || s < 0)) {
    throw new NumericArrayError('shape', `must be ${rank ?? 'a list of'} non-negative integers, got [${array.shape.join(', ')}]`);
  }
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(array.data);
  } catch (error) {
    throw new NumericArrayError('data', (error as Error).message);
  }
  const count = array.shape.reduce((a, b) => a * b, 1);
  if (bytes.length !== count * 4) {
    throw new NumericArrayError('data', `holds ${bytes.length} bytes, but shape [${array.shape.join(', ')}] of float32 needs ${count * 4}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = view.getFloat32(i * 4, true);
  return values;
}
