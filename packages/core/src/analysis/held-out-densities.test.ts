import { describe, expect, it } from 'vitest';
import { fitClassDensities } from '../dpgmm/fit.ts';
import { classData } from '../dpgmm/testing/fixtures.ts';
import { InvalidArgumentError } from '../errors/index.ts';
import { createRng } from '../rng/index.ts';
import { heldOutDensities } from './held-out-densities.ts';

/** n standard-normal points in d dimensions. */
function gaussian(n: number, d: number, seed: number): Float64Array {
  const rng = createRng(seed, 7);
  return Float64Array.from({ length: n * d }, () => rng.normal());
}

const OPTIONS = { iterations: 30, burnIn: 10, thin: 5, chains: 1, seed: 3, workers: 1 };

describe('heldOutDensities (docs/method.md, held-out densities)', () => {
  it('a well-sampled Gaussian class scores fresh points as high as its training points; a few points in many dimensions do not', async () => {
    // Class 0: 1500 training points of N(0, I₂). Class 1: 14 training points of N(0, I₁₂) (fewer points than a
    // full covariance has parameters: 12 + 78).
    const wide = { n: 1500, d: 2 };
    const narrow = { n: 14, d: 12 };
    // Different dimensions: two one-class fits.
    const fitOne = async (n: number, d: number, seed: number) => (await fitClassDensities([classData(0, gaussian(n, d, seed), n)], OPTIONS)).predictive;
    const heldN = 1000;

    const good = await fitOne(wide.n, wide.d, 1);
    const [g] = await heldOutDensities(good, { points: gaussian(wide.n, wide.d, 1), labels: new Int32Array(wide.n) },
      { points: gaussian(heldN, wide.d, 2), labels: new Int32Array(heldN) }, 'reduced');
    expect(g).toMatchObject({ label: 0, inSampleCount: 1500, heldOutCount: 1000 });
    // The log-density of N(0, I₂) at its own samples has mean −log 2π − 1 ≈ −2.84 and s.d. 1 (half a χ²₂), so the
    // held-out mean has a standard error of 1/√1000 ≈ 0.032 nats and the in-sample one 1/√1500 ≈ 0.026; the optimism of
    // an in-sample mean (≈ parameters / n = 5/1500 ≈ 0.003 nats for one Gaussian) is far below that. 0.15 nats is
    // about 4 standard errors of the difference.
    const truth = -Math.log(2 * Math.PI) - 1;
    expect(Math.abs(g.inSampleMean - truth)).toBeLessThan(0.15);
    expect(Math.abs(g.heldOutMean - truth)).toBeLessThan(0.15);
    expect(Math.abs(g.gap)).toBeLessThan(0.15);
    expect(g.gap).toBeCloseTo(g.inSampleMean - g.heldOutMean, 12);

    const over = await fitOne(narrow.n, narrow.d, 3);
    const [o] = await heldOutDensities(over, { points: gaussian(narrow.n, narrow.d, 3), labels: new Int32Array(narrow.n) },
      { points: gaussian(heldN, narrow.d, 4), labels: new Int32Array(heldN) }, 'reduced');
    expect(o).toMatchObject({ inSampleCount: 14, heldOutCount: 1000 });
    // With 14 points for 90 covariance parameters the density sits on its training points: they score well above
    // fresh points of the same Gaussian, far beyond the sampling error of either mean (s.d. √6 ≈ 2.4 nats per point).
    // (Measured: a gap of ≈ 19 nats; the well-sampled class's is ≈ −0.01.)
    expect(o.gap).toBeGreaterThan(5);
  }, 120_000);

  it('gives NaN (no held-out number) for a class without held-out points, and refuses labels the fit does not have', async () => {
    const a = gaussian(40, 2, 5);
    const b = Float64Array.from(gaussian(40, 2, 6), (v) => v + 5);
    const model = (await fitClassDensities([classData(0, a, 40), classData(1, b, 40)], OPTIONS)).predictive;
    const both = { points: Float64Array.of(...a, ...b), labels: Int32Array.from({ length: 80 }, (_, i) => (i < 40 ? 0 : 1)) };
    const result = await heldOutDensities(model, both, { points: gaussian(5, 2, 7), labels: new Int32Array(5) }, 'reduced');
    expect(result.map((r) => [r.label, r.inSampleCount, r.heldOutCount])).toEqual([[0, 40, 5], [1, 40, 0]]);
    expect(result[1].heldOutMean).toBeNaN();
    expect(result[1].gap).toBeNaN();
    expect(Number.isFinite(result[0].gap)).toBe(true);
    await expect(heldOutDensities(model, both, { points: gaussian(1, 2, 8), labels: [7] }, 'reduced')).rejects.toThrow(InvalidArgumentError);
  }, 60_000);
});
