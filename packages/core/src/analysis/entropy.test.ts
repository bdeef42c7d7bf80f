import { describe, expect, it } from 'vitest';
import { component, mixtureOf, modelOf, affineModel } from '../density/test-support.ts';
import { cholesky, logDetFromCholesky } from '../linalg/index.ts';
import { createRng } from '../rng/index.ts';
import { normalsOneByOne } from '../rng/test-support.ts';
import { digamma, lgamma } from '../special/index.ts';
import { differentialEntropy } from './differential-entropy.ts';
import { relativeEntropy } from './relative-entropy.ts';

/** A near-Gaussian class N(mean, Σ) (ν = 1e8) with reference q = N(mean, diag Σ), two identical traces. */
function gaussianClass(mean: number[], sigma: number[]) {
  const d = mean.length;
  const diag = mean.map((_, j) => sigma[j * d + j]);
  return mixtureOf(0, [component(0.5, 1e8, mean, sigma, 0), component(0.5, 1e8, mean, sigma, 1)], mean, diag);
}

const SIGMA = [4, 1.2, -0.6, 0.3, 1.2, 1, 0.2, 0, -0.6, 0.2, 2, 0.5, 0.3, 0, 0.5, 0.7];

describe('relativeEntropy (METHOD.md E, K.1 item 7)', () => {
  // Closed form for a Gaussian: D_KL(N(μ,Σ) ‖ N(μ, diag Σ)) = −½ ln det R. With ν = 1e8 the t-vs-Gaussian
  // difference is O(d²/ν) ≈ 1e-7. Monte-Carlo: accept 4 reported s.e.
  it('matches −½ ln det R for a correlated Gaussian, with s.e. ∝ 1/√m', async () => {
    const model = modelOf([gaussianClass([1, -2, 0.5, 3], SIGMA)], 'log');
    const l = cholesky(Float64Array.from(SIGMA), 4);
    const closed = -0.5 * (logDetFromCholesky(l, 4) - [0, 5, 10, 15].reduce((s, i) => s + Math.log(SIGMA[i]), 0));
    const big = await relativeEntropy(model, 0, { rng: createRng(1), samplesPerTrace: 20_000, kernel: 'exact' });
    expect(big.perTrace).toHaveLength(2);
    expect(Math.abs(big.estimate - closed), `estimate ${big.estimate} vs ${closed} (s.e. ${big.standardError})`).toBeLessThan(4 * big.standardError);
    const small = await relativeEntropy(model, 0, { rng: createRng(2), samplesPerTrace: 5_000, kernel: 'exact' });
    expect(small.standardError / big.standardError).toBeGreaterThan(2 * 0.85);
    expect(small.standardError / big.standardError).toBeLessThan(2 * 1.15);
    // The tensor kernel gives the same estimate up to float32 error in log p (~1e-5).
    const tensor = await relativeEntropy(model, 0, { rng: createRng(1), samplesPerTrace: 20_000 });
    expect(Math.abs(tensor.estimate - big.estimate)).toBeLessThan(1e-4);
  });

  // d = 3 is odd, so consecutive samples' fills start with and without a pending spare normal.
  it('is bit-identical to the draws made one normal() at a time', async () => {
    const model = modelOf([mixtureOf(0, [component(0.3, 4, [0, 1, 2], [1, 0.4, 0, 0.4, 1, 0.2, 0, 0.2, 2], 0), component(0.2, 6, [0, 0, 1], [1, 0, 0, 0, 1, 0, 0, 0, 1], 0), component(0.5, 9, [1, 0, 0], [2, 0, 0.5, 0, 1, 0, 0.5, 0, 1], 1)], [0, 1, 1], [1, 1, 2])], 'log');
    const run = (oneByOne: boolean) => relativeEntropy(model, 0, { rng: oneByOne ? normalsOneByOne(createRng(4)) : createRng(4), samplesPerTrace: 777, batchSize: 250, kernel: 'exact' });
    const [batched, reference] = [await run(false), await run(true)];
    expect(Array.from(batched.perTrace)).toEqual(Array.from(reference.perTrace));
    expect(batched.standardError).toBe(reference.standardError);
    expect(batched.estimate).toBeGreaterThan(0);
  });

  // Diagonal Σ: p ≈ q pointwise (differences O(d²/ν + m²/ν) ≈ 1e-6), so the estimate is ~0 for every sample.
  it('is 0 for a diagonal Gaussian', async () => {
    const model = modelOf([gaussianClass([0, 5, -1], [2, 0, 0, 0, 0.5, 0, 0, 0, 9])], 'log');
    const result = await relativeEntropy(model, 0, { rng: createRng(3), samplesPerTrace: 5_000, kernel: 'exact' });
    expect(Math.abs(result.estimate)).toBeLessThan(1e-5);
  });

  it('rejects a bad class index and sample count', async () => {
    const model = modelOf([gaussianClass([0], [1])], 'log');
    await expect(relativeEntropy(model, 3, { rng: createRng(0) })).rejects.toMatchObject({ parameter: 'classIndex' });
    await expect(relativeEntropy(model, 0, { rng: createRng(0), samplesPerTrace: 1 })).rejects.toMatchObject({ parameter: 'samplesPerTrace' });
  });
});

