import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rejection } from '../testing/rejection.ts';
import { readNpy, readNpyFile, toInt32Labels, toNumberArray, writeNpy, writeNpyFile, type NpyArray } from './index.ts';

// Files written by numpy: packages/core/fixtures/numerics/make_npy_fixtures.py.
const FIXTURES = join(import.meta.dirname, 'fixtures');
const expected: Record<string, { dtype: string; shape: number[]; values: string[] }> = JSON.parse(
  readFileSync(join(FIXTURES, 'expected.json'), 'utf8'),
);
const fixture = (file: string) => new Uint8Array(readFileSync(join(FIXTURES, file)));

describe('readNpy on files written by numpy', () => {
  it.each(['float32', 'float64', 'int32', 'int64', 'scalar', 'empty', 'rank3'])('reads %s.npy exactly', (key) => {
    const array = readNpy(fixture(`${key}.npy`), `${key}.npy`);
    const want = expected[key];
    expect(array.dtype).toBe(want.dtype);
    expect(array.shape).toEqual(want.shape);
    const got = Array.from(array.data as ArrayLike<number | bigint>, String);
    expect(got).toEqual(want.values.map((v) => (array.dtype === 'int64' ? v : String(Number(v)))));
  });

  it.each(['version2', 'version3'])('reads header format %s', (key) => {
    const array = readNpy(fixture(`${key}.npy`), key);
    expect(array.shape).toEqual([2, 3]);
    expect(Array.from(array.data as Float64Array)).toEqual(expected.float64.values.map(Number));
  });

  it.each([
    ['bool', "'|b1'"],
    ['uint8', "'|u1'"],
    ['int16', "'<i2'"],
    ['complex', "'<c8'"],
    ['structured', '"a","<f4"'],
    ['object', "'|O'"],
  ])('rejects %s.npy, naming the file and what it found', (key, found) => {
    const error = rejection(() => readNpy(fixture(`${key}.npy`), `${key}.npy`));
    expect(error.parameter).toBe(`${key}.npy`);
    expect(error.message).toContain(found);
    expect(error.message).toContain('shape (');
    expect(error.message).toContain("float16 ('<f2', '>f2')");
  });
});

describe('readNpy converts what PyTorch/NumPy users write, exactly', () => {
  // numpy's repr of each logical element (C order) after widening to float64: 'inf', '-0.0' and subnormals included.
  const value = (text: string) => (text === 'inf' ? Infinity : text === '-inf' ? -Infinity : Number(text));

  it.each([
    ['big_endian', 'float32', 'big-endian → little-endian'],
    ['big_endian_f8', 'float64', 'big-endian → little-endian'],
    ['big_endian_i4', 'int32', 'big-endian → little-endian'],
    ['fortran', 'float64', 'Fortran order → C order'],
    ['fortran_rank3', 'float32', 'Fortran order → C order'],
    ['transposed', 'float32', 'Fortran order → C order'],
    ['float16', 'float32', 'float16 → float32'],
    ['float16_big_fortran', 'float32', 'float16 → float32, big-endian → little-endian, Fortran order → C order'],
  ])('reads %s.npy as C-order %s (%s)', (key, dtype, converted) => {
    const array = readNpy(fixture(`${key}.npy`), `${key}.npy`);
    const want = expected[key];
    expect(array.dtype).toBe(dtype);
    expect(array.shape).toEqual(want.shape);
    expect(array.converted).toBe(converted);
    const got = Array.from(array.data as Float32Array | Float64Array | Int32Array);
    // Object.is tells -0 from 0; every float16 value is exact in float32, so equality is exact.
    got.forEach((g, i) => expect(Object.is(g, value(want.values[i])), `${key}[${i}]: got ${g}, numpy ${want.values[i]}`).toBe(true));
  });

  it('reads big-endian int64 exactly, beyond 2^31', () => {
    const array = readNpy(fixture('big_endian_i8.npy'), 'big_endian_i8.npy');
    expect(array.dtype).toBe('int64');
    expect(Array.from(array.data as BigInt64Array, String)).toEqual(expected.big_endian_i8.values);
  });

  it('a transposed save reads as the transpose of the C-order array', () => {
    // transposed.npy is np.save(f, acts.T) for acts = arange(15).reshape(5, 3) / 2 − 3 (a C-order [5, 3]).
    const t = readNpy(fixture('transposed.npy'), 'transposed.npy');
    expect(t.shape).toEqual([3, 5]);
    for (let i = 0; i < 5; i++) for (let j = 0; j < 3; j++) expect(t.data[j * 5 + i]).toBe((i * 3 + j) * 0.5 - 3);
  });

  it('leaves native C-order files unconverted (and shares memory when asked)', () => {
    const bytes = fixture('float64.npy');
    const array = readNpy(bytes, 'float64.npy', { copy: false });
    expect(array.converted).toBeUndefined();
    expect(array.data.buffer).toBe(bytes.buffer);
  });

  it('rejects a converted file whose data size does not match', () => {
    const bytes = fixture('float16.npy');
    expect(rejection(() => readNpy(bytes.subarray(0, bytes.length - 2), 'h.npy')).message).toContain('30 data bytes expected');
  });
});

