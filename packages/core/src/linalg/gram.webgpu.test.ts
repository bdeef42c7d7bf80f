/**
 * The SVD's Gram matrix XᵀX on the webgpu backend against the Float64 typed-array kernel and numpy.
 *
 * Tolerance (rigorous, worst case): the tensor path rounds X to float32 (relative u = 2⁻²⁴ per entry)
 * and sums each chunk of m rows in float32 in whatever order the GPU's tiled matmul uses, then adds the
 * chunk results in float64. Any order of summing m products obeys |error| ≤ γ_m·Σ|x_ra x_rb|
 * (γ_m = m·u/(1 − m·u)), and the two input roundings add 2u·Σ|x_ra x_rb|, so per entry
 * |ΔG_ab| ≤ (γ_m + 2u)·Σ_r |x_ra||x_rb| (float64 work: below 1e-15 relative, negligible). Weyl's
 * inequality turns that into |Δs_i²| ≤ ‖ΔG‖₂ ≤ ‖ΔG‖_F for the squared singular values, and
 * Davis–Kahan bounds the top-k subspace's movement by ‖ΔG‖₂/(s_k² − s_{k+1}²).
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../rng/index.ts';
import { linalgReference } from '../testing/linalg-reference.ts';
import { useWebGpu, webgpuUnavailable, withoutLeaks } from '../testing/webgpu.ts';
import { gramMatrix, gramMatrixTensor } from './gram.ts';
import { truncatedSvdViaGram } from './svd.ts';

const U = 2 ** -24;

/** The entrywise bound above: (γ_m + 2u)·Σ_r |x_ra||x_rb|, [D, D]. */
function gramErrorBound(x: ArrayLike<number>, n: number, dim: number, chunkRows: number): Float64Array {
  const m = Math.min(chunkRows, n);
  const factor = (m * U) / (1 - m * U) + 2 * U;
  const abs = Float64Array.from(x, Math.abs);
  return gramMatrix(abs, n, dim).map((v) => factor * v);
}

function frobenius(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * values[i];
  return Math.sqrt(sum);
}

const unavailable = await webgpuUnavailable();

describe.skipIf(unavailable !== null)('Gram matrix and SVD on webgpu', () => {
  beforeAll(async () => {
    await useWebGpu();
  });

  // Non-negative (post-ReLU-like) columns, Float64 input, three chunks of which the last is partial.
  it('gramMatrixTensor is within the float32 bound of the Float64 kernel, entry by entry', async () => {
    const rng = createRng(31);
    const n = 600;
    const dim = 40;
    const x = Float64Array.from({ length: n * dim }, (_, i) => Math.abs(rng.normal()) * (1 + (i % dim) / 10));
    const chunkRows = 256;
    const gpu = await withoutLeaks(() => gramMatrixTensor(x, n, dim, chunkRows));
    expect(tf.getBackend()).toBe('webgpu');
    const exact = gramMatrix(x, n, dim);
    const bound = gramErrorBound(x, n, dim, chunkRows);
    let worstRatio = 0;
    for (let i = 0; i < exact.length; i++) {
      const ratio = Math.abs(gpu[i] - exact[i]) / bound[i];
      expect(ratio, `entry ${i}: ${gpu[i]} vs ${exact[i]}, bound ${bound[i]}`).toBeLessThanOrEqual(1);
      worstRatio = Math.max(worstRatio, ratio);
    }
    // float32 really ran (a Float64 path would match exactly), well inside the worst case.
    expect(worstRatio).toBeGreaterThan(0);
    expect(worstRatio).toBeLessThan(0.5);
    for (let a = 0; a < dim; a++) for (let b = 0; b < a; b++) expect(gpu[a * dim + b]).toBe(gpu[b * dim + a]);
  });

  // numpy.linalg.svd references (fixtures/numerics), tall and wide, through the tensor Gram.
  it.each(linalgReference.svd.map((c) => [c.name, c] as const))('truncatedSvdViaGram on %s agrees with numpy within Weyl/Davis–Kahan', async (_name, c) => {
    const chunkRows = 64;
    const svd = await withoutLeaks(() => truncatedSvdViaGram(Float64Array.from(c.x), c.n, c.dim, c.k, { gram: 'tensor', chunkRows }));
    const deltaG = frobenius(gramErrorBound(c.x, c.n, c.dim, chunkRows));
    const s2 = c.singularValues.map((s) => s * s);
    // numpy's 15 digits and the float64 eigensolver add ≲ 1e-13·s_max² on top.
    const slack = deltaG + 1e-13 * s2[0];
    svd.singularValues.forEach((s, i) => expect(Math.abs(s * s - s2[i]), `s²[${i}]`).toBeLessThanOrEqual(slack));
    const gap = s2[c.k - 1] - (s2[c.k] ?? 0);
    let projectorGap = 0;
    for (let a = 0; a < c.dim; a++) {
      for (let b = 0; b < c.dim; b++) {
        let ours = 0;
        let theirs = 0;
        for (let j = 0; j < c.k; j++) {
          ours += svd.components[j * c.dim + a] * svd.components[j * c.dim + b];
          theirs += c.vt[j * c.dim + a] * c.vt[j * c.dim + b];
        }
        projectorGap = Math.max(projectorGap, Math.abs(ours - theirs));
      }
    }
    // ‖P − P'‖₂ = sin θ_max ≤ ‖ΔG‖₂/gap (Davis–Kahan sin θ); an entry of P − P' is at most its norm.
    expect(projectorGap).toBeLessThanOrEqual(Math.min(1, slack / gap));
  });
});
