import { describe, expect, it } from 'vitest';
import { bytesToBase64, base64ToBytes } from '@classfit/wire/base64';
import { decodeNumericArray, encodeNumericArray, NumericArrayError } from '@classfit/wire/numeric-array';

describe('NumericArray', () => {
  it('is little-endian float32 in base64, whatever the host', () => {
    // 1.0f = 0x3f800000 → bytes 00 00 80 3f; -2.0f = 0xc0000000 → 00 00 00 c0
    expect(encodeNumericArray([1, -2], [2])).toEqual({ dtype: 'float32', shape: [2], data: 'AACAPwAAAMA=' });
    expect(Array.from(decodeNumericArray({ dtype: 'float32', shape: [1, 2], data: 'AACAPwAAAMA=' }, 2))).toEqual([1, -2]);
  });

  it('round-trips NaN, ±Infinity and a large array exactly (as float32)', () => {
    const values = Float32Array.from({ length: 100_003 }, (_, i) => Math.sin(i) * 1e3);
    values[5] = Number.NaN;
    values[6] = Number.POSITIVE_INFINITY;
    values[7] = Number.NEGATIVE_INFINITY;
    const back = decodeNumericArray(encodeNumericArray(values, [100_003]));
    expect(back).toEqual(values);
  });

  it('rejects a wrong dtype, rank, shape or data, naming the part', () => {
    const ok = encodeNumericArray([1, 2, 3, 4], [2, 2]);
    const part = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof NumericArrayError ? `${error.part}: ${error.message}` : String(error);
      }
      return 'no error';
    };
    expect(part(() => decodeNumericArray({ ...ok, dtype: 'float64' }))).toBe('dtype: must be "float32", got "float64"');
    expect(part(() => decodeNumericArray(ok, 3))).toBe('shape: must be 3 non-negative integers, got [2, 2]');
    expect(part(() => decodeNumericArray({ ...ok, shape: [2, -2] }))).toMatch(/^shape: /);
    expect(part(() => decodeNumericArray({ ...ok, shape: [3, 2] }))).toBe('data: holds 16 bytes, but shape [3, 2] of float32 needs 24');
    expect(part(() => decodeNumericArray({ ...ok, data: 'not base64!' }))).toMatch(/^data: must be standard base64/);
    expect(part(() => decodeNumericArray({ ...ok, data: ok.data.slice(0, -1) }))).toMatch(/^data: must be standard base64/);
  });

  it('tolerates whitespace in base64 (line-wrapped encoders) and checks sizes on encode', () => {
    const text = bytesToBase64(Uint8Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(base64ToBytes(`${text.slice(0, 10)}\n ${text.slice(10)}`))).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(() => encodeNumericArray([1, 2, 3], [2, 2])).toThrow('shape [2, 2] holds 4 values, got 3');
  });
});
