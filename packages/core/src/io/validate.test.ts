import { describe, expect, it } from 'vitest';
import { rejection } from '../testing/rejection.ts';
import { validateActivations, validateLabels, type NpyArray } from './index.ts';

const matrix = (values: number[], shape: number[]): NpyArray => ({ dtype: 'float32', shape, data: Float32Array.from(values) });

describe('validateActivations', () => {
  it('copies a finite [n, d] matrix of any dtype to float64', () => {
    const source = matrix([1, 2, 3, 4, 5, 6], [3, 2]);
    const out = validateActivations(source, 'activations');
    expect(out).toMatchObject({ n: 3, d: 2 });
    expect(Array.from(out.data)).toEqual([1, 2, 3, 4, 5, 6]);
    out.data[0] = 99;
    expect(source.data[0]).toBe(1);
    const ints = validateActivations({ dtype: 'int64', shape: [1, 2], data: BigInt64Array.of(3n, -4n) }, 'x');
    expect(Array.from(ints.data)).toEqual([3, -4]);
  });

  it('names the first non-finite value by row and column', () => {
    const values = new Array(40).fill(0.5);
    values[17 * 2 + 1] = NaN;
    values[18 * 2] = Infinity;
    const error = rejection(() => validateActivations(matrix(values, [20, 2]), 'activations'));
    expect(error.parameter).toBe('activations');
    expect(error.message).toContain('row 17 col 1 is NaN');
  });

  it.each([
    ['1-D', [4]],
    ['3-D', [1, 2, 2]],
    ['no rows', [0, 4]],
    ['no columns', [4, 0]],
  ])('rejects %s input', (_, shape) => {
    const count = shape.reduce((a, b) => a * b, 1);
    expect(rejection(() => validateActivations(matrix(new Array(count).fill(1), shape), 'points')).parameter).toBe('points');
  });
});

describe('validateLabels', () => {
  it('returns Int32Array labels from int64 or integral floats', () => {
    expect(Array.from(validateLabels({ dtype: 'int64', shape: [3], data: BigInt64Array.of(2n, 0n, 1n) }, 3, 'labels'))).toEqual([2, 0, 1]);
    expect(Array.from(validateLabels(matrix([2, 0], [2]), 2, 'labels'))).toEqual([2, 0]);
  });

  it.each([
    ['wrong length', matrix([1, 2, 3], [3]), 4],
    ['2-D', matrix([1, 2, 3, 4], [2, 2]), 4],
    ['fractional', matrix([1, 2.5], [2]), 2],
    ['NaN', matrix([1, NaN], [2]), 2],
    ['beyond int32', { dtype: 'int64', shape: [1], data: BigInt64Array.of(2n ** 31n) } as NpyArray, 1],
  ])('rejects %s labels, naming the parameter', (_, array, n) => {
    expect(rejection(() => validateLabels(array, n, 'labels')).parameter).toBe('labels');
  });
});
