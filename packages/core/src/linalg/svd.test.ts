import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/index.ts';
import { createRng } from '../rng/index.ts';
import { silenceCpuBanner } from '../tensor/backend-loaders.ts';
import { expectClose, maxAbs } from '../testing/expect-close.ts';
import { linalgReference, type SvdCase } from '../testing/linalg-reference.ts';
import { gramMatrix, gramMatrixTensor, project, truncatedSvdViaGram, type TruncatedSvd } from './index.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  silenceCpuBanner();
});

/** ⟨a_i, b_j⟩ for rows i of a [p, D] and j of b [q, D]. */
function rowDot(a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number, dim: number): number {
  let sum = 0;
  for (let k = 0; k < dim; k++) sum += a[i * dim + k] * b[j * dim + k];
  return sum;
}

/** max |P_ours − P_numpy| for the projectors onto the top-k right singular subspaces. */
function projectorGap(svd: TruncatedSvd, { vt, dim, k }: SvdCase): number {
  let worst = 0;
  for (let a = 0; a < dim; a++) {
    for (let b = 0; b < dim; b++) {
      let ours = 0;
      let theirs = 0;
      for (let j = 0; j < k; j++) {
        ours += svd.components[j * dim + a] * svd.components[j * dim + b];
        theirs += vt[j * dim + a] * vt[j * dim + b];
      }
      worst = Math.max(worst, Math.abs(ours - theirs));
    }
  }
  return worst;
}

// numpy.linalg.svd references (make_linalg_fixtures.py) on uncentred, non-negative, low-rank-plus-
// noise matrices like pooled post-ReLU activations: tall (n > D) and wide (n < D).
describe.each(linalgReference.svd)('truncatedSvdViaGram on $name (typed arrays)', (c) => {
  let svd: TruncatedSvd;
  beforeAll(async () => {
    svd = await truncatedSvdViaGram(Float64Array.from(c.x), c.n, c.dim, c.k, { gram: 'typed' });
  });

  // Squared singular values are eigenvalues of XᵀX, whose computed entries carry errors up to
  // n·ε·Σ|x_a||x_b| ≤ n·ε·s_max² (worst case); the eigensolver adds D·ε·s_max². The fixture's
  // 15 significant digits put another 1e-14 relative on s². So we compare s² with tolerance
  // ((n + D)·ε + 1e-14)·s_max² ≈ 5e-14·s_max²; a small s then has an error ≈ tol/(2s).
  it('singular values match numpy (as s², to ((n + D)·ε + 1e-14)·s_max²)', () => {
    const sMax = c.singularValues[0];
    const tol = ((c.n + c.dim) * Number.EPSILON + 1e-14) * sMax * sMax;
    expectClose(svd.singularValues.map((s) => s * s), c.singularValues.map((s) => s * s), tol, 's²');
  });

  it('cumulative variance fractions match numpy and end at 1', () => {
    expectClose(svd.varianceFraction, c.varianceFraction, 1e-12, 'varianceFraction');
    expect(svd.varianceFraction.at(-1)).toBeCloseTo(1, 14);
  });

  // Davis–Kahan: the top-k subspace moves by ≲ ‖ΔG‖/(s_k² − s_{k+1}²); the scripted spectra have
  // relative gaps ≥ 1e-2·s_max² at k, so ≈ 4e-14/1e-2 ≈ 4e-12. Allow 1e-10.
  it('spans the same top-k subspace, with orthonormal rows signed by their largest entry', () => {
    const s2 = c.singularValues.map((s) => s * s);
    expect((s2[c.k - 1] - (s2[c.k] ?? 0)) / s2[0]).toBeGreaterThan(1e-2);
    expect(projectorGap(svd, c)).toBeLessThan(1e-10);
    for (let i = 0; i < c.k; i++) {
      for (let j = 0; j < c.k; j++) expect(Math.abs(rowDot(svd.components, i, svd.components, j, c.dim) - (i === j ? 1 : 0))).toBeLessThan(1e-13);
      const row = Array.from(svd.components.subarray(i * c.dim, (i + 1) * c.dim));
      expect(row.reduce((m, v) => (Math.abs(v) > Math.abs(m) ? v : m), 0)).toBeGreaterThan(0);
    }
  });

  it('project gives Z = X V_kᵀ up to each component’s sign', () => {
    const rows = Math.min(10, c.n);
    const z = project(Float64Array.from(c.x.slice(0, rows * c.dim)), rows, c.dim, svd.components, c.k);
    const signs = Array.from({ length: c.k }, (_, j) => Math.sign(rowDot(svd.components, j, c.vt, j, c.dim)));
    const want = c.projectionHead.map((v, i) => v * signs[i % c.k]);
    expectClose(z, want, 1e-9 * maxAbs(want), 'Z');
  });
});