describe('readNpy on damaged bytes', () => {
  const good = fixture('float64.npy');

  it('rejects bad magic', () => {
    const bytes = good.slice();
    bytes[1] = 0x4d;
    expect(rejection(() => readNpy(bytes, 'x.npy')).parameter).toBe('x.npy');
  });

  it('rejects an unknown version', () => {
    const bytes = good.slice();
    bytes[6] = 4;
    expect(rejection(() => readNpy(bytes, 'x.npy')).message).toContain('version 4');
  });

  it('rejects a malformed header dict', () => {
    const bytes = good.slice();
    expect(String.fromCharCode(bytes[10])).toBe('{');
    bytes[10] = '['.charCodeAt(0); // the dict literal no longer parses
    expect(rejection(() => readNpy(bytes, 'x.npy')).message).toContain('malformed');
    const missingKey = good.slice();
    missingKey[12] = 'D'.charCodeAt(0); // 'descr' → 'Descr'
    expect(rejection(() => readNpy(missingKey, 'x.npy')).message).toContain("'descr'");
  });

  it('rejects truncated data and trailing bytes, stating both sizes', () => {
    const truncated = rejection(() => readNpy(good.subarray(0, good.length - 8), 'x.npy'));
    expect(truncated.message).toContain('48 data bytes expected');
    expect(truncated.message).toContain('truncated');
    const extra = new Uint8Array(good.length + 8);
    extra.set(good);
    expect(rejection(() => readNpy(extra, 'x.npy')).message).toContain('56 data bytes');
  });

  it('rejects a header longer than the file', () => {
    expect(rejection(() => readNpy(good.subarray(0, 40), 'x.npy')).message).toContain('truncated');
  });
});

describe('writeNpy', () => {
  const samples: NpyArray[] = [
    { dtype: 'float32', shape: [2, 2], data: Float32Array.of(1.5, -0, Infinity, NaN) },
    { dtype: 'float64', shape: [3], data: Float64Array.of(Math.PI, -1e-300, 5e-324) },
    { dtype: 'int32', shape: [1, 2], data: Int32Array.of(-(2 ** 31), 2 ** 31 - 1) },
    { dtype: 'int64', shape: [2], data: BigInt64Array.of(-(2n ** 63n), 2n ** 63n - 1n) },
    { dtype: 'float64', shape: [], data: Float64Array.of(7) },
    { dtype: 'float32', shape: [0, 4], data: new Float32Array(0) },
  ];

  it.each(samples)('round-trips $dtype $shape bit-exactly', (array) => {
    const bytes = writeNpy(array);
    expect((bytes.length - array.data.byteLength) % 64).toBe(0); // data starts 64-byte aligned, as numpy writes
    const back = readNpy(bytes, 'roundtrip.npy');
    expect(back.dtype).toBe(array.dtype);
    expect(back.shape).toEqual(array.shape);
    expect(new Uint8Array(back.data.buffer, back.data.byteOffset, back.data.byteLength)).toEqual(
      new Uint8Array(array.data.buffer, array.data.byteOffset, array.data.byteLength),
    );
  });

  it('writes the same bytes numpy writes', () => {
    const ours = writeNpy({ dtype: 'float64', shape: [2, 3], data: Float64Array.from(expected.float64.values, Number) });
    expect(ours).toEqual(fixture('float64.npy'));
  });

  it('rejects data that does not match dtype or shape', () => {
    expect(rejection(() => writeNpy({ dtype: 'float32', shape: [3], data: new Float64Array(3) } as never)).parameter).toBe('array');
    expect(rejection(() => writeNpy({ dtype: 'int32', shape: [2, 2], data: new Int32Array(3) })).parameter).toBe('array');
  });
});

describe('int64 conversions', () => {
  const int64 = readNpy(fixture('int64.npy'), 'int64.npy');
  const unsafe = readNpy(fixture('int64_unsafe.npy'), 'int64_unsafe.npy');

  it('toNumberArray keeps safe integers exact and rejects the rest', () => {
    expect(Array.from(toNumberArray(int64, 'labels'))).toEqual(expected.int64.values.map(Number));
    expect(rejection(() => toNumberArray(unsafe, 'labels')).message).toContain('element 1');
  });

  it('toInt32Labels accepts integral values of any dtype and rejects others', () => {
    const labels: NpyArray = { dtype: 'int64', shape: [6], data: (int64.data as BigInt64Array).subarray(0, 6) };
    expect(Array.from(toInt32Labels(labels, 'labels'))).toEqual([19, 29, 0, 11, 1, 86]);
    expect(rejection(() => toInt32Labels(int64, 'labels')).message).toContain('element 6');
    expect(Array.from(toInt32Labels({ dtype: 'float32', shape: [2], data: Float32Array.of(3, -1) }, 'y'))).toEqual([3, -1]);
    expect(rejection(() => toInt32Labels({ dtype: 'float64', shape: [2], data: Float64Array.of(3, 0.5) }, 'y')).parameter).toBe('y');
  });
});

describe('readNpyFile / writeNpyFile', () => {
  let dir: string | undefined;
  afterAll(async () => dir && rm(dir, { recursive: true, force: true }));

  it('writes atomically (no temporary left behind) and reads back', async () => {
    dir = await mkdtemp(join(tmpdir(), 'classfit-npy-'));
    const path = join(dir, 'a.npy');
    const array: NpyArray = { dtype: 'int32', shape: [3], data: Int32Array.of(4, 5, 6) };
    await writeNpyFile(path, array);
    await writeNpyFile(path, array); // overwriting an existing file works too
    expect(await readdir(dir)).toEqual(['a.npy']);
    expect(Array.from((await readNpyFile(path)).data as Int32Array)).toEqual([4, 5, 6]);
  });

  it('names the path of a missing file', async () => {
    const path = join(tmpdir(), 'classfit-definitely-missing.npy');
    await expect(readNpyFile(path)).rejects.toMatchObject({ name: 'InvalidArgumentError', parameter: path });
  });
});
