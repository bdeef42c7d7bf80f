import { describe, expect, it } from 'vitest';
import { loadFixture } from '../density/test-support.ts';
import { createRng } from '../rng/index.ts';
import { averageRanks, correlationWithCi, pearson, spearman } from './correlation.ts';
import { classificationMetrics } from './weighted-f1.ts';

interface Fixture {
  f1: { truth: number[]; predicted: number[]; accuracy: number; weightedF1: number; macroF1: number }[];
  correlation: { x: number[]; y: number[]; pearson: number; spearman: number }[];
}
const fixture = loadFixture<Fixture>('analysis', 'metrics.json');

describe('classificationMetrics vs sklearn', () => {
  // Sums of ≤ 1000 ratios of small integers in Float64: agreement to 1e-12.
  it.each(fixture.f1.map((c, i) => [i, c] as const))('case %i: accuracy, weighted and macro F1', (_i, c) => {
    const got = classificationMetrics(c.truth, c.predicted);
    expect(got.accuracy).toBeCloseTo(c.accuracy, 12);
    expect(got.weightedF1).toBeCloseTo(c.weightedF1, 12);
    expect(got.macroF1).toBeCloseTo(c.macroF1, 12);
  });

  it('rejects mismatched lengths', () => {
    expect(() => classificationMetrics([1, 2], [1])).toThrow(/predicted/);
  });
});

describe('pearson and spearman vs scipy', () => {
  it.each(fixture.correlation.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    expect(pearson(c.x, c.y)).toBeCloseTo(c.pearson, 12);
    expect(spearman(c.x, c.y)).toBeCloseTo(c.spearman, 12);
  });

  it('gives average ranks to ties', () => {
    expect(Array.from(averageRanks([10, 20, 10, 30, 20, 20]))).toEqual([1.5, 4, 1.5, 6, 4, 4]);
  });

  it('bootstraps a seeded interval that contains the estimate', () => {
    const c = fixture.correlation[0];
    const a = correlationWithCi(c.x, c.y, { method: 'spearman', rng: createRng(5), resamples: 400 });
    const b = correlationWithCi(c.x, c.y, { method: 'spearman', rng: createRng(5), resamples: 400 });
    expect(a).toEqual(b);
    expect(a.lower).toBeLessThan(a.estimate);
    expect(a.upper).toBeGreaterThan(a.estimate);
    // n = 200, r ≈ 0.54: Fisher-z half-width ≈ 1.96/√197 in z, ≈ 0.1 in r; the bootstrap should be close.
    expect(a.upper - a.lower).toBeGreaterThan(0.12);
    expect(a.upper - a.lower).toBeLessThan(0.32);
  });
});
