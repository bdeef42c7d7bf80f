import { describe, expect, it } from 'vitest';
import { createRng } from '../rng/index.ts';
import { sampleClass, sampleTrace } from './sample.ts';
import { component, mixtureOf, sampleComponentsOneByOne } from './test-support.ts';
import type { KernelKind } from '../linalg/wasm/kernel-heap.ts';
import type { StudentTComponent } from './predictive-model.ts';

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

/** A component with a random SPD shape (d ≥ 1) and ν between 3 and 30. */
function randomComponent(rng: ReturnType<typeof createRng>, d: number, weight: number, trace: number): StudentTComponent {
  const a = Array.from({ length: d * d }, () => rng.normal());
  const shape = Array.from({ length: d * d }, (_, e) => {
    const [i, j] = [Math.floor(e / d), e % d];
    let s = i === j ? 0.1 : 0;
    for (let k = 0; k < d; k++) s += a[i * d + k] * a[j * d + k];
    return s;
  });
  const loc = Array.from({ length: d }, () => 5 * rng.normal());
  return component(weight, 3 + 27 * rng.uniform(), loc, shape, trace);
}

/** The bit patterns of doubles: equal arrays of these mean bit-identical results. */
function bits(values: Float64Array): bigint[] {
  return Array.from(new BigUint64Array(values.buffer));
}

describe('batched draws', () => {
  // Draws are batched (all random numbers first, then L z per component); both kernels must give
  // exactly the numbers of the one-sample-at-a-time loop, for any d (lane rows four at a time plus
  // a remainder) and any count (partial lane groups, chunks of 256).
  for (const kernels of ['js', 'wasm-simd'] as KernelKind[]) {
    it(`are bit-identical to the one-by-one loop (${kernels})`, () => {
      const rng = createRng(77);
      for (const [d, count] of [[1, 9], [3, 1], [4, 8], [7, 301], [64, 530]]) {
        const components = [0.5, 0.2, 0.25, 0.05].map((w, t) => randomComponent(rng, d, w, t % 2));
        const mixture = mixtureOf(0, components, new Array(d).fill(0), new Array(d).fill(1));
        const want = sampleComponentsOneByOne(components, count, createRng(d, count));
        expect(bits(sampleClass(mixture, count, createRng(d, count), kernels)), `d ${d}, count ${count}`).toEqual(bits(want));
        const trace1 = components.filter((k) => k.trace === 1);
        expect(bits(sampleTrace(mixture, 1, count, createRng(5), kernels))).toEqual(bits(sampleComponentsOneByOne(trace1, count, createRng(5))));
      }
    });
  }
});