describe('differentialEntropy (METHOD.md E, K.1 item 8)', () => {
  // H = ½ ln det Σ̃ + ln[(νπ)^{d/2} Γ(ν/2)/Γ((ν+d)/2)] + ((ν+d)/2)[ψ((ν+d)/2) − ψ(ν/2)]; 4 s.e.
  it('matches the closed form of one multivariate t', async () => {
    const nu = 5;
    const d = 3;
    const shape = [2, 0.5, 0.1, 0.5, 1, -0.3, 0.1, -0.3, 0.8];
    const model = modelOf([mixtureOf(0, [component(1, nu, [1, 2, 3], shape)], [0, 0, 0], [1, 1, 1])]);
    const l = cholesky(Float64Array.from(shape), d);
    const closed =
      0.5 * logDetFromCholesky(l, d) +
      (d / 2) * Math.log(nu * Math.PI) +
      lgamma(nu / 2) -
      lgamma((nu + d) / 2) +
      ((nu + d) / 2) * (digamma((nu + d) / 2) - digamma(nu / 2));
    const result = await differentialEntropy(model, 0, { rng: createRng(9), samplesPerTrace: 40_000, kernel: 'exact' });
    expect(Math.abs(result.estimate - closed), `estimate ${result.estimate} vs ${closed} (s.e. ${result.standardError})`).toBeLessThan(4 * result.standardError);
  });
});

describe('affine invariance of the entropy estimators (K.1 item 10)', () => {
  const mixed = mixtureOf(
    0,
    [component(0.3, 4, [0, 0, 0], [1, 0.4, 0, 0.4, 2, 0.3, 0, 0.3, 1], 0), component(0.2, 9, [3, 1, -1], [0.5, 0, 0, 0, 0.5, 0, 0, 0, 0.5], 0), component(0.5, 6, [1, 1, 1], [2, -0.5, 0.2, -0.5, 1, 0, 0.2, 0, 1], 1)],
    [1, 0.5, 0],
    [2, 1.5, 1],
  );
  const model = modelOf([mixed], 'log');
  const options = (seed: number) => ({ rng: createRng(seed), samplesPerTrace: 4_000, kernel: 'exact' as const });

  // Positive scales map every sample pathwise (same stream), so the estimates agree to rounding.
  it('leaves relative entropy unchanged and shifts differential entropy by Σ ln a_j (same stream)', async () => {
    const a = [2, 0.5, 3];
    const mapped = affineModel(model, a, [1, -2, 5]);
    const before = await relativeEntropy(model, 0, options(4));
    const after = await relativeEntropy(mapped, 0, options(4));
    expect(Math.abs(after.estimate - before.estimate)).toBeLessThan(1e-9);
    const h0 = await differentialEntropy(model, 0, options(4));
    const h1 = await differentialEntropy(mapped, 0, options(4));
    expect(Math.abs(h1.estimate - h0.estimate - Math.log(3))).toBeLessThan(1e-9);
  });

  // A sign flip turns the Cholesky factor into A L S, so z maps to S z: equal in distribution, not pathwise.
  // The two estimates are independent-ish draws of the same quantity: |Δ| < 4·√2 s.e.
  it('leaves relative entropy unchanged in distribution under a sign flip', async () => {
    const mapped = affineModel(model, [-1, 2, 0.5], [0, 1, 0]);
    const before = await relativeEntropy(model, 0, options(5));
    const after = await relativeEntropy(mapped, 0, options(5));
    expect(Math.abs(after.estimate - before.estimate)).toBeLessThan(4 * Math.SQRT2 * before.standardError);
  });
});
