import { describe, expect, it } from 'vitest';
import { fortranToC } from './npy-decode.ts';

describe('fortranToC', () => {
  it('reorders a rank-4 array: element (i, j, k, l) moves from the Fortran to the C offset', () => {
    const shape = [2, 3, 1, 4];
    const fortran = new Float64Array(24);
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 3; j++)
        for (let l = 0; l < 4; l++) fortran[i + 2 * (j + 3 * (0 + 1 * l))] = 1000 * i + 100 * j + l;
    const c = fortranToC(fortran, shape);
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 3; j++) for (let l = 0; l < 4; l++) expect(c[((i * 3 + j) * 1 + 0) * 4 + l]).toBe(1000 * i + 100 * j + l);
  });

  it('copies rank 0 and 1 unchanged, handles empty axes and keeps the typed-array type', () => {
    expect(Array.from(fortranToC(Int32Array.of(3, 1, 2), [3]))).toEqual([3, 1, 2]);
    expect(fortranToC(new Float32Array(0), [0, 5]).length).toBe(0);
    const big = fortranToC(BigInt64Array.of(1n, 2n, 3n, 4n), [2, 2]);
    expect(big).toBeInstanceOf(BigInt64Array);
    expect(Array.from(big)).toEqual([1n, 3n, 2n, 4n]);
  });
});
