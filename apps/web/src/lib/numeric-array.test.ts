import { describe, expect, it } from 'vitest';
import { NumericArrayError } from '@classfit/wire/numeric-array';
import { decodeNumericArray, toMatrix } from './numeric-array';

function encode(values: number[], shape: number[]) {
  const bytes = new Uint8Array(new Float32Array(values).buffer);
  return { dtype: 'float32', shape, data: btoa(String.fromCharCode(...bytes)) };
}

describe('decodeNumericArray', () => {
  it('reads little-endian float32 values', () => {
    expect(Array.from(decodeNumericArray(encode([1.5, -2, 0.25], [3])))).toEqual([1.5, -2, 0.25]);
  });

  it('rejects another dtype or a size that does not match the shape', () => {
    expect(() => decodeNumericArray({ ...encode([1], [1]), dtype: 'float64' })).toThrow(NumericArrayError);
    expect(() => decodeNumericArray(encode([1, 2], [3]))).toThrow(/float32 needs 12$/);
  });
});

describe('toMatrix', () => {
  it('reshapes row-major data and turns NaN into null', () => {
    expect(toMatrix(encode([0, 1, Number.NaN, 3, 4, 5], [2, 3]))).toEqual([
      [0, 1, null],
      [3, 4, 5],
    ]);
  });
});
