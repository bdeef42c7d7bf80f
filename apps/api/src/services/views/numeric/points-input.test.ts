import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../errors.ts';
import { toNumericArray } from './numeric-array.ts';
import { POINT_LIMITS, readPoints } from './points-input.ts';

function failure(fn: () => unknown): BadUserInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BadUserInputError) return error;
    throw error;
  }
  throw new Error('expected a BadUserInputError');
}

describe('readPoints', () => {
  it('accepts JSON rows and base64 arrays of the stated width', () => {
    expect(readPoints({ rows: [[1, 2], [3, 4]] }, 2, 'reduced space')).toMatchObject({ n: 2, d: 2 });
    const array = toNumericArray(new Float32Array(3 * 8).fill(0.5), [3, 8]);
    const points = readPoints({ array }, 8, 'raw space');
    expect(points).toMatchObject({ n: 3, d: 8 });
    expect(points.values[23]).toBe(0.5);
  });

  it('needs exactly one of array and rows', () => {
    expect(failure(() => readPoints({}, 2, 'reduced space')).field).toBe('points');
    expect(failure(() => readPoints({ rows: [[1, 2]], array: toNumericArray([1, 2], [1, 2]) }, 2, 'reduced space')).field).toBe('points');
  });

  it('rejects a width other than the stated space has, naming the space and both widths', () => {
    const error = failure(() => readPoints({ rows: [[1, 2, 3]] }, 64, 'raw space (before the stored 64 → 16 projection)'));
    expect(error.field).toBe('points');
    expect(error.message).toMatch(/raw space \(before the stored 64 → 16 projection\) must have 64 columns, got 3/);
  });

  it('rejects NaN and infinities with the first bad row', () => {
    const array = toNumericArray([0, 1, 2, Number.NaN], [2, 2]);
    expect(failure(() => readPoints({ array }, 2, 'reduced space')).message).toMatch(/row 1 column 1 is NaN/);
  });

  it('enforces the size limits', () => {
    const shape = [POINT_LIMITS.maxPoints + 1, 1];
    const array = toNumericArray(new Float32Array(shape[0]), shape);
    expect(failure(() => readPoints({ array }, 1, 'reduced space')).field).toBe('points.array.shape');
    const rows = Array.from({ length: POINT_LIMITS.maxRows + 1 }, () => [0]);
    expect(failure(() => readPoints({ rows }, 1, 'reduced space')).field).toBe('points.rows');
  });

  it('rejects ragged rows and empty input', () => {
    expect(failure(() => readPoints({ rows: [[1, 2], [3]] }, 2, 'reduced space')).message).toMatch(/row 1 has 1 values/);
    expect(failure(() => readPoints({ rows: [] }, 2, 'reduced space')).field).toBe('points');
  });
});
