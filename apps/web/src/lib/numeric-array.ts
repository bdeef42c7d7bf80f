/** Decoding of the API's dense `NumericArray` ({ dtype, shape, data: base64 little-endian float32 }). */

export interface NumericArray {
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly data: string;
}

/** The values of a float32 `NumericArray`, row-major; throws when dtype or size do not match the shape. */
export function decodeNumericArray(array: NumericArray): Float32Array {
  if (array.dtype !== 'float32') throw new TypeError(`decodeNumericArray: dtype must be float32, got ${array.dtype}`);
  const binary = atob(array.data);
  const count = array.shape.reduce((a, b) => a * b, 1);
  if (binary.length !== count * 4) {
    throw new RangeError(`decodeNumericArray: shape [${array.shape.join(', ')}] needs ${count * 4} bytes, data has ${binary.length}`);
  }
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/** A `[rows, cols]` NumericArray as nested arrays, NaN → null (JSON-safe, for client components). */
export function toMatrix(array: NumericArray): (number | null)[][] {
  if (array.shape.length !== 2) throw new RangeError(`toMatrix: expected a 2-D array, got shape [${array.shape.join(', ')}]`);
  const [rows, cols] = array.shape;
  const flat = decodeNumericArray(array);
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => {
      const v = flat[r * cols + c];
      return Number.isFinite(v) ? v : null;
    }),
  );
}
