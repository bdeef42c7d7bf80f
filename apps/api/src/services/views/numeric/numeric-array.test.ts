import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../errors.ts';
import { fromNumericArrayInput, rowsIfSmall, toNumericArray } from './numeric-array.ts';

describe('NumericArray encoding', () => {
  it('writes little-endian float32 regardless of the host', () => {
    const encoded = toNumericArray([1, -2.5], [2]);
    // 1.0f = 00 00 80 3f, -2.5f = 00 00 20 c0 (little-endian)
    expect([...Buffer.from(encoded.data, 'base64')]).toEqual([0, 0, 0x80, 0x3f, 0, 0, 0x20, 0xc0]);
    expect(encoded).toMatchObject({ dtype: 'float32', shape: [2] });
  });

  it('round-trips values, including NaN and infinities', () => {
    const values = [0, 1.5, -3, Number.NaN, Number.POSITIVE_INFINITY, 1e-30];
    const encoded = toNumericArray(values, [2, 3]);
    const { values: back, shape } = fromNumericArrayInput(encoded, 'x', 2);
    expect(shape).toEqual([2, 3]);
    expect([...back]).toEqual(values.map((v) => Math.fround(v)));
  });

  it('rejects a shape that does not match the data', () => {
    expect(() => toNumericArray([1, 2, 3], [2, 2])).toThrow(/holds 4 values/);
    const encoded = toNumericArray([1, 2, 3], [3, 1]);
    expect(() => fromNumericArrayInput({ ...encoded, shape: [2, 2] }, 'points.array', 2)).toThrow(
      expect.objectContaining({ name: 'BadUserInputError', field: 'points.array.data' }),
    );
  });

  it('rejects malformed base64, other dtypes and wrong ranks, naming the field', () => {
    const good = toNumericArray([1, 2], [1, 2]);
    const field = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (error) {
        return error instanceof BadUserInputError ? error.field : 'not a BadUserInputError';
      }
      return undefined;
    };
    expect(field(() => fromNumericArrayInput({ ...good, data: 'AAA*AAAA' }, 'p', 2))).toBe('p.data');
    expect(field(() => fromNumericArrayInput({ ...good, data: 'AAAAA' }, 'p', 2))).toBe('p.data');
    expect(field(() => fromNumericArrayInput({ ...good, dtype: 'float64' }, 'p', 2))).toBe('p.dtype');
    expect(field(() => fromNumericArrayInput({ ...good, shape: [2] }, 'p', 2))).toBe('p.shape');
    expect(field(() => fromNumericArrayInput({ ...good, shape: [1, -2] }, 'p', 2))).toBe('p.shape');
  });

  it('gives JSON rows only for small arrays', () => {
    expect(rowsIfSmall([1, 2, 3, 4], 2, 2)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(rowsIfSmall(new Float64Array(2000), 1000, 2)).toBeNull();
  });
});
