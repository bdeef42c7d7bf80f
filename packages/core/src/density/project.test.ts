import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/index.ts';
import type { PredictiveModel } from './predictive-model.ts';
import { describeSpace, pointWidth, toModelSpace } from './project.ts';
import { scoreSamplesExact } from './score.ts';
import { component, mixtureOf, modelOf } from './test-support.ts';

// A 2-D class and a rotation by 30°: a reduction that keeps every dimension (k = D = 2), as every stage of the
// demo does. Raw and reduced points have the same width, so only the caller can say which they are.
const base = modelOf([mixtureOf(0, [component(1, 7, [1, -2], [2, 0.5, 0.5, 1])], [1, -2], [2, 1])]);
const c = Math.cos(Math.PI / 6);
const s = Math.sin(Math.PI / 6);
const rotation = Float64Array.of(c, -s, s, c); // V [2, 2]
const rotated: PredictiveModel = { ...base, projection: { components: rotation, outputDim: 2, inputDim: 2 } };
const raw = Float64Array.of(0.5, 1, -3, 2, 2.5, -1);
const byHand = Float64Array.from({ length: 6 }, (_, i) => {
  const row = Math.floor(i / 2);
  const j = i % 2;
  return rotation[j * 2] * raw[row * 2] + rotation[j * 2 + 1] * raw[row * 2 + 1];
});

describe('toModelSpace: the caller states the space', () => {
  it('projects raw points even when k = D, and passes reduced points through unchanged', () => {
    expect(Array.from(toModelSpace(rotated, raw, 3, 'raw'))).toEqual(Array.from(byHand));
    expect(Array.from(toModelSpace(rotated, raw, 3, 'reduced'))).toEqual(Array.from(raw));
  });

  it('scoring raw points equals scoring the points projected by hand, exactly; reduced ≠ raw for k = D', () => {
    const viaRaw = scoreSamplesExact(rotated, raw, 3, 'raw');
    const viaReduced = scoreSamplesExact(rotated, byHand, 3, 'reduced');
    expect(Array.from(viaRaw)).toEqual(Array.from(viaReduced));
    // The pre-fix behaviour (raw points of width D = k scored unprojected) gives a different answer.
    const unprojected = scoreSamplesExact(rotated, raw, 3, 'reduced');
    expect(Math.max(...unprojected.map((v, i) => Math.abs(v - viaRaw[i])))).toBeGreaterThan(0.1);
  });

  it('treats raw and reduced alike when no projection is stored', () => {
    expect(pointWidth(base, 'raw')).toBe(2);
    expect(Array.from(toModelSpace(base, raw, 3, 'raw'))).toEqual(Array.from(raw));
  });

  it('rejects a width that does not match the stated space, naming the space and the width', () => {
    const reducing: PredictiveModel = { ...base, projection: { components: Float64Array.of(1, 0, 0, 0, 1, 0), outputDim: 2, inputDim: 3 } };
    expect(pointWidth(reducing, 'raw')).toBe(3);
    expect(() => toModelSpace(reducing, raw, 3, 'raw')).toThrowError(/raw space \(before the stored 3 → 2 projection\) must be \[n, 3\]/);
    expect(() => toModelSpace(reducing, Float64Array.of(1, 2, 3), 1, 'reduced')).toThrowError(/reduced space \(2 dimensions\) must be \[n, 2\]/);
    expect(describeSpace(reducing, 'reduced')).toBe('reduced space (2 dimensions)');
  });

  it('rejects an unknown space and non-finite values with the parameter name', () => {
    expect(() => toModelSpace(base, raw, 3, 'projected' as never)).toThrowError(InvalidArgumentError);
    try {
      toModelSpace(base, raw, 3, 'projected' as never);
    } catch (error) {
      expect((error as InvalidArgumentError).parameter).toBe('space');
    }
    expect(() => toModelSpace(rotated, Float64Array.of(1, Number.NaN), 1, 'raw')).toThrowError(/row 0/);
  });
});
