import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/index.ts';
import { createRng, type Rng } from './index.ts';

// Upper-tail-1e-6 chi-square quantiles from scipy.stats.chi2 (make_rng_fixtures.py).
const critical: Record<string, number> = JSON.parse(readFileSync(join(import.meta.dirname, 'rng.reference.json'), 'utf8')).chiSquareCritical1e6;

const N = 100_000;

/** Closed-form mean, variance and fourth central moment of a distribution. */
interface Moments {
  mean: number;
  variance: number;
  fourth: number;
}

/**
 * The sample mean and variance of N draws must lie within 5 standard errors of the truth:
 * s.e.(mean) = √(σ²/N) and s.e.(variance) = √((μ₄ − σ⁴)/N) (delta method). With N = 1e5 both are
 * close to normal, so a correct sampler fails a given check with probability ≈ 6e-7 — and, with a
 * fixed seed, deterministically passes — while a wrong parameterisation (scale for rate, shape
 * off by one, a broken boost for shape < 1) moves the mean or variance by tens of s.e.
 */
function expectMoments(label: string, sample: (rng: Rng) => number, truth: Moments, seed: number): void {
  const rng = createRng(seed);
  const xs = new Float64Array(N);
  for (let i = 0; i < N; i++) xs[i] = sample(rng);
  const mean = xs.reduce((s, x) => s + x, 0) / N;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (N - 1);
  const seMean = Math.sqrt(truth.variance / N);
  const seVariance = Math.sqrt((truth.fourth - truth.variance ** 2) / N);
  expect(Math.abs(mean - truth.mean), `${label}: mean ${mean}, want ${truth.mean} ± 5·${seMean}`).toBeLessThan(5 * seMean);
  expect(Math.abs(variance - truth.variance), `${label}: variance ${variance}, want ${truth.variance} ± 5·${seVariance}`).toBeLessThan(
    5 * seVariance,
  );
}

/** Gamma(a, rate b): mean a/b, variance a/b², μ₄ = 3a(a + 2)/b⁴. */
const gammaMoments = (a: number, b: number): Moments => ({ mean: a / b, variance: a / b ** 2, fourth: (3 * a * (a + 2)) / b ** 4 });

/** Beta(a, b): μ₄ = σ⁴·(3 + excess kurtosis). */
function betaMoments(a: number, b: number): Moments {
  const s = a + b;
  const variance = (a * b) / (s * s * (s + 1));
  const excess = (6 * ((a - b) ** 2 * (s + 1) - a * b * (s + 2))) / (a * b * (s + 2) * (s + 3));
  return { mean: a / s, variance, fourth: variance ** 2 * (3 + excess) };
}

/** Pearson's X² of observed counts against expected probabilities. */
function pearson(counts: ArrayLike<number>, probabilities: ArrayLike<number>, total: number): number {
  let x2 = 0;
  for (let i = 0; i < counts.length; i++) x2 += (counts[i] - total * probabilities[i]) ** 2 / (total * probabilities[i]);
  return x2;
}