describe('truncatedSvdViaGram on TensorFlow.js (cpu backend)', () => {
  const c = linalgReference.svd.find((s) => s.name.startsWith('tall 150'))!;

  // The tensor path rounds X to float32 (relative 6e-8) and sums each chunk's products in float32,
  // ≤ chunkRows terms: Gram errors ≲ chunkRows·6e-8·s_max² = 3e-6·s_max² at 50 rows per chunk.
  // So s² agrees to 1e-5·s_max², and the subspace (gap ≥ 1e-2·s_max²) to ≈ 1e-3.
  it('agrees with numpy to float32 accuracy and disposes every tensor', async () => {
    const before = tf.memory().numTensors;
    const svd = await truncatedSvdViaGram(Float32Array.from(c.x), c.n, c.dim, c.k, { gram: 'tensor', chunkRows: 50 });
    expect(tf.memory().numTensors).toBe(before);
    const sMax2 = c.singularValues[0] ** 2;
    expectClose(svd.singularValues.map((s) => s * s), c.singularValues.map((s) => s * s), 1e-5 * sMax2, 's² (float32)');
    expect(projectorGap(svd, c)).toBeLessThan(1e-3);
  });

  it('gramMatrixTensor equals gramMatrix to float32 accuracy, for Float64Array input too', async () => {
    const rng = createRng(3);
    const n = 257;
    const dim = 9;
    const x = Float64Array.from({ length: n * dim }, () => Math.abs(rng.normal()));
    const exact = gramMatrix(x, n, dim);
    const viaTf = await gramMatrixTensor(x, n, dim, 100);
    expectClose(viaTf, exact, 100 * 1.2e-7 * maxAbs(exact), 'XᵀX');
  });
});

describe('gramMatrix', () => {
  it('equals the naive Σ_i x_i x_iᵀ across block boundaries (n = 130, D = 5)', () => {
    const rng = createRng(5);
    const n = 130;
    const dim = 5;
    const x = Float32Array.from({ length: n * dim }, () => rng.normal());
    const naive = new Float64Array(dim * dim);
    for (let i = 0; i < n; i++) for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) naive[a * dim + b] += x[i * dim + a] * x[i * dim + b];
    // Only the summation order differs: ≲ n·ε·Σ|x_a x_b| ≈ 130·2.2e-16·130.
    expectClose(gramMatrix(x, n, dim), naive, 1e-11, 'XᵀX');
  });
});

describe('input checks', () => {
  it('rejects k outside [1, min(n, D)] and a wrong-length x', async () => {
    const x = new Float64Array(12).fill(1);
    await expect(truncatedSvdViaGram(x, 3, 4, 4)).rejects.toMatchObject({ parameter: 'k' });
    await expect(truncatedSvdViaGram(x, 3, 4, 0)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(truncatedSvdViaGram(x, 4, 4, 1)).rejects.toMatchObject({ parameter: 'x' });
    expect(() => project(x, 3, 4, new Float64Array(4), 2)).toThrow(InvalidArgumentError);
  });

  it('treats an all-zero matrix as having zero variance everywhere', async () => {
    const svd = await truncatedSvdViaGram(new Float64Array(6), 2, 3, 1);
    expect(Array.from(svd.singularValues)).toEqual([0, 0]);
    expect(Array.from(svd.varianceFraction)).toEqual([0, 0]);
  });
});
