/** The API's dense `NumericArray` (the shared wire format of @classfit/wire) as the dashboard's charts want it. */
import { decodeNumericArray, type NumericArray } from '@classfit/wire/numeric-array';

export { decodeNumericArray, type NumericArray };

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