describe('continuous distributions: moments within 5 standard errors', () => {
  it('uniform', () => expectMoments('uniform', (r) => r.uniform(), { mean: 0.5, variance: 1 / 12, fourth: 1 / 80 }, 1));
  it('normal', () => expectMoments('normal', (r) => r.normal(), { mean: 0, variance: 1, fourth: 3 }, 2));

  it.each([
    [0.3, 1],
    [0.3, 2.5],
    [1, 1],
    [4.5, 0.5],
    [40, 3],
  ])('gamma(shape %d, rate %d)', (a, b) => expectMoments(`gamma(${a}, ${b})`, (r) => r.gamma(a, b), gammaMoments(a, b), 3));

  it('gamma defaults to rate 1', () => expectMoments('gamma(2.5)', (r) => r.gamma(2.5), gammaMoments(2.5, 1), 4));

  it.each([
    [0.5, 0.5],
    [2, 5],
    [0.2, 3],
  ])('beta(%d, %d)', (a, b) => expectMoments(`beta(${a}, ${b})`, (r) => r.beta(a, b), betaMoments(a, b), 5));

  // χ²_k = Gamma(k/2, rate 1/2): mean k, variance 2k, μ₄ = 12k(k + 4).
  it.each([0.7, 2.5, 10])('chi-square(%d)', (k) =>
    expectMoments(`chiSquare(${k})`, (r) => r.chiSquare(k), { mean: k, variance: 2 * k, fourth: 12 * k * (k + 4) }, 6),
  );

  it('gamma rejects non-positive shape or rate', () => {
    const rng = createRng(0);
    expect(() => rng.gamma(0)).toThrow(InvalidArgumentError);
    expect(() => rng.gamma(1, -1)).toThrow(InvalidArgumentError);
    expect(() => rng.gamma(NaN)).toThrow(InvalidArgumentError);
  });

  it('uniform stays in [0, 1) and normal is symmetric (P(|z| < 1) = 0.6827 ± 5 s.e.)', () => {
    const rng = createRng(8);
    let inside = 0;
    for (let i = 0; i < N; i++) {
      const u = rng.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      if (Math.abs(rng.normal()) < 1) inside++;
    }
    const p = 0.6826894921370859; // erf(1/√2)
    expect(Math.abs(inside / N - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N));
  });
});

// Frequencies: Pearson's X² with k − 1 degrees of freedom must stay below its upper 1e-6 quantile.
describe('discrete draws', () => {
  it('categoricalLog follows normalised exp(weights), is shift-safe, never picks −Infinity, honours count', () => {
    const rng = createRng(9);
    const p = [0.1, 0, 0.2, 0.3, 0.4];
    const logWeights = [...p.map((q) => Math.log(q) + 1000), 5000]; // the last entry is beyond `count`
    const counts = new Float64Array(5);
    for (let i = 0; i < N; i++) counts[rng.categoricalLog(logWeights, 5)]++;
    expect(counts[1]).toBe(0);
    const nonzero = [0, 2, 3, 4];
    expect(pearson(nonzero.map((i) => counts[i]), nonzero.map((i) => p[i]), N)).toBeLessThan(critical['3']);
  });

  it('categoricalLog rejects weights with no finite entry', () => {
    const rng = createRng(0);
    expect(() => rng.categoricalLog([-Infinity, -Infinity])).toThrow(expect.objectContaining({ parameter: 'logWeights' }));
    expect(() => rng.categoricalLog([NaN])).toThrow(InvalidArgumentError);
  });

  it('integer(n) is uniform on 0..n−1', () => {
    const rng = createRng(10);
    const counts = new Float64Array(10);
    for (let i = 0; i < N; i++) counts[rng.integer(10)]++;
    expect(pearson(counts, new Array(10).fill(0.1), N)).toBeLessThan(critical['9']);
  });

  it('bernoulli(p) has frequency p ± 5 s.e. and is exact at 0 and 1', () => {
    const rng = createRng(11);
    let ones = 0;
    for (let i = 0; i < N; i++) ones += rng.bernoulli(0.3);
    expect(Math.abs(ones / N - 0.3)).toBeLessThan(5 * Math.sqrt((0.3 * 0.7) / N));
    for (let i = 0; i < 1000; i++) {
      expect(rng.bernoulli(0)).toBe(0);
      expect(rng.bernoulli(1)).toBe(1);
    }
  });

  it('permutation is a permutation, and all 3! orders are equally likely', () => {
    const rng = createRng(12);
    const p = rng.permutation(50);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(rng.permutation(0).length).toBe(0);
    const orders = new Map<string, number>();
    const total = 60_000;
    for (let i = 0; i < total; i++) {
      const key = rng.permutation(3).join('');
      orders.set(key, (orders.get(key) ?? 0) + 1);
    }
    expect(orders.size).toBe(6);
    expect(pearson([...orders.values()], new Array(6).fill(1 / 6), total)).toBeLessThan(critical['5']);
  });

  it('shuffle permutes in place and returns its argument', () => {
    const values = Int32Array.of(5, 6, 7, 8);
    expect(createRng(13).shuffle(values)).toBe(values);
    expect(Array.from(values).sort()).toEqual([5, 6, 7, 8]);
  });
});
