import { describe, expect, it } from 'vitest';
import { loadFixture } from '../density/test-support.ts';
import { createRng } from '../rng/index.ts';
import { expectClose } from '../testing/expect-close.ts';
import { rejection } from '../testing/rejection.ts';
import { gaussianRows, mapRows, randomOrthogonal, reluOf } from '../testing/representations.ts';
import { linearCka, linearCkaMatrix } from './linear-cka.ts';
import { createSimilarityAccumulator, similarityStatistics } from './similarity-accumulator.ts';

interface Case { name: string; n: number; dims: number[]; representations: number[][]; cka: number[][]; procrustes: number[][] }
const fixture = loadFixture<{ cases: Case[] }>('analysis', 'similarity.json');

describe('linearCkaMatrix vs the n × n unbiased-HSIC formula in numpy', () => {
  // The reference forms K = XXᵀ and applies Song et al.'s formula directly; core never forms K.
  // Both are float64 sums of O(n²) terms of similar size: agreement to 1e-10 (observed ≤ 8e-13, and
  // 2.3e-11 in the offset-100 case, where the reference's K = XXᵀ itself cancels ~10⁴-sized entries).
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const reps = c.representations.map((values, l) => ({ values: Float64Array.from(values), dim: c.dims[l] }));
    for (const batchRows of [4096, 7]) {
      const got = linearCkaMatrix(similarityStatistics(reps, c.n, batchRows));
      expectClose(got.cka, c.cka.flat(), 1e-10, `${c.name}, batches of ${batchRows}`);
    }
  });
});

describe('linearCka invariants', () => {
  const rng = createRng(21);
  const n = 400;
  const [p, q] = [12, 7];
  const x = gaussianRows(n, p, rng);
  const y = reluOf(x, n, p, q, rng);
  const base = linearCka(x, y, n, p, q);

  it('CKA(X, X) = 1 and CKA is symmetric', () => {
    expect(linearCka(x, x, n, p, p)).toBeCloseTo(1, 14);
    expect(linearCka(y, x, n, q, p)).toBeCloseTo(base, 13);
    expect(base).toBeGreaterThan(0.2);
    expect(base).toBeLessThan(0.95);
  });

  // Exact invariances of the estimator: only float64 rounding of O(n·p) sums separates the values.
  it('is invariant to orthogonal transforms, isotropic scaling and translation of either side', () => {
    const rotated = mapRows(x, n, p, randomOrthogonal(p, rng), p, 3.7, Array.from({ length: p }, (_, j) => 10 * j - 40));
    const yRotated = mapRows(y, n, q, randomOrthogonal(q, rng), q, 0.01);
    expect(linearCka(rotated, y, n, p, q)).toBeCloseTo(base, 12);
    expect(linearCka(x, yRotated, n, p, q)).toBeCloseTo(base, 12);
    expect(linearCka(rotated, mapRows(x, n, p, randomOrthogonal(p, rng), p), n, p, p)).toBeCloseTo(1, 12);
  });

  it('is not invariant to anisotropic scaling (a check that the invariance tests can fail)', () => {
    const stretch = new Float64Array(p * p);
    for (let j = 0; j < p; j++) stretch[j * p + j] = j === 0 ? 20 : 1;
    expect(Math.abs(linearCka(mapRows(x, n, p, stretch, p), y, n, p, q) - base)).toBeGreaterThan(0.05);
  });

  it('is near 0 for independent representations (debiased), unlike the plug-in estimator', () => {
    const noise = gaussianRows(n, q, rng);
    // Under independence the unbiased HSIC has mean 0 and s.d. ≈ √2·‖Σx‖‖Σy‖/n; CKA ≈ N(0, (√2/n)²·…) ≲ 0.01 here.
    expect(Math.abs(linearCka(x, noise, n, p, q))).toBeLessThan(0.02);
  });

  it('does not depend on how the rows are batched', () => {
    const whole = linearCka(x, y, n, p, q);
    const accumulator = createSimilarityAccumulator([p, q]);
    for (let start = 0; start < n; ) {
      const rows = Math.min(1 + (start % 5), n - start);
      accumulator.add([x.subarray(start * p, (start + rows) * p), y.subarray(start * q, (start + rows) * q)], rows);
      start += rows;
    }
    expect(linearCkaMatrix(accumulator.statistics()).cka[1]).toBeCloseTo(whole, 12);
  });

  it('accepts float32 input and a constant representation gives NaN, not a number', () => {
    expect(linearCka(Float32Array.from(x), Float32Array.from(y), n, p, q)).toBeCloseTo(base, 6);
    expect(linearCka(x, new Float64Array(n * 2).fill(3), n, p, 2)).toBeNaN();
  });
});

describe('linearCka rejects bad input, naming it', () => {
  it('too few examples, wrong lengths, non-finite values', () => {
    expect(rejection(() => linearCka(new Float64Array(3), new Float64Array(3), 3, 1, 1)).parameter).toBe('statistics');
    expect(rejection(() => linearCka(new Float64Array(10), new Float64Array(9), 5, 2, 2)).parameter).toBe('representations[1]');
    const bad = new Float64Array(10);
    bad[7] = NaN;
    const error = rejection(() => linearCka(new Float64Array(10), bad, 5, 2, 2));
    expect(error.parameter).toBe('batch[1]');
    expect(error.message).toMatch(/row 3 col 1/);
    expect(rejection(() => createSimilarityAccumulator([3, 0])).parameter).toBe('dims');
  });
});
