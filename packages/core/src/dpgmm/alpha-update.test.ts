import { describe, expect, it } from 'vitest';
import { createRng } from '../rng/index.ts';
import { initialAlpha, updateAlpha } from './alpha-update.ts';
import { loadReference } from './testing/fixtures.ts';

interface Case {
  K: number;
  n: number;
  a: number;
  b: number;
  mean: number;
  variance: number;
}
const cases: Case[] = loadReference().alphaPosterior;
const DRAWS = 200_000;

/** Long-run mean/variance of α under repeated updates with K and n fixed, and the batch-means s.e. of the mean. */
function longRun(c: Case, variant: 'paper' | 'textbook'): { mean: number; variance: number; se: number } {
  const rng = createRng(99, c.K * 1000 + c.n);
  let alpha = 1;
  for (let t = 0; t < 1000; t++) alpha = updateAlpha(rng, alpha, c.K, c.n, { shape: c.a, rate: c.b }, variant);
  const batches = 100, size = DRAWS / batches;
  const batchMeans: number[] = [];
  let sum = 0, sum2 = 0;
  for (let i = 0; i < batches; i++) {
    let bsum = 0;
    for (let t = 0; t < size; t++) {
      alpha = updateAlpha(rng, alpha, c.K, c.n, { shape: c.a, rate: c.b }, variant);
      bsum += alpha;
      sum += alpha;
      sum2 += alpha * alpha;
    }
    batchMeans.push(bsum / size);
  }
  const mean = sum / DRAWS;
  const bm = batchMeans.reduce((x, y) => x + y, 0) / batches;
  const se = Math.sqrt(batchMeans.reduce((x, y) => x + (y - bm) ** 2, 0) / (batches - 1) / batches);
  return { mean, variance: sum2 / DRAWS - mean * mean, se };
}

describe('updateAlpha (METHOD B.8, K.1.6)', () => {
  for (const c of cases) {
    it(`'textbook' has stationary law p(α | K=${c.K}, n=${c.n}) (quadrature reference); 'paper' is shifted up`, () => {
      const textbook = longRun(c, 'textbook');
      // 200k draws in 100 batches: the mean is within 4.5 batch s.e.; the variance within 3 %
      // (its relative s.e. with these autocorrelations is < 0.6 %).
      expect(Math.abs(textbook.mean - c.mean), `mean ${textbook.mean} ± ${textbook.se}, exact ${c.mean}`).toBeLessThan(4.5 * textbook.se);
      expect(Math.abs(textbook.variance / c.variance - 1)).toBeLessThan(0.03);
      const paper = longRun(c, 'paper');
      // Shape a+K−1+u vs a+K−u: larger whenever u = 1 — the repo's α is too large, by far more than the noise.
      expect(paper.mean - c.mean, `paper mean ${paper.mean} vs exact ${c.mean}`).toBeGreaterThan(10 * paper.se);
    });
  }

  it("initial α: 'paper' is 1 + Exp(1) (mean 2, all > 1); 'textbook' is Gamma(a, b)", () => {
    const rng = createRng(1, 1);
    let paper = 0, textbook = 0, min = Infinity;
    const m = 50_000;
    for (let i = 0; i < m; i++) {
      const x = initialAlpha(rng, { shape: 2, rate: 4 }, 'paper');
      min = Math.min(min, x);
      paper += x;
      textbook += initialAlpha(rng, { shape: 2, rate: 4 }, 'textbook');
    }
    // s.e. of the mean: 1/√m ≈ 0.0045 (paper), √(2)/4/√m ≈ 0.0016 (textbook); tolerances ≈ 5 s.e.
    expect(min).toBeGreaterThan(1);
    expect(paper / m).toBeCloseTo(2, 1);
    expect(Math.abs(textbook / m - 0.5)).toBeLessThan(0.008);
  });
});
