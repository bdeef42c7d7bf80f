import { describe, expect, it } from 'vitest';
import { loadFixture } from '../density/test-support.ts';
import { createRng } from '../rng/index.ts';
import { expectClose } from '../testing/expect-close.ts';
import { rejection } from '../testing/rejection.ts';
import { gaussianRows, mapRows, randomOrthogonal, reluOf } from '../testing/representations.ts';
import { procrustesDistance, procrustesDistanceMatrix } from './procrustes-distance.ts';
import { similarityStatistics } from './similarity-accumulator.ts';

interface Case { name: string; n: number; dims: number[]; representations: number[][]; procrustes: number[][] }
const fixture = loadFixture<{ cases: Case[] }>('analysis', 'similarity.json');

describe('procrustesDistanceMatrix vs numpy (centred, unit-norm, nuclear norm by SVD)', () => {
  // The nuclear norm comes from eig(CᵀC): absolute error ≈ min(p, q)·√ε ≲ 4e-7 for these widths.
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const reps = c.representations.map((values, l) => ({ values: Float64Array.from(values), dim: c.dims[l] }));
    expectClose(procrustesDistanceMatrix(similarityStatistics(reps, c.n, 11)), c.procrustes.flat(), 1e-6, c.name);
  });
});

describe('procrustesDistanceMatrix of some pairs', () => {
  it('computes the pairs asked for, as in the full matrix, and leaves the others NaN (the diagonal stays 0)', () => {
    const c = fixture.cases.find((x) => x.dims.length >= 3)!;
    const reps = c.representations.map((values, l) => ({ values: Float64Array.from(values), dim: c.dims[l] }));
    const statistics = similarityStatistics(reps, c.n);
    const m = c.dims.length;
    const full = procrustesDistanceMatrix(statistics);
    const some = procrustesDistanceMatrix(statistics, (l, k) => l === 0 && k === 1);
    for (let l = 0; l < m; l++) {
      for (let k = 0; k < m; k++) {
        const wanted = l === k || (Math.min(l, k) === 0 && Math.max(l, k) === 1);
        if (wanted) expect(some[l * m + k]).toBe(full[l * m + k]);
        else expect(some[l * m + k]).toBeNaN();
      }
    }
  });
});

describe('procrustesDistance invariants', () => {
  const rng = createRng(5);
  const n = 300;
  const [p, q] = [10, 6];
  const x = gaussianRows(n, p, rng);
  const y = reluOf(x, n, p, q, rng);
  const base = procrustesDistance(x, y, n, p, q);

  it('is 0 for a rotated, scaled, translated copy and in (0, 2] otherwise', () => {
    const copy = mapRows(x, n, p, randomOrthogonal(p, rng), p, 0.25, Array.from({ length: p }, (_, j) => j * j));
    expect(procrustesDistance(x, copy, n, p, p)).toBeLessThan(1e-6);
    expect(base).toBeGreaterThan(0.05);
    expect(base).toBeLessThanOrEqual(2);
  });

  it('is symmetric and unchanged by orthogonal transforms and isotropic scaling of either side', () => {
    expect(procrustesDistance(y, x, n, q, p)).toBeCloseTo(base, 9);
    const rotated = mapRows(y, n, q, randomOrthogonal(q, rng), q, 42, [1, 2, 3, 4, 5, 6]);
    expect(procrustesDistance(x, rotated, n, p, q)).toBeCloseTo(base, 7);
  });

  it('changes under anisotropic scaling', () => {
    const stretch = new Float64Array(p * p);
    for (let j = 0; j < p; j++) stretch[j * p + j] = j < 2 ? 10 : 1;
    expect(Math.abs(procrustesDistance(mapRows(x, n, p, stretch, p), y, n, p, q) - base)).toBeGreaterThan(0.05);
  });

  it('a constant representation gives NaN; one example is rejected', () => {
    expect(procrustesDistance(x, new Float64Array(n).fill(2), n, p, 1)).toBeNaN();
    expect(rejection(() => procrustesDistance(new Float64Array(2), new Float64Array(2), 1, 2, 2)).parameter).toBe('statistics');
  });
});
