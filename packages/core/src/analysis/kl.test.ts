import { describe, expect, it } from 'vitest';
import { affineModel, component, mixtureOf, modelOf } from '../density/test-support.ts';
import { cholesky, logDetFromCholesky, solveLower } from '../linalg/index.ts';
import { createRng } from '../rng/index.ts';
import { normalsOneByOne } from '../rng/test-support.ts';
import { betweenClassKl, positiveKlSummary } from './between-class-kl.ts';

/** KL(N(μ0, Σ0) ‖ N(μ1, Σ1)) = ½[tr(Σ1⁻¹Σ0) + (μ1−μ0)ᵀΣ1⁻¹(μ1−μ0) − d + ln det Σ1 − ln det Σ0]. */
function gaussianKl(mu0: number[], s0: number[], mu1: number[], s1: number[]): number {
  const d = mu0.length;
  const l1 = cholesky(Float64Array.from(s1), d);
  const l0 = cholesky(Float64Array.from(s0), d);
  let trace = 0;
  for (let j = 0; j < d; j++) {
    const column = Array.from({ length: d }, (_, i) => l0[i * d + j]);
    const y = solveLower(l1, d, column);
    trace += y.reduce((s, v) => s + v * v, 0);
  }
  const y = solveLower(l1, d, mu1.map((v, j) => v - mu0[j]));
  const maha = y.reduce((s, v) => s + v * v, 0);
  return 0.5 * (trace + maha - d + logDetFromCholesky(l1, d) - logDetFromCholesky(l0, d));
}

const MU0 = [0, 0, 0];
const S0 = [1, 0.3, 0, 0.3, 1, 0.2, 0, 0.2, 1.5];
const MU1 = [1, -0.5, 0.5];
const S1 = [2, 0, 0.4, 0, 1, 0, 0.4, 0, 1];

describe('betweenClassKl (METHOD.md F, K.1 item 9)', () => {
  // Two near-Gaussian classes (ν = 1e8), m = 20,000: per-entry variance of log p_i − log p_j is a few units,
  // s.e. ≈ 0.015; allow 0.07.
  it('matches the closed form for two Gaussians, both directions; diagonal exactly 0', async () => {
    const model = modelOf([mixtureOf(0, [component(1, 1e8, MU0, S0)], MU0, [1, 1, 1]), mixtureOf(1, [component(1, 1e8, MU1, S1)], MU1, [1, 1, 1])]);
    const kl = await betweenClassKl(model, { rng: createRng(8), samplesPerClass: 20_000, kernel: 'exact' });
    expect(kl.matrix[0]).toBe(0);
    expect(kl.matrix[3]).toBe(0);
    expect(Math.abs(kl.matrix[1] - gaussianKl(MU0, S0, MU1, S1))).toBeLessThan(0.07);
    expect(Math.abs(kl.matrix[2] - gaussianKl(MU1, S1, MU0, S0))).toBeLessThan(0.07);
    expect(positiveKlSummary(kl.matrix).count).toBe(2);
  });

  // d = 3 is odd, so consecutive samples' fills start with and without a pending spare normal.
  it('is bit-identical to the draws made one normal() at a time', async () => {
    const model = modelOf([
      mixtureOf(0, [component(0.5, 5, [0, 1, 2], [1, 0.2, 0, 0.2, 1, 0.1, 0, 0.1, 2], 0), component(0.5, 3, [2, 0, 1], [0.5, 0, 0, 0, 2, 0, 0, 0, 1], 1)], [0, 0, 0], [1, 1, 1]),
      mixtureOf(1, [component(0.5, 7, [1, 1, 0], [2, -0.3, 0, -0.3, 1, 0, 0, 0, 1], 0), component(0.5, 4, [0, 2, 1], [1, 0, 0, 0, 1, 0, 0, 0, 1], 1)], [0, 0, 0], [1, 1, 1]),
    ]);
    const run = (oneByOne: boolean) => betweenClassKl(model, { rng: oneByOne ? normalsOneByOne(createRng(12)) : createRng(12), samplesPerClass: 501, kernel: 'exact' });
    const [batched, reference] = [await run(false), await run(true)];
    expect(Array.from(batched.matrix)).toEqual(Array.from(reference.matrix));
    expect(Array.from(batched.perTrace)).toEqual(Array.from(reference.perTrace));
    expect(batched.matrix[1]).toBeGreaterThan(0);
  });

  // Identical class mixtures give log p_i(x) = log p_j(x) for every sample: every entry is exactly 0.
  it('is exactly 0 for identical classes (KL(p ‖ p))', async () => {
    const k = () => [component(0.6, 5, [0, 1], [1, 0.2, 0.2, 1], 0), component(0.4, 3, [2, 0], [0.5, 0, 0, 2], 0)];
    const model = modelOf([mixtureOf(0, k(), [0, 0], [1, 1]), mixtureOf(1, k(), [0, 0], [1, 1])]);
    const kl = await betweenClassKl(model, { rng: createRng(1), samplesPerClass: 2_000, kernel: 'exact' });
    expect(Array.from(kl.matrix)).toEqual([0, 0, 0, 0]);
  });

  // Positive scales map samples pathwise (same stream): identical to rounding. float32 tensor kernel: 1e-3.
  it('is unchanged by a per-coordinate affine map', async () => {
    const model = modelOf([
      mixtureOf(0, [component(0.25, 4, [0, 0], [1, 0.3, 0.3, 1], 0), component(0.25, 8, [1, 1], [1, 0, 0, 1], 0), component(0.5, 6, [0, 1], [2, 0, 0, 1], 1)], [0, 0], [1, 1]),
      mixtureOf(1, [component(0.5, 5, [2, 0], [1, 0, 0, 3], 0), component(0.5, 7, [3, 1], [1, -0.2, -0.2, 1], 1)], [2, 0], [1, 2]),
    ], 'log');
    const mapped = affineModel(model, [3, 0.25], [10, -4]);
    const opts = (kernel: 'exact' | 'tensor') => ({ rng: createRng(6), samplesPerClass: 3_000, kernel });
    const before = await betweenClassKl(model, opts('exact'));
    const after = await betweenClassKl(mapped, opts('exact'));
    expect(before.perTrace).toHaveLength(2 * 4);
    before.matrix.forEach((v, i) => expect(Math.abs(after.matrix[i] - v)).toBeLessThan(1e-9));
    const tensor = await betweenClassKl(mapped, opts('tensor'));
    before.matrix.forEach((v, i) => expect(Math.abs(tensor.matrix[i] - v)).toBeLessThan(1e-3));
  });

  it('summarises positive entries with the population s.d.', () => {
    expect(positiveKlSummary([0, 2, 4, 0, -1, 0])).toEqual({ mean: 3, sd: 1, count: 2 });
  });
});
