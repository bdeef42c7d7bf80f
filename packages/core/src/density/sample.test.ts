import { describe, expect, it } from 'vitest';
import { createRng } from '../rng/index.ts';
import { sampleClass, sampleTrace } from './sample.ts';
import { component, mixtureOf } from './test-support.ts';

describe('sampleClass', () => {
  // One t component, ν = 7: mean = loc, covariance = ν/(ν−2)·Σ. With m = 40,000 draws the s.e. of a
  // mean coordinate is √(1.4·Σ_jj/m) ≤ 0.012 and of a covariance entry ≈ √(Var/m) ≈ 0.04 (t fourth
  // moments with ν = 7 are finite but heavy); tolerances are ~4 s.e.
  it('has the Student-t mean and covariance', () => {
    const shape = [2, 0.6, 0.6, 1];
    const mixture = mixtureOf(1, [component(1, 7, [3, -1], shape)], [0, 0], [1, 1]);
    const m = 40_000;
    const x = sampleClass(mixture, m, createRng(11));
    const mean = [0, 0];
    for (let i = 0; i < m; i++) for (let j = 0; j < 2; j++) mean[j] += x[2 * i + j] / m;
    expect(mean[0]).toBeCloseTo(3, 1);
    expect(Math.abs(mean[0] - 3)).toBeLessThan(0.05);
    expect(Math.abs(mean[1] + 1)).toBeLessThan(0.04);
    const cov = [0, 0, 0, 0];
    for (let i = 0; i < m; i++) {
      for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) cov[2 * a + b] += ((x[2 * i + a] - mean[a]) * (x[2 * i + b] - mean[b])) / m;
    }
    shape.forEach((s, i) => expect(Math.abs(cov[i] - (7 / 5) * s), `cov[${i}]`).toBeLessThan(0.15));
  });

  // Two far-apart components with weights 0.3/0.7: the share from the first is Binomial, s.e. 0.0046 at m = 10,000.
  it('picks components by weight, and per-trace sampling uses only that trace', () => {
    const a = component(0.3, 50, [-100], [1], 0);
    const b = component(0.7, 50, [100], [1], 1);
    const mixture = mixtureOf(1, [a, b], [0], [1]);
    const x = sampleClass(mixture, 10_000, createRng(3));
    const share = x.filter((v) => v < 0).length / 10_000;
    expect(Math.abs(share - 0.3)).toBeLessThan(0.02);
    expect(sampleTrace(mixture, 0, 500, createRng(4)).every((v) => v < 0)).toBe(true);
    expect(sampleTrace(mixture, 1, 500, createRng(4)).every((v) => v > 0)).toBe(true);
  });

  it('is reproducible for a seed and validates count', () => {
    const mixture = mixtureOf(1, [component(1, 3, [0, 0], [1, 0, 0, 1])], [0, 0], [1, 1]);
    expect(sampleClass(mixture, 5, createRng(0))).toEqual(sampleClass(mixture, 5, createRng(0)));
    expect(() => sampleClass(mixture, -1, createRng(0))).toThrow(/count/);
    expect(() => sampleTrace(mixture, 4, 1, createRng(0))).toThrow(/trace/);
  });
});
