import { describe, expect, it } from 'vitest';
import { halfTable, halfToNumber } from './float16.ts';

describe('halfToNumber', () => {
  it.each([
    [0x0000, 0],
    [0x3c00, 1],
    [0xc000, -2],
    [0x7bff, 65504], // largest finite
    [0x0400, 2 ** -14], // smallest normal
    [0x0001, 2 ** -24], // smallest subnormal
    [0x03ff, 1023 * 2 ** -24], // largest subnormal
    [0x3555, 0.333251953125],
    [0x7c00, Infinity],
    [0xfc00, -Infinity],
  ])('0x%s is %s', (bits, value) => expect(halfToNumber(bits)).toBe(value));

  it('keeps the sign of zero and maps every NaN pattern to NaN', () => {
    expect(Object.is(halfToNumber(0x8000), -0)).toBe(true);
    expect(halfToNumber(0x7e00)).toBeNaN();
    expect(halfToNumber(0xfc01)).toBeNaN();
  });

  it('is exact in float32 for all 65,536 patterns and strictly increasing over the positive finite ones', () => {
    const table = halfTable();
    for (let bits = 0; bits < 65536; bits++) {
      const v = halfToNumber(bits);
      if (Number.isNaN(v)) expect(table[bits]).toBeNaN();
      else expect(table[bits]).toBe(v);
    }
    for (let bits = 1; bits < 0x7c00; bits++) expect(table[bits]).toBeGreaterThan(table[bits - 1]);
  });
});
